// The target-table recognizer (部门整体预算绩效目标表). Two passes:
//  1. each row is read for what it holds — a header label, a funds line, an
//     indicator row, a group label, text — by the template's words and by the
//     grammar of values, not by its column;
//  2. what layout leaves open is settled by content: which 一级/二级 a row
//     without its own label belongs to (merged labels are printed at the top
//     or in the middle of their block), which column a lone amount is in.
//     Where two readings remain and nothing decides, the part is marked unsure
//     (import.ambiguous) and no rule judges it.
#include <algorithm>
#include <climits>
#include <map>
#include <set>

#include "formcheck/arith.hpp"
#include "formcheck/identities.hpp"
#include "formcheck/profiles.hpp"
#include "formcheck/recognize_base.hpp"
#include "formcheck/templates.hpp"
#include "formcheck/text_util.hpp"

namespace formcheck {

namespace {

using namespace recog;

constexpr size_t kShortCell = 24;  // code points: longer cells are text, not labels or amounts

bool contains_any(const std::string& key, const std::vector<std::string>& words) {
  for (const auto& w : words)
    if (contains(key, w)) return true;
  return false;
}

// A label cell: the label alone, or followed by a colon or a parenthesis.
bool label_cell(const std::string& key, const std::string& label) {
  if (label.empty() || !starts_with(key, label)) return false;
  const std::string rest = key.substr(label.size());
  return rest.empty() || rest[0] == ':' || rest[0] == '(';
}

std::string lines_text(int a, int b) {
  return a == b ? "第 " + std::to_string(a) + " 行" : "第 " + std::to_string(a) + "–" + std::to_string(b) + " 行";
}

struct FundRow {
  size_t row = 0;
  int label = -1;
  std::string role;      // template role, "" when the label is not a known line
  bool income = false;   // role is an income role
  int side_hint = 0;     // 1 income, 2 expense: the side label in force when it was read
  int half_col = -1, full_col = -1;  // the columns the header in force named 半年 / 全年
  std::vector<int> values;
};

// One indicator-table row as read, before groups are settled.
struct IndRow {
  size_t row = 0;
  int segment = 0;
  int name = -1, half = -1, full = -1;
  std::string l1, l2, kw, proj;  // the row's own group cells
  int l1_col = -1, l2_col = -1, kw_col = -1, proj_col = -1;
  bool group_only = false;  // a group label row without an indicator (empty 生态效益 row)
  bool after_break = false;  // first row after a page break (blank rows or a repeated header)
  bool one_inner = false;    // one group cell taken for the 重点工作 by position alone: it may be the 二级
};

struct Segment {
  std::map<std::string, int> col;  // column role -> header column
  bool has_half = true;
  bool duty = false;  // the 履职 table (重点工作 / 对应项目 columns)
  std::string signature;
};

class TargetRecognizer : public Recognizer {
 public:
  TargetRecognizer(const Grid& g, const ReadingHints& hints) : Recognizer(g), t_(templates().target), hints_(hints) {}

  Recognized run() {
    form().kind = FormKind::Target;
    for (size_t r = 0; r < grid_.rows.size(); ++r) {
      if (grid_.rows[r].blank()) {
        page_break_ = page_break_ || part_ == Part::Indicators;
        continue;
      }
      if (step(r)) use(r);
    }
    resolve_funds();
    resolve_indicators();
    report_missing_labels();
    report_unused();
    return std::move(out_);
  }

 private:
  const TargetTemplate& t_;
  const ReadingHints& hints_;
  std::set<std::string> stated_lines_;  // funds lines whose columns the clerk stated
  enum class Part { Header, Funds, Indicators };
  Part part_ = Part::Header;
  std::string text_key_;         // the text field continuation rows extend
  std::vector<size_t> pending_;  // text rows no label has claimed yet (a label printed below its text)
  std::vector<std::string> labels_seen_;
  int side_ = 0, half_col_ = -1, full_col_ = -1;
  std::vector<FundRow> funds_;
  std::vector<Segment> segments_;
  std::vector<IndRow> inds_;
  size_t ind_first_ = SIZE_MAX, ind_last_ = 0;
  bool page_break_ = false;  // since the last indicator row

  const Cell& cell(size_t r, int i) const { return grid_.rows[r].cells[i]; }

  // A row that is part of the form's structure ends any text field and any
  // claim of earlier text rows.
  void structural() {
    text_key_.clear();
    pending_.clear();
  }

  bool step(size_t r) {
    const Row& row = grid_.rows[r];
    const int first = row.first();
    const Cell& c0 = row.cells[first];
    const std::string k0 = key(c0);
    int filled = 0;
    for (const Cell& c : row.cells) filled += !c.text.empty();

    if (form().title.empty() && filled <= 2 && u8_length(c0.text) <= 60 &&
        (contains_any(k0, t_.title.prefix) || contains(k0, "绩效目标表"))) {
      set_title(row);
      structural();
      return true;
    }
    if (filled == 1 && part_ != Part::Indicators && unit_row(row)) return true;
    if (form().year.empty() && filled == 1)
      if (auto y = year_only(c0.text)) {
        form().year = *y;
        form().year_src = c0.loc();
        return true;
      }
    if (const std::string field = t_.header_field(k0); !field.empty() && label_cell(k0, header_label(k0)))
      return label_value(r, field);
    if (indicator_header(r)) return true;
    if (funds_label(r)) return true;
    if (part_ == Part::Indicators) {
      if (indicator_row(r)) return true;
    } else if (starts_indicators(r)) {
      return indicator_row(r);
    }
    if (part_ != Part::Indicators && funds_row(r)) {
      mark_funds_words(row);
      return true;
    }
    if (!text_key_.empty()) {
      for (const Cell& c : row.cells) append_text(text_key_, c.text, c.loc());
      return true;
    }
    pending_.push_back(r);
    return false;
  }

  std::string header_label(const std::string& key) const {
    std::string hit;
    for (const auto& n : t_.header_fields) {
      const std::string w = n.words.leading(key);
      if (w.size() > hit.size()) hit = w;
    }
    return hit;
  }

  // "单位名称 | | 苏州市…", "单位名称：苏州市…", or the label alone with its text
  // on the following rows (and, when printed below its text, on rows above).
  bool label_value(size_t r, const std::string& field) {
    const Row& row = grid_.rows[r];
    const int first = row.first();
    std::vector<size_t> before;
    if (field != "unit") before.swap(pending_);
    structural();
    part_ = Part::Header;
    labels_seen_.push_back(field);
    std::string value = split_label(row.cells[first].text).second;
    Loc at = row.cells[first].loc();
    if (field == "unit") {
      int value_col = first;
      for (int i = first + 1; i < static_cast<int>(row.cells.size()) && value.empty(); ++i)
        if (!row.cells[i].text.empty()) value = row.cells[i].text, at = row.cells[i].loc(), value_col = i;
      // "单位名称 | 某中心 | 单位：元": the money unit printed at the end of the name's row
      // is a label the funds table reads; anything else there is said at its cell.
      for (int i = value_col + 1; i < static_cast<int>(row.cells.size()); ++i) {
        const Cell& c = row.cells[i];
        if (c.text.empty()) continue;
        if (u8_length(c.text) <= 16 && !stated_money_unit(c.text).empty()) note_unit(c), marks().label(c.loc(), kRoleRowLabel);
        else unread_cell(c, "单位名称一行中单位名称之后的内容");
      }
      if (at.col != row.cells[first].loc().col) marks().label(row.cells[first].loc(), kRoleRowLabel);
      // A second 单位名称 does not replace the first (the form's own, at its top).
      if (form().unit_src.known() && !value.empty() && (at.line != form().unit_src.line || at.col != form().unit_src.col)) {
        const Cell* c = nullptr;
        for (const Cell& x : row.cells)
          if (x.loc().col == at.col) c = &x;
        if (c && value != form().unit)
          unread_cell(*c, "第 " + std::to_string(form().unit_src.line) + " 行已有单位名称“" + form().unit + "”，这里又写了一个");
        else if (c)
          marks().part(at, form().unit_src);  // the same name again
        return true;
      }
      form().unit = value;
      form().unit_src = at;
      return true;
    }
    form().texts[field];
    // A label written again continues its text: the text keeps its first
    // position, and the label's cell (with any text in it) is part of it.
    if (Loc& src = form().text_src[field]; !src.known()) src = at;
    else marks().label(row.cells[first].loc(), kRoleRowLabel);
    for (size_t b : before) {
      for (const Cell& c : grid_.rows[b].cells) append_text(field, c.text, c.loc());
      use(b);
    }
    append_text(field, value, at);
    for (int i = first + 1; i < static_cast<int>(row.cells.size()); ++i)
      append_text(field, row.cells[i].text, row.cells[i].loc());
    text_key_ = field;
    return true;
  }

