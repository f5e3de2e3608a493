// PDF front end: the text runs and ruling lines of a PDF's pages (the "PDF
// runs" JSON of web/js/pdf-runs.js, which pdf.js extracts in the page and
// under node for the CLI) turned into the grid the recognizer reads. One
// builder for every front door, so a PDF reads the same everywhere.
//
// A page's table drawn with ruling lines is read by its lines: columns from
// the vertical lines, rows from the horizontal ones, a cell's text being every
// run inside it (wrapped lines joined); a cell a line does not close is merged
// with its neighbour, read as the office reader reads a merge (the text in the
// top-left cell, the columns spanned to the right dropped, the rows below left
// empty). Text outside ruled tables (a title, notes, a table printed without
// borders) is read by position: runs on one baseline are a row, split into
// cells where the gap is wider than a space, placed in the columns the
// document's whitespace shows (x ranges no row writes across). Pages follow
// one another, so a table continued on the next page continues in the grid.
// Page furniture in the margins (page numbers, the sheet name Excel and
// LibreOffice print as a header, a line repeated on every page) is not read.
//
// Runs JSON (coordinates in points, origin top left, y down):
//   {"formcheck_pdf_runs": 1, "pages": [{"w", "h", "images",
//     "runs": [[text, x, top, width, height], ...], "lines": [[x1, y1, x2, y2], ...]}]}
// or {"formcheck_pdf_runs": 1, "error": "encrypted"|"damaged"|"too_large"|"timeout"|"unavailable", "detail"}.
#pragma once
#include <string>
#include <string_view>

#include "formcheck/office_import.hpp"

namespace formcheck {

// Whether `bytes` is a runs JSON (starts with {"formcheck_pdf_runs").
bool looks_like_pdf_runs(std::string_view bytes);

// The grid of a runs JSON (mode "pdf"). A PDF that could not be read, an
// image-only (scanned) PDF, a PDF without text and malformed runs JSON give
// ok = false and one import.pdf finding saying why.
OfficeGrid grid_from_pdf_runs(std::string_view json);

// The runs JSON a front end that could not run the extractor hands on
// (kind "unavailable": node or pdfjs-dist is missing; `detail` says which).
std::string pdf_runs_error(const std::string& kind, const std::string& detail);

}  // namespace formcheck
