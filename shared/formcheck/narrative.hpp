// Figures in the narrative. A self-evaluation report repeats its budget
// figures (年初预算数, 调整预算数, 实际支出, 执行率, 结转) and indicator
// results in sentences; a target table quotes amounts in its 年度目标. Each
// figure found is paired with the table cell it restates, so the narrative.*
// rules can compare them with the tables' own rounding. Which labels mean
// which cell is data (shared/profiles/narrative.json).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "formcheck/decimal.hpp"
#include "formcheck/model.hpp"

namespace formcheck {

struct NarrativeFigure {
  enum Kind { Budget, Funds, Indicator };
  Kind kind = Budget;
  std::string text_key;  // the texts section it is in ("problems")
  std::string label;     // the label or indicator name it follows ("年初预算")
  std::string written;   // the figure as written ("1905.66万元")
  std::string excerpt;   // the words around it, for the message
  // The table cell it restates.
  std::string section;  // budget_info | funds.income | funds.expense | evaluation
  int index = -1;
  std::string field;
  std::string place;        // "预算信息·预算总金额·年初预算数"
  std::string table_value;  // the cell's text ("1905.66"); for an indicator, its 完成值
  std::string table_target;  // an indicator's 目标值 (a sentence may quote the target)
  std::optional<Decimal> value;  // the figure in the cell's unit (万元, or a percent); budget and funds figures
  bool comparable = false;  // both figures read, in compatible units
  bool agrees = true;       // within the display precision of both (or of another row's figure)
};

std::vector<NarrativeFigure> narrative_figures(const Form& form);

}  // namespace formcheck
