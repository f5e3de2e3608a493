// A grid: rows of cells with their source positions. Every front end (text,
// .xlsx, .docx in the page) produces one; the recognizer reads only grids.
#pragma once
#include <string>
#include <vector>

#include "formcheck/model.hpp"

namespace formcheck {

struct Cell {
  std::string text;  // cleaned (clean_cell)
  Loc loc;
};

struct Row {
  std::vector<Cell> cells;
  Loc loc() const { return cells.empty() ? Loc{} : cells.front().loc; }
  bool blank() const;
  // Index of the first / last non-empty cell, -1 when blank.
  int first() const;
  int last() const;
  std::string joined() const;  // non-empty cells joined with " | "
};

struct Grid {
  std::vector<Row> rows;
};

}  // namespace formcheck
