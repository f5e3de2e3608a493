// A grid: rows of cells with their source positions. Every front end (text,
// .xlsx, .docx in the page) produces one; the recognizer reads only grids.
#pragma once
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "formcheck/model.hpp"

namespace formcheck {

// A cell's text views either the input text (most cells: already clean) or
// text the grid keeps itself (Grid::clean): a 100,000-row paste then costs
// 16 bytes per cell instead of a string per cell (244 -> ~110 bytes per row).
// A grid from text must not outlive that text.
struct Cell {
  std::string_view text;  // cleaned (clean_cell)
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
  Grid() = default;
  Grid(Grid&&) = default;
  Grid& operator=(Grid&&) = default;
  Grid(const Grid&) = delete;  // cells view into kept_: a copy would view the original's
  Grid& operator=(const Grid&) = delete;

  std::vector<Row> rows;

  // clean_cell(raw) as a cell text: a view of `raw` when it is already clean
  // (then `raw` must outlive the grid), else of a copy the grid keeps.
  std::string_view clean(std::string_view raw);
  // Keeps `text` and returns a view of it (grids built from JSON).
  std::string_view keep(std::string text);

 private:
  std::deque<std::string> kept_;  // a deque never moves its elements
};

}  // namespace formcheck
