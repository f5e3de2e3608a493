#include "formcheck/form_diff.hpp"

#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <sstream>
#include <tuple>

#include "formcheck/decimal.hpp"
#include "formcheck/text_util.hpp"

namespace formcheck {

using ojson = nlohmann::ordered_json;

namespace {

struct Col {
  const char* key;    // the model's field name
  const char* title;  // its column title on the form
};

// One row of a section seen generically: its values in the section's column order.
struct RowView {
  std::vector<const std::string*> v;
  const Source* src = nullptr;
};

using Rows = std::function<std::vector<RowView>(const Form&)>;

// A row section of the model and how its rows are matched by meaning.
struct SectionDef {
  const char* id;
  const char* title;
  std::vector<Col> cols;
  std::vector<int> key;     // the columns that identify a row
  std::vector<int> levels;  // the level path a renamed row keeps (empty: no rename detection)
  int name;                 // the column naming the row
  Rows rows;
};

template <class Row, class Get>
Rows view(Get get, std::vector<std::string Row::*> members) {
  return [get, members](const Form& f) {
    std::vector<RowView> out;
    for (const Row& r : get(f)) {
      RowView rv;
      rv.src = &r.src;
      for (auto m : members) rv.v.push_back(&(r.*m));
      out.push_back(std::move(rv));
    }
    return out;
  };
}

// Every row section, in the order the forms show them. The role of money
// lines is left out: it is the reader's classification, not something the
// clerk wrote, and it follows the line name.
const std::vector<SectionDef>& sections() {
  static const std::vector<SectionDef> defs = {
      {"funds.income", "部门整体资金·收入", {{"name", "名称"}, {"full", "全年预算数"}}, {0}, {}, 0,
       view<FundLine>([](const Form& f) -> const auto& { return f.funds.income; }, {&FundLine::name, &FundLine::full})},
      {"funds.expense", "部门整体资金·支出", {{"name", "名称"}, {"half", "半年计划执行数"}, {"full", "全年预算数"}}, {0}, {}, 0,
       view<FundLine>([](const Form& f) -> const auto& { return f.funds.expense; },
                      {&FundLine::name, &FundLine::half, &FundLine::full})},
      {"indicators", "绩效指标",
       {{"level1", "一级指标"}, {"level2", "二级指标"}, {"key_work", "重点工作"}, {"project", "对应项目"},
        {"name", "三级指标"}, {"half", "半年指标值"}, {"full", "全年指标值"}},
       {0, 1, 4}, {0, 1}, 4,
       view<Indicator>([](const Form& f) -> const auto& { return f.indicators; },
                       {&Indicator::level1, &Indicator::level2, &Indicator::key_work, &Indicator::project,
                        &Indicator::name, &Indicator::half, &Indicator::full})},
      {"budget_info", "预算信息",
       {{"name", "名称"}, {"initial", "年初预算数"}, {"carry", "上年度结转及当年预算追加追减数"},
        {"adjusted", "调整预算数"}, {"actual", "实际支出数"}, {"rate", "执行率"}},
       {0}, {}, 0,
       view<BudgetRow>([](const Form& f) -> const auto& { return f.budget_info; },
                       {&BudgetRow::name, &BudgetRow::initial, &BudgetRow::carry, &BudgetRow::adjusted,
                        &BudgetRow::actual, &BudgetRow::rate})},
      {"evaluation", "部门整体自评表",
       {{"category", "类别"}, {"name", "指标名称"}, {"target", "指标目标值"}, {"actual", "指标完成值"},
        {"source", "完成值来源"}, {"deviation", "偏差情况"}, {"reason", "原因分析"}},
       {0, 1}, {0}, 1,
       view<EvalRow>([](const Form& f) -> const auto& { return f.evaluation; },
                     {&EvalRow::category, &EvalRow::name, &EvalRow::target, &EvalRow::actual, &EvalRow::source,
                      &EvalRow::deviation, &EvalRow::reason})},
      {"key_tasks", "年度重点任务",
       {{"duty", "对应部门主要职责"}, {"task", "任务名称"}, {"content", "主要内容"}, {"status", "完成情况"}},
       {1}, {}, 1,
       view<KeyTask>([](const Form& f) -> const auto& { return f.key_tasks; },
                     {&KeyTask::duty, &KeyTask::task, &KeyTask::content, &KeyTask::status})},
      {"project_funds", "项目资金",
       {{"name", "名称"}, {"mid", "中期"}, {"year", "年度"}, {"initial", "年初预算数"}, {"budget", "全年预算数"},
        {"executed", "全年执行数"}, {"weight", "分值"}, {"rate", "执行率"}, {"score", "得分"}},
       {0}, {}, 0,
       view<ProjectFundRow>([](const Form& f) -> const auto& { return f.project_funds; },
                            {&ProjectFundRow::name, &ProjectFundRow::mid, &ProjectFundRow::year,
                             &ProjectFundRow::initial, &ProjectFundRow::budget, &ProjectFundRow::executed,
                             &ProjectFundRow::weight, &ProjectFundRow::rate, &ProjectFundRow::score})},
      {"project_indicators", "项目绩效指标",
       {{"level1", "一级指标"}, {"level2", "二级指标"}, {"name", "三级指标"}, {"mid", "中期指标值"},
        {"year", "年度指标值"}, {"actual", "实际完成值"}, {"weight", "分值"}, {"score", "得分"},
        {"reason", "偏差原因分析及改进措施"}},
       {0, 1, 2}, {0, 1}, 2,
       view<ProjectIndicator>([](const Form& f) -> const auto& { return f.project_indicators; },
                              {&ProjectIndicator::level1, &ProjectIndicator::level2, &ProjectIndicator::name,
                               &ProjectIndicator::mid, &ProjectIndicator::year, &ProjectIndicator::actual,
                               &ProjectIndicator::weight, &ProjectIndicator::score, &ProjectIndicator::reason})},
  };
  return defs;
}

std::string joined_key(const RowView& r, const std::vector<int>& cols) {
  std::string k;
  for (int c : cols) k += match_key(*r.v[c]) + '\x1f';
  return k;
}

// The row as a person names it: its level path and name ("决策·计划制定·工作计划制定健全性").
std::string row_label(const SectionDef& s, const RowView& r) {
  std::string out;
  for (int c : s.levels)
    if (!r.v[c]->empty()) out += *r.v[c] + "·";
  out += r.v[s.name]->empty() ? "（未命名行）" : *r.v[s.name];
  return out;
}

// Which row of the other version each row is (-1: none), and for renamed
// rows the names' similarity.
struct Matching {
  std::vector<int> old_to_new, new_to_old;
  std::vector<int> renamed;  // by new row: similarity in percent, -1 when matched by name or unmatched
};

Matching match_rows(const SectionDef& s, const std::vector<RowView>& older, const std::vector<RowView>& newer) {
  Matching m{std::vector<int>(older.size(), -1), std::vector<int>(newer.size(), -1),
             std::vector<int>(newer.size(), -1)};
  // Same key: the k-th old row of a key is the k-th new row of it.
  std::map<std::string, std::deque<int>> by_key;
  for (size_t i = 0; i < older.size(); ++i) by_key[joined_key(older[i], s.key)].push_back(static_cast<int>(i));
  for (size_t j = 0; j < newer.size(); ++j) {
    auto it = by_key.find(joined_key(newer[j], s.key));
    if (it == by_key.end() || it->second.empty()) continue;
    const int i = it->second.front();
    it->second.pop_front();
    m.old_to_new[i] = static_cast<int>(j);
    m.new_to_old[j] = i;
  }
  if (s.levels.empty()) return m;
  // Renames: among the rest, the same level path, a nearby place within it
  // and a similar name; the most similar pairs first.
  auto places = [&](const std::vector<RowView>& rows) {
    std::vector<int> place(rows.size());
    std::map<std::string, int> seen;
    for (size_t i = 0; i < rows.size(); ++i) place[i] = seen[joined_key(rows[i], s.levels)]++;
    return place;
  };
  const std::vector<int> old_place = places(older), new_place = places(newer);
  // The unmatched newer rows by level path and place, so each older row meets
  // only its few neighbours (a form of 300,000 rows stays linear).
  std::map<std::pair<std::string, int>, std::vector<int>> unmatched;
  for (size_t j = 0; j < newer.size(); ++j)
    if (m.new_to_old[j] < 0 && !newer[j].v[s.name]->empty())
      unmatched[{joined_key(newer[j], s.levels), new_place[j]}].push_back(static_cast<int>(j));
  std::vector<std::tuple<int, int, int, int>> candidates;  // -similarity, distance, new, old
  for (size_t i = 0; i < older.size(); ++i) {
    if (m.old_to_new[i] >= 0 || older[i].v[s.name]->empty()) continue;
    const std::string levels = joined_key(older[i], s.levels);
    for (int place = old_place[i] - kRenamePlaceSlack; place <= old_place[i] + kRenamePlaceSlack; ++place) {
      const auto it = unmatched.find({levels, place});
      if (it == unmatched.end()) continue;
      for (const int j : it->second) {
        const int sim = name_similarity(*older[i].v[s.name], *newer[j].v[s.name]);
        if (sim >= kRenameSimilarity)
          candidates.emplace_back(-sim, std::abs(old_place[i] - place), j, static_cast<int>(i));
      }
    }
  }
  std::sort(candidates.begin(), candidates.end());
  for (const auto& [neg_sim, distance, j, i] : candidates) {
    if (m.old_to_new[i] >= 0 || m.new_to_old[j] >= 0) continue;
    m.old_to_new[i] = j;
    m.new_to_old[j] = i;
    m.renamed[j] = -neg_sim;
  }
  return m;
}

// A cell is unchanged when its text is, or when both texts are the same
// number shown with the same decimals (".7" from a workbook's number cell and
// "0.7" typed in text): a different display precision is a change, as it
// changes what the figure claims (docs/rounding.md).
bool same_cell(const std::string& a, const std::string& b) {
  if (a == b) return true;
  const auto x = Decimal::parse(a), y = Decimal::parse(b);
  return x && y && *x == *y && x->scale() == y->scale();
}

ojson version_json(const Document& d) {
  ojson j;
  j["path"] = d.path;
  j["form"] = d.has_form ? ojson(kind_name(d.form.kind)) : ojson(nullptr);
  j["profile"] = d.profile_id.empty() ? ojson(nullptr) : ojson(d.profile_id);
  return j;
}

// Where a change is: the version it is seen in, the source line and column,
// and the cell as Excel/WPS name it (office input).
ojson at_json(const Document& d, const char* version, Loc at) {
  ojson j;
  j["version"] = version;
  j["line"] = at.line;
  j["col"] = at.col;
  if (const std::string cell = at.known() && at.col > 0 ? cell_name(d, at) : std::string(); !cell.empty())
    j["cell"] = cell;
  return j;
}

// Where a row's field sits; when the reader did not place that field (an
// empty cell), the row's line alone (column 0: unknown).
Loc field_at(const Source& src, std::string_view field) {
  const auto l = src.cells.find(field);
  return l ? *l : Loc{src.at.line, 0};
}

struct Differ {
  Differ(const Document& a, const Document& b) : older(a), newer(b) {}
  const Document& older;
  const Document& newer;
  ojson changes = ojson::array();
  int changed = 0, added = 0, removed = 0, renamed = 0;
  // Row matchings by section, for the findings.
  std::map<std::string, Matching> matchings;

