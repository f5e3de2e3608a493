#include "formcheck/ledger.hpp"

#include <algorithm>
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
      "", "title", "level1", "level2", "key_work", "project", "category", "heading", "column", "row_label", "row_number"};
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

int16_t Ledger::name_of(const std::string& s) {
  for (size_t i = 0; i < names_.size(); ++i)
    if (names_[i] == s) return static_cast<int16_t>(i);
  if (names_.size() >= 0x7fff) return -1;
  names_.push_back(s);
  return static_cast<int16_t>(names_.size() - 1);
}

namespace {

uint8_t field_id(std::string_view name) {
  const auto& names = FieldLocs::names();
  for (size_t i = 0; i < names.size() && i < 0xff; ++i)
    if (names[i] == name) return static_cast<uint8_t>(i);
  return 0xff;
}

}  // namespace

void Ledger::settle() {
  // Stable: between claims of one fate the first recorded stays.
  std::stable_sort(claims_.begin(), claims_.end(), [](const Claim& a, const Claim& b) { return a.at < b.at; });
  size_t out = 0;
  for (size_t i = 0; i < claims_.size(); ++i) {
    if (claims_[i].at == 0) continue;
    if (out > 0 && claims_[out - 1].at == claims_[i].at) {
      if (better(claims_[i].fate, claims_[out - 1].fate)) claims_[out - 1] = claims_[i];
      continue;
    }
    claims_[out++] = claims_[i];
  }
  claims_.resize(out);
  claims_.shrink_to_fit();
}

const Ledger::Claim* Ledger::find(uint32_t at) const {
  auto it = std::lower_bound(claims_.begin(), claims_.end(), at, [](const Claim& c, uint32_t a) { return c.at < a; });
  return it != claims_.end() && it->at == at ? &*it : nullptr;
}

Ledger::Ledger(const Grid& grid, const Form& form, const Findings& findings, const Marks& marks) {
  for (const Finding& f : findings)
    if (f.rule == "import.unknown_form") everything_ = f.rule;
  if (!everything_.empty()) return;
  // Marks first: between claims of one fate the first stays (a title cell
  // that also gave the year is the title).
  for (const Mark& m : marks.all()) {
    Claim c;
    c.at = m.at;
    c.fate = m.fate;
    c.role = m.role;
    c.anchor = m.anchor;
    claim(c);
  }
  auto field = [&](Loc at, Part part, uint32_t index, uint8_t name) {
    Claim c;
    c.at = pack_loc(at);
    c.fate = Fate::Field;
    c.part = part;
    c.index = index;
    c.field = name;
    claim(c);
  };
  field(form.unit_src, kUnit, UINT32_MAX, 0xff);
  field(form.year_src, kYear, UINT32_MAX, 0xff);
  field(form.project_name_src, kProjectName, UINT32_MAX, 0xff);
  field(form.total_score_src, kTotalScore, UINT32_MAX, 0xff);
  for (const auto& [key, at] : form.text_src) {
    Claim c;
    c.at = pack_loc(at);
    c.fate = Fate::Field;
    c.part = kTexts;
    c.index = UINT32_MAX;
    c.name = name_of(key);
    claim(c);
  }
  // An element's cells, and its own cell (Source::at: its name or first cell).
  auto elements = [&](const auto& rows, Part part, std::string_view at_name) {
    const uint8_t at_id = at_name.empty() ? 0xff : field_id(at_name);
    for (size_t i = 0; i < rows.size(); ++i) {
      const Source& s = rows[i].src;
      for (const auto& [name, at] : s.cells) field(at, part, static_cast<uint32_t>(i), field_id(name));
      field(s.at, part, static_cast<uint32_t>(i), at_id);
    }
  };
  claims_.reserve(marks.all().size() + 8 * (form.evaluation.size() + form.indicators.size() + form.budget_info.size()) + 64);
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
  std::vector<std::pair<uint32_t, size_t>> row_findings;  // position -> finding
  for (size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    if (f.rule.rfind("import.", 0) != 0 || !f.location.src.known()) continue;
    Claim c;
    c.at = pack_loc(f.location.src);
    c.fate = Fate::Finding;
    c.name = name_of(f.rule);
    claim(c);
    if (f.rule == "import.unrecognized") row_findings.emplace_back(c.at, i);
  }
  std::sort(row_findings.begin(), row_findings.end());
  for (const Row& row : grid.rows) {
    if (row_findings.empty()) break;
    const int first = row.first();
    if (first < 0) continue;
    const uint32_t at = pack_loc(row.cells[static_cast<size_t>(first)].loc());
    auto it = std::lower_bound(row_findings.begin(), row_findings.end(), std::make_pair(at, size_t{0}));
    // A finding about one cell of a row that was read quotes only that cell.
    if (it == row_findings.end() || it->first != at || findings[it->second].actual != row.joined()) continue;
    Claim c;
    c.fate = Fate::Finding;
    c.name = name_of(findings[it->second].rule);
    for (const Cell& cell : row.cells)
      if (!cell.text.empty()) c.at = pack_loc(cell.loc()), claim(c);
  }
  settle();
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
        if (c.field != 0xff) out.role += "." + std::string(FieldLocs::names()[c.field]);
      }
      break;
    case Fate::Part: {
      // The field the cell joined: the anchor's (a chain of joins ends at a field).
      const Claim* to = depth < 8 ? find(c.anchor) : nullptr;
      if (to) {
        const CellFate f = describe(*to, depth + 1);
        if (f.fate == Fate::Field || f.fate == Fate::Part) out.role = f.role;
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
  const Claim* c = find(pack_loc(cell.loc()));
  return c ? describe(*c, 0) : CellFate{};
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
