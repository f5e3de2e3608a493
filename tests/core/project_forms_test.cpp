// The project-level forms: the bundled examples with their planted errors,
// the same model and findings from text, .xlsx, .docx and .xls, the JSON
// round trip, a variant layout, and detection that never mistakes a
// department-wide form for a project form or the reverse.
#include <gtest/gtest.h>

#include <algorithm>

#include "corpus.hpp"
#include "formcheck/decimal.hpp"
#include "formcheck/model_json.hpp"
#include "test_util.hpp"

using formcheck::Document;
using formcheck::Form;
using formcheck::FormKind;

namespace {

Document load(const std::string& path, const std::string& bytes) {
  Document d = formcheck::load_document(path, bytes);
  formcheck::check_document(d);
  return d;
}

std::vector<std::string> findings_of(const Document& d) {
  std::vector<std::string> out;
  for (const auto& f : d.findings) out.push_back(f.rule + " @ " + f.location.label);
  std::sort(out.begin(), out.end());
  return out;
}

struct Planted {
  const char* rule;
  const char* label;
  const char* why;
};

void expect_exactly(const Document& d, const std::vector<Planted>& planted) {
  std::vector<std::string> want;
  for (const auto& p : planted) want.push_back(std::string(p.rule) + " @ " + p.label);
  std::sort(want.begin(), want.end());
  EXPECT_EQ(findings_of(d), want) << fctest::summary(d);
}

const std::vector<Planted> kTargetPlanted = {
    {"project.funds_total", "项目资金·年度资金总额·年度", "年度: 财政拨款 100 + 其他资金 30 = 130, not 120"},
    {"project.cost_upper_bound", "绩效指标·评价费用·年度指标值", "a cost written as =120万元 instead of ≤"},
    {"project.rate_over_100", "绩效指标·孵化载体满意度·年度指标值", "≥120% satisfaction cannot be met"},
    {"project.year_exceeds_mid", "绩效指标·组织绩效评价会议·年度指标值", "≥8场 in one year against ≥6场 over three"},
};

const std::vector<Planted> kSelfEvalPlanted = {
    {"project.funds_total", "项目资金·年度资金总额·全年执行数", "全年执行数: 95 + 8 + 15 = 118, not 117"},
    {"project.reason_missing", "绩效指标·孵化载体满意度·偏差原因分析及改进措施", "85% against ≥90%, 9.44 of 10, no reason"},
    {"project.total_score", "总分", "9.00 + 20 + 15 + 10 + 5 + 20 + 10 + 9.44 = 98.44, not 99"},
};

TEST(ProjectForms, TheTargetExampleHasItsPlantedErrorsAndNothingElse) {
  const Document d = load("t.txt", fctest::seed("project-target-example.txt"));
  ASSERT_TRUE(d.has_form);
  EXPECT_EQ(d.form.kind, FormKind::ProjectTarget);
  EXPECT_EQ(d.profile_id, "project-target-suzhou");  // 苏州 from the units' names
  EXPECT_EQ(d.form.project_name, "孵化载体绩效评价");
  EXPECT_EQ(d.form.unit, "苏州市创新服务中心");
  EXPECT_EQ(d.form.year, "2025");
  ASSERT_EQ(d.form.project_funds.size(), 3u);
  EXPECT_EQ(d.form.project_funds[0].mid, "360");
  EXPECT_EQ(d.form.project_funds[0].year, "120");
  EXPECT_EQ(d.form.project_funds[1].name, "财政拨款");
  ASSERT_EQ(d.form.project_indicators.size(), 8u);
  EXPECT_EQ(d.form.project_indicators[1].level2, "数量指标");  // a blank group cell continues the group above
  EXPECT_EQ(d.form.project_indicators[4].level1, "成本指标");
  EXPECT_FALSE(d.form.texts.at("mid_term_goal").empty());
  EXPECT_FALSE(d.form.texts.at("annual_goal").empty());
  expect_exactly(d, kTargetPlanted);
}

TEST(ProjectForms, TheSelfEvaluationExampleHasItsPlantedErrorsAndNothingElse) {
  const Document d = load("s.txt", fctest::seed("project-selfeval-example.txt"));
  ASSERT_TRUE(d.has_form);
  EXPECT_EQ(d.form.kind, FormKind::ProjectSelfEval);
  ASSERT_EQ(d.form.project_funds.size(), 4u);
  EXPECT_EQ(d.form.project_funds[0].weight, "10");
  EXPECT_EQ(d.form.project_funds[0].score, "9.00");
  EXPECT_EQ(d.form.project_funds[3].rate, "75.00%");
  ASSERT_EQ(d.form.project_indicators.size(), 7u);
  EXPECT_EQ(d.form.project_indicators.back().score, "9.44");
  EXPECT_EQ(d.form.total_score, "99");
  EXPECT_FALSE(d.form.texts.at("goal_actual").empty());
  expect_exactly(d, kSelfEvalPlanted);
}

// The office versions (LibreOffice, merged cells) read as the text does.
TEST(ProjectForms, TextXlsxDocxAndXlsGiveTheSameModelAndFindings) {
  auto strip = [](nlohmann::ordered_json j) {
    j.erase("src");
    for (auto& [k, section] : j.items())
      if (section.is_array())
        for (auto& row : section) row.erase("src");
    return j;
  };
  for (const char* base : {"project-target-example", "project-selfeval-example"}) {
    const Document text = load("x.txt", fctest::seed(std::string(base) + ".txt"));
    for (const char* ext : {".xlsx", ".docx", ".xls"}) {
      const Document office = load(std::string("x") + ext, fctest::fixture(std::string("office/") + base + ext));
      ASSERT_TRUE(office.has_form) << base << ext;
      // Excel stores 9.00 as the number 9: compare readings, numbers by value.
      auto a = strip(formcheck::form_to_json(text.form)).flatten(), b = strip(formcheck::form_to_json(office.form)).flatten();
      EXPECT_EQ(a.size(), b.size()) << base << ext;
      for (auto& [k, v] : a.items()) {
        ASSERT_TRUE(b.contains(k)) << base << ext << " lacks " << k;
        const std::string x = v.get<std::string>(), y = b[k].get<std::string>();
        const auto nx = formcheck::Decimal::parse(x), ny = formcheck::Decimal::parse(y);
        EXPECT_TRUE(x == y || (nx && ny && *nx == *ny)) << base << ext << " " << k << ": " << x << " vs " << y;
      }
      EXPECT_EQ(findings_of(office), findings_of(text)) << base << ext;
    }
  }
}

TEST(ProjectForms, TheModelJsonRoundTrips) {
  for (const char* name : {"project-target-example.txt", "project-selfeval-example.txt"}) {
    const Document d = load("x.txt", fctest::seed(name));
    const std::string json = formcheck::form_to_json(d.form).dump();
    const Document again = load("x.json", json);
    ASSERT_TRUE(again.has_form) << name;
    EXPECT_EQ(formcheck::form_to_json(again.form).dump(), json) << name;
    EXPECT_EQ(findings_of(again), findings_of(d)) << name;
  }
}

// The Jiangsu single-column layout: 项目资金 lists the year's amounts only, the
// indicator table has no 中期 column, and labels carry a colon.
TEST(ProjectForms, TheSingleColumnVariantReads) {
  const std::string text =
      "江苏省项目支出绩效目标表\n"
      "项目名称：公共数据开放平台运维\n"
      "主管部门\t常州市数据局\t实施单位\t常州市大数据中心\n"
      "项目资金（万元）\t年度资金总额\t80\n"
      "\t其中：财政拨款\t80\n"
      "\t其他资金\t0\n"
      "年度绩效目标\t完成平台年度运维，数据开放接口可用率不低于99.9%。\n"
      "一级指标\t二级指标\t三级指标\t指标值\n"
      "产出指标\t数量指标\t开放数据集数量\t≥300个\n"
      "\t时效指标\t故障响应时间\t≤2小时\n"
      "成本指标\t经济成本指标\t运维费用\t≤80万元\n"
      "效益指标\t社会效益指标\t数据调用次数\t≥100万次\n"
      "满意度指标\t服务对象满意度指标\t使用单位满意度\t≥90%\n";
  const Document d = load("v.txt", text);
  ASSERT_TRUE(d.has_form) << fctest::summary(d);
  EXPECT_EQ(d.form.kind, FormKind::ProjectTarget);
  EXPECT_EQ(d.form.project_name, "公共数据开放平台运维");
  EXPECT_EQ(d.form.unit, "常州市大数据中心");
  ASSERT_EQ(d.form.project_funds.size(), 3u);
  EXPECT_EQ(d.form.project_funds[0].year, "80");
  EXPECT_EQ(d.form.project_funds[0].mid, "");
  ASSERT_EQ(d.form.project_indicators.size(), 5u);
  EXPECT_EQ(d.form.project_indicators[1].level1, "产出指标");
  EXPECT_EQ(d.form.project_indicators[1].year, "≤2小时");
  EXPECT_EQ(d.form.project_indicators[2].level1, "成本指标");
  EXPECT_FALSE(d.form.texts.at("annual_goal").empty());
  EXPECT_EQ(fctest::errors(d), 0) << fctest::summary(d);
  EXPECT_EQ(fctest::count_rule(d, "import.unrecognized"), 0) << fctest::summary(d);
}

// Never the wrong family: the department-wide seeds and examples, every gold
// form of the layout corpus in every style, and the project examples.
TEST(ProjectForms, DepartmentWideAndProjectFormsAreNeverConfused) {
  for (const char* name : {fctest::kSeedTarget, fctest::kSeedReport2024, fctest::kSeedReport2022,
                           "changzhou-2024-target-example.txt", "changzhou-target-example.txt",
                           "suzhou-2025-target-example.txt"}) {
    const Document d = load(name, fctest::seed(name));
    EXPECT_FALSE(formcheck::is_project(d.form.kind)) << name;
  }
  for (const auto& g : corpus::gold_names()) {
    const formcheck::Form gold = corpus::load_gold(g);
    for (const auto& s : corpus::styles()) {
      const Document d = load("c.txt", corpus::render(gold, s.id));
      EXPECT_EQ(d.form.kind, gold.kind) << g << " in " << s.id;
    }
  }
  EXPECT_EQ(load("t", fctest::seed("project-target-example.txt")).form.kind, FormKind::ProjectTarget);
  EXPECT_EQ(load("s", fctest::seed("project-selfeval-example.txt")).form.kind, FormKind::ProjectSelfEval);
}

}  // namespace

