// project.*: the project-level forms — 项目支出绩效目标表 and 项目支出绩效自评表
// (财预〔2015〕88号, 财预〔2020〕10号). The funds sums and execution rates are
// identities (identities-project_*.json); the scoring, weights, required
// levels and value bounds are checked here with the pack's data.
#include <algorithm>
#include <map>
#include <set>

#include "formcheck/diagnose.hpp"
#include "formcheck/rules/families.hpp"
#include "formcheck/rules/identity_check.hpp"
#include "formcheck/rules/rule_util.hpp"
#include "formcheck/templates.hpp"
#include "formcheck/text_util.hpp"

namespace formcheck::rules {

namespace {

const char* field_title(std::string_view field) {
  if (field == "mid" || field == "half" || field == "year" || field == "actual") return value_title(field);
  if (field == "weight") return "分值";
  if (field == "score") return "得分";
  if (field == "reason") return "偏差原因分析及改进措施";
  return "三级指标";
}

Location ind_at(const Form& f, size_t i, const char* field) {
  const ProjectIndicator& r = f.project_indicators[i];
  return loc_in("project_indicators", static_cast<int>(i), field, r.src.cell(field),
                "绩效指标·" + r.name + "·" + field_title(field));
}

Location fund_at(const Form& f, size_t i, const char* field) {
  const ProjectFundRow& r = f.project_funds[i];
  return loc_in("project_funds", static_cast<int>(i), field, r.src.cell(field),
                "项目资金·" + r.name + "·" + column_title("project_funds", field));
}

// A number cell ("20", "9.44"); nullopt for "—", blanks and words.
std::optional<Decimal> number(const std::string& s) { return Decimal::parse(trim(s)); }

// The rate a row's amounts give, when its rate cell holds no percentage ("" otherwise).
std::string rate_missing(const ProjectFundRow& r, const std::string& unit) {
  const std::string rate = trim(r.rate);
  if (rate.empty() || percent(rate)) return "";
  const auto e = money(r.executed, unit), b = money(r.budget, unit);
  if (!e || !b || b->is_zero()) return "";
  return e->mul_int(100).div(*b, 2)->to_fixed(2) + "%";
}

// A dash of the template's spellings ("—", "-", "/").
bool is_dash(const std::string& text) {
  const auto& d = templates().project.dash_spellings;
  return std::find(d.begin(), d.end(), match_key(text)) != d.end();
}

// The 年度资金总额 row; none when the table's columns could not be told apart
// (import.ambiguous): its 分值, 执行率 and 得分 may be in the wrong places.
const ProjectFundRow* total_row(const Form& f) {
  if (!f.sure("project_funds")) return nullptr;
  for (const auto& r : f.project_funds)
    if (r.role == "total") return &r;
  return nullptr;
}

// ------------------------------------------------------------ identities

const RuleMeta kFundsTotal{
    "project.funds_total", Severity::Error, Scope::Project, "项目资金合计",
    "资金总额 = 财政拨款 + 上年结转资金 + 其他资金，每一列",
    "{column}：“{name}”为 {actual} {unit}，但{what}为 {expected} {unit}，相差 {diff} {unit}。",
    "项目资金中，年度（及中期）资金总额必须等于其中财政拨款、上年结转资金、其他资金之和；自评表的年初预算数、全年预算数、"
    "全年执行数各列分别检查。空白的行不计入。按显示精度比较（金额保留两位小数）。勾稽关系声明在 "
    "identities-project_*.json。",
    true};

void check_funds_total(Context& ctx) {
  check_identities(ctx, kFundsTotal, [&](const Identity& x, const Evaluation& ev) {
    IdentityText t;
    const std::string column = column_title(x.total.section, x.total.field);
    const std::string& name = row_name(ctx.form, x.total);
    std::string names;
    for (const auto& [n, v] : ev.named) names += (names.empty() ? "" : "＋") + n;
    t.expected = ev.computed.to_fixed(2);
    t.actual = ev.shown.to_string();
    t.calc_label = CalcLabel("项目资金·" + name + "·" + column + "（" + x.decl->what + "）");
    t.where = loc_in(x.total.section, x.total.index, x.total.field, cell_src(ctx.form, x.total), cell_label(ctx.form, x.total));
    t.args = {{"column", column}, {"name", name}, {"actual", t.actual}, {"what", names + "之和"}, {"expected", t.expected},
              {"diff", (ev.shown - ev.computed).to_fixed(2)}};
    t.fix = "核对" + column + "：" + names + "之和为 " + t.expected + "。";
    t.why = explain_difference(ev.shown, ev.computed, ev.named);
    return t;
  });
}

const RuleMeta kExecutionRate{
    "project.execution_rate", Severity::Error, Scope::ProjectSelfEval, "项目资金执行率",
    "执行率 = 全年执行数 ÷ 全年预算数，逐行检查",
    "“{name}”的执行率为 {actual}，但全年执行数 {executed} ÷ 全年预算数 {budget} ＝ {expected}。",
    "财预〔2020〕10号：执行率 ＝ 全年执行数 ÷ 全年预算数，以百分数显示。按金额与百分数各自的显示精度比较；"
    "只有截尾能解释的差异报告为警告（.rounding）。执行率写作“—”、文字或电子表格错误值（#DIV/0! 等）而全年执行数与"
    "全年预算数都在时，同样报告并给出应填的执行率；执行率读不出不影响这一行其他列的核对。",
    true};

void check_execution_rate(Context& ctx) {
  check_identities(ctx, kExecutionRate, [&](const Identity& x, const Evaluation& ev) {
    const ProjectFundRow& r = ctx.form.project_funds[static_cast<size_t>(x.total.index)];
    IdentityText t;
    t.expected = ev.computed.to_string() + "%";
    t.actual = r.rate;
    t.calc_label = CalcLabel("项目资金·" + r.name + "·执行率");
    t.where = fund_at(ctx.form, static_cast<size_t>(x.total.index), "rate");
    t.args = {{"name", r.name}, {"actual", r.rate}, {"executed", r.executed}, {"budget", r.budget}, {"expected", t.expected}};
    t.fix = "将执行率改为 " + t.expected + "。";
    return t;
  });
  // A rate cell that is no percentage ("—", "#DIV/0!") on a row whose amounts
  // give one: the rate was not written.
  if (!ctx.form.sure("project_funds")) return;
  const auto& rows = ctx.form.project_funds;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rate_missing(rows[i], ctx.form.money_unit).empty()) continue;
    const std::string expected = rate_missing(rows[i], ctx.form.money_unit);
    ctx.report(kExecutionRate, fund_at(ctx.form, i, "rate"),
               {{"name", rows[i].name}, {"actual", rows[i].rate}, {"executed", rows[i].executed}, {"budget", rows[i].budget},
                {"expected", expected}},
               expected, rows[i].rate, "将执行率改为 " + expected + "。");
  }
}

