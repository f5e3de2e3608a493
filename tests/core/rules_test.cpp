// Every rule has a failing and a passing case (ESLint/Ruff style): a small
// correct form, then the one change that must trigger the rule.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <set>

#include "formcheck/model_json.hpp"
#include "formcheck/profiles.hpp"
#include "test_util.hpp"

using formcheck::Document;
using formcheck::EvalRow;
using formcheck::Form;
using formcheck::FormKind;

namespace {

formcheck::FundLine fund(const char* role, const char* name, const char* half, const char* full) {
  formcheck::FundLine l;
  l.role = role, l.name = name, l.half = half, l.full = full;
  return l;
}

formcheck::Indicator ind(const char* l1, const char* l2, const char* name, const char* half, const char* full) {
  formcheck::Indicator i;
  i.level1 = l1, i.level2 = l2, i.name = name, i.half = half, i.full = full;
  return i;
}

EvalRow ev(const char* cat, const char* name, const char* target, const char* actual, const char* deviation,
           const char* reason = "", const char* source = "统计报表") {
  EvalRow e;
  e.category = cat, e.name = name, e.target = target, e.actual = actual, e.source = source,
  e.deviation = deviation, e.reason = reason;
  return e;
}

formcheck::BudgetRow bud(const char* role, const char* name, const char* ini, const char* carry, const char* adj,
                         const char* act, const char* rate) {
  formcheck::BudgetRow b;
  b.role = role, b.name = name, b.initial = ini, b.carry = carry, b.adjusted = adj, b.actual = act, b.rate = rate;
  return b;
}

// A correct, complete target table: every common indicator, balanced funds.
Form good_target() {
  Form f;
  f.kind = FormKind::Target;
  f.title = "苏州市市级部门整体预算绩效目标表";
  f.region = "苏州";
  f.unit = "测试中心";
  f.year = "2022";
  f.texts = {{"functions", "负责测试。"}, {"mid_term_goal", "提升能力。"}, {"annual_goal", "完成任务。"}};
  f.funds.income = {fund("total", "资金总额", "", "100"), fund("appropriation", "财政拨款", "", "90"),
                    fund("general_budget", "一般公共预算资金", "", "90"), fund("gov_fund", "政府性基金", "", "0"),
                    fund("carryover", "上年结转资金", "", "10")};
  f.funds.expense = {fund("basic", "基本支出", "30", "60"), fund("project_total", "项目支出", "15.5", "40"),
                     fund("project", "项目一", "10.25", "25.25"), fund("project", "项目二", "5.25", "14.75")};
  const auto* p = formcheck::profiles::find("suzhou-target");
  for (const auto& c : p->common)
    if (c.applies(2022)) f.indicators.push_back(ind(c.level1.c_str(), c.level2.c_str(), c.name.c_str(), "健全", "健全"));
  f.indicators.push_back(ind("履职", "负责测试", "测试服务家数", "≥10家", "≥20家"));
  f.indicators.push_back(ind("效益", "社会效益", "服务质量", "提升", "提升"));
  f.indicators.push_back(ind("满意度", "服务对象满意度", "服务对象满意度", "≥90%", "≥90%"));
  return f;
}

Form good_report() {
  Form f;
  f.kind = FormKind::SelfEval;
  f.title = "苏州市市级预算部门（单位）整体支出预算绩效自评报告";
  f.region = "苏州";
  f.unit = "测试中心";
  f.year = "2022";
  f.texts = {{"duty_completion", "完成。"}, {"performance", "良好。"}};
  f.budget_info = {bud("total", "预算总金额", "1905.66", "197.53", "2103.19", "1999.97", "95.09%"),
                   bud("basic", "基本支出", "1356.61", "197.53", "1554.14", "1451.77", "93.41%"),
                   bud("project_total", "项目支出", "549.05", "", "549.05", "548.2", "99.85%"),
                   bud("project", "项目一", "500", "", "500", "499.25", "99.85%"),
                   bud("project", "项目二", "49.05", "", "49.05", "48.95", "99.80%")};
  formcheck::KeyTask t;
  t.duty = "负责测试", t.task = "测试", t.status = "完成";
  f.key_tasks = {t};
  const auto* p = formcheck::profiles::find("suzhou-selfeval");
  for (const auto& c : p->common)
    if (c.applies(2022)) f.evaluation.push_back(ev(c.level1.c_str(), c.name.c_str(), "健全", "健全", "0%"));
  for (auto& e : f.evaluation) {
    if (e.name == "预算执行率") e.target = "≥95%", e.actual = "95.09%", e.deviation = "0.09%";
    if (e.name == "预算调整率")
      e.target = "≤11%", e.actual = "10.37%", e.deviation = "-5.73%";  // 197.53/1905.66 = 10.3654%
  }
  f.evaluation.push_back(ev("履职", "培育技术经纪人", ">=200", "756", "278.00%"));
  f.evaluation.push_back(ev("效益", "服务质量", "提升", "提升", "0%"));
  f.evaluation.push_back(ev("满意度", "服务对象满意度", ">=90%", "95%", "5.56%"));
  return f;
}

// A correct 项目支出绩效目标表: funds that add up, every required 一级, cost as an upper bound.
Form good_project_target() {
  Form f;
  f.kind = FormKind::ProjectTarget;
  f.title = "项目支出绩效目标表";
  f.year = "2025";
  f.project_name = "测试项目";
  f.unit = "测试中心";
  f.texts = {{"department", "测试局"},        {"mid_term_goal", "三年完成。"}, {"annual_goal", "完成年度任务。"},
             {"start_date", "2025年1月"},       {"end_date", "2027年12月"}};
  auto fund = [](const char* role, const char* name, const char* mid, const char* year) {
    formcheck::ProjectFundRow r;
    r.role = role, r.name = name, r.mid = mid, r.year = year;
    return r;
  };
  f.project_funds = {fund("total", "年度资金总额", "300", "100"), fund("appropriation", "财政拨款", "240", "80"),
                     fund("other", "其他资金", "60", "20")};
  auto ind = [](const char* l1, const char* l2, const char* name, const char* mid, const char* year) {
    formcheck::ProjectIndicator i;
    i.level1 = l1, i.level2 = l2, i.name = name, i.mid = mid, i.year = year;
    return i;
  };
  f.project_indicators = {ind("产出指标", "数量指标", "服务企业数量", "≥300家", "≥100家"),
                          ind("产出指标", "成本指标", "服务费用", "≤300万元", "≤100万元"),
                          ind("效益指标", "社会效益指标", "企业创新能力", "显著提升", "显著提升"),
                          ind("满意度指标", "服务对象满意度指标", "企业满意度", "≥90%", "≥90%")};
  return f;
}

// A correct 项目支出绩效自评表 (财预〔2020〕10号): sums, rates, scores and weights agree.
Form good_project_selfeval() {
  Form f;
  f.kind = FormKind::ProjectSelfEval;
  f.title = "项目支出绩效自评表";
  f.year = "2024";
  f.project_name = "测试项目";
  f.unit = "测试中心";
  f.texts = {{"department", "测试局"}, {"goal_expected", "完成任务。"}, {"goal_actual", "已完成。"}};
  auto fund = [](const char* role, const char* name, const char* ini, const char* bud, const char* exe, const char* w,
                 const char* rate, const char* score) {
    formcheck::ProjectFundRow r;
    r.role = role, r.name = name, r.initial = ini, r.budget = bud, r.executed = exe, r.weight = w, r.rate = rate,
    r.score = score;
    return r;
  };
  f.project_funds = {fund("total", "年度资金总额", "100", "120", "108", "10", "90.00%", "9.00"),
                     fund("appropriation", "当年财政拨款", "100", "100", "90", "—", "90.00%", "—"),
                     fund("carryover", "上年结转资金", "0", "20", "18", "—", "90.00%", "—")};
  auto ind = [](const char* l1, const char* l2, const char* name, const char* year, const char* actual, const char* w,
                const char* score, const char* reason = "") {
    formcheck::ProjectIndicator i;
    i.level1 = l1, i.level2 = l2, i.name = name, i.year = year, i.actual = actual, i.weight = w, i.score = score,
    i.reason = reason;
    return i;
  };
  f.project_indicators = {ind("产出指标", "数量指标", "服务企业数量", "≥100家", "120家", "30", "30"),
                          ind("产出指标", "成本指标", "服务费用", "≤120万元", "108万元", "20", "20"),
                          ind("效益指标", "社会效益指标", "企业创新能力", "显著提升", "显著提升", "30", "30"),
                          ind("满意度指标", "服务对象满意度指标", "企业满意度", "≥90%", "95%", "10", "10")};
  f.total_score = "99.00";
  return f;
}

Document run(const Form& f, const std::string& profile = "") {
  formcheck::Options o;
  o.profile = profile;
  Document d;
  d.form = f;
  d.has_form = true;
  formcheck::check_document(d, o);
  return d;
}

std::string dump(const Document& d) {
  std::string s;
  for (const auto& f : d.findings) s += f.rule + ": " + f.message + "\n";
  return s;
}

}  // namespace

