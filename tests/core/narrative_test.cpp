// Figures in the narrative of the bundled reports, each with the table cell it
// restates (narrative.hpp), and the narrative.* rules on planted mismatches.
#include <gtest/gtest.h>

#include "formcheck/narrative.hpp"
#include "test_util.hpp"

namespace {

// "<text key> <label> <figure> -> <place> = <table value> [ok|MISMATCH|n/a]", one per figure found.
std::vector<std::string> listing(const formcheck::Document& d) {
  std::vector<std::string> out;
  for (const auto& f : formcheck::narrative_figures(d.form))
    out.push_back(f.text_key + " " + f.label + " " + f.written + " -> " + f.place + " = " + f.table_value +
                  (f.table_target.empty() ? "" : " / " + f.table_target) +
                  (!f.comparable ? " n/a" : f.agrees ? " ok" : " MISMATCH"));
  return out;
}

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += x + "\n";
  return s;
}

TEST(Narrative, EveryFigureOfThe2022ReportWithItsTableCell) {
  const auto d = fctest::check_text(fctest::seed(fctest::kSeedReport2022));
  const std::vector<std::string> want = {
      "duty_completion 产业研究报告 6篇 -> 部门整体自评表·产业研究报告·指标完成值 = 6篇 / =6篇 ok",
      "duty_completion 文献下载量 5万条 -> 部门整体自评表·文献下载量·指标完成值 = 50000条 / >=50000条 ok",
      "duty_completion 引进并孵化创新创业项目 30个 -> 部门整体自评表·引进并孵化创新创业项目·指标完成值 = 30个 / >=30个 ok",
      "duty_completion 引进创投机构或天使基金 2家 -> 部门整体自评表·引进创投机构或天使基金·指标完成值 = 2个 / >=2个 n/a",
      "performance 产业研究报告 6篇 -> 部门整体自评表·产业研究报告·指标完成值 = 6篇 / =6篇 ok",
      "performance 文献下载量 5万条 -> 部门整体自评表·文献下载量·指标完成值 = 50000条 / >=50000条 ok",
      // Named without its leading verb ("情报咨询服务500项").
      "performance 开展情报咨询服务 500项 -> 部门整体自评表·开展情报咨询服务·指标完成值 = 500项 / =500项 ok",
      "performance 引进并孵化创新创业项目 30个 -> 部门整体自评表·引进并孵化创新创业项目·指标完成值 = 30个 / >=30个 ok",
      "performance 引进创投机构或天使基金 2家 -> 部门整体自评表·引进创投机构或天使基金·指标完成值 = 2个 / >=2个 n/a",
      "problems 整体预算执行率 95.09% -> 预算信息·预算总金额·执行率 = 95.09% ok",
      "problems 年初预算 1905.66万元 -> 预算信息·预算总金额·年初预算数 = 1905.66 ok",
      "problems 上年度结转及当年预算追加追减 197.53万元 -> 预算信息·预算总金额·上年度结转及当年预算追加追减数 = 197.53 ok",
      "problems 当年调整预算 2103.19万元 -> 预算信息·预算总金额·调整预算数 = 2103.19 ok",
      "problems 实际支出 1999.97万元 -> 预算信息·预算总金额·实际支出数 = 1999.97 ok",
      "problems 预算执行率 95.09% -> 预算信息·预算总金额·执行率 = 95.09% ok",
      "problems 预算执行率 100% -> 部门整体自评表·预算执行率·指标完成值 = 95.09% / =100% ok",
      "problems 预算执行率 95.09% -> 部门整体自评表·预算执行率·指标完成值 = 95.09% / =100% ok",
      "problems 预算执行率 95.09% -> 部门整体自评表·预算执行率·指标完成值 = 95.09% / =100% ok",
      // Named without its suffix 数量.
      "problems 受理、评估项目数量 12880项 -> 部门整体自评表·受理、评估项目数量·指标完成值 = 12880项 / >=15000项 ok",
  };
  EXPECT_EQ(joined(listing(d)), joined(want));
  EXPECT_TRUE(fctest::rules_of(d, "narrative.").empty()) << fctest::summary(d);
}

