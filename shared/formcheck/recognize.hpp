// The layout recognizer: grid -> model of a target table or a self-evaluation
// report. Sections are found by their labels and rows by what they hold, not by
// fixed positions, because templates differ between cities and years
// (docs/import.md lists the variations handled).
#pragma once
#include "formcheck/findings.hpp"
#include "formcheck/grid.hpp"
#include "formcheck/model.hpp"

namespace formcheck {

struct Recognized {
  Form form;          // kind == Unknown when the input is neither form
  Findings findings;  // import.unrecognized (info) for every row not mapped,
                      // import.unknown_form (error) when no form was found
};

Recognized recognize(const Grid& grid);

// Which form a grid holds, from its title and section labels.
FormKind detect_kind(const Grid& grid);

}  // namespace formcheck
