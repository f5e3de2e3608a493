// The project-level recognizer: 项目支出绩效目标表 (财预〔2015〕88号 and the
// Jiangsu variants) and 项目支出绩效自评表 (财预〔2020〕10号). Both are one page
// of labelled blocks: header fields (项目名称, 主管部门, 实施单位 …), the 项目资金
// table, the 总体目标, the indicator table and, in the self-evaluation, 总分.
// Labels, fund rows and columns and level words come from template-project.json;
// a row is read by what its cells say, and values by the columns its block's
// header named (right-aligned to the 三级 name when an extractor dropped cells).
#include <algorithm>
#include <map>

#include "formcheck/recognize_base.hpp"
#include "formcheck/templates.hpp"
#include "formcheck/text_util.hpp"
#include "formcheck/value.hpp"

namespace formcheck {

using namespace recog;

namespace {

bool amount_text(std::string_view s) {
  const std::string t = trim(s);
  return is_number_text(t) || is_rate_text(t) || t == "—" || t == "-" || t == "/" || t == "－";
}

class ProjectRecognizer : public Recognizer {
 public:
  ProjectRecognizer(const Grid& g, FormKind kind) : Recognizer(g), t_(templates().project) { form().kind = kind; }

  Recognized run() {
    for (size_t r = 0; r < grid_.rows.size(); ++r) {
      const Row& row = grid_.rows[r];
      if (row.blank()) continue;
      if (step(row)) use(r);
    }
    // A project form's title seldom names its city; its units do.
    if (f().region.empty()) f().region = region_of(f().unit);
    if (f().region.empty() && f().texts.count("department")) f().region = region_of(f().texts["department"]);
    report_unused();
    return std::move(out_);
  }

 private:
  const ProjectTemplate& t_;
  enum class Part { Header, Funds, Goals, Indicators, End };
  Part part_ = Part::Header;
  std::map<int, std::string> fund_cols_, goal_cols_, ind_cols_;  // column -> field
  int ind_name_col_ = -1;
  std::string level1_, level2_;
  bool self_eval() const { return out_.form.kind == FormKind::ProjectSelfEval; }
  Form& f() { return form(); }
  const Form& f() const { return out_.form; }

  std::vector<int> filled(const Row& row) const {
    std::vector<int> out;
    for (int i = 0; i < static_cast<int>(row.cells.size()); ++i)
      if (!row.cells[i].text.empty()) out.push_back(i);
    return out;
  }

  bool step(const Row& row) {
    const std::vector<int> cells = filled(row);
    const Cell& c0 = row.cells[cells.front()];
    const std::string k0 = key(c0);
    // Title and year.
    if (f().title.empty() && cells.size() == 1 &&
        (contains(k0, "绩效目标表") || contains(k0, "自评表") || contains(k0, "申报表") || contains(k0, "评价表"))) {
      set_title(row);
      return true;
    }
    if (f().year.empty() && cells.size() == 1)
      if (auto y = find_year(std::string(c0.text)); y && u8_length(c0.text) <= 12) {
        f().year = *y;
        f().year_src = c0.loc();
        return true;
      }
    // 总分 ends the indicator table.
    if (t_.total_score.matches(k0)) return total_score(row, cells);
    // A block label, possibly with the block's first cells on the same row.
    if (t_.funds_label.matches(k0)) {
      part_ = Part::Funds;
      marks().label(c0.loc(), kRoleHeading);
      return funds_row(row, cells, true) && mark_fund_words(row, cells);
    }
    if (t_.goal_label.matches(k0)) {
      part_ = Part::Goals;
      marks().label(c0.loc(), kRoleHeading);
      return goals_row(row, cells, true);
    }
    if (indicator_header(row, cells)) return true;
    if (t_.indicator_label.matches(k0) && part_ != Part::Indicators && cells.size() == 1) {
      marks().label(c0.loc(), kRoleHeading);
      return true;
    }
    if (header_fields(row, cells)) return true;
    switch (part_) {
      case Part::Funds: return funds_row(row, cells, false) && mark_fund_words(row, cells);
      case Part::Goals: return goals_row(row, cells, false);
      case Part::Indicators: return indicator_row(row, cells);
      default: return false;
    }
  }

