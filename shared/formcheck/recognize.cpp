#include "formcheck/recognize.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <optional>

#include "formcheck/arith.hpp"
#include "formcheck/identities.hpp"
#include "formcheck/profiles.hpp"
#include "formcheck/recognize_base.hpp"
#include "formcheck/reshape_lines.hpp"
#include "formcheck/templates.hpp"
#include "formcheck/text_util.hpp"
#include "formcheck/value.hpp"

namespace formcheck {

Recognized recognize_target(const Grid& grid, const ReadingHints& hints);  // recognize_target.cpp
Recognized recognize_project(const Grid& grid, FormKind kind);  // recognize_project.cpp

namespace {

using namespace recog;

// Labels of the 自评表 类别 column, including the outer 分解目标 cell.
bool is_eval_category(const std::string& k) {
  return !templates().target.level1(k).empty() || key_is(k, {"分解目标", "类别", "共性指标", "个性指标"});
}

std::string budget_role(const std::string& k) {
  if (key_is(k, {"预算总金额", "合计", "总计", "预算资金总额"})) return "total";
  if (starts_with(k, "基本支出")) return "basic";
  if (starts_with(k, "项目支出")) return "project_total";
  return "project";
}

// -------------------------------------------------------- self-evaluation

class SelfEvalRecognizer : public Recognizer {
 public:
  using Recognizer::Recognizer;

  Recognized run() {
    form().kind = FormKind::SelfEval;
    for (size_t r = 0; r < grid_.rows.size(); ++r) {
      row_index_ = r;
      const Row& row = grid_.rows[r];
      if (row.blank()) continue;
      if (step(row)) use(r);
    }
    settle_dropped_tasks();
    settle_lone_fragments();
    report_unused();
    return std::move(out_);
  }

 private:
  enum class Part { Header, Text, Budget, Tasks, Eval };
  Part part_ = Part::Header;
  std::string text_key_;
  bool tasks_have_content_ = false;
  std::string duty_;      // merged 对应部门主要职责 cell
  std::string category_;  // merged 类别 cell
  size_t row_index_ = 0;
  size_t last_eval_row_ = 0;  // grid row of the last 自评表 row read
  // Key-task rows read from a row whose empty cells were dropped (no gap
  // between its cells, fewer cells than columns): their cells before the
  // status, settled once the whole table is known (settle_dropped_tasks).
  struct DroppedTask {
    size_t index;  // in form().key_tasks
    std::vector<const Cell*> cells;
  };
  std::vector<DroppedTask> dropped_tasks_;

  // Whether a dropped row opens with its duty. Certain when every column is
  // filled; otherwise the duty is the cell that opens the table's first row
  // (a merged duty sits in its group's first row), a duty already seen, a text
  // that opens two or more rows (a duty repeats; tasks do not), or a short
  // name followed by a much longer task (duties are short names of a
  // responsibility, tasks sentences).
  void settle_dropped_tasks() {
    if (dropped_tasks_.empty()) return;
    std::map<std::string, int> opens;
    for (const auto& d : dropped_tasks_) ++opens[std::string(d.cells.front()->text)];
    const size_t width = tasks_have_content_ ? 3 : 2;  // columns before 完成情况
    std::set<std::string> duties;
    for (const auto& k : form().key_tasks)
      if (!k.duty.empty()) duties.insert(k.duty);  // rows read with every column
    for (const auto& d : dropped_tasks_) {
      KeyTask& t = form().key_tasks[d.index];
      const std::string first(d.cells.front()->text);
      const bool full = d.cells.size() > width - 1;
      bool verb = false;  // a task starts with an action (开展, 承担 …); a duty is a name
      for (const auto& v : templates().selfeval.task_verbs) verb = verb || starts_with(first, v);
      const bool short_then_long = d.cells.size() >= 2 && !verb && u8_length(first) <= 12 &&
                                   u8_length(d.cells[1]->text) * 2 >= u8_length(first) * 3;
      const bool has_duty = full || (d.cells.size() >= 2 && (&d == &dropped_tasks_.front() || duties.count(first) ||
                                                             opens[first] >= 2 || short_then_long));
      t.duty.clear(), t.task.clear(), t.content.clear();
      size_t i = 0;
      if (has_duty) t.duty = first, t.src.cells["duty"] = d.cells[i++]->loc();
      if (i < d.cells.size()) t.task = d.cells[i]->text, t.src.cells["task"] = d.cells[i++]->loc();
      for (; i < d.cells.size(); ++i) {
        std::string& into = tasks_have_content_ ? t.content : t.task;
        if (!into.empty()) into += " ";
        into += d.cells[i]->text;
        const char* field = tasks_have_content_ ? "content" : "task";
        // The field keeps the position of its last cell; earlier ones are parts of it.
        if (const auto was = t.src.cells.find(field); was && tasks_have_content_) marks().part(*was, d.cells[i]->loc());
        else if (was) marks().part(d.cells[i]->loc(), *was);
        if (tasks_have_content_) t.src.cells["content"] = d.cells[i]->loc();
      }
      // A merged duty: the one of the row above (read either way).
      if (t.duty.empty() && d.index > 0) t.duty = form().key_tasks[d.index - 1].duty;
      duties.insert(t.duty);
    }
  }

