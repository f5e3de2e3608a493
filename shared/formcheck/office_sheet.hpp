// What the .xlsx and .xls readers share (office_import.cpp, xls_import.cpp):
// a sheet's cells as read, the grid they become, and how numbers show.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "formcheck/office_import.hpp"
#include "formcheck/text_import.hpp"

namespace formcheck::office {

// One sheet's cells in the order the file gives them (rows and cells are in
// order in every file Excel, WPS or LibreOffice writes; others are sorted).
// Their texts live in one arena (no allocation per cell); the grid keeps the
// arena whole and its cells view slices of it.
struct CellEntry {
  long row;
  int col;
  uint32_t off, len;  // in SheetCells::arena
};
struct SheetCells {
  explicit SheetCells(std::string sheet = "") : name(std::move(sheet)) {}
  std::string name;
  std::vector<CellEntry> cells;  // cells written in the file, empty ones too
  std::string arena;
  long last_filled = -1;         // the last row with a value
  std::vector<std::array<long, 4>> merges;  // r1, c1, r2, c2 (0-based)
  long past_limits = 0;  // cells outside the row/column limits
  std::string first_past;
  // Findings about single cells (formulas), placed once the grid is built.
  struct Note {
    long row;
    int col;
    Finding finding;
  };
  std::vector<Note> notes;

  // Records a cell (0-based row and column; col < 0 when its reference is not
  // a column). A formatted empty cell keeps its place (a row's width tells how
  // a wrapped row continues the one above) but marks no row as filled, so an
  // empty row far below the table is formatting, not content; a value past the
  // limits is counted, not read.
  void put(long row, int col, std::string_view value);
  // Gives the cell recorded as cells[entry] its value (a formula evaluated
  // once the sheet is read).
  void set(size_t entry, std::string_view value);
};

// A reason the file cannot be read, said to the user as it is.
struct OfficeFailure {
  std::string message;
  std::string fix = "";  // "" for the reader's usual advice
};

// The workbook grid, sheet after sheet, as .xlsx and .xls build it: a blank
// row before every sheet but the first, merged regions dropping the columns
// they span to the right, each sheet's cells past the limits reported, and the
// cut cells and rows reported once the last sheet is in (finish).
class WorkbookGrid {
 public:
  explicit WorkbookGrid(OfficeGrid& out) : out_(out) {}
  void add(SheetCells cells);
  void finish() { cuts_.report(out_.findings); }

 private:
  OfficeGrid& out_;
  Cuts cuts_;
  int line_ = 0;
};

Finding office_error(const std::string& message, const std::string& fix);
// A finding of an import rule, with the severity its registry entry gives.
Finding office_finding(const std::string& rule, const std::string& message, const std::string& fix);

// A stored number as Excel's General format shows it.
std::string js_number(double v);
// What Excel shows for a number with this number format ("0.00%", "#,##0").
std::string format_number(const std::string& raw, const std::string& fmt);
// A formula that is only a constant with an optional unit (`100%`, `2场`):
// what Excel makes of text typed with a leading "=".
bool constant_formula(std::string_view f);
// Plain decimal text rounded to d places, half away from zero.
std::string round_decimal(std::string s, int d);
// Excel's built-in number formats that change what a number shows ("" else).
std::string builtin_format(int id);


}  // namespace formcheck::office
