// The reading ledger: what became of every non-empty cell of a grid. Each
// cell ends in exactly one fate (docs/import.md, "每个单元格的去向"):
//   field       a model field (its role names it: "evaluation[3].actual")
//   label       a label or column header the reader used
//   part        a value consumed as part of another cell's field (a unit or
//               operator cell, a wrapped fragment joined to a field)
//   blank       a dash or slash the template allows for "not applicable"
//   decoration  template decoration (title block, 注, signature lines, placeholders)
//   finding     an import.* finding at that cell (or at its row: an
//               import.unrecognized row accounts for all its cells)
// Most fates are derived from what the model already holds (every element's
// Source, the form's *_src positions) and from the findings; recognizers
// record a compact Mark only for what those cannot say. The ledger is computed
// on demand (formcheck grid --fates, a check that keeps the grid, tests and
// fuzz targets), never stored with a checked form.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "formcheck/findings.hpp"
#include "formcheck/grid.hpp"
#include "formcheck/model.hpp"

namespace formcheck {

enum class Fate : uint8_t { None, Field, Part, Label, Blank, Decoration, Finding };
const char* fate_name(Fate f);  // "field" | "part" | "label" | "blank" | "decoration" | "finding" | "none"

// A recognizer's note about one cell (12 bytes): its position, its fate and,
// for a field or label, which one (an index into mark_roles()); for a part,
// the cell whose field it joined (the fate and role are that cell's).
struct Mark {
  uint32_t at = 0;      // pack_loc
  uint32_t anchor = 0;  // Part: pack_loc of the cell whose field it joined
  Fate fate = Fate::None;
  uint8_t role = 0;
};

// Roles a Mark can name (model fields without a position of their own, and
// kinds of labels). Index 0 is "".
enum MarkRole : uint8_t {
  kNoRole,
  kRoleTitle,        // form.title
  kRoleLevel1,       // indicators.level1 / project_indicators.level1
  kRoleLevel2,       // indicators.level2 / project_indicators.level2
  kRoleKeyWork,      // indicators.key_work
  kRoleProject,      // indicators.project
  kRoleCategory,     // evaluation.category
  kRoleHeading,      // a section heading
  kRoleColumn,       // a column header
  kRoleRowLabel,     // a label beside its value (单位名称, 总分 …)
  kRoleRowNumber,    // a 序号 cell before a line's name ("1", "2" …)
  kRoleCount
};
const char* mark_role_name(uint8_t role);

uint32_t pack_loc(Loc l);  // 22 bits of line, 10 of column (the grid's limits)

// The marks of one recognition. Bounded by the grid: at most a few per cell.
class Marks {
 public:
  void field(Loc at, MarkRole role) { add(at, {}, Fate::Field, role); }
  void label(Loc at, MarkRole role = kNoRole) { add(at, {}, Fate::Label, role); }
  // `at` was appended to the field whose cell is `anchor`.
  void part(Loc at, Loc anchor) { add(at, anchor, Fate::Part, kNoRole); }
  void blank(Loc at) { add(at, {}, Fate::Blank, kNoRole); }
  void decoration(Loc at) { add(at, {}, Fate::Decoration, kNoRole); }
  const std::vector<Mark>& all() const { return marks_; }
  bool empty() const { return marks_.empty(); }

 private:
  void add(Loc at, Loc anchor, Fate f, uint8_t role);
  std::vector<Mark> marks_;
};

// One cell's account.
struct CellFate {
  Fate fate = Fate::None;
  std::string role;  // field: its model path; label: its kind; finding: the rule id
};

class Ledger {
 public:
  // `findings`: the import.* findings of the reading (other findings judge
  // the model, not the reading, and are ignored).
  Ledger(const Grid& grid, const Form& form, const Findings& findings, const Marks& marks);
  // A ledger in which every cell has one fate (a whole document not read:
  // import.unknown_form, a sheet left unchecked).
  static Ledger everything(const Grid& grid, const std::string& rule);

  CellFate fate(const Cell& c) const;
  // The fates of a row's cells, as the grid dump writes its cells: the row's
  // first source line, then for each cell a tab and its fate ("" for an empty
  // cell; "field:evaluation[3].actual", "label:column", "finding:import.unrecognized" …).
  std::string row_text(const Row& row) const;
  std::string text(const Grid& grid) const;
  // Non-empty cells of `grid` without a fate (the invariant: none).
  std::vector<Loc> unaccounted(const Grid& grid) const;

 private:
  Ledger() = default;
  // One claim on a cell, 20 bytes with its position: a ledger over a
  // 100,000-row report holds some 600,000 of them, sorted by position.
  struct Claim {
    uint32_t at = 0;         // pack_loc
    uint32_t index = 0;      // element index (UINT32_MAX: a part without elements)
    uint32_t anchor = 0;     // Part: the joined cell
    int16_t name = -1;       // names_: a text key, or a finding's rule id
    Fate fate = Fate::None;
    uint8_t role = 0;        // Mark role
    uint8_t part = 0;        // model part (ledger.cpp kParts) for model fields
    uint8_t field = 0xff;    // FieldLocs::names() index, 0xff: none
  };
  void claim(const Claim& c) { claims_.push_back(c); }
  void settle();  // sorts the claims and keeps each cell's best
  const Claim* find(uint32_t at) const;
  CellFate describe(const Claim& c, int depth) const;
  int16_t name_of(const std::string& s);
  std::vector<Claim> claims_;
  std::vector<std::string> names_;
  std::string everything_;  // the rule that covers every cell, if any
};

}  // namespace formcheck