  // Side labels and column headers of the funds table, wherever they are.
  // A header row names the columns anew: a column title it does not repeat is
  // no longer known (the income and expense parts have their own headers).
  bool funds_words(const Row& row, bool& side_or_column) {
    side_or_column = false;
    bool other = false;
    int half = -1, full = -1;
    for (int i = 0; i < static_cast<int>(row.cells.size()); ++i) {
      const std::string k = key(row.cells[i]);
      if (k.empty()) continue;
      if (t_.income_side.matches(k) && k.size() <= 9) side_ = 1, side_or_column = true;
      else if (t_.expense_side.matches(k) && k.size() <= 9) side_ = 2, side_or_column = true;
      else if (t_.half_column.matches(k) && half < 0) half = i, side_or_column = true;
      else if (t_.full_column.matches(k) && full < 0) full = i, side_or_column = true;
      else if (t_.funds_label.matches(k) || t_.subtotal.matches(k)) side_or_column = true;
      else other = true;
      if (t_.half_column.matches(k) || t_.full_column.matches(k) || t_.funds_label.matches(k))
        note_unit(row.cells[i]);
    }
    if (half >= 0 || full >= 0) half_col_ = half, full_col_ = full;
    return !other;
  }

  // A money unit the table head, a column title or the form's header states
  // (部门整体资金（元）, 全年预算数（元）, 单位：元). 万元 is the default and is
  // kept as "" (models of forms that state it stay as they were). Two
  // different units leave the funds unsure: no amount is judged in a unit
  // the reader had to guess.
  std::string stated_unit_;
  Loc stated_unit_at_;
  void note_unit(const Cell& c) {
    const std::string u = stated_money_unit(c.text);
    if (u.empty()) return;
    if (stated_unit_.empty()) {
      stated_unit_ = u, stated_unit_at_ = c.loc();
      form().money_unit = u == "万元" ? "" : u;
      return;
    }
    if (u != stated_unit_)
      unsure("funds", "部门整体资金·金额单位", c.loc(),
             "表中注明的金额单位不一致：第 " + std::to_string(stated_unit_at_.line) + " 行为“" + stated_unit_ + "”，第 " +
                 std::to_string(c.loc().line) + " 行为“" + u + "”。未据此核对部门整体资金。",
             "统一表头和栏目中的金额单位。");
  }

  // A row that only states the unit ("单位：元", "金额单位：万元") above the table.
  bool unit_row(const Row& row) {
    if (row.first() != row.last()) return false;
    const Cell& c = row.cells[row.first()];
    if (u8_length(c.text) > 16 || stated_money_unit(c.text).empty()) return false;
    note_unit(c);
    return true;
  }

  bool funds_label(size_t r) {
    const Row& row = grid_.rows[r];
    bool labelled = false;
    for (const Cell& c : row.cells)
      if (!c.text.empty() && t_.funds_label.matches(key(c))) labelled = true, note_unit(c);
    bool words = false;
    const bool only_words = funds_words(row, words);
    if (!labelled && !(words && only_words && part_ == Part::Funds)) return false;
    part_ = Part::Funds;
    structural();
    mark_funds_words(row);
    // The label printed on a line of the table; when no line is read there,
    // what else the row holds is said at its cell.
    if (!only_words && !funds_row(r))
      for (const Cell& c : row.cells)
        if (!c.text.empty() && !funds_word(key(c))) unread_cell(c, "部门整体资金标签所在行的这一格无法识别");
    return true;
  }

  // A word of the funds table itself (its label, a side, a column, 小计): what mark_funds_words marks.
  bool funds_word(const std::string& k) const {
    return t_.funds_label.matches(k) || t_.half_column.matches(k) || t_.full_column.matches(k) || t_.subtotal.matches(k) ||
           t_.income_side.matches(k) || t_.expense_side.matches(k);
  }

  // The funds table's own words in a row (its label, side labels, column
  // headers, 小计): labels the reader placed the table's lines by.
  void mark_funds_words(const Row& row) {
    for (const Cell& c : row.cells) {
      if (c.text.empty()) continue;
      const std::string k = key(c);
      if (t_.funds_label.matches(k)) marks().label(c.loc(), kRoleHeading);
      else if (t_.half_column.matches(k) || t_.full_column.matches(k)) marks().label(c.loc(), kRoleColumn);
      else if (t_.subtotal.matches(k) || t_.income_side.matches(k) || t_.expense_side.matches(k))
        marks().label(c.loc(), kRoleRowLabel);
    }
  }

  bool money_like(std::string_view t) const {
    const MoneyReading m = read_money(t);
    return m.usable() || m.status == MoneyReading::Overflow;
  }

  bool funds_row(size_t r) {
    const Row& row = grid_.rows[r];
    FundRow f;
    f.row = r;
    for (int i = 0; i < static_cast<int>(row.cells.size()); ++i) {
      const std::string k = key(row.cells[i]);
      if (k.empty() || is_number_text(row.cells[i].text)) continue;
      if (t_.subtotal.matches(k) || t_.income_side.matches(k) || t_.expense_side.matches(k) ||
          t_.funds_label.matches(k) || t_.half_column.matches(k) || t_.full_column.matches(k))
        continue;
      f.label = i;
      break;
    }
    if (f.label < 0 || u8_length(row.cells[f.label].text) > kShortCell * 2) return false;
    const std::string k = key(row.cells[f.label]);
    if (!t_.header_field(k).empty() || !t_.level1(k).empty()) return false;
    if (std::string role = t_.income_role(k); !role.empty()) f.role = role, f.income = true;
    else f.role = t_.expense_role(k);
    bool all_money = true, any_amount = false, at_column = false;
    for (int i = f.label + 1; i < static_cast<int>(row.cells.size()); ++i) {
      const std::string_view t = row.cells[i].text;
      if (t.empty() || t_.subtotal.matches(key(row.cells[i]))) continue;
      if (u8_length(t) > kShortCell) return false;
      all_money = all_money && money_like(t);
      any_amount = any_amount || amount_like(t);
      at_column = at_column || i == half_col_ || i == full_col_;
      f.values.push_back(i);
    }
    // A known line takes whatever its value cells say (the money rules judge
    // them). Any other line is a funds line only inside the table, and only
    // when a value stands where an amount would: an amount, a dash or a
    // spreadsheet error ("—", "#N/A") in one cell does not drop the row, nor
    // does a note ("见附件") under a column the header names.
    if (f.role.empty() && (part_ != Part::Funds || f.values.empty() || !(all_money || any_amount || at_column)))
      return false;
    if (f.role.empty() && u8_length(row.cells[f.label].text) > kShortCell * 2) return false;
    part_ = Part::Funds;
    structural();
    f.side_hint = side_;
    f.half_col = half_col_, f.full_col = full_col_;
    before_line_name(row, f.label, "部门整体资金");
    funds_.push_back(std::move(f));
    return true;
  }

