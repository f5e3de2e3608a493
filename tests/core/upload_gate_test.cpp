// The upload gate (#19): an amount that cannot be read, or a line the template
// does not know, never lets a wrong total pass in silence. Each case goes
// through the same entry points as the CLI and the page (text and model JSON),
// and the gate's verdict is "at least one error" (exit 1).
#include <gtest/gtest.h>

#include <string>

#include "formcheck/model_json.hpp"
#include "test_util.hpp"

namespace {

using formcheck::Document;
using formcheck::Severity;

int errors(const Document& d) {
  int n = 0;
  for (const auto& f : d.findings) n += f.severity == Severity::Error;
  return n;
}

const formcheck::Finding* first(const Document& d, const std::string& rule) {
  for (const auto& f : d.findings)
    if (f.rule == rule) return &f;
  return nullptr;
}

// The seed target table with one line's cells replaced (tab-separated text).
std::string seed_with(int line, const std::string& from, const std::string& to) {
  std::string text = fctest::seed(fctest::kSeedTarget);
  size_t at = 0;
  for (int i = 1; i < line; ++i) at = text.find('\n', at) + 1;
  const size_t end = text.find('\n', at);
  std::string row = text.substr(at, end - at);
  const size_t pos = row.find(from);
  EXPECT_NE(pos, std::string::npos) << row;
  row.replace(pos, from.size(), to);
  return text.substr(0, at) + row + text.substr(end);
}

// The seed as a model JSON with 资金总额 (全年) replaced by `raw` (a JSON value).
std::string model_with_total(const std::string& raw) {
  Document d = fctest::check_text(fctest::seed(fctest::kSeedTarget));
  std::string json = formcheck::form_to_json(d.form).dump();
  const std::string key = "\"full\":\"545.57\"";
  size_t pos = json.find(key);
  if (pos == std::string::npos) {
    pos = json.find("\"full\": \"545.57\"");
    EXPECT_NE(pos, std::string::npos);
    json.replace(pos, std::string("\"full\": \"545.57\"").size(), "\"full\": " + raw);
  } else {
    json.replace(pos, key.size(), "\"full\":" + raw);
  }
  return json;
}

TEST(UploadGate, TheSeedPasses) { EXPECT_EQ(errors(fctest::check_text(fctest::seed(fctest::kSeedTarget))), 0); }

TEST(UploadGate, ModelTotalsThatCannotBeReadAreErrorsAtTheCell) {
  for (const std::string raw : {"\"NaN\"", "\"1e400\"", "99999999999999999999999.999", "\"约600\""}) {
    const Document d = fctest::check_text(model_with_total(raw));
    ASSERT_TRUE(d.has_form) << raw;
    const auto* f = first(d, "money.unreadable");
    ASSERT_NE(f, nullptr) << raw;
    EXPECT_EQ(f->severity, Severity::Error);
    EXPECT_NE(f->location.label.find("资金总额"), std::string::npos) << f->location.label;
  }
}

TEST(UploadGate, AUnitInTheCellIsReadOrConverted) {
  // 万元 in a 万元 column: read, with an info; the total then checks as usual.
  Document d = fctest::check_text(model_with_total("\"545.57万元\""));
  EXPECT_EQ(fctest::count_rule(d, "money.unit_in_cell"), 1);
  EXPECT_EQ(errors(d), 0);
  d = fctest::check_text(model_with_total("\"600万元\""));
  EXPECT_EQ(fctest::count_rule(d, "money.income_total"), 1);
  // 元 in a 万元 column: an error with the converted value as the fix.
  d = fctest::check_text(model_with_total("\"5455700元\""));
  const auto* f = first(d, "money.unit_mismatch");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::Error);
  EXPECT_EQ(f->expected, "545.57");
}

TEST(UploadGate, TextAmountsWithUnitsOrTooManyDigitsAreChecked) {
  // 基本支出 "600万": read as 600 and the expense identity fails.
  Document d = fctest::check_text(seed_with(20, "516.57", "600万"));
  EXPECT_EQ(fctest::count_rule(d, "money.unit_in_cell"), 1);
  EXPECT_GE(fctest::count_rule(d, "money.expense_total"), 1);
  EXPECT_GT(errors(d), 0);
  // 资金总额 of 18 nines: overflow is an error at the cell.
  d = fctest::check_text(seed_with(10, "545.57", "999999999999999999"));
  const auto* f = first(d, "money.unreadable");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->location.src.line, 10);
  EXPECT_GT(errors(d), 0);
}

TEST(UploadGate, ZeroLinesDoNotWidenTheRoundingTolerance) {
  // The seed has eight 0 lines among its income parts; 0.03 off is not rounding.
  const Document d = fctest::check_text(seed_with(10, "545.57", "545.60"));
  EXPECT_EQ(fctest::count_rule(d, "money.income_total"), 1);
}

TEST(UploadGate, AnIncomeLineTheTemplateDoesNotKnowIsReportedWhereItIs) {
  std::string text = fctest::seed(fctest::kSeedTarget);
  // After 其他资金 (line 18): a line the 2022 template does not have.
  size_t at = 0;
  for (int i = 1; i <= 18; ++i) at = text.find('\n', at) + 1;
  const std::string extra = "\t\t事业收入\t\t12.5\t\n";
  Document d = fctest::check_text(text.substr(0, at) + extra + text.substr(at));
  const auto* f = first(d, "money.unknown_income_line");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->location.src.line, 19);
  EXPECT_NE(f->message.find("没有计入"), std::string::npos) << f->message;
  // When 资金总额 includes it, the total checks with it counted and says so.
  std::string counted = text.substr(0, at) + extra + text.substr(at);
  const size_t total = counted.find("545.57");
  counted.replace(total, 6, "558.07");
  d = fctest::check_text(counted);
  EXPECT_EQ(fctest::count_rule(d, "money.income_total"), 0);
  f = first(d, "money.unknown_income_line");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->message.find("已按计入核对"), std::string::npos) << f->message;
}

}  // namespace
