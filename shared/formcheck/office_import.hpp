// Office front end: .xlsx and .docx turned into the grid the recognizer reads,
// the same for every front door (CLI, wasm API, page), so one file gives one
// model and one set of findings wherever it is checked.
//
// .xlsx: every sheet in workbook order (a blank row between sheets), shared
// strings, inline strings, number formats as Excel shows them (`0.00%`,
// `#,##0.00`), a formula that is only a constant with a unit (`=100%`, `=2场`:
// what Excel makes of typed text) read as typed, a formula without a saved
// result computed when it is in the arithmetic subset forms use, else said at
// its cell (office_formula.hpp), phonetic runs left out, merged cells as one logical
// cell (value in the top-left; columns a merge spans to the right dropped so
// values keep their places beside their labels; rows it spans below keep an
// empty cell, which the recognizer reads as "continues the group above").
// .docx: body paragraphs as one-cell rows, table rows as rows (gridSpan gives
// empty cells, a vMerge continuation an empty cell), text of nested tables
// kept in the outer cell; hidden runs (w:vanish), deleted revisions and the
// unchosen branch of an mc:AlternateContent left out, as Word shows it.
#pragma once
#include <array>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "formcheck/findings.hpp"
#include "formcheck/grid.hpp"
#include "formcheck/zip_archive.hpp"

namespace formcheck {

// Where grid lines come from: lines [first_line, first_line + rows) are rows
// 1.. of `sheet` (for naming cells as Excel does: Sheet1!E7).
// A grid position's column is the cell's place in its row (as for text
// input: the recognizer reasons with it); the columns merged cells span to the
// right were dropped, so naming a cell maps the place back past them.
struct SheetOrigin {
  std::string sheet;
  int first_line = 1;
  int rows = 0;
  std::vector<std::array<long, 4>> merges;  // r1, c1, r2, c2 (0-based, sheet rows)
  // "E7" for the cell at grid position `at` in this sheet ("" when outside).
  std::string cell(Loc at) const;
};

struct OfficeGrid {
  Grid grid;
  std::string mode;  // "xlsx" | "docx"
  Findings findings;
  std::vector<SheetOrigin> sheets;
  // A Word table's merged cells (gridSpan, vMerge) in grid positions: line,
  // column, rows, columns. The grid keeps their positions as empty cells.
  // (A sheet's merges are on its SheetOrigin, in the sheet's columns.)
  std::vector<std::array<int, 4>> merges;
  bool ok = true;
};

// A part of the package by name ("xl/workbook.xml"), or nullopt when absent.
// Throws ZipError for a part that exists but cannot be read.
using PartSource = std::function<std::optional<std::string>(const std::string& name)>;

OfficeGrid grid_from_xlsx(const PartSource& parts);
OfficeGrid grid_from_docx(const PartSource& parts);

// An Office file that cannot be read, as every front door says it: `kind`
// "xlsx"/"docx" when the package was recognised (a part failed), else "" (the
// ZIP itself); `reason` as ZipError says it. The page, which unzips itself,
// hands its failures here so the finding is the CLI's.
OfficeGrid unreadable_office(const std::string& kind, const std::string& reason);
// A ZIP that holds neither a workbook nor a document.
OfficeGrid not_an_office_package();

// A legacy Excel workbook (.xls, WPS .et: BIFF8 in a Compound File).
OfficeGrid grid_from_xls(std::string_view bytes);

// Reads an office file from its bytes with `inflate` (zlib natively). Which of
// the two it is follows from its parts.
OfficeGrid grid_from_office(std::string_view bytes, const Inflater& inflate);

// "E7" for column 5 (1-based) and row 7.
std::string cell_ref(int col, int row);

}  // namespace formcheck