const char* value_title(std::string_view field) {
  return field == "weight" ? "分值" : field == "score" ? "得分" : "执行率";
}

const RuleMeta kUnreadableValue{
    "project.unreadable_value", Severity::Error, Scope::ProjectSelfEval, "分值、执行率或得分无法读取",
    "项目资金的分值、执行率或得分不是数字，也不是模板允许的“—”",
    "{place}写作“{text}”，不是{what}，无法参与计分核对。",
    "项目资金的分值、执行率、得分参与执行率得分、分值合计与总分的核对，所以必须是数字（执行率是百分数）。"
    "财预〔2020〕10号自评表只在“其中：当年财政拨款”“上年结转资金”“其他资金”三行的分值与得分印“—”（不适用，"
    "template-project.json 的 not_applicable）；在这些位置“—”“-”“/”是空白，在其他位置与文字、电子表格错误值"
    "（#N/A、#DIV/0! 等）一样是本错误。全年执行数与全年预算数都在而执行率读不出时，由 project.execution_rate 给出应填的值；"
    "金额单元格读不出时见 money.unreadable。"};

void check_unreadable_value(Context& ctx) {
  const Form& f = ctx.form;
  const ProjectTemplate& t = templates().project;
  for (size_t i = 0; i < f.project_funds.size(); ++i) {
    const ProjectFundRow& r = f.project_funds[i];
    for (const char* field : {"weight", "rate", "score"}) {
      const std::string& text = std::string_view(field) == "weight" ? r.weight : std::string_view(field) == "rate" ? r.rate : r.score;
      const std::string v = trim(text);
      if (v.empty()) continue;
      const bool rate = std::string_view(field) == "rate";
      if (rate ? percent(v).has_value() : number(v).has_value()) continue;
      if (t.blank_by_convention(f.kind, "project_funds", r.role, field, v)) continue;
      if (rate && !rate_missing(r, f.money_unit).empty()) continue;  // project.execution_rate says what it should be
      if (rate && is_dash(v)) continue;                // no amounts to give a rate: "not applicable"
      const std::string place = "项目资金·" + r.name + "·" + value_title(field);
      ctx.report(kUnreadableValue,
                 loc_in("project_funds", static_cast<int>(i), field, r.src.cell(field), place),
                 {{"place", place}, {"text", text}, {"what", rate ? "百分数" : "数字"}}, rate ? "百分数" : "数字", text,
                 std::string("填写") + value_title(field) + (rate ? "（如 90.00%）。" : "（数字）。"));
    }
  }
}