  // ------------------------------------------------------------ indicators

  bool indicator_header(size_t r) {
    const Row& row = grid_.rows[r];
    Segment s;
    for (int i = 0; i < static_cast<int>(row.cells.size()); ++i) {
      const std::string k = key(row.cells[i]);
      if (k.empty() || u8_length(row.cells[i].text) > kShortCell) continue;
      const std::string role = t_.indicator_column(k);
      if (!role.empty() && !s.col.count(role)) s.col[role] = i;
    }
    if (!s.col.count("name") || s.col.size() < 2) return false;
    label_row(row, kRoleColumn);  // the row is the table's header: its other cells are headers too
    s.has_half = s.col.count("half") > 0;
    for (const auto& c : t_.duty_table_columns) s.duty = s.duty || s.col.count(c);
    for (const auto& [role, at] : s.col) s.signature += role + ";";
    structural();
    part_ = Part::Indicators;
    // A header repeated after a page break continues the same table.
    if (segments_.empty() || segments_.back().signature != s.signature) segments_.push_back(std::move(s));
    else segments_.back().col = s.col, page_break_ = true;
    return true;
  }

  // An indicator table pasted without its header row: a 一级 word first and a value last.
  bool starts_indicators(size_t r) {
    const Row& row = grid_.rows[r];
    if (row.first() != row.last() && !t_.level1(key(row.cells[row.first()])).empty() &&
        value_like(row.cells[row.last()].text) && row.last() - row.first() >= 2) {
      Segment s;
      s.col = {{"level1", row.first()}, {"level2", row.first() + 1}, {"name", row.last() - 2}, {"half", row.last() - 1},
               {"full", row.last()}};
      s.signature = "headerless";
      segments_.push_back(std::move(s));
      part_ = Part::Indicators;
      structural();
      return true;
    }
    return false;
  }

  bool is_group_word(const std::string& k) const {
    return !t_.level1(k).empty() || profiles::is_known_level2(k);
  }

  bool names_project(const std::string& k) const {
    if (k.empty()) return false;
    for (const auto& f : funds_)
      if (!f.income && f.role.empty() && key(cell(f.row, f.label)) == k) return true;
    return false;
  }

  bool indicator_row(size_t r) {
    const Row& row = grid_.rows[r];
    if (segments_.empty()) return false;
    const Segment& seg = segments_.back();
    std::vector<int> ne;
    for (int i = 0; i < static_cast<int>(row.cells.size()); ++i)
      if (!row.cells[i].text.empty()) ne.push_back(i);
    IndRow ind;
    ind.row = r;
    ind.segment = static_cast<int>(segments_.size()) - 1;
    size_t groups = 0;  // cells before the name
    if (ne.size() >= 2 && value_like(row.cells[ne.back()].text) && !is_group_word(key(row.cells[ne.back()]))) {
      size_t i = ne.size() - 1;
      ind.full = ne[i--];
      if (seg.has_half && i >= 1 && value_like(row.cells[ne[i]].text) && !is_group_word(key(row.cells[ne[i]])))
        ind.half = ne[i--];
      ind.name = ne[i];
      groups = i;
    } else {
      bool all_groups = true;
      for (int i : ne) all_groups = all_groups && is_group_word(key(row.cells[i]));
      if (!all_groups) return continuation(r, ne);
      ind.group_only = true;
      groups = ne.size();
    }
    std::vector<int> unknown;
    for (size_t g = 0; g < groups; ++g) {
      const int i = ne[g];
      const std::string k = key(row.cells[i]);
      if (!t_.level1(k).empty()) take_group(row, ind.l1, ind.l1_col, i);
      else if (profiles::is_known_level2(k)) take_group(row, ind.l2, ind.l2_col, i);
      else if (seg.col.count("project") && names_project(k)) take_group(row, ind.proj, ind.proj_col, i);
      else unknown.push_back(i);
    }
    place_unknown(seg, ind, unknown, row);
    ind_first_ = std::min(ind_first_, r);
    ind_last_ = std::max(ind_last_, r);
    structural();
    ind.after_break = page_break_;
    page_break_ = false;
    inds_.push_back(std::move(ind));
    return true;
  }

  // One group cell of an indicator row into its field. A second cell for the
  // same group replaces the first, which is said (not dropped in silence).
  void take_group(const Row& row, std::string& into, int& col, int i) {
    if (col >= 0 && col != i)
      unread_cell(row.cells[col], "指标行中这一格和同一行的“" + std::string(row.cells[i].text) + "”都像同一级分组，取了后者");
    into = row.cells[i].text;
    col = i;
  }

  // Group cells that are not level words: by their column when the row keeps
  // the header's columns, else right-aligned to the name (the inner groups
  // change most often, so a row that shows fewer group cells shows the inner ones).
  void place_unknown(const Segment& seg, IndRow& ind, const std::vector<int>& unknown, const Row& row) {
    if (unknown.empty()) return;
    auto set = [&](const std::string& role, int i) {
      if (role == "level2") take_group(row, ind.l2, ind.l2_col, i);
      else if (role == "key_work") take_group(row, ind.kw, ind.kw_col, i);
      else if (role == "project") take_group(row, ind.proj, ind.proj_col, i);
    };
    if (seg.col.count("name") && ind.name >= 0) {
      const int offset = ind.name - seg.col.at("name");
      std::vector<std::string> roles;
      for (int i : unknown) {
        std::string role;
        for (const auto& [r, c] : seg.col)
          if (c + offset == i) role = r;
        if (role != "level2" && role != "key_work" && role != "project") break;
        roles.push_back(role);
      }
      if (roles.size() == unknown.size()) {
        for (size_t j = 0; j < unknown.size(); ++j) set(roles[j], unknown[j]);
        // Shifted left by dropped cells, the row's columns are a guess too.
        ind.one_inner = offset < 0 && roles.size() == 1 && roles[0] == "key_work" && ind.l2.empty();
        return;
      }
    }
    std::vector<std::string> free;
    if (ind.l2.empty()) free.push_back("level2");
    if (seg.col.count("key_work") && ind.kw.empty()) free.push_back("key_work");
    if (free.empty()) free.push_back("level2");
    // A long text alone is the 二级 duty text, not a short work name.
    if (unknown.size() == 1 && free.front() == "level2" && u8_length(row.cells[unknown[0]].text) > 30)
      return set("level2", unknown[0]);
    const size_t skip = free.size() > unknown.size() ? free.size() - unknown.size() : 0;
    ind.one_inner = unknown.size() == 1 && skip == 1 && free.front() == "level2";
    for (size_t j = 0; j < unknown.size(); ++j) {
      const std::string& role = free[std::min(skip + j, free.size() - 1)];
      if (skip + j >= free.size()) {  // more cells than slots: the rest continues the last one
        std::string& into = role == "level2" ? ind.l2 : ind.kw;
        into += std::string(row.cells[unknown[j]].text);
        if (const int col = role == "level2" ? ind.l2_col : ind.kw_col; col >= 0)
          marks().part(row.cells[unknown[j]].loc(), row.cells[col].loc());
      } else {
        set(role, unknown[j]);
      }
    }
  }