// The 2024 report restates its targets and results in 绩效实现情况. One real
// mismatch: the 预期目标 of 高新技术企业申报材料受理 (≥1850) is written under
// the name of the next indicator, 高新技术企业年度发展情况报表统计 (≥14000).
TEST(Narrative, EveryFigureOfThe2024ReportWithItsTableCell) {
  const auto d = fctest::check_text(fctest::seed(fctest::kSeedReport2024));
  const std::vector<std::string> want = {
      "duty_completion 技术经纪人培训 12场 -> 部门整体自评表·技术经纪人培训·指标完成值 = 12 / >=4 ok",
      "performance 全市技术合同成交额 900亿元 -> 部门整体自评表·全市技术合同成交额·指标完成值 = 1080.3 / >=900 ok",
      "performance 科技创新券技术转移补助 200项 -> 部门整体自评表·科技创新券技术转移补助·指标完成值 = 310 / >=200 ok",
      "performance 高新技术企业年度发展情况报表统计 1850家 -> 部门整体自评表·高新技术企业年度发展情况报表统计·指标完成值 = 15623 / >=14000 MISMATCH",
      "performance 高新技术企业年度发展情况报表统计 14000家 -> 部门整体自评表·高新技术企业年度发展情况报表统计·指标完成值 = 15623 / >=14000 ok",
      "performance 组织形式多样的产学研活动 10场 -> 部门整体自评表·组织形式多样的产学研活动·指标完成值 = 10 / >=10 ok",
      "performance 组织召开科技镇长团各类会议 4场 -> 部门整体自评表·组织召开科技镇长团各类会议·指标完成值 = 5 / >=4 ok",
      "performance 技术经纪人培训 4场 -> 部门整体自评表·技术经纪人培训·指标完成值 = 12 / >=4 ok",
      "performance 培育技术经纪人 200人 -> 部门整体自评表·培育技术经纪人·指标完成值 = 756 / >=200 ok",
      "performance 技术经纪人培训 12场 -> 部门整体自评表·技术经纪人培训·指标完成值 = 12 / >=4 ok",
      "performance 新增集聚仪器资源 2000台套 -> 部门整体自评表·新增集聚仪器资源·指标完成值 = 2056 / >=2000 ok",
      "performance 研发资源共享服务用户补助 100% -> 部门整体自评表·研发资源共享服务用户补助·指标完成值 = 100% / =100% ok",
      "performance 新增集聚仪器资源 2056台 -> 部门整体自评表·新增集聚仪器资源·指标完成值 = 2056 / >=2000 ok",
  };
  EXPECT_EQ(joined(listing(d)), joined(want));
  ASSERT_EQ(fctest::count_rule(d, "narrative.indicator_value"), 1) << fctest::summary(d);
  EXPECT_EQ(fctest::count_rule(d, "narrative.budget_figure"), 0);
}

// A planted mismatch in a copy of the 2022 report names both places.
TEST(Narrative, APlantedBudgetMismatchNamesBothPlaces) {
  std::string text = fctest::seed(fctest::kSeedReport2022);
  const std::string real = "实际支出1999.97万元";
  ASSERT_NE(text.find(real), std::string::npos);
  text.replace(text.find(real), real.size(), "实际支出1989.97万元");
  const auto d = fctest::check_text(text);
  ASSERT_EQ(fctest::count_rule(d, "narrative.budget_figure"), 1) << fctest::summary(d);
  for (const auto& f : d.findings)
    if (f.rule == "narrative.budget_figure") {
      EXPECT_NE(f.message.find("1989.97万元"), std::string::npos) << f.message;
      EXPECT_NE(f.message.find("预算信息·预算总金额·实际支出数 1999.97"), std::string::npos) << f.message;
      EXPECT_EQ(f.location.section, "texts");
      EXPECT_EQ(f.location.field, "problems");
    }
}

// Rounded figures in the narrative agree with the table ("1906万元" for 1905.66),
// and a figure another row of the table shows is not a contradiction.
TEST(Narrative, RoundedOrOtherRowFiguresAreNotMismatches) {
  std::string text = fctest::seed(fctest::kSeedReport2022);
  const std::string real = "年初预算1905.66万元";
  ASSERT_NE(text.find(real), std::string::npos);
  text.replace(text.find(real), real.size(), "年初预算1906万元");
  EXPECT_EQ(fctest::count_rule(fctest::check_text(text), "narrative.budget_figure"), 0);
}

// A target table's 年度目标 quoting its budget.
TEST(Narrative, AnAmountInTheAnnualGoalIsComparedWithTheFundsTable) {
  std::string text = fctest::seed("changzhou-2024-target-example.txt");
  const std::string goal = "年度目标\t\t";
  ASSERT_NE(text.find(goal), std::string::npos);
  std::string right = text, wrong = text;
  right.insert(right.find(goal) + goal.size(), "全年部门预算资金总额" + std::string("{TOTAL}") + "万元，");
  const auto base = fctest::check_text(text);
  std::string total;
  for (const auto& l : base.form.funds.income)
    if (l.role == "total") total = l.full;
  ASSERT_FALSE(total.empty());
  right.replace(right.find("{TOTAL}"), 7, total);
  wrong.insert(wrong.find(goal) + goal.size(), "全年部门预算资金总额99999万元，");
  EXPECT_EQ(fctest::count_rule(fctest::check_text(right), "narrative.goal_amount"), 0);
  EXPECT_EQ(fctest::count_rule(fctest::check_text(wrong), "narrative.goal_amount"), 1);
}

}  // namespace