// ----------------------------------------------------------- scoring

const RuleMeta kRateScore{
    "project.rate_score", Severity::Error, Scope::ProjectSelfEval, "执行率得分",
    "年度资金总额的得分 = 分值 × 执行率，最多为分值",
    "执行率得分为 {actual}，但分值 {weight} × 执行率 {rate} ＝ {expected}。",
    "财预〔2020〕10号：预算执行率按“分值 × 执行率”计分，执行率超过 100% 按 100% 计，得分不超过分值。"
    "执行率按其显示精度取区间，得分按其显示精度比较。", false, true};

void check_rate_score(Context& ctx) {
  const ProjectFundRow* t = total_row(ctx.form);
  if (!t) return;
  auto weight = number(t->weight), score = number(t->score);
  auto rate = percent(t->rate);
  if (!weight || !score || !rate) return;
  const Decimal hundred = Decimal::from_int(100);
  Interval r = display_interval(*rate);
  if (r.hi > hundred) r.hi = hundred;
  if (r.lo > hundred) r.lo = hundred;
  const Interval expected{weight->mul(r.lo).div(hundred, 6).value(), weight->mul(r.hi).div(hundred, 6).value()};
  if (display_interval(*score).overlaps(expected)) return;  // the score at the decimals it shows
  const Decimal mid = weight->mul(std::min(*rate, hundred)).div(hundred, 2).value();
  ctx.report(kRateScore, fund_at(ctx.form, static_cast<size_t>(t - ctx.form.project_funds.data()), "score"),
             {{"actual", t->score}, {"weight", t->weight}, {"rate", t->rate}, {"expected", mid.to_fixed(2)}},
             mid.to_fixed(2), t->score, "将执行率得分改为 " + mid.to_fixed(2) + "。");
}

const RuleMeta kScoreExceeds{
    "project.score_exceeds_weight", Severity::Error, Scope::ProjectSelfEval, "得分超过分值",
    "指标或执行率的得分大于其分值",
    "“{name}”的得分 {score} 大于分值 {weight}。",
    "每项得分最多为该项分值。"};

