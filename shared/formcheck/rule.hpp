// The rule framework (ESLint/Ruff style): every rule is one unit with a stable
// dotted id, severity, Chinese message template, one-line description and
// docs; the registry generates docs/rules.md (`formcheck rules --markdown`).
#pragma once
#include <functional>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "formcheck/arith.hpp"
#include "formcheck/findings.hpp"
#include "formcheck/model.hpp"
#include "formcheck/profiles.hpp"

namespace formcheck {

struct Calculation;

// Where a rule applies.
enum class Scope { Target, SelfEval, Both, Cross, Import };

struct RuleMeta {
  const char* id;
  Severity severity;
  Scope scope;
  const char* title;        // short Chinese name
  const char* description;  // one line, Chinese
  const char* message;      // template with {placeholders}
  const char* docs;         // why it matters, the formula, what is not reported
  bool has_rounding_variant = false;  // also reports `<id>.rounding` as a warning
};

struct Calculation {
  std::string section;
  int index = -1;
  std::string field;
  std::string label;     // what was computed, Chinese
  std::string reported;  // the form's figure ("" when none)
  std::string computed;  // our figure
  std::string status;    // ok | rounding | mismatch | computed
  Loc src;
};

using Args = std::vector<std::pair<std::string, std::string>>;
std::string format_message(const char* tmpl, const Args& args);

class Context {
 public:
  Context(const Form& form, const Profile& profile, Findings& out, std::vector<Calculation>* calcs)
      : form(form), profile(profile), out_(out), calcs_(calcs) {}
  const Form& form;
  const Profile& profile;

  // Reports a finding of `rule` with its message template filled from `args`.
  void report(const RuleMeta& rule, Location where, const Args& args, std::string expected = "",
              std::string actual = "", std::string fix = "");
  // Reports according to an arithmetic agreement: Mismatch -> the rule's
  // severity; TruncationOnly -> `<id>.rounding` warning; otherwise nothing.
  void report_agreement(const RuleMeta& rule, Agreement a, Location where, const Args& args, std::string expected,
                        std::string actual, std::string fix);
  void calc(Calculation c) {
    if (calcs_) calcs_->push_back(std::move(c));
  }
  int year() const;

 private:
  Findings& out_;
  std::vector<Calculation>* calcs_;
};

struct Rule {
  const RuleMeta* meta;
  std::function<void(Context&)> check;  // null for rules reported elsewhere (import.*, cross.*)
};

// All rules, in catalog order.
const std::vector<Rule>& rule_registry();
const RuleMeta* find_rule(const std::string& id);

// Helpers for building locations.
Location loc_in(const std::string& section, int index, const std::string& field, Loc src, std::string label);

}  // namespace formcheck
