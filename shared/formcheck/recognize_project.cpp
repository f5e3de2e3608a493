// The project-level recognizer: 项目支出绩效目标表 (财预〔2015〕88号 and the
// Jiangsu variants) and 项目支出绩效自评表 (财预〔2020〕10号). Both are one page
// of labelled blocks: header fields (项目名称, 主管部门, 实施单位 …), the 项目资金
// table, the 总体目标, the indicator table and, in the self-evaluation, 总分.
// Labels, fund rows and columns and level words come from template-project.json;
// a row is read by what its cells say, and values by the columns its block's
// header named (right-aligned to the 三级 name when an extractor dropped cells).
#include <algorithm>
#include <map>
#include <set>

#include "formcheck/arith.hpp"
#include "formcheck/identities.hpp"
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
    report_missing_labels();
    report_unused();
    return std::move(out_);
  }

  // "未填写" needs a label the reader met: a required part whose label never
  // appeared (a form cut off, a block the reader did not know) is not read,
  // so it is unsure and import.ambiguous says so. An indicator table that
  // runs to the end of the document may be cut: a missing 一级 after the last
  // one present is not judged (project_indicators.end).
  void report_missing_labels() {
    Loc at;
    for (const Row& row : grid_.rows)
      if (!row.blank()) at = row.loc();
    auto missing = [&](const std::string& part, const std::string& title) {
      unsure(part, title, at,
             "没有找到“" + title + "”栏目（表单可能不完整，或栏目名称与模板不同），未据此判断“" + title + "”未填写。",
             "请核对表单是否完整，“" + title + "”的栏目名称是否与模板一致。");
    };
    if (!labels_seen_.count("project_name")) missing("project_name", "项目名称");
    if (!labels_seen_.count("unit")) missing("unit", "实施单位");
    if (!labels_seen_.count("department")) missing("department", "主管部门");
    if (!labels_seen_.count("goals")) {
      missing("annual_goal", self_eval() ? "年度总体目标" : "年度目标");
      missing("goal_expected", "年度总体目标·预期目标");
    } else if (!labels_seen_.count("annual_goal") && !self_eval()) {
      missing("annual_goal", "年度目标");
    }
    if (f().project_funds.empty() && !labels_seen_.count("funds")) missing("project_funds", "项目资金");
    if (f().project_indicators.empty() && part_ != Part::Indicators) missing("project_indicators", "绩效指标");
    if (part_ == Part::Indicators && !after_indicators_) f().unsure.push_back({"project_indicators.end", "the table runs to the end"});
  }

 private:
  const ProjectTemplate& t_;
  enum class Part { Header, Funds, Goals, Indicators, End };
  Part part_ = Part::Header;
  std::map<int, std::string> fund_cols_, goal_cols_, ind_cols_;  // column -> field
  std::map<int, std::string> side_cols_;       // target table: a label's column -> "mid" | "year"
  std::vector<std::set<std::string>> claimed_;  // per project_funds row: the fields it has had
  int ind_name_col_ = -1;
  std::string level1_, level2_;
  bool level1_inferred_ = false;
  std::string side_;                       // 项目资金 laid out like the department-wide table: "income" | "expense"
  std::set<std::string> labels_seen_;      // header / goal fields whose label the reader met
  bool after_indicators_ = false;          // a row after the indicator table was read (总分, texts)
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
      labels_seen_.insert("funds");
      side_.clear();
      marks().label(c0.loc(), kRoleHeading);
      note_money_unit(c0.text, c0.loc(), "project_funds", "项目资金");  // "项目资金（元）"
      return funds_row(row, cells, true) && mark_fund_words(row, cells);
    }
    if (t_.goal_label.matches(k0)) {
      if (part_ == Part::Indicators) after_indicators_ = true;
      part_ = Part::Goals;
      labels_seen_.insert("goals");
      if (const std::string col = t_.goal_column(k0); !col.empty()) labels_seen_.insert(col);
      if (contains(k0, "年度")) labels_seen_.insert("annual_goal");
      marks().label(c0.loc(), kRoleHeading);
      return goals_row(row, cells, true);
    }
    // "单位：元" on a line of its own, above or in the 项目资金 block.
    if ((part_ == Part::Header || part_ == Part::Funds) && cells.size() == 1 && u8_length(c0.text) <= 20 &&
        note_money_unit(c0.text, c0.loc(), "project_funds", "项目资金"))
      return true;
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
      // 完成时间 / 项目期限 are also indicator names: header fields only above the tables.
      const bool date_below = part_ != Part::Header && (field == "start_date" || field == "end_date" || field == "project_period");
      if (field.empty() || u8_length(label) > 12 || date_below) {
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
      labels_seen_.insert(field);
      if (part_ == Part::Indicators) after_indicators_ = true;
      if (field == "project_name") f().project_name = value, f().project_name_src = at;
      else if (field == "unit") f().unit = value, f().unit_src = at;
      else append_text(field, value, at);
    }
    if (any)
      for (const Cell* c : other) unread_cell(*c, "表头一行中这一格不是栏目名称，也不在栏目名称之后");
    return any;
  }

  // The row of `role` a value of `field` goes to: the first of that role that
  // has not had that field yet (a target table names a line twice on one row,
  // 中期 and 年度), else a new row — a line the table holds twice keeps both
  // copies (money.duplicate_line speaks of the second).
  ProjectFundRow& fund(const std::string& role, const std::string& name, Loc at, const std::string& field) {
    for (size_t i = 0; i < f().project_funds.size(); ++i)
      if (f().project_funds[i].role == role && !claimed_[i].count(field)) {
        claimed_[i].insert(field);
        return f().project_funds[i];
      }
    ProjectFundRow r;
    r.role = role;
    r.name = name;
    r.src.at = at;
    f().project_funds.push_back(std::move(r));
    claimed_.push_back({field});
    return f().project_funds.back();
  }

  static std::string* fund_field(ProjectFundRow& r, const std::string& field) {
    if (field == "mid") return &r.mid;
    if (field == "half") return &r.half;
    if (field == "year") return &r.year;
    if (field == "initial") return &r.initial;
    if (field == "budget") return &r.budget;
    if (field == "executed") return &r.executed;
    if (field == "weight") return &r.weight;
    if (field == "rate") return &r.rate;
    if (field == "score") return &r.score;
    return nullptr;
  }

  // The fields of a self-evaluation row's values when an extractor dropped
  // cells (fewer values than header columns, or values outside them): in
  // the header's order, a percentage as the rate and a number elsewhere, and
  // among those placements the ones under which 执行率 = 全年执行数 ÷ 全年预算数
  // holds. Placements that still tie and read the row differently leave the
  // table unsure (import.ambiguous); the leftmost is kept.
  std::vector<std::string> fund_slots(const Row& row, const std::vector<int>& values, const std::string& name) {
    std::vector<std::string> order;
    for (const auto& [col, field] : fund_cols_)
      if (fund_field_known(field)) order.push_back(field);
    const size_t n = values.size(), m = order.size();
    std::vector<std::string> texts;
    for (int v : values) texts.push_back(trim(row.cells[static_cast<size_t>(v)].text));
    if (n > m || m > 12) {  // more values than columns: those under a column take it, the rest are reported
      std::vector<std::string> out(n);
      for (size_t k = 0; k < n; ++k)
        if (auto it = fund_cols_.find(values[k]); it != fund_cols_.end()) out[k] = it->second;
      return out;
    }
    std::vector<std::string> best(n);
    std::vector<std::map<std::string, std::string>> readings;
    int best_score = -1;
    for (unsigned mask = 0; mask < (1u << m); ++mask) {
      if (static_cast<size_t>(__builtin_popcount(mask)) != n) continue;
      std::vector<std::string> fields;
      for (size_t c = 0; c < m; ++c)
        if (mask >> c & 1) fields.push_back(order[c]);
      bool fits = true;
      std::map<std::string, std::string> reading;
      for (size_t k = 0; k < n; ++k) {
        const bool rate = fields[k] == "rate";
        if ((is_rate_text(texts[k]) && !rate) || (is_number_text(texts[k]) && rate)) fits = false;
        reading[fields[k]] = texts[k];
      }
      if (!fits) continue;
      int score = 0;
      if (reading.count("rate") && reading.count("executed") && reading.count("budget")) {
        const auto r = percent(reading["rate"]);
        const auto e = money(reading["executed"], f().money_unit), b = money(reading["budget"], f().money_unit);
        if (r && e && b && !b->is_zero() && agrees(check_rate(*e, *b, *r, 2))) score += 2;
      }
      if (score > best_score) best_score = score, best = fields, readings = {reading};
      else if (score == best_score && std::find(readings.begin(), readings.end(), reading) == readings.end())
        readings.push_back(reading);
    }
    if (readings.size() > 1)
      unsure("project_funds", "项目资金·" + name, row.cells[static_cast<size_t>(values.front())].loc(),
             "“" + name + "”一行有 " + std::to_string(n) + " 个值，少于表头的列（空单元格可能被提取工具丢掉），表头和执行率都"
             "不能确定它们各属哪一列；项目资金的合计与执行率未据此检查。",
             "请从原表复制，保留空单元格（或在空白处填 0）。");
    return best;
  }

  static bool fund_field_known(const std::string& field) {
    ProjectFundRow r;
    return fund_field(r, field) != nullptr;
  }

  // The 项目资金 block. A header row names the columns (年初预算数 … 得分) of the
  // self-evaluation; the target table pairs a label with its amount, 中期 and
  // 年度 told apart by the columns of the labels that say which (中期资金总额,
  // 年度资金总额), else 中期 on the left and 年度 on the right.
  bool funds_row(const Row& row, const std::vector<int>& cells, bool label_row) {
    size_t from = label_row ? 1 : 0;
    // 收入 / 支出 (the 江苏 2024 layout): a side word starts its part's header row.
    bool side_word = false;
    if (from < cells.size())
      if (const std::string side = t_.fund_side(key(row.cells[cells[from]])); !side.empty() && u8_length(row.cells[cells[from]].text) <= 4) {
        side_ = side, side_word = true;
        marks().label(row.cells[cells[from]].loc(), kRoleHeading);
        ++from;
      }
    // Column headers.
    int header_cells = 0;
    for (size_t j = from; j < cells.size(); ++j)
      if (!t_.fund_column(key(row.cells[cells[j]])).empty() && t_.fund_role(key(row.cells[cells[j]])).empty()) ++header_cells;
    if (header_cells >= 2 || (side_word && header_cells >= 1)) {
      fund_cols_.clear();
      std::set<std::string> seen;
      for (size_t j = from; j < cells.size(); ++j) {
        std::string field = t_.fund_column(key(row.cells[cells[j]]));
        if (!field.empty() && !seen.insert(field).second) {
          unsure("project_funds", "项目资金·表头", row.cells[cells[j]].loc(),
                 "项目资金表头有两列都是“" + column_title("project_funds", field) + "”，无法确定哪一列是；后一列的值未参与检查。",
                 "请核对表头，使每一列的名称各不相同。");
          field.clear();
        }
        fund_cols_[cells[j]] = field;  // "" = a column the template does not know: its values are reported
        if (field != "rate") note_money_unit(row.cells[cells[j]].text, row.cells[cells[j]].loc(), "project_funds", "项目资金");
        // A column title the template does not know: said at its cell (its values are reported as unplaced).
        if (t_.fund_column(key(row.cells[cells[j]])).empty() && t_.fund_role(key(row.cells[cells[j]])).empty())
          unread_cell(row.cells[cells[j]], "项目资金表头中的这一栏名称无法识别");
      }
      return true;
    }
    bool any = false;
    std::vector<std::pair<std::string, size_t>> pairs;  // role, cell index of its label
    for (size_t j = from; j < cells.size(); ++j) {
      const std::string role = t_.fund_role(key(row.cells[cells[j]]));
      if (!role.empty()) pairs.emplace_back(role, j);
    }
    // Below 支出 every named row is a spending line.
    if (pairs.empty() && side_ == "expense" && from < cells.size() && !amount_like(row.cells[cells[from]].text))
      pairs.emplace_back("expense", from);
    if (side_word && pairs.empty()) return true;  // "收入" alone
    // A row of the block with no line name: its amounts have no line to go to.
    if (pairs.empty() && part_ == Part::Funds && !label_row) {
      bool amounts = false;
      for (size_t j = from; j < cells.size(); ++j) {
        const std::string_view t = row.cells[cells[j]].text;
        amounts = amounts || is_rate_text(t) || (amount_like(t) && !is_blank_mark(t));
      }
      if (!amounts) return false;
      for (size_t j = from; j < cells.size(); ++j) unplaced(row.cells[cells[j]], "项目资金", "这一行没有模板的资金项目名称");
      return true;
    }
    if (!pairs.empty()) before_line_name(row, cells[pairs.front().second], "项目资金");
    for (size_t p = 0; p < pairs.size(); ++p) {
      const auto& [role, j] = pairs[p];
      const Cell& label = row.cells[cells[j]];
      const size_t end = p + 1 < pairs.size() ? pairs[p + 1].second : cells.size();
      std::vector<int> values;  // cell indices
      for (size_t v = j + 1; v < end; ++v) {
        // "财政拨款 | 小计 | 80": 小计 is part of the line's name.
        if (v == j + 1 && t_.fund_subtotal.matches(key(row.cells[cells[v]]))) {
          marks().label(row.cells[cells[v]].loc(), kRoleRowLabel);
          continue;
        }
        values.push_back(cells[v]);
      }
      std::string r = role;
      // "其中：财政拨款" is the line 财政拨款.
      std::string name(trim(label.text));
      for (const char* lead : {"其中：", "其中:", "其中"})
        if (starts_with(name, lead)) name = trim(name.substr(std::string(lead).size()));
      if (r == "mid_total") r = "total";
      any = true;
      if (!fund_cols_.empty()) {
        ProjectFundRow& line = fund(r, name, label.loc(), "row");
        // By the header's columns; a row with cells dropped or outside them, by its content.
        bool by_column = true;
        for (int v : values) by_column = by_column && fund_cols_.count(v);
        // A row shorter than the header, its values right after the label with
        // no gap and fewer than the columns: an extractor dropped its empty
        // cells, so their columns say nothing.
        size_t columns = 0;
        for (const auto& [col, field] : fund_cols_) columns += fund_field_known(field);
        const bool dropped = !values.empty() && static_cast<int>(row.cells.size()) <= fund_cols_.rbegin()->first &&
                             values.back() - cells[j] == static_cast<int>(values.size()) && values.size() < columns;
        by_column = by_column && !dropped;
        const std::vector<std::string> fields = by_column ? std::vector<std::string>() : fund_slots(row, values, name);
        for (size_t v = 0; v < values.size(); ++v) {
          const Cell& c = row.cells[values[v]];
          const std::string field = by_column ? fund_cols_[values[v]] : fields[v];
          std::string* into = fund_field(line, field);
          if (!into) {
            unplaced(c, "项目资金", "表头没有这一栏，或这一行的值多于表头");
            continue;
          }
          *into = std::string(c.text);
          line.src.cells[field] = c.loc();
        }
        continue;
      }
      // Target table: 中期 or 年度 by what the label says, else by the column
      // of a label that said it, else the first pair of two is 中期.
      const std::string k = key(label);
      std::string field;
      if (role == "mid_total" || contains(k, "中期")) field = "mid";
      else if (contains(k, "年度")) field = "year";
      if (!field.empty()) {
        side_cols_[cells[j]] = field;
      } else if (auto it = side_cols_.find(cells[j]); it != side_cols_.end()) {
        field = it->second;
      } else if (side_cols_.size() >= 2 && pairs.size() < 2) {
        // The labels' columns are known and this one is under neither: no way to tell.
        unsure("project_funds", "项目资金·" + name, label.loc(),
               "“" + name + "”不在“中期”或“年度”标签所在的列，无法确定其金额属于中期还是年度；项目资金的合计未据此检查。",
               "请把这一行放在与“中期资金总额”“年度资金总额”对齐的列中。");
        field = "year";
      } else {
        field = pairs.size() >= 2 ? (p == 0 ? "mid" : "year") : "year";
      }
      ProjectFundRow& line = fund(r, name, label.loc(), field);
      if (role == "total") line.name = name;  // 年度资金总额 names the line, not 中期资金总额
      for (size_t v = 0; v < values.size(); ++v) {
        const Cell& c = row.cells[values[v]];
        if (v > 0) {  // one amount per label: a second has no column
          unplaced(c, "项目资金", "一个标签只对应一个金额");
          continue;
        }
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
      for (size_t j = from; j < cells.size(); ++j) {
        goal_cols_[cells[j]] = t_.goal_column(key(row.cells[cells[j]]));
        labels_seen_.insert(goal_cols_[cells[j]]);
      }
      for (size_t j = from; j < cells.size(); ++j) marks().label(row.cells[cells[j]].loc(), kRoleColumn);
      return true;
    }
    if (from >= cells.size()) return label_row;
    std::vector<std::string> order;
    for (const auto& [col, field] : goal_cols_) order.push_back(field);
    // A label that names its column ("中长期目标 | …") puts its text there.
    if (label_row && goal_cols_.empty())
      if (const std::string col = t_.goal_column(key(row.cells[cells[0]])); !col.empty()) order = {col};
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
    if (field == "half") return &r.half;
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

  // "(50分)", "50分": an 一级 cell reduced to its points.
  static bool points_only(const std::string& k) {
    std::string t = k;
    if (starts_with(t, "(") && ends_with(t, ")")) t = t.substr(1, t.size() - 2);
    if (!ends_with(t, "分") || t.size() <= std::string("分").size()) return false;
    t = t.substr(0, t.size() - std::string("分").size());
    return !t.empty() && t.size() <= 3 && std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
  }

  // The 一级 a cell names, "产出指标(50分)" included (the 10号 self-evaluation prints the points after it).
  std::string level1_word(const std::string& k) const {
    std::string l1 = t_.level1(k);
    if (const size_t open = k.find('('); l1.empty() && open != std::string::npos && open > 0 && ends_with(k, "分)"))
      l1 = t_.level1(k.substr(0, open));
    return l1;
  }

  bool group_word(const std::string& k) const { return !level1_word(k).empty() || t_.is_level2(k) || points_only(k); }

  // "指标1：完成…" -> "完成…"; "指标1：" -> "" (the template's placeholder prefix).
  std::string without_placeholder_prefix(const std::string& name) const {
    if (t_.name_prefix.empty() || !starts_with(name, t_.name_prefix)) return name;
    size_t i = t_.name_prefix.size();
    const size_t digits = i;
    while (i < name.size() && name[i] >= '0' && name[i] <= '9') ++i;
    if (i == digits) return name;
    for (const char* colon : {"：", ":", "、", "."})
      if (name.compare(i, std::string(colon).size(), colon) == 0) return trim(name.substr(i + std::string(colon).size()));
    return i == name.size() ? std::string() : name;
  }

  bool placeholder_name(const std::string& name) const {
    const std::string k = match_key(name);
    return k.empty() || std::find(t_.placeholder_names.begin(), t_.placeholder_names.end(), k) != t_.placeholder_names.end();
  }

  // A template placeholder row ("指标1：", "……"): neither an indicator nor an
  // error. Its cells are the template's print; a real value in it is reported.
  bool placeholder_row(const Row& row, const std::vector<int>& cells, size_t name_at) {
    marks().decoration(row.cells[cells[name_at]].loc());
    for (size_t v = name_at + 1; v < cells.size(); ++v) {
      const Cell& c = row.cells[cells[v]];
      if (placeholder_name(std::string(c.text)) || is_blank_mark(c.text)) marks().decoration(c.loc());
      else unread_cell(c, "模板占位行（“指标1：”“……”）中的内容，未作为指标读取");
    }
    return true;
  }

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
    const std::string name_text = without_placeholder_prefix(trim(name.text));
    // Group cells: two are 一级 and 二级; one is 一级 when it is a 一级 word in
    // the 一级 column (or not a 二级 word), else 二级.
    int level1_col = -1;
    for (const auto& [c, role] : ind_cols_)
      if (role == "level1") level1_col = c;
    const int offset = ind_name_col_ >= 0 ? name_cell - ind_name_col_ : 0;
    for (size_t g = 0; g < groups.size(); ++g) {
      const std::string k = key(row.cells[groups[g]]);
      const std::string l1 = level1_word(k);
      const bool in_level1_column = level1_col >= 0 && groups[g] - offset == level1_col;
      const bool as_level1 = points_only(k) || (!l1.empty() && (groups.size() == 2 ? g == 0 : (in_level1_column || !t_.is_level2(k))));
      if (as_level1) level1_ = std::string(row.cells[groups[g]].text), level2_.clear();
      else level2_ = std::string(row.cells[groups[g]].text);
      marks().field(row.cells[groups[g]].loc(), as_level1 ? kRoleLevel1 : kRoleLevel2);
    }
    if (first > 0) marks().label(row.cells[cells[0]].loc(), kRoleHeading);
    if (placeholder_name(name_text)) return placeholder_row(row, cells, j);
    ProjectIndicator ind;
    ind.level1 = level1_;
    ind.level2 = level2_;
    // An 一级 missing or reduced to its points: its 二级 says which.
    if (level1_word(match_key(level1_)).empty() && !level2_.empty())
      if (const std::string l1 = t_.inferred_level1(match_key(level2_)); !l1.empty()) ind.level1 = l1, ind.level1_inferred = true;
    ind.name = name_text;
    ind.src.at = name.loc();
    ind.src.cells["name"] = name.loc();
    // Values: by the header's columns, shifted with the name; else in order.
    std::vector<std::string> order;
    for (const auto& [c, role] : ind_cols_)
      if (c > ind_name_col_) order.push_back(role);
    size_t next = 0;
    const Cell *op = nullptr, *unit = nullptr;
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
      if (field == "op" || field == "unit") {  // parts of the value split over 指标性质 | 指标值 | 度量单位
        (field == "op" ? op : unit) = &c;
        continue;
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
    join_value_parts(ind, op, unit);
    f().project_indicators.push_back(std::move(ind));
    return true;
  }

  // 指标性质 | 指标值 | 度量单位 are one value ("≥" "30" "万元" -> "≥30万元") whose
  // place is the 指标值 cell; the other two are consumed as its parts.
  void join_value_parts(ProjectIndicator& ind, const Cell* op, const Cell* unit) {
    if (!op && !unit) return;
    const std::string o = op ? trim(op->text) : "", u = unit ? trim(unit->text) : "";
    if (ind.year.empty() && !ind.src.cells.find("year")) {
      // No 指标值: the parts alone are the value, placed at the first of them.
      ind.year = o + u;
      const Cell* at = op ? op : unit;
      ind.src.cells["year"] = at->loc();
      if (op && unit) marks().part(at->loc(), unit->loc());
      return;
    }
    ind.year = o + ind.year + u;
    const Loc at = *ind.src.cells.find("year");
    if (op) marks().part(at, op->loc());
    if (unit) marks().part(at, unit->loc());
  }

  // "总分 | 100 | 92.5": the points (100) and the score; one number is the score.
  bool total_score(const Row& row, const std::vector<int>& cells) {
    std::vector<const Cell*> numbers;
    for (size_t j = 1; j < cells.size(); ++j)
      if (is_number_text(trim(row.cells[cells[j]].text))) numbers.push_back(&row.cells[cells[j]]);
      else unread_cell(row.cells[cells[j]], "总分一行中的非数字内容");
    part_ = Part::End;
    after_indicators_ = true;
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