  // A row of text fragments right after an indicator row: a cell wrapped onto
  // the next line by the extractor, appended to the field in its column.
  bool continuation(size_t r, const std::vector<int>& ne) {
    if (inds_.empty() || ne.empty()) return false;
    IndRow& prev = inds_.back();
    if (prev.group_only || grid_.rows[r].loc().line - grid_.rows[prev.row].loc().line > 2) return false;
    const Row& row = grid_.rows[r];
    for (int i : ne)
      if (value_like(row.cells[i].text) && u8_length(row.cells[i].text) <= 8 && is_number_text(row.cells[i].text))
        return false;
    const Row& above = grid_.rows[prev.row];
    for (int i : ne) {
      const std::string t(row.cells[i].text);
      int into = prev.name;
      if (i == prev.l2_col) prev.l2 += t, into = i;
      else if (i == prev.kw_col) prev.kw += t, into = i;
      else if (i == prev.proj_col) prev.proj += t, into = i;
      else extra_name_[prev.row] += t;
      if (into >= 0 && into < static_cast<int>(above.cells.size())) marks().part(row.cells[i].loc(), above.cells[into].loc());
    }
    continued_.push_back(r);
    return true;
  }
  std::map<size_t, std::string> extra_name_;  // wrapped tails of 三级 names, by the row they continue
  std::vector<size_t> continued_;

  // ------------------------------------------------------- settle the funds

  void resolve_funds() {
    bool expense_seen = false;
    std::vector<size_t> untitled;  // spending lines whose two amounts no header title placed
    // The header's half/full columns are trusted for a lone amount only when
    // every two-value row has its amounts exactly in them.
    // (Rows of a PDF's text may have lost empty cells, so a row's positions
    // count only when every two-value row sits exactly under the titles.)
    bool cols_verified = true;
    int checked = 0;
    for (const FundRow& f : funds_) {
      if (f.values.size() != 2 || f.income) continue;
      ++checked;
      cols_verified = cols_verified && f.half_col >= 0 && f.full_col >= 0 &&
                      ((f.values[0] == f.half_col && f.values[1] == f.full_col) ||
                       (f.values[0] == f.full_col && f.values[1] == f.half_col));
    }
    cols_verified = cols_verified && checked > 0;
    for (const FundRow& f : funds_) {
      const bool expense_role = !f.income && !f.role.empty();
      bool income = f.income || (!expense_role && !expense_seen && f.side_hint != 2);
      if (expense_role) expense_seen = true, income = false;
      FundLine line;
      line.name = cell(f.row, f.label).text;
      line.src.at = cell(f.row, f.label).loc();
      line.role = f.role.empty() ? (income ? "income_item" : "project") : f.role;
      auto put = [&](const char* field, int i) {
        (std::string_view(field) == "half" ? line.half : line.full) = cell(f.row, i).text;
        line.src.cells[field] = cell(f.row, i).loc();
      };
      const Row& row = grid_.rows[f.row];
      // The clerk named this column's role (原表 view): taken as said.
      auto stated = [&](int i) -> const std::string* {
        auto it = hints_.columns.find(cell(f.row, i).loc().col);
        return it == hints_.columns.end() ? nullptr : &it->second;
      };
      bool by_hint = !income && !f.values.empty();
      for (int i : f.values) by_hint = by_hint && stated(i) && (*stated(i) == "half" || *stated(i) == "full");
      // The column a header title names, when the row sits under the titles.
      auto titled = [&](int i) -> const char* {
        if (i == f.half_col && !income) return "half";
        if (i == f.full_col) return "full";
        return nullptr;
      };
      // Titles decide where the rows keep their columns: a value under a
      // title goes to it, and one under no title has no place.
      // (A lone spending amount is settled below: a row cut short may have lost its empty cells.)
      bool by_title = false;
      if (income || (cols_verified && f.values.size() >= 2))
        for (int i : f.values) by_title = by_title || titled(i);
      std::vector<int> placed;
      auto put_at = [&](const char* field, int i) { put(field, i), placed.push_back(i); };
      // The order of the two amount columns the header shows (半年 before 全年 unless it says otherwise).
      const bool full_first = f.half_col >= 0 && f.full_col >= 0 && f.full_col < f.half_col;
      if (by_hint) {
        for (int i : f.values) put_at(stated(i)->c_str(), i);
        stated_lines_.insert(line.name);
      } else if (f.values.empty()) {
      } else if (by_title) {
        for (int i : f.values)
          if (titled(i)) put_at(titled(i), i);
      } else if (income) {
        put_at("full", f.values.back());
      } else if (f.values.size() >= 2) {
        const int a = f.values[f.values.size() - 2], b = f.values.back();
        put_at(full_first ? "full" : "half", a);
        put_at(full_first ? "half" : "full", b);
        if (f.half_col < 0 || f.full_col < 0) untitled.push_back(form().funds.expense.size());
      } else if (cols_verified && f.values[0] == f.half_col && static_cast<int>(row.cells.size()) > f.full_col &&
                 f.full_col >= 0 && row.cells[f.full_col].text.empty()) {
        put_at("half", f.values[0]);
      } else {
        put_at("full", f.values[0]);  // a lone amount is the full-year budget unless the columns prove otherwise
      }
      // Values no column took: an amount is an error at its cell (a sum
      // cannot be trusted while one of the table's amounts has no place),
      // other text an info.
      const std::string place = std::string("部门整体资金·") + (income ? "收入·" : "支出·") + line.name;
      for (int i : f.values) {
        if (std::find(placed.begin(), placed.end(), i) != placed.end()) continue;
        const Cell& c = cell(f.row, i);
        if (amount_like(c.text))
          out_.findings.push_back(unplaced_amount(place, c.loc(), c.text,
                                                  "这一行的金额比表头的金额栏多，表头没有说明这一栏是什么"));
        else
          unplaced_text_.push_back(&c);
      }
      (income ? form().funds.income : form().funds.expense).push_back(std::move(line));
    }
    settle_untitled_columns(untitled);
    prefer_balanced_reading();
    for (const Cell* c : unplaced_text_) {
      Finding f = import_finding("import.unrecognized", "", "", c->loc());
      f.location.label = "第 " + std::to_string(c->loc().line) + " 行";
      f.actual = c->text;
      f.message = "部门整体资金中的“" + f.actual + "”未能归入任何一栏，未参与检查。";
      f.fix = "如属于表单内容，请检查其所在的列是否与表头一致。";
      out_.findings.push_back(std::move(f));
    }
  }
  std::vector<const Cell*> unplaced_text_;  // cells of funds rows no column took

  // Two amounts on spending lines with no column titles in force: the
  // template's order (半年, 全年) is only a guess. The form's arithmetic
  // decides (支出合计 = 资金总额 holds in the 全年 column); when it holds in
  // neither order, or in both, the funds are unsure and no sum judges them.
  void settle_untitled_columns(const std::vector<size_t>& lines) {
    if (lines.empty() || form().funds.expense.size() > 200) return;
    auto& ex = form().funds.expense;
    auto balances = [&] {
      bool checked = false, holds = true;
      for (const Identity& id : identities_of(form(), FormKind::Target)) {
        if (id.decl->rule != "money.expense_total") continue;
        const Evaluation ev = evaluate(form(), id);
        checked = checked || ev.checkable;
        holds = holds && ev.holds();
      }
      return checked && holds;
    };
    auto swap_all = [&] {
      for (size_t i : lines) {
        FundLine& l = ex[i];
        std::swap(l.half, l.full);
        const auto h = l.src.cells.find("half"), f = l.src.cells.find("full");
        if (h && f) l.src.cells["half"] = *f, l.src.cells["full"] = *h;
      }
    };
    const bool as_read = balances();
    swap_all();
    const bool swapped = balances();
    const FundLine& first = ex[lines.front()];
    const Loc at = first.src.cell("half");
    if (swapped && !as_read) {
      out_.findings.push_back(ambiguous(
          "部门整体资金·支出", at,
          "支出的两列金额没有栏目名称（半年计划执行数、全年预算数）；按“支出合计＝资金总额”成立的读法，前一列读作全年预算数、"
          "后一列读作半年计划执行数。",
          "请在支出部分的表头写明两列的名称。"));
      return;
    }
    swap_all();
    if (as_read && !swapped) return;
    unsure("funds", "部门整体资金·支出", at,
           "支出的两列金额没有栏目名称（半年计划执行数、全年预算数），而按“支出合计＝资金总额”也无法判断哪一列是全年预算数" +
               std::string(as_read ? "（两种读法都成立）" : "（两种读法都不成立）") + "。未据此核对部门整体资金的合计。",
           "请在支出部分的表头写明两列的名称。");
  }

