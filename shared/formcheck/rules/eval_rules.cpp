// eval.*: the 部门整体自评表 of the self-evaluation report.
#include "formcheck/rules/families.hpp"
#include "formcheck/rules/identity_check.hpp"
#include "formcheck/rules/rule_util.hpp"
#include "formcheck/text_util.hpp"

namespace formcheck::rules {

bool exact_count(const IndicatorValue& v) {
  if (!v.quantitative() || v.percent() || v.number.shown() > 0) return false;
  return !contains(v.unit, "元");
}

std::optional<DeviationCalc> compute_deviation(const IndicatorValue& target, const IndicatorValue& actual) {
  if (target.qualitative() && actual.qualitative()) {
    if (match_key(target.text) == match_key(actual.text)) return DeviationCalc{Decimal::from_units(0, 2), true};
    return std::nullopt;
  }
  if (!target.quantitative() || !actual.quantitative()) return std::nullopt;
  const bool base = !target.unit.empty() && !actual.unit.empty() && same_unit(target, actual);
  const Decimal t = base ? target.base_number() : target.number;
  const Decimal a = base ? actual.base_number() : actual.number;
  if (t.is_zero()) return DeviationCalc{Decimal::from_units(a.is_zero() ? 0 : 10000, 2), true};
  return DeviationCalc{*(a - t).mul_int(100).div(t, 2), false};
}

namespace {

Location where(const std::vector<EvalRow>& rows, size_t i, const char* field, const char* title) {
  return loc_in("evaluation", static_cast<int>(i), field, rows[i].src.cell(field),
                "部门整体自评表·" + rows[i].name + "·" + title);
}

Interval value_interval(const IndicatorValue& v) {
  return exact_count(v) ? Interval{v.number, v.number} : display_interval(v.number);
}

const RuleMeta kDeviation{
    "eval.deviation", Severity::Error, Scope::SelfEval, "偏差情况",
    "偏差情况 = (完成值 − 目标值) / 目标值，按样表惯例",
    "“{name}”的偏差情况为 {actual}，按（完成值 {done} − 目标值 {target}）÷ 目标值计算应为 {expected}。",
    "偏差情况按（完成值 − 目标值）÷ 目标值计算，以百分数显示（两位小数）。惯例：定性指标达成记 0%；"
    "目标值为 0 时，完成值为 0 记 0%，否则记 100%。百分数与金额按显示精度比较，整数计数按精确值比较；"
    "无法计算（定性未达成、单位不一致）时不检查。",
    true, true};

void check_deviation(Context& ctx) {
  const auto& rows = ctx.form.evaluation;
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    auto shown = percent(r.deviation);
    if (!shown || r.name.empty()) continue;
    const IndicatorValue &t = ctx.value(r.target), &a = ctx.value(r.actual);
    auto dev = compute_deviation(t, a);
    if (!dev) continue;
    Agreement ag;
    if (dev->convention) {
      ag = *shown == dev->value ? Agreement::Exact : Agreement::Mismatch;
    } else {
      // (a - t)/t = dev  <=>  100·a/t = dev + 100
      const bool base = !t.unit.empty() && !a.unit.empty() && same_unit(t, a);
      Interval ai = value_interval(a), ti = value_interval(t);
      if (base) {  // 万元 against 亿元: compare in base units
        for (int k = 0; k < a.magnitude(); ++k) ai = {ai.lo.mul_int(10), ai.hi.mul_int(10)};
        for (int k = 0; k < t.magnitude(); ++k) ti = {ti.lo.mul_int(10), ti.hi.mul_int(10)};
      }
      ai = {ai.lo.mul_int(100), ai.hi.mul_int(100)};
      const Decimal shifted = *shown + Decimal::from_int(100);
      if (ti.lo.sign() != ti.hi.sign() || ti.lo.is_zero()) continue;
      if (dev->value.round_to(shown->shown()) == *shown) {
        ag = Agreement::Exact;
      } else if (ratio_meets(ai, ti, display_interval(shifted))) {
        ag = Agreement::WithinRounding;
      } else if (ratio_meets(ai, ti, truncation_interval(shifted))) {
        ag = Agreement::TruncationOnly;
      } else {
        ag = Agreement::Mismatch;
      }
    }
    const std::string expected = dev->value.to_fixed(2) + "%";
    ctx.calc({"evaluation", static_cast<int>(i), "deviation", CalcLabel::row("·偏差情况"), r.deviation, expected,
              status_of(ag), r.src.cell("deviation")});
    if (!agrees(ag)) ctx.report_agreement(kDeviation, ag, where(rows, i, "deviation", "偏差情况"),
                         {{"name", r.name}, {"actual", r.deviation}, {"done", r.actual}, {"target", r.target},
                          {"expected", expected}},
                         expected, r.deviation, "将偏差情况改为 " + expected + "。");
  }
}

const RuleMeta kTargetNotMet{
    "eval.target_not_met", Severity::Info, Scope::SelfEval, "目标未达成",
    "完成值不满足目标值的运算符（≥ = ≤ …）",
    "“{name}”未达成目标：目标值 {target}，完成值 {actual}。",
    "按目标值的运算符判断完成值是否达标（≥、>、=、≤、<；定性指标须与目标一致）。未达成本身不是错误，"
    "但需要在“原因分析”中说明（见 eval.reason_missing）。单位不一致或无法判断时不报告。"};

void check_target_not_met(Context& ctx) {
  const auto& rows = ctx.form.evaluation;
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    if (r.name.empty()) continue;
    auto ok = satisfies(ctx.value(r.target), ctx.value(r.actual));
    if (!ok || *ok) continue;
    ctx.report(kTargetNotMet, where(rows, i, "actual", "指标完成值"),
               {{"name", r.name}, {"target", r.target}, {"actual", r.actual}}, r.target, r.actual,
               r.reason.empty() ? "在“原因分析”中说明未达成的原因。" : "");
  }
}