void check_score_exceeds(Context& ctx) {
  const auto& inds = ctx.form.project_indicators;
  for (size_t i = 0; i < inds.size(); ++i) {
    auto w = number(inds[i].weight), s = number(inds[i].score);
    if (!w || !s || *s <= *w) continue;
    ctx.report(kScoreExceeds, ind_at(ctx.form, i, "score"),
               {{"name", inds[i].name}, {"score", inds[i].score}, {"weight", inds[i].weight}}, "≤ " + inds[i].weight,
               inds[i].score, "得分不超过分值 " + inds[i].weight + "。");
  }
  if (const ProjectFundRow* t = total_row(ctx.form)) {
    auto w = number(t->weight), s = number(t->score);
    if (w && s && *s > *w)
      ctx.report(kScoreExceeds, fund_at(ctx.form, static_cast<size_t>(t - ctx.form.project_funds.data()), "score"),
                 {{"name", "预算执行率"}, {"score", t->score}, {"weight", t->weight}}, "≤ " + t->weight, t->score,
                 "得分不超过分值 " + t->weight + "。");
  }
}

// The share of an indicator's points 财预〔2020〕10号 gives, and why: met ->
// all; unmet -> 完成值/指标值 (指标值/完成值 for ≤ targets); qualitative by tier.
struct Share {
  std::optional<Decimal> share;
  bool met = false;
  std::string basis;
};

Share share_of(Context& ctx, const ProjectIndicator& r) {
  const IndicatorValue &t = ctx.value(r.year), &a = ctx.value(r.actual);
  const auto& p = ctx.profile.score;
  auto pct = [](int v) { return Decimal::from_int(v).div(Decimal::from_int(100), 4).value(); };
  if (t.qualitative() && a.qualitative()) {
    const std::string k = match_key(a.text);
    if (match_key(t.text) == k) return {pct(p.tier_met), true, "定性指标达成"};
    if (starts_with(k, "部分") || starts_with(k, "基本")) return {pct(p.tier_partial), false, "定性指标部分达成"};
    if (starts_with(k, "未") || starts_with(k, "不")) return {pct(p.tier_unmet), false, "定性指标未达成"};
    return {std::nullopt, false, ""};
  }
  auto ok = satisfies(t, a);
  if (!ok) return {std::nullopt, false, ""};
  if (*ok) return {Decimal::from_int(1), true, "达成目标"};
  if (t.number.is_zero() || a.number.is_zero()) return {Decimal::from_units(0, 4), false, "未达成"};
  const bool lower = t.op == Op::Le || t.op == Op::Lt;
  auto q = lower ? t.number.div(a.number, 4) : a.number.div(t.number, 4);
  if (!q) return {std::nullopt, false, ""};
  Decimal s = *q > Decimal::from_int(1) ? Decimal::from_int(1) : *q;
  if (s.is_negative()) s = Decimal::from_units(0, 4);
  return {s, false, std::string("未达成，按") + (lower ? "指标值 ÷ 完成值" : "完成值 ÷ 指标值") + "计分"};
}

const RuleMeta kIndicatorScore{
    "project.indicator_score", Severity::Warning, Scope::ProjectSelfEval, "指标得分与计分规则不符",
    "指标得分与财预〔2020〕10号的计分方法不一致",
    "“{name}”的得分为 {score}，按计分规则（{basis}）应为 {expected}。",
    "财预〔2020〕10号：完成指标值的得满分；未完成的按“完成值 ÷ 指标值 × 分值”计分（越小越好的指标按“指标值 ÷ 完成值”）；"
    "定性指标按达成、部分达成、未达成分档（规则包 qualitative_tiers，默认 100%、70%、30%）。单位可以依据实际情况调整，"
    "所以只作警告；得分按两位小数比较。"};

void check_indicator_score(Context& ctx) {
  const auto& inds = ctx.form.project_indicators;
  for (size_t i = 0; i < inds.size(); ++i) {
    auto w = number(inds[i].weight), s = number(inds[i].score);
    if (!w || !s) continue;
    const Share sh = share_of(ctx, inds[i]);
    if (!sh.share) continue;
    const Decimal expected = w->mul(*sh.share).round_to(2);
    const Decimal tolerance = Decimal::from_units(1, 2);
    if ((*s - expected).abs() <= tolerance) continue;
    ctx.report(kIndicatorScore, ind_at(ctx.form, i, "score"),
               {{"name", inds[i].name}, {"score", inds[i].score}, {"basis", sh.basis}, {"expected", expected.to_fixed(2)}},
               expected.to_fixed(2), inds[i].score, "核对得分；如按实际情况调整，请在偏差原因分析中说明。");
  }
}

