#include "formcheck/rule.hpp"

#include <cstdlib>
#include <stdexcept>

#include "formcheck/rules/families.hpp"

namespace formcheck {

std::string format_message(const char* tmpl, const Args& args) {
  std::string out;
  for (const char* p = tmpl; *p;) {
    if (*p == '{') {
      const char* end = p + 1;
      while (*end && *end != '}') ++end;
      if (*end == '}') {
        const std::string name(p + 1, end);
        bool found = false;
        for (const auto& [k, v] : args)
          if (k == name) {
            out += v;
            found = true;
            break;
          }
        if (!found) out.append(p, end + 1);
        p = end + 1;
        continue;
      }
    }
    out.push_back(*p++);
  }
  return out;
}

void Context::report(const RuleMeta& rule, Location where, const Args& args, std::string expected, std::string actual,
                     std::string fix) {
  Finding f;
  f.rule = rule.id;
  f.severity = rule.severity;
  f.message = format_message(rule.message, args);
  // {unit}: the unit of the form's money tables, unless the rule names another.
  if (f.message.find("{unit}") != std::string::npos)
    f.message = format_message(f.message.c_str(), {{"unit", money_unit_or_default(form.money_unit)}});
  f.location = std::move(where);
  f.expected = std::move(expected);
  f.actual = std::move(actual);
  f.fix = std::move(fix);
  out_.push_back(std::move(f));
}

void Context::report_agreement(const RuleMeta& rule, Agreement a, Location where, const Args& args,
                               std::string expected, std::string actual, std::string fix, const std::string& why) {
  if (agrees(a)) return;
  const size_t before = out_.size();
  report(rule, std::move(where), args, std::move(expected), std::move(actual), std::move(fix));
  if (a == Agreement::Mismatch && out_.size() > before && !why.empty()) out_[before].message += why;
  if (a == Agreement::TruncationOnly) {
    Finding& f = out_[before];
    f.rule += ".rounding";
    f.severity = Severity::Warning;
    f.message += "（差异仅能由截尾舍入解释，请按四舍五入核对）";
  }
}

int Context::year() const { return std::atoi(form.year.c_str()); }

const std::string& Context::level1_of(const std::string& written) {
  // Rows repeat their group's label: the previous answer first (a string
  // compare), the hash map after.
  if (last_level_ && last_level_->first == written) return last_level_->second;
  auto it = levels_.find(written);
  if (it == levels_.end()) it = levels_.emplace(written, profile.canonical_level1(written)).first;
  last_level_ = &*it;
  return it->second;
}

const std::vector<std::string_view>& CalcName::all() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> v = {"",
                                       // sections
                                       "budget_info", "evaluation", "funds.income", "funds.expense", "indicators",
                                       "project_funds", "project_indicators",
                                       // statuses
                                       "ok", "rounding", "truncation", "mismatch",
                                       // per-row label tails
                                       "·调整预算数", "·执行率", "·偏差情况"};
    for (std::string_view f : FieldLocs::names()) v.push_back(f);  // fields
    return v;
  }();
  return names;
}

CalcName::CalcName(std::string_view name) {
  const auto& v = all();
  for (size_t i = 0; i < v.size(); ++i)
    if (v[i] == name) {
      id_ = static_cast<uint8_t>(i);
      return;
    }
  throw std::logic_error("calculation name outside the fixed set: " + std::string(name));
}

Location loc_in(std::string_view section, int index, std::string_view field, Loc src, std::string label) {
  Location l;
  l.section = section;
  l.index = index;
  l.field = field;
  l.src = src;
  l.label = std::move(label);
  return l;
}

const std::vector<Rule>& rule_registry() {
  static const std::vector<Rule> rules = [] {
    std::vector<Rule> v;
    rules::add_money_rules(v);
    rules::add_budget_rules(v);
    rules::add_eval_rules(v);
    rules::add_indicator_rules(v);
    rules::add_link_rules(v);
    rules::add_narrative_rules(v);
    rules::add_project_rules(v);
    rules::add_project_header_rules(v);
    rules::add_structure_rules(v);
    rules::add_cross_rules(v);
    rules::add_import_rules(v);
    rules::add_accept_rules(v);
    return v;
  }();
  return rules;
}

const RuleMeta* find_rule(const std::string& id) {
  for (const Rule& r : rule_registry()) {
    if (id == r.meta->id) return r.meta;
    if (r.meta->has_rounding_variant && id == std::string(r.meta->id) + ".rounding") return r.meta;
  }
  return nullptr;
}

Finding import_finding(std::string rule, std::string message, std::string fix, Loc at) {
  const RuleMeta* meta = find_rule(rule);
  // Every import.* id is registered (import_rules.cpp); a missing one is a
  // programming error that the registry test catches, never a user's.
  Finding f;
  f.severity = meta ? meta->severity : Severity::Error;
  f.rule = std::move(rule);
  f.message = std::move(message);
  f.location.section = "import";
  f.location.label = "导入";
  f.location.src = at;
  f.fix = std::move(fix);
  return f;
}

}  // namespace formcheck