  // "项目名称 | 智慧园区 …", "主管部门 | … | 实施单位 | …", "项目名称：…".
  bool header_fields(const Row& row, const std::vector<int>& cells) {
    bool any = false;
    std::vector<const Cell*> other;  // cells neither a label nor its value
    for (size_t j = 0; j < cells.size(); ++j) {
      const Cell& c = row.cells[cells[j]];
      auto [label, inline_value] = split_label(c.text);
      const std::string field = t_.header_field(match_key(label));
      if (field.empty() || u8_length(label) > 12) {
        other.push_back(&c);
        continue;
      }
      std::string value = inline_value;
      Loc at = c.loc();
      if (value.empty() && j + 1 < cells.size() && t_.header_field(key(row.cells[cells[j + 1]])).empty()) {
        value = std::string(row.cells[cells[j + 1]].text);
        at = row.cells[cells[j + 1]].loc();
        marks().label(c.loc(), kRoleRowLabel);
        ++j;
      }
      any = true;
      if (field == "project_name") f().project_name = value, f().project_name_src = at;
      else if (field == "unit") f().unit = value, f().unit_src = at;
      else append_text(field, value, at);
    }
    if (any)
      for (const Cell* c : other) unread_cell(*c, "表头一行中这一格不是栏目名称，也不在栏目名称之后");
    return any;
  }

  ProjectFundRow& fund(const std::string& role, const std::string& name, Loc at) {
    for (auto& r : f().project_funds)
      if (r.role == role) return r;
    ProjectFundRow r;
    r.role = role;
    r.name = name;
    r.src.at = at;
    f().project_funds.push_back(std::move(r));
    return f().project_funds.back();
  }

  static std::string* fund_field(ProjectFundRow& r, const std::string& field) {
    if (field == "mid") return &r.mid;
    if (field == "year") return &r.year;
    if (field == "initial") return &r.initial;
    if (field == "budget") return &r.budget;
    if (field == "executed") return &r.executed;
    if (field == "weight") return &r.weight;
    if (field == "rate") return &r.rate;
    if (field == "score") return &r.score;
    return nullptr;
  }

  // The 项目资金 block. A header row names the columns (年初预算数 … 得分) of the
  // self-evaluation; the target table pairs a label with its amount, 中期 on
  // the left and 年度 on the right.
  bool funds_row(const Row& row, const std::vector<int>& cells, bool label_row) {
    size_t from = label_row ? 1 : 0;
    // Column headers.
    int header_cells = 0;
    for (size_t j = from; j < cells.size(); ++j)
      if (!t_.fund_column(key(row.cells[cells[j]])).empty() && t_.fund_role(key(row.cells[cells[j]])).empty()) ++header_cells;
    if (header_cells >= 2) {
      for (size_t j = from; j < cells.size(); ++j) fund_cols_[cells[j]] = t_.fund_column(key(row.cells[cells[j]]));
      return true;
    }
    bool any = false;
    std::vector<std::pair<std::string, size_t>> pairs;  // role, cell index of its label
    for (size_t j = from; j < cells.size(); ++j) {
      const std::string role = t_.fund_role(key(row.cells[cells[j]]));
      if (!role.empty()) pairs.emplace_back(role, j);
    }
    for (size_t p = 0; p < pairs.size(); ++p) {
      const auto& [role, j] = pairs[p];
      const Cell& label = row.cells[cells[j]];
      const size_t end = p + 1 < pairs.size() ? pairs[p + 1].second : cells.size();
      std::vector<int> values;  // cell indices
      for (size_t v = j + 1; v < end; ++v) values.push_back(cells[v]);
      std::string r = role;
      // "其中：财政拨款" is the line 财政拨款.
      std::string name(trim(label.text));
      for (const char* lead : {"其中：", "其中:", "其中"})
        if (starts_with(name, lead)) name = trim(name.substr(std::string(lead).size()));
      if (r == "mid_total") r = "total";
      ProjectFundRow& line = fund(r, name, label.loc());
      if (role == "total") line.name = name;  // 年度资金总额 names the line, not 中期资金总额
      any = true;
      if (!fund_cols_.empty()) {
        // By the header's columns; values of a row whose cells were dropped, in order.
        bool by_column = true;
        for (int v : values) by_column = by_column && fund_cols_.count(v);
        std::vector<std::string> order;
        for (const auto& [col, field] : fund_cols_) order.push_back(field);
        for (size_t v = 0; v < values.size(); ++v) {
          const Cell& c = row.cells[values[v]];
          const std::string field = by_column ? fund_cols_[values[v]] : v < order.size() ? order[v] : "";
          if (std::string* into = fund_field(line, field)) {
            *into = std::string(c.text);
            line.src.cells[field] = c.loc();
          }
        }
        continue;
      }
      // Target table: the first pair of a two-pair row is 中期, the second 年度;
      // a label that says 中期 or 年度 decides for itself.
      std::string field = pairs.size() >= 2 ? (p == 0 ? "mid" : "year") : "year";
      if (role == "mid_total") field = "mid";
      if (contains(key(label), "年度")) field = "year";
      if (!values.empty()) {
        const Cell& c = row.cells[values.front()];
        *fund_field(line, field) = std::string(c.text);
        line.src.cells[field] = c.loc();
      }
    }
    if (!any && part_ == Part::Funds && label_row) return true;  // "项目资金（万元）" alone
    return any;
  }