const RuleMeta kReasonMissing{
    "project.reason_missing", Severity::Error, Scope::ProjectSelfEval, "缺少偏差原因分析",
    "指标未完成或未得满分，但“偏差原因分析及改进措施”为空",
    "“{name}”{why}，但偏差原因分析及改进措施为空。",
    "财预〔2020〕10号：未完成指标值或得分低于分值的指标，须说明偏差原因并提出改进措施。"};

void check_reason_missing(Context& ctx) {
  const auto& inds = ctx.form.project_indicators;
  for (size_t i = 0; i < inds.size(); ++i) {
    if (!trim(inds[i].reason).empty() || inds[i].name.empty()) continue;
    auto w = number(inds[i].weight), s = number(inds[i].score);
    std::string why;
    if (w && s && *s < *w) why = "得分 " + inds[i].score + " 低于分值 " + inds[i].weight;
    const Share sh = share_of(ctx, inds[i]);
    if (why.empty() && sh.share && !sh.met) why = "未完成年度指标值（" + inds[i].year + "，完成 " + inds[i].actual + "）";
    if (why.empty()) continue;
    ctx.report(kReasonMissing, ind_at(ctx.form, i, "reason"), {{"name", inds[i].name}, {"why", why}}, "填写偏差原因分析",
               "（空）", "说明“" + inds[i].name + "”未完成或失分的原因，并提出改进措施。");
  }
}

const RuleMeta kWeightsSum{
    "project.weights_sum", Severity::Error, Scope::ProjectSelfEval, "分值合计",
    "各指标分值与执行率分值之和应为 100",
    "执行率与各指标的分值合计为 {sum}，应为 100。",
    "财预〔2020〕10号：自评总分 100 分，由预算执行率分值与各绩效指标分值组成。只在每一项都写了分值时检查。"};

void check_weights_sum(Context& ctx) {
  if (!ctx.form.sure("project_funds")) return;  // the 执行率 points were not read with confidence
  Decimal sum;
  int n = 0;
  const ProjectFundRow* t = total_row(ctx.form);
  if (t) {
    if (auto w = number(t->weight)) sum = sum + *w, ++n;
  }
  for (const auto& r : ctx.form.project_indicators) {
    if (r.name.empty()) continue;
    auto w = number(r.weight);
    if (!w) return;
    sum = sum + *w, ++n;
  }
  if (n < 2 || sum == Decimal::from_int(100)) return;
  const Location at = t ? fund_at(ctx.form, static_cast<size_t>(t - ctx.form.project_funds.data()), "weight")
                        : ind_at(ctx.form, 0, "weight");
  ctx.report(kWeightsSum, at, {{"sum", sum.to_string()}}, "100", sum.to_string(), "调整各项分值，使合计为 100。");
}

const RuleMeta kWeightSplit{
    "project.weight_split", Severity::Info, Scope::ProjectSelfEval, "一级指标分值与规则包不同",
    "某一级指标的分值合计与规则包的建议权重不同",
    "“{level}”指标的分值合计为 {sum}，规则包（{pack}）建议 {weight} 分。",
    "财预〔2020〕10号：原则上预算执行率 10 分、产出 50 分、效益 30 分、满意度 10 分，可根据项目实际调整。"
    "规则包 score.weights 给出本地建议（规则包没有单列成本指标时，成本计入产出）；不同时只作提示。"};

