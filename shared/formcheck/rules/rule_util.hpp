// Small helpers shared by the rule families.
#pragma once
#include <string>

#include "formcheck/arith.hpp"
#include "formcheck/rule.hpp"
#include "formcheck/value.hpp"

namespace formcheck::rules {

inline std::string_view status_of(Agreement a) {
  switch (a) {
    case Agreement::Exact: return "ok";
    case Agreement::WithinRounding: return "rounding";
    case Agreement::TruncationOnly: return "truncation";
    case Agreement::Mismatch: break;
  }
  return "mismatch";
}

// A count is exact (no rounding interval) when it is a whole number and not a
// percentage or an amount of money.
bool exact_count(const IndicatorValue& v);

// Deviation (actual - target) / target as a percent, with the conventions of
// the sample reports: qualitative target met -> 0; target 0 -> 0 when the
// actual is 0 and 100 otherwise. nullopt when it cannot be computed.
struct DeviationCalc {
  Decimal value;          // percent, 2 decimals
  bool convention = false;  // from a convention, not a formula (qualitative / zero target)
};
std::optional<DeviationCalc> compute_deviation(const IndicatorValue& target, const IndicatorValue& actual);

}  // namespace formcheck::rules