  bool step(const Row& row) {
    const Cell& c0 = row.cells[row.first()];
    const std::string k0 = key(c0);
    if (form().title.empty() && key_has(k0, {"自评报告", "自评表"}) && row.first() == row.last() &&
        !heading_text(c0.text)) {
      set_title(row);
      return true;
    }
    if (form().year.empty() && row.first() == row.last()) {
      if (auto y = year_only(c0.text)) {
        form().year = *y;
        form().year_src = c0.loc();
        return true;
      }
    }
    if (row.first() == row.last() && heading(c0)) return true;
    // "单位：元" on a line of its own, above or in the 预算信息 table.
    if ((part_ == Part::Header || part_ == Part::Budget) && row.first() == row.last() && u8_length(c0.text) <= 20 &&
        note_money_unit(c0.text, c0.loc(), "budget_info", "预算信息")) {
      marks().label(c0.loc(), kRoleHeading);
      return true;
    }
    switch (part_) {
      case Part::Text:
        append_text(text_key_, row.joined(), c0.loc());
        part_row(row, c0.loc());
        return true;
      case Part::Budget: {
        const size_t read = form().budget_info.size();
        if (!budget_row(row)) return false;
        if (form().budget_info.size() == read) label_row(row, kRoleColumn);  // the table's header row
        return true;
      }
      case Part::Tasks: return task_row(row);
      case Part::Eval: return eval_row(row);
      case Part::Header: break;
    }
    return false;
  }

  bool heading(const Cell& c) {
    auto h = heading_text(c.text);
    if (!h) return false;
    const auto parts = split_label(*h);
    const std::string& label = parts.first;
    const std::string value = parts.second;
    if (u8_length(label) > 30) return false;
    const std::string k = match_key(label);
    auto enter_text = [&](const char* field) {
      part_ = Part::Text;
      text_key_ = field;
      form().texts[field];
      // A heading written again continues its text, which keeps its first position.
      if (Loc& src = form().text_src[field]; !src.known()) src = c.loc();
      else marks().label(c.loc(), kRoleHeading);
      append_text(field, value, c.loc());
    };
    const std::string part = templates().selfeval.heading(k);
    if (part == "unit") {
      // Written again (a repeated page head): the first keeps its place; a
      // different name is said at its cell rather than read over the first.
      if (form().unit.empty()) {
        if (form().unit_src.known()) marks().label(form().unit_src, kRoleHeading);
        form().unit = value;
        form().unit_src = c.loc();
      } else if (value.empty() || match_key(value) == match_key(form().unit)) {
        marks().label(c.loc(), kRoleHeading);
      } else {
        unread_cell(c, "预算部门名称再次出现，与第一处“" + form().unit + "”不同");
      }
      part_ = Part::Header;
    } else if (part == "budget_info") {
      part_ = Part::Budget;
      marks().label(c.loc(), kRoleHeading);
      note_money_unit(c.text, c.loc(), "budget_info", "预算信息");  // "七、预算信息（单位：元）"
    } else if (part == "key_tasks") {
      part_ = Part::Tasks;
      marks().label(c.loc(), kRoleHeading);
    } else if (part == "evaluation") {
      part_ = Part::Eval;
      marks().label(c.loc(), kRoleHeading);
    } else if (!part.empty()) {
      enter_text(part.c_str());
    } else {
      return false;
    }
    return true;
  }

  // ------------------------------------------------------------ 预算信息
  //
  // Columns are read by their header words (template-selfeval.json
  // budget_columns), not by position; a table without a header row has the
  // template's order. A row is a line of the table when it has a name and an
  // amount (or is a named total line): every cell it holds then stays in the
  // model, whatever it says — "—", "见附件", "#N/A" are the rules' to judge
  // (money.unreadable), never a reason to lose the row and its other amounts.

  std::map<int, std::string> budget_cols_;  // grid column -> field; "" = a column the template does not know
  int budget_name_col_ = 0;                 // the header's name column

  std::vector<std::string> budget_order() const {
    if (budget_cols_.empty()) return {"initial", "carry", "adjusted", "actual", "rate"};
    std::vector<std::string> v;
    for (const auto& [c, f] : budget_cols_)
      if (c > budget_name_col_ && !f.empty()) v.push_back(f);
    return v;
  }

  // An amount, or what stands where one would ("600万元", "#N/A"); not a dash.
  static bool amount_cell(std::string_view t) { return is_rate_text(t) || (amount_like(t) && !is_blank_mark(t)); }