void check_weight_split(Context& ctx) {
  const auto& weights = ctx.profile.score.weights;
  if (weights.empty()) return;
  std::map<std::string, Decimal> by;
  std::map<std::string, size_t> first;
  for (size_t i = 0; i < ctx.form.project_indicators.size(); ++i) {
    const auto& r = ctx.form.project_indicators[i];
    auto w = number(r.weight);
    if (!w) return;
    std::string l1 = ctx.level1_of(r.level1);
    if (l1 == "成本" && !weights.count("成本")) l1 = "产出";  // 成本 counted with 产出 where the pack has no 成本 weight
    by[l1] = by[l1] + *w;
    first.emplace(l1, i);
  }
  for (const auto& [level, weight] : weights) {
    auto it = by.find(level);
    if (it == by.end() || it->second == Decimal::from_int(weight)) continue;
    ctx.report(kWeightSplit, ind_at(ctx.form, first[level], "weight"),
               {{"level", level}, {"sum", it->second.to_string()}, {"pack", ctx.profile.name},
                {"weight", std::to_string(weight)}},
               std::to_string(weight), it->second.to_string(), "如按项目实际调整了权重，可不修改。");
  }
}

const RuleMeta kTotalScore{
    "project.total_score", Severity::Error, Scope::ProjectSelfEval, "总分",
    "总分 = 执行率得分 + 各指标得分",
    "总分为 {actual}，但执行率得分与各指标得分之和为 {expected}。",
    "总分等于预算执行率得分与各绩效指标得分之和，按各得分的显示精度比较。"};

void check_total_score(Context& ctx) {
  if (!ctx.form.sure("project_funds")) return;  // the 执行率 points were not read with confidence
  auto total = number(ctx.form.total_score);
  if (!total) return;
  std::vector<Decimal> parts;
  std::vector<std::pair<std::string, Decimal>> named;
  if (const ProjectFundRow* t = total_row(ctx.form))
    if (auto s = number(t->score)) parts.push_back(*s), named.emplace_back("执行率得分", *s);
  for (const auto& r : ctx.form.project_indicators)
    if (auto s = number(r.score)) parts.push_back(*s), named.emplace_back(r.name, *s);
  if (parts.empty()) return;
  Decimal sum;
  for (const auto& p : parts) sum = sum + p;
  const Agreement a = check_sum(parts, *total, 2);
  ctx.calc({"project_indicators", -1, "score", "总分（执行率得分＋各指标得分）", ctx.form.total_score, sum.to_fixed(2),
            status_of(a), ctx.form.total_score_src});
  if (agrees(a)) return;
  Location at;
  at.section = "header";
  at.field = "total_score";
  at.label = "总分";
  at.src = ctx.form.total_score_src;
  ctx.report_agreement(kTotalScore, a, at, {{"actual", ctx.form.total_score}, {"expected", sum.to_fixed(2)}},
                       sum.to_fixed(2), ctx.form.total_score, "将总分改为 " + sum.to_fixed(2) + "。",
                       explain_difference(*total, sum, named));
}

// -------------------------------------------------- levels and values

const RuleMeta kRequiredLevel{
    "project.required_level", Severity::Error, Scope::Project, "缺少一级指标",
    "绩效指标缺少规则包要求的一级指标（产出、效益、满意度；新版模板还有成本）",
    "绩效指标中没有“{level}”指标。",
    "项目支出绩效指标的一级指标为产出、效益、满意度（财预〔2015〕88号、财预〔2020〕10号）；江苏新版模板把成本指标单列为"
    "一级（规则包 required_levels）。每个要求的一级指标下至少应有一个三级指标。"};

void check_required_level(Context& ctx) {
  if (ctx.form.project_indicators.empty() || !ctx.form.sure("project_indicators")) return;
  std::set<std::string> present;
  for (const auto& r : ctx.form.project_indicators)
    if (!r.name.empty()) present.insert(ctx.level1_of(r.level1));
  // A table that runs to the end of the document may be cut there: only an
  // 一级 missing before the last one present is sure to be missing.
  const bool cut_possible = !ctx.form.sure("project_indicators.end");
  size_t last_present = 0;
  for (size_t i = 0; i < ctx.profile.required_levels.size(); ++i)
    if (present.count(ctx.profile.required_levels[i])) last_present = i + 1;
  for (size_t i = 0; i < ctx.profile.required_levels.size(); ++i) {
    const std::string& level = ctx.profile.required_levels[i];
    if (present.count(level) || (cut_possible && i >= last_present)) continue;
    Location at;
    at.section = "project_indicators";
    at.label = "绩效指标";
    at.src = ctx.form.project_indicators.front().src.at;
    ctx.report(kRequiredLevel, at, {{"level", level}}, "填写" + level + "指标", "（无）",
               "补充“" + level + "指标”及其二级、三级指标。");
  }
}

