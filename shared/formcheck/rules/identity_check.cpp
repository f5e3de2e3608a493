#include "formcheck/rules/identity_check.hpp"

#include "formcheck/acceptance.hpp"
#include "formcheck/fix_search.hpp"
#include "formcheck/narrative.hpp"
#include "formcheck/rules/rule_util.hpp"
#include "formcheck/text_util.hpp"

namespace formcheck::rules {

const std::vector<Identity>& form_identities(Context& ctx) {
  return ctx.memo<std::vector<Identity>>("identities", [&] { return identities_of(ctx.form, ctx.form.kind); });
}

namespace {

// At most this many candidates are named; more say how many there are.
constexpr size_t kMaxCandidates = 12;

std::string change_text(const FixOption& o) {
  std::string t;
  for (size_t i = 0; i < o.changes.size(); ++i)
    t += std::string(i ? "，并将“" : "将“") + o.changes[i].label + "”改为 " + o.changes[i].value;
  return t;
}

SuggestedFix suggested(const Form& form, const FixOption& o) {
  auto place = [&](const FixChange& c) {
    return loc_in(c.cell.section, c.cell.index, c.cell.field, cell_src(form, c.cell), c.label);
  };
  SuggestedFix x;
  x.location = place(o.changes.front());
  x.value = o.value;
  x.effect = o.fixes > 1 ? "同时使另外 " + std::to_string(o.fixes - 1) + " 处勾稽关系成立" : "";
  if (o.changes.size() > 1)
    for (const FixChange& c : o.changes) x.changes.push_back({place(c), c.value});
  x.certain = o.certain;
  x.evidence = o.evidence;
  return x;
}

std::string joined(const std::vector<std::string>& sentences) {
  std::string t;
  for (const auto& s : sentences) t += s;
  return t;
}

// The advice from the search. A certain change is said as the fix, with its
// evidence; otherwise the equally plausible candidates are named (候选) with
// the source that can tell them apart. What a tempting change would break is
// said once.
std::string advice(const Form& form, const std::vector<FixOption>& options, const std::string& fallback,
                   std::vector<SuggestedFix>& fixes) {
  std::vector<const FixOption*> safe;
  for (const FixOption& o : options)
    if (o.breaks == 0 && !o.against) safe.push_back(&o);
  std::string text;
  if (safe.empty()) {
    bool harmful = false;
    for (const FixOption& o : options) harmful = harmful || o.breaks > 0;
    text = fallback + (harmful ? "（改动其中任何一个数都会使另一处勾稽关系不成立，请先核对原始数据。）" : "");
  } else if (safe.front()->certain) {
    const FixOption& o = *safe.front();
    text = change_text(o) + "。" + (o.evidence.empty() ? "" : "依据：" + joined(o.evidence));
    fixes.push_back(suggested(form, o));
  } else {
    // The equally plausible: the same standing as the best (evidence, a hint, or the sum alone).
    const FixOption& best = *safe.front();
    std::vector<const FixOption*> tier;
    for (const FixOption* o : safe)
      if (o->complete == best.complete && (o->support > 0) == (best.support > 0) && o->hint == best.hint &&
          o->weak == best.weak)
        tier.push_back(o);
    std::string names;
    for (size_t i = 0; i < tier.size() && i < kMaxCandidates; ++i) {
      std::string why = joined(tier[i]->evidence);
      if (ends_with(why, "。")) why.resize(why.size() - std::string("。").size());
      names += std::string(i ? "；或" : "") + change_text(*tier[i]) + (why.empty() ? "" : "（" + why + "）");
      fixes.push_back(suggested(form, *tier[i]));
    }
    if (tier.size() > kMaxCandidates)
      names += "；另有 " + std::to_string(tier.size() - kMaxCandidates) + " 处改动同样能使本项成立";
    const std::string source = source_to_check(form, best.cell);
    text = "候选：" + names + "。" +
           (tier.size() == 1 ? "这一改动能使勾稽关系成立，但仅凭本表无法确认它就是填错的数"
                             : "这些改动都能使勾稽关系成立，仅凭本表无法确定是哪一处") +
           "，请核对" + source + "后选择。";
  }
  for (const FixOption& o : options)
    if (o.breaks > 0) {
      const RuleMeta* broken = find_rule(o.broken.front());
      text += "不宜只改“" + o.label + "”：那样会使“" + (broken ? broken->title : o.broken.front().c_str()) + "”" +
              (o.breaks > 1 ? "等 " + std::to_string(o.breaks) + " 处勾稽关系" : "") + "不成立。";
      break;
    }
  return text;
}

std::string_view cell_value(const Form& form, const CellRef& c) {
  const std::string* t = cell_text(form, c);
  return t ? std::string_view(*t) : std::string_view();
}

}  // namespace

void check_identities(Context& ctx, const RuleMeta& rule, const Describe& describe, const std::string& id) {
  const auto& all = form_identities(ctx);
  for (size_t i = 0; i < all.size(); ++i) {
    const Identity& x = all[i];
    if (x.decl->rule != rule.id || (!id.empty() && x.decl->id != id)) continue;
    // A table the reader could not read with confidence (import.ambiguous) is not judged.
    if (!ctx.form.sure(table_part(x.total.section))) continue;
    bool sure = true;
    for (const CellRef& p : x.parts) sure = sure && ctx.form.sure(table_part(p.section));
    if (!sure) continue;
    const Evaluation ev = evaluate(ctx.form, x);
    if (!ev.checkable) continue;
    IdentityText t = describe(x, ev);
    ctx.calc({x.total.section, x.total.index, x.total.field, t.calc_label, t.actual, t.expected,
              status_of(ev.agreement), cell_src(ctx.form, x.total)});
    if (ev.holds()) continue;
    std::vector<SuggestedFix> fixes;
    std::string fix = t.fix, why = t.why;
    const bool mismatch = ev.agreement == Agreement::Mismatch;
    if (mismatch) {
      const auto& narrative =
          ctx.memo<std::vector<NarrativeFigure>>("narrative", [&] { return narrative_figures(ctx.form); });
      const int failing = ctx.memo<int>("failing identities", [&] { return failing_identities(ctx.form, all); });
      fix = advice(ctx.form, fix_options(ctx.form, all, i, &narrative, failing), t.fix, fixes);
      if (const auto line = difference_line(ctx.form, all, i)) why += line->sentence;
    }
    // 应为 only when changing the located cell is the advice; else what the identity implies.
    const bool recommended = !fixes.empty() && fixes.front().certain && fixes.front().changes.empty() &&
                             fixes.front().location.section == t.where.section &&
                             fixes.front().location.index == t.where.index &&
                             fixes.front().location.field == t.where.field;
    const std::string implied = mismatch && !recommended ? t.expected : "";
    const size_t before = ctx.findings_size();
    ctx.report_agreement(rule, ev.agreement, t.where, t.args, implied.empty() ? t.expected : "", t.actual, fix,
                         why);
    // A line that appears twice (money.duplicate_line): the sum stood on its first copy.
    if (!x.first_copies.empty() && ctx.findings_size() > before) ctx.amend_last([&](Finding& f) {
      std::string names;
      for (const auto& n : x.first_copies) names += (names.empty() ? "" : "、") + ("“" + n + "”");
      f.message += "（按第一处" + names + "计）";
    });
    // Every cell of the identity: an acceptance (说明) holds only while none changes.
    if (ctx.findings_size() > before) ctx.amend_last([&](Finding& f) {
      std::vector<std::string_view> values = {cell_value(ctx.form, x.total)};
      for (const CellRef& c : x.parts) values.push_back(cell_value(ctx.form, c));
      for (const CellRef& c : x.optional) values.push_back(cell_value(ctx.form, c));
      f.fingerprint = fingerprint(values);
    });
    if (mismatch && ctx.findings_size() > before) ctx.amend_last([&](Finding& f) {
      f.searched = true;
      f.fixes = std::move(fixes);
      f.implied = implied;
    });
  }
}

}  // namespace formcheck::rules