  // A header row: two or more cells naming value columns, and no amount. Two
  // cells naming the same column leave the second unplaced, and say so.
  bool budget_header(const Row& row) {
    std::map<int, std::string> cols;
    int named = 0;
    for (int i = 0; i < static_cast<int>(row.cells.size()); ++i) {
      const Cell& c = row.cells[static_cast<size_t>(i)];
      if (c.text.empty()) continue;
      if (amount_cell(c.text) || u8_length(c.text) > 40) return false;
      const std::string f = templates().selfeval.budget_column(key(c));
      cols[i] = f;
      named += !f.empty() && f != "name";
    }
    if (named < 2) return false;
    for (const auto& [c, f] : cols)  // "年初预算数（元）"
      if (f != "rate") note_money_unit(row.cells[static_cast<size_t>(c)].text, row.cells[static_cast<size_t>(c)].loc(),
                                       "budget_info", "预算信息");
    std::set<std::string> seen;
    int name_col = -1;
    for (auto& [c, f] : cols) {
      if (f.empty()) continue;
      if (!seen.insert(f).second) {
        unsure("budget_info", "预算信息·表头", row.cells[static_cast<size_t>(c)].loc(),
               "预算信息表头有两列都是“" + column_title("budget_info", f) + "”（“" +
                   std::string(row.cells[static_cast<size_t>(c)].text) + "”），无法确定哪一列是；后一列的金额未参与检查。",
               "请核对表头，使每一列的名称各不相同。");
        f.clear();
        continue;
      }
      if (f == "name") name_col = c;
    }
    // No name title (a blank corner): the name column is the one left of the first value column.
    if (name_col < 0) name_col = cols.begin()->first - 1;
    cols.erase(name_col);
    budget_cols_ = std::move(cols);
    budget_name_col_ = name_col;
    return true;
  }

  // A row of column titles alone, the rest of a header wrapped over lines.
  bool budget_header_fragment(const Row& row) const {
    for (const Cell& c : row.cells) {
      if (c.text.empty()) continue;
      if (amount_cell(c.text) || templates().selfeval.budget_column(key(c)).empty()) return false;
    }
    return true;
  }

  // The fields of a row's values when an extractor dropped its empty cells
  // (fewer cells than columns, no gap): a percentage is the rate, and the
  // amounts take the places under which the row's identities hold (调整 = 年初
  // + 结转追加, 执行率 = 实际 / 调整). Placements that tie and read the row
  // differently leave it unsure (import.ambiguous): the leftmost is kept,
  // and no rule judges the table.
  std::vector<std::string> budget_slots(const Row& row, const std::vector<size_t>& cells, const std::string& name) {
    const std::vector<std::string> order = budget_order();
    const size_t n = cells.size(), m = order.size();
    std::vector<std::string> texts;
    for (size_t i : cells) texts.push_back(std::string(row.cells[i].text));
    auto at = [&](const std::vector<std::string>& fields, const char* f) -> std::optional<std::string> {
      for (size_t k = 0; k < n; ++k)
        if (fields[k] == f) return texts[k];
      return std::nullopt;
    };
    std::vector<std::string> best;
    std::vector<std::map<std::string, std::string>> best_readings;
    int best_score = -1;
    if (m > 12 || n > m) return {};
    for (unsigned mask = 0; mask < (1u << m); ++mask) {
      if (static_cast<size_t>(__builtin_popcount(mask)) != n) continue;
      std::vector<std::string> fields;
      for (size_t c = 0; c < m; ++c)
        if (mask >> c & 1) fields.push_back(order[c]);
      bool fits = true;  // a percentage only as the rate, a plain number never
      for (size_t k = 0; k < n; ++k) {
        const bool rate = fields[k] == "rate";
        if ((is_rate_text(texts[k]) && !rate) || (is_number_text(texts[k]) && rate)) fits = false;
      }
      if (!fits) continue;
      int score = 0;
      const Decimal zero;
      const auto ini = at(fields, "initial"), carry = at(fields, "carry"), adj = at(fields, "adjusted"),
                 act = at(fields, "actual"), rate = at(fields, "rate");
      const auto v = [&](const std::optional<std::string>& t) { return t ? money(*t, form().money_unit) : std::nullopt; };
      if (v(ini) && v(adj) && agrees(check_sum({*v(ini), v(carry) ? *v(carry) : zero}, *v(adj), 2))) score += 2;
      if (rate && v(act) && v(adj) && !v(adj)->is_zero())
        if (auto r = percent(*rate); r && agrees(check_rate(*v(act), *v(adj), *r, 2))) score += 2;
      std::map<std::string, std::string> reading;
      for (size_t k = 0; k < n; ++k) reading[fields[k]] = texts[k];
      if (score > best_score) best_score = score, best = fields, best_readings = {reading};
      else if (score == best_score && std::find(best_readings.begin(), best_readings.end(), reading) == best_readings.end())
        best_readings.push_back(reading);
    }
    if (best_readings.size() > 1)
      unsure("budget_info", "预算信息·" + name, row.cells[cells.front()].loc(),
             "“" + name + "”一行只有 " + std::to_string(n) + " 个单元格（空单元格可能被提取工具丢掉），表头和这一行的勾稽关系"
             "都不能确定它们各属哪一列；预算信息的合计与执行率未据此检查。",
             "请从原表复制，保留空单元格（或在空白处填 0）。");
    return best;
  }