bool is_cost(Context& ctx, const ProjectIndicator& r) {
  return ctx.level1_of(r.level1) == "成本" || contains(r.level2, "成本");
}

const RuleMeta kCostUpperBound{
    "project.cost_upper_bound", Severity::Warning, Scope::Project, "成本指标应为上限",
    "成本指标的指标值没有写成上限（≤）",
    "成本指标“{name}”的{column}“{value}”不是上限。",
    "成本指标控制支出，指标值写作上限，如“≤120万元”；写成“=”或“≥”时无法说明成本得到控制。"};

void check_cost_upper_bound(Context& ctx) {
  const auto& inds = ctx.form.project_indicators;
  for (size_t i = 0; i < inds.size(); ++i) {
    if (!is_cost(ctx, inds[i])) continue;
    for (const char* field : {"mid", "half", "year"}) {
      const std::string& text = *value_in(inds[i], field);
      const IndicatorValue& v = ctx.value(text);
      if (!v.quantitative() || v.op == Op::Le || v.op == Op::Lt) continue;
      ctx.report(kCostUpperBound, ind_at(ctx.form, i, field),
                 {{"name", inds[i].name}, {"column", field_title(field)}, {"value", text}},
                 "≤" + v.number.to_string() + v.unit, text, "改为上限，如“≤" + v.number.to_string() + v.unit + "”。");
    }
  }
}

const RuleMeta kRateOver100{
    "project.rate_over_100", Severity::Error, Scope::Project, "比率超过 100%",
    "满意度或比率类指标的指标值或完成值超过 100%",
    "“{name}”的{column}为 {value}，该比率不可能超过 100%。",
    "满意度以及合格率、覆盖率等比率（规则包 bounded_rate_names）不超过 100%；目标写作“≥120%”无法达成。"};

void check_rate_over_100(Context& ctx) {
  const auto& inds = ctx.form.project_indicators;
  for (size_t i = 0; i < inds.size(); ++i) {
    const bool bounded = ctx.level1_of(inds[i].level1) == "满意度" || ctx.profile.is_bounded_rate_key(match_key(inds[i].name));
    if (!bounded) continue;
    for (const char* field : {"mid", "half", "year", "actual"}) {
      const std::string& text = *value_in(inds[i], field);
      const IndicatorValue& v = ctx.value(text);
      if (!v.quantitative() || !v.percent() || v.number <= Decimal::from_int(100)) continue;
      if (v.op == Op::Le || v.op == Op::Lt) continue;
      ctx.report(kRateOver100, ind_at(ctx.form, i, field), {{"name", inds[i].name}, {"column", field_title(field)}, {"value", text}},
                 "≤ 100%", text, "核对“" + inds[i].name + "”的数值，比率不超过 100%。");
    }
  }
}

const RuleMeta kYearExceedsMid{
    "project.year_exceeds_mid", Severity::Warning, Scope::ProjectTarget, "年度大于中期",
    "年度资金或年度指标值大于中期的对应值",
    "“{name}”的年度{what}“{year}”大于中期{what}“{mid}”。",
    "中期目标覆盖项目的整个期限，年度是其中一年：年度资金不超过中期资金；累计型（≥、=）数量指标的年度值不超过中期值"
    "（单位相同时比较；≤ 类指标不检查）。"};

