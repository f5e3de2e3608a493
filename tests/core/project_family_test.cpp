// Issue 29: the family decided by evidence (a project header makes a project
// form; conflicting evidence leaves it undecided until the user chooses), the
// 江苏 2024 project target read as data, and the project reader's sureness
// (inferred 一级, placeholder rows, a value split over three cells, no
// "未填写" for a part never read).
#include <gtest/gtest.h>

#include "formcheck/api.hpp"
#include "formcheck/model_json.hpp"

using formcheck::Document;
using formcheck::FormKind;

namespace {

Document checked(const std::string& text, FormKind chosen = FormKind::Unknown) {
  formcheck::Options opts;
  opts.hints.kind = chosen;
  Document d = formcheck::load_document("t.txt", text, opts);
  formcheck::check_document(d, opts);
  return d;
}

int count(const Document& d, const std::string& rule) {
  int n = 0;
  for (const auto& f : d.findings) n += f.rule == rule;
  return n;
}

// The 江苏 2024 项目支出绩效目标表: a project header over a funds table laid out
// like the department-wide one (收入 / 支出, 全年(程) / 半年(程)).
const char* kJiangsu2024 =
    "2024年度\n"
    "项目名称\t文化公园运转经费\t\t实施部门\t镇江市文化广电和旅游局\n"
    "项目类型\t常年安排项目\t\t项目级次\t市本级\n"
    "开始时间\t2024年\t\t完成时间\t2026年\n"
    "预算单位\t镇江博物馆\t\t\t\n"
    "项目资金(万元)\t收入\t\t全年(程)预算数\t\n"
    "\t资金总额\t\t80\t\n"
    "\t财政拨款\t小计\t80\t\n"
    "\t\t一般公共预算资金\t80\t\n"
    "\t上年结转资金\t\t0\t\n"
    "\t支出\t\t半年(程)计划执行数\t全年(程)预算数\n"
    "\t文化公园运转经费\t\t30\t80\n"
    "中长期目标\t保证文化公园免费开放运转。\t\t\t\n"
    "一级指标\t二级指标\t三级指标\t半年(程)指标值\t全年(程)指标值\n"
    "决策\t项目立项\t立项程序规范性\t规范\t规范\n"
    "产出\t数量指标\t开放天数\t≥150天\t≥300天\n"
    "效益\t社会效益\t参观人次\t≥5万人次\t≥10万人次\n"
    "满意度\t服务对象满意度\t游客满意度\t≥90%\t≥90%\n";

TEST(ProjectFamily, AProjectHeaderMakesAProjectFormWhateverItsFundsLookLike) {
  const Document d = checked(kJiangsu2024);
  ASSERT_EQ(d.form.kind, FormKind::ProjectTarget);
  EXPECT_TRUE(d.form.sure("family"));
  EXPECT_EQ(d.form.project_name, "文化公园运转经费");
  bool total = false, general = false, expense = false;
  for (const auto& r : d.form.project_funds) {
    total = total || (r.role == "total" && r.year == "80");
    general = general || (r.role == "general_budget" && r.year == "80");
    expense = expense || (r.role == "expense" && r.name == "文化公园运转经费" && r.half == "30" && r.year == "80");
  }
  EXPECT_TRUE(total && general && expense);
  EXPECT_EQ(d.form.texts.at("mid_term_goal"), "保证文化公园免费开放运转。");
  ASSERT_FALSE(d.form.project_indicators.empty());
  EXPECT_EQ(d.form.project_indicators.front().level1, "决策");
  // No 年度目标 label in this format: never "未填写"; no amount left unplaced.
  EXPECT_EQ(count(d, "project.required_field"), 0);
  EXPECT_EQ(count(d, "import.unplaced_amount"), 0);
}

TEST(ProjectFamily, ConflictingEvidenceLeavesTheFamilyUndecidedAndRunsNoContentRule) {
  const std::string text = std::string("部门整体预算绩效目标表\n") + kJiangsu2024;
  const Document d = checked(text);
  EXPECT_FALSE(d.form.sure("family"));
  bool named = false;
  for (const auto& f : d.findings) {
    EXPECT_EQ(f.rule.rfind("import.", 0), 0u) << f.rule << " " << f.message;
    if (f.rule == "import.ambiguous" && f.location.label == "表单类型")
      named = f.message.find("部门整体预算绩效目标表") != std::string::npos &&
              f.message.find("项目支出绩效目标表") != std::string::npos && f.fix.find("--form") != std::string::npos;
  }
  EXPECT_TRUE(named);
  // Not checked is not passed: an error says the form was not checked, so a gate stops it.
  EXPECT_EQ(count(d, "import.family_undecided"), 1);
  EXPECT_GT(formcheck::summarize(d.findings).errors, 0);
  // The user's choice decides.
  const Document chosen = checked(text, FormKind::ProjectTarget);
  EXPECT_EQ(chosen.form.kind, FormKind::ProjectTarget);
  EXPECT_TRUE(chosen.form.sure("family"));
  EXPECT_EQ(count(chosen, "import.family_undecided"), 0);
}

// A 10号 self-evaluation: 一级 reduced to its points or missing, placeholder
// rows, a "指标1：" prefix.
const char* kSelfEval =
    "项目支出绩效自评表\n"
    "项目名称\t测试项目\t\t\t\n"
    "主管部门\t某局\t实施单位\t某中心\t\n"
    "项目资金(万元)\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
    "\t年度资金总额\t10\t10\t10\t10\t100%\t10\n"
    "年度总体目标\t预期目标\t\t实际完成情况\t\n"
    "\t完成建设\t\t已完成\t\n"
    "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
    "\t(50分)\t数量指标\t指标1：完成项目数量\t=1个\t1个\t50\t50\t\n"
    "\t\t\t指标2：\t\t\t\t\t\n"
    "\t\t\t……\t\t\t\t\t\n"
    "\t效益指标(30分)\t社会效益指标\t受益人数\t≥100人\t120人\t30\t30\t\n"
    "\t满意度指标(10分)\t服务对象满意度指标\t满意度\t≥90%\t95%\t10\t10\t\n"
    "总分\t\t\t\t\t\t100\t100\t\n";

TEST(ProjectFamily, TheLevel1IsInferredFromTheLevel2AndMarked) {
  const Document d = checked(kSelfEval);
  ASSERT_EQ(d.form.kind, FormKind::ProjectSelfEval);
  ASSERT_EQ(d.form.project_indicators.size(), 3u);  // the placeholder rows are not indicators
  const auto& first = d.form.project_indicators.front();
  EXPECT_EQ(first.name, "完成项目数量");  // the "指标1：" prefix is not part of the name
  EXPECT_EQ(first.level1, "产出");
  EXPECT_TRUE(first.level1_inferred);
  EXPECT_FALSE(d.form.project_indicators[1].level1_inferred);
  EXPECT_EQ(count(d, "project.required_level"), 0);
  EXPECT_EQ(count(d, "project.placeholder"), 0);
  const auto j = formcheck::form_to_json(d.form);
  EXPECT_TRUE(j["project_indicators"][0].value("level1_inferred", false));
  EXPECT_FALSE(j["project_indicators"][1].contains("level1_inferred"));
  EXPECT_TRUE(formcheck::form_from_json(nlohmann::json::parse(j.dump())).project_indicators.front().level1_inferred);
}

TEST(ProjectFamily, AValueSplitOverThreeCellsIsOneValueAtTheValueCell) {
  const std::string text =
      "项目支出绩效自评表\n"
      "项目名称\t测试项目\t\t\t\t\t\t\t\n"
      "绩效指标\t一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t完成值\t权重\t得分\n"
      "\t产出指标\t数量指标\t采购电脑\t≥\t13\t台\t13\t90\t90\n";
  const Document d = checked(text);
  ASSERT_EQ(d.form.project_indicators.size(), 1u);
  const auto& r = d.form.project_indicators.front();
  EXPECT_EQ(r.year, "≥13台");
  EXPECT_EQ(r.src.cell("year").col, 6);
  EXPECT_EQ(r.actual, "13");
  EXPECT_EQ(r.weight, "90");
  EXPECT_EQ(count(d, "import.unrecognized"), 0) << "指标性质 and 度量单位 are consumed as parts";
}

TEST(ProjectFamily, APartNeverReadIsNotUnfilledAndACutTableMissesNoLaterLevel) {
  // Cut off in 产出: no 主管部门 / 目标 labels, no 效益 / 满意度 rows.
  const std::string text =
      "项目支出绩效目标表\n"
      "项目名称\t测试项目\t\t\n"
      "项目资金(万元)\t年度资金总额\t10\t\n"
      "绩效指标\t一级指标\t二级指标\t三级指标\t指标值\n"
      "\t产出指标\t数量指标\t建设数量\t=1个\n";
  const Document d = checked(text);
  ASSERT_EQ(d.form.kind, FormKind::ProjectTarget);
  EXPECT_EQ(count(d, "project.required_field"), 0);
  EXPECT_EQ(count(d, "project.required_level"), 0);
  // The same labels present and empty are unfilled; a level missing before the last one present is missing.
  const std::string whole =
      "项目支出绩效目标表\n"
      "项目名称\t测试项目\t\t\n"
      "主管部门\t\t实施单位\t某中心\n"
      "项目资金(万元)\t年度资金总额\t10\t\n"
      "年度目标\t完成建设\t\t\n"
      "绩效指标\t一级指标\t二级指标\t三级指标\t指标值\n"
      "\t产出指标\t数量指标\t建设数量\t=1个\n"
      "\t满意度指标\t服务对象满意度指标\t满意度\t≥90%\n";
  const Document w = checked(whole);
  EXPECT_EQ(count(w, "project.required_field"), 1);  // 主管部门
  EXPECT_EQ(count(w, "project.required_level"), 1);  // 效益
}

TEST(ProjectFamily, AProjectFormWithoutItsTablesIsAnUnknownFormNamingWhatWasFound) {
  const Document d = checked("项目支出绩效目标表\n项目名称\t测试项目\n实施单位\t某中心\n");
  ASSERT_EQ(count(d, "import.unknown_form"), 1);
  EXPECT_EQ(count(d, "project.required_field"), 0);
  EXPECT_NE(d.findings.front().message.find("找到的是：表名、项目名称、实施单位"), std::string::npos) << d.findings.front().message;
}

}  // namespace

// The 半年(程) values of the 江苏 2024 layout are values like the others: the
// value grammar, the rate bound and the placeholder rule judge them at their cell.
TEST(ProjectFamily, HalfYearValuesAreJudgedAtTheirCells) {
  std::string text = kJiangsu2024;
  const auto swap = [&](const std::string& from, const std::string& to) {
    const size_t at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
  };
  swap("游客满意度\t≥90%\t≥90%", "游客满意度\t≥120%\t≥90%");
  swap("开放天数\t≥150天", "开放天数\t***");
  const Document d = checked(text);
  ASSERT_EQ(d.form.kind, FormKind::ProjectTarget);
  bool rate = false, placeholder = false;
  for (const auto& f : d.findings) {
    rate = rate || (f.rule == "project.rate_over_100" && f.location.field == "half" && f.location.src.line == 18);
    placeholder = placeholder || (f.rule == "project.placeholder" && f.location.field == "half" && f.location.src.line == 16);
  }
  EXPECT_TRUE(rate);
  EXPECT_TRUE(placeholder);
  // The original's 半年 values give no finding.
  for (const auto& f : checked(kJiangsu2024).findings) EXPECT_NE(f.location.field, "half") << f.rule << " " << f.message;
}
