// Every cell of the self-evaluation's 预算信息 and the project forms' 项目资金
// accounted for: a row with a non-number cell stays (the cell is a finding),
// a line written twice keeps both copies, and columns are read by their
// header words, not by position.
#include <gtest/gtest.h>

#include <algorithm>

#include "test_util.hpp"

using formcheck::Document;

namespace {

Document check(const std::string& text) {
  Document d = formcheck::load_document("t.txt", text);
  formcheck::check_document(d);
  return d;
}

std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error("test text lacks: " + from);
  return text.replace(at, from.size(), to);
}

// The findings of `rule` at a source cell.
int at_cell(const Document& d, const std::string& rule, int line, int col) {
  int n = 0;
  for (const auto& f : d.findings)
    n += f.rule == rule && f.location.src.line == line && f.location.src.col == col;
  return n;
}

int rule_prefix(const Document& d, const std::string& prefix) { return static_cast<int>(fctest::rules_of(d, prefix).size()); }

const std::vector<std::string> kNotNumbers = {"—", "-", "/", "见附件", "#N/A", "#DIV/0!", "#REF!", "#VALUE!"};

// ------------------------------------------------------------------ 预算信息

// The 2024 report (seed 001): 预算信息 at lines 45–52, 基本支出 on line 47.
const char* kBasicRow = "基本支出\t644.43\t82.47\t726.9\t671.46\t92.37%";

TEST(BudgetInfoCells, ARowWithANonNumberCellStaysAndTheCellIsAnError) {
  for (const std::string& bad : kNotNumbers) {
    const Document d = check(replace_once(fctest::seed(fctest::kSeedReport2024), kBasicRow,
                                          "基本支出\t644.43\t82.47\t726.9\t" + bad + "\t92.37%"));
    ASSERT_EQ(d.form.budget_info.size(), 7u) << bad;
    EXPECT_EQ(d.form.budget_info[1].name, "基本支出") << bad;
    EXPECT_EQ(d.form.budget_info[1].actual, bad);
    EXPECT_EQ(d.form.budget_info[1].adjusted, "726.9");
    EXPECT_EQ(at_cell(d, "money.unreadable", 47, 5), 1) << bad << fctest::summary(d);
  }
}

// A "—" as 执行率 does not hide a wrong 调整预算数 (726.9 → 736.9), and a
// dash where the amounts give a rate is itself reported.
TEST(BudgetInfoCells, ADashRateHidesNoOtherCheck) {
  const Document d = check(replace_once(fctest::seed(fctest::kSeedReport2024), kBasicRow,
                                        "基本支出\t644.43\t82.47\t736.9\t671.46\t—"));
  ASSERT_EQ(d.form.budget_info.size(), 7u);
  EXPECT_EQ(d.form.budget_info[1].rate, "—");
  EXPECT_EQ(at_cell(d, "budget.adjusted_sum", 47, 4), 1) << fctest::summary(d);
  EXPECT_EQ(at_cell(d, "budget.execution_rate", 47, 6), 1) << fctest::summary(d);
}

// Columns in another order, by their header words.
TEST(BudgetInfoCells, ColumnsAreReadByTheirHeaderWords) {
  const std::string text =
      "苏州市市级预算部门（单位）整体支出预算绩效自评报告\n（2023年度）\n一、预算部门名称：测试中心\n"
      "七、预算信息\n"
      "本年度预算资金（万元）\t实际支出数（万元）\t执行率（%）\t年初预算数（万元）\t调整预算数（万元）\t"
      "上年度结转及当年预算追加追减数(万元)\n"
      "预算总金额\t90\t90.00%\t80\t100\t20\n"
      "基本支出\t60\t85.71%\t60\t70\t10\n"
      "项目支出\t30\t100.00%\t20\t30\t10\n";
  const Document d = check(text);
  ASSERT_EQ(d.form.budget_info.size(), 3u) << fctest::summary(d);
  const auto& b = d.form.budget_info[1];
  EXPECT_EQ(b.initial, "60");
  EXPECT_EQ(b.carry, "10");
  EXPECT_EQ(b.adjusted, "70");
  EXPECT_EQ(b.actual, "60");
  EXPECT_EQ(b.rate, "85.71%");
  EXPECT_EQ(rule_prefix(d, "budget."), 0) << fctest::summary(d);
  EXPECT_EQ(rule_prefix(d, "money."), 0) << fctest::summary(d);
}

