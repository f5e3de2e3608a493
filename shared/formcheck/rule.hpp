// The rule framework (ESLint/Ruff style): every rule is one unit with a stable
// dotted id, severity, Chinese message template, one-line description and
// docs; the registry generates docs/rules.md (`formcheck rules --markdown`).
#pragma once
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "formcheck/arith.hpp"
#include "formcheck/findings.hpp"
#include "formcheck/model.hpp"
#include "formcheck/profiles.hpp"
#include "formcheck/value.hpp"

namespace formcheck {

struct Calculation;

// Where a rule applies: Both = the two department-wide forms; Project = the
// two project forms; Any = every form.
enum class Scope { Target, SelfEval, Both, Cross, Import, ProjectTarget, ProjectSelfEval, Project, Any };

struct RuleMeta {
  const char* id;
  Severity severity;
  Scope scope;
  const char* title;        // short Chinese name
  const char* description;  // one line, Chinese
  const char* message;      // template with {placeholders}
  const char* docs;         // why it matters, the formula, what is not reported
  bool has_rounding_variant = false;  // also reports `<id>.rounding` as a warning
  // A finding's `expected` is the located cell's right value, so the page may
  // offer to write it (an arithmetic finding with `fixes` offers those instead).
  bool fixable = false;
};

// A fixed name a calculation refers to (its section, field, status, label
// tail), in one byte: a 100,000-row form has 110,000 calculations, and three
// string_views each were 2.6 MB. Names outside the fixed set (all() in
// rule.cpp) are a programming error and throw std::logic_error.
class CalcName {
 public:
  CalcName() = default;
  CalcName(std::string_view name);  // NOLINT: built from literals like a string_view
  CalcName(const char* name) : CalcName(std::string_view(name)) {}
  operator std::string_view() const { return all()[id_]; }
  std::string_view view() const { return all()[id_]; }
  bool empty() const { return id_ == 0; }
  bool operator==(std::string_view o) const { return view() == o; }
  bool operator!=(std::string_view o) const { return view() != o; }

 private:
  static const std::vector<std::string_view>& all();  // all()[0] == ""
  uint8_t id_ = 0;
};

// What a calculation computed, in Chinese. Per-row calculations do not build
// their label (a 100,000-row form has 100,000 of them): row_tail names it as
// "<table title>·<row name><row_tail>", composed only when written
// (calculation_label, api.cpp).
struct CalcLabel {
  CalcLabel(std::string t) : text(std::move(t)) {}
  CalcLabel(const char* t) : text(t) {}
  static CalcLabel row(CalcName tail) {
    CalcLabel l("");
    l.row_tail = tail;
    return l;
  }
  std::string text;
  CalcName row_tail;
};

// One figure the checker computed, shown beside the form's own (52 bytes in
// the wasm build: section, field, status and label tail are CalcNames).
struct Calculation {
  Calculation(CalcName section, int index, CalcName field, CalcLabel label, std::string reported,
              std::string computed, CalcName status, Loc src)
      : index(index), label(std::move(label)), reported(std::move(reported)), computed(std::move(computed)),
        src(src), section(section), field(field), status(status) {}
  int index = -1;
  CalcLabel label;
  std::string reported;  // the form's figure ("" when none)
  std::string computed;  // our figure
  Loc src;
  CalcName section;
  CalcName field;
  CalcName status;  // ok | rounding | truncation | mismatch
};

using Args = std::vector<std::pair<std::string, std::string>>;
std::string format_message(const char* tmpl, const Args& args);

class Context {
 public:
  Context(const Form& form, const Profile& profile, Findings& out, std::vector<Calculation>* calcs)
      : form(form), profile(profile), out_(out), calcs_(calcs) {
    values_.add_rows(form.evaluation, {&EvalRow::target, &EvalRow::actual});
    values_.add_rows(form.indicators, {&Indicator::half, &Indicator::full});
  }
  const Form& form;
  const Profile& profile;

  // Reports a finding of `rule` with its message template filled from `args`.
  void report(const RuleMeta& rule, Location where, const Args& args, std::string expected = "",
              std::string actual = "", std::string fix = "");
  // Reports according to an arithmetic agreement: Mismatch -> the rule's
  // severity; TruncationOnly -> `<id>.rounding` warning; otherwise nothing.
  // `why` (diagnose.hpp: what the difference most likely is) is added to a
  // mismatch's message.
  void report_agreement(const RuleMeta& rule, Agreement a, Location where, const Args& args, std::string expected,
                        std::string actual, std::string fix, const std::string& why = "");
  size_t findings_size() const { return out_.size(); }
  // Adds what only the caller knows to the finding just reported.
  template <class F>
  void amend_last(F amend) {
    if (!out_.empty()) amend(out_.back());
  }
  void calc(Calculation c) {
    if (calcs_) calcs_->push_back(std::move(c));
  }
  int year() const;

  // profile.canonical_level1, memoised (a few distinct labels, many rows).
  const std::string& level1_of(const std::string& written);
  // parse_value, memoised by address: `text` must be a string of `form`.
  IndicatorValue value(const std::string& text) { return values_(text); }
  // Per-check memo for derived views several rules share (built on first use).
  template <class T, class Make>
  const T& memo(const std::string& key, Make make) {
    auto it = memo_.find(key);
    if (it == memo_.end()) it = memo_.emplace(key, std::make_shared<T>(make())).first;
    return *static_cast<const T*>(it->second.get());
  }

 private:
  Findings& out_;
  std::vector<Calculation>* calcs_;
  ValueCache values_;
  std::unordered_map<std::string, std::string> levels_;
  const std::pair<const std::string, std::string>* last_level_ = nullptr;  // nodes do not move
  std::map<std::string, std::shared_ptr<void>> memo_;
};

struct Rule {
  const RuleMeta* meta;
  std::function<void(Context&)> check;  // null for rules reported elsewhere (import.*, cross.*)
};

// All rules, in catalog order.
const std::vector<Rule>& rule_registry();
const RuleMeta* find_rule(const std::string& id);

// Helpers for building locations.
Location loc_in(std::string_view section, int index, std::string_view field, Loc src, std::string label);

}  // namespace formcheck
