// What a difference most likely is (diagnose.cpp): each pattern with a case
// that fits exactly and one that does not.
#include <gtest/gtest.h>

#include "formcheck/diagnose.hpp"
#include "test_util.hpp"

namespace {

using formcheck::Decimal;
using formcheck::explain_difference;

Decimal d(const char* s) { return *Decimal::parse(s); }
const std::vector<std::pair<std::string, Decimal>> kParts = {
    {"财政拨款", d("545.57")}, {"上年结转资金", d("12.30")}, {"其他资金", d("4.10")}};  // Σ = 561.97

TEST(ExplainDifference, OneLineLeftOutOrCountedTwice) {
  EXPECT_NE(explain_difference(d("574.27"), d("561.97"), kParts).find("“上年结转资金”"), std::string::npos);
  EXPECT_NE(explain_difference(d("549.67"), d("561.97"), kParts).find("漏算或重复"), std::string::npos);
  EXPECT_EQ(explain_difference(d("562.00"), d("561.97"), kParts), "");
}

TEST(ExplainDifference, TwoLines) {
  const std::string why = explain_difference(d("578.37"), d("561.97"), kParts);  // + 12.30 + 4.10
  EXPECT_NE(why.find("“上年结转资金”与“其他资金”之和"), std::string::npos) << why;
  EXPECT_EQ(explain_difference(d("578.38"), d("561.97"), kParts), "");
}

TEST(ExplainDifference, SwappedDigits) {
  const std::string why = explain_difference(d("516.97"), d("561.97"), kParts);
  EXPECT_NE(why.find("颠倒"), std::string::npos) << why;
  EXPECT_NE(why.find("“16”与“61”"), std::string::npos) << why;
  EXPECT_EQ(explain_difference(d("516.79"), d("561.97"), kParts), "");  // two swaps: no single explanation
}

TEST(ExplainDifference, DecimalPointShifted) {
  EXPECT_NE(explain_difference(d("5619.70"), d("561.97"), kParts).find("相差 10 倍"), std::string::npos);
  EXPECT_NE(explain_difference(d("5.6197"), d("561.97"), kParts).find("相差 100 倍"), std::string::npos);
  EXPECT_EQ(explain_difference(d("5619.71"), d("561.97"), kParts), "");
}

TEST(ExplainDifference, YuanInAWanYuanColumn) {
  EXPECT_NE(explain_difference(d("5619700"), d("561.97"), kParts).find("以元为单位"), std::string::npos);
  EXPECT_EQ(explain_difference(d("5619701"), d("561.97"), kParts), "");
}

TEST(ExplainDifference, SignFlipped) {
  EXPECT_NE(explain_difference(d("-561.97"), d("561.97"), kParts).find("符号"), std::string::npos);
  EXPECT_EQ(explain_difference(d("-561.98"), d("561.97"), kParts), "");
}

// In a finding: a 资金总额 that counts 上年结转资金 twice says so.
TEST(ExplainDifference, MoneyTotalsSayWhatTheDifferenceMayBe) {
  std::string text = fctest::seed(fctest::kSeedTarget);
  const size_t at = text.find("545.57");  // 资金总额 (全年): 545.57 = 545.57 + 0 …
  text.replace(at, 6, "5455.70");
  const formcheck::Document doc = fctest::check_text(text);
  bool said = false;
  for (const auto& f : doc.findings)
    if (f.rule == "money.income_total") said = f.message.find("小数点错位") != std::string::npos;
  EXPECT_TRUE(said);
}

}  // namespace