// A column the template does not have: its amounts are errors at their
// cells, its texts infos; the other columns read right.
TEST(BudgetInfoCells, AnExtraColumnReadsRightAndItsAmountsAreReported) {
  const std::string text =
      "苏州市市级预算部门（单位）整体支出预算绩效自评报告\n（2023年度）\n一、预算部门名称：测试中心\n"
      "七、预算信息\n"
      "本年度预算资金\t年初预算数\t其中：财政拨款\t上年度结转及当年预算追加追减数\t调整预算数\t实际支出数\t执行率\n"
      "预算总金额\t80\t70\t20\t100\t90\t90.00%\n"
      "基本支出\t80\t70\t20\t100\t90\t90.00%\n";
  const Document d = check(text);
  ASSERT_EQ(d.form.budget_info.size(), 2u);
  EXPECT_EQ(d.form.budget_info[0].carry, "20");
  EXPECT_EQ(d.form.budget_info[0].adjusted, "100");
  EXPECT_EQ(at_cell(d, "import.unplaced_amount", 6, 3), 1) << fctest::summary(d);
  EXPECT_EQ(at_cell(d, "import.unplaced_amount", 7, 3), 1) << fctest::summary(d);
  EXPECT_EQ(rule_prefix(d, "budget."), 0) << fctest::summary(d);
}

// Amounts with no line name in the table are errors, not an unread row.
TEST(BudgetInfoCells, AmountsWithoutALineAreErrors) {
  const std::string text =
      "苏州市市级预算部门（单位）整体支出预算绩效自评报告\n（2023年度）\n一、预算部门名称：测试中心\n"
      "七、预算信息\n"
      "本年度预算资金\t年初预算数\t上年度结转及当年预算追加追减数\t调整预算数\t实际支出数\t执行率\n"
      "预算总金额\t80\t20\t100\t90\t90.00%\n"
      "\t80\t20\t100\t90\t90.00%\n";
  const Document d = check(text);
  EXPECT_EQ(at_cell(d, "import.unplaced_amount", 7, 2), 1) << fctest::summary(d);
  EXPECT_GT(fctest::errors(d), 0);
}

// A row whose empty cells an extractor dropped, where neither the header nor
// the row's arithmetic tells the columns: unsure, and no sum judges it.
TEST(BudgetInfoCells, DroppedCellsNothingDecidesLeaveTheTableUnsure) {
  const std::string text =
      "苏州市市级预算部门（单位）整体支出预算绩效自评报告\n（2023年度）\n一、预算部门名称：测试中心\n"
      "七、预算信息\n"
      "本年度预算资金\t年初预算数\t上年度结转及当年预算追加追减数\t调整预算数\t实际支出数\t执行率\n"
      "预算总金额\t100\t0\t100\t90\t90.00%\n"
      "基本支出\t60\t0\t60\t50\t83.33%\n"
      "项目支出\t40\t30\n";
  const Document d = check(text);
  ASSERT_EQ(d.form.budget_info.size(), 3u);
  EXPECT_FALSE(d.form.sure("budget_info"));
  EXPECT_EQ(fctest::count_rule(d, "import.ambiguous"), 1) << fctest::summary(d);
  EXPECT_EQ(rule_prefix(d, "budget."), 0) << fctest::summary(d);
  // The row's own arithmetic decides: 40 and 40 are 年初 and 调整 (40 = 40 + 0), 36 and 90.00% 实际 and 执行率.
  const Document ok = check(replace_once(text, "项目支出\t40\t30\n", "项目支出\t40\t40\t36\t90.00%\n"));
  EXPECT_TRUE(ok.form.sure("budget_info")) << fctest::summary(ok);
  EXPECT_EQ(ok.form.budget_info[2].adjusted, "40");
  EXPECT_EQ(ok.form.budget_info[2].actual, "36");
}

