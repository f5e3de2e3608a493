// One cell per line, as PDF text extraction without layout gives it: the
// project forms are read by their labels, the same as their tab-separated text.
#include <gtest/gtest.h>

#include "formcheck/api.hpp"
#include "formcheck/text_util.hpp"
#include "test_util.hpp"

using formcheck::Document;

namespace {

// Every non-empty cell of a tab-separated text on a line of its own.
std::string one_per_line(const std::string& tsv) {
  std::string out;
  size_t start = 0;
  for (size_t i = 0; i <= tsv.size(); ++i) {
    if (i < tsv.size() && tsv[i] != '\t' && tsv[i] != '\n') continue;
    const std::string cell = formcheck::trim(tsv.substr(start, i - start));
    if (!cell.empty()) out += cell + "\n";
    start = i + 1;
  }
  return out;
}

Document load(const std::string& text) {
  Document d = formcheck::load_document("t.txt", text);
  formcheck::check_document(d);
  return d;
}

void expect_same_form(const std::string& name) {
  const std::string tsv = fctest::seed(name);
  const Document a = load(tsv), b = load(one_per_line(tsv));
  ASSERT_TRUE(b.has_form) << name;
  const auto &x = a.form, &y = b.form;
  EXPECT_EQ(x.kind, y.kind) << name;
  EXPECT_EQ(x.project_name, y.project_name) << name;
  EXPECT_EQ(x.unit, y.unit) << name;
  EXPECT_EQ(x.texts, y.texts) << name;
  ASSERT_EQ(x.project_funds.size(), y.project_funds.size()) << name;
  for (size_t i = 0; i < x.project_funds.size(); ++i) {
    const auto &p = x.project_funds[i], &q = y.project_funds[i];
    EXPECT_EQ(p.role + p.name + "|" + p.mid + "|" + p.year + "|" + p.initial + "|" + p.budget + "|" + p.executed + "|" +
                  p.weight + "|" + p.rate + "|" + p.score,
              q.role + q.name + "|" + q.mid + "|" + q.year + "|" + q.initial + "|" + q.budget + "|" + q.executed + "|" +
                  q.weight + "|" + q.rate + "|" + q.score)
        << name << " funds row " << i;
  }
  ASSERT_EQ(x.project_indicators.size(), y.project_indicators.size()) << name;
  for (size_t i = 0; i < x.project_indicators.size(); ++i) {
    const auto &p = x.project_indicators[i], &q = y.project_indicators[i];
    EXPECT_EQ(p.level1 + "|" + p.level2 + "|" + p.name + "|" + p.mid + "|" + p.year + "|" + p.actual + "|" + p.weight +
                  "|" + p.score + "|" + p.reason,
              q.level1 + "|" + q.level2 + "|" + q.name + "|" + q.mid + "|" + q.year + "|" + q.actual + "|" + q.weight +
                  "|" + q.score + "|" + q.reason)
        << name << " indicator " << i;
  }
  EXPECT_EQ(x.total_score, y.total_score) << name;
  // The same findings, and nothing left unread.
  EXPECT_EQ(fctest::count_rule(b, "import.unrecognized"), 0) << name;
  EXPECT_EQ(a.findings.size(), b.findings.size()) << name;
}

}  // namespace

TEST(CellPerLine, The88TargetTableReadsByItsLabels) { expect_same_form("project-target-example.txt"); }

TEST(CellPerLine, The10SelfEvaluationReadsByItsLabels) { expect_same_form("project-selfeval-example.txt"); }

TEST(CellPerLine, AnUnreadableShapeIsDeclinedNamingWhatWasFound) {
  std::string text = "项目支出绩效自评表\n（2024年度）\n项目名称\n测试项目\n主管部门\n测试局\n";
  for (int i = 0; i < 12; ++i) text += "第" + std::to_string(i) + "段说明文字，没有表格。\n";
  const Document d = load(text);
  ASSERT_EQ(fctest::count_rule(d, "import.unknown_form"), 1);
  for (const auto& f : d.findings)
    if (f.rule == "import.unknown_form") {
      EXPECT_NE(f.message.find("每行只有一个单元格"), std::string::npos) << f.message;
      EXPECT_NE(f.message.find("表头"), std::string::npos) << f.message;
    }
}
