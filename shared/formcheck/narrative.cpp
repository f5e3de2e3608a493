#include "formcheck/narrative.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <unordered_set>

#include "formcheck/arith.hpp"
#include "formcheck/identities.hpp"
#include "formcheck/text_util.hpp"
#include "formcheck/value.hpp"

namespace formcheck {

const std::vector<std::pair<const char*, const char*>>& embedded_profiles();

namespace {

struct Label {
  std::u32string text;
  std::string target;  // selfeval: a budget column; target: "table:role"
};

struct Spec {
  std::vector<std::string> texts;
  std::vector<Label> figures;  // longest first
  std::vector<std::pair<std::u32string, std::string>> rows;  // row word -> role
  std::string default_row;
};

Spec load_spec(const nlohmann::json& j, const char* target_key) {
  Spec s;
  s.texts = j.at("texts").get<std::vector<std::string>>();
  for (const auto& f : j.at("figures"))
    for (const auto& l : f.at("labels")) s.figures.push_back({to_u32(match_key(l.get<std::string>())), f.at(target_key)});
  std::sort(s.figures.begin(), s.figures.end(), [](const Label& a, const Label& b) { return a.text.size() > b.text.size(); });
  if (j.contains("rows"))
    for (const auto& r : j["rows"])
      for (const auto& l : r.at("labels")) s.rows.emplace_back(to_u32(match_key(l.get<std::string>())), r.at("role"));
  s.default_row = j.value("default_row", "");
  return s;
}

struct Specs {
  Spec selfeval, target;
};

const Specs& specs() {
  static const Specs s = [] {
    Specs out;
    for (const auto& [name, text] : embedded_profiles()) {
      const auto j = nlohmann::json::parse(text);
      if (j.value("type", "") != "narrative") continue;
      out.selfeval = load_spec(j.at("selfeval"), "column");
      out.target = load_spec(j.at("target"), "line");
    }
    return out;
  }();
  return s;
}

// Figures looked at per text section: a report's narrative has tens; a
// generated or pasted-together text is not searched without end.
constexpr size_t kMaxFigures = 1000;

bool boundary(char32_t c) { return c == U'。' || c == U'；' || c == U';' || c == U'！' || c == U'？' || c == U'\n'; }
// A figure restates its label within one clause: a comma starts another.
bool clause_end(char32_t c) { return boundary(c) || c == U',' || c == U'，' || c == U'、'; }
bool digit(char32_t c) { return c >= U'0' && c <= U'9'; }

bool at(const std::u32string& t, size_t i, const std::u32string& w) { return t.compare(i, w.size(), w) == 0; }

// A number at t[i] ("1,905.66"), its end, and the unit after it.
struct Number {
  size_t begin = 0, end = 0;
  std::string digits, unit;
};

std::optional<Number> number_at(const std::u32string& t, size_t i) {
  if (i >= t.size() || !digit(t[i])) return std::nullopt;
  Number n;
  n.begin = i;
  size_t j = i;
  bool dot = false;
  while (j < t.size() && (digit(t[j]) || (t[j] == U',' && j + 1 < t.size() && digit(t[j + 1])) ||
                          (t[j] == U'.' && !dot && j + 1 < t.size() && digit(t[j + 1])))) {
    dot = dot || t[j] == U'.';
    if (t[j] != U',') n.digits += static_cast<char>(t[j]);
    ++j;
  }
  n.end = j;
  // The unit: % or up to four characters of words ("万元", "亿元", "家", "台套").
  if (j < t.size() && t[j] == U'%') {
    n.unit = "%";
    n.end = j + 1;
    return n;
  }
  size_t k = j;
  while (k < t.size() && k < j + 4 && is_cjk(t[k]) && !boundary(t[k])) ++k;
  n.unit = to_utf8(t.substr(j, k - j));
  return n;
}

// The figure as the sentence writes it, with its unit ("1905.66万元", "95.09%").
std::string written_of(const std::u32string& t, const Number& n) {
  const std::string digits = to_utf8(t.substr(n.begin, n.end - n.begin));
  return n.unit == "%" ? digits : digits + n.unit;
}

// Money in 万元 from a number and its unit; nullopt when the unit is not money.
std::optional<Decimal> wan(const Number& n) {
  auto v = Decimal::parse(n.digits);
  if (!v) return std::nullopt;
  if (starts_with(n.unit, "万元") || n.unit == "万") return *v;
  if (starts_with(n.unit, "亿元")) return v->mul_int(10000);
  if (starts_with(n.unit, "元")) return v->div(Decimal::from_int(10000), std::max(2, v->shown() + 4));
  return std::nullopt;
}

bool same_shown(const Decimal& a, const Decimal& b) { return display_interval(a).overlaps(display_interval(b)); }

std::string excerpt_of(const std::u32string& t, size_t from, size_t to) {
  const size_t a = from > 12 ? from - 12 : 0;
  const size_t b = std::min(t.size(), to + 6);
  return (a > 0 ? "…" : "") + to_utf8(t.substr(a, b - a)) + (b < t.size() ? "…" : "");
}

// The first figure of the right kind after a label: within 15 characters of
// the same clause, before any other label, not a year ("2022年").
// A number after these words is a threshold the sentence compares with
// ("执行率未达到100%"), not the figure itself.
bool threshold_words(const std::u32string& between) {
  for (const char32_t* w : {U"未达", U"达不到", U"低于", U"不足", U"高于", U"超过", U"目标", U"要求"})
    if (between.find(w) != std::u32string::npos) return true;
  return false;
}

template <class IsLabel>
std::optional<Number> figure_after(const std::u32string& t, size_t from, bool rate, IsLabel is_label) {
  for (size_t j = from; j < t.size() && j < from + 15; ++j) {
    if (clause_end(t[j]) || (j > from && is_label(j))) return std::nullopt;
    if (digit(t[j]) && threshold_words(t.substr(from, j - from))) return std::nullopt;
    auto n = number_at(t, j);
    if (!n) continue;
    const bool ok = rate ? n->unit == "%" : wan(*n).has_value();
    if (ok) return n;
    j = n->end - 1;
  }
  return std::nullopt;
}

// A figure as the table would show it: money in 万元 (whatever unit the form
// states for its tables: the narrative's figures are converted to 万元 too), a rate as a percent.
std::optional<Decimal> table_figure(const std::string& text, bool rate, const std::string& unit) {
  return rate ? percent(text) : money_as(text, unit, "");
}

void budget_figures(const Form& form, const std::string& key, const std::u32string& t, std::vector<NarrativeFigure>& out) {
  const Spec& s = specs().selfeval;
  auto label_at = [&](size_t i) -> const Label* {
    for (const Label& l : s.figures)
      if (at(t, i, l.text)) return &l;
    return nullptr;
  };
  std::string row = s.default_row;
  for (size_t i = 0; i < t.size() && out.size() < kMaxFigures; ++i) {
    if (boundary(t[i])) row = s.default_row;
    for (const auto& [word, role] : s.rows)
      if (at(t, i, word)) row = role;
    const Label* l = label_at(i);
    if (!l) continue;
    const bool rate = l->target == "rate";
    const auto n = figure_after(t, i + l->text.size(), rate, [&](size_t j) { return label_at(j) != nullptr; });
    if (!n) continue;
    const std::optional<Decimal> value = rate ? Decimal::parse(n->digits) : wan(*n);
    const BudgetRow* b = nullptr;
    for (const auto& r : form.budget_info)
      if (r.role == row) b = &r;
    if (!b || !value) continue;
    NarrativeFigure f;
    f.kind = NarrativeFigure::Budget;
    f.text_key = key;
    f.label = to_utf8(l->text);
    f.written = written_of(t, *n);
    f.excerpt = excerpt_of(t, i, n->end);
    f.section = "budget_info";
    f.index = static_cast<int>(b - form.budget_info.data());
    f.field = l->target;
    const CellRef at{"budget_info", f.index, l->target};
    f.place = cell_label(form, at);
    f.table_value = *cell_text(form, at);
    if (const auto cell = table_figure(f.table_value, rate, form.money_unit)) {
      f.comparable = true;
      f.agrees = same_shown(*value, *cell);
      // A sentence may speak of another row than the one it seems to: a figure
      // any row of the table shows in this column is not a contradiction.
      for (size_t k = 0; k < form.budget_info.size(); ++k)
        if (const auto o = table_figure(*cell_text(form, {"budget_info", static_cast<int>(k), l->target}), rate, form.money_unit);
            o && same_shown(*value, *o))
          f.agrees = true;
    }
    out.push_back(std::move(f));
    i = n->end - 1;
  }
}

void funds_figures(const Form& form, const std::string& key, const std::u32string& t, std::vector<NarrativeFigure>& out) {
  const Spec& s = specs().target;
  auto label_at = [&](size_t i) -> const Label* {
    for (const Label& l : s.figures)
      if (at(t, i, l.text)) return &l;
    return nullptr;
  };
  for (size_t i = 0; i < t.size() && out.size() < kMaxFigures; ++i) {
    const Label* l = label_at(i);
    if (!l) continue;
    const auto n = figure_after(t, i + l->text.size(), false, [&](size_t j) { return label_at(j) != nullptr; });
    if (!n) continue;
    const auto value = wan(*n);
    const std::vector<std::string> where = split(l->target, ':');
    const auto& lines = where[0] == "funds.income" ? form.funds.income : form.funds.expense;
    const FundLine* line = nullptr;
    for (const auto& x : lines)
      if (x.role == where[1] && !line) line = &x;
    if (!line || !value) continue;
    NarrativeFigure f;
    f.kind = NarrativeFigure::Funds;
    f.text_key = key;
    f.label = to_utf8(l->text);
    f.written = written_of(t, *n);
    f.excerpt = excerpt_of(t, i, n->end);
    f.section = where[0];
    f.index = static_cast<int>(line - lines.data());
    f.field = "full";
    f.place = std::string("部门整体资金·") + (where[0] == "funds.income" ? "收入·" : "支出·") + line->name + "·全年预算数";
    f.table_value = line->full;
    if (const auto cell = money_as(line->full, form.money_unit, "")) {
      f.comparable = true;
      f.agrees = same_shown(*value, *cell);
      for (const auto* side : {&form.funds.income, &form.funds.expense})
        for (const auto& x : *side)
          if (const auto o = money_as(x.full, form.money_unit, ""); o && same_shown(*value, *o)) f.agrees = f.agrees || &x == line;
    }
    out.push_back(std::move(f));
    i = n->end - 1;
  }
}

// Whether a written figure restates a table value: equal within both display
// precisions, in the same unit (or one side without a unit), 万/亿 scaled.
bool restates(const Number& n, const IndicatorValue& v, bool& comparable) {
  if (!v.quantitative()) return false;
  IndicatorValue w = parse_value(n.digits + n.unit);
  if (!w.quantitative()) w = parse_value(n.digits);
  if (!w.quantitative()) return false;
  if (!w.unit.empty() && !v.unit.empty()) {
    if (w.base_unit() != v.base_unit()) return false;
    comparable = true;
    return w.magnitude() == v.magnitude() ? same_shown(w.number, v.number) : w.base_number() == v.base_number();
  }
  comparable = true;
  return same_shown(w.number, v.number);
}

// The 自评表 names worth looking for in the narrative: those whose first two
// characters the narrative holds (one pass over a 100,000-row table, not one
// per section), each once.
struct Candidate {
  std::u32string name;
  size_t row;
};

std::vector<Candidate> candidates(const Form& form, const std::vector<std::u32string>& texts) {
  std::unordered_set<uint64_t> pairs;
  for (const auto& t : texts)
    for (size_t i = 0; i + 1 < t.size(); ++i) pairs.insert(uint64_t(t[i]) << 32 | t[i + 1]);
  std::vector<Candidate> out;
  std::set<std::u32string> seen;
  for (size_t r = 0; r < form.evaluation.size() && out.size() < kMaxFigures; ++r) {
    const std::string& written = form.evaluation[r].name;
    if (written.size() < 4) continue;  // too short to be one of four characters or more
    const std::u32string name = to_u32(match_key(written));
    if (name.size() < 4 || !pairs.count(uint64_t(name[0]) << 32 | name[1])) continue;
    bool anywhere = false;
    for (const auto& t : texts) anywhere = anywhere || t.find(name) != std::u32string::npos;
    if (anywhere && seen.insert(name).second) out.push_back({name, r});
  }
  return out;
}

void indicator_figures(const Form& form, const std::vector<Candidate>& names, const std::string& key,
                       const std::u32string& t, std::vector<NarrativeFigure>& out) {
  // Where each indicator name occurs; a name inside a longer one's occurrence
  // ("文献下载" in "文献下载量") is that longer indicator's.
  struct Hit {
    size_t at, len, row;
    bool covered;
  };
  std::vector<Hit> hits;
  for (const Candidate& c : names)
    for (size_t i = t.find(c.name); i != std::u32string::npos && hits.size() < kMaxFigures;
         i = t.find(c.name, i + c.name.size()))
      hits.push_back({i, c.name.size(), c.row, false});
  // By start, longer first: a hit inside an earlier, longer one is covered.
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.at != b.at ? a.at < b.at : a.len > b.len; });
  size_t reach = 0, reach_len = 0;
  for (Hit& h : hits) {
    h.covered = reach >= h.at + h.len && reach_len > h.len;
    if (h.at + h.len > reach) reach = h.at + h.len, reach_len = h.len;
  }
  for (const Hit& h : hits) {
    if (h.covered || out.size() >= kMaxFigures) continue;
    const size_t r = h.row, i = h.at;
    const EvalRow& e = form.evaluation[r];
    const IndicatorValue actual = parse_value(e.actual), target = parse_value(e.target);
    if (!actual.quantitative()) continue;
    const std::u32string name = t.substr(h.at, h.len);
    {
      // The first number after the name in its clause, not a date.
      std::optional<Number> num;
      for (size_t j = i + name.size(); j < t.size() && j < i + name.size() + 15 && !clause_end(t[j]); ++j)
        if ((num = number_at(t, j))) {
          if (starts_with(num->unit, "年") || starts_with(num->unit, "月")) {
            j = num->end - 1, num.reset();
            continue;
          }
          break;
        }
      if (!num) continue;
      NarrativeFigure f;
      f.kind = NarrativeFigure::Indicator;
      f.text_key = key;
      f.label = e.name;
      f.written = written_of(t, *num);
      f.excerpt = excerpt_of(t, i, num->end);
      f.section = "evaluation";
      f.index = static_cast<int>(r);
      f.field = "actual";
      f.place = "部门整体自评表·" + e.name + "·指标完成值";
      f.table_value = e.actual;
      f.table_target = e.target;
      bool comparable = false;
      const bool is_actual = restates(*num, actual, comparable);
      bool target_comparable = false;
      const bool is_target = restates(*num, target, target_comparable);
      f.comparable = comparable || target_comparable;
      f.agrees = is_actual || is_target || !f.comparable;
      out.push_back(std::move(f));
    }
  }
}

}  // namespace

std::vector<NarrativeFigure> narrative_figures(const Form& form) {
  std::vector<NarrativeFigure> out;
  const bool report = form.kind == FormKind::SelfEval;
  const Spec& s = report ? specs().selfeval : specs().target;
  std::vector<std::string> keys;
  std::vector<std::u32string> texts;
  for (const std::string& key : s.texts) {
    const auto it = form.texts.find(key);
    if (it == form.texts.end() || it->second.empty()) continue;
    keys.push_back(key);
    texts.push_back(to_u32(match_key(it->second)));
  }
  const std::vector<Candidate> names = report ? candidates(form, texts) : std::vector<Candidate>{};
  for (size_t k = 0; k < keys.size(); ++k) {
    if (report) {
      budget_figures(form, keys[k], texts[k], out);
      indicator_figures(form, names, keys[k], texts[k], out);
    } else {
      funds_figures(form, keys[k], texts[k], out);
    }
  }
  return out;
}

}  // namespace formcheck
