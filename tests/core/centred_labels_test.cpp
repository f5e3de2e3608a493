// Merged group labels printed in the middle of their block, as PDF and web
// extraction leave them: where the layout allows two block boundaries, the
// reader decides by what a person reads in the table, each cue tested with a
// table that only that cue decides, and a table that nothing decides.
#include <gtest/gtest.h>

#include <string>

#include "test_util.hpp"

namespace {

// A 苏州-style target table around the given indicator rows (empty cells dropped).
std::string target_with(const std::string& indicator_rows) {
  return "苏州市部门整体预算绩效目标表\n"
         "2025年度\n"
         "单位名称\t苏州市科技服务中心\n"
         "单位主要职能\t负责科技服务。\n"
         "机构设置及人员配置\t内设3个科室，编制15名。\n"
         "部门整体资金（万元）\t收入\t全年预算数\n"
         "资金总额\t100\n"
         "财政拨款\t100\n"
         "支出\t半年计划执行数\t全年预算数\n"
         "基本支出\t30\t60\n"
         "项目支出\t20\t40\n"
         "中长期目标\t提升服务能力。\n"
         "年度目标\t完成年度任务。\n"
         "一级指标\t二级指标\t三级指标\t半年指标值\t全年指标值\n" +
         indicator_rows;
}

const formcheck::Indicator* find(const formcheck::Form& f, const std::string& name) {
  for (const auto& i : f.indicators)
    if (i.name == name) return &i;
  return nullptr;
}

// The 效益 and 满意度 tables every test shares (labels centred, odd blocks).
const char* kRest =
    "社会效益\t服务质量\t提升\t提升\n"
    "效益\t经济效益\t企业成本\t降低\t降低\n"
    "可持续影响\t服务能力\t增强\t增强\n"
    "满意度\t服务对象满意度\t用户满意度\t≥90%\t≥90%\n";

// 履职 over six rows, its label on the third (6 rows: the upper middle).
// "负责成果转化" shows on the first row and "负责产学研合作" on the fourth, so the
// second and third rows belong to either: [2 | 4] or [1 | 5] blocks both fit.
TEST(CentredLabels, ARowSharingWordsWithOneLabelOnlyBelongsToIt) {
  const std::string rows =
      "负责成果转化\t技术合同认定数\t≥300项\t≥660项\n"
      "受理成果转化项目\t≥100项\t≥200项\n"
      "履职\t组织对接活动\t≥3场\t≥15场\n"
      "负责产学研合作\t产学研对接会议\t≥2场\t≥4场\n"
      "产学研合作协议\t≥5份\t≥10份\n"
      "产学研成果推介\t及时\t及时\n";
  const formcheck::Document d = fctest::check_text(target_with(rows + kRest));
  ASSERT_TRUE(d.has_form);
  const auto* r = find(d.form, "受理成果转化项目");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->level2, "负责成果转化");  // shares 成果转化 with that label alone
  ASSERT_NE(find(d.form, "组织对接活动"), nullptr);
  EXPECT_EQ(find(d.form, "组织对接活动")->level2, "负责产学研合作");
  EXPECT_EQ(fctest::count_rule(d, "structure.level2_empty"), 0);
}

// 履职 blocks where no row shares words with a label and the rows read alike
// across the boundary: nothing decides between [2 | 4] and [1 | 5].
const char* kUndecided =
      "负责成果转化\t技术合同认定数\t≥300项\t≥660项\n"
      "受理项目数量\t≥100项\t≥200项\n"
      "履职\t组织活动场次\t≥3场\t≥15场\n"
      "负责产学研合作\t召开会议场次\t≥2场\t≥4场\n"
      "签订协议数量\t≥5份\t≥10份\n"
      "推介活动场次\t≥2场\t≥4场\n";

// The same blocks where no row shares words with a label and the rows read
// alike across the boundary: nothing decides, and the reader says so.
TEST(CentredLabels, NothingDecidesTheBoundaryAndTheReaderSaysSo) {
  const std::string rows = kUndecided;
  const formcheck::Document d = fctest::check_text(target_with(rows + kRest));
  ASSERT_TRUE(d.has_form);
  EXPECT_GE(fctest::count_rule(d, "import.ambiguous"), 1);
  EXPECT_EQ(fctest::errors(d), 0) << fctest::summary(d);
}

// 效益 over eight rows, its label on the fourth: "社会效益" on the third of six,
// "经济效益" on the first of two. [5 | 3] blocks fit as well as [6 | 2]; the rows
// "企业研发成本 … 企业转化效率" read as one series, so the boundary falls where
// the wording changes.
TEST(CentredLabels, TheBoundaryFallsWhereTheWordingChanges) {
  const std::string rows =
      "履职\t负责服务\t服务次数\t≥3次\t≥6次\n"
      "税收优惠政策\t落实\t落实\n"
      "企业创新能力\t推动升级\t推动升级\n"
      "社会效益\t企业研发成本\t降低\t降低\n"
      "效益\t企业研发周期\t缩短\t缩短\n"
      "企业技术进步\t推动\t推动\n"
      "企业转化效率\t提升\t提升\n"
      "经济效益\t优化营商环境\t较显著\t较显著\n"
      "助推高质量发展\t较显著\t较显著\n"
      "满意度\t服务对象满意度\t用户满意度\t≥90%\t≥90%\n";
  const formcheck::Document d = fctest::check_text(target_with(rows));
  ASSERT_TRUE(d.has_form);
  ASSERT_NE(find(d.form, "企业转化效率"), nullptr);
  EXPECT_EQ(find(d.form, "税收优惠政策")->level1, "效益");
  EXPECT_EQ(find(d.form, "企业转化效率")->level2, "社会效益");
  EXPECT_EQ(find(d.form, "优化营商环境")->level2, "经济效益");
}

