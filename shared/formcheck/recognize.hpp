// The layout recognizer: grid -> model of a target table or a self-evaluation
// report. Sections are found by their labels and rows by what they hold, not by
// fixed positions, because templates differ between cities and years
// (docs/import.md lists the variations handled).
#pragma once
#include <map>
#include <string>

#include "formcheck/findings.hpp"
#include "formcheck/grid.hpp"
#include "formcheck/ledger.hpp"
#include "formcheck/model.hpp"

namespace formcheck {

struct Recognized {
  Form form;          // kind == Unknown when the input is neither form
  Findings findings;  // import.unrecognized (info) for every row not mapped,
                      // import.unknown_form (error) when no form was found
  Marks marks;        // what the model and findings cannot say about a cell (ledger.hpp)
};

// What the clerk said about the table in the page's 原表 view, where the
// reading was uncertain: the role of an amount column of the funds table
// (grid column, 1-based -> "half" | "full") and the 一级 of an indicator row
// (source line -> "履职" …). A stated reading is taken as given.
struct ReadingHints {
  std::map<int, std::string> columns;
  std::map<int, std::string> level1;
  // The family the user chose (the page's 表单类型, the CLI's --form): read as
  // that family whatever the evidence says. Unknown = decide from the evidence.
  FormKind kind = FormKind::Unknown;
  bool empty() const { return columns.empty() && level1.empty() && kind == FormKind::Unknown; }
};

Recognized recognize(const Grid& grid, const ReadingHints& hints = {});

// Which form a grid holds, from its title and section labels.
FormKind detect_kind(const Grid& grid);

}  // namespace formcheck