  ojson change(const char* type, const std::string& section, const std::string& section_title,
               const std::string& row) {
    ojson c;
    c["type"] = type;
    c["section"] = section;
    c["section_title"] = section_title;
    c["row"] = row;
    return c;
  }

  void cell_changed(const std::string& section, const std::string& section_title, const std::string& row,
                    const std::string& field, const std::string& field_title, const std::string& was,
                    const std::string& now, int old_index, int new_index, Loc at) {
    ojson c = change("changed", section, section_title, row);
    c["field"] = field;
    c["field_title"] = field_title;
    c["old"] = was;
    c["new"] = now;
    c["old_index"] = old_index;
    c["new_index"] = new_index;
    c["at"] = at_json(newer, "new", at);
    changes.push_back(std::move(c));
    ++changed;
  }

  void header() {
    const Form &a = older.form, &b = newer.form;
    const bool project = is_project(b.kind);
    const std::tuple<const char*, const char*, const std::string Form::*, Loc> fields[] = {
        {"title", "标题", &Form::title, Loc{}},
        {"unit", project ? "实施单位" : "单位名称", &Form::unit, b.unit_src},
        {"year", "年度", &Form::year, b.year_src},
        {"region", "地区", &Form::region, Loc{}},
        {"money_unit", "金额单位", &Form::money_unit, Loc{}},
        {"project_name", "项目名称", &Form::project_name, b.project_name_src},
        {"total_score", "总分", &Form::total_score, b.total_score_src},
    };
    for (const auto& [key, title, member, at] : fields)
      if (!same_cell(a.*member, b.*member)) cell_changed("header", "表头", "", key, title, a.*member, b.*member, -1, -1, at);
    // Narrative sections in the newer form's order, then any other key.
    std::vector<std::string> keys;
    for (const TextKey& k : text_keys(b.kind)) keys.push_back(k.key);
    for (const Form* f : {&a, &b})
      for (const auto& [k, v] : f->texts)
        if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
    for (const std::string& k : keys) {
      const auto ia = a.texts.find(k), ib = b.texts.find(k);
      const std::string& was = ia == a.texts.end() ? kEmpty : ia->second;
      const std::string& now = ib == b.texts.end() ? kEmpty : ib->second;
      if (was == now) continue;
      const auto src = b.text_src.find(k);
      cell_changed("texts", "文字部分", "", k, text_title(k), was, now, -1, -1,
                   src == b.text_src.end() ? Loc{} : src->second);
    }
  }

