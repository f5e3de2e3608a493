// The 部门整体资金 table read cell by cell (issue "every cell accounted for"):
// a row with one cell that is not a number stays in the table, a line written
// twice speaks, the unit the table head states is the unit of its amounts,
// and the amount columns are the ones the header names.
#include <gtest/gtest.h>

#include <string>

#include "test_util.hpp"

using formcheck::Document;

namespace {

// The correct changzhou table (收入 资金总额 100 = 80 + 20; 支出 60 + 40 = 100,
// 项目支出 10 / 40 = 信息化运维 10 / 40), with one text replaced.
std::string base() { return fctest::fixture("changzhou-target-fixed.txt"); }

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error("fixture text not found: " + from);
  return text.replace(at, from.size(), to);
}

const formcheck::Finding* first_of(const Document& d, const std::string& rule) {
  for (const auto& f : d.findings)
    if (f.rule == rule) return &f;
  return nullptr;
}

const formcheck::FundLine* expense(const Document& d, const std::string& name) {
  for (const auto& l : d.form.funds.expense)
    if (l.name == name) return &l;
  return nullptr;
}

}  // namespace

TEST(TargetFunds, TheFixtureIsCorrect) {
  const Document d = fctest::check_text(base());
  EXPECT_EQ(fctest::errors(d), 0) << fctest::summary(d);
}

TEST(TargetFunds, ALastRowWithADashStaysInTheTable) {
  // The table's last row, its 半年 amount "—": it used to be glued onto 中长期目标.
  const Document d = fctest::check_text(replaced(base(), "\t\t信息化运维\t\t10\t40", "\t\t信息化运维\t\t—\t40"));
  const auto* line = expense(d, "信息化运维");
  ASSERT_NE(line, nullptr) << fctest::summary(d);
  EXPECT_EQ(line->half, "—");
  EXPECT_EQ(line->full, "40");
  EXPECT_EQ(d.form.texts.at("mid_term_goal").find("信息化运维"), std::string::npos);
  EXPECT_EQ(fctest::count_rule(d, "money.blank_mark"), 1) << fctest::summary(d);
  // The half-year sum no longer holds (10 ≠ 0): an error, not 通过.
  EXPECT_GE(fctest::count_rule(d, "money.project_lines"), 1) << fctest::summary(d);
}

TEST(TargetFunds, AnExtraProjectLineWithADashIsCounted) {
  const Document d = fctest::check_text(
      replaced(base(), "\t\t信息化运维\t\t10\t40", "\t\t信息化运维\t\t10\t40\n\t\t新增项目\t\t—\t100"));
  ASSERT_NE(expense(d, "新增项目"), nullptr) << fctest::summary(d);
  EXPECT_GE(fctest::errors(d), 1) << fctest::summary(d);
}

TEST(TargetFunds, SpreadsheetErrorsAreUnreadableAtTheirCell) {
  for (const char* e : {"#N/A", "#DIV/0!", "#REF!", "#VALUE!", "见附件"}) {
    const Document d = fctest::check_text(replaced(base(), "\t\t信息化运维\t\t10\t40", std::string("\t\t信息化运维\t\t") + e + "\t40"));
    const auto* line = expense(d, "信息化运维");
    ASSERT_NE(line, nullptr) << e << fctest::summary(d);
    EXPECT_EQ(line->full, "40") << e;
    const auto* u = first_of(d, "money.unreadable");
    ASSERT_NE(u, nullptr) << e << fctest::summary(d);
    EXPECT_EQ(u->location.section, "funds.expense") << e;
    EXPECT_EQ(u->location.field, "half") << e;
  }
}

TEST(TargetFunds, ALineWrittenTwiceSpeaks) {
  const Document d = fctest::check_text(
      replaced(base(), "\t\t项目支出\t\t10\t40", "\t\t项目支出\t\t10\t40\n\t\t基本支出\t\t30\t70"));
  const auto* dup = first_of(d, "money.duplicate_line");
  ASSERT_NE(dup, nullptr) << fctest::summary(d);
  EXPECT_NE(dup->message.find("60"), std::string::npos) << dup->message;
  EXPECT_NE(dup->message.find("70"), std::string::npos) << dup->message;
  EXPECT_EQ(dup->location.src.line, 14);
}

namespace {
// The same table in 元 (the head says so).
std::string in_yuan() {
  std::string t = replaced(base(), "部门整体资金（万元）", "部门整体资金（元）");
  t = replaced(t, "资金总额\t\t100\n", "资金总额\t\t1000000\n");
  t = replaced(t, "小计\t80\n", "小计\t800000\n");
  t = replaced(t, "一般公共预算资金\t80\n", "一般公共预算资金\t800000\n");
  t = replaced(t, "上年结转资金\t\t20\n", "上年结转资金\t\t200000\n");
  t = replaced(t, "基本支出\t\t30\t60", "基本支出\t\t300000\t600000");
  t = replaced(t, "项目支出\t\t10\t40", "项目支出\t\t100000\t400000");
  return replaced(t, "信息化运维\t\t10\t40", "信息化运维\t\t100000\t400000");
}
}  // namespace

