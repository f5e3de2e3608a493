// Links inside a target table (indicator.project_unknown, .project_uncovered,
// .duty_unmatched) on a real layout: the 常州 2024 example links every
// indicator to a project line and every duty to an item of its functions.
#include <gtest/gtest.h>

#include "test_util.hpp"

namespace {

std::string example() { return fctest::seed("changzhou-2024-target-example.txt"); }

TEST(Links, TheExampleLinksEveryIndicatorProjectAndDuty) {
  const auto d = fctest::check_text(example());
  ASSERT_TRUE(d.has_form);
  EXPECT_EQ(fctest::count_rule(d, "indicator.project_unknown"), 0) << fctest::summary(d);
  EXPECT_EQ(fctest::count_rule(d, "indicator.project_uncovered"), 0) << fctest::summary(d);
  EXPECT_EQ(fctest::count_rule(d, "indicator.duty_unmatched"), 0) << fctest::summary(d);
}

// A 对应项目 one character off names its nearest line; the line it should
// have named is then not covered by any indicator.
TEST(Links, AMisspelledProjectGetsTheNearestLineName) {
  std::string text = example();
  const std::string cell = "\t数据安全检测服务\t数据安全检测\t";
  ASSERT_NE(text.find(cell), std::string::npos);
  text.replace(text.find(cell), cell.size(), "\t数据安全监测服务\t数据安全检测\t");
  const auto d = fctest::check_text(text);
  ASSERT_EQ(fctest::count_rule(d, "indicator.project_unknown"), 1) << fctest::summary(d);
  for (const auto& f : d.findings)
    if (f.rule == "indicator.project_unknown") {
      EXPECT_EQ(f.expected, "数据安全检测服务");
      EXPECT_NE(f.message.find("最接近的是“数据安全检测服务”"), std::string::npos) << f.message;
      EXPECT_EQ(f.location.field, "project");
    }
  EXPECT_EQ(fctest::count_rule(d, "indicator.project_uncovered"), 1) << fctest::summary(d);
}

// A duty the functions do not mention is pointed out (info only).
TEST(Links, ADutyNotAmongTheFunctionsIsPointedOut) {
  std::string text = example();
  const std::string duty = "负责数据安全管理";
  ASSERT_NE(text.find(duty), std::string::npos);
  for (size_t at; (at = text.find(duty)) != std::string::npos;) text.replace(at, duty.size(), "负责档案整理归档");
  const auto d = fctest::check_text(text);
  EXPECT_EQ(fctest::count_rule(d, "indicator.duty_unmatched"), 1) << fctest::summary(d);
  EXPECT_EQ(fctest::errors(d), fctest::errors(fctest::check_text(example())));
}

}  // namespace
