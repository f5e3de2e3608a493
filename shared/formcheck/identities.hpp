// The form's arithmetic as data. Each identity of a template — a total and its
// parts, or a rate and its numerator and denominator — is declared once in
// shared/profiles/identities-*.json (in the spirit of an XBRL calculation
// linkbase: total, parts, column, how an empty cell counts). Instantiated on a
// form, the identities are what the sum and rate rules check, what the 计算核对
// table shows, and what the fix search solves: a suggested change is tested
// against every identity the changed cell takes part in.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "formcheck/arith.hpp"
#include "formcheck/model.hpp"

namespace formcheck {

// One value cell of a form: its table, row and column.
struct CellRef {
  std::string_view section;  // funds.income | funds.expense | budget_info | evaluation (static storage)
  int index = -1;
  std::string_view field;  // half | full | initial | carry | adjusted | actual | rate
  bool operator==(const CellRef& o) const { return section == o.section && index == o.index && field == o.field; }
  bool operator!=(const CellRef& o) const { return !(*this == o); }
};

// An identity as declared (one entry of an identities-*.json set).
struct IdentityDecl {
  std::string id;    // stable name within the set ("income_total")
  std::string rule;  // the rule that reports it ("money.income_total")
  bool rate = false;  // total = 100 · numerator / denominator (a percentage) instead of a sum
  std::string table;  // the table of the parts (and of the total unless it names its own)
  bool each_row = false;             // per row: total and parts are columns of the same row
  std::vector<std::string> columns;  // the columns checked (rows mode); [] in each_row mode
  std::string total;                 // a reference (see identities.cpp)
  std::vector<std::string> parts;    // sum: the addends; rate: {numerator, denominator}
  std::vector<std::string> optional_parts;  // counted only when the identity holds with them alone
  std::vector<std::string> required;        // parts without which the identity is not checked
  bool empty_is_zero = false;  // an empty part counts as 0 (else it is left out)
  std::string what;            // the parts in words, for the 计算核对 table ("各项收入之和")
};

// The declared identities for a form kind.
const std::vector<IdentityDecl>& identity_decls(FormKind kind);

// How a kind's money tables hold their lines (the "lines" entry of its
// identities-*.json): the roles a table holds once, the roles whose rows must
// differ by name, and the cells where a dash or slash (is_blank_mark) is the
// template's "not applicable" rather than an amount nobody can read.
struct LineRules {
  struct Once {
    std::string table;
    std::vector<std::string> roles;
  };
  struct Unique {
    std::string table, role;
  };
  struct Blank {
    std::string table;
    std::vector<std::string> roles;  // {"*"}: any row
    std::vector<std::string> fields;  // {"*"}: any column
  };
  std::vector<Once> once;
  std::vector<Unique> unique_names;
  std::vector<Blank> may_be_blank;
};
const LineRules& line_rules(FormKind kind);

// A line that repeats an earlier one of its table (a role held once, or the
// same name twice where names must differ). Sums use the first copy.
struct DuplicateLine {
  std::string_view section;
  int first = -1, second = -1;
};
std::vector<DuplicateLine> duplicate_lines(const Form& form, FormKind kind);

// True when `c` holds a dash or slash and form.kind's template allows the cell
// to be blank ("not applicable"): it counts as 0 where it is a part of a sum.
bool blank_by_convention(const Form& form, const CellRef& c);
// The part (Form::unsure) a table belongs to: "funds" for funds.income /
// funds.expense, the table's own name otherwise.
inline std::string_view table_part(std::string_view section) {
  return section == "funds.income" || section == "funds.expense" ? std::string_view("funds") : section;
}
// The money value fields of a table, in column order ("half", "full" …).
const std::vector<std::string_view>& money_fields(std::string_view section);

// One identity on one form.
struct Identity {
  const IdentityDecl* decl = nullptr;
  CellRef total;
  std::vector<CellRef> parts;
  std::vector<CellRef> optional;  // optional parts present in the form
  std::vector<CellRef> required;  // cells that must hold an amount for the identity to be checked
  std::string_view column;        // the column checked ("" in each_row mode)
  // Rows this identity read whose line appears again later (duplicate_lines):
  // the identity used the first copy, and its message says so.
  std::vector<std::string> first_copies;
};

std::vector<Identity> identities_of(const Form& form, FormKind kind);

// The text of a cell (nullptr when the row does not exist), its place in
// words ("部门整体资金·收入·资金总额·全年预算数"), its source position and its row's name.
const std::string* cell_text(const Form& form, const CellRef& c);
std::string* cell_text(Form& form, const CellRef& c);  // to apply a fix
std::string cell_label(const Form& form, const CellRef& c);
// The row's place in words, without a column ("部门整体资金·支出·基本支出").
std::string row_label(const Form& form, std::string_view section, int index);
Loc cell_src(const Form& form, const CellRef& c);
const std::string& row_name(const Form& form, const CellRef& c);
std::string column_title(std::string_view section, std::string_view field);

// Cells given other values (a fix being tried).
using Overrides = std::vector<std::pair<CellRef, std::string>>;

struct Evaluation {
  bool checkable = false;
  Agreement agreement = Agreement::Exact;
  Decimal shown;     // the total (for a rate: the percentage) as written
  Decimal computed;  // the sum of the parts (for a rate: 100·n/d, at the shown decimals or 2)
  std::vector<std::pair<std::string, Decimal>> named;  // the parts counted, by row name
  std::vector<CellRef> counted;                        // the cells counted
  bool with_optional = false;  // the optional parts were counted (the identity holds only so)
  bool holds() const { return !checkable || agrees(agreement); }
};

Evaluation evaluate(const Form& form, const Identity& id, const Overrides& overrides = {});

// A single-cell change under which a failing identity holds, and what it does
// to the others the cell takes part in.
struct FixOption {
  CellRef cell;
  std::string value;    // the new text of the cell
  std::string label;    // cell_label
  int fixes = 0;        // failing identities that then hold (this one included)
  int breaks = 0;       // holding identities that then fail
  std::vector<std::string> broken;  // their rules
  bool was_empty = false;
};

// The single-cell fixes of identities[failing], best first: those that break
// nothing, then those that repair most; among equals an empty part (a line
// left blank) before a filled one, and the total before its parts.
std::vector<FixOption> fix_options(const Form& form, const std::vector<Identity>& all, size_t failing);

}  // namespace formcheck
