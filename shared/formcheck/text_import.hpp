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

}  // namespace formcheck
