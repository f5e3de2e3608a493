// Template variants and region packs are data: each fixture in
// tests/fixtures/variants/ is a form written another way (other spellings of
// column and header titles, another city's title) with an .expect.json naming
// the form it must read like ("same_as", a path from the repository root),
// the pack it must choose ("profile") and the model keys allowed to differ
// ("differ_in"). Adding a variant is adding those two files.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "formcheck/model_json.hpp"
#include "test_util.hpp"

namespace {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

// The model without source positions (the variant may sit on other lines).
json without_src(json j) {
  if (j.is_object()) {
    j.erase("src");
    for (auto& [k, v] : j.items()) v = without_src(v);
  } else if (j.is_array()) {
    for (auto& v : j) v = without_src(v);
  }
  return j;
}

std::string findings_text(const formcheck::Document& d) {
  std::string s;
  for (const auto& f : d.findings) s += f.rule + " | " + f.message + " | " + f.expected + " | " + f.actual + "\n";
  return s;
}

TEST(Variants, EachVariantReadsLikeItsReference) {
  const fs::path dir = fs::path(FORMCHECK_FIXTURES_DIR) / "variants";
  const fs::path root = fs::path(FORMCHECK_FIXTURES_DIR).parent_path().parent_path();
  int n = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    const std::string suffix = ".expect.json";
    if (name.size() <= suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) continue;
    ++n;
    const json expect = json::parse(fctest::read_file(e.path().string()));
    const fs::path variant = dir / (name.substr(0, name.size() - suffix.size()) + ".txt");
    SCOPED_TRACE(variant.string());
    const formcheck::Document v = fctest::check_text(fctest::read_file(variant.string()));
    const formcheck::Document r = fctest::check_text(fctest::read_file((root / expect["same_as"].get<std::string>()).string()));
    ASSERT_TRUE(v.has_form) << fctest::summary(v);
    EXPECT_EQ(v.profile_id, expect["profile"].get<std::string>());
    json vm = without_src(formcheck::form_to_json(v.form)), rm = without_src(formcheck::form_to_json(r.form));
    for (const auto& k : expect.value("differ_in", json::array())) {
      EXPECT_NE(vm[k.get<std::string>()], rm[k.get<std::string>()]) << k << " was said to differ";
      vm.erase(k.get<std::string>());
      rm.erase(k.get<std::string>());
    }
    EXPECT_EQ(vm.dump(1), rm.dump(1));
    if (!expect.contains("differ_in")) EXPECT_EQ(findings_text(v), findings_text(r));
    else EXPECT_EQ(fctest::errors(v), fctest::errors(r)) << fctest::summary(v);
  }
  EXPECT_GE(n, 2);
}

}  // namespace