namespace {

// A planted indicator mismatch in a copy of the 2022 report.
TEST(Narrative, APlantedIndicatorMismatchIsReported) {
  std::string text = fctest::seed(fctest::kSeedReport2022);
  const std::string real = "产业研究报告超6篇";
  ASSERT_NE(text.find(real), std::string::npos);
  text.replace(text.find(real), real.size(), "产业研究报告超8篇");
  const auto d = fctest::check_text(text);
  ASSERT_EQ(fctest::count_rule(d, "narrative.indicator_value"), 1) << fctest::summary(d);
  for (const auto& f : d.findings) {
    if (f.rule == "narrative.indicator_value") {
      EXPECT_NE(f.message.find("完成值 6篇（目标值 =6篇）"), std::string::npos) << f.message;
    }
  }
}

}  // namespace

namespace {

// A narrative names an indicator by part of its name: "实际受理、评估项目12980项"
// for 受理、评估项目数量 (完成值 12880项): a wrong figure is reported, a right one not.
TEST(Narrative, AnIndicatorNamedByPartOfItsNameIsMatched) {
  const std::string real = "产业研究报告超6篇";
  for (const auto& [sentence, findings] : std::vector<std::pair<std::string, int>>{
           {"，实际受理、评估项目12980项", 1}, {"，实际受理、评估项目12880项", 0}}) {
    std::string text = fctest::seed(fctest::kSeedReport2022);
    ASSERT_NE(text.find(real), std::string::npos);
    text.insert(text.find(real) + real.size(), sentence);
    const auto d = fctest::check_text(text);
    EXPECT_EQ(fctest::count_rule(d, "narrative.indicator_value"), findings) << sentence << fctest::summary(d);
    for (const auto& f : d.findings)
      if (f.rule == "narrative.indicator_value") {
        EXPECT_NE(f.message.find("受理、评估项目数量"), std::string::npos) << f.message;
        EXPECT_NE(f.message.find("12980项"), std::string::npos) << f.message;
      }
  }
}

// A leading verb of the name left out ("情报咨询服务520项" for 开展情报咨询服务 500项),
// and a dropped 率 ("固定资产利用100%"): matched both ways.
TEST(Narrative, ALeadingVerbOrASuffixLeftOutIsMatched) {
  const std::string real = "产业研究报告超6篇";
  for (const auto& [sentence, findings] : std::vector<std::pair<std::string, int>>{
           {"，情报咨询服务520项", 1}, {"，情报咨询服务500项", 0}, {"，固定资产利用80%", 1}, {"，固定资产利用100%", 0}}) {
    std::string text = fctest::seed(fctest::kSeedReport2022);
    text.insert(text.find(real) + real.size(), sentence);
    EXPECT_EQ(fctest::count_rule(fctest::check_text(text), "narrative.indicator_value"), findings) << sentence;
  }
}

// The bundled forms' narratives, read as they are, with names matched by
// part: no narrative finding but the 2024 report's one, which its full name
// finds (the sentence says 超1850家 of an indicator whose 完成值 is 15623).
TEST(Narrative, TheBundledNarrativesHaveNoNewNarrativeFindings) {
  for (const char* seed : {fctest::kSeedTarget, fctest::kSeedReport2024, fctest::kSeedReport2022,
                           "changzhou-2024-target-example.txt", "changzhou-target-example.txt",
                           "suzhou-2025-target-example.txt", "project-target-example.txt", "project-selfeval-example.txt"}) {
    const auto d = fctest::check_text(fctest::seed(seed));
    std::vector<std::string> found;
    for (const auto& f : d.findings)
      if (f.rule.rfind("narrative.", 0) == 0) found.push_back(f.message);
    if (std::string(seed) == fctest::kSeedReport2024) {
      ASSERT_EQ(found.size(), 1u) << fctest::summary(d);
      EXPECT_NE(found[0].find("“高新技术企业年度发展情况报表统计” 1850家"), std::string::npos) << found[0];
    } else {
      EXPECT_TRUE(found.empty()) << seed << fctest::summary(d);
    }
  }
}

}  // namespace
