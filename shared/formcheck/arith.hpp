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

// Money text ("545.57", ".7", "1,234") -> Decimal; nullopt when empty or not a number.
std::optional<Decimal> money(const std::string& text);
// Rate text ("92.61%", "92.61") -> the percent number (92.61); nullopt otherwise.
std::optional<Decimal> percent(const std::string& text);

// Does Σ parts agree with total?
Agreement check_sum(const std::vector<Decimal>& parts, const Decimal& total, int min_decimals);

// Does shown_percent agree with 100·num/den? (num, den are money-like.)
Agreement check_rate(const Decimal& num, const Decimal& den, const Decimal& shown_percent, int min_decimals_inputs,
                     bool exact_inputs = false);

bool agrees(Agreement a);  // Exact or WithinRounding

}  // namespace formcheck
