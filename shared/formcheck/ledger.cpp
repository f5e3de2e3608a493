#include "formcheck/ledger.hpp"

#include <array>
#include <stdexcept>

namespace formcheck {

namespace {

constexpr unsigned kColBits = 10;

// The model's parts with positions, for the roles of field cells.
enum Part : uint8_t {
  kNone,
  kUnit,
  kYear,
  kProjectName,
  kTotalScore,
  kTexts,
  kIncome,
  kExpense,
  kIndicators,
  kBudgetInfo,
  kEvaluation,
  kKeyTasks,
  kProjectFunds,
  kProjectIndicators,
};
const std::array<const char*, 14> kPartNames = {"",           "unit",       "year",     "project_name", "total_score",
                                                "texts",      "funds.income", "funds.expense", "indicators",
                                                "budget_info", "evaluation", "key_tasks", "project_funds",
                                                "project_indicators"};

// Claims on one cell: the better fate wins (field before part before label …
// before finding); between equal fates, the first recorded.
bool better(Fate a, Fate b) { return b == Fate::None || static_cast<int>(a) < static_cast<int>(b); }

}  // namespace

const char* fate_name(Fate f) {
  switch (f) {
    case Fate::Field: return "field";
    case Fate::Part: return "part";
    case Fate::Label: return "label";
    case Fate::Blank: return "blank";
    case Fate::Decoration: return "decoration";
    case Fate::Finding: return "finding";
    case Fate::None: break;
  }
  return "none";
}

const char* mark_role_name(uint8_t role) {
  static const std::array<const char*, kRoleCount> names = {
      "", "title", "level1", "level2", "key_work", "project", "category", "heading", "column", "row_label"};
  return role < names.size() ? names[role] : "";
}

uint32_t pack_loc(Loc l) {
  if (l.line < 0 || l.col < 0 || l.line >= (1 << (32 - kColBits)) || l.col >= (1 << kColBits)) return 0;
  return static_cast<uint32_t>(l.line) << kColBits | static_cast<uint32_t>(l.col);
}

void Marks::add(Loc at, Loc anchor, Fate f, uint8_t role) {
  if (!at.known()) return;
  marks_.push_back(Mark{pack_loc(at), pack_loc(anchor), f, role});
}

int32_t Ledger::name_of(const std::string& s) {
  for (size_t i = 0; i < names_.size(); ++i)
    if (names_[i] == s) return static_cast<int32_t>(i);
  names_.push_back(s);
  return static_cast<int32_t>(names_.size() - 1);
}

void Ledger::claim(uint32_t at, const Claim& c) {
  if (at == 0) return;
  auto [it, fresh] = claims_.try_emplace(at, c);
  if (!fresh && better(c.fate, it->second.fate)) it->second = c;
}

Ledger::Ledger(const Grid& grid, const Form& form, const Findings& findings, const Marks& marks) {
  for (const Finding& f : findings)
    if (f.rule == "import.unknown_form") everything_ = f.rule;
  if (!everything_.empty()) return;
  // Marks first: between claims of one fate the first stays (a title cell
  // that also gave the year is the title).
  for (const Mark& m : marks.all()) {
    Claim c;
    c.fate = m.fate;
    c.role = m.role;
    c.anchor = m.anchor;
    claim(m.at, c);
  }
  auto field = [&](Loc at, Part part, uint32_t index, std::string_view name) {
    Claim c;
    c.fate = Fate::Field;
    c.part = part;
    c.index = index;
    c.field = name;
    claim(pack_loc(at), c);
  };
  auto whole = [&](Loc at, Part part) {
    Claim c;
    c.fate = Fate::Field;
    c.part = part;
    c.index = UINT32_MAX;
    claim(pack_loc(at), c);
  };
  whole(form.unit_src, kUnit);
  whole(form.year_src, kYear);
  whole(form.project_name_src, kProjectName);
  whole(form.total_score_src, kTotalScore);
  for (const auto& [key, at] : form.text_src) {
    Claim c;
    c.fate = Fate::Field;
    c.part = kTexts;
    c.index = UINT32_MAX;
    c.name = name_of(key);
    claim(pack_loc(at), c);
  }
  // An element's cells, and its own cell (Source::at: its name or first cell).
  auto elements = [&](const auto& rows, Part part, std::string_view at_name) {
    for (size_t i = 0; i < rows.size(); ++i) {
      const Source& s = rows[i].src;
      for (const auto& [name, at] : s.cells) field(at, part, static_cast<uint32_t>(i), name);
      field(s.at, part, static_cast<uint32_t>(i), at_name);
    }
  };
  elements(form.funds.income, kIncome, "name");
  elements(form.funds.expense, kExpense, "name");
  elements(form.indicators, kIndicators, "");
  elements(form.budget_info, kBudgetInfo, "name");
  elements(form.evaluation, kEvaluation, "name");
  elements(form.key_tasks, kKeyTasks, "");
  elements(form.project_funds, kProjectFunds, "name");
  elements(form.project_indicators, kProjectIndicators, "name");
  // Findings at a cell; an unrecognized row's finding accounts for the whole
  // row (its message quotes every cell of it).
  std::unordered_map<uint32_t, std::pair<int32_t, const std::string*>> row_findings;  // -> rule, quoted text
  for (const Finding& f : findings) {
    if (f.rule.rfind("import.", 0) != 0 || !f.location.src.known()) continue;
    Claim c;
    c.fate = Fate::Finding;
    c.name = name_of(f.rule);
    claim(pack_loc(f.location.src), c);
    if (f.rule == "import.unrecognized") row_findings.emplace(pack_loc(f.location.src), std::make_pair(c.name, &f.actual));
  }
  if (row_findings.empty()) return;
  for (const Row& row : grid.rows) {
    const int first = row.first();
    if (first < 0) continue;
    auto it = row_findings.find(pack_loc(row.cells[static_cast<size_t>(first)].loc()));
    // A finding about one cell of a row that was read quotes only that cell.
    if (it == row_findings.end() || *it->second.second != row.joined()) continue;
    Claim c;
    c.fate = Fate::Finding;
    c.name = it->second.first;
    for (const Cell& cell : row.cells)
      if (!cell.text.empty()) claim(pack_loc(cell.loc()), c);
  }
}

Ledger Ledger::everything(const Grid&, const std::string& rule) {
  Ledger l;
  l.everything_ = rule;
  return l;
}

CellFate Ledger::describe(const Claim& c, int depth) const {
  CellFate out;
  out.fate = c.fate;
  switch (c.fate) {
    case Fate::Field:
      if (c.part == kNone) {
        out.role = mark_role_name(c.role);
        break;
      }
      out.role = kPartNames[c.part];
      if (c.part == kTexts && c.name >= 0) out.role += "." + names_[static_cast<size_t>(c.name)];
      if (c.index != UINT32_MAX) {
        out.role += "[" + std::to_string(c.index) + "]";
        if (!c.field.empty()) out.role += "." + std::string(c.field);
      }
      break;
    case Fate::Part: {
      // The field the cell joined: the anchor's (a chain of joins ends at a field).
      auto it = claims_.find(c.anchor);
      if (depth < 8 && it != claims_.end() && it->second.fate != Fate::None) {
        const CellFate to = describe(it->second, depth + 1);
        if (to.fate == Fate::Field || to.fate == Fate::Part) out.role = to.role;
      }
      if (out.role.empty()) out.fate = Fate::None;  // joined to nothing the model holds
      break;
    }
    case Fate::Finding:
      if (c.name >= 0) out.role = names_[static_cast<size_t>(c.name)];
      break;
    default: out.role = mark_role_name(c.role);
  }
  return out;
}

CellFate Ledger::fate(const Cell& cell) const {
  if (cell.text.empty()) return {};
  if (!everything_.empty()) return {Fate::Finding, everything_};
  auto it = claims_.find(pack_loc(cell.loc()));
  if (it == claims_.end()) return {};
  return describe(it->second, 0);
}

std::string Ledger::row_text(const Row& row) const {
  std::string out = std::to_string(row.loc().line);
  for (const Cell& c : row.cells) {
    out += '\t';
    if (c.text.empty()) continue;
    const CellFate f = fate(c);
    out += fate_name(f.fate);
    if (!f.role.empty()) out += ":" + f.role;
  }
  return out;
}

std::string Ledger::text(const Grid& grid) const {
  std::string out;
  for (const Row& r : grid.rows) out += row_text(r) + "\n";
  return out;
}

std::vector<Loc> Ledger::unaccounted(const Grid& grid) const {
  std::vector<Loc> out;
  for (const Row& r : grid.rows)
    for (const Cell& c : r.cells)
      if (!c.text.empty() && fate(c).fate == Fate::None) out.push_back(c.loc());
  return out;
}

}  // namespace formcheck
