#include <gtest/gtest.h>

#include "formcheck/model_json.hpp"
#include "test_util.hpp"

TEST(ModelJson, SeedsRoundTripLosslessly) {
  for (const char* name : {fctest::kSeedTarget, fctest::kSeedReport2024, fctest::kSeedReport2022}) {
    const auto d = formcheck::load_document(name, fctest::seed(name));
    ASSERT_TRUE(d.has_form);
    const std::string once = formcheck::form_to_json(d.form).dump();
    const formcheck::Form back = formcheck::form_from_json(formcheck::parse_json_limited(once));
    EXPECT_EQ(formcheck::form_to_json(back).dump(), once) << name;
    // And the re-imported model checks the same as the text.
    auto a = fctest::check_text(fctest::seed(name));
    auto b = fctest::check_text(once);
    std::vector<std::string> ra, rb;
    for (const auto& f : a.findings)
      if (f.rule != "import.unrecognized") ra.push_back(f.rule + "@" + f.location.label);
    for (const auto& f : b.findings) rb.push_back(f.rule + "@" + f.location.label);
    EXPECT_EQ(ra, rb) << name;
  }
}

TEST(ModelJson, ReportsTheFirstProblemWithItsPath) {
  auto err = [](const std::string& text) -> std::string {
    try {
      formcheck::form_from_json(formcheck::parse_json_limited(text));
    } catch (const formcheck::ModelError& e) {
      return e.what();
    }
    return "";
  };
  EXPECT_NE(err("{").find("不是有效的 JSON"), std::string::npos);
  EXPECT_NE(err("[]").find("$ 应为对象"), std::string::npos);
  EXPECT_NE(err("{\"unit\":\"x\"}").find("$.kind"), std::string::npos);
  EXPECT_NE(err("{\"kind\":\"other\"}").find("$.kind"), std::string::npos);
  EXPECT_NE(err("{\"kind\":\"target\",\"indicators\":{}}").find("$.indicators 应为数组"), std::string::npos);
  EXPECT_NE(err("{\"kind\":\"target\",\"indicators\":[{\"name\":[]}]}").find("$.indicators[0].name"),
            std::string::npos);
  EXPECT_NE(err("{\"kind\":\"target\",\"funds\":{\"income\":[{\"src\":{\"line\":-1}}]}}").find("超出范围"),
            std::string::npos);
  EXPECT_NE(err("{\"kind\":\"target\",\"schema\":\"v9\"}").find("$.schema"), std::string::npos);
  std::string deep(100, '[');
  EXPECT_NE(err("{\"kind\":" + deep).find("嵌套层数"), std::string::npos);
}

TEST(ModelJson, CheckingAnInvalidModelGivesOneClearError) {
  const auto d = fctest::check_text("{\"kind\": 3}");
  ASSERT_EQ(d.findings.size(), 1u);
  EXPECT_EQ(d.findings[0].rule, "import.invalid_model");
  EXPECT_FALSE(d.has_form);
}

// The streaming writer emits exactly nlohmann's canonical compact JSON (same escapes).
TEST(ResultJson, WriterMatchesNlohmannDump) {
  for (const char* name : {fctest::kSeedTarget, fctest::kSeedReport2024, fctest::kSeedReport2022}) {
    auto d = fctest::check_text(fctest::seed(name));
    d.path = "quote\" back\\slash \x01 tab\t newline\n 中文";
    for (bool details : {false, true})
      for (bool model : {false, true})
        EXPECT_EQ(formcheck::document_json_text(d, details, model), formcheck::document_json(d, details, model).dump())
            << name;
  }
}

namespace fc = formcheck;

