// cross.*: checks between a target table and the self-evaluation report of
// the same unit and year (CLI: several files at once; page: both loaded).
#include <map>

#include "formcheck/rules/families.hpp"
#include "formcheck/rules/rule_util.hpp"
#include "formcheck/text_util.hpp"

namespace formcheck::rules {

namespace {

const RuleMeta kTargetChanged{
    "cross.target_changed", Severity::Warning, Scope::Cross, "目标值与目标表不一致",
    "自评报告中指标的目标值与同一单位同一年度目标表的全年指标值不同",
    "“{name}”在自评表中的目标值为“{report}”，但{year}年度绩效目标表的全年指标值为“{target}”。",
    "自评应以批复的绩效目标为准：同一单位、同一年度的目标表与自评报告同时导入时，按三级指标名称（忽略空格和引号）"
    "比较自评表目标值与目标表全年指标值的规范写法（＝与=、>=与≥视为相同）。项目支出绩效目标表与同一项目（项目名称相同）、"
    "同一年度的项目支出绩效自评表同时导入时，同样比较两处的年度指标值。"};

const RuleMeta kProjectAmount{
    "cross.project_amount", Severity::Warning, Scope::Cross, "项目金额与部门目标表不一致",
    "项目支出绩效目标表的年度资金总额与同一年度部门整体目标表中同名项目行的全年预算数不同",
    "项目“{name}”的年度资金总额为 {project} 万元，但{year}年度部门整体绩效目标表中该项目的全年预算数为 {department} 万元。",
    "部门整体目标表的项目支出行与各项目的绩效目标表应是同一笔预算：两者同时导入、年度相同且项目名称一致（忽略空格和引号）时，"
    "比较项目目标表的年度资金总额与部门表该项目行的全年预算数（按显示精度；两表注明的金额单位不同时换算为万元比较）。"};

}  // namespace

// A project's target table and its self-evaluation (same 项目名称 and year):
// each 年度指标值 the same in both.
void check_project_target_changed(const Form& target, const Form& report, Findings& out) {
  std::map<std::string, const ProjectIndicator*> by_name;
  for (const auto& i : target.project_indicators)
    if (!i.name.empty()) by_name.emplace(match_key(i.name), &i);
  for (size_t k = 0; k < report.project_indicators.size(); ++k) {
    const ProjectIndicator& e = report.project_indicators[k];
    auto it = by_name.find(match_key(e.name));
    if (it == by_name.end() || it->second->year.empty() || e.year.empty()) continue;
    const IndicatorValue a = parse_value(it->second->year), b = parse_value(e.year);
    if (match_key(a.canonical()) == match_key(b.canonical())) continue;
    Finding f;
    f.rule = kTargetChanged.id;
    f.severity = kTargetChanged.severity;
    f.message = "“" + e.name + "”在项目自评表中的年度指标值为“" + e.year + "”，但" + report.year + "年度项目支出绩效目标表为“" +
                it->second->year + "”。";
    f.location = loc_in("project_indicators", static_cast<int>(k), "year", e.src.cell("year"),
                        "绩效指标·" + e.name + "·年度指标值");
    f.expected = it->second->year;
    f.actual = e.year;
    f.fix = "按项目绩效目标表填写年度指标值“" + it->second->year + "”，或说明目标调整的依据。";
    out.push_back(std::move(f));
  }
}

// A department-wide target table's project lines and the projects' own target tables.
void check_project_amount(const Form& department, const Form& project, Findings& out) {
  const ProjectFundRow* total = nullptr;
  for (const auto& r : project.project_funds)
    if (r.role == "total") total = &r;
  if (!total) return;
  // Both in 万元, whatever unit each form states.
  const auto amount = money_as(total->year, project.money_unit, "");
  if (!amount) return;
  for (const auto& line : department.funds.expense) {
    if (line.role != "project" || match_key(line.name) != match_key(project.project_name)) continue;
    const auto d = money_as(line.full, department.money_unit, "");
    if (!d || display_interval(*d).overlaps(display_interval(*amount))) return;
    Finding f;
    f.rule = kProjectAmount.id;
    f.severity = kProjectAmount.severity;
    f.message = format_message(kProjectAmount.message, {{"name", project.project_name},
                                                        {"project", amount->to_string()},
                                                        {"year", project.year},
                                                        {"department", d->to_string()}});
    f.location = loc_in("project_funds", static_cast<int>(total - project.project_funds.data()), "year",
                        total->src.cell("year"), "项目资金·" + total->name + "·年度");
    f.expected = line.full;
    f.actual = total->year;
    f.fix = "核对项目目标表与部门整体目标表中该项目的金额，使两处一致。";
    out.push_back(std::move(f));
    return;
  }
}

void check_target_changed(const Form& target, const Form& report, Findings& out) {
  std::map<std::string, const Indicator*> by_name;
  for (const auto& i : target.indicators)
    if (!i.name.empty()) by_name.emplace(match_key(i.name), &i);
  for (size_t k = 0; k < report.evaluation.size(); ++k) {
    const EvalRow& e = report.evaluation[k];
    auto it = by_name.find(match_key(e.name));
    if (it == by_name.end() || it->second->full.empty() || e.target.empty()) continue;
    const IndicatorValue a = parse_value(it->second->full), b = parse_value(e.target);
    if (match_key(a.canonical()) == match_key(b.canonical())) continue;
    Finding f;
    f.rule = kTargetChanged.id;
    f.severity = kTargetChanged.severity;
    f.message = format_message(kTargetChanged.message, {{"name", e.name},
                                                        {"report", e.target},
                                                        {"year", report.year},
                                                        {"target", it->second->full}});
    f.location = loc_in("evaluation", static_cast<int>(k), "target", e.src.cell("target"),
                        "部门整体自评表·" + e.name + "·指标目标值");
    f.expected = it->second->full;
    f.actual = e.target;
    f.fix = "按绩效目标表填写目标值“" + it->second->full + "”，或说明目标调整的依据。";
    out.push_back(std::move(f));
  }
}

void add_cross_rules(std::vector<Rule>& out) {
  out.push_back({&kTargetChanged, nullptr});
  out.push_back({&kProjectAmount, nullptr});
}

}  // namespace formcheck::rules