  // 预算信息: name | 年初 | 结转追加 | 调整 | 实际 | 执行率, columns by the header.
  bool budget_row(const Row& row) {
    if (budget_header(row)) return true;
    int first = row.first();
    // A column left of the names that the header names (序号): its cell labels
    // the row, and the name is in the header's name column.
    if (!budget_cols_.empty() && first < budget_name_col_ && budget_cols_.count(first) &&
        budget_name_col_ < static_cast<int>(row.cells.size())) {
      const std::string_view n = row.cells[static_cast<size_t>(budget_name_col_)].text;
      if (!n.empty() && !amount_cell(n)) first = budget_name_col_;
    }
    const Cell& name_cell = row.cells[static_cast<size_t>(first)];
    std::vector<size_t> value_cells;
    bool has_amount = false;
    for (size_t i = static_cast<size_t>(first) + 1; i < row.cells.size(); ++i)
      if (!row.cells[i].text.empty()) value_cells.push_back(i), has_amount = has_amount || amount_cell(row.cells[i].text);
    // Amounts with no line name: nothing to place them by.
    if (amount_cell(name_cell.text)) {
      if (!has_amount) return false;  // a lone number (a page number) stays an unread row
      unplaced(name_cell, "预算信息", "这一行没有项目名称");
      for (size_t i : value_cells) unplaced(row.cells[i], "预算信息", "这一行没有项目名称");
      return true;
    }
    if (!has_amount && budget_header_fragment(row)) return true;
    const std::string k0 = key(name_cell);
    const std::string role = budget_role(k0);
    // A line: a name with an amount, or a named total line with any value.
    if (value_cells.empty() || (!has_amount && role == "project")) return false;
    BudgetRow b;
    b.name = name_cell.text;
    b.role = role;
    b.src.at = name_cell.loc();
    const std::vector<std::string> order = budget_order();
    const int offset = budget_cols_.empty() ? 0 : first - budget_name_col_;
    const size_t width = budget_cols_.empty() ? order.size()
                                              : static_cast<size_t>(std::max(0, budget_cols_.rbegin()->first - budget_name_col_));
    const bool dropped = value_cells.size() < width && value_cells.back() - static_cast<size_t>(first) == value_cells.size() &&
                         row.cells.size() < static_cast<size_t>(first) + 1 + width;
    std::vector<std::string> fields(value_cells.size());
    if (dropped) {
      fields = budget_slots(row, value_cells, b.name);
      fields.resize(value_cells.size());
    } else {
      for (size_t j = 0; j < value_cells.size(); ++j) {
        const int c = static_cast<int>(value_cells[j]);
        if (budget_cols_.empty()) {
          const size_t pos = static_cast<size_t>(c - first - 1);
          if (pos < order.size()) fields[j] = order[pos];
        } else if (auto it = budget_cols_.find(c - offset); it != budget_cols_.end()) {
          fields[j] = it->second;
        }
      }
    }
    for (size_t j = 0; j < value_cells.size(); ++j) {
      const Cell& c = row.cells[value_cells[j]];
      std::string* into = budget_field(b, fields[j]);
      if (!into) {
        unplaced(c, "预算信息", budget_cols_.empty() ? "这一行的单元格多于模板的列" : "表头没有这一栏，或这一行的单元格多于表头");
        continue;
      }
      *into = c.text;
      b.src.cells[fields[j]] = c.loc();
    }
    form().budget_info.push_back(std::move(b));
    return true;
  }

  static std::string* budget_field(BudgetRow& b, const std::string& f) {
    if (f == "initial") return &b.initial;
    if (f == "carry") return &b.carry;
    if (f == "adjusted") return &b.adjusted;
    if (f == "actual") return &b.actual;
    if (f == "rate") return &b.rate;
    return nullptr;
  }

  bool task_row(const Row& row) {
    bool header = false;
    for (const Cell& c : row.cells) {
      const std::string k = key(c);
      if (key_has(k, {"任务名称", "对应部门主要职责", "完成情况"}) && u8_length(c.text) <= 12) header = true;
      if (k == "主要内容") tasks_have_content_ = true, header = true;
    }
    if (header) {
      label_row(row, kRoleColumn);
      return true;
    }
    std::vector<const Cell*> cells;
    for (const Cell& c : row.cells) cells.push_back(&c);
    while (!cells.empty() && cells.back()->text.empty()) cells.pop_back();
    const size_t width = tasks_have_content_ ? 4 : 3;
    if (cells.size() < 2) return false;
    // Dropped empty cells: no leading empty cell (a merged duty keeps its
    // column), no gap, fewer cells than columns. 完成情况 is always filled, so
    // it is the last cell.
    bool gap = false;
    for (size_t i = static_cast<size_t>(row.first()); i < cells.size(); ++i) gap = gap || cells[i]->text.empty();
    if (row.first() == 0 && !gap && cells.size() < width) {
      KeyTask t;
      t.status = cells.back()->text;
      t.src.cells["status"] = cells.back()->loc();
      t.src.at = cells[static_cast<size_t>(row.first())]->loc();
      std::vector<const Cell*> lead(cells.begin() + row.first(), cells.end() - 1);
      if (lead.empty()) return false;
      dropped_tasks_.push_back({form().key_tasks.size(), std::move(lead)});
      form().key_tasks.push_back(std::move(t));
      return true;
    }
    KeyTask t;
    // Fewer cells than columns: the leading (merged) duty cell is missing.
    size_t skip = cells.size() < width ? width - cells.size() : 0;
    std::vector<std::pair<const char*, std::string KeyTask::*>> cols = {{"duty", &KeyTask::duty},
                                                                        {"task", &KeyTask::task}};
    if (tasks_have_content_) cols.push_back({"content", &KeyTask::content});
    cols.push_back({"status", &KeyTask::status});
    std::vector<std::pair<Loc, Loc>> parts;  // (cell, the cell whose field it joined): marked once the row is taken
    for (size_t i = 0; i < cells.size(); ++i) {
      const size_t slot = std::min(i + skip, cols.size() - 1);
      std::string& field = t.*(cols[slot].second);
      if (cells[i]->text.empty()) continue;
      if (!field.empty()) field += " ";
      field += cells[i]->text;
      // The field keeps the position of its last cell; earlier ones are parts of it.
      if (const auto was = t.src.cells.find(cols[slot].first)) parts.emplace_back(*was, cells[i]->loc());
      t.src.cells[cols[slot].first] = cells[i]->loc();
    }
    if (t.task.empty()) return false;
    for (const auto& [cell, anchor] : parts) marks().part(cell, anchor);
    if (t.duty.empty()) {
      t.duty = duty_;
    } else {
      duty_ = t.duty;
    }
    t.src.at = cells[row.first()]->loc();
    form().key_tasks.push_back(std::move(t));
    return true;
  }