// With empty cells dropped, a row that shows one group cell before its name
// may show its 重点工作 or its centred 二级. When the 二级 labels as read cannot
// each sit in the middle of a block, the cell that reads like the other 二级
// ("负责…") is the 二级.
TEST(CentredLabels, AOneGroupCellThatReadsLikeTheLevel2IsTheLevel2) {
  const std::string text =
      "苏州市部门整体预算绩效目标表\n2022年度\n单位名称\t苏州市科技服务中心\n"
      "一级指标\t二级指标\t重点工作\t三级指标\t半年指标值\t全年指标值\n"
      "负责成果转化\t技术合同认定\t技术合同成交额\t≥300亿元\t≥660亿元\n"
      "成果转化政策落实\t受理成果转化项目\t≥100项\t≥200项\n"
      "开展对接活动\t组织对接活动\t≥3场\t≥15场\n"
      "负责产学研合作\t镇长团会议\t≥2场\t≥4场\n"
      "履职\t做好镇长团工作\t镇长团宣传管理\t及时\t及时\n"
      "镇长团服务保障\t满意\t满意\n"
      "负责高企管理服务\t高企材料受理\t高企受理数量\t≥0家\t≥2000家\n"
      "高企统计\t高企年报统计\t≥10500家\t≥10500家\n"
      "效益\t社会效益\t服务质量\t提升\t提升\n"
      "满意度\t服务对象满意度\t用户满意度\t≥90%\t≥90%\n";
  const formcheck::Document d = fctest::check_text(text);
  ASSERT_TRUE(d.has_form);
  const auto* r = find(d.form, "镇长团会议");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->level2, "负责产学研合作");
  EXPECT_EQ(r->key_work, "做好镇长团工作");
  EXPECT_EQ(find(d.form, "受理成果转化项目")->level2, "负责成果转化");
  EXPECT_EQ(find(d.form, "镇长团服务保障")->level2, "负责产学研合作");
}

}  // namespace

namespace {

// What the clerk states in the page's 原表 view is taken as given: a funds
// column's role for a lone amount, a row's 一级 where the layout left it open.
TEST(ReadingHints, AStatedColumnAndAStatedLevelAreTaken) {
  const std::string text =
      "常州市市级部门整体预算绩效目标表\n2023年度\n单位名称\t\t常州市科技服务中心\n"
      "部门整体资金（万元）\t收入\t\t\t全年预算数\n"
      "\t\t资金总额\t\t100\n\t\t财政拨款\t小计\t100\n"
      "\t支出\t\t\t半年计划执行数\t全年预算数\n"
      "\t\t基本支出\t\t30\t60\n\t\t项目支出\t\t10\t40\n"
      "\t\t信息化运维\t\t10\n"
      "中长期目标\t\t提升服务能力。\n年度目标\t\t完成年度任务。\n";
  formcheck::Options plain;
  const auto a = formcheck::load_document("a.txt", text, plain);
  ASSERT_TRUE(a.has_form);
  const auto& line = a.form.funds.expense.back();
  ASSERT_EQ(line.name, "信息化运维");
  // A lone 10 on the project line: read as half by the balanced reading (项目支出 half is 10).
  const std::string lone = line.half.empty() ? line.full : line.half;
  EXPECT_EQ(lone, "10");
  // Stated: column 5 (E) is 全年预算数 — then the 10 is the full-year figure, as the clerk said.
  formcheck::Options hinted;
  hinted.hints.columns[5] = "full";
  const auto b = formcheck::load_document("b.txt", text, hinted);
  EXPECT_EQ(b.form.funds.expense.back().full, "10");
  EXPECT_EQ(b.form.funds.expense.back().half, "");
  hinted.hints.columns[5] = "half";
  const auto c = formcheck::load_document("c.txt", text, hinted);
  EXPECT_EQ(c.form.funds.expense.back().half, "10");

  // A row of centred labels that nothing decides: stating its 一级 settles it.
  const std::string rows = std::string(kUndecided) +
      "社会效益\t服务质量\t提升\t提升\n"
      "效益\t经济效益\t企业成本\t降低\t降低\n"
      "可持续影响\t服务能力\t增强\t增强\n"
      "满意度\t服务对象满意度\t用户满意度\t≥90%\t≥90%\n";
  const std::string form = target_with(rows);
  const auto unsure = fctest::check_text(form);
  ASSERT_GE(fctest::count_rule(unsure, "import.ambiguous"), 1);
  int line_of_service = 0;
  for (const auto& i : unsure.form.indicators)
    if (i.name == "服务质量") line_of_service = i.src.at.line;
  ASSERT_GT(line_of_service, 0);
  formcheck::Options stated;
  stated.hints.level1[line_of_service] = "效益";
  auto d = formcheck::load_document("d.txt", form, stated);
  formcheck::check_document(d, stated);
  for (const auto& i : d.form.indicators) {
    if (i.name == "服务质量") {
      EXPECT_EQ(i.level1, "效益");
    }
  }
}

}  // namespace
