// The self-evaluation score per 财预〔2020〕10号, as an estimate shown to users
// (not a finding): 预算执行率 points + indicator points by category, weights
// from the rule pack, quantitative proportional, qualitative by tier.
#pragma once
#include <nlohmann/json.hpp>

#include "formcheck/rule.hpp"

namespace formcheck {

// null when the form is not a report or the pack has no scoring rules. Reads
// the check's form and profile through its Context, whose value cache and
// level lookups the rules have already filled.
nlohmann::ordered_json estimate_score(Context& ctx);

}  // namespace formcheck