namespace {

// Loaded together: a project's target table and its self-evaluation of the
// same year compare their 年度指标值; a department-wide target table's project
// line and the project's target table compare their amounts.
TEST(ProjectForms, CrossDocumentChecks) {
  std::string target = fctest::seed("project-target-example.txt");
  const std::string year = "（2025年度）";
  target.replace(target.find(year), year.size(), "（2024年度）");
  std::vector<Document> docs;
  docs.push_back(load("target.txt", target));
  docs.push_back(load("selfeval.txt", fctest::seed("project-selfeval-example.txt")));
  formcheck::check_cross(docs);
  // The self-evaluation keeps every target but the two planted in the target
  // table (评价费用 =120万元, 孵化载体满意度 ≥120%), which it states correctly.
  std::vector<std::string> changed;
  for (const auto& f : docs[1].findings)
    if (f.rule == "cross.target_changed") changed.push_back(f.location.label + " " + f.expected + " -> " + f.actual);
  EXPECT_EQ(changed, (std::vector<std::string>{"绩效指标·评价费用·年度指标值 =120万元 -> ≤120万元",
                                               "绩效指标·孵化载体满意度·年度指标值 ≥120% -> ≥90%"}));

  // The 2025 department-wide table lists 孵化载体绩效评价 at 120 万元, as the project table does.
  std::vector<Document> pair;
  pair.push_back(load("dept.txt", fctest::seed("suzhou-2025-target-example.txt")));
  pair.push_back(load("project.txt", fctest::seed("project-target-example.txt")));
  formcheck::check_cross(pair);
  EXPECT_EQ(fctest::count_rule(pair[1], "cross.project_amount"), 0) << fctest::summary(pair[1]);
  std::string more = fctest::seed("project-target-example.txt");
  const std::string line = "年度资金总额\t120";
  more.replace(more.find(line), line.size(), "年度资金总额\t130");
  pair[1] = load("project.txt", more);
  formcheck::check_cross(pair);
  ASSERT_EQ(fctest::count_rule(pair[1], "cross.project_amount"), 1) << fctest::summary(pair[1]);
  for (const auto& f : pair[1].findings)
    if (f.rule == "cross.project_amount") {
      EXPECT_EQ(f.expected, "120");
      EXPECT_EQ(f.actual, "130");
    }
  // A department table in 元 states the same 120 万元 as 1200000: no finding.
  Form dept_yuan = pair[0].form;
  dept_yuan.money_unit = "元";
  for (auto& l : dept_yuan.funds.expense)
    if (l.name == "孵化载体绩效评价") l.full = "1200000";
  pair[0].form = dept_yuan;
  pair[1] = load("project.txt", fctest::seed("project-target-example.txt"));
  formcheck::check_cross(pair);
  EXPECT_EQ(fctest::count_rule(pair[1], "cross.project_amount"), 0) << fctest::summary(pair[1]);
}

}  // namespace
