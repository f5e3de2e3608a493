#include "formcheck/grid.hpp"

#include "formcheck/limits.hpp"
#include "formcheck/text_util.hpp"

#include <algorithm>

namespace formcheck {

// Cell packs its position into 22 + 10 bits; the input limits must fit.
static_assert(limits::kMaxRows < (1u << 22) && limits::kMaxCellsPerRow < (1u << 10));

void Grid::reserve(size_t row_count, size_t cell_count) {
  rows.reserve(row_count);
  if (cell_count <= cells_.capacity()) return;
  // Rows point into cells_: move them along with it.
  std::vector<size_t> offsets;
  offsets.reserve(rows.size());
  for (const Row& r : rows) offsets.push_back(static_cast<size_t>(r.cells.p_ - cells_.data()));
  cells_.reserve(cell_count);
  for (size_t i = 0; i < rows.size(); ++i) rows[i].cells.p_ = cells_.data() + offsets[i];
}

void Grid::add_cell(Cell c) {
  if (cells_.size() == cells_.capacity()) reserve(rows.size(), std::max<size_t>(64, cells_.size() * 2));
  cells_.push_back(c);
}

void Grid::end_row() {
  Row r;
  r.cells.p_ = cells_.data() + row_start_;
  r.cells.n_ = static_cast<uint32_t>(cells_.size() - row_start_);
  rows.push_back(r);
  row_start_ = cells_.size();
}

std::string_view Grid::clean(std::string_view raw) {
  if (is_clean_cell(raw)) return raw;
  return keep(clean_cell(raw));
}

std::string_view Grid::keep(std::string text) {
  kept_.push_back(std::move(text));
  return kept_.back();
}

bool Row::blank() const { return first() < 0; }

int Row::first() const {
  for (size_t i = 0; i < cells.size(); ++i)
    if (!cells[i].text.empty()) return static_cast<int>(i);
  return -1;
}

int Row::last() const {
  for (size_t i = cells.size(); i-- > 0;)
    if (!cells[i].text.empty()) return static_cast<int>(i);
  return -1;
}

std::string Row::joined() const {
  std::string out;
  for (const Cell& c : cells) {
    if (c.text.empty()) continue;
    if (!out.empty()) out += " | ";
    out += c.text;
  }
  return out;
}

}  // namespace formcheck