  ojson values(const SectionDef& s, const RowView& r) {
    ojson v = ojson::object();
    for (size_t c = 0; c < s.cols.size(); ++c)
      if (!r.v[c]->empty()) v[s.cols[c].key] = *r.v[c];
    return v;
  }

  void rows(const SectionDef& s) {
    const std::vector<RowView> a = s.rows(older.form), b = s.rows(newer.form);
    const Matching m = match_rows(s, a, b);
    for (size_t j = 0; j < b.size(); ++j) {
      const int i = m.new_to_old[j];
      const std::string label = row_label(s, b[j]);
      if (i < 0) {
        ojson c = change("added", s.id, s.title, label);
        c["new_index"] = static_cast<int>(j);
        c["values"] = values(s, b[j]);
        c["at"] = at_json(newer, "new", b[j].src->at);
        changes.push_back(std::move(c));
        ++added;
        continue;
      }
      if (m.renamed[j] >= 0) {
        ojson c = change("renamed", s.id, s.title, label);
        c["field"] = s.cols[s.name].key;
        c["field_title"] = s.cols[s.name].title;
        c["old"] = *a[i].v[s.name];
        c["new"] = *b[j].v[s.name];
        c["old_index"] = i;
        c["new_index"] = static_cast<int>(j);
        c["similarity"] = m.renamed[j];
        c["at"] = at_json(newer, "new", field_at(*b[j].src, s.cols[s.name].key));
        changes.push_back(std::move(c));
        ++renamed;
      }
      for (size_t c = 0; c < s.cols.size(); ++c) {
        if (m.renamed[j] >= 0 && static_cast<int>(c) == s.name) continue;
        if (same_cell(*a[i].v[c], *b[j].v[c])) continue;
        cell_changed(s.id, s.title, label, s.cols[c].key, s.cols[c].title, *a[i].v[c], *b[j].v[c], i,
                     static_cast<int>(j), field_at(*b[j].src, s.cols[c].key));
      }
    }
    for (size_t i = 0; i < a.size(); ++i) {
      if (m.old_to_new[i] >= 0) continue;
      ojson c = change("removed", s.id, s.title, row_label(s, a[i]));
      c["old_index"] = static_cast<int>(i);
      c["values"] = values(s, a[i]);
      c["at"] = at_json(older, "old", a[i].src->at);
      changes.push_back(std::move(c));
      ++removed;
    }
    matchings[s.id] = m;
  }

