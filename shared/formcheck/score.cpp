#include "formcheck/score.hpp"

#include <map>

#include "formcheck/arith.hpp"
#include "formcheck/text_util.hpp"
#include "formcheck/value.hpp"

namespace formcheck {

namespace {

constexpr int kScale = 4;  // fractions are kept to four decimals (exact decimal arithmetic)

Decimal one() { return Decimal::from_int(1); }
Decimal min1(const Decimal& d) { return d > one() ? one() : d; }

// Share of an indicator's points earned, in [0, 1]; nullopt when undecidable.
std::optional<Decimal> earned(const EvalRow& r, Context& ctx) {
  const Profile& p = ctx.profile;
  const IndicatorValue &t = ctx.value(r.target), &a = ctx.value(r.actual);
  if (t.qualitative() && a.qualitative()) {
    if (match_key(t.text) == match_key(a.text)) return Decimal::from_int(p.score.tier_met).div(Decimal::from_int(100), kScale);
    const std::string k = match_key(a.text);
    if (starts_with(k, "部分") || starts_with(k, "基本"))
      return Decimal::from_int(p.score.tier_partial).div(Decimal::from_int(100), kScale);
    if (starts_with(k, "未") || starts_with(k, "不"))
      return Decimal::from_int(p.score.tier_unmet).div(Decimal::from_int(100), kScale);
    return std::nullopt;
  }
  auto ok = satisfies(t, a);
  if (!ok) return std::nullopt;
  if (*ok) return one();
  if (t.number.is_zero() || a.number.is_zero()) return Decimal::from_units(0, kScale);
  // Unmet: points × 完成值/指标值; for ≤ targets points × 指标值/完成值.
  const bool lower_is_better = t.op == Op::Le || t.op == Op::Lt;
  auto q = lower_is_better ? t.number.div(a.number, kScale) : a.number.div(t.number, kScale);
  if (!q || q->is_negative()) return Decimal::from_units(0, kScale);
  return min1(*q);
}

}  // namespace

nlohmann::ordered_json estimate_score(Context& ctx) {
  const Form& form = ctx.form;
  const Profile& p = ctx.profile;
  using ojson = nlohmann::ordered_json;
  if (form.kind != FormKind::SelfEval || p.score.weights.empty() || form.evaluation.empty()) return nullptr;
  ojson out;
  Decimal total;
  // 预算执行率: the report's own figure, else the 预算信息 total row.
  std::optional<Decimal> rate;
  for (const auto& e : form.evaluation)
    if (contains(e.name, "率") && match_key(e.name) == "预算执行率") rate = percent(e.actual);  // 率 survives match_key
  if (!rate) {
    for (const auto& b : form.budget_info)
      if (b.role == "total") rate = percent(b.rate);
  }
  const Decimal budget_points = Decimal::from_int(p.score.budget_execution);
  ojson be;
  be["weight"] = p.score.budget_execution;
  if (rate) {
    const Decimal share = min1(*rate->div(Decimal::from_int(100), kScale));
    const Decimal pts = budget_points.mul(share).round_to(2);
    total = total + pts;
    be["rate"] = rate->to_string() + "%";
    be["points"] = pts.to_fixed(2);
  } else {
    be["rate"] = nullptr;
    be["points"] = "0.00";
  }
  out["budget_execution"] = be;
  // Indicator points, renormalised over the categories the form has.
  std::map<std::string, std::pair<Decimal, int>> by_cat;  // sum of shares, count
  for (const auto& e : form.evaluation) {
    const std::string& cat = ctx.level1_of(e.category);
    if (cat.empty() || !p.score.weights.count(cat) || e.name.empty()) continue;
    auto s = earned(e, ctx);
    if (!s) continue;
    auto& slot = by_cat[cat];
    slot.first = slot.first + *s;
    slot.second += 1;
  }
  int present_weight = 0;
  for (const auto& [cat, w] : p.score.weights)
    if (by_cat.count(cat)) present_weight += w;
  int indicator_points = 0;
  for (const auto& [cat, w] : p.score.weights) indicator_points += w;
  ojson cats = ojson::array();
  for (const auto& [cat, w] : p.score.weights) {
    ojson c;
    c["category"] = cat;
    c["weight"] = w;
    auto it = by_cat.find(cat);
    if (it == by_cat.end() || present_weight == 0) {
      c["indicators"] = 0;
      c["points"] = nullptr;
    } else {
      // weight' = w · indicator_points / present_weight; points = weight' · mean share
      const Decimal weight = Decimal::from_int(w * indicator_points).div(Decimal::from_int(present_weight), kScale).value();
      const Decimal mean = it->second.first.div(Decimal::from_int(it->second.second), kScale).value();
      const Decimal pts = weight.mul(mean).round_to(2);
      total = total + pts;
      c["indicators"] = it->second.second;
      c["effective_weight"] = weight.to_fixed(2);
      c["points"] = pts.to_fixed(2);
    }
    cats.push_back(c);
  }
  out["categories"] = cats;
  out["total"] = total.to_fixed(2);
  std::string grade;
  for (const auto& [min, g] : p.score.grades)
    if (grade.empty() && total >= Decimal::from_int(min)) grade = g;
  out["grade"] = grade;
  out["estimate"] = true;
  out["note"] = "按财预〔2020〕10号估算（预算执行率 " + std::to_string(p.score.budget_execution) +
                " 分，指标 " + std::to_string(indicator_points) +
                " 分按规则包权重分配；定量指标未达成按比例、定性指标按档次计分），仅供参考，以评价机构评分为准。";
  return out;
}

}  // namespace formcheck