const RuleMeta kReasonMissing{
    "eval.reason_missing", Severity::Error, Scope::SelfEval, "缺少原因分析",
    "目标未达成或存在不利偏差，但“原因分析”为空",
    "“{name}”{why}，但“原因分析”为空。",
    "财预〔2020〕10号要求对未完成或偏差较大的指标分析原因。完成值不满足目标，或偏差情况为非零的不利偏差"
    "（≥/=/> 目标低于目标值，≤/< 目标高于目标值）时，原因分析不得为空。"};

void check_reason_missing(Context& ctx) {
  const auto& rows = ctx.form.evaluation;
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    if (r.name.empty() || !trim_view(r.reason).empty()) continue;
    const IndicatorValue& t = ctx.value(r.target);
    auto ok = satisfies(t, ctx.value(r.actual));
    std::string why;
    if (ok && !*ok) {
      why = "未达成目标（目标值 " + r.target + "，完成值 " + r.actual + "）";
    } else if (auto d = percent(r.deviation); d && !d->is_zero() && t.quantitative() && !ok) {
      const bool lower_is_better = t.op == Op::Le || t.op == Op::Lt;
      if (lower_is_better ? d->sign() > 0 : d->sign() < 0) why = "存在不利偏差（" + r.deviation + "）";
    }
    if (why.empty()) continue;
    ctx.report(kReasonMissing, where(rows, i, "reason", "原因分析"), {{"name", r.name}, {"why", why}}, "填写原因分析",
               "（空）", "在“原因分析”中说明“" + r.name + "”未达成或偏差的原因及改进措施。");
  }
}

const RuleMeta kSourceMissing{
    "eval.source_missing", Severity::Warning, Scope::SelfEval, "缺少完成值来源",
    "“完成值来源”为空",
    "“{name}”没有填写完成值来源。",
    "每个指标的完成值都应注明数据来源（统计报表、文件、系统数据等），以便复核。"};

void check_source_missing(Context& ctx) {
  const auto& rows = ctx.form.evaluation;
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    if (r.name.empty() || !trim_view(r.source).empty()) continue;
    ctx.report(kSourceMissing, where(rows, i, "source", "完成值来源"), {{"name", r.name}}, "填写来源", "（空）",
               "注明“" + r.name + "”完成值的数据来源。");
  }
}

const RuleMeta kBudgetRateMismatch{
    "eval.budget_rate_mismatch", Severity::Error, Scope::SelfEval, "自评表与预算信息不一致",
    "自评表的预算执行率 / 预算调整率与预算信息表计算结果不一致",
    "自评表“{name}”的完成值为 {actual}，但按预算信息表（{formula}）计算为 {expected}。",
    "表间勾稽：自评表“预算执行率”应等于预算信息表预算总金额的 实际支出数 ÷ 调整预算数；“预算调整率”应等于 "
    "上年度结转及当年预算追加追减数 ÷ 年初预算数。按显示精度比较；仅截尾能解释的差异报告为警告（.rounding）。",
    true, true};

void check_budget_rate_mismatch(Context& ctx) {
  const auto& rows = ctx.form.evaluation;
  check_identities(ctx, kBudgetRateMismatch, [&](const Identity& x, const Evaluation& ev) {
    const size_t i = static_cast<size_t>(x.total.index);
    IdentityText t;
    t.expected = ev.computed.to_string() + "%";
    t.actual = rows[i].actual;
    t.calc_label = CalcLabel("自评表·" + rows[i].name + "（按预算信息表）");
    t.where = where(rows, i, "actual", "指标完成值");
    t.args = {{"name", rows[i].name}, {"actual", rows[i].actual}, {"formula", x.decl->what}, {"expected", t.expected}};
    t.fix = "将完成值改为 " + t.expected + "，并同步核对偏差情况。";
    return t;
  });
}

}  // namespace

void add_eval_rules(std::vector<Rule>& out) {
  out.push_back({&kDeviation, check_deviation});
  out.push_back({&kTargetNotMet, check_target_not_met});
  out.push_back({&kReasonMissing, check_reason_missing});
  out.push_back({&kSourceMissing, check_source_missing});
  out.push_back({&kBudgetRateMismatch, check_budget_rate_mismatch});
}

}  // namespace formcheck::rules