TEST(Rules, CorrectFormsHaveNoFindings) {
  const Document t = run(good_target());
  EXPECT_TRUE(t.findings.empty()) << dump(t);
  const Document r = run(good_report());
  EXPECT_TRUE(r.findings.empty()) << dump(r);
  const Document pt = run(good_project_target());
  EXPECT_TRUE(pt.findings.empty()) << dump(pt);
  const Document ps = run(good_project_selfeval());
  EXPECT_TRUE(ps.findings.empty()) << dump(ps);
}

// Each case: the rule id, the form family (false: report, true: target table,
// kProjectTarget, kProjectSelfEval), and the mutation that breaks it.
constexpr int kProjectTarget = 2, kProjectSelfEval = 3;
struct Case {
  const char* rule;
  int family;
  std::function<void(Form&)> mutate;
};

Form good_form(int family) {
  switch (family) {
    case 1: return good_target();
    case kProjectTarget: return good_project_target();
    case kProjectSelfEval: return good_project_selfeval();
    default: return good_report();
  }
}

class RuleCase : public ::testing::TestWithParam<Case> {};

TEST_P(RuleCase, FiresOnTheMutationOnly) {
  const Case& c = GetParam();
  Form f = good_form(c.family);
  EXPECT_EQ(fctest::count_rule(run(f), c.rule), 0) << "negative case: " << c.rule;
  c.mutate(f);
  const Document d = run(f);
  EXPECT_GE(fctest::count_rule(d, c.rule), 1) << "positive case: " << c.rule << "\n" << dump(d);
  for (const auto& fi : d.findings) {
    if (fi.rule != c.rule) continue;
    EXPECT_FALSE(fi.message.empty());
    EXPECT_FALSE(fi.location.section.empty());
    EXPECT_FALSE(fi.location.label.empty());
  }
}

