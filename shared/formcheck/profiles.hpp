// Rule packs: what one template (region × form family) expects. They live in
// data (shared/profiles/*.json, embedded at build time) so a new city or year
// is a new file, not new code.
#pragma once
#include <cstdint>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "formcheck/model.hpp"

namespace formcheck {

struct CommonIndicator {
  std::string name;  // standard 三级 name as the template writes it
  std::string key;   // match_key(name)
  std::u32string key32;  // the key as code points, for edit distances
  uint64_t chars = 0;    // a 64-bit set of its characters (char_bits), to skip hopeless pairs
  std::string level1, level2;
  int since = 0, until = 0;  // applicable years (0 = open)
  bool applies(int year) const { return (since == 0 || year == 0 || year >= since) && (until == 0 || year <= until); }
};

struct ScoreRules {
  int budget_execution = 0;             // points for 预算执行率
  std::map<std::string, int> weights;   // points per 一级/类别
  int tier_met = 100, tier_partial = 70, tier_unmet = 30;  // qualitative tiers, percent of points
  std::vector<std::pair<int, std::string>> grades;          // (minimum score, grade), descending
};

struct Profile {
  std::string id, name, region, notes;
  FormKind kind = FormKind::Unknown;
  std::vector<std::string> required_fields;
  std::vector<std::string> required_levels;
  std::vector<std::pair<std::string, std::vector<std::string>>> levels;  // 一级 -> allowed 二级 ([] = free)
  std::map<std::string, std::string> level_aliases;                      // 效益指标 -> 效益
  std::vector<CommonIndicator> common;
  std::vector<std::string> qualitative_levels;
  std::vector<std::string> bounded_rate_names;
  ScoreRules score;

  // The canonical 一级 name for a written one ("效益指标" -> "效益"), or "" when unknown.
  std::string canonical_level1(const std::string& written) const;
  const std::vector<std::string>* level2_of(const std::string& level1) const;
  bool is_qualitative_level(const std::string& text) const;
  bool is_bounded_rate_key(std::string_view key) const;  // by the name's match_key
};

// A 64-bit set of the characters of s (hashed): characters missing from the
// other name's set bound the edit distance from below.
uint64_t char_bits(const std::u32string& s);

namespace profiles {

const std::vector<Profile>& all();
// Every pack as data, resolved (extends, list edits and the catalog applied;
// pack_resolve.hpp), in the order of all(): what the page's 新建 dialog lists.
const nlohmann::json& resolved_json();
const Profile* find(const std::string& id);
// The pack for a form: its kind and region (default 苏州).
const Profile& choose(const Form& form);
// Standard common-indicator names across all packs (by match_key).
bool is_standard_indicator(const std::string& key);
bool is_known_level2(const std::string& key);
// The standard common indicator with this name key in any pack of `kind` (first pack wins).
const CommonIndicator* find_common(const std::string& key, FormKind kind);
// The 一级 a known 二级 belongs to in every pack that lists it ("" when unknown or disputed).
std::string level1_of_level2(const std::string& key);
// The 二级 a standard common indicator sits under in every target pack that
// lists it ("" when unknown or when packs disagree).
std::string level2_of_common(const std::string& key);

}  // namespace profiles
}  // namespace formcheck
