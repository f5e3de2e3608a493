// structure.*: what every form must contain (强制性审核 in the budget system).
#include "formcheck/rules/families.hpp"
#include "formcheck/rules/rule_util.hpp"
#include "formcheck/text_util.hpp"

namespace formcheck::rules {

namespace {

const RuleMeta kRequiredField{
    "structure.required_field", Severity::Error, Scope::Both, "必填内容缺失",
    "单位名称、年度、主要职能、中长期目标、年度目标、资金等必填内容为空或只有标点",
    "{field}未填写{detail}。",
    "规则包 required_fields 列出模板的必填项：target 表为单位名称、年度、单位主要职能、中长期目标、年度目标、"
    "部门整体资金；自评报告为单位名称、年度、预算信息、自评表、年度重点任务及主要叙述部分。只有标点或空白视为未填。"};

struct FieldCheck {
  const char* id;
  const char* title;
};

void check_required_field(Context& ctx) {
  const Form& f = ctx.form;
  for (const std::string& field : ctx.profile.required_fields) {
    std::string title, detail;
    bool missing = false;
    Location at = loc_in("header", -1, field, Loc{}, "");
    if (field == "unit") {
      title = "单位名称", missing = trim_view(f.unit).empty() || is_punctuation_only(f.unit), at.src = f.unit_src;
    } else if (field == "year") {
      title = "年度", missing = f.year.empty(), at.src = f.year_src;
    } else if (field == "funds") {
      title = "部门整体资金";
      bool has_total = false;
      for (const auto& l : f.funds.income) has_total = has_total || (l.role == "total" && !trim_view(l.full).empty());
      missing = !has_total;
      detail = "（收入“资金总额”为空）";
      at.section = "funds.income";
    } else if (field == "budget_info") {
      title = "预算信息表", missing = f.budget_info.empty(), at.section = "budget_info";
    } else if (field == "evaluation") {
      title = "部门整体自评表", missing = f.evaluation.empty(), at.section = "evaluation";
    } else if (field == "key_tasks") {
      title = "年度重点任务", missing = f.key_tasks.empty(), at.section = "key_tasks";
    } else {
      title = text_title(field);
      auto it = f.texts.find(field);
      missing = it == f.texts.end() || is_punctuation_only(it->second);
      if (!missing || it != f.texts.end()) detail = it != f.texts.end() && !trim_view(it->second).empty() ? "（只有标点）" : "";
      at.section = "texts";
      auto s = f.text_src.find(field);
      if (s != f.text_src.end()) at.src = s->second;
    }
    if (!missing) continue;
    // Not read with confidence: import.ambiguous already says where and why.
    const std::string part = field == "unit" || field == "year" || field == "funds" ? field
                             : field == "budget_info" || field == "evaluation" || field == "key_tasks" ? field
                                                                                                       : "texts." + field;
    if (!f.sure(part)) continue;
    at.label = title;
    ctx.report(kRequiredField, at, {{"field", title}, {"detail", detail}}, "填写" + title, "（空）",
               "填写“" + title + "”。");
  }
}

const RuleMeta kRequiredLevel{
    "structure.required_level", Severity::Error, Scope::Both, "一级指标下没有三级指标",
    "履职、效益、满意度等必需的一级指标下至少要有一个三级指标",
    "“{level1}”下没有任何三级指标。",
    "预算系统的强制性审核要求每个必需的一级指标（规则包 required_levels，通常为履职、效益、满意度）下至少填报"
    "一个三级指标；只有分组行、没有指标名称的不算。"};

void check_required_level(Context& ctx) {
  const Form& f = ctx.form;
  const bool target = f.kind == FormKind::Target;
  if (target ? f.indicators.empty() : f.evaluation.empty()) return;  // reported as a missing table
  if (!f.sure("indicators")) return;  // groups not read with confidence (import.ambiguous)
  for (const std::string& level : ctx.profile.required_levels) {
    bool found = false;
    if (target) {
      for (const auto& i : f.indicators) found = found || (!i.name.empty() && ctx.level1_of(i.level1) == level);
    } else {
      for (const auto& e : f.evaluation) found = found || (!e.name.empty() && ctx.level1_of(e.category) == level);
    }
    if (found) continue;
    ctx.report(kRequiredLevel,
               loc_in(target ? "indicators" : "evaluation", -1, "", Loc{}, (target ? "绩效指标·" : "部门整体自评表·") + level),
               {{"level1", level}}, "至少一个三级指标", "（无）", "在“" + level + "”下填写至少一个三级指标及其指标值。");
  }
}

}  // namespace

void add_structure_rules(std::vector<Rule>& out) {
  out.push_back({&kRequiredField, check_required_field});
  out.push_back({&kRequiredLevel, check_required_level});
}

}  // namespace formcheck::rules