// ------------------------------------------------------------------ 项目资金

const char* kOtherRow = "\t其他资金\t20\t20\t15\t—\t75.00%\t—\n";

TEST(ProjectFundCells, ANonNumberAmountIsAnErrorAtItsCell) {
  for (const std::string& bad : kNotNumbers) {
    const Document d = check(replace_once(fctest::seed("project-selfeval-example.txt"), kOtherRow,
                                          "\t其他资金\t20\t" + bad + "\t15\t—\t75.00%\t—\n"));
    ASSERT_EQ(d.form.project_funds.size(), 4u) << bad;
    EXPECT_EQ(d.form.project_funds[3].budget, bad);
    EXPECT_EQ(at_cell(d, "money.unreadable", 9, 4), 1) << bad << fctest::summary(d);
  }
}

// A line written twice keeps both copies (money.duplicate_line speaks of the second).
TEST(ProjectFundCells, ALineWrittenTwiceKeepsBothCopies) {
  const Document d = check(replace_once(fctest::seed("project-selfeval-example.txt"), kOtherRow,
                                        std::string(kOtherRow) + "\t其他资金\t5\t5\t5\t—\t100.00%\t—\n"));
  ASSERT_EQ(d.form.project_funds.size(), 5u) << fctest::summary(d);
  EXPECT_EQ(d.form.project_funds[3].budget, "20");
  EXPECT_EQ(d.form.project_funds[4].role, "other");
  EXPECT_EQ(d.form.project_funds[4].budget, "5");
  EXPECT_EQ(d.form.project_funds[4].src.cell("budget").line, 10);
  // The target table: a line named twice on one row (中期, 年度) is one line; on a later row, a copy.
  const Document t = check(replace_once(fctest::seed("project-target-example.txt"), "\t其他资金\t60\t其他资金\t30\n",
                                        "\t其他资金\t60\t其他资金\t30\n\t其他资金\t1\t其他资金\t2\n"));
  ASSERT_EQ(t.form.project_funds.size(), 4u) << fctest::summary(t);
  EXPECT_EQ(t.form.project_funds[2].mid, "60");
  EXPECT_EQ(t.form.project_funds[2].year, "30");
  EXPECT_EQ(t.form.project_funds[3].mid, "1");
  EXPECT_EQ(t.form.project_funds[3].year, "2");
}

// 年度 on the left, 中期 on the right: the labels that say which decide the
// columns of the rows below them.
TEST(ProjectFundCells, TargetColumnsFollowTheLabelsThatNameThem) {
  std::string text = fctest::seed("project-target-example.txt");
  text = replace_once(text, "项目资金（万元）\t中期资金总额\t360\t年度资金总额\t120\n",
                      "项目资金（万元）\t年度资金总额\t120\t中期资金总额\t360\n");
  text = replace_once(text, "\t其中：财政拨款\t300\t其中：财政拨款\t100\n", "\t其中：财政拨款\t100\t其中：财政拨款\t300\n");
  text = replace_once(text, "\t其他资金\t60\t其他资金\t30\n", "\t其他资金\t30\t其他资金\t60\n");
  const Document d = check(text);
  ASSERT_EQ(d.form.project_funds.size(), 3u) << fctest::summary(d);
  EXPECT_EQ(d.form.project_funds[0].mid, "360");
  EXPECT_EQ(d.form.project_funds[0].year, "120");
  EXPECT_EQ(d.form.project_funds[1].mid, "300");
  EXPECT_EQ(d.form.project_funds[1].year, "100");
  EXPECT_EQ(d.form.project_funds[2].mid, "60");
  EXPECT_EQ(d.form.project_funds[2].year, "30");
  EXPECT_EQ(fctest::count_rule(d, "project.year_exceeds_mid"), 1) << fctest::summary(d);  // the 评价会议 indicator only
}

