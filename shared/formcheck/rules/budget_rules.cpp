// budget.*: the 预算信息 table of the self-evaluation report (domain.md, form B).
#include "formcheck/rules/families.hpp"
#include "formcheck/rules/rule_util.hpp"

namespace formcheck::rules {

namespace {

struct Column {
  const char* field;
  const char* title;
  std::string BudgetRow::*member;
};

const Column kMoneyColumns[] = {
    {"initial", "年初预算数", &BudgetRow::initial},
    {"carry", "上年度结转及当年预算追加追减数", &BudgetRow::carry},
    {"adjusted", "调整预算数", &BudgetRow::adjusted},
    {"actual", "实际支出数", &BudgetRow::actual},
};

Location where(const std::vector<BudgetRow>& rows, size_t i, const char* field, const char* title) {
  return loc_in("budget_info", static_cast<int>(i), field, rows[i].src.cell(field),
                "预算信息·" + rows[i].name + "·" + title);
}

// An empty cell in a money column means zero (the 结转追加 column is often blank).
Decimal money_or_zero(const std::string& s) {
  auto v = money(s);
  return v ? *v : Decimal::from_units(0, 2);
}

const RuleMeta kAdjustedSum{
    "budget.adjusted_sum", Severity::Error, Scope::SelfEval, "调整预算数",
    "调整预算数 = 年初预算数 + 上年度结转及当年预算追加追减数，逐行检查",
    "“{name}”的调整预算数为 {actual} 万元，但年初预算数 {initial} ＋ 结转及追加追减数 {carry} ＝ {expected} 万元。",
    "每一行的调整预算数必须等于年初预算数加上年度结转及当年预算追加追减数（空白按 0 计）。按显示精度比较。", true};

void check_adjusted_sum(Context& ctx) {
  const auto& rows = ctx.form.budget_info;
  for (size_t i = 0; i < rows.size(); ++i) {
    auto adj = money(rows[i].adjusted);
    auto init = money(rows[i].initial);
    if (!adj || !init) continue;
    const Decimal carry = money_or_zero(rows[i].carry);
    const Decimal sum = *init + carry;
    const Agreement a = check_sum({*init, carry}, *adj, kMoneyDecimals);
    const std::string expected = sum.to_fixed(2);
    ctx.calc({"budget_info", static_cast<int>(i), "adjusted", CalcLabel::row("·调整预算数"),
              adj->to_string(), expected, status_of(a), rows[i].src.cell("adjusted")});
    if (!agrees(a)) ctx.report_agreement(kAdjustedSum, a, where(rows, i, "adjusted", "调整预算数"),
                         {{"name", rows[i].name}, {"actual", adj->to_string()}, {"initial", init->to_string()},
                          {"carry", carry.to_string()}, {"expected", expected}},
                         expected, adj->to_string(), "将调整预算数改为 " + expected + "，或核对年初预算数与追加追减数。");
  }
}

const RuleMeta kColumnSums{
    "budget.column_sums", Severity::Error, Scope::SelfEval, "预算信息列合计",
    "预算总金额 = 基本支出 + 项目支出，项目支出 = Σ 项目行，每一列",
    "{column}：“{name}”为 {actual} 万元，但{what}为 {expected} 万元，相差 {diff} 万元。",
    "在年初预算数、结转追加数、调整预算数、实际支出数各列中，预算总金额必须等于基本支出与项目支出之和，"
    "项目支出必须等于各项目行之和（空白按 0 计）。按显示精度比较：每个加数各带半个末位的舍入误差。",
    true};

void check_column_sums(Context& ctx) {
  const auto& rows = ctx.form.budget_info;
  auto find = [&](const char* role) -> int {
    for (size_t i = 0; i < rows.size(); ++i)
      if (rows[i].role == role) return static_cast<int>(i);
    return -1;
  };
  const int total = find("total"), basic = find("basic"), proj = find("project_total");
  std::vector<int> projects;
  for (size_t i = 0; i < rows.size(); ++i)
    if (rows[i].role == "project") projects.push_back(static_cast<int>(i));
  auto check = [&](int t, const std::vector<int>& parts, const Column& col, const char* what) {
    if (t < 0 || parts.empty()) return;
    auto tv = money(rows[t].*(col.member));
    if (!tv) return;
    std::vector<Decimal> values;
    bool any = false;
    for (int p : parts) {
      if (p < 0) return;
      any = any || money(rows[p].*(col.member)).has_value();
      values.push_back(money_or_zero(rows[p].*(col.member)));
    }
    if (!any) return;
    Decimal sum;
    for (const auto& v : values) sum = sum + v;
    const Agreement a = check_sum(values, *tv, kMoneyDecimals);
    const std::string expected = sum.to_fixed(2);
    ctx.calc({"budget_info", t, col.field, std::string("预算信息·") + rows[t].name + "·" + col.title + "（" + what + "）",
              tv->to_string(), expected, status_of(a), rows[t].src.cell(col.field)});
    if (!agrees(a)) ctx.report_agreement(kColumnSums, a, where(rows, t, col.field, col.title),
                         {{"column", col.title}, {"name", rows[t].name}, {"actual", tv->to_string()},
                          {"what", what}, {"expected", expected}, {"diff", (*tv - sum).to_fixed(2)}},
                         expected, tv->to_string(), std::string("核对") + col.title + "列：" + what + "为 " + expected + "。");
  };
  for (const Column& col : kMoneyColumns) {
    if (proj >= 0) check(total, {basic, proj}, col, "基本支出＋项目支出");
    check(proj, projects, col, "各项目之和");
    if (proj < 0 && basic >= 0) {
      std::vector<int> parts{basic};
      parts.insert(parts.end(), projects.begin(), projects.end());
      check(total, parts, col, "基本支出＋各项目之和");
    }
  }
}

const RuleMeta kExecutionRate{
    "budget.execution_rate", Severity::Error, Scope::SelfEval, "执行率",
    "执行率 = 实际支出数 / 调整预算数，逐行检查",
    "“{name}”的执行率为 {actual}，但实际支出数 {spent} ÷ 调整预算数 {adjusted} ＝ {expected}。",
    "执行率按实际支出数除以调整预算数计算，以百分数显示（通常两位小数）。比较时考虑金额与百分数各自的显示精度："
    "只有任何舍入都无法解释时才报告错误；仅截尾舍入能解释的差异报告为警告（.rounding）。",
    true};

void check_execution_rate(Context& ctx) {
  const auto& rows = ctx.form.budget_info;
  for (size_t i = 0; i < rows.size(); ++i) {
    auto rate = percent(rows[i].rate);
    auto spent = money(rows[i].actual);
    auto adj = money(rows[i].adjusted);
    if (!rate || !spent || !adj || adj->is_zero()) continue;
    const Agreement a = check_rate(*spent, *adj, *rate, kMoneyDecimals);
    const std::string expected = spent->mul_int(100).div(*adj, std::max(2, rate->shown()))->to_string() + "%";
    ctx.calc({"budget_info", static_cast<int>(i), "rate", CalcLabel::row("·执行率"), rows[i].rate, expected,
              status_of(a), rows[i].src.cell("rate")});
    if (!agrees(a)) ctx.report_agreement(kExecutionRate, a, where(rows, i, "rate", "执行率"),
                         {{"name", rows[i].name}, {"actual", rows[i].rate}, {"spent", spent->to_string()},
                          {"adjusted", adj->to_string()}, {"expected", expected}},
                         expected, rows[i].rate, "将执行率改为 " + expected + "。");
  }
}

const RuleMeta kOverspend{
    "budget.overspend", Severity::Warning, Scope::SelfEval, "实际支出超过调整预算",
    "实际支出数大于调整预算数",
    "“{name}”的实际支出数 {spent} 万元超过调整预算数 {adjusted} 万元。",
    "实际支出一般不得超过调整后的预算；如有超支，应说明资金来源和原因。"};

void check_overspend(Context& ctx) {
  const auto& rows = ctx.form.budget_info;
  for (size_t i = 0; i < rows.size(); ++i) {
    auto spent = money(rows[i].actual);
    auto adj = money(rows[i].adjusted);
    if (!spent || !adj || *spent <= *adj) continue;
    ctx.report(kOverspend, where(rows, i, "actual", "实际支出数"),
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