formcheck::AcceptStatement statement(const char* rule, const char* section, const char* field, const char* label,
                                     const char* actual, const char* reason) {
  formcheck::AcceptStatement s;
  s.rule = rule, s.section = section, s.field = field, s.label = label, s.actual = actual, s.reason = reason;
  return s;
}

const Case kCases[] = {
    // A 说明 for a finding the form does not have (the negative case: a form without statements).
    {"accept.unmatched", true,
     [](Form& f) {
       f.accepted.push_back(statement("money.income_total", "funds.income", "full", "部门整体资金·收入·资金总额·全年预算数",
                                      "101", "表外安排"));
     }},
    {"money.income_total", true, [](Form& f) { f.funds.income[0].full = "101"; }},
    {"money.appropriation_subtotal", true, [](Form& f) { f.funds.income[2].full = "89"; }},
    {"money.expense_total", true, [](Form& f) { f.funds.expense[0].full = "61"; }},
    {"money.project_lines", true, [](Form& f) { f.funds.expense[2].half = "11"; }},
    {"money.half_exceeds_full", true, [](Form& f) { f.funds.expense[3].half = "15"; }},
    {"money.unreadable", true, [](Form& f) { f.funds.income[0].full = "NaN"; }},
    {"money.unreadable", true, [](Form& f) { f.funds.income[0].full = "999999999999999999"; }},
    {"money.unreadable", true, [](Form& f) { f.funds.expense[0].full = "1e400"; }},
    {"money.unit_in_cell", true, [](Form& f) { f.funds.expense[0].full += "万元"; }},
    {"money.unit_mismatch", true, [](Form& f) { f.funds.expense[0].full = "600000元"; }},
    {"money.unknown_income_line", true,
     [](Form& f) { f.funds.income.push_back(fund("income_item", "事业收入", "", "12.5")); }},
    {"money.unreadable", false, [](Form& f) { f.budget_info[0].actual = "约694"; }},
    {"budget.adjusted_sum", false, [](Form& f) { f.budget_info[1].adjusted = "1554.41"; }},
    {"budget.column_sums", false, [](Form& f) { f.budget_info[4].actual = "49.50"; }},
    // Σ parts = 1999.97; 1999.99 is explained only if every figure was cut off, not rounded.
    {"budget.column_sums.rounding", false, [](Form& f) { f.budget_info[0].actual = "1999.99"; }},
    {"budget.execution_rate", false, [](Form& f) { f.budget_info[3].rate = "98.85%"; }},
    // 2000.05 / 2103.19 = 95.0960%: 95.10% rounded, 95.09% only when truncated.
    {"budget.execution_rate.rounding", false, [](Form& f) { f.budget_info[0].actual = "2000.05"; }},
    {"budget.overspend", false,
     [](Form& f) { f.budget_info[4].actual = "49.95", f.budget_info[4].rate = "101.84%"; }},
    // (95 - 90) / 90 = 5.56%; "95%" stands for 94.5–95.5%, so only a clear miss is an error.
    {"eval.deviation", false, [](Form& f) { f.evaluation.back().deviation = "15.00%"; }},
    {"eval.target_not_met", false, [](Form& f) { f.evaluation.back().actual = "85%", f.evaluation.back().deviation = "-5.56%"; }},
    {"eval.reason_missing", false,
     [](Form& f) { f.evaluation.back().actual = "85%", f.evaluation.back().deviation = "-5.56%"; }},
    {"eval.source_missing", false, [](Form& f) { f.evaluation.back().source = ""; }},
    {"eval.budget_rate_mismatch", false,
     [](Form& f) {
       for (auto& e : f.evaluation)
         if (e.name == "预算执行率") e.actual = "96.09%", e.deviation = "1.15%";
     }},
    {"eval.budget_rate_mismatch.rounding", false,
     [](Form& f) {
       for (auto& e : f.evaluation)
         if (e.name == "预算调整率") e.actual = "10.36%", e.deviation = "-5.82%";
     }},
    {"indicator.value_syntax", true, [](Form& f) { f.indicators.back().full = "90%"; }},
    {"indicator.unit_mismatch", true, [](Form& f) { f.indicators[f.indicators.size() - 3].half = "≥10个"; }},
    {"indicator.half_exceeds_full", true, [](Form& f) { f.indicators[f.indicators.size() - 3].half = "≥30家"; }},
    {"indicator.trivial_target", true, [](Form& f) { f.indicators[f.indicators.size() - 3].full = "≥0家"; }},
    {"indicator.rate_out_of_range", true, [](Form& f) { f.indicators.back().full = "≥120%"; }},
    {"indicator.name_typo", true, [](Form& f) { f.indicators[0].name = "工作计划制订健全性"; }},
    {"indicator.common_missing", true, [](Form& f) { f.indicators.erase(f.indicators.begin() + 1); }},
    {"indicator.duplicate", true, [](Form& f) { f.indicators.push_back(f.indicators.back()); }},
    {"indicator.level_unknown", true, [](Form& f) { f.indicators[0].level1 = "机构建设"; }},
    {"indicator.project_unknown", true,
     [](Form& f) {
       for (auto& i : f.indicators)
         if (i.level1 == "履职") i.project = "项目三";
     }},
    {"indicator.project_uncovered", true,
     [](Form& f) {
       for (auto& i : f.indicators)
         if (i.level1 == "履职") i.project = "项目一";
     }},
    {"indicator.duty_unmatched", true,
     [](Form& f) {
       f.texts["functions"] = "（一）负责测试服务；（二）承担检验检测。";
       for (auto& i : f.indicators)
         if (i.level1 == "履职") i.level2 = "负责人才培养";
     }},
    {"narrative.budget_figure", false,
     [](Form& f) { f.texts["problems"] = "2022年，年初预算1900.00万元，实际支出1999.97万元。"; }},
    {"narrative.indicator_value", false, [](Form& f) { f.texts["performance"] = "全年培育技术经纪人700人。"; }},
    {"narrative.goal_amount", true, [](Form& f) { f.texts["annual_goal"] = "年度预算资金总额120万元，完成任务。"; }},
    {"project.funds_total", kProjectTarget, [](Form& f) { f.project_funds[2].year = "30"; }},
    {"project.funds_total", kProjectSelfEval, [](Form& f) { f.project_funds[1].initial = "90"; }},
    {"project.execution_rate", kProjectSelfEval, [](Form& f) { f.project_funds[2].rate = "80.00%"; }},
    {"project.rate_score", kProjectSelfEval, [](Form& f) { f.project_funds[0].score = "10.00"; }},
    // A dash only where the template prints one (分值/得分 of the sub-rows, as the good form has them).
    {"project.unreadable_value", kProjectSelfEval, [](Form& f) { f.project_funds[0].weight = "—"; }},
    {"project.unreadable_value", kProjectSelfEval, [](Form& f) { f.project_funds[1].score = "#N/A"; }},
    {"project.unreadable_value", kProjectSelfEval,
     [](Form& f) { f.project_funds[2].rate = "见附件", f.project_funds[2].executed = ""; }},
    {"project.execution_rate", kProjectSelfEval, [](Form& f) { f.project_funds[1].rate = "—"; }},
    {"budget.execution_rate", false, [](Form& f) { f.budget_info[1].rate = "—"; }},
    {"budget.execution_rate", false, [](Form& f) { f.budget_info[1].rate = "#DIV/0!"; }},
    {"project.score_exceeds_weight", kProjectSelfEval, [](Form& f) { f.project_indicators[0].score = "35"; }},
    {"project.indicator_score", kProjectSelfEval,
     [](Form& f) { f.project_indicators[0].actual = "80家", f.project_indicators[0].reason = "需求下降"; }},
    {"project.reason_missing", kProjectSelfEval,
     [](Form& f) { f.project_indicators[3].actual = "85%", f.project_indicators[3].score = "9.44"; }},
    {"project.weights_sum", kProjectSelfEval, [](Form& f) { f.project_indicators[0].weight = "35"; }},
    {"project.weight_split", kProjectSelfEval,
     [](Form& f) { f.project_indicators[0].weight = "20", f.project_indicators[0].score = "20",
                   f.project_indicators[2].weight = "40", f.project_indicators[2].score = "40"; }},
    {"project.total_score", kProjectSelfEval, [](Form& f) { f.total_score = "100"; }},
    {"project.required_field", kProjectTarget, [](Form& f) { f.project_name = ""; }},
    {"project.required_field", kProjectSelfEval, [](Form& f) { f.texts.erase("goal_expected"); }},
    {"project.required_field", kProjectTarget, [](Form& f) { f.texts.erase("department"); }},
    {"project.required_field", kProjectSelfEval, [](Form& f) { f.texts["department"] = ""; }},
    {"project.dates_order", kProjectTarget, [](Form& f) { f.texts["end_date"] = "2024年"; }},
    {"project.dates_order", kProjectTarget,
     [](Form& f) { f.texts.erase("start_date"), f.texts.erase("end_date"), f.texts["project_period"] = "2025年3月-2024年2月"; }},
    {"project.timeliness_date", kProjectTarget,
     [](Form& f) { f.project_indicators[0].level2 = "时效指标", f.project_indicators[0].name = "完成时限",
                   f.project_indicators[0].mid = "2028年6月前", f.project_indicators[0].year = "2025年12月"; }},
    {"project.placeholder", kProjectTarget, [](Form& f) { f.project_indicators[1].year = "≤**万元"; }},
    {"project.placeholder", kProjectSelfEval, [](Form& f) { f.project_name = "×××项目"; }},
    {"project.required_level", kProjectTarget, [](Form& f) { f.project_indicators.pop_back(); }},
    {"project.cost_upper_bound", kProjectTarget, [](Form& f) { f.project_indicators[1].year = "=100万元"; }},
    {"project.rate_over_100", kProjectTarget, [](Form& f) { f.project_indicators[3].year = "≥120%"; }},
    {"project.year_exceeds_mid", kProjectTarget, [](Form& f) { f.project_funds[0].year = "400"; }},
    {"indicator.value_syntax", kProjectTarget, [](Form& f) { f.project_indicators[0].year = "100家"; }},
    {"money.unreadable", kProjectSelfEval, [](Form& f) { f.project_funds[1].budget = "约100"; }},
    {"money.full_width", true, [](Form& f) { f.funds.expense[0].full = "６０"; }},
    // A dash where the template wants an amount, a spreadsheet error value, words.
    {"money.unreadable", true, [](Form& f) { f.funds.expense[0].full = "—"; }},
    {"money.unreadable", true, [](Form& f) { f.funds.income[0].full = "/"; }},
    {"money.unreadable", true, [](Form& f) { f.funds.expense[2].full = "#N/A"; }},
    {"money.unreadable", true, [](Form& f) { f.funds.expense[3].half = "#DIV/0!"; }},
    {"money.unreadable", true, [](Form& f) { f.funds.expense[3].half = "见附件"; }},
    // A dash where the template allows "not applicable" (半年计划执行数) is read and said.
    {"money.blank_mark", true, [](Form& f) { f.funds.expense[0].half = "—"; }},
    {"money.blank_mark", true, [](Form& f) { f.funds.income[3].full = "-"; }},
    // A line a table holds once, or a project name, written twice.
    {"money.duplicate_line", true, [](Form& f) { f.funds.expense.push_back(fund("basic", "基本支出", "30", "70")); }},
    {"money.duplicate_line", true, [](Form& f) { f.funds.income.push_back(fund("carryover", "上年结转资金", "", "10")); }},
    {"money.duplicate_line", true, [](Form& f) { f.funds.expense.push_back(fund("project", "项目二", "5.25", "14.75")); }},
    {"money.duplicate_line", false,
     [](Form& f) { f.budget_info.insert(f.budget_info.begin() + 1, f.budget_info[0]); }},
    {"money.duplicate_line", kProjectTarget, [](Form& f) { f.project_funds.push_back(f.project_funds[2]); }},
    {"money.blank_required", true, [](Form& f) { f.funds.expense[2].full = ""; }},
    {"money.blank_required", false, [](Form& f) { f.budget_info[1].actual = ""; }},
    {"structure.required_field", true, [](Form& f) { f.texts["annual_goal"] = "。。。"; }},
    {"structure.required_level", true, [](Form& f) { f.indicators.pop_back(); }},
    {"structure.required_field", false, [](Form& f) { f.unit = ""; }},
    {"structure.required_level", false, [](Form& f) { f.evaluation.pop_back(); }},
};