  // The 项目资金 table's own words in a row it read: column headers, and line
  // labels (a line's second label, 年度资金总额 beside 中期资金总额, names no
  // field of its own). Returns true.
  bool mark_fund_words(const Row& row, const std::vector<int>& cells) {
    for (int c : cells) {
      const std::string k = key(row.cells[c]);
      if (!t_.fund_role(k).empty()) marks().label(row.cells[c].loc(), kRoleRowLabel);
      else if (!t_.fund_column(k).empty()) marks().label(row.cells[c].loc(), kRoleColumn);
    }
    return true;
  }

  // 总体目标: a header row names 中期目标 / 年度目标 (or 预期目标 / 实际完成情况);
  // the text rows below fill them by column, or in order.
  bool goals_row(const Row& row, const std::vector<int>& cells, bool label_row) {
    const size_t from = label_row ? 1 : 0;
    int headers = 0;
    for (size_t j = from; j < cells.size(); ++j) headers += !t_.goal_column(key(row.cells[cells[j]])).empty();
    if (headers >= 1 && headers == static_cast<int>(cells.size() - from)) {
      for (size_t j = from; j < cells.size(); ++j) goal_cols_[cells[j]] = t_.goal_column(key(row.cells[cells[j]]));
      for (size_t j = from; j < cells.size(); ++j) marks().label(row.cells[cells[j]].loc(), kRoleColumn);
      return true;
    }
    if (from >= cells.size()) return label_row;
    std::vector<std::string> order;
    for (const auto& [col, field] : goal_cols_) order.push_back(field);
    if (order.empty()) order = {self_eval() ? "goal_expected" : "annual_goal"};
    if (order.size() == 1 && cells.size() - from > 1) return false;
    for (size_t j = from; j < cells.size(); ++j) {
      const Cell& c = row.cells[cells[j]];
      auto it = goal_cols_.find(cells[j]);
      const std::string field = it != goal_cols_.end() ? it->second : j - from < order.size() ? order[j - from] : order.back();
      append_text(field, c.text, c.loc());
    }
    return true;
  }

  static std::string* ind_field(ProjectIndicator& r, const std::string& field) {
    if (field == "mid") return &r.mid;
    if (field == "year") return &r.year;
    if (field == "actual") return &r.actual;
    if (field == "weight") return &r.weight;
    if (field == "score") return &r.score;
    if (field == "reason") return &r.reason;
    return nullptr;
  }

  bool indicator_header(const Row& row, const std::vector<int>& cells) {
    std::map<int, std::string> cols;
    for (int c : cells) {
      const std::string k = key(row.cells[c]);
      if (u8_length(row.cells[c].text) > 16) continue;
      const std::string role = t_.indicator_column(k);
      if (!role.empty()) cols[c] = role;
    }
    bool has_name = false;
    for (const auto& [c, role] : cols) has_name = has_name || role == "name";
    if (!has_name || cols.size() < 3) return false;
    if (t_.indicator_label.matches(key(row.cells[cells.front()]))) marks().label(row.cells[cells.front()].loc(), kRoleHeading);
    label_row(row, kRoleColumn);  // the row is the table's header: its other cells are headers too
    ind_cols_ = cols;
    for (const auto& [c, role] : cols)
      if (role == "name") ind_name_col_ = c;
    part_ = Part::Indicators;
    return true;
  }

  bool group_word(const std::string& k) const { return !t_.level1(k).empty() || t_.is_level2(k); }

