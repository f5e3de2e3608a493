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
    "比较自评表目标值与目标表全年指标值的规范写法（＝与=、>=与≥视为相同）。"};

}  // namespace

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

void add_cross_rules(std::vector<Rule>& out) { out.push_back({&kTargetChanged, nullptr}); }

}  // namespace formcheck::rules