  // 自评表: [分解目标] [类别] 指标名称 | 目标值 | 完成值 | 来源 | 偏差 | 原因
  bool eval_row(const Row& row) {
    const int n = static_cast<int>(row.cells.size());
    int i = 0;
    std::string category;
    for (; i < n; ++i) {
      const std::string k = key(row.cells[i]);
      if (k.empty()) continue;
      if (!is_eval_category(k)) break;
      if (!key_is(k, {"分解目标", "类别"})) category = row.cells[i].text, marks().field(row.cells[i].loc(), kRoleCategory);
      else marks().label(row.cells[i].loc(), kRoleColumn);
      if (k == "类别") {  // header row
        label_row(row, kRoleColumn);
        return true;
      }
    }
    if (!category.empty()) category_ = category;
    if (i >= n) return !category.empty();
    if (key_has(key(row.cells[i]), {"指标名称"})) {  // header row
      label_row(row, kRoleColumn);
      return true;
    }
    auto at = [&](int j) -> const Cell* { return j < n ? &row.cells[j] : nullptr; };
    auto text_at = [&](int j) { return j < n ? row.cells[j].text : std::string_view(); };
    // A row with indicator values (target, actual or deviation) is an indicator
    // row; text fragments alone continue the row above (a wrapped PDF row).
    // (Short words are also qualitative values, so a row of fragments only
    // counts as an indicator row with a number in it or four or more cells.)
    auto quantitative = [&](int j) { return parse_value(text_at(j)).quantitative(); };
    int cells_from_name = 0;
    for (int j = i; j < n; ++j) cells_from_name += !row.cells[j].text.empty();
    // Five or more cells are never fragments (a wrapped row continues at most
    // name, source and reason): no value parsing for the usual row.
    const bool has_values = cells_from_name >= 5 || quantitative(i + 1) || quantitative(i + 2) || quantitative(i + 4) ||
                            (cells_from_name >= 4 && (value_like(text_at(i + 1)) || value_like(text_at(i + 2))));
    if (!has_values) return continuation(row);
    // The 自评表 is the long table and comes last: room for every row left, so a
    // 100,000-row table is not copied through doubling (the copies, not the
    // rows, set the peak memory of a large import).
    if (form().evaluation.empty()) form().evaluation.reserve(grid_.rows.size() - row_index_);
    EvalRow e;
    e.category = category_;
    static const std::array<std::pair<const char*, std::string EvalRow::*>, 6> kCols = {{
        {"name", &EvalRow::name},
        {"target", &EvalRow::target},
        {"actual", &EvalRow::actual},
        {"source", &EvalRow::source},
        {"deviation", &EvalRow::deviation},
        {"reason", &EvalRow::reason},
    }};
    for (size_t j = 0; j < kCols.size(); ++j) {
      const Cell* c = at(i + static_cast<int>(j));
      if (!c) break;
      e.*(kCols[j].second) = c->text;
      e.src.cells[kCols[j].first] = c->loc();
    }
    for (int j = i + 6; j < n; ++j) {  // spill past the reason column
      if (row.cells[j].text.empty()) continue;
      e.reason += row.cells[j].text;
      marks().part(row.cells[j].loc(), row.cells[i + 5].loc());
    }
    e.src.at = row.cells[i].loc();
    form().evaluation.push_back(std::move(e));
    last_eval_row_ = row_index_;
    return true;
  }

