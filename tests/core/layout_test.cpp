// Template variations beyond the seeds: shifted columns, renamed headers, a
// 小计 value one column to the right, the 支出 label after the first expense
// rows, an extra 对应项目 column, a table pasted without its header, and
// text pasted from a PDF with rows wrapped over two lines.
#include <gtest/gtest.h>

#include "formcheck/model_json.hpp"
#include "test_util.hpp"

using formcheck::Document;

namespace {

const char* kChangzhou =
    "常州市市级部门整体预算绩效目标表\n"
    "2023年度\n"
    "单位名称\t\t常州市科技服务中心\n"
    "单位主要职能\t\t负责科技服务。\n"
    "机构设置及人员配置\t\t内设3个科室，编制15名。\n"
    "部门整体资金（万元）\t收入\t\t\t全年预算数\n"
    "\t\t资金总额\t\t100\n"
    "\t\t财政拨款\t小计\t\t80\n"
    "\t\t\t一般公共预算资金\t80\n"
    "\t\t上年结转资金\t\t20\n"
    "\t\t基本支出\t\t30\t60\n"
    "\t支出\t\t\t半年计划执行数\t全年预算数\n"
    "\t\t项目支出\t\t10\t40\n"
    "\t\t信息化运维\t\t10\t40\n"
    "中长期目标\t\t提升服务能力。\n"
    "年度目标\t\t完成年度任务。\n"
    "一级指标\t二级指标\t重点工作\t对应项目\t三级指标\t半年指标值\t全年指标值\n"
    "履职\t负责信息化\t系统运维\t信息化运维\t系统正常运行率\t=100%\t=100%\n"
    "\t\t\t\t故障处理时长\t≤2小时\t≤2小时\n"
    "效益\t社会效益\t\t\t服务质量\t提升\t提升\n"
    "满意度\t服务对象满意度\t\t\t用户满意度\t≥90%\t≥90%\n";

std::string prefix_lines(const std::string& text, const std::string& prefix) {
  std::string out = prefix;
  for (size_t i = 0; i < text.size(); ++i) {
    out += text[i];
    if (text[i] == '\n' && i + 1 < text.size()) out += prefix;
  }
  return out;
}

void expect_changzhou_model(const Document& d) {
  ASSERT_TRUE(d.has_form);
  const auto& f = d.form;
  EXPECT_EQ(f.region, "常州");
  EXPECT_EQ(f.year, "2023");
  EXPECT_EQ(f.unit, "常州市科技服务中心");
  EXPECT_EQ(f.texts.at("org_setup"), "内设3个科室，编制15名。");
  ASSERT_EQ(f.funds.income.size(), 4u);
  EXPECT_EQ(f.funds.income[1].role, "appropriation");
  EXPECT_EQ(f.funds.income[1].full, "80");  // 小计 value one column to the right
  EXPECT_EQ(f.funds.income[3].role, "carryover");
  ASSERT_EQ(f.funds.expense.size(), 3u);
  EXPECT_EQ(f.funds.expense[0].role, "basic");  // before the 支出 label
  EXPECT_EQ(f.funds.expense[0].half, "30");
  EXPECT_EQ(f.funds.expense[0].full, "60");
  EXPECT_EQ(f.funds.expense[2].role, "project");
  ASSERT_EQ(f.indicators.size(), 4u);
  EXPECT_EQ(f.indicators[0].project, "信息化运维");
  EXPECT_EQ(f.indicators[0].key_work, "系统运维");
  EXPECT_EQ(f.indicators[1].level2, "负责信息化");  // merged cells continue the group
  EXPECT_EQ(f.indicators[1].project, "信息化运维");
  EXPECT_EQ(f.indicators[3].level1, "满意度");
  EXPECT_EQ(fctest::count_rule(d, "import.unrecognized"), 0);
}

}  // namespace

TEST(Layout, RenamedHeadersAndMovedCells) {
  const Document d = fctest::check_text(kChangzhou);
  expect_changzhou_model(d);
  EXPECT_EQ(d.profile_id, "changzhou-target");
  // The form balances: no arithmetic finding.
  EXPECT_TRUE(fctest::rules_of(d, "money.").empty());
}

