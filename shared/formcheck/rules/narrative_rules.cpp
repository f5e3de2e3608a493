// narrative.*: figures written in the narrative compared with the tables
// they restate (narrative.hpp finds them; shared/profiles/narrative.json says
// which words name which cell).
#include "formcheck/narrative.hpp"
#include "formcheck/rules/families.hpp"
#include "formcheck/rules/rule_util.hpp"

namespace formcheck::rules {

namespace {

#define FORMCHECK_NARRATIVE_HOW                                                                            \
  "数字按两处各自的显示精度比较（叙述写“1906万元”、表中为 1905.66 视为一致）；叙述中的金额可写万元、元或亿元，按万元换算。" \
  "叙述可能说的是另一行：与表中同一栏任何一行的数字一致时不报告。只作警告，因为叙述的指代由文字判断。"

const RuleMeta kBudgetFigure{
    "narrative.budget_figure", Severity::Warning, Scope::SelfEval, "叙述中的预算数字与预算信息表不一致",
    "自评报告叙述中的年初预算、调整预算、实际支出、执行率、结转追加数与预算信息表不一致",
    "“{section}”写的{label} {written}（{excerpt}）与{place} {table} 不一致。",
    "自评报告在“存在问题”等部分常复述预算执行情况（年初预算数、上年度结转及当年预算追加追减数、调整预算数、实际支出数、"
    "预算执行率）。检查器在叙述中找出这些标签后同一分句里的数字（金额须带“万元/元/亿元”，比率须带“%”），分句中标签前写了"
    "“基本支出”“项目支出”时与该行比较，否则与“预算总金额”行比较。" FORMCHECK_NARRATIVE_HOW};

const RuleMeta kIndicatorValue{
    "narrative.indicator_value", Severity::Warning, Scope::SelfEval, "叙述中的指标完成值与自评表不一致",
    "自评报告叙述中紧跟指标名称的数字既不是自评表的完成值，也不是目标值",
    "“{section}”写的“{name}” {written}（{excerpt}）与自评表的完成值 {actual}（目标值 {target}）都不一致。",
    "叙述中出现自评表的指标名称（写法相同）、其后同一分句 15 个字以内的数字，应是该指标的完成值或目标值（“预期目标”部分常复述目标值）。"
    "叙述也常只写名称的一部分：去掉末尾的“数量”“情况”“率”“数”、去掉开头的动词（开展、组织、完成等）后仍有四个字以上时也算"
    "（“实际受理、评估项目12980项”对应“受理、评估项目数量”），此时数字须紧跟其后，且两处都写明单位。"
    "单位须一致（一方没写单位时按数字比较，万、亿按倍数换算），年份月份不算。"
    "按两处各自的显示精度比较。只作警告。"};

const RuleMeta kGoalAmount{
    "narrative.goal_amount", Severity::Warning, Scope::Target, "年度目标中的金额与资金表不一致",
    "目标表“年度目标”中写的资金总额、财政拨款、基本支出、项目支出等金额与部门整体资金表不一致",
    "年度目标写的{label} {written}（{excerpt}）与{place} {table} 万元不一致。",
    "年度目标有时写明预算规模（“年度预算资金总额 600 万元，其中基本支出…”）。检查器找出这些标签后同一分句里带“万元/元/亿元”的金额，"
    "与部门整体资金表的全年预算数比较。" FORMCHECK_NARRATIVE_HOW};

Location text_place(const Form& f, const NarrativeFigure& n) {
  Location at;
  at.section = "texts";
  at.field = n.text_key;
  at.label = text_title(n.text_key);
  if (auto s = f.text_src.find(n.text_key); s != f.text_src.end()) at.src = s->second;
  return at;
}

// A figure is compared only when the reader is sure of both places: the
// text and the table cell it restates (import.ambiguous says otherwise).
bool sure_of(const Form& f, const NarrativeFigure& n) {
  const std::string table = n.section.rfind("funds", 0) == 0 ? "funds" : n.section;
  return f.sure("texts." + n.text_key) && f.sure(table);
}

template <class F>
void for_figures(Context& ctx, NarrativeFigure::Kind kind, F report) {
  const auto& figures = ctx.memo<std::vector<NarrativeFigure>>("narrative", [&] { return narrative_figures(ctx.form); });
  for (const NarrativeFigure& n : figures)
    if (n.kind == kind && n.comparable && !n.agrees && sure_of(ctx.form, n)) report(n);
}

void check_budget_figure(Context& ctx) {
  for_figures(ctx, NarrativeFigure::Budget, [&](const NarrativeFigure& n) {
    ctx.report(kBudgetFigure, text_place(ctx.form, n),
               {{"section", text_title(n.text_key)}, {"label", n.label}, {"written", n.written}, {"excerpt", n.excerpt},
                {"place", n.place}, {"table", n.table_value}},
               n.table_value, n.written, "核对叙述与" + n.place + "，使两处一致。");
  });
}

void check_indicator_value(Context& ctx) {
  for_figures(ctx, NarrativeFigure::Indicator, [&](const NarrativeFigure& n) {
    ctx.report(kIndicatorValue, text_place(ctx.form, n),
               {{"section", text_title(n.text_key)}, {"name", n.label}, {"written", n.written}, {"excerpt", n.excerpt},
                {"actual", n.table_value}, {"target", n.table_target}},
               n.table_value, n.written, "核对叙述与自评表“" + n.label + "”的完成值，使两处一致。");
  });
}

void check_goal_amount(Context& ctx) {
  for_figures(ctx, NarrativeFigure::Funds, [&](const NarrativeFigure& n) {
    ctx.report(kGoalAmount, text_place(ctx.form, n),
               {{"label", n.label}, {"written", n.written}, {"excerpt", n.excerpt}, {"place", n.place},
                {"table", n.table_value}},
               n.table_value, n.written, "核对年度目标与" + n.place + "，使两处一致。");
  });
}

}  // namespace

void add_narrative_rules(std::vector<Rule>& out) {
  out.push_back({&kBudgetFigure, check_budget_figure});
  out.push_back({&kIndicatorValue, check_indicator_value});
  out.push_back({&kGoalAmount, check_goal_amount});
}

}  // namespace formcheck::rules
