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
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

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
// and the score. Lives no longer than one check.
class ValueCache {
 public:
  const IndicatorValue& operator()(const std::string& text) {
    auto it = values_.find(text);
    if (it == values_.end()) it = values_.emplace(text, parse_value(text)).first;
    return it->second;
  }

 private:
  std::unordered_map<std::string, IndicatorValue> values_;
};

// Does `actual` satisfy `target` (operator, number, same unit family)?
// nullopt when it cannot be decided (qualitative mismatch, unit clash, ...).
std::optional<bool> satisfies(const IndicatorValue& target, const IndicatorValue& actual);

// Do two units name the same thing? "" matches only "" (a count without unit).
bool same_unit(const IndicatorValue& a, const IndicatorValue& b);

}  // namespace formcheck