  // A lone amount on a project line may sit in either column. When the form's
  // own identity (项目支出 = Σ project lines, each column) fails as read and
  // holds with one such amount moved to the other column, that reading is taken
  // and said.
  void prefer_balanced_reading() {
    auto& ex = form().funds.expense;
    const FundLine* total = nullptr;
    for (const auto& l : ex)
      if (l.role == "project_total") total = &l;
    if (!total || ex.size() > 200) return;
    auto holds = [&](bool half) {
      const auto t = money(half ? total->half : total->full);
      if (!t) return true;
      std::vector<Decimal> parts;
      for (const auto& l : ex)
        if (l.role == "project")
          if (auto v = money(half ? l.half : l.full)) parts.push_back(*v);
      return parts.empty() || agrees(check_sum(parts, *t, kMoneyDecimals));
    };
    if (holds(false) && holds(true)) return;
    for (auto& l : ex) {
      if (l.role != "project" || (l.half.empty() == l.full.empty()) || stated_lines_.count(l.name)) continue;
      std::swap(l.half, l.full);
      const bool ok = holds(false) && holds(true);
      if (ok) {
        const bool now_half = !l.half.empty();
        const Loc at = l.src.cell(now_half ? "full" : "half");
        l.src.cells[now_half ? "half" : "full"] = at;
        out_.findings.push_back(ambiguous(
            "部门整体资金·支出·" + l.name, at,
            "“" + l.name + "”只有一个金额 " + (now_half ? l.half : l.full) + "，按“项目支出＝各项目之和”成立的读法，读作" +
                (now_half ? "半年计划执行数" : "全年预算数") + "。",
            "如读法不对，请在原表中把金额放在正确的列。"));
        return;
      }
      std::swap(l.half, l.full);
    }
  }

  // ---------------------------------------------------- settle the groups

  std::string canon(const std::string& written) const { return t_.level1(match_key(written)); }

  // The 一级 a row's own content implies: the 履职 table, a standard indicator's
  // place in the catalog, or the 二级 it names.
  std::string name_key(const IndRow& r) const {
    if (r.name < 0) return "";
    std::string n = std::string(cell(r.row, r.name).text);
    if (auto it = extra_name_.find(r.row); it != extra_name_.end()) n += it->second;
    return match_key(n);
  }
  std::string evidence_l1(const IndRow& r, const std::string& l2) const {
    if (segments_[r.segment].duty) return t_.duty_level1;
    if (r.name >= 0)
      if (const CommonIndicator* c = profiles::find_common(name_key(r), FormKind::Target)) return c->level1;
    if (!l2.empty()) return profiles::level1_of_level2(match_key(l2));
    return "";
  }

  // Assigns each row of rows[b, e) a label from the rows that carry one.
  // top: a label covers the rows below it; centred: a label sits in the middle
  // of its rows. Rows with their own evidence keep it. Returns false when the
  // convention cannot explain the rows (rows before the first label under top).
  struct Labels {
    std::vector<std::string> value;  // per row
    std::vector<bool> guessed;       // decided by the convention's estimate alone
    bool exact = false;              // centred: every label sits exactly in the middle of its block
  };
  // Evidence only chooses between readings the layout allows: it never moves
  // a top label's boundary, and bounds a centred one where the layout leaves a range.
  bool assign(const std::vector<std::string>& own, const std::vector<std::string>& evidence,
              const std::vector<std::string>& texts, bool centred, Labels& out, bool optional = false,
              const std::vector<std::string>* inner = nullptr) const {
    const size_t n = own.size();
    out.value.assign(n, "");
    out.guessed.assign(n, false);
    std::vector<size_t> at;
    for (size_t i = 0; i < n; ++i)
      if (!own[i].empty()) at.push_back(i);
    if (at.empty()) return optional;
    if (!centred && at.front() != 0 && !optional) return false;
    if (centred && centred_exact(own, evidence, texts, at, out, inner)) return out.exact = true;
    size_t start = 0;
    for (size_t m = 0; m < at.size(); ++m) {
      const size_t p = at[m];
      const size_t q = m + 1 < at.size() ? at[m + 1] : n;  // next label (or the end)
      size_t b = q;                                         // first row of the next block
      if (m + 1 < at.size() && own[q] != own[p]) {
        // Evidence bounds the boundary: after every row that names this label,
        // at or before the first that names the next.
        size_t lo = p + 1, hi = q;
        for (size_t i = p + 1; i < q; ++i)
          if (evidence[i] == own[p]) lo = i + 1;
        for (size_t i = q; i-- > p + 1;)
          if (evidence[i] == own[q]) hi = i;
        if (lo > hi) lo = hi;
        if (!centred) lo = hi = q;  // a top label starts its block: the layout says where
        const size_t estimate = centred ? std::min(q, 2 * p - start + 1) : q;
        b = std::clamp(estimate, lo, hi);
        bool any_evidence = false;
        for (size_t i = p + 1; i < q; ++i) any_evidence = any_evidence || !evidence[i].empty();
        if (centred && lo < hi && !any_evidence)
          for (size_t i = lo; i < hi; ++i) out.guessed[i] = true;
      }
      for (size_t i = (m == 0 && (centred || !optional) ? 0 : start); i < b; ++i)
        if (i >= p || centred || !optional) out.value[i] = own[p];
      start = b;
    }
    return true;
  }

  static constexpr size_t kWordCueRows = 1000;

  // The longest run of two or more characters a text shares with one label
  // that no other label contains ("成果转化" of "负责成果转化"; not "负责", not
  // the "服务" three labels end with), in code points; 0 when none. A run that
  // is in no other label stays so when it grows, so for each run ending at a
  // character only the longest one needs the test: it is made once per label.
  class DistinctiveOverlap {
   public:
    explicit DistinctiveOverlap(const std::vector<std::string>& labels) {
      for (const auto& l : labels) text_.push_back(to_u32(match_key(l)));
      for (size_t m = 0; m < text_.size(); ++m) {
        const std::u32string& l = text_[m];
        const size_t len = std::min<size_t>(l.size(), 40);
        std::vector<std::vector<bool>> own(len, std::vector<bool>(len + 1, false));  // [end][length]
        for (size_t end = 0; end < len; ++end)
          for (size_t k = 2; k <= end + 1; ++k) {
            const std::u32string part = l.substr(end + 1 - k, k);
            bool elsewhere = false;
            for (size_t o = 0; o < text_.size() && !elsewhere; ++o)
              elsewhere = text_[o] != l && text_[o].find(part) != std::u32string::npos;
            own[end][k] = !elsewhere;
          }
        distinct_.push_back(std::move(own));
      }
    }
    size_t operator()(const std::u32string& t, size_t m) const {
      const auto& own = distinct_[m];
      const size_t len = own.size(), n = std::min<size_t>(t.size(), 200);
      std::vector<unsigned> prev(len + 1, 0), cur(len + 1, 0);
      size_t best = 0;
      for (size_t i = 0; i < n; ++i) {
        for (size_t j = 0; j < len; ++j) {
          cur[j + 1] = t[i] == text_[m][j] ? prev[j] + 1 : 0;
          if (cur[j + 1] >= 2 && own[j][cur[j + 1]]) best = std::max<size_t>(best, cur[j + 1]);
        }
        std::swap(prev, cur);
      }
      return best;
    }