INSTANTIATE_TEST_SUITE_P(Catalog, RuleCase, ::testing::ValuesIn(kCases), [](const auto& info) {
  std::string n = info.param.rule;
  for (char& ch : n)
    if (ch == '.') ch = '_';
  return n + "_" + std::to_string(info.index);
});

// Never blame what was not read (issue 29): the link and narrative rules stay
// silent when a part they compare was not read with confidence, and
// project.required_field / required_level when the project reader was unsure.
TEST(Rules, LinkNarrativeAndProjectRulesConsultTheReadersSureness) {
  struct Unsure {
    const char* rule;
    int family;
    const char* part;
    std::function<void(Form&)> mutate;
  };
  const Unsure cases[] = {
      {"indicator.project_unknown", 1, "funds",
       [](Form& f) { for (auto& i : f.indicators) if (i.level1 == "履职") i.project = "项目三"; }},
      {"indicator.project_uncovered", 1, "indicators",
       [](Form& f) { for (auto& i : f.indicators) if (i.level1 == "履职") i.project = "项目一"; }},
      {"indicator.duty_unmatched", 1, "texts.functions",
       [](Form& f) {
         f.texts["functions"] = "（一）负责测试服务；（二）承担检验检测。";
         for (auto& i : f.indicators) if (i.level1 == "履职") i.level2 = "负责人才培养";
       }},
      {"narrative.goal_amount", 1, "funds", [](Form& f) { f.texts["annual_goal"] = "年度预算资金总额120万元，完成任务。"; }},
      {"narrative.budget_figure", 0, "budget_info",
       [](Form& f) { f.texts["problems"] = "2022年，年初预算1900.00万元，实际支出1999.97万元。"; }},
      {"project.required_field", kProjectTarget, "department", [](Form& f) { f.texts.erase("department"); }},
      {"project.required_level", kProjectTarget, "project_indicators.end",
       [](Form& f) {
         while (!f.project_indicators.empty() && f.project_indicators.back().level1.find("满意度") != std::string::npos)
           f.project_indicators.pop_back();
       }},
  };
  for (const Unsure& c : cases) {
    Form f = good_form(c.family);
    c.mutate(f);
    ASSERT_GE(fctest::count_rule(run(f), c.rule), 1) << c.rule << " fires on the mutation when sure";
    f.unsure.push_back({c.part, "test"});
    EXPECT_EQ(fctest::count_rule(run(f), c.rule), 0) << c.rule << " with " << c.part << " unsure";
  }
}

