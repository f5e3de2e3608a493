#include "formcheck/grid.hpp"

#include "formcheck/text_util.hpp"

namespace formcheck {

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
