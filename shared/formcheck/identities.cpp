#include "formcheck/identities.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "formcheck/text_util.hpp"

namespace formcheck {

const std::vector<std::pair<const char*, const char*>>& embedded_profiles();

namespace {

// Table and column names live here, so a CellRef is three words.
std::string_view intern(const std::string& s) {
  static constexpr std::array<std::string_view, 19> kNames = {
      "funds.income", "funds.expense", "budget_info", "evaluation", "project_funds", "half",   "full",
      "initial",      "carry",         "adjusted",    "actual",     "rate",          "target", "deviation",
      "mid",          "year",          "budget",      "executed",   "score"};
  for (std::string_view n : kNames)
    if (n == s) return n;
  throw std::logic_error("identities: unknown table or column " + s);
}

bool is_table(const std::string& s) {
  return s == "funds.income" || s == "funds.expense" || s == "budget_info" || s == "evaluation" ||
         s == "project_funds";
}

std::vector<IdentityDecl> parse_set(const nlohmann::json& j) {
  std::vector<IdentityDecl> out;
  for (const auto& e : j.at("identities")) {
    IdentityDecl d;
    d.id = e.at("id").get<std::string>();
    d.rule = e.at("rule").get<std::string>();
    d.rate = e.value("rate", false);
    d.table = e.at("table").get<std::string>();
    d.each_row = e.value("each_row", false);
    if (e.contains("columns")) d.columns = e["columns"].get<std::vector<std::string>>();
    d.total = e.at("total").get<std::string>();
    d.parts = e.at("parts").get<std::vector<std::string>>();
    if (e.contains("optional_parts")) d.optional_parts = e["optional_parts"].get<std::vector<std::string>>();
    if (e.contains("required")) d.required = e["required"].get<std::vector<std::string>>();
    d.empty_is_zero = e.value("empty", "skip") == "zero";
    d.what = e.value("what", "");
    if (d.rate && d.parts.size() != 2) throw std::logic_error("identities: a rate has two parts: " + d.id);
    intern(d.table);
    for (const auto& c : d.columns) intern(c);
    out.push_back(std::move(d));
  }
  return out;
}

// ------------------------------------------------------------- form access

struct RowView {
  const std::string* role = nullptr;
  const std::string* name = nullptr;
};

size_t rows_in(const Form& f, std::string_view table) {
  if (table == "funds.income") return f.funds.income.size();
  if (table == "funds.expense") return f.funds.expense.size();
  if (table == "budget_info") return f.budget_info.size();
  if (table == "evaluation") return f.evaluation.size();
  if (table == "project_funds") return f.project_funds.size();
  return 0;
}

RowView row_at(const Form& f, std::string_view table, size_t i) {
  static const std::string kNone;
  if (table == "funds.income") return {&f.funds.income[i].role, &f.funds.income[i].name};
  if (table == "funds.expense") return {&f.funds.expense[i].role, &f.funds.expense[i].name};
  if (table == "budget_info") return {&f.budget_info[i].role, &f.budget_info[i].name};
  if (table == "project_funds") return {&f.project_funds[i].role, &f.project_funds[i].name};
  return {&kNone, &f.evaluation[i].name};
}

const std::string* field_of(const Form& f, std::string_view table, size_t i, std::string_view field) {
  if (table == "funds.income" || table == "funds.expense") {
    const FundLine& l = table == "funds.income" ? f.funds.income[i] : f.funds.expense[i];
    return field == "half" ? &l.half : field == "full" ? &l.full : nullptr;
  }
  if (table == "budget_info") {
    const BudgetRow& b = f.budget_info[i];
    if (field == "initial") return &b.initial;
    if (field == "carry") return &b.carry;
    if (field == "adjusted") return &b.adjusted;
    if (field == "actual") return &b.actual;
    if (field == "rate") return &b.rate;
    return nullptr;
  }
  if (table == "project_funds") {
    const ProjectFundRow& r = f.project_funds[i];
    if (field == "mid") return &r.mid;
    if (field == "half") return &r.half;
    if (field == "year") return &r.year;
    if (field == "initial") return &r.initial;
    if (field == "budget") return &r.budget;
    if (field == "executed") return &r.executed;
    if (field == "rate") return &r.rate;
    if (field == "score") return &r.score;
    return nullptr;
  }
  if (table == "evaluation") {
    const EvalRow& e = f.evaluation[i];
    if (field == "target") return &e.target;
    if (field == "actual") return &e.actual;
    if (field == "deviation") return &e.deviation;
  }
  return nullptr;
}

// --------------------------------------------------------------- references
//
// A reference names rows of a table and, optionally, their column:
//   [table:]selector[:column]
// selector: `role` (its first row), `role*` (every row of it), `name=文字`
// (the first row of that name), or `a|b+c` (a when it has an amount in the
// column, else b and c).

struct Ref {
  std::string_view table;
  std::string selector;
  std::string_view field;  // "" = the identity's column
};

Ref parse_ref(const std::string& text, const std::string& default_table) {
  std::vector<std::string> p = split(text, ':');
  Ref r;
  size_t at = 0;
  r.table = intern(is_table(p[0]) ? p[at++] : default_table);
  if (at >= p.size()) throw std::logic_error("identities: reference without rows: " + text);
  r.selector = p[at++];
  if (at < p.size()) r.field = intern(p[at]);
  return r;
}

bool has_amount(const Form& f, const CellRef& c) {
  const std::string* t = cell_text(f, c);
  return t && money(*t, f.money_unit).has_value();
}

// Rows repeating an earlier line (duplicate_lines): no reference reads them.
using Skipped = std::set<std::pair<std::string_view, int>>;

std::vector<CellRef> rows_of(const Form& f, std::string_view table, const std::string& selector,
                             std::string_view field, const Skipped& skipped) {
  std::vector<CellRef> out;
  const size_t n = rows_in(f, table);
  if (starts_with(selector, "name=")) {
    const std::string written = selector.substr(5), want = match_key(written);
    for (size_t i = 0; i < n; ++i) {
      const std::string& name = *row_at(f, table, i).name;
      // The usual spelling compares as it is; another is keyed only when its length is near.
      if (name == written || (name.size() < written.size() + 16 && name.size() + 16 > written.size() &&
                              match_key(name) == want))
        return {{table, static_cast<int>(i), field}};
    }
    return out;
  }
  const bool all = ends_with(selector, "*");
  const std::string role = all ? selector.substr(0, selector.size() - 1) : selector;
  for (size_t i = 0; i < n; ++i)
    if (*row_at(f, table, i).role == role && (skipped.empty() || !skipped.count({table, static_cast<int>(i)}))) {
      out.push_back({table, static_cast<int>(i), field});
      if (!all) break;
    }
  return out;
}

std::vector<CellRef> resolve(const Form& f, const std::string& text, const std::string& table,
                             std::string_view column, const Skipped& skipped) {
  const Ref r = parse_ref(text, table);
  const std::string_view field = r.field.empty() ? column : r.field;
  const size_t bar = r.selector.find('|');
  if (bar == std::string::npos) return rows_of(f, r.table, r.selector, field, skipped);
  const std::vector<CellRef> first = rows_of(f, r.table, r.selector.substr(0, bar), field, skipped);
  if (!first.empty() && has_amount(f, first.front())) return first;
  std::vector<CellRef> out;
  for (const std::string& alt : split(r.selector.substr(bar + 1), '+')) {
    const auto more = rows_of(f, r.table, alt, field, skipped);
    out.insert(out.end(), more.begin(), more.end());
  }
  return out;
}

void add(std::vector<CellRef>& to, const std::vector<CellRef>& more) { to.insert(to.end(), more.begin(), more.end()); }

}  // namespace

namespace {

LineRules parse_lines(const nlohmann::json& j) {
  LineRules r;
  const auto l = j.find("lines");
  if (l == j.end()) return r;
  if (auto o = l->find("once"); o != l->end())
    for (auto it = o->begin(); it != o->end(); ++it) {
      intern(it.key());
      r.once.push_back({it.key(), it->get<std::vector<std::string>>()});
    }
  if (auto u = l->find("unique_names"); u != l->end())
    for (const auto& e : *u) {
      const std::vector<std::string> p = split(e.get<std::string>(), ':');
      if (p.size() != 2) throw std::logic_error("identities: unique_names entry is table:role: " + e.dump());
      intern(p[0]);
      r.unique_names.push_back({p[0], p[1]});
    }
  if (auto b = l->find("may_be_blank"); b != l->end())
    for (const auto& e : *b) {
      const std::vector<std::string> p = split(e.get<std::string>(), ':');
      if (p.size() != 3) throw std::logic_error("identities: may_be_blank entry is table:roles:columns: " + e.dump());
      intern(p[0]);
      LineRules::Blank blank{p[0], split(p[1], '|'), split(p[2], '|')};
      for (const auto& f : blank.fields)
        if (f != "*") intern(f);
      r.may_be_blank.push_back(std::move(blank));
    }
  return r;
}

struct KindSets {
  std::map<FormKind, std::vector<IdentityDecl>> decls;
  std::map<FormKind, LineRules> lines;
};

const KindSets& kind_sets() {
  static const KindSets sets = [] {
    KindSets m;
    for (const auto& [name, text] : embedded_profiles()) {
      const auto j = nlohmann::json::parse(text);
      if (j.value("type", "") != "identities") continue;
      const FormKind kind = kind_of(j.at("kind").get<std::string>());
      m.decls[kind] = parse_set(j);
      m.lines[kind] = parse_lines(j);
    }
    return m;
  }();
  return sets;
}

}  // namespace

const std::vector<IdentityDecl>& identity_decls(FormKind kind) {
  static const std::vector<IdentityDecl> none;
  const auto& sets = kind_sets().decls;
  const auto it = sets.find(kind);
  return it == sets.end() ? none : it->second;
}

const LineRules& line_rules(FormKind kind) {
  static const LineRules none;
  const auto& sets = kind_sets().lines;
  const auto it = sets.find(kind);
  return it == sets.end() ? none : it->second;
}

std::vector<DuplicateLine> duplicate_lines(const Form& form, FormKind kind) {
  std::vector<DuplicateLine> out;
  const LineRules& rules = line_rules(kind);
  for (const LineRules::Once& o : rules.once) {
    const std::string_view table = intern(o.table);
    std::map<std::string_view, int> first;
    for (size_t i = 0; i < rows_in(form, table); ++i) {
      const std::string& role = *row_at(form, table, i).role;
      if (std::find(o.roles.begin(), o.roles.end(), role) == o.roles.end()) continue;
      const auto [it, fresh] = first.emplace(role, static_cast<int>(i));
      if (!fresh) out.push_back({table, it->second, static_cast<int>(i)});
    }
  }
  for (const LineRules::Unique& u : rules.unique_names) {
    const std::string_view table = intern(u.table);
    std::map<std::string_view, int> first;
    for (size_t i = 0; i < rows_in(form, table); ++i) {
      const RowView row = row_at(form, table, i);
      if (*row.role != u.role) continue;
      const std::string_view name = trim_view(*row.name);
      if (name.empty()) continue;
      const auto [it, fresh] = first.emplace(name, static_cast<int>(i));
      if (!fresh) out.push_back({table, it->second, static_cast<int>(i)});
    }
  }
  std::sort(out.begin(), out.end(), [](const DuplicateLine& a, const DuplicateLine& b) {
    return std::make_pair(a.section, a.second) < std::make_pair(b.section, b.second);
  });
  return out;
}

bool blank_by_convention(const Form& form, const CellRef& c) {
  const std::string* t = cell_text(form, c);
  if (!t || !is_blank_mark(*t)) return false;
  const std::string& role = *row_at(form, c.section, static_cast<size_t>(c.index)).role;
  auto any_of = [](const std::vector<std::string>& list, std::string_view v) {
    for (const auto& e : list)
      if (e == "*" || e == v) return true;
    return false;
  };
  for (const LineRules::Blank& b : line_rules(form.kind).may_be_blank)
    if (b.table == c.section && any_of(b.roles, role) && any_of(b.fields, c.field)) return true;
  return false;
}

const std::vector<std::string_view>& money_fields(std::string_view section) {
  static const std::vector<std::string_view> funds = {"half", "full"},
                                              budget = {"initial", "carry", "adjusted", "actual"},
                                              project = {"mid", "year", "initial", "budget", "executed"}, none;
  if (section == "funds.income" || section == "funds.expense") return funds;
  if (section == "budget_info") return budget;
  if (section == "project_funds") return project;
  return none;
}

std::vector<Identity> identities_of(const Form& form, FormKind kind) {
  std::vector<Identity> out;
  Skipped skipped;
  std::map<std::pair<std::string_view, int>, int> repeated;  // first copy -> its copies after it
  for (const DuplicateLine& d : duplicate_lines(form, kind)) skipped.insert({d.section, d.second}), ++repeated[{d.section, d.first}];
  // The rows of an identity that have a later copy, by name (once each).
  auto note_firsts = [&](Identity& id) {
    if (repeated.empty()) return;
    auto note = [&](const CellRef& c) {
      if (!repeated.count({c.section, c.index})) return;
      const std::string& name = row_name(form, c);
      if (std::find(id.first_copies.begin(), id.first_copies.end(), name) == id.first_copies.end())
        id.first_copies.push_back(name);
    };
    note(id.total);
    for (const auto* list : {&id.parts, &id.optional, &id.required})
      for (const CellRef& c : *list) note(c);
  };
  for (const IdentityDecl& d : identity_decls(kind)) {
    const std::string_view table = intern(d.table);
    if (d.each_row) {
      for (size_t i = 0; i < rows_in(form, table); ++i) {
        Identity id;
        id.decl = &d;
        id.total = {table, static_cast<int>(i), intern(d.total)};
        for (const auto& p : d.parts) id.parts.push_back({table, static_cast<int>(i), intern(p)});
        for (const auto& p : d.required) id.required.push_back({table, static_cast<int>(i), intern(p)});
        if (skipped.count({table, static_cast<int>(i)})) continue;  // a copy's own row sums stand on the first
        note_firsts(id);
        out.push_back(std::move(id));
      }
      continue;
    }
    const std::vector<std::string> columns = d.columns.empty() ? std::vector<std::string>{""} : d.columns;
    for (const std::string& col : columns) {
      const std::string_view column = col.empty() ? std::string_view() : intern(col);
      const std::vector<CellRef> total = resolve(form, d.total, d.table, column, skipped);
      if (total.empty() || total.front().field.empty()) continue;
      Identity id;
      id.decl = &d;
      id.total = total.front();
      id.column = column;
      for (const auto& p : d.parts) {
        const auto cells = resolve(form, p, d.table, column, skipped);
        if (d.rate && cells.size() != 1) goto skip;  // a rate needs both of its figures' rows
        add(id.parts, cells);
      }
      for (const auto& p : d.optional_parts) add(id.optional, resolve(form, p, d.table, column, skipped));
      for (const auto& p : d.required) add(id.required, resolve(form, p, d.table, column, skipped));
      if (id.parts.empty()) continue;
      note_firsts(id);
      out.push_back(std::move(id));
    skip:;
    }
  }
  return out;
}

const std::string* cell_text(const Form& form, const CellRef& c) {
  if (c.index < 0 || static_cast<size_t>(c.index) >= rows_in(form, c.section)) return nullptr;
  return field_of(form, c.section, static_cast<size_t>(c.index), c.field);
}

std::string* cell_text(Form& form, const CellRef& c) {
  return const_cast<std::string*>(cell_text(static_cast<const Form&>(form), c));
}

const std::string& row_name(const Form& form, const CellRef& c) {
  static const std::string kNone;
  if (c.index < 0 || static_cast<size_t>(c.index) >= rows_in(form, c.section)) return kNone;
  return *row_at(form, c.section, static_cast<size_t>(c.index)).name;
}

std::string column_title(std::string_view section, std::string_view field) {
  if (section == "funds.income" || section == "funds.expense") return field == "half" ? "半年计划执行数" : "全年预算数";
  if (field == "initial") return "年初预算数";
  if (field == "carry") return "上年度结转及当年预算追加追减数";
  if (field == "adjusted") return "调整预算数";
  if (field == "actual") return section == "evaluation" ? "指标完成值" : "实际支出数";
  if (field == "rate") return "执行率";
  if (field == "mid") return "中期";
  if (field == "year") return "年度";
  if (field == "budget") return "全年预算数";
  if (field == "executed") return "全年执行数";
  if (field == "score") return "得分";
  if (field == "target") return "指标目标值";
  if (field == "deviation") return "偏差情况";
  return std::string(field);
}

std::string row_label(const Form& form, std::string_view section, int index) {
  const std::string& name = row_name(form, {section, index, {}});
  if (section == "funds.income") return "部门整体资金·收入·" + name;
  if (section == "funds.expense") return "部门整体资金·支出·" + name;
  if (section == "budget_info") return "预算信息·" + name;
  if (section == "project_funds") return "项目资金·" + name;
  return "部门整体自评表·" + name;
}

std::string cell_label(const Form& form, const CellRef& c) {
  return row_label(form, c.section, c.index) + "·" + column_title(c.section, c.field);
}

Loc cell_src(const Form& form, const CellRef& c) {
  if (c.index < 0 || static_cast<size_t>(c.index) >= rows_in(form, c.section)) return {};
  const std::string f(c.field);
  const size_t i = static_cast<size_t>(c.index);
  if (c.section == "funds.income") return form.funds.income[i].src.cell(f);
  if (c.section == "funds.expense") return form.funds.expense[i].src.cell(f);
  if (c.section == "budget_info") return form.budget_info[i].src.cell(f);
  if (c.section == "project_funds") return form.project_funds[i].src.cell(f);
  return form.evaluation[i].src.cell(f);
}

Evaluation evaluate(const Form& form, const Identity& id, const Overrides& overrides) {
  Evaluation ev;
  auto text = [&](const CellRef& c) -> std::string_view {
    for (const auto& [cell, value] : overrides)
      if (cell == c) return value;
    const std::string* t = cell_text(form, c);
    return t ? std::string_view(*t) : std::string_view();
  };
  auto amount = [&](const CellRef& c) { return money(std::string(text(c)), form.money_unit); };
  // A part the template allows to be "not applicable" (a dash) is an exact 0.
  auto dash_zero = [&](const CellRef& c) {
    for (const auto& [cell, value] : overrides)
      if (cell == c) return false;
    return blank_by_convention(form, c);
  };
  const IdentityDecl& d = *id.decl;
  for (const CellRef& r : id.required)
    if (!amount(r)) return ev;
  if (d.rate) {
    const auto shown = percent(std::string(text(id.total)));
    std::optional<Decimal> num = amount(id.parts[0]);
    const std::optional<Decimal> den = amount(id.parts[1]);
    if (!num && d.empty_is_zero && den && trim(text(id.parts[0])).empty()) num = Decimal::from_units(0, 2);
    if (!shown || !num || !den || den->is_zero()) return ev;
    ev.checkable = true;
    ev.shown = *shown;
    ev.agreement = check_rate(*num, *den, *shown, kMoneyDecimals);
    ev.computed = *num->mul_int(100).div(*den, std::max(2, shown->shown()));
    ev.counted = id.parts;
    return ev;
  }
  const auto total = amount(id.total);
  if (!total) return ev;
  std::vector<Decimal> values;
  bool any = false;
  for (const CellRef& p : id.parts) {
    if (auto v = amount(p)) {
      values.push_back(*v), any = true;
      ev.named.emplace_back(row_name(form, p), *v);
      ev.counted.push_back(p);
    } else if (dash_zero(p)) {
      values.push_back(Decimal::from_units(0, 2)), any = true;
      ev.named.emplace_back(row_name(form, p), Decimal::from_units(0, 2));
      ev.counted.push_back(p);
    } else if (d.empty_is_zero) {
      values.push_back(Decimal::from_units(0, 2));
      ev.counted.push_back(p);
    }
  }
  if (!any) return ev;
  ev.checkable = true;
  ev.shown = *total;
  ev.agreement = check_sum(values, *total, kMoneyDecimals);
  if (!agrees(ev.agreement) && !id.optional.empty()) {
    std::vector<Decimal> with = values;
    std::vector<std::pair<std::string, Decimal>> named = ev.named;
    std::vector<CellRef> counted = ev.counted;
    for (const CellRef& p : id.optional)
      if (auto v = amount(p)) with.push_back(*v), named.emplace_back(row_name(form, p), *v), counted.push_back(p);
    if (with.size() > values.size() && agrees(check_sum(with, *total, kMoneyDecimals))) {
      values = std::move(with), ev.named = std::move(named), ev.counted = std::move(counted);
      ev.agreement = check_sum(values, *total, kMoneyDecimals);
      ev.with_optional = true;
    }
  }
  Decimal sum;
  for (const auto& v : values) sum = sum + v;
  ev.computed = sum;
  return ev;
}

}  // namespace formcheck
