#include "formcheck/reshape_lines.hpp"

#include <vector>

#include "formcheck/recognize_base.hpp"
#include "formcheck/templates.hpp"
#include "formcheck/text_util.hpp"
#include "formcheck/value.hpp"

namespace formcheck {

using namespace recog;

bool one_cell_per_row(const Grid& g) {
  size_t filled = 0, single = 0;
  for (const Row& r : g.rows) {
    int n = 0;
    for (const Cell& c : r.cells) n += !c.text.empty();
    if (n == 0) continue;
    ++filled;
    single += n == 1;
  }
  return filled >= 12 && single * 10 >= filled * 9;
}

namespace {

enum class Kind { Other, Header, Funds, Goals, Indicators, Total, FundColumn, FundRole, GoalColumn, IndColumn, Level1, Level2 };

class Reshaper {
 public:
  Reshaper(const Grid& g, FormKind kind) : t_(templates().project), self_eval_(kind == FormKind::ProjectSelfEval) {
    for (const Row& r : g.rows)
      for (const Cell& c : r.cells)
        if (!c.text.empty()) cells_.push_back(&c);
    kinds_.reserve(cells_.size());
    for (const Cell* c : cells_) kinds_.push_back(kind_of(*c));
  }

  Grid run(std::string& found) {
    out_.reserve(cells_.size() + 1, cells_.size() * 2);
    size_t i = 0;
    while (i < cells_.size()) {
      switch (kinds_[i]) {
        case Kind::Header: i = header(i); note(found, "表头"); break;
        case Kind::Funds: i = funds(i); note(found, "项目资金"); break;
        case Kind::Goals: i = goals(i); note(found, "总体目标"); break;
        case Kind::Indicators:
        case Kind::IndColumn: i = indicators(i); note(found, "绩效指标"); break;
        case Kind::Total: i = total(i); note(found, "总分"); break;
        default: single(i++);
      }
    }
    return std::move(out_);
  }

 private:
  const ProjectTemplate& t_;
  bool self_eval_;
  std::vector<const Cell*> cells_;
  std::vector<Kind> kinds_;
  Grid out_;

  static void note(std::string& found, const char* what) {
    if (found.find(what) != std::string::npos) return;
    found += (found.empty() ? "" : "、") + std::string(what);
  }

  // The block labels end a block wherever they stand; what a cell is inside a
  // block (a column word, a role, a level word) is asked by that block, since
  // the same word can be both (中期资金总额 / 中期, 年度目标 as label and column).
  Kind kind_of(const Cell& c) const {
    const std::string k = match_key(c.text);
    if (k.empty()) return Kind::Other;
    if (t_.total_score.matches(k)) return Kind::Total;
    if (t_.funds_label.matches(k)) return Kind::Funds;
    if (t_.goal_label.matches(k)) return Kind::Goals;
    if (t_.indicator_label.matches(k)) return Kind::Indicators;
    const auto [label, value] = split_label(c.text);
    if (!t_.header_field(match_key(label)).empty() && u8_length(label) <= 12) return Kind::Header;
    if (!t_.fund_role(k).empty()) return Kind::FundRole;
    if (!t_.indicator_column(k).empty() && u8_length(c.text) <= 12) return Kind::IndColumn;
    if (!t_.level1(k).empty() && u8_length(c.text) <= 12) return Kind::Level1;
    if (t_.is_level2(k)) return Kind::Level2;
    if (!t_.fund_column(k).empty() && u8_length(c.text) <= 12) return Kind::FundColumn;
    return Kind::Other;
  }
  std::string key(size_t i) const { return match_key(cells_[i]->text); }
  bool fund_column(size_t i) const {
    if (i >= cells_.size() || u8_length(cells_[i]->text) > 12 || t_.fund_column(key(i)).empty()) return false;
    const Kind k = kinds_[i];
    return k == Kind::FundColumn || k == Kind::IndColumn || k == Kind::Other;
  }
  bool goal_column(size_t i) const { return i < cells_.size() && !t_.goal_column(key(i)).empty() && u8_length(cells_[i]->text) <= 24; }
  bool ind_column(size_t i) const {
    return i < cells_.size() && kinds_[i] != Kind::Level1 && kinds_[i] != Kind::Level2 &&
           !t_.indicator_column(key(i)).empty() && u8_length(cells_[i]->text) <= 16;
  }
  bool label(size_t i) const { return i < cells_.size() && kinds_[i] != Kind::Other; }
  bool plain(size_t i) const { return i < cells_.size() && kinds_[i] == Kind::Other; }
  bool amount(size_t i) const {
    if (!plain(i)) return false;
    const std::string s = trim(cells_[i]->text);
    return is_number_text(s) || is_rate_text(s) || s == "—" || s == "-" || s == "/" || s == "－" || s == "——";
  }

  void add(size_t i) { out_.add_cell(*cells_[i]); }
  void blank(size_t near) { out_.add_cell(Cell{std::string_view(), cells_[near]->loc()}); }
  void single(size_t i) {
    add(i);
    out_.end_row();
  }

  // 项目名称 | value (the value is the next line unless that is a label, or
  // the label carries it: 项目名称：…).
  size_t header(size_t i) {
    add(i);
    const auto [lab, value] = split_label(cells_[i]->text);
    size_t next = i + 1;
    if (value.empty() && plain(next)) add(next++);
    out_.end_row();
    return next;
  }