  // A row wrapped by a PDF extractor: text fragments only, to be appended to
  // the text fields (name, source, reason) of the row above. Fragments are
  // placed by the previous row's columns when they line up, else in order
  // from the name, with the spacing of that row.
  bool continuation(const Row& row) {
    if (form().evaluation.empty()) return false;
    EvalRow& prev = form().evaluation.back();
    // Only the row right after it (a page break may leave one blank row)
    // continues a row: counted in rows, not lines (a Word copy puts each cell
    // on a line of its own).
    if (row_index_ > last_eval_row_ + 2) return false;
    if (row.cells.size() < 2) {  // settled when the whole table is read
      lone_.push_back({row_index_, form().evaluation.size() - 1});
      return false;
    }
    std::vector<const Cell*> frags;
    for (const Cell& c : row.cells)
      if (!c.text.empty()) frags.push_back(&c);
    for (const Cell* c : frags)
      if (is_number_text(c->text) || is_rate_text(c->text)) return false;
    struct Slot {
      const char* field;
      std::string EvalRow::*member;
    };
    const std::array<Slot, 3> slots = {{{"name", &EvalRow::name}, {"source", &EvalRow::source},
                                        {"reason", &EvalRow::reason}}};
    // A field the row above had no cell for has no column (not the row's own).
    auto col_of = [&](const Slot& s) {
      const std::optional<Loc> l = prev.src.cells.find(s.field);
      return l ? l->col : -1000;
    };
    // 1) same columns as the row above
    std::vector<const Slot*> plan;
    for (const Cell* c : frags) {
      const Slot* hit = nullptr;
      for (const Slot& s : slots)
        if (col_of(s) == c->loc().col) hit = &s;
      if (!hit) break;
      plan.push_back(hit);
    }
    // 2) shifted: first fragment is the name, the others keep the row's spacing
    if (plan.size() != frags.size()) {
      plan.clear();
      const int offset = frags.front()->loc().col - col_of(slots[0]);
      for (const Cell* c : frags) {
        const Slot* hit = nullptr;
        for (const Slot& s : slots)
          if (col_of(s) + offset == c->loc().col) hit = &s;
        if (!hit) break;
        plan.push_back(hit);
      }
    }
    // 3) the extractor dropped the empty cells, so no spacing is left: two or
    //    three fragments are the tails of the name, source and reason, in order.
    if (plan.size() != frags.size()) {
      if (frags.size() < 2 || frags.size() > slots.size()) return false;
      plan.clear();
      for (size_t j = 0; j < frags.size(); ++j) plan.push_back(&slots[j]);
    }
    for (size_t j = 0; j < frags.size(); ++j) {
      std::string& field = prev.*(plan[j]->member);
      const std::string_view add = frags[j]->text;
      marks().part(frags[j]->loc(), prev.src.cell(plan[j]->field));
      // PDF extractors sometimes repeat the wrapped tail of a cell that was
      // already complete: keep a standard indicator name as it is.
      if (plan[j]->member == &EvalRow::name && ends_with(field, add) &&
          profiles::is_standard_indicator(match_key(field)) &&
          !profiles::is_standard_indicator(match_key(field + std::string(add))))
        continue;
      field += add;
    }
    return true;
  }