TEST(FieldLocs, KeepsFieldsInNameOrderWithoutDuplicates) {
  fc::FieldLocs f;
  f["rate"] = fc::Loc{3, 6};
  f["actual"] = fc::Loc{3, 5};
  f["rate"] = fc::Loc{4, 6};  // same slot, overwritten
  ASSERT_EQ(f.size(), 2u);
  std::vector<std::string> names;
  for (const auto& [k, v] : f) names.emplace_back(k);
  EXPECT_EQ(names, (std::vector<std::string>{"actual", "rate"}));
  ASSERT_TRUE(f.find("rate").has_value());
  EXPECT_EQ(f.find("rate")->line, 4);
  EXPECT_EQ(f.find("rate")->col, 6);
  EXPECT_EQ(f.find("actual")->line, 3);  // now on another line than rate: kept exactly
  EXPECT_EQ(f.find("actual")->col, 5);
  EXPECT_FALSE(f.find("half").has_value());
  EXPECT_FALSE(f.find("nonsense").has_value());
  EXPECT_THROW(f["nonsense"], std::invalid_argument);
  fc::Source s;
  s.at = fc::Loc{3, 1};
  s.cells = f;
  EXPECT_EQ(s.cell("half").col, 1);  // a field without its own position points at the element
}

TEST(FieldLocs, PositionsOnOneLineOrNotRoundTripExactlyThroughCopiesAndMoves) {
  struct Case {
    std::vector<std::pair<const char*, fc::Loc>> set;
  };
  const std::vector<Case> cases = {
      {{{"name", {7, 2}}, {"target", {7, 3}}, {"actual", {7, 4}}, {"reason", {7, 8}}}},  // one line: compact
      {{{"name", {7, 2}}, {"target", {8, 1}}, {"actual", {7, 4}}}},                     // wrapped row
      {{{"full", {2, 70000}}, {"half", {2, 3}}}},                                         // column past 16 bits
      {{{"full", {0, 0}}, {"half", {-5, -1}}, {"rate", {2147483647, 2147483647}}}},         // any ints a model may hold
  };
  for (const Case& c : cases) {
    fc::FieldLocs f;
    for (const auto& [k, l] : c.set) f[k] = l;
    const fc::FieldLocs copied = f;
    fc::FieldLocs assigned;
    assigned = copied;
    fc::FieldLocs moved = std::move(assigned);
    for (const fc::FieldLocs* g : {static_cast<const fc::FieldLocs*>(&f), &copied, static_cast<const fc::FieldLocs*>(&moved)}) {
      ASSERT_EQ(g->size(), c.set.size());
      for (const auto& [k, l] : c.set) {
        ASSERT_TRUE(g->find(k).has_value()) << k;
        EXPECT_EQ(g->find(k)->line, l.line) << k;
        EXPECT_EQ(g->find(k)->col, l.col) << k;
      }
    }
  }
}

TEST(FieldLocs, ModelJsonIgnoresPositionsOfUnknownFields) {
  const std::string text = R"({"schema":"formcheck/form@1","kind":"target","unit":"u","year":"2024",
    "funds":{"income":[{"role":"total","name":"资金总额","full":"1.00",
      "src":{"line":2,"col":1,"cells":{"full":{"line":2,"col":3},"bogus":{"line":9,"col":9}}}}],"expense":[]}})";
  const fc::Form f = fc::form_from_json(fc::parse_json_limited(text));
  ASSERT_EQ(f.funds.income.size(), 1u);
  EXPECT_EQ(f.funds.income[0].src.cells.size(), 1u);
  EXPECT_EQ(f.funds.income[0].src.cell("full").col, 3);
}

TEST(ResultJson, StreamedOutputIsTheSameTextInPieces) {
  std::vector<fc::Document> docs;
  for (const char* name : {fctest::kSeedTarget, fctest::kSeedReport2024, fctest::kSeedReport2022}) {
    docs.push_back(fc::load_document(name, fctest::seed(name)));
    fc::check_document(docs.back());
  }
  for (bool details : {false, true}) {
    std::string joined;
    int pieces = 0;
    fc::stream_documents_json(docs, details, true, [&](std::string_view s) { joined += s, ++pieces; }, 512);
    EXPECT_EQ(joined, fc::documents_json_text(docs, details, true));
    EXPECT_GT(pieces, 5);
    joined.clear();
    fc::stream_document_json(docs[2], details, false, [&](std::string_view s) { joined += s; }, 256);
    EXPECT_EQ(joined, fc::document_json_text(docs[2], details, false));
  }
}