TEST(TargetFunds, TheUnitInTheTableHeadApplies) {
  Document d = fctest::check_text(in_yuan());
  EXPECT_EQ(d.form.money_unit, "元");
  EXPECT_EQ(fctest::errors(d), 0) << fctest::summary(d);
  // A cell with its own unit converts to the table's.
  d = fctest::check_text(replaced(in_yuan(), "资金总额\t\t1000000\n", "资金总额\t\t100万元\n"));
  EXPECT_EQ(fctest::errors(d), 0) << fctest::summary(d);
  EXPECT_EQ(fctest::count_rule(d, "money.unit_converted"), 1) << fctest::summary(d);
  // A sum that fails speaks 元.
  d = fctest::check_text(replaced(in_yuan(), "资金总额\t\t1000000\n", "资金总额\t\t1000500\n"));
  const auto* s = first_of(d, "money.income_total");
  ASSERT_NE(s, nullptr) << fctest::summary(d);
  EXPECT_NE(s->message.find("相差 500.00 元"), std::string::npos) << s->message;
  EXPECT_EQ(s->message.find("万元"), std::string::npos) << s->message;
  // The 万元 the example states is the default: the model does not change.
  EXPECT_EQ(fctest::check_text(base()).form.money_unit, "");
}

TEST(TargetFunds, AUnitRowAboveTheTableApplies) {
  const Document d = fctest::check_text(replaced(in_yuan(), "部门整体资金（元）", "单位：元\n部门整体资金"));
  EXPECT_EQ(d.form.money_unit, "元") << fctest::summary(d);
  EXPECT_EQ(fctest::errors(d), 0) << fctest::summary(d);
}

TEST(TargetFunds, AUnitAtTheEndOfTheNameRowApplies) {
  const std::string name_row = "单位名称\t\t常州市科技服务中心";
  std::string t = replaced(in_yuan(), "部门整体资金（元）", "部门整体资金");
  const size_t at = t.find(name_row);
  ASSERT_NE(at, std::string::npos);
  t.insert(at + name_row.size(), "\t单位：元");
  const Document d = fctest::check_text(t);
  EXPECT_EQ(d.form.money_unit, "元") << fctest::summary(d);
  EXPECT_EQ(d.form.unit, "常州市科技服务中心");
  EXPECT_EQ(fctest::errors(d), 0) << fctest::summary(d);
}

TEST(TargetFunds, AmountColumnsFollowTheirTitles) {
  // 全年 before 半年, as the header says: a correct form.
  std::string t = replaced(base(), "半年计划执行数\t全年预算数", "全年预算数\t半年计划执行数");
  t = replaced(t, "基本支出\t\t30\t60", "基本支出\t\t60\t30");
  t = replaced(t, "项目支出\t\t10\t40", "项目支出\t\t40\t10");
  t = replaced(t, "信息化运维\t\t10\t40", "信息化运维\t\t40\t10");
  const Document d = fctest::check_text(t);
  EXPECT_EQ(d.findings.size(), 0u) << fctest::summary(d);
  const auto* basic = expense(d, "基本支出");
  ASSERT_NE(basic, nullptr);
  EXPECT_EQ(basic->half, "30");
  EXPECT_EQ(basic->full, "60");
}

TEST(TargetFunds, AnAmountUnderNoTitleIsAnErrorAtItsCell) {
  // A third amount column the header does not name.
  std::string t = replaced(base(), "基本支出\t\t30\t60", "基本支出\t\t30\t60\t7");
  t = replaced(t, "项目支出\t\t10\t40", "项目支出\t\t10\t40\t3");
  const Document d = fctest::check_text(t);
  const auto* u = first_of(d, "import.unplaced_amount");
  ASSERT_NE(u, nullptr) << fctest::summary(d);
  EXPECT_EQ(u->location.src.line, 12);
  EXPECT_EQ(expense(d, "基本支出")->full, "60");
  EXPECT_GE(fctest::errors(d), 1);
}

namespace {
// The spending side without its column titles (半年计划执行数 / 全年预算数).
std::string untitled(const std::string& basic, const std::string& projects) {
  std::string t = replaced(base(), "\t支出\t\t\t半年计划执行数\t全年预算数", "\t支出");
  t = replaced(t, "基本支出\t\t30\t60", "基本支出\t\t" + basic);
  t = replaced(t, "项目支出\t\t10\t40", "项目支出\t\t" + projects);
  return replaced(t, "信息化运维\t\t10\t40", "信息化运维\t\t" + projects);
}
}  // namespace

TEST(TargetFunds, UntitledColumnsAreSettledByTheFormsArithmeticOrLeftUnsure) {
  // The template's order balances: read so, nothing said.
  Document d = fctest::check_text(untitled("30\t60", "10\t40"));
  EXPECT_EQ(fctest::errors(d), 0) << fctest::summary(d);
  EXPECT_EQ(expense(d, "基本支出")->full, "60");
  // 全年 first: only that reading balances; taken and said.
  d = fctest::check_text(untitled("60\t30", "40\t10"));
  EXPECT_EQ(fctest::errors(d), 0) << fctest::summary(d);
  EXPECT_EQ(expense(d, "基本支出")->full, "60");
  EXPECT_EQ(expense(d, "基本支出")->half, "30");
  EXPECT_EQ(fctest::count_rule(d, "import.ambiguous"), 1) << fctest::summary(d);
  // Neither order balances: the funds are unsure, no sum is judged on a guess.
  d = fctest::check_text(untitled("30\t65", "10\t40"));
  EXPECT_FALSE(d.form.sure("funds"));
  EXPECT_EQ(fctest::count_rule(d, "money.expense_total"), 0) << fctest::summary(d);
  EXPECT_EQ(fctest::count_rule(d, "import.ambiguous"), 1) << fctest::summary(d);
}