  // What makes two findings the same finding: rule, section, field and the
  // place by meaning (the matched row; for findings about the form as a
  // whole, their label, and for import findings their message, since their
  // label is a line number).
  std::string finding_key(const Finding& f, bool in_older) const {
    std::string place;
    const auto m = matchings.find(f.location.section);
    if (m != matchings.end() && f.location.index >= 0) {
      const auto& to_new = m->second.old_to_new;
      const auto i = static_cast<size_t>(f.location.index);
      if (!in_older) place = "#" + std::to_string(i);
      else if (i < to_new.size() && to_new[i] >= 0) place = "#" + std::to_string(to_new[i]);
      else place = "old#" + std::to_string(i);  // a removed row: its findings match nothing
    } else {
      place = f.location.section == "import" ? f.message : f.location.label;
    }
    return f.rule + '\x1f' + f.location.section + '\x1f' + f.location.field + '\x1f' + place;
  }

  static ojson finding_json(const Finding& f, const Document& d, const char* version) {
    ojson j;
    j["rule"] = f.rule;
    j["severity"] = severity_name(f.severity);
    j["message"] = f.message;
    j["section"] = f.location.section;
    j["field"] = f.location.field;
    j["label"] = f.location.label;
    j["at"] = at_json(d, version, f.location.src);
    return j;
  }