void check_year_exceeds_mid(Context& ctx) {
  const auto& funds = ctx.form.project_funds;
  for (size_t i = 0; i < funds.size() && ctx.form.sure("project_funds"); ++i) {
    auto m = money(funds[i].mid, ctx.form.money_unit), y = money(funds[i].year, ctx.form.money_unit);
    if (!m || !y || *y <= *m) continue;
    ctx.report(kYearExceedsMid, fund_at(ctx.form, i, "year"),
               {{"name", funds[i].name}, {"what", "资金"}, {"year", funds[i].year}, {"mid", funds[i].mid}}, "不大于 " + funds[i].mid,
               funds[i].year, "核对年度与中期资金。");
  }
  const auto& inds = ctx.form.project_indicators;
  for (size_t i = 0; i < inds.size(); ++i) {
    const IndicatorValue &m = ctx.value(inds[i].mid), &y = ctx.value(inds[i].year);
    if (!m.quantitative() || !y.quantitative() || m.unit != y.unit || m.percent()) continue;
    if (y.op == Op::Le || y.op == Op::Lt || m.op == Op::Le || m.op == Op::Lt) continue;
    if (y.number <= m.number) continue;
    ctx.report(kYearExceedsMid, ind_at(ctx.form, i, "year"),
               {{"name", inds[i].name}, {"what", "指标值"}, {"year", inds[i].year}, {"mid", inds[i].mid}},
               "不大于中期的“" + inds[i].mid + "”", inds[i].year, "核对年度指标值与中期指标值。");
  }
}

const RuleMeta kRequiredField{
    "project.required_field", Severity::Error, Scope::Project, "必填内容缺失",
    "项目名称、主管部门、实施单位、目标、项目资金或绩效指标未填写",
    "{title}未填写。",
    "规则包 required_fields 列出项目表单的必填部分：项目名称、主管部门（全国与江苏的项目规则包）、实施单位、年度目标（目标表）或预期目标（自评表）、"
    "项目资金表和绩效指标表。读不清的部分（import.ambiguous）不据此报告。"};

void check_required_field(Context& ctx) {
  const Form& f = ctx.form;
  for (const std::string& field : ctx.profile.required_fields) {
    bool missing = false;
    std::string title;
    Location at;
    if (field == "project_name") title = "项目名称", missing = trim(f.project_name).empty(), at.src = f.project_name_src;
    else if (field == "unit") title = "实施单位", missing = trim(f.unit).empty(), at.src = f.unit_src;
    else if (field == "project_funds") title = "项目资金", missing = f.project_funds.empty();
    else if (field == "project_indicators") title = "绩效指标", missing = f.project_indicators.empty();
    else {
      title = text_title(field);
      auto it = f.texts.find(field);
      missing = it == f.texts.end() || is_punctuation_only(it->second);
      if (auto s = f.text_src.find(field); s != f.text_src.end()) at.src = s->second;
    }
    if (!missing || !f.sure(field)) continue;
    at.section = field == "project_funds" || field == "project_indicators" ? field
                 : field == "project_name" || field == "unit"                 ? "header"
                                                                              : "texts";
    at.field = field;
    at.label = title;
    ctx.report(kRequiredField, at, {{"title", title}}, "填写" + title, "（空）", "填写“" + title + "”。");
  }
}

}  // namespace

void add_project_rules(std::vector<Rule>& out) {
  out.push_back({&kFundsTotal, check_funds_total});
  out.push_back({&kExecutionRate, check_execution_rate});
  out.push_back({&kUnreadableValue, check_unreadable_value});
  out.push_back({&kRateScore, check_rate_score});
  out.push_back({&kScoreExceeds, check_score_exceeds});
  out.push_back({&kIndicatorScore, check_indicator_score});
  out.push_back({&kReasonMissing, check_reason_missing});
  out.push_back({&kWeightsSum, check_weights_sum});
  out.push_back({&kWeightSplit, check_weight_split});
  out.push_back({&kTotalScore, check_total_score});
  out.push_back({&kRequiredField, check_required_field});
  out.push_back({&kRequiredLevel, check_required_level});
  out.push_back({&kCostUpperBound, check_cost_upper_bound});
  out.push_back({&kRateOver100, check_rate_over_100});
  out.push_back({&kYearExceedsMid, check_year_exceeds_mid});
}

}  // namespace formcheck::rules
