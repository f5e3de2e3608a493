// The arithmetic rules' common step: each instance of the rule's identities
// (identities.hpp) is evaluated once, shown in the 计算核对 table, and, where
// it fails, reported with the fix search's options.
#pragma once
#include <functional>
#include <string>

#include "formcheck/identities.hpp"
#include "formcheck/rule.hpp"

namespace formcheck::rules {

// What a rule says about one failing (or checked) identity.
struct IdentityText {
  CalcLabel calc_label = CalcLabel("");
  Location where;
  Args args;
  std::string expected, actual;
  std::string fix;  // the rule's own advice, used when the search finds no single change
  std::string why;  // what the difference may be (diagnose.hpp), "" when nothing fits
};

// The form's identities, instantiated once per check.
const std::vector<Identity>& form_identities(Context& ctx);

using Describe = std::function<IdentityText(const Identity&, const Evaluation&)>;

// Checks every identity declared for `rule` (and, when `id` is given, only
// that declaration's).
void check_identities(Context& ctx, const RuleMeta& rule, const Describe& describe, const std::string& id = "");

}  // namespace formcheck::rules