// Dates are indicator values; the header's time bounds the 时效指标.
TEST(Rules, ProjectDatesAreReadAsDates) {
  Form f = good_project_target();
  f.project_indicators[0].level2 = "时效指标", f.project_indicators[0].name = "项目完成时限";
  f.project_indicators[0].mid = "2027年底前", f.project_indicators[0].year = "2025年12月";
  Document d = run(f);
  EXPECT_EQ(fctest::count_rule(d, "indicator.value_syntax"), 0) << dump(d);
  EXPECT_EQ(fctest::count_rule(d, "project.timeliness_date"), 0) << dump(d);
  for (const char* v : {"12月31日前", "2025-12-31", "2025年底前"}) {
    f.project_indicators[0].year = v;
    EXPECT_EQ(fctest::count_rule(run(f), "indicator.value_syntax"), 0) << v;
  }
  // Outside 项目期 (a period instead of 开始/完成时间): too early and too late.
  f.texts.erase("start_date"), f.texts.erase("end_date");
  f.texts["project_period"] = "2025年4月-2026年2月";
  f.project_indicators[0].mid = "2026年2月底前";
  f.project_indicators[0].year = "2025年3月";
  d = run(f);
  ASSERT_EQ(fctest::count_rule(d, "project.timeliness_date"), 1) << dump(d);
  f.project_indicators[0].year = "2026年3月1日";
  EXPECT_EQ(fctest::count_rule(run(f), "project.timeliness_date"), 1);
  f.project_indicators[0].year = "12月31日前";  // no year: not compared
  EXPECT_EQ(fctest::count_rule(run(f), "project.timeliness_date"), 0);
  // A template placeholder is named once, as a placeholder, not as unreadable syntax.
  f.project_indicators[0].year = "≥**个";
  d = run(f);
  EXPECT_EQ(fctest::count_rule(d, "project.placeholder"), 1) << dump(d);
  EXPECT_EQ(fctest::count_rule(d, "indicator.value_syntax"), 0) << dump(d);
  // Multiplication signs and names with X are not placeholders.
  f.project_indicators[0].year = "2025年12月";
  f.project_indicators[0].name = "3×4米展板数量";
  f.unit = "XXL体育中心";
  f.project_indicators[1].name = "*服务费用";  // the 88号 mark of a core indicator
  EXPECT_EQ(fctest::count_rule(run(f), "project.placeholder"), 0);
}

