// Comparing two versions of one form (the draft and the revision, this year's
// and last year's): every changed cell (old → new), rows added, removed or
// renamed, and the findings of each version resolved, new or unchanged. Rows
// and findings are matched by meaning (line names, indicator level path and
// name), never by position, so an inserted row shifts nothing. The CLI
// (`formcheck diff`) and the page (the full module's diff binding) both print
// this one result; its JSON keys are documented in docs/api.md.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "formcheck/api.hpp"

namespace formcheck {

// Two checked documents compared, older first. When either has no form (not
// recognised, or unreadable) the result carries "error" (a Chinese message)
// and nothing else is compared.
nlohmann::ordered_json diff_documents(const Document& older, const Document& newer);

// The same result for people: Chinese labels, one line per change.
std::string diff_text(const nlohmann::ordered_json& diff);

// Character-bigram Dice coefficient of two names, in percent (0..100),
// computed on match_key (white space, quote marks and width ignored). A
// single-character name has no bigram: it is 100 only when equal.
int name_similarity(std::string_view a, std::string_view b);

// An unmatched indicator of the older version is taken as renamed to one of
// the newer when both sit under the same level path (一级/二级), their places
// within that group differ by at most kRenamePlaceSlack rows, and their names
// are at least kRenameSimilarity percent alike (name_similarity).
inline constexpr int kRenameSimilarity = 50;
inline constexpr int kRenamePlaceSlack = 2;

}  // namespace formcheck
