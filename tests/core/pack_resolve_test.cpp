// Rule packs that extend one another (pack_resolve.hpp): a pack states only
// what differs from its base, and the common-indicator catalog is one file.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "formcheck/pack_resolve.hpp"
#include "formcheck/profiles.hpp"

namespace formcheck {
const std::vector<std::pair<const char*, const char*>>& embedded_profiles();
}

namespace {

using formcheck::resolve_packs;
using json = nlohmann::json;

std::vector<std::pair<std::string, json>> files(std::initializer_list<const char*> texts) {
  std::vector<std::pair<std::string, json>> out;
  int i = 0;
  for (const char* t : texts) out.emplace_back("f" + std::to_string(i++), json::parse(t));
  return out;
}

TEST(PackResolve, AChildTakesItsBaseAndStatesOnlyWhatDiffers) {
  const json packs = resolve_packs(files({
      R"({"id": "base", "kind": "target", "region": "江苏", "required_fields": ["unit", "year"],
          "score": {"weights": {"产出": 50, "效益": 30}, "budget_execution": 10}, "notes": "base notes"})",
      R"({"extends": "base", "id": "child", "region": "苏州", "required_fields+": ["funds"],
          "score": {"weights": {"产出": 40}}})",
  }));
  ASSERT_EQ(packs.size(), 2u);
  const json& child = packs[1];
  EXPECT_EQ(child["id"], "child");
  EXPECT_EQ(child["kind"], "target");
  EXPECT_EQ(child["region"], "苏州");
  EXPECT_EQ(child["required_fields"], json::parse(R"(["unit", "year", "funds"])"));
  EXPECT_EQ(child["score"]["weights"]["产出"], 40);
  EXPECT_EQ(child["score"]["weights"]["效益"], 30);
  EXPECT_EQ(child["score"]["budget_execution"], 10);
  EXPECT_FALSE(child.contains("notes")) << "a pack's notes describe that pack only";
  EXPECT_FALSE(child.contains("extends"));
}

TEST(PackResolve, TheCatalogIsOneFileAndAPackRemovesWhatItLacks) {
  const json packs = resolve_packs(files({
      R"({"type": "catalog", "id": "common", "common_indicators": [{"name": "预算执行率"}, {"name": "预算偏差率", "since": 2023}]})",
      R"({"id": "js", "kind": "target", "catalog": "common"})",
      R"({"extends": "js", "id": "cz", "common_indicators-": ["预算偏差率"]})",
      R"({"type": "template", "id": "t"})",
  }));
  ASSERT_EQ(packs.size(), 2u) << "catalogs and templates are not packs";
  EXPECT_EQ(packs[0]["common_indicators"].size(), 2u);
  EXPECT_FALSE(packs[0].contains("catalog"));
  ASSERT_EQ(packs[1]["common_indicators"].size(), 1u);
  EXPECT_EQ(packs[1]["common_indicators"][0]["name"], "预算执行率");
}

TEST(PackResolve, BrokenReferencesAreProgrammingErrors) {
  EXPECT_THROW(resolve_packs(files({R"({"extends": "nowhere", "id": "a", "kind": "target"})"})), std::logic_error);
  EXPECT_THROW(resolve_packs(files({R"({"id": "a", "kind": "target", "catalog": "nowhere"})"})), std::logic_error);
  EXPECT_THROW(resolve_packs(files({R"({"extends": "b", "id": "a"})", R"({"extends": "a", "id": "b"})"})),
               std::logic_error);
  EXPECT_THROW(resolve_packs(files({R"({"id": "a", "kind": "target", "notes": "x"})",
                                    R"({"extends": "a", "id": "b", "notes+": ["y"]})"})),
               std::logic_error);
}

// The packs in shared/profiles state only their differences: no key a pack
// writes (besides its identity) repeats what its base already resolves to.
TEST(PackResolve, ShippedPacksStateOnlyTheirDifferences) {
  std::vector<std::pair<std::string, json>> all;
  for (const auto& [name, text] : formcheck::embedded_profiles()) all.emplace_back(name, json::parse(text));
  std::map<std::string, json> resolved;
  for (const auto& p : formcheck::profiles::resolved_json()) resolved[p["id"].get<std::string>()] = p;
  int children = 0;
  for (const auto& [name, j] : all) {
    if (!j.contains("extends")) continue;
    ++children;
    const json& base = resolved.at(j["extends"].get<std::string>());
    for (const auto& [key, value] : j.items()) {
      if (key == "extends" || key == "id" || key == "name" || key == "notes" || key.back() == '+' || key.back() == '-')
        continue;
      if (value.is_object()) {
        for (const auto& [k2, v2] : value.items())
          EXPECT_NE(base[key][k2], v2) << name << ": " << key << "." << k2 << " repeats its base";
      } else {
        EXPECT_NE(base[key], value) << name << ": " << key << " repeats its base";
      }
    }
  }
  EXPECT_GE(children, 8);
  // Every department-wide pack takes the one catalog.
  for (const auto& p : formcheck::profiles::all()) {
    if (p.kind == formcheck::FormKind::Target || p.kind == formcheck::FormKind::SelfEval) {
      EXPECT_GE(p.common.size(), 30u) << p.id;
    }
  }
}

}  // namespace
