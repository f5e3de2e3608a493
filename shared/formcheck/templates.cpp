#include "formcheck/templates.hpp"

#include <nlohmann/json.hpp>
#include <algorithm>
#include <stdexcept>

#include "formcheck/text_util.hpp"

namespace formcheck {

const std::vector<std::pair<const char*, const char*>>& embedded_profiles();

namespace {

using json = nlohmann::json;

// A list of spellings is matched as exact words; {"exact": [...], "prefix": [...]} as given.
Words words_of(const json& j) {
  Words w;
  auto keys = [](const json& list, std::vector<std::string>& out) {
    for (const auto& s : list) out.push_back(match_key(s.get<std::string>()));
  };
  if (j.is_array()) {
    keys(j, w.prefix);
  } else {
    if (j.contains("exact")) keys(j["exact"], w.exact);
    if (j.contains("prefix")) keys(j["prefix"], w.prefix);
  }
  return w;
}

std::vector<NamedWords> named(const json& j, bool exact_lists = false) {
  std::vector<NamedWords> out;
  for (auto it = j.begin(); it != j.end(); ++it) {
    NamedWords n{it.key(), words_of(it.value())};
    if (exact_lists) std::swap(n.words.exact, n.words.prefix);
    out.push_back(std::move(n));
  }
  return out;
}

std::vector<std::string> keys_of(const json& j, const char* key) {
  std::vector<std::string> out;
  if (j.contains(key))
    for (const auto& s : j[key]) out.push_back(match_key(s.get<std::string>()));
  return out;
}

// The name whose words give the longest match for `key`.
std::string best(const std::vector<NamedWords>& list, const std::string& key) {
  std::string name, hit;
  for (const auto& n : list) {
    const std::string w = n.words.leading(key);
    if (w.size() > hit.size()) hit = w, name = n.name;
  }
  return name;
}

Templates load() {
  Templates t;
  for (const auto& [id, text] : embedded_profiles()) {
    const json j = json::parse(text);
    const std::string type = j.value("type", "pack");
    if (type == "families") {
      for (const auto& r : j.at("regions")) t.regions.push_back(r.get<std::string>());
      t.project_header = words_of(j.at("project_header"));
      t.selfeval_title = keys_of(j, "selfeval_title");
      t.selfeval_columns = keys_of(j, "selfeval_columns");
      for (const auto& f : j.at("families")) {
        Family fam;
        fam.id = f.at("id").get<std::string>();
        fam.name = f.at("name").get<std::string>();
        fam.supported = f.value("supported", false);
        const std::string kind = f.value("kind", "");
        fam.kind = kind_of(kind);
        if (f.contains("title_words")) fam.title = words_of(f["title_words"]);
        fam.signals = keys_of(f, "signals");
        t.families.push_back(std::move(fam));
      }
    } else if (type == "template" && j.at("kind") == "target") {
      TargetTemplate& x = t.target;
      x.title = words_of(j.at("title_words"));
      x.header_fields = named(j.at("header_fields"));
      const json& f = j.at("funds");
      x.funds_label = words_of(f.at("labels"));
      x.income_side = words_of(f.at("income_side"));
      x.expense_side = words_of(f.at("expense_side"));
      x.subtotal = words_of(f.at("subtotal"));
      x.half_column = words_of(f.at("half_column"));
      x.full_column = words_of(f.at("full_column"));
      x.income_roles = named(f.at("income_roles"));
      x.expense_roles = named(f.at("expense_roles"));
      x.indicator_columns = named(j.at("indicator_columns"));
      for (const auto& c : j.at("duty_table_columns")) x.duty_table_columns.push_back(c.get<std::string>());
      x.duty_level1 = j.at("duty_level1").get<std::string>();
      x.level1_words = named(j.at("level1_words"), true);
      x.signals = keys_of(j, "signals");
    } else if (type == "template" && j.at("kind") == "project") {
      ProjectTemplate& x = t.project;
      x.header_fields = named(j.at("header_fields"));
      x.funds_label = words_of(j.at("funds_label"));
      x.goal_label = words_of(j.at("goal_labels"));
      x.indicator_label = words_of(j.at("indicator_label"));
      x.total_score = words_of(j.at("total_score"));
      x.fund_roles = named(j.at("fund_roles"));
      x.fund_columns = named(j.at("fund_columns"));
      x.goal_columns = named(j.at("goal_columns"));
      x.indicator_columns = named(j.at("indicator_columns"));
      x.level1_words = named(j.at("level1_words"), true);
      for (const auto& w : j.at("level2_words")) x.level2_words.push_back(match_key(w.get<std::string>()));
      if (j.contains("fund_sides")) x.fund_sides = named(j["fund_sides"], true);
      if (j.contains("fund_subtotal")) x.fund_subtotal.exact = keys_of(j, "fund_subtotal");
      if (j.contains("level1_of_level2")) x.level1_of_level2 = named(j["level1_of_level2"]);
      x.placeholder_names = keys_of(j, "placeholder_names");
      x.name_prefix = j.value("name_prefix", "");
      if (j.contains("not_applicable")) {
        const json& n = j["not_applicable"];
        x.dash_spellings = keys_of(n, "spellings");
        for (const auto& c : n.at("cells"))
          x.not_applicable.push_back({kind_of(c.value("kind", "")), c.at("table").get<std::string>(),
                                      c.at("roles").get<std::vector<std::string>>(),
                                      c.at("columns").get<std::vector<std::string>>()});
      }
    } else if (type == "template" && j.at("kind") == "selfeval") {
      t.selfeval.title = words_of(j.at("title_words"));
      t.selfeval.headings = named(j.at("headings"));
      t.selfeval.signals = keys_of(j, "signals");
      t.selfeval.budget_columns = named(j.at("budget_columns"));
      if (j.contains("task_verbs")) t.selfeval.task_verbs = j.at("task_verbs").get<std::vector<std::string>>();
    }
  }
  if (t.target.level1_words.empty() || t.selfeval.headings.empty() || t.families.empty() || t.regions.empty())
    throw std::logic_error("template data missing from the embedded packs");
  return t;
}

}  // namespace

bool Words::matches(const std::string& key) const { return !leading(key).empty(); }

std::string Words::leading(const std::string& key) const {
  std::string hit;
  for (const auto& e : exact)
    if (key == e && e.size() > hit.size()) hit = e;
  for (const auto& p : prefix)
    if (starts_with(key, p) && p.size() > hit.size()) hit = p;
  return hit;
}

std::string TargetTemplate::level1(const std::string& key) const { return best(level1_words, key); }
std::string TargetTemplate::header_field(const std::string& key) const { return best(header_fields, key); }
std::string TargetTemplate::income_role(const std::string& key) const { return best(income_roles, key); }
std::string TargetTemplate::expense_role(const std::string& key) const { return best(expense_roles, key); }
std::string TargetTemplate::indicator_column(const std::string& key) const {
  std::string name, hit;  // a header cell names a column when it contains the word
  for (const auto& n : indicator_columns)
    for (const auto& w : n.words.prefix)
      if (contains(key, w) && w.size() > hit.size()) hit = w, name = n.name;
  return name;
}
namespace {
// The name one of whose words `key` contains, longest word first.
std::string containing(const std::vector<NamedWords>& list, const std::string& key) {
  std::string name, hit;
  for (const auto& n : list)
    for (const auto& w : n.words.prefix)
      if (contains(key, w) && w.size() > hit.size()) hit = w, name = n.name;
  return name;
}
}  // namespace

std::string ProjectTemplate::header_field(const std::string& key) const { return best(header_fields, key); }
std::string ProjectTemplate::fund_role(const std::string& key) const { return best(fund_roles, key); }
std::string ProjectTemplate::fund_column(const std::string& key) const { return containing(fund_columns, key); }
std::string ProjectTemplate::goal_column(const std::string& key) const { return containing(goal_columns, key); }
std::string ProjectTemplate::indicator_column(const std::string& key) const {
  return containing(indicator_columns, key);
}
bool ProjectTemplate::blank_by_convention(FormKind kind, const std::string& table, const std::string& role,
                                          const std::string& column, const std::string& text) const {
  if (text.empty() || text.size() > 12) return false;
  const std::string k = match_key(text);
  if (std::find(dash_spellings.begin(), dash_spellings.end(), k) == dash_spellings.end()) return false;
  auto has = [](const std::vector<std::string>& list, const std::string& v) {
    return std::find(list.begin(), list.end(), v) != list.end();
  };
  for (const NotApplicable& p : not_applicable)
    if ((p.kind == FormKind::Unknown || p.kind == kind) && p.table == table && has(p.roles, role) && has(p.columns, column))
      return true;
  return false;
}

std::string ProjectTemplate::level1(const std::string& key) const { return best(level1_words, key); }
std::string ProjectTemplate::fund_side(const std::string& key) const { return best(fund_sides, key); }
std::string ProjectTemplate::inferred_level1(const std::string& level2_key) const { return best(level1_of_level2, level2_key); }
bool ProjectTemplate::is_level2(const std::string& key) const {
  return std::find(level2_words.begin(), level2_words.end(), key) != level2_words.end();
}

std::string SelfEvalTemplate::budget_column(const std::string& key) const { return containing(budget_columns, key); }

std::string SelfEvalTemplate::heading(const std::string& key) const {
  for (const auto& n : headings)
    for (const auto& w : n.words.prefix)
      if (contains(key, w)) return n.name;
  return "";
}

const Templates& templates() {
  static const Templates t = load();
  return t;
}

}  // namespace formcheck