// The passing case of accept.unmatched: the statement names a finding the form has.
TEST(Rules, AStatementForAFindingTheFormHasIsNotUnmatched) {
  Form f = good_target();
  f.funds.income[0].full = "101";
  const Document before = run(f);
  ASSERT_EQ(fctest::count_rule(before, "money.income_total"), 1) << dump(before);
  formcheck::Finding found;
  for (const auto& fi : before.findings)
    if (fi.rule == "money.income_total") found = fi;
  f.accepted.push_back(statement("money.income_total", "funds.income", "full", found.location.label.c_str(),
                                 found.actual.c_str(), "表外安排"));
  const Document d = run(f);
  EXPECT_EQ(fctest::count_rule(d, "accept.unmatched"), 0) << dump(d);
  for (const auto& fi : d.findings)
    if (fi.rule == "money.income_total") EXPECT_TRUE(fi.accepted);
}

TEST(Rules, EveryCheckedRuleHasACase) {
  for (const auto& r : formcheck::rule_registry()) {
    if (!r.check) continue;
    bool found = false;
    for (const auto& c : kCases) found = found || r.meta->id == std::string(c.rule);
    EXPECT_TRUE(found) << r.meta->id;
  }
}

TEST(Rules, RegistryIsWellFormed) {
  std::set<std::string> ids;
  for (const auto& r : formcheck::rule_registry()) {
    EXPECT_TRUE(ids.insert(r.meta->id).second) << "duplicate id " << r.meta->id;
    EXPECT_NE(std::string(r.meta->id).find('.'), std::string::npos);
    EXPECT_GT(std::string(r.meta->description).size(), 5u);
    EXPECT_GT(std::string(r.meta->docs).size(), 20u);
    EXPECT_GT(std::string(r.meta->message).size(), 5u);
  }
  EXPECT_NE(formcheck::rules_markdown().find("## <a id=\"money.income_total\"></a>"), std::string::npos);
}

