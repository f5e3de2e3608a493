// Formulas of an .xlsx sheet, evaluated for the arithmetic subset forms use,
// so a cell whose file holds a formula but no saved result (files written by
// scripts and some tools) is read as Excel would show it, and a saved result
// that disagrees with its own formula is said.
//
// The subset: numbers, `%`, + − × ÷, unary minus, parentheses, SUM and ROUND,
// references and ranges on the same sheet (`A1`, `$B$2`, `A1:C9`,
// `Sheet1!A1` naming this sheet). Shared formulas are shifted from their
// master as Excel does ($-anchored parts stay). Arithmetic is exact Decimal;
// a division that does not end is rounded to 10 decimal places (more than any
// form shows); ROUND is half away from zero, as Excel's.
//
// A referenced formula cell counts with what the file shows for it: its saved
// result when there is one, else its own evaluation. Evaluation is iterative
// (no recursion over chains of cells), cycles are detected, and the work per
// sheet is capped.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace formcheck::office {

// A cell that is not a formula, or a formula's saved result, as a reference
// to it sees it.
enum class ValueKind : uint8_t { Empty, Number, Text, Bool, Error };

// One written cell of the sheet (formula cells too: `formula` >= 0).
struct ValueCell {
  long row;
  int col;
  ValueKind kind;
  double number;        // Number; Bool as 0/1
  int32_t formula = -1;  // index into the formulas, when the cell holds one
  uint32_t off = 0, len = 0;  // Text (and a formula's saved text): its slice of the arena
};

struct FormulaCell {
  long row;
  int col;
  uint32_t text;     // index into the formula texts
  long dr = 0;       // a shared formula's offset from its master
  int dc = 0;
  ValueKind cached = ValueKind::Empty;  // Empty: no saved result
  double cached_number = 0;
  uint32_t off = 0, len = 0;  // a saved Text result in the arena
};

struct FormulaOutcome {
  enum Kind { Ok, Unknown, Stale } kind = Ok;
  std::string value;  // Ok/Stale: the computed value as plain decimal text (or the text shown)
  bool text = false;  // Ok: `value` is text (a formula that is a reference to a text cell)
  std::string why;    // Unknown: why it could not be computed (Chinese)
};

// Evaluates every formula (outcomes in the order of `formulas`). `values` is
// sorted here by position; texts are slices of `arena`. `sheet` is the sheet's
// name (a reference naming it is on the same sheet). Text that reads as a
// number ("1,234.50", "50%") counts as that number in arithmetic, as in Excel;
// SUM over cells skips text, as Excel's does.
std::vector<FormulaOutcome> evaluate_formulas(const std::vector<FormulaCell>& formulas,
                                              const std::vector<std::string>& texts, std::vector<ValueCell> values,
                                              std::string_view arena, const std::string& sheet);

// The formula text of a follower of a shared formula, for messages: the
// master's text with its relative references shifted by (dr, dc).
std::string shifted_formula(std::string_view text, long dr, int dc);

// A stored number as plain decimal text comparable with a computed one
// (15 significant digits, as Excel shows; "" when not representable).
std::string plain_number(double v);

}  // namespace formcheck::office