// The self-evaluation's columns in another order and an extra column.
TEST(ProjectFundCells, SelfEvaluationColumnsByHeaderWordsAndAnExtraColumn) {
  std::string text = fctest::seed("project-selfeval-example.txt");
  text = replace_once(text, "项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n",
                      "项目资金（万元）\t\t全年执行数\t全年预算数\t年初预算数\t分值\t执行率\t得分\t其中：自筹\n");
  text = replace_once(text, "\t年度资金总额\t120\t130\t117\t10\t90.00%\t9.00\n", "\t年度资金总额\t117\t130\t120\t10\t90.00%\t9.00\t7\n");
  const Document d = check(text);
  ASSERT_EQ(d.form.project_funds.size(), 4u);
  EXPECT_EQ(d.form.project_funds[0].initial, "120");
  EXPECT_EQ(d.form.project_funds[0].executed, "117");
  EXPECT_EQ(at_cell(d, "import.unplaced_amount", 6, 9), 1) << fctest::summary(d);
}

// A target pair with two amounts: the second has no column.
TEST(ProjectFundCells, ASecondAmountBesideALabelIsAnError) {
  const Document d = check(replace_once(fctest::seed("project-target-example.txt"), "\t其他资金\t60\t其他资金\t30\n",
                                        "\t其他资金\t60\t5\t其他资金\t30\n"));
  EXPECT_EQ(d.form.project_funds[2].mid, "60");
  EXPECT_EQ(d.form.project_funds[2].year, "30");
  EXPECT_EQ(at_cell(d, "import.unplaced_amount", 8, 4), 1) << fctest::summary(d);
}

}  // namespace

namespace {

// Two header cells naming one column, or a target label under neither the 中期
// nor the 年度 label: no guess, the table is unsure and no sum judges it.
TEST(MoneyTableColumns, WhatNeitherHeaderNorArithmeticDecidesIsUnsure) {
  const Document b = check(
      "苏州市市级预算部门（单位）整体支出预算绩效自评报告\n（2023年度）\n一、预算部门名称：测试中心\n"
      "七、预算信息\n"
      "本年度预算资金\t年初预算数\t调整预算数\t调整预算数（执行中）\t实际支出数\t执行率\n"
      "预算总金额\t100\t100\t120\t90\t90.00%\n");
  EXPECT_FALSE(b.form.sure("budget_info")) << fctest::summary(b);
  EXPECT_EQ(at_cell(b, "import.unplaced_amount", 6, 4), 1) << fctest::summary(b);
  EXPECT_EQ(rule_prefix(b, "budget."), 0) << fctest::summary(b);
  const Document t = check(replace_once(fctest::seed("project-target-example.txt"), "\t其他资金\t60\t其他资金\t30\n",
                                        "\t其他资金\t60\t其他资金\t30\n\t\t\t\t\t上年结转资金\t9\n"));
  EXPECT_FALSE(t.form.sure("project_funds")) << fctest::summary(t);
  EXPECT_EQ(rule_prefix(t, "project.funds_total"), 0) << fctest::summary(t);
}

}  // namespace