   private:
    std::vector<std::u32string> text_;
    std::vector<std::vector<std::vector<bool>>> distinct_;
  };

  // Centred labels, exactly: a block of k rows shows its label on row
  // (k-1)/2, so each block ends at 2p-s or 2p-s+1 (s its first row, p its
  // label) and the last ends with the table. Every chain of choices that
  // fits is tried (at most 2^16); the one evidence agrees with most wins.
  // Between chains evidence cannot tell apart, a person reads the table: a
  // block whose inner labels cannot sit in the middle of their own blocks is
  // not one the layout printed; a row that shares a run of two or more
  // characters with one label only ("受理成果转化项目" under "负责成果转化")
  // belongs with it; a boundary falls between rows that read differently
  // rather than inside a series ("企业研发周期", "企业成果转化效率" |
  // "优化营商环境"). Then the chain with fewer even-sized blocks: an odd block's label sits exactly on its middle row, an even
  // block's falls between two rows and lands on the upper one only about half
  // the time. It stays a guess: rows on which chains of equal evidence differ
  // are reported unsure.
  bool centred_exact(const std::vector<std::string>& own, const std::vector<std::string>& evidence,
                     const std::vector<std::string>& texts, const std::vector<size_t>& at, Labels& out,
                     const std::vector<std::string>* inner = nullptr) const {
    std::vector<size_t> labels;  // a label repeated on the next row of its block is one label
    for (size_t p : at)
      if (labels.empty() || own[p] != own[labels.back()]) labels.push_back(p);
    if (labels.size() > 16) return false;
    const size_t n = own.size();
    // The words are read in runs of a real table's size (a few hundred rows);
    // a generated 100,000-row run is settled by the layout alone.
    const bool read_words = texts.size() == n && n <= kWordCueRows;
    // affinity[i][m]: the characters row i shares with label m and with no other label.
    std::vector<std::vector<int>> affinity(n, std::vector<int>(labels.size(), 0));
    if (read_words) {
      std::vector<std::string> label_text;
      for (size_t p : labels) label_text.push_back(own[p]);
      const DistinctiveOverlap overlap(label_text);
      for (size_t i = 0; i < n; ++i) {
        const std::u32string t = to_u32(match_key(texts[i]));
        for (size_t m = 0; m < labels.size(); ++m) affinity[i][m] = static_cast<int>(overlap(t, m));
      }
    }
    // alike[i]: the characters rows i-1 and i share (two or more), the cost of a boundary between them.
    std::vector<int> alike(n, 0);
    if (read_words)
      for (size_t i = 1; i < n; ++i)
        if (const size_t k = longest_common_run(to_u32(match_key(texts[i - 1])), to_u32(match_key(texts[i]))); k >= 2)
          alike[i] = static_cast<int>(k);
    // A block whose inner labels (重点工作 inside a 二级) cannot sit in the
    // middle of their own blocks is a block the layout did not print.
    std::map<std::pair<size_t, size_t>, bool> inner_fits;
    auto inner_fit = [&](size_t b, size_t e) {
      if (!inner) return true;
      auto [it, fresh] = inner_fits.try_emplace({b, e}, true);
      if (fresh) it->second = fits_centred({inner->begin() + static_cast<long>(b), inner->begin() + static_cast<long>(e)});
      return it->second;
    };
    std::vector<std::vector<std::string>> best;  // the chains of the best agreement (up to 8)
    int best_score = INT_MIN, best_nested = INT_MIN, best_affinity = INT_MIN, best_cut = INT_MIN;
    int fewest_even = INT_MAX;
    size_t likeliest = 0;  // in `best`: the one read most like a person would
    std::vector<std::string> cur(n);
    std::vector<size_t> cur_label(n);
    int even = 0;
    auto dfs = [&](auto&& self, size_t m, size_t start) -> void {
      if (m == labels.size()) {
        if (start != n) return;
        int agree = 0, shared = 0, nested = 0, cut = 0;
        for (size_t i = 0; i < n; ++i) {
          if (!evidence[i].empty()) agree += evidence[i] == cur[i] ? 1 : -1;
          shared += affinity[i][cur_label[i]];
          if (i > 0 && cur_label[i] != cur_label[i - 1]) cut -= alike[i];
          if (i + 1 == n || cur_label[i + 1] != cur_label[i]) {
            size_t b = i;
            while (b > 0 && cur_label[b - 1] == cur_label[i]) --b;
            nested += inner_fit(b, i + 1);
          }
        }
        if (agree > best_score)
          best_score = agree, best.clear(), best_nested = best_affinity = best_cut = INT_MIN, fewest_even = INT_MAX;
        if (agree == best_score) {
          const int odd_prior = -even, best_odd_prior = fewest_even == INT_MAX ? INT_MIN : -fewest_even;
          if (std::tie(nested, shared, cut, odd_prior) > std::tie(best_nested, best_affinity, best_cut, best_odd_prior)) {
            best_nested = nested, best_affinity = shared, best_cut = cut, fewest_even = even;
            if (best.size() == 8) best.pop_back();
            likeliest = best.size();
            best.push_back(cur);
          } else if (best.size() < 8) {
            best.push_back(cur);
          }
        }
        return;
      }
      const size_t p = labels[m];
      if (p < start) return;
      const size_t limit = m + 1 < labels.size() ? labels[m + 1] : n;  // the block ends before the next label
      for (size_t e : {2 * p - start, 2 * p - start + 1}) {
        if (e < p || e >= limit || (m + 1 == labels.size() && e != n - 1)) continue;
        for (size_t i = start; i <= e; ++i) cur[i] = own[p], cur_label[i] = m;
        const bool is_even = (e - start + 1) % 2 == 0;
        even += is_even;
        self(self, m + 1, e + 1);
        even -= is_even;
      }
    };
    dfs(dfs, 0, 0);
    if (best.empty()) return false;
    out.value = best[likeliest];
    for (const auto& other : best)
      for (size_t i = 0; i < n; ++i)
        if (other[i] != out.value[i]) out.guessed[i] = true;
    return true;
  }

  // True when the labels in `own` can each sit in the middle of their block
  // (rows without any label fit trivially).
  bool fits_centred(const std::vector<std::string>& own) const {
    std::vector<size_t> at;
    for (size_t i = 0; i < own.size(); ++i)
      if (!own[i].empty()) at.push_back(i);
    if (at.empty()) return true;
    Labels unused;
    unused.value.assign(own.size(), ""), unused.guessed.assign(own.size(), false);
    return centred_exact(own, std::vector<std::string>(own.size()), {}, at, unused);
  }

  int centred_votes_ = 0;  // > 0: the document prints merged labels in the middle of their block

  // A group split by a page break may show its label on the second part only:
  // rows that open a run without a label, followed right after the break by
  // the run's first label, take that label. (Either convention gives them that
  // label; only a top-label layout could not explain them otherwise.)
  void carry_back_over_break(std::vector<std::string>& own, size_t first) const {
    size_t k = 0;
    while (k < own.size() && own[k].empty()) ++k;
    if (k == 0 || k == own.size() || !inds_[first + k].after_break) return;
    for (size_t i = 0; i < k; ++i) own[i] = own[k];
  }

