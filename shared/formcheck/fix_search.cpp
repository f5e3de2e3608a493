#include "formcheck/fix_search.hpp"

#include <algorithm>
#include <tuple>

#include "formcheck/diagnose.hpp"
#include "formcheck/text_util.hpp"

namespace formcheck {

namespace {

bool takes_part(const Identity& id, const CellRef& c) {
  if (id.total == c) return true;
  for (const auto* list : {&id.parts, &id.optional, &id.required})
    for (const CellRef& p : *list)
      if (p == c) return true;
  return false;
}

const std::string& role_of(const Form& f, const CellRef& c) {
  static const std::string kNone;
  if (c.index < 0) return kNone;
  const auto i = static_cast<size_t>(c.index);
  if (c.section == "funds.income" && i < f.funds.income.size()) return f.funds.income[i].role;
  if (c.section == "funds.expense" && i < f.funds.expense.size()) return f.funds.expense[i].role;
  if (c.section == "budget_info" && i < f.budget_info.size()) return f.budget_info[i].role;
  if (c.section == "project_funds" && i < f.project_funds.size()) return f.project_funds[i].role;
  return kNone;
}

std::string text_at(const Form& f, const CellRef& c) {
  const std::string* t = cell_text(f, c);
  return t ? *t : std::string();
}

// The figure's digits at two decimals, for comparing keystrokes.
std::string digits_of(const Decimal& d) {
  std::string s = d.abs().to_fixed(2);
  s.erase(std::remove(s.begin(), s.end(), '.'), s.end());
  return s;
}

// Old and new differ in one digit only (a key struck for its neighbour).
bool one_digit(const Decimal& old, const Decimal& fixed) {
  if (old.sign() != fixed.sign() && !old.is_zero() && !fixed.is_zero()) return false;
  const std::string a = digits_of(old), b = digits_of(fixed);
  if (a.size() != b.size()) return false;
  int differ = 0;
  for (size_t i = 0; i < a.size(); ++i) differ += a[i] != b[i];
  return differ == 1;
}

// A sum identity whose total is `c` (a sub-total `c` rolls up from).
std::vector<const Identity*> sums_totalling(const std::vector<Identity>& all, const CellRef& c, const Identity* not_this) {
  std::vector<const Identity*> out;
  for (const Identity& id : all)
    if (&id != not_this && !id.decl->rate && id.total == c) out.push_back(&id);
  return out;
}

struct Candidate {
  std::vector<std::pair<CellRef, Decimal>> changes;  // the line first, then the sub-totals it rolls into
  bool is_total = false;
};

// Chains below `part`: a line of a sub-total `part` is, with `part` itself,
// raised by `delta` (and further down, to three levels).
void chains_below(const Form& form, const std::vector<Identity>& all, const Identity& failing, const CellRef& part,
                  const Decimal& delta, std::vector<std::pair<CellRef, Decimal>> above, int depth,
                  std::vector<Candidate>& out) {
  if (depth > 3) return;
  const auto v = money(text_at(form, part), form.money_unit);
  above.insert(above.begin(), {part, (v ? *v : Decimal::from_units(0, 2)) + delta});
  for (const Identity* sub : sums_totalling(all, part, &failing)) {
    if (sub->column != failing.column && !failing.column.empty()) continue;
    for (const CellRef& line : sub->parts) {
      if (!cell_text(form, line)) continue;
      const auto lv = money(text_at(form, line), form.money_unit);
      const Decimal want = (lv ? *lv : Decimal::from_units(0, 2)) + delta;
      if (want.sign() < 0 && line.field != "carry") continue;
      Candidate c;
      c.changes.push_back({line, want});
      c.changes.insert(c.changes.end(), above.begin(), above.end());
      out.push_back(c);
      chains_below(form, all, failing, line, delta, above, depth + 1, out);
    }
  }
}

bool same_shown(const Decimal& a, const Decimal& b) { return display_interval(a).overlaps(display_interval(b)); }

}  // namespace

std::string source_to_check(const Form& form, const CellRef& cell) {
  const std::string& role = role_of(form, cell);
  if (cell.section == "project_funds" || role == "project" || role == "project_total") return "项目明细";
  if (cell.section == "evaluation") return "指标完成情况的原始记录";
  return "预算批复";
}

std::optional<DifferenceLine> difference_line(const Form& form, const std::vector<Identity>& all, size_t failing) {
  const Identity& f = all[failing];
  if (f.decl->rate) return std::nullopt;
  const Evaluation ev = evaluate(form, f);
  if (!ev.checkable || ev.holds()) return std::nullopt;
  const Decimal diff = (ev.shown - ev.computed).abs();
  if (diff.is_zero()) return std::nullopt;
  std::vector<CellRef> counted = ev.counted;
  counted.push_back(f.total);
  auto consider = [&](const CellRef& c) -> std::optional<DifferenceLine> {
    if (std::find(counted.begin(), counted.end(), c) != counted.end()) return std::nullopt;
    const auto v = money(text_at(form, c), form.money_unit);
    if (!v || v->is_zero() || v->abs() != diff) return std::nullopt;
    DifferenceLine d;
    d.cell = c;
    d.name = row_name(form, c);
    std::string meaning;
    if (f.total.section == "funds.income" && c.section == "funds.expense")
      meaning = d.name + "的资金来源可能未列入收入";
    else if (f.total.section == "funds.expense" && c.section == "funds.income")
      meaning = "收入中的" + d.name + "可能没有安排到支出";
    else
      meaning = "可能是“" + d.name + "”被漏列或多列了一次";
    d.sentence = "相差 " + diff.to_fixed(2) + "，恰等于" + d.name + "（" + v->to_fixed(2) + "）：" + meaning + "。";
    return d;
  };
  // The lines of the form in the failing column, the expense side first (its
  // lines are what income is short of most often), then the others.
  const std::string_view column = f.total.field;
  for (size_t i = 0; i < form.funds.expense.size(); ++i)
    if (auto d = consider({"funds.expense", static_cast<int>(i), column == "half" ? "half" : "full"})) return d;
  for (size_t i = 0; i < form.funds.income.size(); ++i)
    if (auto d = consider({"funds.income", static_cast<int>(i), "full"})) return d;
  if (f.total.section == "budget_info")
    for (size_t i = 0; i < form.budget_info.size(); ++i)
      if (auto d = consider({"budget_info", static_cast<int>(i), column})) return d;
  if (f.total.section == "project_funds")
    for (size_t i = 0; i < form.project_funds.size(); ++i)
      if (auto d = consider({"project_funds", static_cast<int>(i), column})) return d;
  return std::nullopt;
}

int failing_identities(const Form& form, const std::vector<Identity>& all) {
  int n = 0;
  for (const Identity& id : all) n += !evaluate(form, id).holds();
  return n;
}

std::vector<FixOption> fix_options(const Form& form, const std::vector<Identity>& all, size_t failing,
                                   const std::vector<NarrativeFigure>* narrative, int failing_count) {
  const Identity& f = all[failing];
  const Evaluation ev = evaluate(form, f);
  if (!ev.checkable || ev.holds()) return {};
  if (failing_count < 0) failing_count = failing_identities(form, all);
  auto value_text = [&](const Decimal& v, const CellRef& c) {
    return f.decl->rate && c == f.total ? v.to_fixed(std::max(2, ev.shown.shown())) + "%" : v.to_fixed(2);
  };
  std::vector<Candidate> cands;
  cands.push_back({{{f.total, ev.computed}}, true});
  if (!f.decl->rate) {
    const Decimal delta = ev.shown - ev.computed;  // what the parts must gain
    for (const CellRef& p : f.parts) {
      const std::string* t = cell_text(form, p);
      if (!t) continue;
      const auto v = money(*t, form.money_unit);
      const Decimal want = (v ? *v : Decimal::from_units(0, 2)) + delta;
      if (want.sign() < 0 && p.field != "carry") continue;  // only 追减 is negative
      if (v && want == *v) continue;
      cands.push_back({{{p, want}}, false});
      chains_below(form, all, f, p, delta, {}, 1, cands);
    }
  }
  const std::optional<DifferenceLine> diff_line = difference_line(form, all, failing);
  bool has_general_budget = false;
  for (const auto& l : form.funds.income) has_general_budget = has_general_budget || l.role == "general_budget";

  std::vector<FixOption> out;
  std::vector<bool> totals;
  for (const Candidate& c : cands) {
    FixOption o;
    Overrides change;
    for (const auto& [cell, v] : c.changes) {
      const std::string text = value_text(v, cell);
      o.changes.push_back({cell, text, cell_label(form, cell)});
      change.emplace_back(cell, text);
    }
    o.cell = o.changes.front().cell;
    o.value = o.changes.front().value;
    o.label = o.changes.front().label;
    const std::string old_text = text_at(form, o.cell);
    const auto old = money(old_text, form.money_unit);
    o.was_empty = trim(old_text).empty();
    o.plug = !c.is_total && (o.was_empty || (old && old->is_zero()));
    int confirmed = 0;  // identities the change makes checkable, and that then hold
    for (const Identity& id : all) {
      bool touched = false;
      for (const auto& [cell, v] : change) touched = touched || takes_part(id, cell);
      if (!touched) continue;
      const Evaluation was = evaluate(form, id), now = evaluate(form, id, change);
      const bool before = was.holds(), after = now.holds();
      if (!before && after) ++o.fixes;
      if (before && !after) ++o.breaks, o.broken.push_back(id.decl->rule);
      if (!was.checkable && now.checkable && after && &id != &f) ++confirmed;
    }
    if (o.fixes == 0) continue;  // rounding can leave a part unable to repair its sum alone
    o.complete = o.breaks == 0 && o.fixes == failing_count;  // an untouched failing identity stays failing
    // Evidence beyond the sum.
    const Decimal fixed = c.changes.front().second;
    if (old && !o.plug) {
      const std::string slip = explain_difference(*old, fixed, {});
      if (!slip.empty()) {
        ++o.support;
        o.evidence.push_back("原数 " + old->to_fixed(2) + " 与 " + o.value + " 相比：" + slip);
      } else if (one_digit(*old, fixed)) {
        o.weak = true;
        o.evidence.push_back("原数 " + old->to_fixed(2) + " 与 " + o.value + " 只差一位数字，可能是笔误。");
      }
    }
    if (confirmed > 0) {
      ++o.support;
      o.evidence.push_back("改后另有 " + std::to_string(confirmed) + " 处原本无法核对的勾稽关系（如本行执行率）也相符。");
    }
    if (o.fixes > 1) {
      ++o.support;
      o.evidence.push_back("这一改动同时使另外 " + std::to_string(o.fixes - 1) + " 处勾稽关系成立。");
    }
    if (f.decl->rate && c.is_total) {
      // A rate is derived: when its two figures each agree with the sums they
      // take part in, the rate is the figure that slipped.
      int confirmed = 0;
      for (const CellRef& p : f.parts) {
        bool in_holding = false, in_failing = false;
        for (const Identity& id : all) {
          if (&id == &f || id.decl->rate || !takes_part(id, p)) continue;
          const Evaluation e = evaluate(form, id);
          if (!e.checkable) continue;
          (e.holds() ? in_holding : in_failing) = true;
        }
        confirmed += in_holding && !in_failing;
      }
      if (confirmed == 2) {
        ++o.support;
        o.evidence.push_back("计算所用的两个数各自与其合计相符，不一致的是比率本身。");
      }
    }
    // The other column of a funds line: a half-year figure within the year's.
    if (o.cell.section == "funds.expense") {
      const CellRef other{o.cell.section, o.cell.index, o.cell.field == "full" ? "half" : "full"};
      const auto ov = money(text_at(form, other), form.money_unit);
      if (ov && old) {
        const Decimal half_before = o.cell.field == "half" ? *old : *ov, full_before = o.cell.field == "full" ? *old : *ov;
        const Decimal half_after = o.cell.field == "half" ? fixed : *ov, full_after = o.cell.field == "full" ? fixed : *ov;
        if (half_after > full_after) {
          o.against = true;
          o.evidence.push_back("但改后半年计划执行数大于全年预算数。");
        } else if (half_before > full_before) {
          ++o.support;
          o.evidence.push_back("改后半年计划执行数不再大于全年预算数。");
        }
      }
    }
    if (narrative)
      for (const NarrativeFigure& n : *narrative)
        if (n.value && n.section == o.cell.section && n.index == o.cell.index && n.field == o.cell.field &&
            same_shown(*n.value, fixed) && !(old && same_shown(*n.value, *old))) {
          ++o.support;
          o.evidence.push_back("叙述中写的“" + n.label + "” " + n.written + " 与 " + o.value + " 一致。");
          break;
        }
    if (diff_line && f.total.section == "funds.income" &&
        diff_line->cell.section == "funds.expense" && diff_line->cell.field == "full" &&
        role_of(form, diff_line->cell) == "basic" && !c.is_total) {
      // 基本支出 is paid from the 一般公共预算 appropriation: income short by
      // exactly 基本支出 points at that line.
      const std::string& r = role_of(form, o.cell);
      if (r == "general_budget" || (!has_general_budget && r == "appropriation")) {
        o.hint = true;
        o.evidence.push_back(diff_line->sentence);
      }
    }
    if (o.plug && o.support == 0 && !o.hint) continue;  // a blank line filled only to make the sum agree
    totals.push_back(c.is_total);
    out.push_back(std::move(o));
  }
  std::vector<size_t> order(out.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto key = [&](size_t i) {
    const FixOption& o = out[i];
    return std::make_tuple(o.breaks, o.against, !o.complete, o.support == 0, !o.hint, !o.weak, o.plug, -o.support,
                           -o.fixes, o.changes.size(), !totals[i]);
  };
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return key(a) < key(b); });
  std::vector<FixOption> sorted;
  for (size_t i : order) sorted.push_back(std::move(out[i]));
  // Certain: the only change with evidence beyond the sum among the most
  // plausible (those that leave every identity holding, when there are any;
  // else those that break nothing), and not a plug.
  if (sorted.empty() || sorted.front().breaks > 0 || sorted.front().against) return sorted;
  const bool pool_complete = sorted.front().complete;
  int supported = 0;
  for (const FixOption& o : sorted)
    if (o.breaks == 0 && !o.against && o.complete == pool_complete && o.support > 0) ++supported;
  if (supported == 1 && sorted.front().support > 0 && !sorted.front().plug) sorted.front().certain = true;
  return sorted;
}

}  // namespace formcheck
