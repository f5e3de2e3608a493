// The seed forms the tests read are bundled copies in examples/; where the
// workplace's originals sit beside the repository, the copies must not drift.
#include <gtest/gtest.h>

#include <filesystem>

#include "test_util.hpp"

namespace fs = std::filesystem;

TEST(SeedCopies, BundledSeedsEqualTheOriginalsWhenPresent) {
  const fs::path originals = FORMCHECK_SHARED_SEEDS_DIR;
  if (!fs::is_directory(originals)) GTEST_SKIP() << "no " << originals << " beside the repository";
  int compared = 0;
  for (const auto& entry : fs::directory_iterator(originals)) {
    if (entry.path().extension() != ".txt") continue;
    const fs::path copy = fs::path(FORMCHECK_SEEDS_DIR) / entry.path().filename();
    ASSERT_TRUE(fs::exists(copy)) << copy << " is missing from examples/";
    EXPECT_EQ(fctest::read_file(entry.path().string()), fctest::read_file(copy.string())) << copy;
    ++compared;
  }
  EXPECT_EQ(compared, 3);
}

TEST(SeedCopies, TheThreeSeedsAreBundled) {
  for (const char* name : {fctest::kSeedTarget, fctest::kSeedReport2024, fctest::kSeedReport2022})
    EXPECT_FALSE(fctest::seed(name).empty()) << name;
}