  int agreement(const Labels& l, const std::vector<std::string>& evidence) const {
    int n = 0;
    for (size_t i = 0; i < evidence.size(); ++i)
      if (!evidence[i].empty()) n += evidence[i] == l.value[i] ? 1 : -1;
    return n;
  }

  // Chooses top or centred labels for one run of rows; rows with their own
  // evidence keep it. Returns rows decided by nothing but an estimate.
  // `convention` breaks ties (the one the document's 一级 labels showed; when
  // none is known, rows the two conventions read differently are unsure);
  // `optional` labels (重点工作, 对应项目) may be absent from a block's first rows.
  enum class Convention { Unknown, Top, Centred };
  std::vector<size_t> settle(const std::vector<std::string>& own, const std::vector<std::string>& evidence,
                             const std::vector<std::string>& texts, std::vector<std::string>& result,
                             Convention convention = Convention::Unknown, bool optional = false,
                             const std::vector<std::string>* inner = nullptr) {
    const bool prefer_centred = convention == Convention::Centred;
    Labels top, mid;
    const bool top_ok = assign(own, evidence, texts, false, top, optional);
    // Explicit merges (office files) put every label at the top of its block.
    const bool mid_ok = !grid_.explicit_merges && assign(own, evidence, texts, true, mid, optional, inner);
    std::vector<size_t> unsure_rows;
    const Labels* pick = nullptr;
    if (top_ok && mid_ok) {
      const int a = agreement(top, evidence), b = agreement(mid, evidence);
      // Top labels that explain every row beat centred ones that only fit with
      // the evidence's help: where a form files an indicator under an unusual
      // 一级, its layout is what it says (and the rules judge that).
      pick = mid.exact && (b > a || (a == b && prefer_centred)) ? &mid : &top;
      // Labels no centred block explains are a vote for top labels, whatever
      // evidence then repaired.
      centred_votes_ += mid.exact ? (b > a) - (a > b) : -1;
      if (a == b && convention == Convention::Unknown)
        for (size_t i = 0; i < own.size(); ++i)
          if (top.value[i] != mid.value[i] && evidence[i].empty()) unsure_rows.push_back(i);
    } else if (top_ok || mid_ok) {
      pick = top_ok ? &top : &mid;
      centred_votes_ += mid_ok ? 1 : -1;
    }
    result.assign(own.size(), "");
    for (size_t i = 0; i < own.size(); ++i) {
      if (pick) result[i] = pick->value[i];
      if (!evidence[i].empty() && own[i].empty() && !pick) result[i] = evidence[i];
      if (pick && pick->guessed[i] && pick == &mid && evidence[i].empty()) unsure_rows.push_back(i);
      if (result[i].empty() && !optional) unsure_rows.push_back(i);
    }
    return unsure_rows;
  }

  // Centred labels with empty cells dropped: a row that shows one group cell
  // before its name shows the 重点工作 of its own block, or the 二级 printed in
  // the middle of the 二级's block. Position cannot tell; the layout can. When
  // the 二级 labels as read cannot each sit in the middle of their block, the
  // fewest such cells are read as 二级 that make them fit, choosing, among
  // equally few, cells that read like the table's other 二级 ("负责…") rather
  // than like its 重点工作.
  void promote_shown_level2(const std::vector<std::string>& l1) {
    const size_t n = inds_.size();
    std::vector<std::string> known_l2, known_kw;  // cells whose column the row itself shows
    for (const auto& r : inds_)
      if (!r.l2.empty() && !r.kw.empty()) known_l2.push_back(r.l2), known_kw.push_back(r.kw);
    auto likeness = [](const std::string& text, const std::vector<std::string>& to) {
      const std::u32string t = to_u32(match_key(text));
      size_t best = 0;
      for (const auto& o : to) best = std::max(best, longest_common_run(t, to_u32(match_key(o))));
      return static_cast<int>(best);
    };
    for (size_t s = 0, i = 0; i < n; s = i) {
      while (i < n && inds_[i].segment == inds_[s].segment && l1[i] == l1[s]) ++i;
      std::vector<std::string> own;
      std::vector<size_t> candidates;
      for (size_t j = s; j < i; ++j) {
        own.push_back(inds_[j].l2);
        if (inds_[j].one_inner && inds_[j].l2.empty()) candidates.push_back(j);
      }
      if (candidates.empty() || candidates.size() > 12 || own.size() > kWordCueRows || fits_centred(own)) continue;
      std::vector<size_t> chosen;
      int chosen_score = INT_MIN;
      for (size_t k = 1; k <= std::min<size_t>(3, candidates.size()) && chosen.empty(); ++k) {
        std::vector<bool> pick(candidates.size(), false);
        std::fill(pick.begin(), pick.begin() + static_cast<long>(k), true);
        do {
          std::vector<std::string> trial = own;
          std::vector<size_t> set;
          int score = 0;
          for (size_t c = 0; c < candidates.size(); ++c)
            if (pick[c]) {
              const IndRow& r = inds_[candidates[c]];
              trial[candidates[c] - s] = r.kw;
              set.push_back(candidates[c]);
              score += likeness(r.kw, known_l2) - likeness(r.kw, known_kw);
            }
          if (score > chosen_score && fits_centred(trial)) chosen = set, chosen_score = score;
        } while (std::prev_permutation(pick.begin(), pick.end()));
      }
      for (size_t j : chosen) {
        IndRow& r = inds_[j];
        r.l2 = r.kw, r.l2_col = r.kw_col;
        r.kw.clear(), r.kw_col = -1;
      }
    }
  }

  // What a row says inside the group `level`: its inner group cells and its name.
  std::string inner_text(const IndRow& r, std::string IndRow::*level) const {
    std::string t;
    if (level == &IndRow::l1) t += r.l2;
    if (level == &IndRow::l1 || level == &IndRow::l2) t += " " + r.kw;
    if (level != &IndRow::proj) t += " " + r.proj;
    if (r.name >= 0) t += " " + std::string(cell(r.row, r.name).text);
    return t;
  }