namespace {

// A unit stated in the table's heading, its column titles or a line of its
// own is the unit of its amounts.
TEST(MoneyTableUnits, AStatedUnitAppliesToTheTable) {
  const std::string report =
      "苏州市市级预算部门（单位）整体支出预算绩效自评报告\n（2023年度）\n一、预算部门名称：测试中心\n"
      "七、预算信息\n"
      "本年度预算资金（元）\t年初预算数（元）\t上年度结转及当年预算追加追减数（元）\t调整预算数（元）\t实际支出数（元）\t执行率（%）\n"
      "预算总金额\t1000000\t0\t1000000\t900000\t90.00%\n"
      "基本支出\t1000000\t0\t1000000\t90万元\t90.00%\n";
  const Document d = check(report);
  EXPECT_EQ(d.form.money_unit, "元");
  EXPECT_EQ(at_cell(d, "money.unit_converted", 7, 5), 1) << fctest::summary(d);  // 90万元 in a 元 column
  EXPECT_EQ(rule_prefix(d, "budget."), 0) << fctest::summary(d);                 // read as 900000: the sums hold
  for (const char* heading : {"七、预算信息（单位：元）\n", "七、预算信息\n金额单位：元\n"}) {
    const Document h = check(replace_once(replace_once(report, "七、预算信息\n", heading), "本年度预算资金（元）", "本年度预算资金"));
    EXPECT_EQ(h.form.money_unit, "元") << heading;
    EXPECT_EQ(fctest::count_rule(h, "import.unrecognized"), 0) << fctest::summary(h);
  }
  // Two units: no guess.
  const Document two = check(replace_once(report, "实际支出数（元）", "实际支出数（万元）"));
  EXPECT_FALSE(two.form.sure("budget_info"));
  EXPECT_EQ(rule_prefix(two, "budget."), 0) << fctest::summary(two);

  const Document p = check(replace_once(fctest::seed("project-selfeval-example.txt"), "项目资金（万元）", "项目资金（元）"));
  EXPECT_EQ(p.form.money_unit, "元");
  const Document t = check(replace_once(fctest::seed("project-target-example.txt"), "项目资金（万元）", "项目资金（千元）"));
  EXPECT_EQ(t.form.money_unit, "千元");
  const Document w = check(fctest::seed("project-target-example.txt"));
  EXPECT_EQ(w.form.money_unit, "");  // 万元, the default, stated or not
}

}  // namespace

namespace {

// The narrative's 万元 figures against a 预算信息 table in 元.
TEST(MoneyTableUnits, NarrativeFiguresCompareAcrossUnits) {
  const std::string report =
      "苏州市市级预算部门（单位）整体支出预算绩效自评报告\n（2023年度）\n一、预算部门名称：测试中心\n"
      "四、整体支出绩效实现情况\n本年度年初预算100万元，实际支出90万元，预算执行率90.00%。\n"
      "七、预算信息（单位：元）\n"
      "本年度预算资金\t年初预算数\t上年度结转及当年预算追加追减数\t调整预算数\t实际支出数\t执行率\n"
      "预算总金额\t1000000\t0\t1000000\t900000\t90.00%\n"
      "基本支出\t1000000\t0\t1000000\t900000\t90.00%\n";
  const Document d = check(report);
  EXPECT_EQ(d.form.money_unit, "元");
  EXPECT_EQ(fctest::count_rule(d, "narrative.budget_figure"), 0) << fctest::summary(d);
  const Document wrong = check(replace_once(report, "实际支出90万元", "实际支出80万元"));
  EXPECT_EQ(fctest::count_rule(wrong, "narrative.budget_figure"), 1) << fctest::summary(wrong);
}

}  // namespace

namespace {

// A project table in 元 and the department-wide table in 万元 compare by value.
TEST(MoneyTableUnits, CrossDocumentAmountsCompareAcrossUnits) {
  std::string project = fctest::seed("project-target-example.txt");
  project = replace_once(project, "项目资金（万元）\t中期资金总额\t360\t年度资金总额\t120\n",
                         "项目资金（元）\t中期资金总额\t3600000\t年度资金总额\t1200000\n");
  project = replace_once(project, "\t其中：财政拨款\t300\t其中：财政拨款\t100\n", "\t其中：财政拨款\t3000000\t其中：财政拨款\t1000000\n");
  project = replace_once(project, "\t其他资金\t60\t其他资金\t30\n", "\t其他资金\t600000\t其他资金\t300000\n");
  std::vector<Document> pair;
  pair.push_back(formcheck::load_document("dept.txt", fctest::seed("suzhou-2025-target-example.txt")));
  pair.push_back(formcheck::load_document("project.txt", project));
  for (auto& d : pair) formcheck::check_document(d);
  EXPECT_EQ(pair[1].form.money_unit, "元");
  formcheck::check_cross(pair);
  EXPECT_EQ(fctest::count_rule(pair[1], "cross.project_amount"), 0) << fctest::summary(pair[1]);
  pair[1] = check(replace_once(project, "年度资金总额\t1200000", "年度资金总额\t1300000"));
  formcheck::check_cross(pair);
  EXPECT_EQ(fctest::count_rule(pair[1], "cross.project_amount"), 1) << fctest::summary(pair[1]);
}

}  // namespace