  ojson findings() {
    std::map<std::string, std::deque<size_t>> by_key;
    for (size_t i = 0; i < older.findings.size(); ++i) by_key[finding_key(older.findings[i], true)].push_back(i);
    std::vector<bool> kept(older.findings.size(), false);
    ojson fresh = ojson::array(), unchanged = ojson::array(), resolved = ojson::array();
    for (const Finding& f : newer.findings) {
      auto it = by_key.find(finding_key(f, false));
      if (it != by_key.end() && !it->second.empty()) {
        kept[it->second.front()] = true;
        it->second.pop_front();
        unchanged.push_back(finding_json(f, newer, "new"));
      } else {
        fresh.push_back(finding_json(f, newer, "new"));
      }
    }
    for (size_t i = 0; i < older.findings.size(); ++i)
      if (!kept[i]) resolved.push_back(finding_json(older.findings[i], older, "old"));
    ojson out;
    out["resolved"] = std::move(resolved);
    out["new"] = std::move(fresh);
    out["unchanged"] = std::move(unchanged);
    return out;
  }

  static inline const std::string kEmpty;
};

}  // namespace

int name_similarity(std::string_view a, std::string_view b) {
  const std::u32string x = to_u32(match_key(a)), y = to_u32(match_key(b));
  if (x == y) return 100;
  if (x.size() < 2 || y.size() < 2) return 0;
  std::map<std::u32string, int> bigrams;
  for (size_t i = 0; i + 1 < x.size(); ++i) ++bigrams[x.substr(i, 2)];
  int common = 0;
  for (size_t i = 0; i + 1 < y.size(); ++i) {
    auto it = bigrams.find(y.substr(i, 2));
    if (it != bigrams.end() && it->second > 0) --it->second, ++common;
  }
  const int total = static_cast<int>(x.size() - 1 + y.size() - 1);
  return 200 * common / total;
}

ojson diff_documents(const Document& older, const Document& newer) {
  ojson out;
  out["old"] = version_json(older);
  out["new"] = version_json(newer);
  for (const Document* d : {&older, &newer}) {
    if (d->has_form) continue;
    const std::string why = !d->read_error.empty() ? d->read_error : "未能识别表单";
    out["error"] = (d == &older ? "旧版 " : "新版 ") + d->path + " 无法对比：" + why;
    return out;
  }
  Differ diff(older, newer);
  const bool same_family = older.form.kind == newer.form.kind;
  diff.header();
  // Different families share no row section: only the header and texts compare.
  if (same_family)
    for (const SectionDef& s : sections()) diff.rows(s);
  ojson findings = same_family ? diff.findings() : ojson(nullptr);
  const bool equal = same_family && diff.changes.empty() && findings["resolved"].empty() && findings["new"].empty();
  out["equal"] = equal;
  if (same_family) {
    out["family"] = nullptr;
  } else {
    out["family"]["old"] = kind_name(older.form.kind);
    out["family"]["new"] = kind_name(newer.form.kind);
    out["family"]["old_title"] = family_name(older.form.kind);
    out["family"]["new_title"] = family_name(newer.form.kind);
  }
  ojson& s = out["summary"];
  s["changed"] = diff.changed;
  s["added"] = diff.added;
  s["removed"] = diff.removed;
  s["renamed"] = diff.renamed;
  s["findings_resolved"] = same_family ? findings["resolved"].size() : 0;
  s["findings_new"] = same_family ? findings["new"].size() : 0;
  s["findings_unchanged"] = same_family ? findings["unchanged"].size() : 0;
  out["changes"] = std::move(diff.changes);
  out["findings"] = std::move(findings);
  return out;
}

namespace {

std::string str(const ojson& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// "（Sheet1!E7）", "（第 12 行）", "（旧版第 12 行）" or "".
std::string place_text(const ojson& at) {
  if (at.is_null()) return "";
  const std::string version = str(at, "version") == "old" ? "旧版" : "";
  if (const std::string cell = str(at, "cell"); !cell.empty()) return "（" + version + cell + "）";
  const int line = at.value("line", 0), col = at.value("col", 0);
  if (line <= 0) return "";
  return "（" + version + "第 " + std::to_string(line) + " 行" + (col > 0 ? "第 " + std::to_string(col) + " 列" : "") + "）";
}

// "三级指标 新指标，全年指标值 =100%": an added or removed row's values under their column titles.
std::string values_text(const std::string& section, const ojson& values) {
  const SectionDef* def = nullptr;
  for (const SectionDef& s : sections())
    if (section == s.id) def = &s;
  std::string out;
  for (auto it = values.begin(); it != values.end(); ++it) {
    std::string title = it.key();
    bool in_label = false;  // the level path and name are in the row's label already
    if (def)
      for (size_t c = 0; c < def->cols.size(); ++c)
        if (title == def->cols[c].key) {
          title = def->cols[c].title;
          in_label = static_cast<int>(c) == def->name ||
                     std::find(def->levels.begin(), def->levels.end(), static_cast<int>(c)) != def->levels.end();
        }
    if (in_label) continue;
    out += (out.empty() ? "" : "，") + title + " " + it->get<std::string>();
  }
  return out;
}

// A value as the text output shows it: "（空）" for nothing, a long text
// (a narrative section) cut after kShownChars characters with its length
// (the JSON output has it whole).
constexpr size_t kShownChars = 60;
std::string quoted(const std::string& v) {
  if (v.empty()) return "（空）";
  const std::u32string u = to_u32(v);
  if (u.size() <= kShownChars) return v;
  return to_utf8(u.substr(0, kShownChars)) + "…（共 " + std::to_string(u.size()) + " 字）";
}

}  // namespace

std::string diff_text(const ojson& diff) {
  std::ostringstream out;
  auto version = [&](const char* title, const ojson& v) {
    out << title << v.value("path", "");
    if (v["form"].is_string()) out << "（" << family_name(kind_of(v["form"].get<std::string>())) << "）";
    out << "\n";
  };
  version("旧版：", diff["old"]);
  version("新版：", diff["new"]);
  if (diff.contains("error")) {
    out << diff["error"].get<std::string>() << "\n";
    return out.str();
  }
  const ojson& s = diff["summary"];
  if (diff["family"].is_object())
    out << "表单种类不同：旧版是" << str(diff["family"], "old_title") << "，新版是" << str(diff["family"], "new_title")
        << "；只比较了表头和文字部分。\n";
  if (diff["equal"].get<bool>()) {
    out << "两个版本相同：没有修改的单元格，检查结果也没有变化（" << s["findings_unchanged"].get<int>()
        << " 条问题未变）。\n";
    return out.str();
  }
  out << "单元格修改 " << s["changed"].get<int>() << " 处，新增行 " << s["added"].get<int>() << " 行，删除行 "
      << s["removed"].get<int>() << " 行，指标改名 " << s["renamed"].get<int>() << " 个；检查结果：已解决 "
      << s["findings_resolved"].get<int>() << " 条，新出现 " << s["findings_new"].get<int>() << " 条，未变 "
      << s["findings_unchanged"].get<int>() << " 条。\n";
  std::string section;
  for (const ojson& c : diff["changes"]) {
    if (str(c, "section_title") != section) {
      section = str(c, "section_title");
      out << "【" << section << "】\n";
    }
    const std::string type = str(c, "type"), row = str(c, "row");
    if (type == "changed") {
      out << "  修改  " << (row.empty() ? "" : row + "·") << str(c, "field_title") << place_text(c["at"]) << "："
          << quoted(str(c, "old")) << " → " << quoted(str(c, "new")) << "\n";
    } else if (type == "renamed") {
      out << "  改名  " << row << place_text(c["at"]) << "：" << str(c, "old") << " → " << str(c, "new")
          << "（名称相似度 " << c["similarity"].get<int>() << "%）\n";
    } else {
      out << (type == "added" ? "  新增  " : "  删除  ") << row << place_text(c["at"]) << "："
          << values_text(str(c, "section"), c["values"])
          << "\n";
    }
  }
  if (diff["findings"].is_object()) {
    const std::pair<const char*, const char*> groups[] = {
        {"resolved", "已解决"}, {"new", "新出现"}, {"unchanged", "未变"}};
    for (const auto& [key, title] : groups) {
      const ojson& list = diff["findings"][key];
      if (list.empty()) continue;
      out << "【检查结果·" << title << " " << list.size() << " 条】\n";
      for (const ojson& f : list) {
        out << "  [" << severity_label(str(f, "severity") == "error"     ? Severity::Error
                                       : str(f, "severity") == "warning" ? Severity::Warning
                                                                         : Severity::Info)
            << "] " << str(f, "rule") << "  " << str(f, "label") << place_text(f["at"]) << "\n      "
            << str(f, "message") << "\n";
      }
    }
  }
  return out.str();
}

}  // namespace formcheck
