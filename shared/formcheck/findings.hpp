// A finding: what a rule says about one place in a form, in Chinese.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "formcheck/model.hpp"

namespace formcheck {

// error = 强制性审核 (provably wrong, must be fixed); warning = 提示性审核; info.
enum class Severity { Error, Warning, Info };
const char* severity_name(Severity s);   // "error" | "warning" | "info"
const char* severity_label(Severity s);  // 错误 | 警告 | 提示

struct Location {
  std::string section;  // funds.income, funds.expense, indicators, budget_info, evaluation,
                        // key_tasks, texts, header, import
  int index = -1;       // element index within the section, -1 when none
  std::string field;    // the value field (full, half, rate, deviation ...), "" when the row
  Loc src;              // source line/cell
  std::string label;    // human-readable place, e.g. 预算信息·项目支出·实际支出数
};

// One cell a suggested fix changes.
struct FixCellChange {
  Location location;
  std::string value;
};

// A change the fix search found (fix_search.hpp): the cell at `location`
// takes `value` (with a chain fix, every cell of `changes` takes its value),
// and no identity the cells take part in then fails. `certain` only when it
// is the one change that evidence beyond the sum supports; otherwise it is a
// candidate (候选) for the clerk to choose.
struct SuggestedFix {
  Location location;
  std::string value;
  std::string effect;  // what else it repairs, in Chinese ("" when only this finding)
  std::vector<FixCellChange> changes;  // a chain: every cell changed, `location` first ([] for one cell)
  bool certain = false;
  std::vector<std::string> evidence;  // why it is likely, in Chinese
};

// A statement that accepted a finding (acceptance.hpp).
struct Accepted {
  std::string reason;
  // From the gate's own file (formcheck check --accept, the API's `accept`
  // option): only these waive an error at the gate. Statements the checked
  // form carries are shown but waive nothing.
  bool by_gate = false;
};

struct Finding {
  std::string rule;
  Severity severity = Severity::Info;
  std::string message;
  Location location;
  std::string expected;  // the located cell's right value, only when changing it is the advice
  std::string actual;
  std::string implied;   // what the identity implies for the located cell when that is not the advice
  std::string fix;
  // Set by the arithmetic rules: the fix search ran, and `fixes` lists the
  // changes that repair this finding without breaking another identity, best
  // first: the certain one, or the equally plausible candidates (empty when
  // every change would break one, or none has anything but the sum for it).
  bool searched = false;
  std::vector<SuggestedFix> fixes;
  // A fingerprint of the values the finding was computed from (an identity's
  // cells, or the figures of its row; acceptance.hpp): an acceptance holds
  // only while it is unchanged. "" for findings not on a row.
  std::string fingerprint;
  // Set when a statement accepts this finding (shown as 已说明).
  std::shared_ptr<const Accepted> accepted;
};

using Findings = std::vector<Finding>;

// A finding about the input as a whole (import.*): placed at 导入, or at `at`
// when the place is known.
// A finding of the import.* family at `at`: its severity is the registry's
// (rule.cpp), so every front door that reports it says the same.
Finding import_finding(std::string rule, std::string message, std::string fix, Loc at = Loc{});

}  // namespace formcheck