  bool indicator_row(const Row& row, const std::vector<int>& cells) {
    size_t j = 0;
    if (t_.indicator_label.matches(key(row.cells[cells[0]]))) ++j;  // "绩效指标" merged down the left
    const size_t first = j;
    std::vector<int> groups;
    while (j < cells.size() && group_word(key(row.cells[cells[j]])) && j + 1 < cells.size()) groups.push_back(cells[j++]);
    if (j >= cells.size()) return false;
    const int name_cell = cells[j];
    const Cell& name = row.cells[name_cell];
    if (amount_text(name.text)) return false;
    // Group cells: two are 一级 and 二级; one is 一级 when it is a 一级 word in
    // the 一级 column (or not a 二级 word), else 二级.
    int level1_col = -1;
    for (const auto& [c, role] : ind_cols_)
      if (role == "level1") level1_col = c;
    const int offset = ind_name_col_ >= 0 ? name_cell - ind_name_col_ : 0;
    for (size_t g = 0; g < groups.size(); ++g) {
      const std::string k = key(row.cells[groups[g]]);
      const std::string l1 = t_.level1(k);
      const bool in_level1_column = level1_col >= 0 && groups[g] - offset == level1_col;
      const bool as_level1 = !l1.empty() && (groups.size() == 2 ? g == 0 : (in_level1_column || !t_.is_level2(k)));
      if (as_level1) level1_ = std::string(row.cells[groups[g]].text), level2_.clear();
      else level2_ = std::string(row.cells[groups[g]].text);
      marks().field(row.cells[groups[g]].loc(), as_level1 ? kRoleLevel1 : kRoleLevel2);
    }
    if (first > 0) marks().label(row.cells[cells[0]].loc(), kRoleHeading);
    ProjectIndicator ind;
    ind.level1 = level1_;
    ind.level2 = level2_;
    ind.name = std::string(name.text);
    ind.src.at = name.loc();
    ind.src.cells["name"] = name.loc();
    // Values: by the header's columns, shifted with the name; else in order.
    std::vector<std::string> order;
    for (const auto& [c, role] : ind_cols_)
      if (c > ind_name_col_) order.push_back(role);
    size_t next = 0;
    for (size_t v = j + 1; v < cells.size(); ++v) {
      const Cell& c = row.cells[cells[v]];
      auto it = ind_cols_.find(cells[v] - offset);
      const std::string field = it != ind_cols_.end() && it->first > ind_name_col_ ? it->second
                                : next < order.size()                            ? order[next]
                                                                                  : "reason";
      if (it != ind_cols_.end()) {
        next = static_cast<size_t>(std::find(order.begin(), order.end(), it->second) - order.begin()) + 1;
      } else {
        ++next;
      }
      if (std::string* into = ind_field(ind, field)) {
        if (!into->empty()) *into += " ";
        *into += std::string(c.text);
        // The field keeps the position of its last cell; earlier ones are parts of it.
        if (const auto was = ind.src.cells.find(field)) marks().part(*was, c.loc());
        ind.src.cells[field] = c.loc();
      } else {
        unread_cell(c, "指标行中这一格所在的列不是指标的值栏目");
      }
    }
    f().project_indicators.push_back(std::move(ind));
    return true;
  }

  // "总分 | 100 | 92.5": the points (100) and the score; one number is the score.
  bool total_score(const Row& row, const std::vector<int>& cells) {
    std::vector<const Cell*> numbers;
    for (size_t j = 1; j < cells.size(); ++j)
      if (is_number_text(trim(row.cells[cells[j]].text))) numbers.push_back(&row.cells[cells[j]]);
      else unread_cell(row.cells[cells[j]], "总分一行中的非数字内容");
    part_ = Part::End;
    marks().label(row.cells[cells[0]].loc(), kRoleRowLabel);
    // The points the template prints (100) before the score.
    for (size_t j = 0; j + 1 < numbers.size(); ++j) marks().decoration(numbers[j]->loc());
    if (numbers.empty()) return true;
    f().total_score = std::string(numbers.back()->text);
    f().total_score_src = numbers.back()->loc();
    return true;
  }
};

}  // namespace

Recognized recognize_project(const Grid& grid, FormKind kind) { return ProjectRecognizer(grid, kind).run(); }

}  // namespace formcheck