// Which rules' `expected` the page may write into the cell is rule metadata,
// exposed in the catalog (`formcheck rules --json`), not a list in the page.
TEST(Rules, FixableIsRuleMetadataInTheCatalog) {
  ASSERT_NE(formcheck::find_rule("money.income_total"), nullptr);
  EXPECT_TRUE(formcheck::find_rule("money.income_total")->fixable);
  EXPECT_TRUE(formcheck::find_rule("indicator.name_typo")->fixable);
  EXPECT_FALSE(formcheck::find_rule("money.expense_total")->fixable);  // its cell is 资金总额, its figure the expense sum
  std::map<std::string, bool> catalog;
  for (const auto& r : formcheck::rules_json()) catalog[r["id"].get<std::string>()] = r["fixable"].get<bool>();
  EXPECT_TRUE(catalog.at("budget.column_sums"));
  EXPECT_TRUE(catalog.at("budget.column_sums.rounding"));
  EXPECT_FALSE(catalog.at("money.blank_required"));
}

TEST(Rules, HonestRoundingIsNeverAnError) {
  // 3.87 / 4.40 = 87.95%, shown as 88.02%: explained by rounding of 3.87 (3.8729 -> 3.87).
  Form f = good_report();
  f.budget_info.push_back(bud("project", "项目三", "4.4", "", "4.4", "3.87", "88.02%"));
  f.budget_info[2].initial = "553.45", f.budget_info[2].adjusted = "553.45", f.budget_info[2].actual = "552.07";
  f.budget_info[2].rate = "99.75%";
  f.budget_info[0].initial = "1910.06", f.budget_info[0].adjusted = "2107.59", f.budget_info[0].actual = "2003.84";
  f.budget_info[0].rate = "95.08%";
  for (auto& e : f.evaluation) {
    if (e.name == "预算执行率") e.actual = "95.08%", e.deviation = "0.08%";
    if (e.name == "预算调整率") e.actual = "10.34%", e.deviation = "-6.00%";
  }
  const Document d = run(f);
  EXPECT_EQ(formcheck::summarize(d.findings).errors, 0) << dump(d);
  EXPECT_EQ(formcheck::summarize(d.findings).warnings, 0) << dump(d);
}

