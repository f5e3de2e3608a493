// The indicator-value grammar: `≥300亿元`, `＝100%`, `<=10%`, `756`, `1年`,
// `健全`, `有序推进` ...
//
//   value        := quantitative | qualitative
//   quantitative := [operator] number [unit]
//   operator     := = ＝ ≥ >= ≧ ≤ <= ≦ > < 不低于 不少于 不高于 不超过 ...
//   unit         := any text without digits, kept verbatim (`%`, `亿元`, `台套`,
//                   `万台套` ...; a leading 万/亿 is a magnitude, see magnitude())
//   qualitative  := text without digits (`健全`, `推动升级`)
#pragma once
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "formcheck/decimal.hpp"

namespace formcheck {

enum class ValueKind { Empty, Quantitative, Qualitative, Invalid };
enum class Op { None, Eq, Ge, Le, Gt, Lt };

const char* op_symbol(Op op);  // "" "=" "≥" "≤" ">" "<"

struct IndicatorValue {
  ValueKind kind = ValueKind::Empty;
  Op op = Op::None;
  Decimal number;
  std::string unit;  // verbatim after folding full-width forms; "" when none
  std::string text;  // the cleaned input

  bool empty() const { return kind == ValueKind::Empty; }
  bool quantitative() const { return kind == ValueKind::Quantitative; }
  bool qualitative() const { return kind == ValueKind::Qualitative; }
  bool percent() const { return unit == "%"; }
  // Canonical text: half-width operator symbols, number as displayed, unit.
  std::string canonical() const;
  // The unit without a leading magnitude (万 / 亿), and that magnitude's power of ten.
  std::string base_unit() const;
  int magnitude() const;
  // The number in base units (`5.86万` -> 58600), exact.
  Decimal base_number() const;
};

IndicatorValue parse_value(std::string_view text);

// parse_value, memoised: one check reads the same cells from several rules
// and the score. Keyed by the address of the form's own string (no hashing or
// copying of the text): only for strings of the form under check, which
// outlive the cache and do not change while it lives (one check). The value
// columns of the big tables get flat slots (add_rows): a 100,000-row report
// has 200,000 values, and a hash node for each cost time and ~70 bytes.
class ValueCache {
 public:
  template <class Row>
  void add_rows(const std::vector<Row>& rows, std::initializer_list<std::string Row::*> fields) {
    if (rows.empty()) return;
    const auto base = reinterpret_cast<uintptr_t>(rows.data());
    std::vector<size_t> offsets;
    for (auto f : fields) offsets.push_back(reinterpret_cast<uintptr_t>(&(rows[0].*f)) - base);
    add_table(base, rows.size(), sizeof(Row), std::move(offsets));
  }

  const IndicatorValue& operator()(const std::string& form_text);

 private:
  struct Table {
    uintptr_t begin, end;
    size_t stride;
    std::vector<size_t> offsets;  // of the value fields within a row
    size_t first_slot;
  };
  void add_table(uintptr_t base, size_t rows, size_t stride, std::vector<size_t> offsets);
  // Slots live in blocks allocated on first use: small blocks fit the holes
  // the import leaves in the heap, where one big array would raise the peak.
  static constexpr size_t kBlock = 1024;
  struct Slot {
    bool filled = false;
    IndicatorValue value;
  };
  std::vector<Table> tables_;
  size_t slot_count_ = 0;
  std::vector<std::unique_ptr<Slot[]>> blocks_;
  std::unordered_map<const std::string*, IndicatorValue> others_;
};

// Does `actual` satisfy `target` (operator, number, same unit family)?
// nullopt when it cannot be decided (qualitative mismatch, unit clash, ...).
std::optional<bool> satisfies(const IndicatorValue& target, const IndicatorValue& actual);

// Do two units name the same thing? "" matches only "" (a count without unit).
bool same_unit(const IndicatorValue& a, const IndicatorValue& b);

}  // namespace formcheck
