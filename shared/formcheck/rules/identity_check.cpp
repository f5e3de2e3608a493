#include "formcheck/rules/identity_check.hpp"

#include "formcheck/rules/rule_util.hpp"

namespace formcheck::rules {

const std::vector<Identity>& form_identities(Context& ctx) {
  return ctx.memo<std::vector<Identity>>("identities", [&] { return identities_of(ctx.form, ctx.form.kind); });
}

namespace {

// The advice from the search: the changes that break nothing, best first (up
// to three), and what a tempting change would break.
std::string advice(const Form& form, const std::vector<FixOption>& options, const std::string& fallback,
                   std::vector<SuggestedFix>& fixes) {
  std::string text;
  size_t shown = 0;
  for (const FixOption& o : options) {
    if (o.breaks > 0 || shown == 3) continue;
    std::string effect = o.fixes > 1 ? "同时使另外 " + std::to_string(o.fixes - 1) + " 处勾稽关系成立" : "";
    text += std::string(shown ? "；或" : "") + "将“" + o.label + "”改为 " + o.value +
            (effect.empty() ? "" : "（" + effect + "）");
    fixes.push_back({loc_in(o.cell.section, o.cell.index, o.cell.field, cell_src(form, o.cell), o.label), o.value,
                     effect});
    ++shown;
  }
  if (shown == 0) return fallback + (options.empty() ? "" : "（改动其中任何一个数都会使另一处勾稽关系不成立，请先核对原始数据。）");
  text += "。";
  // The obvious change that would do harm, said once.
  for (const FixOption& o : options)
    if (o.breaks > 0) {
      const RuleMeta* broken = find_rule(o.broken.front());
      text += "不宜只改“" + o.label + "”：那样会使“" + (broken ? broken->title : o.broken.front().c_str()) + "”" +
              (o.breaks > 1 ? "等 " + std::to_string(o.breaks) + " 处勾稽关系" : "") + "不成立。";
      break;
    }
  return text;
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
    const std::string fix = ev.agreement == Agreement::Mismatch
                                ? advice(ctx.form, fix_options(ctx.form, all, i), t.fix, fixes)
                                : t.fix;
    const size_t before = ctx.findings_size();
    ctx.report_agreement(rule, ev.agreement, t.where, t.args, t.expected, t.actual, fix, t.why);
    // A line that appears twice (money.duplicate_line): the sum stood on its first copy.
    if (!x.first_copies.empty() && ctx.findings_size() > before) ctx.amend_last([&](Finding& f) {
      std::string names;
      for (const auto& n : x.first_copies) names += (names.empty() ? "" : "、") + ("“" + n + "”");
      f.message += "（按第一处" + names + "计）";
    });
    if (ev.agreement == Agreement::Mismatch && ctx.findings_size() > before) ctx.amend_last([&](Finding& f) {
      f.searched = true;
      f.fixes = std::move(fixes);
    });
  }
}

}  // namespace formcheck::rules
