// The same file, the same findings (issue #26 item 7): outside the
// cross-document rules, what a form is told must not depend on what else is
// checked with it, nor on whether it is checked from its file or again from
// its model JSON (the page re-checks every loaded form from its model after an
// edit and after a batch load).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "formcheck/model_json.hpp"
#include "test_util.hpp"

namespace fc = formcheck;

namespace {

// A form's rule findings (import.* belong to the file's reading; cross.* to
// the batch), as comparable lines.
std::vector<std::string> rule_findings(const fc::Document& d) {
  std::vector<std::string> out;
  for (const auto& f : d.findings)
    if (f.rule.rfind("import.", 0) != 0 && f.rule.rfind("cross.", 0) != 0)
      out.push_back(f.rule + " " + f.location.section + "#" + std::to_string(f.location.index) + "." +
                    f.location.field + " " + f.message);
  return out;
}

fc::Document load(const std::string& name, const std::string& text) {
  fc::Document d = fc::load_document(name, text);
  fc::check_document(d);
  return d;
}

// Inputs with a part read without confidence, and plain ones.
std::vector<std::pair<std::string, std::string>> inputs() {
  return {{"untitled-expense", fctest::fixture("changzhou-target-untitled-expense.txt")},
          {"target-seed", fctest::seed(fctest::kSeedTarget)},
          {"report-2024", fctest::seed(fctest::kSeedReport2024)},
          {"report-2022", fctest::seed(fctest::kSeedReport2022)},
          {"changzhou-error", fctest::fixture("changzhou-target-error.txt")},
          {"project-target", fctest::seed("project-target-example.txt")},
          {"project-selfeval", fctest::seed("project-selfeval-example.txt")}};
}

}  // namespace

TEST(SameFindings, AFormUnsureOfAPartKeepsItUnjudgedWhenCheckedFromItsModel) {
  const fc::Document file = load("f.txt", fctest::fixture("changzhou-target-untitled-expense.txt"));
  ASSERT_FALSE(file.form.sure("funds"));
  EXPECT_EQ(fctest::count_rule(file, "money.expense_total"), 0) << fctest::summary(file);
  const fc::Document again = load("f.json", fc::form_to_json(file.form).dump());
  EXPECT_FALSE(again.form.sure("funds"));
  EXPECT_EQ(fctest::count_rule(again, "money.expense_total"), 0) << fctest::summary(again);
  EXPECT_EQ(fctest::count_rule(again, "money.income_total"), 0) << fctest::summary(again);
}

TEST(SameFindings, CheckedFromTheModelJsonAFormGetsItsFilesFindings) {
  for (const auto& [name, text] : inputs()) {
    const fc::Document file = load(name, text);
    ASSERT_TRUE(file.has_form) << name;
    const fc::Document again = load(name + ".json", fc::form_to_json(file.form).dump());
    EXPECT_EQ(rule_findings(again), rule_findings(file)) << name;
  }
}

TEST(SameFindings, AFormsFindingsDoNotDependOnTheOtherFormsOfTheBatch) {
  std::vector<fc::Document> batch;
  for (const auto& [name, text] : inputs()) batch.push_back(load(name, text));
  fc::check_cross(batch);
  size_t k = 0;
  for (const auto& [name, text] : inputs()) {
    std::vector<fc::Document> alone{load(name, text)};
    fc::check_cross(alone);
    EXPECT_EQ(rule_findings(batch[k]), rule_findings(alone[0])) << name;
    EXPECT_EQ(fctest::count_rule(batch[k], "import.ambiguous"), fctest::count_rule(alone[0], "import.ambiguous")) << name;
    ++k;
  }
}