namespace {

// A 序号 column before the names, and the project self-evaluation's columns
// under other provinces' titles (调整后预算数, 预算执行数, 权重).
TEST(MoneyTableColumns, SerialNumbersAndOtherColumnTitles) {
  const Document b = check(
      "苏州市市级预算部门（单位）整体支出预算绩效自评报告\n（2023年度）\n一、预算部门名称：测试中心\n"
      "七、预算信息\n"
      "序号\t本年度预算资金\t年初预算数\t上年度结转及当年预算追加追减数\t调整预算数\t实际支出数\t执行率\n"
      "1\t预算总金额\t100\t0\t100\t90\t90.00%\n"
      "2\t基本支出\t100\t0\t100\t90\t90.00%\n");
  ASSERT_EQ(b.form.budget_info.size(), 2u) << fctest::summary(b);
  EXPECT_EQ(b.form.budget_info[1].name, "基本支出");
  EXPECT_EQ(b.form.budget_info[1].actual, "90");
  EXPECT_EQ(fctest::count_rule(b, "import.unplaced_amount"), 0) << fctest::summary(b);
  EXPECT_EQ(rule_prefix(b, "budget."), 0) << fctest::summary(b);

  std::string text = fctest::seed("project-selfeval-example.txt");
  text = replace_once(text, "项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n",
                      "项目资金（万元）\t\t年初预算\t调整后预算数\t预算执行数\t权重\t预算执行率\t得分\n");
  const Document p = check(text);
  ASSERT_EQ(p.form.project_funds.size(), 4u);
  EXPECT_EQ(p.form.project_funds[0].budget, "130");
  EXPECT_EQ(p.form.project_funds[0].executed, "117");
  EXPECT_EQ(p.form.project_funds[0].weight, "10");
  EXPECT_EQ(fctest::count_rule(p, "import.unplaced_amount"), 0) << fctest::summary(p);
}

}  // namespace

namespace {

// A 年度资金总额 row whose cells were dropped so that nothing tells its columns:
// unsure, and neither its sums nor the points that depend on it are judged.
TEST(MoneyTableColumns, AnUnsureProjectTableJudgesNoPoints) {
  const Document d = check(replace_once(fctest::seed("project-selfeval-example.txt"),
                                        "\t年度资金总额\t120\t130\t117\t10\t90.00%\t9.00\n", "\t年度资金总额\t120\t9.00\n"));
  EXPECT_FALSE(d.form.sure("project_funds")) << fctest::summary(d);
  for (const char* rule : {"project.funds_total", "project.execution_rate", "project.rate_score", "project.weights_sum",
                           "project.total_score", "project.score_exceeds_weight"})
    EXPECT_EQ(fctest::count_rule(d, rule), 0) << rule << fctest::summary(d);
  EXPECT_EQ(fctest::count_rule(d, "import.ambiguous"), 1) << fctest::summary(d);
}

}  // namespace

namespace {

// 预算信息's 结转追加 column may say "none" with a dash (counted as 0); no
// other amount column may.
TEST(BudgetInfoCells, ADashIsBlankOnlyInTheCarryColumn) {
  const std::string seed = fctest::seed(fctest::kSeedReport2024);
  const Document d = check(replace_once(seed, "项目支出\t23.49\t\t23.49", "项目支出\t23.49\t—\t23.49"));
  EXPECT_EQ(at_cell(d, "money.blank_mark", 48, 3), 1) << fctest::summary(d);
  EXPECT_EQ(rule_prefix(d, "budget."), 0) << fctest::summary(d);
  EXPECT_EQ(fctest::count_rule(d, "money.unreadable"), 0) << fctest::summary(d);
  const Document e = check(replace_once(seed, "项目支出\t23.49\t\t23.49", "项目支出\t—\t\t23.49"));
  EXPECT_EQ(at_cell(e, "money.unreadable", 48, 2), 1) << fctest::summary(e);
}

}  // namespace
