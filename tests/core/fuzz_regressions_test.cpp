// Every input that once crashed a fuzz target (or broke an invariant) is kept
// in tests/fuzz_regressions/<target>/ and replayed here.
#include <gtest/gtest.h>

#include <filesystem>

#include "../../fuzz/fuzz_bodies.hpp"
#include "test_util.hpp"

namespace fs = std::filesystem;

namespace {

int replay(const std::string& target, bool (*body)(const uint8_t*, size_t)) {
  int n = 0;
  const fs::path dir = fs::path(FORMCHECK_FIXTURES_DIR).parent_path() / "fuzz_regressions" / target;
  if (!fs::exists(dir)) return 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string bytes = fctest::read_file(e.path().string());
    EXPECT_TRUE(body(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size())) << e.path();
    ++n;
  }
  return n;
}

}  // namespace

TEST(FuzzRegressions, ValueGrammar) { EXPECT_GE(replay("value_grammar", fuzzbody::value_grammar), 1); }
TEST(FuzzRegressions, TextImport) { replay("text_import", fuzzbody::text_import); }
TEST(FuzzRegressions, ModelJson) { replay("model_json", fuzzbody::model_json); }
TEST(FuzzRegressions, OfficeZip) { EXPECT_GE(replay("office_zip", fuzzbody::office_zip), 1); }
TEST(FuzzRegressions, OfficeXml) { EXPECT_GE(replay("office_xml", fuzzbody::office_xml), 1); }
TEST(FuzzRegressions, PdfRuns) { EXPECT_GE(replay("pdf_runs", fuzzbody::pdf_runs), 1); }

TEST(FuzzRegressions, TrailingPeriodRoundTrips) {
  const auto v = formcheck::parse_value("1,117     .");
  ASSERT_TRUE(v.quantitative());
  EXPECT_EQ(v.unit, ".");
  EXPECT_EQ(formcheck::parse_value(v.canonical()).canonical(), v.canonical());
}

TEST(FuzzRegressions, HugeMagnitudeIsUndecidableNotACrash) {
  const auto big = formcheck::parse_value("01700173868386860亿");
  EXPECT_FALSE(formcheck::satisfies(big, formcheck::parse_value("≥5万")).has_value());
}
