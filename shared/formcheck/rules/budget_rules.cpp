// budget.*: the 预算信息 table of the self-evaluation report (domain.md, form B).
#include "formcheck/diagnose.hpp"
#include "formcheck/rules/families.hpp"
#include "formcheck/rules/identity_check.hpp"
#include "formcheck/rules/rule_util.hpp"
#include "formcheck/text_util.hpp"

namespace formcheck::rules {

namespace {

// A cell of the 预算信息 table, placed and named as the identities name it.
Location where(const Form& f, size_t i, std::string_view field) {
  const CellRef c{"budget_info", static_cast<int>(i), field};
  return loc_in("budget_info", c.index, field, cell_src(f, c), cell_label(f, c));
}

// An empty cell in a money column means zero (the 结转追加 column is often blank).
Decimal money_or_zero(const std::string& s, const std::string& unit) {
  auto v = money(s, unit);
  return v ? *v : Decimal::from_units(0, 2);
}

const RuleMeta kAdjustedSum{
    "budget.adjusted_sum", Severity::Error, Scope::SelfEval, "调整预算数",
    "调整预算数 = 年初预算数 + 上年度结转及当年预算追加追减数，逐行检查",
    "“{name}”的调整预算数为 {actual} {unit}，但年初预算数 {initial} ＋ 结转及追加追减数 {carry} ＝ {expected} {unit}。",
    "每一行的调整预算数必须等于年初预算数加上年度结转及当年预算追加追减数（空白按 0 计）。按显示精度比较。", true};

void check_adjusted_sum(Context& ctx) {
  const auto& rows = ctx.form.budget_info;
  check_identities(ctx, kAdjustedSum, [&](const Identity& x, const Evaluation& ev) {
    const size_t i = static_cast<size_t>(x.total.index);
    IdentityText t;
    t.expected = ev.computed.to_fixed(2);
    t.actual = ev.shown.to_string();
    t.calc_label = CalcLabel::row("·调整预算数");
    t.where = where(ctx.form, i, "adjusted");
    t.args = {{"name", rows[i].name}, {"actual", t.actual}, {"initial", money_or_zero(rows[i].initial, ctx.form.money_unit).to_string()},
              {"carry", money_or_zero(rows[i].carry, ctx.form.money_unit).to_string()}, {"expected", t.expected}};
    t.fix = "将调整预算数改为 " + t.expected + "，或核对年初预算数与追加追减数。";
    t.why = explain_difference(ev.shown, ev.computed, ev.named);
    return t;
  });
}

const RuleMeta kColumnSums{
    "budget.column_sums", Severity::Error, Scope::SelfEval, "预算信息列合计",
    "预算总金额 = 基本支出 + 项目支出，项目支出 = Σ 项目行，每一列",
    "{column}：“{name}”为 {actual} {unit}，但{what}为 {expected} {unit}，相差 {diff} {unit}。",
    "在年初预算数、结转追加数、调整预算数、实际支出数各列中，预算总金额必须等于基本支出与项目支出之和，"
    "项目支出必须等于各项目行之和（空白按 0 计）。按显示精度比较：每个加数各带半个末位的舍入误差。",
    true};

void check_column_sums(Context& ctx) {
  const auto& rows = ctx.form.budget_info;
  check_identities(ctx, kColumnSums, [&](const Identity& x, const Evaluation& ev) {
    const size_t i = static_cast<size_t>(x.total.index);
    const std::string title = column_title(x.total.section, x.total.field);
    // The parts as this form has them: 项目支出, or its project lines.
    std::string what;
    for (const CellRef& p : x.parts) {
      const bool line = rows[static_cast<size_t>(p.index)].role == "project";
      const std::string word = line ? "各项目之和" : row_name(ctx.form, p);
      if (what.find(word) == std::string::npos) what += (what.empty() ? "" : "＋") + word;
    }
    IdentityText t;
    t.expected = ev.computed.to_fixed(2);
    t.actual = ev.shown.to_string();
    t.calc_label = CalcLabel("预算信息·" + rows[i].name + "·" + title + "（" + what + "）");
    t.where = where(ctx.form, i, x.total.field);
    t.args = {{"column", title}, {"name", rows[i].name}, {"actual", t.actual}, {"what", what},
              {"expected", t.expected}, {"diff", (ev.shown - ev.computed).to_fixed(2)}};
    t.fix = "核对" + title + "列：" + what + "为 " + t.expected + "。";
    t.why = explain_difference(ev.shown, ev.computed, ev.named);
    return t;
  });
}

const RuleMeta kExecutionRate{
    "budget.execution_rate", Severity::Error, Scope::SelfEval, "执行率",
    "执行率 = 实际支出数 / 调整预算数，逐行检查",
    "“{name}”的执行率为 {actual}，但实际支出数 {spent} ÷ 调整预算数 {adjusted} ＝ {expected}。",
    "执行率按实际支出数除以调整预算数计算，以百分数显示（通常两位小数）。比较时考虑金额与百分数各自的显示精度："
    "只有任何舍入都无法解释时才报告错误；仅截尾舍入能解释的差异报告为警告（.rounding）。执行率写作“—”“/”、文字或"
    "电子表格错误值（#DIV/0! 等）而实际支出数与调整预算数都在时，同样报告并给出应填的执行率；只有调整预算数为 0 或空白、"
    "执行率无从计算时，“—”表示不适用。执行率读不出时，这一行的其他核对（调整预算数等）照常进行。",
    true};

void check_execution_rate(Context& ctx) {
  const auto& rows = ctx.form.budget_info;
  check_identities(ctx, kExecutionRate, [&](const Identity& x, const Evaluation& ev) {
    const size_t i = static_cast<size_t>(x.total.index);
    IdentityText t;
    t.expected = ev.computed.to_string() + "%";
    t.actual = rows[i].rate;
    t.calc_label = CalcLabel::row("·执行率");
    t.where = where(ctx.form, i, "rate");
    t.args = {{"name", rows[i].name}, {"actual", rows[i].rate}, {"spent", money(rows[i].actual, ctx.form.money_unit)->to_string()},
              {"adjusted", money(rows[i].adjusted, ctx.form.money_unit)->to_string()}, {"expected", t.expected}};
    t.fix = "将执行率改为 " + t.expected + "。";
    return t;
  });
  // A rate cell that is no percentage ("—", "见附件", "#DIV/0!") on a row whose
  // amounts give one: the rate was not written, and a dash there is no
  // "not applicable" (that is only where 调整预算数 is 0 or blank).
  if (!ctx.form.sure("budget_info")) return;
  for (size_t i = 0; i < rows.size(); ++i) {
    const std::string rate = trim(rows[i].rate);
    if (rate.empty() || percent(rate)) continue;
    const auto spent = money(rows[i].actual, ctx.form.money_unit), adj = money(rows[i].adjusted, ctx.form.money_unit);
    if (!spent || !adj || adj->is_zero()) continue;
    const std::string expected = spent->mul_int(100).div(*adj, 2)->to_fixed(2) + "%";
    ctx.report(kExecutionRate, where(ctx.form, i, "rate"),
               {{"name", rows[i].name}, {"actual", rows[i].rate}, {"spent", spent->to_string()},
                {"adjusted", adj->to_string()}, {"expected", expected}},
               expected, rows[i].rate, "将执行率改为 " + expected + "。");
  }
}

const RuleMeta kOverspend{
    "budget.overspend", Severity::Warning, Scope::SelfEval, "实际支出超过调整预算",
    "实际支出数大于调整预算数",
    "“{name}”的实际支出数 {spent} {unit}超过调整预算数 {adjusted} {unit}。",
    "实际支出一般不得超过调整后的预算；如有超支，应说明资金来源和原因。"};

void check_overspend(Context& ctx) {
  const auto& rows = ctx.form.budget_info;
  if (!ctx.form.sure("budget_info")) return;  // columns not told apart (import.ambiguous)
  for (size_t i = 0; i < rows.size(); ++i) {
    auto spent = money(rows[i].actual, ctx.form.money_unit);
    auto adj = money(rows[i].adjusted, ctx.form.money_unit);
    if (!spent || !adj || *spent <= *adj) continue;
    ctx.report(kOverspend, where(ctx.form, i, "actual"),
               {{"name", rows[i].name}, {"spent", spent->to_string()}, {"adjusted", adj->to_string()}},
               "≤ " + adj->to_string(), spent->to_string(), "核对实际支出数，或在原因分析中说明超支原因。");
  }
}

}  // namespace

void add_budget_rules(std::vector<Rule>& out) {
  out.push_back({&kAdjustedSum, check_adjusted_sum});
  out.push_back({&kColumnSums, check_column_sums});
  out.push_back({&kExecutionRate, check_execution_rate});
  out.push_back({&kOverspend, check_overspend});
}

}  // namespace formcheck::rules
