// Pieces the form recognizers share (recognize.cpp, recognize_target.cpp):
// cell tests, title/year/heading parsing, and the bookkeeping that makes sure
// every row ends up in the model or in an import.* finding.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "formcheck/recognize.hpp"

namespace formcheck::recog {

bool key_is(const std::string& key, std::initializer_list<const char*> names);
bool key_has(const std::string& key, std::initializer_list<const char*> parts);

bool is_number_text(std::string_view s);
bool is_rate_text(std::string_view s);
// A cell that can be an indicator value: a quantity, or a short level word.
bool value_like(std::string_view s);

std::optional<std::string> find_year(const std::string& text);  // "2022年" anywhere -> "2022"
std::optional<std::string> year_only(std::string_view text);    // a cell that is only a year
std::string region_of(const std::string& title);
// "一、预算部门名称：苏州…" -> {"一、预算部门名称", "苏州…"}; no colon -> {text, ""}.
std::pair<std::string, std::string> split_label(std::string_view text);
// "七、预算信息" / "7、 预算信息" -> "预算信息".
std::optional<std::string> heading_text(std::string_view text);

Finding ambiguous(const std::string& part_label, Loc at, const std::string& message, const std::string& fix);
// import.unplaced_amount (an error): an amount-like cell of a money table the
// reader could not put in any column. `place` names the row ("部门整体资金·支出·项目一").
Finding unplaced_amount(const std::string& place, Loc at, std::string_view text, const std::string& why);
// A money-table cell that stands where an amount would: a number (with or
// without a unit), a dash or slash, or a spreadsheet error value ("#N/A").
bool amount_like(std::string_view text);

class Recognizer {
 public:
  explicit Recognizer(const Grid& g) : grid_(g), used_(g.rows.size(), false) {}

 protected:
  const Grid& grid_;
  Recognized out_;
  std::vector<bool> used_;
  std::string stated_unit_;  // the first money unit stated ("万元" included)
  Loc stated_unit_at_;

  Form& form() { return out_.form; }
  Marks& marks() { return out_.marks; }
  void use(size_t r) { used_[r] = true; }
  // Every non-empty cell of `row` as a label of the kind `role` (a header row).
  void label_row(const Row& row, MarkRole role);
  // Every non-empty cell of `row` but `anchor` as part of the field whose cell is `anchor`.
  void part_row(const Row& row, Loc anchor);
  static std::string key(const Cell& c);
  void set_title(const Row& row);
  // Appends to texts[k]; a cell after the field's first is marked part of it.
  void append_text(const std::string& k, std::string_view text, Loc at);
  // One import.unrecognized info for every non-blank row not used.
  void report_unused();
  // An import.unrecognized info at one cell of a row that was read: `why` says
  // what the cell is and why it was not taken.
  void unread_cell(const Cell& c, const std::string& why);
  // A cell of a money table the reader could not place in a column: an
  // amount-like cell (amount_like) is import.unplaced_amount (an error: a
  // figure nobody checked), a text import.unrecognized (an info). `table`
  // names the table in words ("预算信息"), `why` the reason.
  void unplaced(const Cell& c, const std::string& table, const std::string& why);
  // The cells of a money table's row before its line name (`before` = the
  // name's cell index): a 序号 (a whole number of up to three digits) is a
  // label the reader used; another amount there is unplaced (an error). Text
  // cells (side labels, the table's name) are left to the labels' marks.
  void before_line_name(const Row& row, int before, const std::string& table);
  // A money unit stated in a table title, a column title or a line of the
  // form's header ("项目资金（元）", "年初预算数（元）", "单位：元") applies to the
  // form's money table: Form::money_unit ("" for 万元, the default). Two
  // different units leave `part` unsure (the first is kept). True when `text`
  // states a unit.
  bool note_money_unit(std::string_view text, Loc at, const std::string& part, const std::string& table);
  // Records that `part` could not be read with confidence, with a finding.
  void unsure(const std::string& part, const std::string& label, Loc at, const std::string& why,
              const std::string& fix);
};

}  // namespace formcheck::recog