TEST(Rules, ProfileOverrideAndAutomaticChoice) {
  Form f = good_target();
  EXPECT_EQ(run(f).profile_id, "suzhou-target");
  f.region = "常州";
  EXPECT_EQ(run(f).profile_id, "changzhou-target");
  // 常州 requires 机构设置及人员配置.
  EXPECT_EQ(fctest::count_rule(run(f), "structure.required_field"), 1);
  EXPECT_EQ(run(f, "suzhou-target").profile_id, "suzhou-target");
  EXPECT_EQ(fctest::count_rule(run(f, "suzhou-target"), "structure.required_field"), 0);
}

TEST(Rules, CommonIndicatorsFollowTheTemplateYear) {
  Form f = good_report();
  EXPECT_EQ(fctest::count_rule(run(f), "indicator.common_missing"), 0);
  f.year = "2024";  // 预算偏差率 is required from the 2023 templates on
  EXPECT_EQ(fctest::count_rule(run(f), "indicator.common_missing"), 1);
}

TEST(Rules, CrossDocumentTargetChanged) {
  std::vector<Document> docs(2);
  docs[0].form = good_target();
  docs[1].form = good_report();
  docs[0].has_form = docs[1].has_form = true;
  docs[1].form.evaluation.push_back(ev("履职", "测试服务家数", "≥15家", "20家", "33.33%"));
  formcheck::check_cross(docs);
  int changed = 0;
  for (const auto& fi : docs[1].findings)
    if (fi.rule == "cross.target_changed" && fi.actual == "≥15家") {
      ++changed;
      EXPECT_EQ(fi.expected, "≥20家");
    }
  EXPECT_EQ(changed, 1);
  // Different year: no comparison.
  docs[1].findings.clear();
  docs[1].form.year = "2023";  // other year: nothing is compared
  formcheck::check_cross(docs);
  EXPECT_EQ(fctest::count_rule(docs[1], "cross.target_changed"), 0);
}

TEST(Score, EstimateFollowsTheRulePack) {
  const Document d = run(good_report());
  ASSERT_TRUE(d.score.is_object());
  EXPECT_EQ(d.score["budget_execution"]["points"], "9.51");  // 10 × 95.09%
  EXPECT_EQ(d.score["grade"], "优");
  EXPECT_TRUE(d.score["estimate"].get<bool>());
}

// Each indicator's points, why, and what it costs: a met target earns its
// share in full, an unmet one in proportion, a qualitative one by its tier.
TEST(Score, EachIndicatorSaysWhatItEarnedAndWhy) {
  Form f = good_report();
  for (auto& e : f.evaluation) {
    if (e.name == "培育技术经纪人") e.actual = "100", e.deviation = "-50.00%", e.reason = "培训推迟";
    if (e.name == "服务质量") e.actual = "部分达成", e.reason = "人手不足";
  }
  const Document d = run(f);
  const auto& inds = d.score["indicators"];
  ASSERT_TRUE(inds.is_array());
  EXPECT_EQ(inds.size(), f.evaluation.size());
  auto find = [&](const std::string& name) {
    for (const auto& i : inds)
      if (i["name"] == name) return i;
    return nlohmann::ordered_json();
  };
  const auto broker = find("培育技术经纪人");
  EXPECT_EQ(broker["basis"], "未达成，按完成值 ÷ 目标值 = 50.00% 计分");
  // 履职 has one indicator here: its whole weight (20) is this indicator's.
  EXPECT_EQ(broker["max_points"], "20.00");
  EXPECT_EQ(broker["points"], "10.00");
  EXPECT_EQ(broker["loss"], "10.00");
  const auto quality = find("服务质量");
  EXPECT_EQ(quality["basis"], "定性指标部分达成，按档次计 70%");
  EXPECT_EQ(quality["loss"], "9.00");  // 30 × 30%
  const auto met = find("服务对象满意度");
  EXPECT_EQ(met["basis"], "达成目标，得满分");
  EXPECT_EQ(met["loss"], "0.00");
  // The losses and the points add up to the total (within rounding of each line).
  double lost = 0;
  for (const auto& i : inds)
    if (i["counted"].get<bool>()) lost += std::stod(i["loss"].get<std::string>());
  lost += std::stod(d.score["budget_execution"]["loss"].get<std::string>());
  EXPECT_NEAR(100.0 - lost, std::stod(d.score["total"].get<std::string>()), 0.05 * inds.size());
}
