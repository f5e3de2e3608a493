// Severities come from the registry: every finding a check produces — the
// import.* ones the readers report included — has the severity its rule's
// metadata states (a ".rounding" variant is always a warning), over every
// input we have: examples, fixtures (text and office) and fuzz regressions.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "formcheck/api.hpp"
#include "formcheck/rule.hpp"
#include "test_util.hpp"

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> inputs() {
  std::vector<fs::path> out;
  for (const fs::path dir : {fs::path(FORMCHECK_SEEDS_DIR), fs::path(FORMCHECK_FIXTURES_DIR),
                             fs::path(FORMCHECK_FIXTURES_DIR).parent_path() / "fuzz_regressions"})
    for (const auto& e : fs::recursive_directory_iterator(dir))
      if (e.is_regular_file() && e.path().extension() != ".py" && e.path().extension() != ".md") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::string wrong_severities(const formcheck::Document& d) {
  std::string out;
  for (const formcheck::Finding& f : d.findings) {
    const formcheck::RuleMeta* meta = formcheck::find_rule(f.rule);
    if (!meta) {
      out += "\n  unregistered rule " + f.rule;
      continue;
    }
    const bool rounding = f.rule.size() > 9 && f.rule.compare(f.rule.size() - 9, 9, ".rounding") == 0;
    const formcheck::Severity want = rounding ? formcheck::Severity::Warning : meta->severity;
    if (f.severity != want)
      out += "\n  " + f.rule + " is " + formcheck::severity_name(f.severity) + ", registered " +
             formcheck::severity_name(want);
  }
  return out;
}

}  // namespace

TEST(RegistrySeverity, EveryFindingHasItsRulesSeverity) {
  int n = 0;
  for (const fs::path& p : inputs()) {
    std::vector<formcheck::Document> docs;
    formcheck::take_documents(formcheck::load_document(p.string(), fctest::read_file(p.string())), docs);
    for (formcheck::Document& d : docs) {
      formcheck::check_document(d);
      if (const std::string w = wrong_severities(d); !w.empty()) ADD_FAILURE() << p << w;
    }
    ++n;
  }
  EXPECT_GE(n, 40);
}

TEST(RegistrySeverity, UnreadableInputsSayWhatTheRegistrySays) {
  for (const std::string& bytes : {std::string(), std::string("\0\0\0", 3), std::string("\xff\xfe\xfa", 3),
                                   std::string("PK\x03\x04garbage", 12)}) {
    const formcheck::Document d = formcheck::load_document("x.xlsx", bytes);
    ASSERT_FALSE(d.findings.empty());
    EXPECT_EQ(wrong_severities(d), "");
  }
}
