// The upload gate (#19): an amount that cannot be read, or a line the template
// does not know, never lets a wrong total pass in silence. Each case goes
// through the same entry points as the CLI and the page (text and model JSON),
// and the gate's verdict is "at least one error" (exit 1).
#include <gtest/gtest.h>

#include <string>

#include "formcheck/model_json.hpp"
#include "formcheck/text_util.hpp"
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

namespace {

bool has_message(const Document& d, const std::string& rule, const std::string& part) {
  for (const auto& f : d.findings)
    if (f.rule == rule && f.message.find(part) != std::string::npos) return true;
  return false;
}

TEST(LimitsThatSpeak, ARowPastTheCellLimitIsReportedWhereItIs) {
  std::string text = fctest::seed(fctest::kSeedTarget);
  std::string wide = "x";
  for (int i = 0; i < 600; ++i) wide += "\t";
  text += "\n" + wide + "\n";
  const Document d = fctest::check_text(text);
  EXPECT_TRUE(has_message(d, "import.too_large", "601 个单元格")) << d.findings.size();
}

TEST(LimitsThatSpeak, ALongCellIsCutOnACharacterBoundaryAndSaysSo) {
  // 100,000 three-byte characters: the 256 KB cut falls inside one of them.
  std::string text = fctest::seed(fctest::kSeedTarget);
  std::string cell;
  for (int i = 0; i < 100000; ++i) cell += "中";
  const size_t at = text.find("中长期目标");
  ASSERT_NE(at, std::string::npos);
  const size_t eol = text.find('\n', at);
  text = text.substr(0, eol) + "\t" + cell + text.substr(eol);
  const Document d = fctest::check_text(text);
  EXPECT_TRUE(has_message(d, "import.too_large", "256 KB")) << d.findings.size();
  // The model is still valid UTF-8 (the JSON writer would throw otherwise).
  EXPECT_NO_THROW((void)formcheck::form_to_json(d.form).dump());
  for (const auto& [k, v] : d.form.texts) EXPECT_TRUE(formcheck::is_valid_utf8(v)) << k;
}

TEST(LimitsThatSpeak, Utf16TextIsDecoded) {
  const std::string utf8 = fctest::seed(fctest::kSeedTarget);
  std::u32string cps = formcheck::to_u32(utf8);
  std::string le = "\xFF\xFE", be_nomark;
  for (char32_t c : cps) {
    // The seed is in the Basic Multilingual Plane.
    le += static_cast<char>(c & 0xFF), le += static_cast<char>(c >> 8);
  }
  const Document d = fctest::check_text(le);
  EXPECT_TRUE(d.has_form);
  EXPECT_EQ(fctest::count_rule(d, "import.binary"), 0);
  EXPECT_EQ(d.form.unit, fctest::check_text(utf8).form.unit);
}

// Programs that save "Unicode" text without a byte-order mark: the NUL high
// bytes of the ASCII (tabs, digits, line breaks) are on one side of the pairs.
TEST(LimitsThatSpeak, Utf16WithoutAMarkIsDecoded) {
  const std::string utf8 = fctest::seed(fctest::kSeedTarget);
  std::string le, be;
  for (char32_t c : formcheck::to_u32(utf8)) {
    le += static_cast<char>(c & 0xFF), le += static_cast<char>(c >> 8);
    be += static_cast<char>(c >> 8), be += static_cast<char>(c & 0xFF);
  }
  const Document expect = fctest::check_text(utf8);
  for (const std::string& bytes : {le, be}) {
    const Document d = fctest::check_text(bytes);
    EXPECT_TRUE(d.has_form);
    EXPECT_EQ(fctest::count_rule(d, "import.binary"), 0);
    EXPECT_EQ(d.form.unit, expect.form.unit);
    EXPECT_EQ(d.findings.size(), expect.findings.size());
  }
  // Binary data with NULs on both sides is still not text.
  std::string bin = "\x89PNG\r\n\x1a\n";
  for (int i = 0; i < 200; ++i) bin += std::string("\0\0\x01\x02", 4);
  EXPECT_EQ(fctest::count_rule(fctest::check_text(bin), "import.binary"), 1);
}

// JSON nested past the limit says so, whether an object or an array leads it
// (an array of 200,000 brackets is one line longer than a cell may be).
TEST(LimitsThatSpeak, DeeplyNestedJsonGetsTheNestingMessage) {
  for (const std::string& open : {std::string("["), std::string("{\"a\":")}) {
    std::string text;
    for (int i = 0; i < 200000; ++i) text += open;
    text += "1";
    text += std::string(200000, open == "[" ? ']' : '}');
    const Document d = fctest::check_text(text);
    EXPECT_TRUE(has_message(d, "import.invalid_model", "嵌套层数")) << open;
    EXPECT_EQ(fctest::count_rule(d, "import.too_large"), 0) << open;
  }
  // A table whose first cell starts with a bracket is still a table.
  const std::string seed = fctest::seed(fctest::kSeedTarget);
  const Document table = fctest::check_text("[附表]\n" + seed);
  EXPECT_TRUE(table.has_form);
  EXPECT_EQ(table.input, "tsv");
}

TEST(LimitsThatSpeak, AModelJsonWithABomIsJson) {
  const Document seed = fctest::check_text(fctest::seed(fctest::kSeedTarget));
  const Document d = fctest::check_text("\xEF\xBB\xBF" + formcheck::form_to_json(seed.form).dump());
  EXPECT_EQ(d.input, "json");
  EXPECT_TRUE(d.has_form);
}

TEST(LimitsThatSpeak, ABareNumberSaysWhatItIs) {
  const Document d = fctest::check_text("1e999999\n");
  EXPECT_TRUE(has_message(d, "import.invalid_model", "超出数值范围"));
  EXPECT_FALSE(has_message(d, "import.invalid_model", "括号"));
}

TEST(LimitsThatSpeak, GridJsonCutsAreReported) {
  std::string row = "[\"x\"";
  for (int i = 0; i < 600; ++i) row += ",\"\"";
  row += "]";
  const Document d = formcheck::load_grid_json("grid", "{\"rows\":[" + row + ",[\"\\u00ff\"]]}");
  EXPECT_TRUE(has_message(d, "import.too_large", "601 个单元格"));
}

}  // namespace
