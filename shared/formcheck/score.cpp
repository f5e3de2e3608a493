#include "formcheck/score.hpp"

#include <algorithm>
#include <map>

#include "formcheck/arith.hpp"
#include "formcheck/text_util.hpp"
#include "formcheck/value.hpp"

namespace formcheck {

namespace {

constexpr int kScale = 4;  // fractions are kept to four decimals (exact decimal arithmetic)

Decimal one() { return Decimal::from_int(1); }
Decimal min1(const Decimal& d) { return d > one() ? one() : d; }

// Share of an indicator's points earned, in [0, 1], and why; no share when
// undecidable. The reason is kept as a code (a 100,000-row report has as
// many rows) and put in words only for the rows the estimate lists.
enum class Basis : uint8_t { Met, TierMet, TierPartial, TierUnmet, Ratio, InverseRatio, Zero, NotComparable, UnknownTier };
struct Earned {
  std::optional<Decimal> share;
  Basis basis = Basis::NotComparable;
};

std::string pct(const Decimal& share) { return share.mul_int(100).round_to(2).to_fixed(2) + "%"; }

Earned earned(const EvalRow& r, Context& ctx) {
  const Profile& p = ctx.profile;
  const IndicatorValue &t = ctx.value(r.target), &a = ctx.value(r.actual);
  auto tier = [&](int percent, Basis b) { return Earned{Decimal::from_int(percent).div(Decimal::from_int(100), kScale), b}; };
  if (t.qualitative() && a.qualitative()) {
    if (match_key(t.text) == match_key(a.text)) return tier(p.score.tier_met, Basis::TierMet);
    const std::string k = match_key(a.text);
    if (starts_with(k, "部分") || starts_with(k, "基本")) return tier(p.score.tier_partial, Basis::TierPartial);
    if (starts_with(k, "未") || starts_with(k, "不")) return tier(p.score.tier_unmet, Basis::TierUnmet);
    return {std::nullopt, Basis::UnknownTier};
  }
  auto ok = satisfies(t, a);
  if (!ok) return {std::nullopt, Basis::NotComparable};
  if (*ok) return {one(), Basis::Met};
  if (t.number.is_zero() || a.number.is_zero()) return {Decimal::from_units(0, kScale), Basis::Zero};
  // Unmet: points × 完成值/指标值; for ≤ targets points × 指标值/完成值.
  const bool lower_is_better = t.op == Op::Le || t.op == Op::Lt;
  auto q = lower_is_better ? t.number.div(a.number, kScale) : a.number.div(t.number, kScale);
  if (!q || q->is_negative()) return {Decimal::from_units(0, kScale), Basis::Zero};
  return {min1(*q), lower_is_better ? Basis::InverseRatio : Basis::Ratio};
}

std::string basis_text(const Earned& e, const EvalRow& r, const Profile& p) {
  switch (e.basis) {
    case Basis::Met: return "达成目标，得满分";
    case Basis::TierMet: return "定性指标达成，按档次计 " + std::to_string(p.score.tier_met) + "%";
    case Basis::TierPartial: return "定性指标部分达成，按档次计 " + std::to_string(p.score.tier_partial) + "%";
    case Basis::TierUnmet: return "定性指标未达成，按档次计 " + std::to_string(p.score.tier_unmet) + "%";
    case Basis::Ratio: return "未达成，按完成值 ÷ 目标值 = " + pct(*e.share) + " 计分";
    case Basis::InverseRatio: return "未达成，按目标值 ÷ 完成值 = " + pct(*e.share) + " 计分";
    case Basis::Zero: return "未达成，目标值或完成值为 0，计 0 分";
    case Basis::UnknownTier: return "完成情况“" + r.actual + "”无法判断档次，未计入";
    case Basis::NotComparable: break;
  }
  return "目标值与完成值无法比较，未计入";
}

// Each indicator is listed (table order) on forms of a real size; on a
// generated 100,000-row report only those that lose most.
constexpr size_t kListAll = 1000, kListLosses = 100;

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
  be["basis"] = rate ? "按执行率计分：分值 × min(执行率, 100%)" : "没有预算执行率，计 0 分";
  if (rate) {
    const Decimal share = min1(*rate->div(Decimal::from_int(100), kScale));
    const Decimal pts = budget_points.mul(share).round_to(2);
    total = total + pts;
    be["rate"] = rate->to_string() + "%";
    be["points"] = pts.to_fixed(2);
    be["loss"] = (budget_points - pts).to_fixed(2);
  } else {
    be["rate"] = nullptr;
    be["points"] = "0.00";
    be["loss"] = budget_points.to_fixed(2);
  }
  out["budget_execution"] = be;
  // Indicator points, renormalised over the categories the form has.
  // Two passes over the 自评表, nothing kept per row: the categories' sums
  // first, then each row's points (a 100,000-row report would otherwise hold
  // a record per row at the check's peak).
  struct Row {
    size_t index;
    const std::string* category;  // level1_of's stable string
    Earned e;
  };
  auto scored = [&](size_t i, Row& out) {
    const EvalRow& e = form.evaluation[i];
    const std::string& cat = ctx.level1_of(e.category);
    if (cat.empty() || !p.score.weights.count(cat) || e.name.empty()) return false;
    out = {i, &cat, earned(e, ctx)};
    return true;
  };
  std::map<std::string, std::pair<Decimal, int>> by_cat;  // sum of shares, count
  size_t scored_rows = 0;
  for (size_t i = 0; i < form.evaluation.size(); ++i) {
    Row r;
    if (!scored(i, r)) continue;
    ++scored_rows;
    if (r.e.share) {
      auto& slot = by_cat[*r.category];
      slot.first = slot.first + *r.e.share;
      slot.second += 1;
    }
  }
  int present_weight = 0;
  for (const auto& [cat, w] : p.score.weights)
    if (by_cat.count(cat)) present_weight += w;
  int indicator_points = 0;
  for (const auto& [cat, w] : p.score.weights) indicator_points += w;
  ojson cats = ojson::array();
  std::map<std::string, Decimal> per_indicator;  // the points one indicator of a category can earn
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
      per_indicator[cat] = weight.div(Decimal::from_int(it->second.second), kScale).value();
      c["indicators"] = it->second.second;
      c["effective_weight"] = weight.to_fixed(2);
      c["points"] = pts.to_fixed(2);
    }
    cats.push_back(c);
  }
  // Each indicator's points, why, and what it costs the total: a unit sees
  // its weak points.
  struct Line {
    Decimal max, points, loss;
  };
  auto line_of = [&](const Row& r) {
    Line l;
    if (r.e.share && per_indicator.count(*r.category)) {
      l.max = per_indicator[*r.category];
      l.points = l.max.mul(*r.e.share).round_to(2);
      l.loss = (l.max.round_to(2) - l.points).round_to(2);
    }
    return l;
  };
  // The rows listed: all of them, or (a generated 100,000-row report) the 100
  // that lose most, kept in a bounded heap (the earliest row wins a tie).
  std::vector<Row> listed;
  if (scored_rows <= kListAll) {
    for (size_t i = 0; i < form.evaluation.size(); ++i) {
      Row r;
      if (scored(i, r)) listed.push_back(r);
    }
  } else {
    std::vector<std::pair<Decimal, size_t>> heap;  // min-heap on (loss, -index)
    auto less_lost = [](const std::pair<Decimal, size_t>& a, const std::pair<Decimal, size_t>& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    };
    for (size_t i = 0; i < form.evaluation.size(); ++i) {
      Row r;
      if (!scored(i, r)) continue;
      heap.emplace_back(line_of(r).loss, i);
      std::push_heap(heap.begin(), heap.end(), less_lost);
      if (heap.size() > kListLosses) std::pop_heap(heap.begin(), heap.end(), less_lost), heap.pop_back();
    }
    std::vector<size_t> keep;
    for (const auto& h : heap) keep.push_back(h.second);
    std::sort(keep.begin(), keep.end());
    for (size_t i : keep) {
      Row r;
      scored(i, r);
      listed.push_back(r);
    }
  }
  ojson inds = ojson::array();
  for (const Row& r : listed) {
    const Line l = line_of(r);
    const EvalRow& e = form.evaluation[r.index];
    ojson j;
    j["index"] = r.index;
    j["category"] = *r.category;
    j["name"] = e.name;
    j["target"] = e.target;
    j["actual"] = e.actual;
    j["counted"] = r.e.share.has_value();
    j["max_points"] = r.e.share ? ojson(l.max.round_to(2).to_fixed(2)) : ojson(nullptr);
    j["points"] = r.e.share ? ojson(l.points.to_fixed(2)) : ojson(nullptr);
    j["loss"] = r.e.share ? ojson(l.loss.to_fixed(2)) : ojson(nullptr);
    j["basis"] = basis_text(r.e, e, p);
    inds.push_back(std::move(j));
  }
  out["indicators"] = std::move(inds);
  if (listed.size() < scored_rows) out["indicators_omitted"] = scored_rows - listed.size();
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
