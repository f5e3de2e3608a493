// The self-evaluation score per 财预〔2020〕10号, as an estimate shown to users
// (not a finding): 预算执行率 points + indicator points by category, weights
// from the rule pack, quantitative proportional, qualitative by tier.
#pragma once
#include <nlohmann/json.hpp>

#include "formcheck/model.hpp"
#include "formcheck/profiles.hpp"
#include "formcheck/value.hpp"

namespace formcheck {

// null when the form is not a report or the pack has no scoring rules. Values
// are read through the check's cache (each cell parsed once per check).
nlohmann::ordered_json estimate_score(const Form& form, const Profile& profile, ValueCache& values);

}  // namespace formcheck