  void resolve_indicators() {
    if (inds_.empty()) return;
    const size_t n = inds_.size();
    // 一级: over each table (a repeated header continues its table).
    std::vector<std::string> l1(n), written1(n);
    std::vector<size_t> unsure_l1;
    for (size_t s = 0, i = 0; i < n; s = i) {
      while (i < n && inds_[i].segment == inds_[s].segment) ++i;
      std::vector<std::string> own, ev, texts;
      for (size_t j = s; j < i; ++j) {
        own.push_back(canon(inds_[j].l1));
        ev.push_back(evidence_l1(inds_[j], inds_[j].l2));
        texts.push_back(inner_text(inds_[j], &IndRow::l1));
      }
      carry_back_over_break(own, s);
      std::vector<std::string> res;
      for (size_t u : settle(own, ev, texts, res)) unsure_l1.push_back(s + u);
      for (size_t j = s; j < i; ++j) l1[j] = res[j - s];
    }
    // Rows whose 一级 the clerk stated (原表 view) take it, and are no longer unsure.
    if (!hints_.level1.empty())
      for (size_t j = 0; j < n; ++j) {
        auto it = hints_.level1.find(grid_.rows[inds_[j].row].loc().line);
        if (it == hints_.level1.end() || canon(it->second).empty()) continue;
        l1[j] = canon(it->second);
        unsure_l1.erase(std::remove(unsure_l1.begin(), unsure_l1.end(), j), unsure_l1.end());
      }
    // What the form wrote for each 一级 ("效益指标"), for the model.
    std::map<std::string, std::string> spelled;
    for (const auto& r : inds_)
      if (!r.l1.empty() && !spelled.count(canon(r.l1))) spelled[canon(r.l1)] = r.l1;
    // 二级, then 重点工作 and 对应项目: each within the runs of the groups
    // outside it, by the convention the 一级 labels showed. A standard common
    // indicator's 二级 in the catalog is evidence only where the run itself
    // shows that label (templates move indicators between 二级 over the years,
    // and a form may group them its own way).
    const Convention convention = centred_votes_ > 0   ? Convention::Centred
                                  : centred_votes_ < 0 ? Convention::Top
                                                       : Convention::Unknown;
    if (convention == Convention::Centred) promote_shown_level2(l1);
    std::vector<std::string> l2(n), kw(n), proj(n);
    std::vector<size_t> unsure_l2;
    auto inner = [&](std::vector<std::string>& out, std::string IndRow::*own_field,
                     const std::vector<const std::vector<std::string>*>& outer, bool optional) {
      for (size_t s = 0, i = 0; i < n; s = i) {
        auto same = [&](size_t a, size_t b) {
          if (inds_[a].segment != inds_[b].segment) return false;
          for (const auto* o : outer)
            if ((*o)[a] != (*o)[b]) return false;
          return true;
        };
        while (i < n && same(s, i)) ++i;
        std::vector<std::string> own, ev(i - s), texts, inner_own;
        bool any = false;
        for (size_t j = s; j < i; ++j) {
          own.push_back(inds_[j].*own_field), any = any || !own.back().empty();
          texts.push_back(inner_text(inds_[j], own_field));
          inner_own.push_back(own_field == &IndRow::l2 ? inds_[j].kw : "");
        }
        if (!any) continue;
        carry_back_over_break(own, s);
        if (own_field == &IndRow::l2)
          for (size_t j = s; j < i; ++j) {
            const std::string l2 = profiles::level2_of_common(name_key(inds_[j]));
            if (!l2.empty() && std::find(own.begin(), own.end(), l2) != own.end()) ev[j - s] = l2;
          }
        std::vector<std::string> res;
        for (size_t u : settle(own, ev, texts, res, convention, optional, &inner_own))
          if (own_field == &IndRow::l2) unsure_l2.push_back(s + u);
        for (size_t j = s; j < i; ++j) out[j] = res[j - s];
      }
    };
    inner(l2, &IndRow::l2, {&l1}, false);
    inner(kw, &IndRow::kw, {&l1, &l2}, true);
    inner(proj, &IndRow::proj, {&l1, &l2, &kw}, true);
    for (size_t j = 0; j < n; ++j) {
      IndRow& r = inds_[j];
      Indicator ind;
      ind.level1 = l1[j].empty() ? "" : (spelled.count(l1[j]) ? spelled[l1[j]] : l1[j]);
      ind.level2 = l2[j];
      ind.key_work = kw[j];
      ind.project = proj[j];
      const Row& row = grid_.rows[r.row];
      // The row's own group cells: model fields without a position of their own.
      for (const auto& [col, role] : {std::pair<int, MarkRole>{r.l1_col, kRoleLevel1}, {r.l2_col, kRoleLevel2},
                                      {r.kw_col, kRoleKeyWork}, {r.proj_col, kRoleProject}})
        if (col >= 0) marks().field(row.cells[col].loc(), role);
      ind.src.at = row.cells[row.first()].loc();
      if (r.name >= 0) {
        ind.name = row.cells[r.name].text;
        if (auto it = extra_name_.find(r.row); it != extra_name_.end()) ind.name += it->second;
        ind.src.at = row.cells[r.name].loc();
        ind.src.cells["name"] = row.cells[r.name].loc();
      }
      if (r.full >= 0) ind.full = row.cells[r.full].text, ind.src.cells["full"] = row.cells[r.full].loc();
      if (r.half >= 0) ind.half = row.cells[r.half].text, ind.src.cells["half"] = row.cells[r.half].loc();
      form().indicators.push_back(std::move(ind));
    }
    for (size_t r : continued_) use(r);
    // Rows whose group is a guess: one import.ambiguous over their span.
    auto unsure_rows = [&](std::vector<size_t> rows, const std::string& why, const std::string& fix) {
      std::sort(rows.begin(), rows.end());
      const Loc first = grid_.rows[inds_[rows.front()].row].loc();
      const std::string lines = lines_text(first.line, grid_.rows[inds_[rows.back()].row].loc().line);
      unsure("indicators", "绩效指标·" + lines, first, lines + why, fix);
    };
    if (!unsure_l2.empty() && unsure_l1.empty())
      unsure_rows(unsure_l2,
                  "的指标属于哪个二级指标无法确定：合并的二级指标印在分组中间，分组的边界有两种同样可能的读法。"
                  "未据此检查二级指标。",
                  "请在原表中为这些行补上二级指标，或从 Excel/Word 原件导入。");
    if (!unsure_l1.empty())
      unsure_rows(unsure_l1,
                  "的指标属于哪个一级指标无法确定：合并单元格的标签可能印在分组的顶部或中间，"
                  "这些行又没有可判断的内容（共性指标名称或二级指标）。未据此检查一级指标的完整性。",
                  "请在原表中为这些行补上一级指标，或从 Excel/Word 原件导入。");
    // A row inside the tables that could not be read leaves the tables uncertain.
    for (size_t r = ind_first_; r <= ind_last_ && r < grid_.rows.size(); ++r) {
      if (used_[r] || grid_.rows[r].blank()) continue;
      if (std::find(continued_.begin(), continued_.end(), r) != continued_.end()) continue;
      const int line = grid_.rows[r].loc().line;
      unsure("indicators", "绩效指标·" + lines_text(line, line), grid_.rows[r].loc(),
             "绩效指标表中第 " + std::to_string(line) + " 行未能读出（见“未识别的内容”），指标表可能不完整，"
             "未据此检查一级指标和共性指标是否齐全。",
             "请核对该行是否为指标行，或从 Excel/Word 原件导入。");
      break;
    }
  }

  // A required label that never appeared, in a form with rows that could not
  // be read: the content may be there in a shape the reader did not know.
  void report_missing_labels() {
    std::vector<int> unread;
    for (size_t r = 0; r < grid_.rows.size(); ++r)
      if (!used_[r] && !grid_.rows[r].blank()) unread.push_back(grid_.rows[r].loc().line);
    if (unread.empty()) return;
    std::string lines;
    for (size_t i = 0; i < unread.size() && i < 5; ++i) lines += (i ? "、" : "") + std::to_string(unread[i]);
    if (unread.size() > 5) lines += " 等";
    auto missing = [&](const std::string& part, const std::string& title) {
      unsure(part, title, Loc{unread.front(), 1},
             "没有找到“" + title + "”栏目，而第 " + lines + " 行未能识别，可能包含该内容；未据此判断“" + title + "”未填写。",
             "请核对“" + title + "”的标签是否与模板一致。");
    };
    for (const auto& f : t_.header_fields) {
      if (std::find(labels_seen_.begin(), labels_seen_.end(), f.name) != labels_seen_.end()) continue;
      missing(f.name == "unit" ? "unit" : "texts." + f.name, f.name == "unit" ? "单位名称" : text_title(f.name));
    }
    if (form().year.empty()) missing("year", "年度");
    if (funds_.empty()) missing("funds", "部门整体资金");
  }
};

}  // namespace

Recognized recognize_target(const Grid& grid, const ReadingHints& hints) { return TargetRecognizer(grid, hints).run(); }

}  // namespace formcheck
