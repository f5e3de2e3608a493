// Rounding-aware agreement of reported figures (XBRL Calculations 1.1 model,
// docs/rounding.md). A shown value with d decimals stands for v ± ½·10^-d;
// money in 万元 counts as having at least two decimals ("1" means 1.00).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "formcheck/decimal.hpp"

namespace formcheck {

enum class Agreement {
  Exact,           // the shown figures agree to the last digit
  WithinRounding,  // they differ, but honest rounding of the inputs explains it
  TruncationOnly,  // only a different rounding mode (truncation) explains it: warning
  Mismatch,        // no rounding explains it: error
};

inline constexpr int kMoneyDecimals = 2;

// The money unit a table, a column title or a form header states: "（元）",
// "(万元)", "单位：元", "单位:千元", "金额单位：万元", "单位：人民币元" -> "元" /
// "千元" / "万元" / "亿元"; "" when the text states none. A unit in a
// parenthesis counts only when the parenthesis holds nothing else ("（元/人）"
// is not a money unit).
std::string stated_money_unit(std::string_view text);

// The unit amounts of `form_unit` (Form::money_unit) are in: "" is the
// families' default, 万元.
inline const char* money_unit_or_default(const std::string& form_unit) {
  return form_unit.empty() ? "万元" : form_unit.c_str();
}

// How a money cell reads. Money columns are in the table's unit (万元 unless the
// form states another, Form::money_unit); a cell may carry a unit ("600万元"
// in a 万元 table reads as 600, "6000000元" is a unit error whose value
// converts to 600), and anything else that is not a plain number cannot be
// used by a sum.
struct MoneyReading {
  enum Status { Empty, Plain, UnitMatches, UnitConverted, Unreadable, Overflow };
  Status status = Empty;
  Decimal value;     // Plain, UnitMatches, UnitConverted (in the table's unit)
  std::string unit;  // the unit written in the cell ("万元", "元", "亿元")
  std::string why;   // Unreadable / Overflow: why it cannot be used, in Chinese
  bool usable() const { return status == Plain || status == UnitMatches || status == UnitConverted; }
};
// `table_unit`: "元", "千元", "万元", "亿元"; "" = 万元.
MoneyReading read_money(std::string_view text, std::string_view table_unit = "");

// Largest amount a money cell may hold (10^12 of the table's unit): beyond it a
// figure is a typing error, and sums of 300,000 lines stay inside the 64-bit mantissa.
inline constexpr int64_t kMaxMoneyWan = 1000000000000;

// Money text ("545.57", ".7", "1,234", "600万元") -> Decimal in the table's
// unit (see read_money); nullopt when empty or unreadable (read_money says why).
std::optional<Decimal> money(const std::string& text, std::string_view table_unit = "");

// A money cell of a table in `table_unit`, as an amount in `want_unit` (both
// "" = 万元): for comparing forms that state different units.
std::optional<Decimal> money_as(const std::string& text, std::string_view table_unit, std::string_view want_unit);

// A dash or slash written in an amount cell ("—", "-", "－", "/", "／", "——"):
// the templates' "not applicable", blank where the template allows the cell
// to be blank (identities-*.json "may_be_blank") and money.unreadable elsewhere.
bool is_blank_mark(std::string_view text);
// Rate text ("92.61%", "92.61") -> the percent number (92.61); nullopt otherwise.
std::optional<Decimal> percent(const std::string& text);

// Does Σ parts agree with total?
Agreement check_sum(const std::vector<Decimal>& parts, const Decimal& total, int min_decimals);

// Does shown_percent agree with 100·num/den? (num, den are money-like.)
Agreement check_rate(const Decimal& num, const Decimal& den, const Decimal& shown_percent, int min_decimals_inputs,
                     bool exact_inputs = false);

bool agrees(Agreement a);  // Exact or WithinRounding

}  // namespace formcheck
