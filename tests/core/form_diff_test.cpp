// Comparing two versions of a form (form_diff.hpp): rows and findings are
// matched by meaning, so an inserted row shifts nothing, a rename is a rename,
// and a form compared with itself shows no difference.
#include "formcheck/form_diff.hpp"

#include <gtest/gtest.h>

#include <string>

#include "formcheck/model_json.hpp"
#include "test_util.hpp"

namespace {

using formcheck::diff_documents;
using formcheck::Document;
using ojson = nlohmann::ordered_json;

Document checked(const std::string& text, const std::string& path = "test") {
  formcheck::Document d = formcheck::load_document(path, text);
  formcheck::check_document(d);
  return d;
}

std::string replaced(std::string s, const std::string& from, const std::string& to) {
  const auto at = s.find(from);
  if (at == std::string::npos) throw std::runtime_error("not in the fixture: " + from);
  return s.replace(at, from.size(), to);
}

// "type section row field old→new" lines, for readable failures.
std::string changes_of(const ojson& diff) {
  std::string out;
  for (const auto& c : diff["changes"])
    out += c["type"].get<std::string>() + " " + c["section"].get<std::string>() + " " + c["row"].get<std::string>() +
           " " + c.value("field", "") + " " + c.value("old", "") + "→" + c.value("new", "") + "\n";
  return out;
}

void expect_empty(const ojson& diff) {
  EXPECT_TRUE(diff["equal"].get<bool>()) << changes_of(diff);
  EXPECT_TRUE(diff["changes"].empty()) << changes_of(diff);
  EXPECT_TRUE(diff["findings"]["resolved"].empty());
  EXPECT_TRUE(diff["findings"]["new"].empty());
  EXPECT_TRUE(diff["family"].is_null());
}

TEST(FormDiff, AFormAgainstItselfIsEmpty) {
  for (const char* name : {fctest::kSeedTarget, fctest::kSeedReport2024, fctest::kSeedReport2022}) {
    const Document d = checked(fctest::seed(name));
    const ojson diff = diff_documents(d, d);
    SCOPED_TRACE(name);
    expect_empty(diff);
    EXPECT_EQ(diff["summary"]["findings_unchanged"].get<size_t>(), d.findings.size());
  }
  const Document error = checked(fctest::fixture("changzhou-target-error.txt"));
  expect_empty(diff_documents(error, checked(fctest::fixture("changzhou-target-error.txt"))));
}

// The same form read from its text and from its workbook: the same model, so no change.
TEST(FormDiff, TheSameFormInAnotherFormatIsEmpty) {
  const Document text = checked(fctest::seed(fctest::kSeedTarget), "000.txt");
  const Document model = checked(formcheck::form_to_json(text.form).dump(), "000.json");
  const ojson diff = diff_documents(text, model);
  EXPECT_TRUE(diff["changes"].empty()) << changes_of(diff);
}

// The done-when case: a row inserted, a value changed and an indicator renamed
// are reported, and nothing else (the rows after the insertion are not shifted).
TEST(FormDiff, InsertedRowChangedValueAndRenameAreExactlyWhatIsReported) {
  const Document older = checked(fctest::fixture("changzhou-target-fixed.txt"), "old.txt");
  const Document newer = checked(fctest::fixture("diff/changzhou-target-revised.txt"), "new.txt");
  const ojson diff = diff_documents(older, newer);
  ASSERT_EQ(diff["changes"].size(), 3u) << changes_of(diff);
  EXPECT_FALSE(diff["equal"].get<bool>());
  const auto& s = diff["summary"];
  EXPECT_EQ(s["changed"].get<int>(), 1);
  EXPECT_EQ(s["added"].get<int>(), 1);
  EXPECT_EQ(s["removed"].get<int>(), 0);
  EXPECT_EQ(s["renamed"].get<int>(), 1);

  const ojson* renamed = nullptr;
  const ojson* added = nullptr;
  const ojson* changed = nullptr;
  for (const auto& c : diff["changes"]) {
    const std::string type = c["type"].get<std::string>();
    (type == "renamed" ? renamed : type == "added" ? added : changed) = &c;
  }
  ASSERT_TRUE(renamed && added && changed) << changes_of(diff);
  EXPECT_EQ((*renamed)["section"], "indicators");
  EXPECT_EQ((*renamed)["old"], "系统正常运行率");
  EXPECT_EQ((*renamed)["new"], "系统正常运行比率");
  EXPECT_GE((*renamed)["similarity"].get<int>(), formcheck::kRenameSimilarity);
  EXPECT_EQ((*added)["section"], "indicators");
  EXPECT_EQ((*added)["values"]["name"], "服务效率");
  EXPECT_EQ((*added)["values"]["full"], "提升");
  EXPECT_EQ((*added)["at"]["version"], "new");
  EXPECT_EQ((*changed)["field"], "full");
  EXPECT_EQ((*changed)["old"], "≥90%");
  EXPECT_EQ((*changed)["new"], "≥95%");
  EXPECT_EQ((*changed)["field_title"], "全年指标值");
  // Matched by name: the row after the insertion moved down one place.
  EXPECT_EQ((*changed)["new_index"].get<int>(), (*changed)["old_index"].get<int>() + 1);
  // Where: the newer version's cell (its source line and column).
  EXPECT_EQ((*changed)["at"]["line"].get<int>(), 54);
  EXPECT_EQ((*changed)["at"]["col"].get<int>(), 7);
  // No finding came or went with these edits.
  EXPECT_TRUE(diff["findings"]["resolved"].empty());
  EXPECT_TRUE(diff["findings"]["new"].empty());
  EXPECT_EQ(diff["summary"]["findings_unchanged"].get<size_t>(), newer.findings.size());

  // The other way round, the row is removed (seen in the older version).
  const ojson back = diff_documents(newer, older);
  ASSERT_EQ(back["changes"].size(), 3u) << changes_of(back);
  EXPECT_EQ(back["summary"]["removed"].get<int>(), 1);
  EXPECT_EQ(back["summary"]["renamed"].get<int>(), 1);
  for (const auto& c : back["changes"]) {
    if (c["type"] == "removed") {
      EXPECT_EQ(c["at"]["version"], "old");
    }
  }
}

// The same three edits to a form with findings, one of them on the row after
// the insertion: every finding is unchanged, none resolved or new.
TEST(FormDiff, FindingsOnShiftedRowsStayUnchanged) {
  const std::string base = fctest::fixture("changzhou-target-error.txt");
  std::string revised = replaced(base, "系统正常运行率", "系统正常运行比率");
  revised = replaced(revised, "服务质量\t提升\t提升\n", "服务质量\t提升\t显著提升\n\t\t\t\t服务效率\t提升\t提升\n");
  const Document older = checked(base), newer = checked(revised);
  ASSERT_GT(fctest::count_rule(older, "indicator.rate_out_of_range"), 0);
  const ojson diff = diff_documents(older, newer);
  EXPECT_EQ(diff["changes"].size(), 3u) << changes_of(diff);
  EXPECT_TRUE(diff["findings"]["resolved"].empty()) << diff["findings"].dump(2);
  EXPECT_TRUE(diff["findings"]["new"].empty()) << diff["findings"].dump(2);
  EXPECT_EQ(diff["findings"]["unchanged"].size(), newer.findings.size());
  EXPECT_EQ(newer.findings.size(), older.findings.size());
  const std::string text = formcheck::diff_text(diff);
  EXPECT_NE(text.find("【检查结果·未变 " + std::to_string(newer.findings.size()) + " 条】\n  [错误] money.income_total"),
            std::string::npos)
      << text;
}

// Findings: one the revision fixed is resolved, the other way round it is
// new, and a finding on a row that moved is unchanged.
TEST(FormDiff, FindingsResolvedNewAndUnchangedAreMatchedByMeaning) {
  const Document wrong = checked(fctest::fixture("changzhou-target-error.txt"), "error.txt");
  const Document right = checked(fctest::fixture("changzhou-target-fixed.txt"), "fixed.txt");
  ASSERT_GT(fctest::count_rule(wrong, "money.income_total"), 0);
  const ojson fixed = diff_documents(wrong, right);
  bool resolved = false;
  for (const auto& f : fixed["findings"]["resolved"]) resolved = resolved || f["rule"] == "money.income_total";
  EXPECT_TRUE(resolved) << fixed["findings"].dump(2);
  EXPECT_FALSE(fixed["equal"].get<bool>());
  const ojson broke = diff_documents(right, wrong);
  bool fresh = false;
  for (const auto& f : broke["findings"]["new"]) fresh = fresh || f["rule"] == "money.income_total";
  EXPECT_TRUE(fresh) << broke["findings"].dump(2);

  // An indicator row inserted before a row with a finding: the finding stays unchanged.
  const std::string typo = replaced(fctest::fixture("changzhou-target-fixed.txt"), "预算调整率", "预算调正率");
  const Document older = checked(typo);
  ASSERT_GT(fctest::count_rule(older, "indicator.name_typo"), 0);
  const Document newer = checked(replaced(typo, "过程\t预算执行\t\t预算执行率\t=50%\t=100%\n",
                                          "过程\t预算执行\t\t预算执行率\t=50%\t=100%\n\t\t\t资金到位率\t=100%\t=100%\n"));
  const ojson moved = diff_documents(older, newer);
  EXPECT_EQ(moved["summary"]["added"].get<int>(), 1) << changes_of(moved);
  for (const auto& f : moved["findings"]["new"]) EXPECT_NE(f["rule"], "indicator.name_typo") << f.dump();
  for (const auto& f : moved["findings"]["resolved"]) EXPECT_NE(f["rule"], "indicator.name_typo") << f.dump();
}

TEST(FormDiff, RenameNeedsTheSameLevelPathANearbyPlaceAndASimilarName) {
  const std::string base = fctest::fixture("changzhou-target-fixed.txt");
  auto summary = [&](const std::string& revised) { return diff_documents(checked(base), checked(revised))["summary"]; };
  // A different name: dropped and added, not renamed.
  auto s = summary(replaced(base, "系统正常运行率", "用户投诉处理数"));
  EXPECT_EQ(s["renamed"].get<int>(), 0);
  EXPECT_EQ(s["removed"].get<int>(), 1);
  EXPECT_EQ(s["added"].get<int>(), 1);
  // A similar name under another 二级指标: not a rename either.
  s = summary(replaced(base, "履职\t负责信息化\t系统运维\t信息化运维\t系统正常运行率",
                       "履职\t负责网络化\t系统运维\t信息化运维\t系统正常运行比率"));
  EXPECT_EQ(s["renamed"].get<int>(), 0);
  // A similar name in the same group: renamed.
  s = summary(replaced(base, "预算编制科学性", "预算编制的科学性"));
  EXPECT_EQ(s["renamed"].get<int>(), 1);
  EXPECT_EQ(s["added"].get<int>(), 0);
}

// A number cell of a workbook (".7") and the same figure typed ("0.7") are
// the same cell; the same value shown with other decimals is a change.
TEST(FormDiff, TheSameNumberIsNotAChangeButOtherDecimalsAre) {
  const std::string base = fctest::fixture("changzhou-target-fixed.txt");
  const Document older = checked(base);
  // The 2024 report's workbook holds 0.7 as a number cell, which reads ".7".
  const ojson same = diff_documents(checked(fctest::seed(fctest::kSeedReport2024), "001.txt"),
                                    checked(fctest::fixture("office/001_f2b30ced5db2740f.xlsx"), "001.xlsx"));
  EXPECT_TRUE(same["changes"].empty()) << changes_of(same);
  EXPECT_TRUE(same["equal"].get<bool>());
  const ojson decimals = diff_documents(older, checked(replaced(base, "基本支出\t\t30\t60", "基本支出\t\t30.0\t60")));
  ASSERT_EQ(decimals["changes"].size(), 1u) << changes_of(decimals);
  EXPECT_EQ(decimals["changes"][0]["section"], "funds.expense");
  EXPECT_EQ(decimals["changes"][0]["field"], "half");
  EXPECT_EQ(decimals["changes"][0]["row"], "基本支出");
}

// Last year's report against this year's: a cell emptied in the newer version
// has no column of its own there, so the change points at its row's line
// only, never at another cell of the row.
TEST(FormDiff, AnEmptiedCellPointsAtItsRowNotAnotherCell) {
  const ojson diff = diff_documents(checked(fctest::seed(fctest::kSeedReport2022)), checked(fctest::seed(fctest::kSeedReport2024)));
  const ojson* emptied = nullptr;
  for (const auto& c : diff["changes"])
    if (c["type"] == "changed" && c["section"] == "budget_info" && c["row"] == "项目支出" && c["field"] == "carry") emptied = &c;
  ASSERT_TRUE(emptied) << changes_of(diff);
  EXPECT_EQ((*emptied)["new"], "");
  EXPECT_EQ((*emptied)["at"]["line"].get<int>(), 48);
  EXPECT_EQ((*emptied)["at"]["col"].get<int>(), 0);
  EXPECT_NE(formcheck::diff_text(diff).find("  修改  项目支出·上年度结转及当年预算追加追减数（第 48 行）：0 → （空）\n"), std::string::npos);
}

TEST(FormDiff, NameSimilarityIsABigramDice) {
  EXPECT_EQ(formcheck::name_similarity("系统正常运行率", "系统正常运行率"), 100);
  EXPECT_EQ(formcheck::name_similarity("“三公经费”变动率", "\"三公经费\"变动率"), 100);
  EXPECT_EQ(formcheck::name_similarity("系统正常运行率", "系统正常运行比率"), 76);  // 2*5/(6+7)
  EXPECT_EQ(formcheck::name_similarity("用户满意度", "资产管理规范性"), 0);
  EXPECT_EQ(formcheck::name_similarity("率", "度"), 0);
}

TEST(FormDiff, DifferentFamiliesSaySoAndDiffer) {
  const ojson diff = diff_documents(checked(fctest::seed(fctest::kSeedTarget)), checked(fctest::seed(fctest::kSeedReport2024)));
  EXPECT_FALSE(diff["equal"].get<bool>());
  ASSERT_TRUE(diff["family"].is_object());
  EXPECT_EQ(diff["family"]["old"], "target");
  EXPECT_EQ(diff["family"]["new"], "selfeval");
  EXPECT_NE(formcheck::diff_text(diff).find("表单种类不同：旧版是部门整体预算绩效目标表，新版是整体支出预算绩效自评报告"),
            std::string::npos)
      << formcheck::diff_text(diff);
}

TEST(FormDiff, AVersionWithoutAFormCannotBeCompared) {
  const Document form = checked(fctest::fixture("changzhou-target-fixed.txt"));
  const Document none = checked("这不是表单\n只是两行文字\n", "notes.txt");
  ASSERT_FALSE(none.has_form);
  const ojson diff = diff_documents(form, none);
  ASSERT_TRUE(diff.contains("error"));
  EXPECT_NE(diff["error"].get<std::string>().find("新版 notes.txt 无法对比"), std::string::npos);
}

TEST(FormDiff, TextSpeaksChineseWithOldAndNewValues) {
  const ojson diff = diff_documents(checked(fctest::fixture("changzhou-target-fixed.txt"), "old.txt"),
                                    checked(fctest::fixture("diff/changzhou-target-revised.txt"), "new.txt"));
  const std::string text = formcheck::diff_text(diff);
  for (const char* part : {"旧版：old.txt（部门整体预算绩效目标表）", "单元格修改 1 处，新增行 1 行，删除行 0 行，指标改名 1 个",
                           "【绩效指标】", "  修改  满意度·服务对象满意度·用户满意度·全年指标值（第 54 行第 7 列）：≥90% → ≥95%",
                           "  改名  履职·负责信息化·系统正常运行比率（第 51 行第 5 列）：系统正常运行率 → 系统正常运行比率（名称相似度 76%）", "  新增  效益·社会效益·服务效率（第 53 行第 5 列）：半年指标值 提升，全年指标值 提升\n",
})
    EXPECT_NE(text.find(part), std::string::npos) << part << "\n" << text;
  const Document d = checked(fctest::fixture("changzhou-target-fixed.txt"));
  EXPECT_NE(formcheck::diff_text(diff_documents(d, d)).find("两个版本相同"), std::string::npos);
  // A long narrative is cut in the text (the JSON has it whole).
  const std::string goal(100, 'x');
  const ojson texts = diff_documents(d, checked(replaced(fctest::fixture("changzhou-target-fixed.txt"), "完成年度任务。", goal)));
  ASSERT_EQ(texts["changes"].size(), 1u) << changes_of(texts);
  EXPECT_EQ(texts["changes"][0]["section"], "texts");
  EXPECT_EQ(texts["changes"][0]["new"], goal);
  EXPECT_NE(formcheck::diff_text(texts).find("  修改  年度目标（第 16 行第 1 列）：完成年度任务。 → " + std::string(60, 'x') + "…（共 100 字）\n"),
            std::string::npos)
      << formcheck::diff_text(texts);
}

}  // namespace
