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

// Share of an indicator's points earned, in [0, 1], and why; no share when undecidable.
struct Earned {
  std::optional<Decimal> share;
  std::string basis;  // in Chinese
};

std::string pct(const Decimal& share) { return share.mul_int(100).round_to(2).to_fixed(2) + "%"; }

Earned earned(const EvalRow& r, Context& ctx) {
  const Profile& p = ctx.profile;
  const IndicatorValue &t = ctx.value(r.target), &a = ctx.value(r.actual);
  auto tier = [&](int percent, const char* what) {
    return Earned{Decimal::from_int(percent).div(Decimal::from_int(100), kScale),
                  std::string("定性指标") + what + "，按档次计 " + std::to_string(percent) + "%"};
  };
  if (t.qualitative() && a.qualitative()) {
    if (match_key(t.text) == match_key(a.text)) return tier(p.score.tier_met, "达成");
    const std::string k = match_key(a.text);
    if (starts_with(k, "部分") || starts_with(k, "基本")) return tier(p.score.tier_partial, "部分达成");
    if (starts_with(k, "未") || starts_with(k, "不")) return tier(p.score.tier_unmet, "未达成");
    return {std::nullopt, "完成情况“" + a.text + "”无法判断档次，未计入"};
  }
  auto ok = satisfies(t, a);
  if (!ok) return {std::nullopt, "目标值与完成值无法比较，未计入"};
  if (*ok) return {one(), "达成目标，得满分"};
  if (t.number.is_zero() || a.number.is_zero()) return {Decimal::from_units(0, kScale), "未达成，目标值或完成值为 0，计 0 分"};
  // Unmet: points × 完成值/指标值; for ≤ targets points × 指标值/完成值.
  const bool lower_is_better = t.op == Op::Le || t.op == Op::Lt;
  auto q = lower_is_better ? t.number.div(a.number, kScale) : a.number.div(t.number, kScale);
  if (!q || q->is_negative()) return {Decimal::from_units(0, kScale), "未达成，计 0 分"};
  const Decimal share = min1(*q);
  return {share, std::string("未达成，按") + (lower_is_better ? "目标值 ÷ 完成值" : "完成值 ÷ 目标值") + " = " + pct(share) +
                     " 计分"};
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
  struct Row {
    size_t index;
    std::string category;
    Earned e;
  };
  std::vector<Row> rows;
  std::map<std::string, std::pair<Decimal, int>> by_cat;  // sum of shares, count
  for (size_t i = 0; i < form.evaluation.size(); ++i) {
    const EvalRow& e = form.evaluation[i];
    const std::string& cat = ctx.level1_of(e.category);
    if (cat.empty() || !p.score.weights.count(cat) || e.name.empty()) continue;
    Earned got = earned(e, ctx);
    if (got.share) {
      auto& slot = by_cat[cat];
      slot.first = slot.first + *got.share;
      slot.second += 1;
    }
    rows.push_back({i, cat, std::move(got)});
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
    const Row* row;
    Decimal max, points, loss;
  };
  std::vector<Line> lines;
  for (const Row& r : rows) {
    Line l{&r, {}, {}, {}};
    if (r.e.share && per_indicator.count(r.category)) {
      l.max = per_indicator[r.category];
      l.points = l.max.mul(*r.e.share).round_to(2);
      l.loss = (l.max.round_to(2) - l.points).round_to(2);
    }
    lines.push_back(l);
  }
  std::vector<const Line*> listed;
  for (const Line& l : lines) listed.push_back(&l);
  if (lines.size() > kListAll) {
    std::stable_sort(listed.begin(), listed.end(), [](const Line* a, const Line* b) { return a->loss > b->loss; });
    listed.resize(kListLosses);
    std::sort(listed.begin(), listed.end(), [](const Line* a, const Line* b) { return a->row->index < b->row->index; });
  }
  ojson inds = ojson::array();
  for (const Line* l : listed) {
    const EvalRow& e = form.evaluation[l->row->index];
    ojson j;
    j["index"] = l->row->index;
    j["category"] = l->row->category;
    j["name"] = e.name;
    j["target"] = e.target;
    j["actual"] = e.actual;
    j["counted"] = l->row->e.share.has_value();
    j["max_points"] = l->row->e.share ? ojson(l->max.round_to(2).to_fixed(2)) : ojson(nullptr);
    j["points"] = l->row->e.share ? ojson(l->points.to_fixed(2)) : ojson(nullptr);
    j["loss"] = l->row->e.share ? ojson(l->loss.to_fixed(2)) : ojson(nullptr);
    j["basis"] = l->row->e.basis;
    inds.push_back(std::move(j));
  }
  out["indicators"] = std::move(inds);
  if (listed.size() < lines.size()) out["indicators_omitted"] = lines.size() - listed.size();
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