  // 项目资金: the self-evaluation's column words make the header row, each
  // role label takes the amounts after it; the target table pairs 中期 and
  // 年度 roles (label, amount, label, amount) as its template does.
  size_t funds(size_t i) {
    add(i);
    size_t j = i + 1;
    int columns = 0;
    if (fund_column(j)) {
      blank(i);  // the role column
      while (fund_column(j)) add(j++), ++columns;
      out_.end_row();
    }
    struct Pair {
      size_t label;
      std::vector<size_t> values;
    };
    std::vector<Pair> rows;
    std::vector<size_t> strays;
    while (j < cells_.size() && (kinds_[j] == Kind::FundRole || amount(j))) {
      if (kinds_[j] == Kind::FundRole) {
        rows.push_back({j++, {}});
        while (amount(j) && (columns == 0 ? rows.back().values.empty() : static_cast<int>(rows.back().values.size()) < columns))
          rows.back().values.push_back(j++);
      } else {
        strays.push_back(j++);  // an amount without a label: kept, in a row of its own
      }
    }
    const bool paired = !self_eval_ && columns == 0 && !rows.empty() &&
                        t_.fund_role(match_key(cells_[rows.front().label]->text)) == "mid_total";
    bool label_row_open = columns == 0;  // the first row goes beside the label, as the template has it
    for (size_t r = 0; r < rows.size();) {
      if (!label_row_open) blank(rows[r].label);
      label_row_open = false;
      for (size_t k = 0; k < (paired ? 2u : 1u) && r < rows.size(); ++k, ++r) {
        add(rows[r].label);
        for (size_t v : rows[r].values) add(v);
        if (rows[r].values.empty() && paired) blank(rows[r].label);
      }
      out_.end_row();
    }
    if (label_row_open) out_.end_row();
    for (size_t k : strays) single(k);
    return j;
  }

  // 总体目标 | 中期目标 | 年度目标, then the texts under them, one per column.
  size_t goals(size_t i) {
    add(i);
    size_t j = i + 1;
    int columns = 0;
    while (goal_column(j)) add(j++), ++columns;
    if (columns == 0) {
      if (plain(j)) add(j++);
      out_.end_row();
      return j;
    }
    out_.end_row();
    while (plain(j)) {
      blank(j);
      for (int k = 0; k < columns && plain(j); ++k) add(j++);
      out_.end_row();
    }
    return j;
  }

  bool value_cell(size_t i, bool last_column) const {
    if (!plain(i)) return false;
    const std::string_view s = cells_[i]->text;
    if (value_like(s) || parse_value(s).date() || amount(i)) return true;
    // 偏差原因分析: any text, unless values follow it (then it is the next indicator's name).
    return last_column && self_eval_ && !(plain(i + 1) && value_like(cells_[i + 1]->text));
  }

  // 绩效指标 | 一级指标 | 二级指标 | 三级指标 | values…, then for each indicator
  // its 一级 / 二级 words (when they change), its name and the values after it.
  size_t indicators(size_t i) {
    size_t j = i;
    if (kinds_[j] == Kind::Indicators) add(j++);
    else blank(j);
    int columns = 0, name_col = -1;
    while (ind_column(j)) {
      if (t_.indicator_column(match_key(cells_[j]->text)) == "name") name_col = columns;
      add(j++), ++columns;
    }
    out_.end_row();
    if (columns == 0) return j;
    const int values = name_col >= 0 ? columns - name_col - 1 : columns - 3;
    long l1 = -1, l2 = -1;
    while (j < cells_.size() && kinds_[j] != Kind::Total && kinds_[j] != Kind::Funds && kinds_[j] != Kind::Goals &&
           kinds_[j] != Kind::Indicators && kinds_[j] != Kind::Header) {
      // A level word replaces a pending one only after that one is placed.
      if (kinds_[j] == Kind::Level1) {
        if (l1 >= 0) single(static_cast<size_t>(l1));
        if (l2 >= 0) single(static_cast<size_t>(l2)), l2 = -1;
        l1 = static_cast<long>(j++);
        continue;
      }
      if (kinds_[j] == Kind::Level2) {
        if (l2 >= 0) single(static_cast<size_t>(l2));
        l2 = static_cast<long>(j++);
        continue;
      }
      if (kinds_[j] != Kind::Other) {
        single(j++);
        continue;
      }
      // A row: (blank), 一级, 二级, 三级 name, values.
      blank(j);
      if (l1 >= 0) add(static_cast<size_t>(l1));
      else blank(j);
      if (l2 >= 0) add(static_cast<size_t>(l2));
      else blank(j);
      l1 = l2 = -1;
      add(j++);
      for (int k = 0; k < values && value_cell(j, k == values - 1); ++k) add(j++);
      out_.end_row();
    }
    // Level words with no indicator after them still end in a row.
    if (l1 >= 0) single(static_cast<size_t>(l1));
    if (l2 >= 0) single(static_cast<size_t>(l2));
    return j;
  }

  size_t total(size_t i) {
    add(i);
    size_t j = i + 1;
    while (amount(j) && j - i <= 2) add(j++);
    out_.end_row();
    return j;
  }
};

}  // namespace

Grid reshape_project_lines(const Grid& g, FormKind kind, std::string& found) { return Reshaper(g, kind).run(found); }

}  // namespace formcheck
