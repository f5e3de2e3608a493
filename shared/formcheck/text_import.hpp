// Text front end: turns the text users actually have into a grid.
//
// Three shapes occur (all handled here, chosen automatically):
//  - "tsv":   rows of tab-separated cells, as pasted from Excel or WPS;
//  - "lines": one cell per line (each led by a tab) with blank lines between
//             rows, as copied out of a Word table;
//  - rows wrapped over two lines by a PDF extractor arrive as "tsv" and are
//    joined by the recognizer, which knows which cells can continue.
#pragma once
#include <string>
#include <string_view>

#include "formcheck/findings.hpp"
#include "formcheck/grid.hpp"

namespace formcheck {

struct TextGrid {
  Grid grid;
  std::string mode;   // "tsv" | "lines"
  Findings findings;  // import.* errors for input that is not usable text
  bool ok = true;
};

TextGrid grid_from_text(std::string_view text);

// What the cell limits cut (cells past limits::kMaxCellsPerRow in a row, text
// past limits::kMaxCellBytes in a cell): never in silence. Each kind becomes
// one import.too_large error at the first place it hit, with how often.
class Cuts {
 public:
  // The cell text within the byte limit, ended on a character boundary.
  std::string_view cell(std::string_view raw, Loc at);
  void row(size_t cells, Loc at);  // a row of `cells` cells (counted before the cut)
  void report(Findings& out) const;

 private:
  int rows_ = 0, cells_ = 0;
  size_t widest_ = 0, longest_ = 0;
  Loc first_row_, first_cell_;
};

}  // namespace formcheck