TEST(Layout, EveryColumnShiftedRight) {
  const Document d = fctest::check_text(prefix_lines(kChangzhou, "\t"));
  expect_changzhou_model(d);
  EXPECT_EQ(d.form.funds.income[0].src.cell("full").col, 6);
}

TEST(Layout, IndicatorTablePastedWithoutHeader) {
  std::string text = kChangzhou;
  const std::string header = "一级指标\t二级指标\t重点工作\t对应项目\t三级指标\t半年指标值\t全年指标值\n";
  text.erase(text.find(header), header.size());
  const Document d = formcheck::load_document("t", text);
  ASSERT_TRUE(d.has_form);
  ASSERT_EQ(d.form.indicators.size(), 4u);
  EXPECT_EQ(d.form.indicators[0].name, "系统正常运行率");
  EXPECT_EQ(d.form.indicators[0].level1, "履职");
  EXPECT_EQ(d.form.indicators[2].level2, "社会效益");
  EXPECT_EQ(fctest::count_rule(d, "import.unrecognized"), 0);
}

TEST(Layout, SelfEvaluationTablesWithoutHeaderRows) {
  const std::string text =
      "苏州市市级预算部门（单位）整体支出预算绩效自评报告\n（2023年度）\n一、预算部门名称：测试中心\n"
      "七、预算信息\n预算总金额\t100\t\t100\t90\t90.00%\n基本支出\t100\t\t100\t90\t90.00%\n"
      "九、部门整体自评表\n分解目标\t决策\t工作计划制定健全性\t健全\t健全\t文件\t0%\t\n"
      "\t履职\t服务企业\t>=10家\t12家\t统计\t20.00%\t超额完成\n";
  const Document d = formcheck::load_document("t", text);
  ASSERT_TRUE(d.has_form);
  EXPECT_EQ(d.form.budget_info.size(), 2u);
  ASSERT_EQ(d.form.evaluation.size(), 2u);
  EXPECT_EQ(d.form.evaluation[1].category, "履职");
  EXPECT_EQ(d.form.evaluation[1].deviation, "20.00%");
  EXPECT_EQ(fctest::count_rule(d, "import.unrecognized"), 0);
}

TEST(Layout, RowsWrappedOverTwoLines) {
  const std::string text =
      "苏州市市级预算部门（单位）整体支出预算绩效自评报告\n（2023年度）\n一、预算部门名称：测试中心\n"
      "九、部门整体自评表\n\t类别\t指标名称\t指标目标值\t指标完成值\t完成值来源\t偏差情况\t原因分析\n"
      "履职\t组织召开科技镇\t>=4\t3\t工作完成实际\t-25.00%\t会议计划调\n"
      "\n"
      "\t\t长团各类会议\t\t\t情况\t\t整\n";
  const Document d = formcheck::load_document("t", text);
  ASSERT_TRUE(d.has_form);
  ASSERT_EQ(d.form.evaluation.size(), 1u);
  EXPECT_EQ(d.form.evaluation[0].name, "组织召开科技镇长团各类会议");
  EXPECT_EQ(d.form.evaluation[0].source, "工作完成实际情况");
  EXPECT_EQ(d.form.evaluation[0].reason, "会议计划调整");
}

TEST(Layout, WordCopyOneCellPerLine) {
  const std::string text =
      "苏州市市级预算部门（单位）整体支出预算绩效自评报告\n（2023年度）\n一、预算部门名称：测试中心\n"
      "7、 预算信息\n\n\t预算总金额\n\t100\n\t0\n\t100\n\t95\n\t95.00%\n\n"
      "\t基本支出\n\t100\n\t\n\t100\n\t95\n\t95.00%\n";
  const Document d = formcheck::load_document("t", text);
  ASSERT_TRUE(d.has_form);
  EXPECT_EQ(d.input, "lines");
  ASSERT_EQ(d.form.budget_info.size(), 2u);
  EXPECT_EQ(d.form.budget_info[1].carry, "");
  EXPECT_EQ(d.form.budget_info[1].adjusted, "100");
}
