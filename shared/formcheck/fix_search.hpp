// The fix search: which change would make a failing identity hold, and how
// sure the form alone lets us be. A finance officer signs a correction only
// when something beyond the sum points at it, so every change carries its
// evidence (a digit slip, another identity it repairs, the other column, the
// narrative) and is `certain` only when exactly one change has such evidence.
// Changes that merely make the arithmetic agree are candidates (候选) for the
// clerk to choose among; filling a blank or zero line ("plugging") is never
// certain and is offered only when evidence points at that line.
//
// A change is one cell, or a chain: a line together with every sub-total it
// rolls into (一般公共预算资金 and 财政拨款小计; a project line and 项目支出),
// which moves the difference to the line while every sub-total keeps holding.
#pragma once
#include <string>
#include <vector>

#include "formcheck/identities.hpp"
#include "formcheck/narrative.hpp"

namespace formcheck {

struct FixChange {
  CellRef cell;
  std::string value;  // the new text of the cell
  std::string label;  // cell_label
};

struct FixOption {
  CellRef cell;         // the line changed (a chain's first change)
  std::string value;    // its new text
  std::string label;    // cell_label
  std::vector<FixChange> changes;  // every cell it changes, the line first (one for a single-cell fix)
  int fixes = 0;        // failing identities that then hold (this one included)
  int breaks = 0;       // holding identities that then fail
  std::vector<std::string> broken;  // their rules
  bool was_empty = false;  // the line was blank
  bool plug = false;       // the line was blank or zero: filling it only makes the sum agree
  bool complete = false;   // every identity of the form holds after it (one error explains all)
  bool against = false;    // evidence speaks against it (a half-year figure above the year's)
  bool hint = false;       // the difference equals another line that points at this one
  int support = 0;         // pieces of evidence beyond the sum itself
  bool weak = false;       // a one-digit difference: orders candidates, never makes one certain
                           // (most lines are one keystroke away from a round difference)
  std::vector<std::string> evidence;  // in Chinese, one sentence each
  bool certain = false;    // the only change with evidence beyond the sum (never a plug)
};

// The changes that make identities[failing] hold, best first: those that break
// nothing, then those after which every identity holds (a single error that
// explains all the form's failures), then by evidence (supported, hinted, the
// rest), a plug last. `narrative` (narrative_figures of the form, when at
// hand) lets a sentence of the narrative that states the new figure count as
// evidence; `failing_count` is how many identities of the form fail (-1:
// counted here).
std::vector<FixOption> fix_options(const Form& form, const std::vector<Identity>& all, size_t failing,
                                   const std::vector<NarrativeFigure>* narrative = nullptr, int failing_count = -1);

// How many identities of the form are checkable and fail.
int failing_identities(const Form& form, const std::vector<Identity>& all);

// A line of the form, outside the failing sum, whose figure equals the
// difference, and what that most likely means ("相差 1858.91，恰等于基本支出：
// 基本支出的资金来源可能未列入收入。"); "" when there is none.
struct DifferenceLine {
  CellRef cell;
  std::string name;
  std::string sentence;
};
std::optional<DifferenceLine> difference_line(const Form& form, const std::vector<Identity>& all, size_t failing);

// What the clerk should check when the form alone cannot tell which change is
// right ("预算批复", "项目明细").
std::string source_to_check(const Form& form, const CellRef& cell);

}  // namespace formcheck
