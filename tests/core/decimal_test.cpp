#include <cstdint>
#include <gtest/gtest.h>

#include "formcheck/decimal.hpp"

using formcheck::Decimal;
using formcheck::Interval;

namespace {

Decimal D(const char* s) {
  auto d = Decimal::parse(s);
  EXPECT_TRUE(d.has_value()) << s;
  return d.value_or(Decimal());
}

}  // namespace

TEST(Decimal, ParsesPlainForms) {
  EXPECT_EQ(D("1,234.56").to_string(), "1234.56");
  EXPECT_EQ(D(".7").to_string(), "0.7");
  EXPECT_EQ(D("-3.5").to_string(), "-3.5");
  EXPECT_EQ(D("+2").to_string(), "2");
  EXPECT_EQ(D("0").to_string(), "0");
  EXPECT_EQ(D("545.57").shown(), 2);
  EXPECT_EQ(D("29").shown(), 0);
  EXPECT_EQ(D("1.").to_string(), "1");
}

TEST(Decimal, ParsesFullWidthDigitsAndSigns) {
  EXPECT_EQ(D("１２３").to_string(), "123");
  EXPECT_EQ(D("－１２．５").to_string(), "-12.5");
  EXPECT_EQ(D("＋７").to_string(), "7");
  EXPECT_EQ(D("１，２３４").to_string(), "1234");
  EXPECT_EQ(D(" 12 ").to_string(), "12");
  EXPECT_EQ(D("\xE3\x80\x80" "8").to_string(), "8");  // ideographic space
}

TEST(Decimal, RejectsWhatIsNotANumber) {
  for (const char* bad : {"", "-", ".", "1.2.3", "12a", "1,23", "1,2345", "abc", "%", "1e5", "--1", "12%"})
    EXPECT_FALSE(Decimal::parse(bad).has_value()) << bad;
  EXPECT_FALSE(Decimal::parse("1234567890123456789012").has_value());  // more digits than money needs
}

TEST(Decimal, AddsAndSubtractsExactly) {
  // 0.1 + 0.2 is exactly 0.3 (no binary floating point).
  EXPECT_EQ(D("0.1") + D("0.2"), D("0.3"));
  EXPECT_EQ((D("0.65") + D("4.68") + D("7.9") + D("2")).to_string(), "15.23");
  EXPECT_EQ((D("516.57") + D("29")).to_string(), "545.57");
  EXPECT_EQ((D("1") - D("0.01")).to_string(), "0.99");
  EXPECT_TRUE((D("2") - D("2.00")).is_zero());
  EXPECT_EQ(D("1.50").compare(D("1.5")), 0);
  EXPECT_LT(D("-0.01"), D("0"));
}

TEST(Decimal, DividesToAStatedPrecision) {
  EXPECT_EQ(D("694.94").mul_int(100).div(D("750.39"), 2)->to_string(), "92.61");
  EXPECT_EQ(D("2").div(D("3"), 4)->to_string(), "0.6667");
  EXPECT_EQ(D("-2").div(D("3"), 2)->to_string(), "-0.67");
  EXPECT_EQ(D("1").div(D("8"), 2)->to_string(), "0.13");  // half away from zero
  EXPECT_EQ(D("-1").div(D("8"), 2)->to_string(), "-0.13");
  EXPECT_FALSE(D("1").div(D("0"), 2).has_value());
}

TEST(Decimal, RoundsAndTruncates) {
  EXPECT_EQ(D("10.365").round_to(2).to_string(), "10.37");
  EXPECT_EQ(D("10.365").truncate_to(2).to_string(), "10.36");
  EXPECT_EQ(D("-10.365").truncate_to(2).to_string(), "-10.36");
  EXPECT_EQ(D("2.5").round_to(0).to_string(), "3");
  EXPECT_EQ(D("3").to_fixed(2), "3.00");
}

TEST(Decimal, DisplayIntervalsFollowShownPrecision) {
  const Interval i = formcheck::display_interval(D("548.2"), 2);
  EXPECT_EQ(i.lo.to_fixed(3), "548.195");
  EXPECT_EQ(i.hi.to_fixed(3), "548.205");
  const Interval j = formcheck::display_interval(D("92.61"));
  EXPECT_TRUE(j.contains(D("92.614")));
  EXPECT_FALSE(j.contains(D("92.6151")));
  const Interval t = formcheck::truncation_interval(D("10.36"));
  EXPECT_TRUE(t.contains(D("10.3655")));
  EXPECT_FALSE(t.contains(D("10.371")));
}

TEST(Decimal, ComparesRatiosExactly) {
  // 1/3 vs 0.3333 and 0.3334
  EXPECT_GT(formcheck::compare_ratio(D("1"), D("3"), D("0.3333")), 0);
  EXPECT_LT(formcheck::compare_ratio(D("1"), D("3"), D("0.3334")), 0);
  EXPECT_EQ(formcheck::compare_ratio(D("1"), D("4"), D("0.25")), 0);
  EXPECT_EQ(formcheck::compare_ratio(D("-1"), D("-4"), D("0.25")), 0);
}

TEST(Decimal, RatioIntervalsMeet) {
  using formcheck::ratio_meets;
  // 3.87/4.40 shown as 88.02%: honest rounding of the inputs explains it.
  const Interval n{D("386.5"), D("387.5")}, d{D("4.395"), D("4.405")};
  EXPECT_TRUE(ratio_meets(n, d, formcheck::display_interval(D("88.02"))));
  EXPECT_FALSE(ratio_meets(n, d, formcheck::display_interval(D("89.00"))));
}

TEST(Decimal, OverflowIsReportedNotWrapped) {
  const Decimal big = Decimal::from_units(9000000000000000000LL, 0);
  EXPECT_THROW(big + big, formcheck::DecimalOverflow);
  EXPECT_THROW(big.mul_int(10), formcheck::DecimalOverflow);
}

TEST(Decimal, ToFixedPadsRoundsAndKeepsTheSign) {
  auto D = [](const char* s) { return formcheck::Decimal::parse(s).value(); };
  EXPECT_EQ(D("0.05").to_fixed(2), "0.05");
  EXPECT_EQ(D("-0.05").to_fixed(2), "-0.05");
  EXPECT_EQ(D("5").to_fixed(2), "5.00");
  EXPECT_EQ(D("0").to_fixed(0), "0");
  EXPECT_EQ(D("123.456").to_fixed(2), "123.46");
  EXPECT_EQ(D("-123.455").to_fixed(2), "-123.46");
  EXPECT_EQ(D("9.995").to_fixed(2), "10.00");
  EXPECT_EQ(formcheck::Decimal::from_int(INT64_MIN).to_fixed(0), "-9223372036854775808");
  EXPECT_EQ(D("0.000000000001").to_fixed(12), "0.000000000001");
  EXPECT_EQ(formcheck::Decimal::from_int(7).to_fixed(12), "7.000000000000");
}
