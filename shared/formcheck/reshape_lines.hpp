// Text with one cell per line — what PDF text extraction without layout gives
// — read as a person reads it: by its labels. The project forms' rows are
// rebuilt before recognition (content over position): a header label takes the
// line after it as its value, the 项目资金 / 总体目标 / 绩效指标 blocks take their
// column words as a header row and their rows from role labels, level words
// and indicator names with the values that follow them. Every cell keeps its
// place in the source and ends in exactly one row (none is dropped).
#pragma once
#include <string>

#include "formcheck/grid.hpp"
#include "formcheck/model.hpp"

namespace formcheck {

// Most rows hold a single cell (and there are enough of them to be a form).
bool one_cell_per_row(const Grid& g);

// The rows of a one-cell-per-line project form rebuilt from its labels.
// `found` says which blocks were found (for the message when the form still
// cannot be read: "项目名称、项目资金、绩效指标").
Grid reshape_project_lines(const Grid& g, FormKind kind, std::string& found);

}  // namespace formcheck
