// Rule packs as data that extend one another. A pack names its base
// ("extends": "<pack id>") and states only what differs:
//   "key": value      replaces the base's value; an object merges into the
//                     base's object key by key (a changed list is restated whole);
//   "key+": [ ... ]   appends items to the base's list;
//   "key-": [ ... ]   removes items from it: strings by value, objects by "name".
// The common-indicator catalog is a file of its own ({"type": "catalog", "id",
// "common_indicators"}); a pack takes it with "catalog": "<catalog id>".
// Files of other types (templates, identities, narrative labels) are skipped.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace formcheck {

// The packs among `files` (name, parsed JSON), in file order, each resolved
// to a complete pack. Throws std::logic_error for an unknown base or catalog,
// a cycle of bases, or an edit of a key the base does not hold as a list.
nlohmann::json resolve_packs(const std::vector<std::pair<std::string, nlohmann::json>>& files);

}  // namespace formcheck
