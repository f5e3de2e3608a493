// A grid: rows of cells with their source positions. Every front end (text,
// .xlsx, .docx in the page) produces one; the recognizer reads only grids.
#pragma once
#include <cstdint>
#include <deque>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "formcheck/model.hpp"

namespace formcheck {

// A cell's text views either the input text (most cells: already clean) or
// text the grid keeps itself (Grid::clean): a 100,000-row paste then costs
// 16 bytes per cell instead of a string per cell (244 -> ~110 bytes per row).
// A grid from text must not outlive that text.
//
// Its position is packed into 32 bits (22 for the line, 10 for the column):
// the input limits keep lines under 300,000 and cells per row at 512, and a
// 100,000-row paste has ~800,000 cells (12 bytes each instead of 16).
struct Cell {
  Cell(std::string_view t, Loc l) : text(t), at_(pack(l)) {}
  std::string_view text;  // cleaned (clean_cell)
  Loc loc() const { return Loc{static_cast<int>(at_ >> kColBits), static_cast<int>(at_ & ((1u << kColBits) - 1))}; }

 private:
  static constexpr unsigned kColBits = 10;
  static uint32_t pack(Loc l) {
    if (l.line < 0 || l.col < 0 || l.line >= (1 << (32 - kColBits)) || l.col >= (1 << kColBits))
      throw std::length_error("cell position outside the input limits");
    return static_cast<uint32_t>(l.line) << kColBits | static_cast<uint32_t>(l.col);
  }
  uint32_t at_;
};

// A row's cells: a view of the grid's one array of cells (no vector and no
// heap block per row).
class Cells {
 public:
  size_t size() const { return n_; }
  bool empty() const { return n_ == 0; }
  const Cell& operator[](size_t i) const { return p_[i]; }
  const Cell& front() const { return p_[0]; }
  const Cell& back() const { return p_[n_ - 1]; }
  const Cell* begin() const { return p_; }
  const Cell* end() const { return p_ + n_; }

 private:
  friend struct Grid;
  const Cell* p_ = nullptr;
  uint32_t n_ = 0;
};

struct Row {
  Cells cells;
  Loc loc() const { return cells.empty() ? Loc{} : cells.front().loc(); }
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
  Grid(const Grid&) = delete;  // rows view cells_ and cells view kept_: a copy would view the original's
  Grid& operator=(const Grid&) = delete;

  std::vector<Row> rows;
  // The source marks merged cells explicitly (.xlsx mergeCells, .docx vMerge):
  // a merged label then sits in the first row of its block, never in the
  // middle, so the recognizer need not consider centred labels.
  bool explicit_merges = false;

  // Building: reserve (exact counts avoid growth copies of large grids), then
  // add_cell() for the cells of a row and end_row() to close it.
  void reserve(size_t rows, size_t cells);
  void add_cell(Cell c);
  size_t open_cells() const { return cells_.size() - row_start_; }  // cells of the row being built
  void end_row();

  // clean_cell(raw) as a cell text: a view of `raw` when it is already clean
  // (then `raw` must outlive the grid), else of a copy the grid keeps.
  std::string_view clean(std::string_view raw);
  // Keeps `text` and returns a view of it (grids built from JSON).
  std::string_view keep(std::string text);

 private:
  std::vector<Cell> cells_;  // every row's cells, in order
  size_t row_start_ = 0;     // first cell of the row being built
  std::deque<std::string> kept_;  // a deque never moves its elements
};

}  // namespace formcheck