  // One fragment with no spacing left to place it: the tail of the field of
  // the row above that it completes into a value another row of the table
  // has in the same column ("超额完成工作" + "任务"). Any other single fragment
  // stays unread (reported) rather than guessed into a field.
  struct LoneFragment {
    size_t row, eval;
  };
  std::vector<LoneFragment> lone_;
  void settle_lone_fragments() {
    auto& rows = form().evaluation;
    for (const LoneFragment& f : lone_) {
      const Cell& c = grid_.rows[f.row].cells[grid_.rows[f.row].first()];
      const std::string add(c.text);
      if (is_number_text(add) || is_rate_text(add) || u8_length(add) > 20) continue;
      EvalRow& prev = rows[f.eval];
      std::string EvalRow::*hit = nullptr;
      int hits = 0;
      for (std::string EvalRow::*m : {&EvalRow::name, &EvalRow::source, &EvalRow::reason}) {
        if ((prev.*m).empty()) continue;
        const std::string joined = prev.*m + add;
        for (size_t e = 0; e < rows.size(); ++e)
          if (e != f.eval && rows[e].*m == joined) {
            hit = m, ++hits;
            break;
          }
      }
      if (hits != 1) continue;  // completes no field, or two: no way to tell which
      prev.*hit += add;
      marks().part(c.loc(), prev.src.cell(hit == &EvalRow::name ? "name" : hit == &EvalRow::source ? "source" : "reason"));
      use(f.row);
    }
  }
};

// The label-sized cells of a grid as keys, computed once for detection. A
// title is among the first rows of a document; section labels announce their
// tables, so they come before the bulk of any table: reading the first 2,000
// non-blank rows keeps detection independent of a 100,000-row table's size
// (and of the wasm build's plain byte-by-byte string search).
struct LabelKeys {
  std::vector<std::string> title;  // cells of the first 40 non-blank rows
  std::vector<std::string> all;    // cells of the first 2,000 non-blank rows
  explicit LabelKeys(const Grid& g) {
    size_t filled = 0;
    for (size_t r = 0; r < g.rows.size() && filled < 2000; ++r) {
      const Row& row = g.rows[r];
      if (row.blank()) continue;
      ++filled;
      for (const Cell& c : row.cells) {
        if (c.text.empty() || c.text.size() > 180 || u8_length(c.text) > 60) continue;
        all.push_back(match_key(c.text));
        if (filled <= 40) title.push_back(all.back());
      }
    }
  }
};

// How many of `words` occur in some label-sized cell.
int score_signals(const LabelKeys& keys, const std::vector<std::string>& words) {
  int n = 0;
  for (const std::string& w : words)
    for (const std::string& k : keys.all)
      if (contains(k, w)) {
        ++n;
        break;
      }
  return n;
}

bool title_has(const LabelKeys& keys, const Words& title) {
  for (const std::string& k : keys.title)
    for (const auto& w : title.prefix)
      if (contains(k, w)) return true;
  return false;
}

struct Detected {
  FormKind kind = FormKind::Unknown;
  const Family* other = nullptr;  // an unsupported family the document is
  // The evidence points to this family too (the title says one, the header
  // another): the family is undecided until the user chooses.
  FormKind alternative = FormKind::Unknown;
  std::string why;  // what points each way, for the finding
};

// The project header labels (项目名称, 项目类型, 开始时间 …) among the cells
// of the first rows, distinct: two make a project form.
std::vector<std::string> project_header(const LabelKeys& keys) {
  std::vector<std::string> found;
  for (const std::string& k : keys.title) {
    if (u8_length(k) > 14) continue;
    const std::string w = templates().project_header.leading(k);
    if (!w.empty() && std::find(found.begin(), found.end(), w) == found.end()) found.push_back(w);
  }
  return found;
}

// A project form is a self-evaluation when its title says so (自评) or its
// columns hold what only a self-evaluation has (全年执行数, 实际完成值, 得分 …).
bool project_selfeval_evidence(const LabelKeys& keys) {
  const Templates& t = templates();
  for (const std::string& k : keys.title)
    if (contains(k, "表"))
      for (const std::string& w : t.selfeval_title)
        if (contains(k, w)) return true;
  return score_signals(keys, t.selfeval_columns) >= 2;
}

std::string family_title(FormKind k) {
  for (const Family& f : templates().families)
    if (f.kind == k) return f.name;
  return "";
}

std::string quoted_list(const std::vector<std::string>& words) {
  std::string s;
  for (size_t i = 0; i < words.size() && i < 3; ++i) s += (i ? "、" : "") + ("“" + words[i] + "”");
  return s;
}

Detected detect(const Grid& g, FormKind chosen) {
  const Templates& t = templates();
  const LabelKeys grid(g);
  Detected d;
  if (chosen != FormKind::Unknown) return d.kind = chosen, d;  // the user decided
  const std::vector<std::string> header = project_header(grid);
  const bool project_header_found = header.size() >= 2;
  const FormKind project_kind = project_selfeval_evidence(grid) ? FormKind::ProjectSelfEval : FormKind::ProjectTarget;
  // A family with its own title words (the project forms, unsupported ones)
  // wins over the generic words its title shares with the department-wide
  // forms (项目支出绩效目标表 contains 绩效目标表).
  for (const Family& f : t.families)
    if (!f.title.prefix.empty() && title_has(grid, f.title)) {
      if (f.supported) d.kind = f.kind;
      else d.other = &f;
      return d;
    }
  FormKind titled = FormKind::Unknown;
  if (title_has(grid, t.target.title)) titled = FormKind::Target;
  else if (title_has(grid, t.selfeval.title)) titled = FormKind::SelfEval;
  if (titled != FormKind::Unknown) {
    d.kind = titled;
    // A department-wide title over a project header: the evidence conflicts.
    if (project_header_found) {
      d.kind = project_kind, d.alternative = titled;
      d.why = "表名像“" + family_title(titled) + "”，而表头有" + quoted_list(header) + "等项目栏目，像“" +
              family_title(project_kind) + "”";
    }
    return d;
  }
  // A project header makes a project form even when its funds table looks
  // department-wide (the 江苏 2024 项目支出绩效目标表).
  if (project_header_found) return d.kind = project_kind, d;
  const int target = score_signals(grid, t.target.signals);
  const int selfeval = score_signals(grid, t.selfeval.signals);
  for (const Family& f : t.families)
    if (!f.signals.empty() && score_signals(grid, f.signals) >= 3 &&
        score_signals(grid, f.signals) > std::max(target, selfeval)) {
      if (f.supported) d.kind = is_project(f.kind) ? project_kind : f.kind;
      else d.other = &f;
      return d;
    }
  Words generic;
  generic.prefix = {"绩效目标表"};
  if (title_has(grid, generic) || (target >= 2 && target > selfeval)) return d.kind = FormKind::Target, d;
  if (selfeval >= 2 && selfeval > target) d.kind = FormKind::SelfEval;
  return d;
}

// "两", "四": how many kinds there are, as a sentence says it.
std::string count_word(int n) {
  static const char* const kWords[] = {"", "一", "两", "三", "四", "五", "六", "七", "八", "九"};
  return n >= 0 && n < 10 ? kWords[n] : std::to_string(n) + " ";
}

// "“甲”、“乙”和“丙”", and how many there are.
std::string supported_names(int* count = nullptr) {
  std::vector<std::string> names;
  for (const Family& f : templates().families)
    if (f.supported) names.push_back("“" + f.name + "”");
  std::string s;
  for (size_t i = 0; i < names.size(); ++i) s += (i == 0 ? "" : i + 1 == names.size() ? "和" : "、") + names[i];
  if (count) *count = static_cast<int>(names.size());
  return s;
}

Recognized unknown_form(const std::string& what) {
  Recognized r;
  int count = 0;
  const std::string names = supported_names(&count);
  Finding f = import_finding("import.unknown_form", what + "当前支持" + names + "，未检查其内容。",
                             "请导入这" + count_word(count) +
                                 "类表单之一；它们包含表名或“部门整体资金”“三级指标”“预算信息”“部门整体自评表”“项目资金”等栏目。");
  r.findings.push_back(std::move(f));
  return r;
}

// A document with the family's title but none of its tables is not that form
// as we know it (a narrative report of another province, a cover page):
// saying what it is beats a list of "未填写".
bool has_tables(const Form& f) {
  if (f.kind == FormKind::Target) return !f.funds.empty() || !f.indicators.empty();
  if (is_project(f.kind)) return !f.project_funds.empty() || !f.project_indicators.empty();
  return !f.budget_info.empty() || !f.evaluation.empty() || !f.key_tasks.empty();
}

// What a project form without its tables still showed, for import.unknown_form.
std::string found_parts(const Form& f) {
  std::string s;
  auto add = [&](const std::string& what) { s += (s.empty() ? "" : "、") + what; };
  if (!f.title.empty()) add("表名");
  if (!f.project_name.empty()) add("项目名称");
  if (!f.unit.empty()) add("实施单位");
  for (const auto& [key, text] : f.texts)
    if (!text.empty()) add(text_title(key).empty() ? key : text_title(key));
  return s.empty() ? "无" : s;
}

}  // namespace

FormKind detect_kind(const Grid& grid) { return detect(grid, FormKind::Unknown).kind; }

Recognized recognize(const Grid& grid, const ReadingHints& hints) {
  const Detected d = detect(grid, hints.kind);
  if (d.other) return unknown_form("这是一份“" + d.other->name + "”，");
  if (d.kind == FormKind::Unknown) {
    int count = 0;
    const std::string names = supported_names(&count);
    return unknown_form("未能识别为" + names + "：没有找到表名或这" + count_word(count) + "类表单的栏目。");
  }
  // One cell per line (PDF text without layout): the rows are rebuilt from the labels first.
  std::string found;
  Grid reshaped;
  const bool lines = is_project(d.kind) && one_cell_per_row(grid);
  if (lines) reshaped = reshape_project_lines(grid, d.kind, found);
  const Grid& g = lines ? reshaped : grid;
  Recognized r = d.kind == FormKind::Target ? recognize_target(g, hints)
                 : is_project(d.kind)         ? recognize_project(g, d.kind)
                                              : SelfEvalRecognizer(g).run();
  if (is_project(d.kind) && !has_tables(r.form))
    return unknown_form("这份文档的表名像“" + std::string(d.kind == FormKind::ProjectTarget ? "项目支出绩效目标表" : "项目支出绩效自评表") +
                        "”，但没有找到“项目资金”表和绩效指标表" +
                        (lines ? "（文本每行只有一个单元格，像是没有版式的 PDF 文本；按标签找到的是：" +
                                     (found.empty() ? std::string("无") : found) + "）"
                               : "（找到的是：" + found_parts(r.form) + "）") +
                        "。");
  if (!has_tables(r.form)) {
    const bool target = d.kind == FormKind::Target;
    return unknown_form(target ? "这份文档的表名像“部门整体预算绩效目标表”，但没有找到“部门整体资金”表和绩效指标表，"
                                 "可能只是其中的文字部分或其他表单。"
                               : "这份文档像是一份绩效自评报告的文字部分，但没有找到“预算信息”表、“年度重点任务”表或"
                                 "“部门整体自评表”（江苏模板的组成部分），可能是其他地区或其他格式的报告。");
  }
  if (d.alternative != FormKind::Unknown) {
    // Undecided: no content rule runs on the form (check_document) until the user chooses.
    const std::string a = kind_name(d.kind), b = kind_name(d.alternative);
    const std::string why = "无法确定这份表单的种类：" + d.why + "。在选定种类之前，不检查其内容。";
    r.form.unsure.push_back({"family", why});
    Loc first;
    for (const Row& row : grid.rows)
      if (!row.blank()) {
        first = row.loc();
        break;
      }
    Finding f = recog::ambiguous("表单类型", first, why,
                                 "请选择表单类型：在页面的“表单类型”中选“" + family_title(d.kind) + "”或“" +
                                     family_title(d.alternative) + "”，或在命令行加 --form " + a + "（或 --form " + b + "）。");
    f.location.section = "import";
    // Not checked is not passed: a gate must not let an undecided form through.
    Finding unchecked = import_finding("import.family_undecided",
                                       "无法确定这份表单是“" + family_title(d.kind) + "”还是“" + family_title(d.alternative) +
                                           "”，未检查其内容；选定种类后才能判断是否通过。",
                                       f.fix, first);
    unchecked.location.label = "表单类型";
    r.findings.insert(r.findings.begin(), std::move(unchecked));
    r.findings.insert(r.findings.begin(), std::move(f));
  }
  return r;
}

}  // namespace formcheck
