// The layout-variation corpus (tests/corpus): every gold form in every style
// is read field for field as its gold says, and a correct form raises no error.
#include <gtest/gtest.h>

#include <set>

#include "corpus.hpp"

namespace {

class Corpus : public ::testing::TestWithParam<std::string> {};

TEST_P(Corpus, EveryGoldFormReadsExactlyAndRaisesNoError) {
  for (const auto& name : corpus::gold_names()) {
    const formcheck::Form gold = corpus::load_gold(name);
    const corpus::Score s = corpus::score(gold, corpus::render(gold, GetParam()));
    std::string misses;
    for (size_t i = 0; i < s.misses.size() && i < 12; ++i) misses += "\n  " + s.misses[i];
    EXPECT_EQ(s.correct, s.fields) << name << " in " << GetParam() << misses;
    std::string errors;
    for (const auto& e : s.error_rules) errors += "\n  " + e;
    EXPECT_EQ(s.errors, 0) << name << " in " << GetParam() << errors;
    EXPECT_GT(s.fields, 100) << name;
  }
}

// The self-evaluation reports in the styles that apply to any table's text
// (corpus::generic_style).
class ReportCorpus : public ::testing::TestWithParam<std::string> {};

TEST_P(ReportCorpus, EveryReportReadsAsItsGoldAndRaisesNoNewError) {
  for (const auto& name : corpus::report_names()) {
    const formcheck::Form gold = corpus::load_gold(name);
    const std::string source = corpus::report_source(name);
    const corpus::Score base = corpus::score_model(gold, corpus::render_text(source, "excel_tsv"));
    const corpus::Score s = corpus::score_model(gold, corpus::render_text(source, GetParam()));
    std::string misses;
    for (size_t i = 0; i < s.misses.size() && i < 12; ++i) misses += "\n  " + s.misses[i];
    EXPECT_EQ(s.correct, s.fields) << name << " in " << GetParam() << misses;
    // The reports carry real errors; a style must not add any.
    EXPECT_LE(s.errors, base.errors) << name << " in " << GetParam();
    EXPECT_GT(s.fields, 400) << name;
  }
}

std::vector<std::string> generic_style_ids() {
  std::vector<std::string> ids;
  for (const auto& s : corpus::styles())
    if (corpus::generic_style(s.id)) ids.push_back(s.id);
  return ids;
}

INSTANTIATE_TEST_SUITE_P(Styles, ReportCorpus, ::testing::ValuesIn(generic_style_ids()),
                         [](const auto& info) { return info.param; });

std::vector<std::string> style_ids() {
  std::vector<std::string> ids;
  for (const auto& s : corpus::styles()) ids.push_back(s.id);
  return ids;
}

INSTANTIATE_TEST_SUITE_P(Styles, Corpus, ::testing::ValuesIn(style_ids()),
                         [](const auto& info) { return info.param; });

// The renderer really varies the layout: every style's text differs from the others'.
TEST(CorpusRenderer, StylesProduceDistinctText) {
  const formcheck::Form gold = corpus::load_gold("suzhou-2025-target");
  std::set<std::string> texts;
  for (const auto& s : corpus::styles()) EXPECT_TRUE(texts.insert(corpus::render(gold, s.id)).second) << s.id;
}

}  // namespace
