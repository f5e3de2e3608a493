// The reading ledger (ledger.hpp): every non-empty cell of every input we
// have — examples, fixtures (text and office), every corpus style — ends in a
// fate. (The fuzz targets assert the same over their inputs, replayed from
// tests/fuzz_regressions by fuzz_regressions_test.cpp; generated forms are
// checked by the ledger.generated_forms ctest.)
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "corpus.hpp"
#include "formcheck/api.hpp"
#include "formcheck/ledger.hpp"
#include "test_util.hpp"

namespace fs = std::filesystem;

namespace {

formcheck::Document kept(const std::string& path, const std::string& bytes) {
  formcheck::Options o;
  o.keep_grid = true;
  return formcheck::load_document(path, bytes, o);
}

// The grid row (as source_grid writes it) of source line `line`.
std::string grid_line(const formcheck::Document& d, int line) {
  std::istringstream in(d.source_grid);
  std::string l;
  const std::string want = std::to_string(line) + "\t";
  while (std::getline(in, l))
    if (l.rfind(want, 0) == 0) return l;
  return "";
}

// The unaccounted cells of `bytes`, each with its row, for a failure message.
std::string unaccounted(const std::string& path, const std::string& bytes) {
  const formcheck::Document d = kept(path, bytes);
  std::string out;
  for (size_t i = 0; i < d.unaccounted.size() && i < 20; ++i) {
    const formcheck::Loc at = d.unaccounted[i];
    out += "\n  " + std::to_string(at.line) + ":" + std::to_string(at.col) + "  " + grid_line(d, at.line);
  }
  if (d.unaccounted.size() > 20) out += "\n  … " + std::to_string(d.unaccounted.size()) + " in all";
  return out;
}

std::vector<fs::path> files_under(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() != ".py") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

// The fate written for the cell at line:col of a source_fates text.
std::string fate_at(const std::string& fates, int line, int col) {
  std::istringstream in(fates);
  std::string l;
  while (std::getline(in, l)) {
    std::vector<std::string> parts;
    std::string p;
    std::istringstream row(l);
    while (std::getline(row, p, '\t')) parts.push_back(p);
    if (!parts.empty() && parts[0] == std::to_string(line)) return col < static_cast<int>(parts.size()) ? parts[static_cast<size_t>(col)] : "";
  }
  return "?";
}

}  // namespace

TEST(Ledger, EveryExampleCellHasAFate) {
  int n = 0;
  for (const auto& p : files_under(FORMCHECK_SEEDS_DIR)) {
    if (const std::string u = unaccounted(p.string(), fctest::read_file(p.string())); !u.empty()) ADD_FAILURE() << p << u;
    ++n;
  }
  EXPECT_GE(n, 8);
}

TEST(Ledger, EveryFixtureCellHasAFate) {
  int n = 0;
  for (const auto& p : files_under(FORMCHECK_FIXTURES_DIR)) {
    // Not yet: the sheets printed by Calc without borders (pdf/runs/calc-*)
    // give the project recognizer wrapped funds labels ("项目资金（万元" over
    // two rows) whose second part it neither joins nor reports.
    if (p.string().find("/pdf/runs/calc-") != std::string::npos) continue;
    if (const std::string u = unaccounted(p.string(), fctest::read_file(p.string())); !u.empty()) ADD_FAILURE() << p << u;
    ++n;
  }
  EXPECT_GE(n, 15);
}

TEST(Ledger, EveryCorpusStyleCellHasAFate) {
  for (const auto& style : corpus::styles())
    for (const auto& name : corpus::gold_names())
      if (const std::string u = unaccounted(name, corpus::render(corpus::load_gold(name), style.id)); !u.empty())
        ADD_FAILURE() << name << " in " << style.id << u;
  for (const auto& style : corpus::styles()) {
    if (!corpus::generic_style(style.id)) continue;
    for (const auto& name : corpus::report_names())
      if (const std::string u = unaccounted(name, corpus::render_text(corpus::report_source(name), style.id)); !u.empty())
        ADD_FAILURE() << name << " in " << style.id << u;
  }
}

// The fates say what each cell became: a field with its model path, a label,
// a finding; a fragment joined to a field is part of that field.
TEST(Ledger, FatesNameTheFieldTheLabelAndTheFinding) {
  const std::string text = fctest::fixture("changzhou-target-fixed.txt") + "\n\n\n这一行与表单无关\t这是一段与表单无关的很长很长的说明文字\n";
  const formcheck::Document d = kept("t.txt", text);
  ASSERT_TRUE(d.has_form);
  EXPECT_TRUE(d.unaccounted.empty());
  EXPECT_EQ(fate_at(d.source_fates, 1, 1), "field:title");
  EXPECT_EQ(fate_at(d.source_fates, 2, 1), "field:year");
  EXPECT_EQ(fate_at(d.source_fates, 3, 1), "label:row_label");  // 单位名称
  EXPECT_EQ(fate_at(d.source_fates, 3, 3), "field:unit");
  // A text's label standing alone is the text's position; the text after it is part of it.
  EXPECT_EQ(fate_at(d.source_fates, 4, 1), "field:texts.functions");
  EXPECT_EQ(fate_at(d.source_fates, 4, 3), "part:texts.functions");
  EXPECT_EQ(fate_at(d.source_fates, 6, 1), "label:heading");     // 部门整体资金（万元）
  EXPECT_EQ(fate_at(d.source_fates, 6, 5), "label:column");      // 全年预算数
  EXPECT_EQ(fate_at(d.source_fates, 7, 5), "field:funds.income[0].full");
  EXPECT_EQ(fate_at(d.source_fates, 8, 4), "label:row_label");   // 小计
  EXPECT_EQ(fate_at(d.source_fates, 12, 5), "field:funds.expense[0].half");
  EXPECT_EQ(fate_at(d.source_fates, 17, 4), "label:column");     // 三级指标
  EXPECT_EQ(fate_at(d.source_fates, 18, 1), "field:level1");
  EXPECT_EQ(fate_at(d.source_fates, 18, 2), "field:level2");
  EXPECT_EQ(fate_at(d.source_fates, 18, 4), "field:indicators[0].name");
  EXPECT_EQ(fate_at(d.source_fates, 18, 6), "field:indicators[0].full");
  // An unrecognized row: its finding accounts for every cell of it.
  const int last = std::stoi(d.source_grid.substr(d.source_grid.rfind('\n', d.source_grid.size() - 2) + 1));
  EXPECT_EQ(fate_at(d.source_fates, last, 1), "finding:import.unrecognized");
  EXPECT_EQ(fate_at(d.source_fates, last, 2), "finding:import.unrecognized");
}

// A wrapped 自评表 row: its fragments are parts of the fields of the row above.
TEST(Ledger, AWrappedFragmentIsPartOfTheFieldAbove) {
  const std::string text =
      "2022年度部门整体支出绩效自评报告\n"
      "一、部门整体自评表\n"
      "类别\t指标名称\t指标目标值\t指标完成值\t完成值来源\t偏差情况\t原因分析\n"
      "决策\t工作计划制定\t健全\t健全\t文件\t无\t无\n"
      "\t健全性\t\t\t汇编\n";
  const formcheck::Document d = kept("r.txt", text);
  ASSERT_TRUE(d.has_form);
  EXPECT_TRUE(d.unaccounted.empty()) << d.source_fates;
  EXPECT_EQ(fate_at(d.source_fates, 3, 2), "label:column");
  EXPECT_EQ(fate_at(d.source_fates, 4, 1), "field:category");
  EXPECT_EQ(fate_at(d.source_fates, 4, 4), "field:evaluation[0].actual");
  EXPECT_EQ(fate_at(d.source_fates, 5, 2), "part:evaluation[0].name");
  EXPECT_EQ(fate_at(d.source_fates, 5, 5), "part:evaluation[0].source");
}

// A document that is no form: its one finding accounts for every cell.
TEST(Ledger, AnUnknownDocumentIsOneFinding) {
  const formcheck::Document d = kept("x.txt", "随便\t写点\n什么\n");
  EXPECT_FALSE(d.has_form);
  EXPECT_TRUE(d.unaccounted.empty());
  EXPECT_EQ(fate_at(d.source_fates, 1, 2), "finding:import.unknown_form");
}

// The fates travel beside the grid only when the grid is kept; the grid's own
// text is unchanged by them.
TEST(Ledger, SourceFatesOnlyWithTheGrid) {
  const std::string text = fctest::seed(fctest::kSeedTarget);
  const formcheck::Document plain = formcheck::load_document("t.txt", text);
  EXPECT_TRUE(plain.source_fates.empty());
  EXPECT_EQ(formcheck::document_json_text(plain, false, false).find("source_fates"), std::string::npos);
  const formcheck::Document d = kept("t.txt", text);
  EXPECT_NE(formcheck::document_json_text(d, false, false).find("\"source_fates\""), std::string::npos);
  EXPECT_EQ(d.source_grid, formcheck::grid_text(text));
  EXPECT_EQ(formcheck::fates_text(text), d.source_fates);
  // One fates line per grid line, with as many cells.
  std::istringstream g(d.source_grid), f(d.source_fates);
  std::string gl, fl;
  int rows = 0;
  while (std::getline(g, gl)) {
    ASSERT_TRUE(std::getline(f, fl));
    EXPECT_EQ(std::count(gl.begin(), gl.end(), '\t'), std::count(fl.begin(), fl.end(), '\t')) << gl;
    ++rows;
  }
  EXPECT_FALSE(std::getline(f, fl));
  EXPECT_GT(rows, 50);
}

// The ledger reports a cell the reading dropped (it would fail the tests above).
TEST(Ledger, ADroppedCellIsUnaccounted) {
  formcheck::Grid g;
  const std::string a = "标题", b = "丢掉的";
  g.add_cell(formcheck::Cell(a, {1, 1}));
  g.add_cell(formcheck::Cell(b, {1, 2}));
  g.end_row();
  formcheck::Form form;
  formcheck::Marks marks;
  marks.field({1, 1}, formcheck::kRoleTitle);
  const formcheck::Ledger l(g, form, {}, marks);
  const auto missing = l.unaccounted(g);
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].col, 2);
  // A part joined to nothing the model holds is no fate either.
  formcheck::Marks stray = marks, joined = marks;
  stray.part({1, 2}, {5, 5});
  EXPECT_EQ(formcheck::Ledger(g, form, {}, stray).unaccounted(g).size(), 1u);
  joined.part({1, 2}, {1, 1});
  const formcheck::Ledger ok(g, form, {}, joined);
  EXPECT_TRUE(ok.unaccounted(g).empty());
  EXPECT_EQ(ok.row_text(g.rows[0]), "1\tfield:title\tpart:title");
}

// A second 单位名称 with another name neither replaces the first nor goes
// unsaid: a finding at its cell. The same name again is part of the first.
TEST(Ledger, ASecondUnitNameIsAFindingAtItsCell) {
  const std::string base = fctest::fixture("changzhou-target-fixed.txt");
  const formcheck::Document d = kept("t.txt", base + "单位名称\t\t另一个单位\n");
  ASSERT_TRUE(d.has_form);
  EXPECT_EQ(d.form.unit, "常州市科技服务中心");
  EXPECT_TRUE(d.unaccounted.empty()) << d.source_fates;
  const int last = std::stoi(d.source_grid.substr(d.source_grid.rfind('\n', d.source_grid.size() - 2) + 1));
  EXPECT_EQ(fate_at(d.source_fates, last, 3), "finding:import.unrecognized");
  EXPECT_EQ(fate_at(d.source_fates, last, 1), "label:row_label");
  const formcheck::Document same = kept("t.txt", base + "单位名称\t\t常州市科技服务中心\n");
  EXPECT_EQ(fate_at(same.source_fates, last, 3), "part:unit");
  EXPECT_EQ(fctest::count_rule(same, "import.unrecognized"), 0);
}

namespace {

std::string replace_once(std::string s, const std::string& from, const std::string& to) {
  const size_t at = s.find(from);
  if (at == std::string::npos) throw std::runtime_error("test input lacks: " + from);
  return s.replace(at, from.size(), to);
}

// The fate of the cell whose text is `text` (the first such cell), from the grid and the fates side by side.
std::string fate_of(const formcheck::Document& d, const std::string& text) {
  std::istringstream g(d.source_grid), f(d.source_fates);
  std::string gl, fl;
  while (std::getline(g, gl) && std::getline(f, fl)) {
    std::vector<std::string> gc, fc;
    std::string p;
    for (std::istringstream r(gl); std::getline(r, p, '\t');) gc.push_back(p);
    for (std::istringstream r(fl); std::getline(r, p, '\t');) fc.push_back(p);
    for (size_t i = 1; i < gc.size(); ++i)
      if (gc[i] == text) return i < fc.size() ? fc[i] : "";
  }
  return "?";
}

}  // namespace

// Cells of a row that was read but that no field takes: a finding at each.
TEST(Ledger, CellsNoFieldTakesAreFindingsAtTheirCells) {
  std::string target = fctest::fixture("changzhou-target-fixed.txt");
  target = replace_once(target, "常州市科技服务中心\n", "常州市科技服务中心\t单位编码 0101\n");
  target = replace_once(target, "决策\t计划制定\t\t工作计划制定健全性", "决策\t计划制定\t过程\t工作计划制定健全性");
  const formcheck::Document t = kept("t.txt", target);
  EXPECT_TRUE(t.unaccounted.empty()) << t.source_fates;
  EXPECT_EQ(fate_of(t, "单位编码 0101"), "finding:import.unrecognized");
  EXPECT_EQ(fate_of(t, "决策"), "finding:import.unrecognized");  // a second 一级 in the row took its place
  EXPECT_EQ(t.form.unit, "常州市科技服务中心");

  std::string project = fctest::seed("project-selfeval-example.txt");
  project = replace_once(project, "总分\t100\t99", "总分\t100\t99\t优");
  project = replace_once(project, "项目名称\t孵化载体绩效评价", "项目名称\t孵化载体绩效评价\t（续表）");
  const formcheck::Document p = kept("p.txt", project);
  EXPECT_TRUE(p.unaccounted.empty()) << p.source_fates;
  EXPECT_EQ(fate_of(p, "优"), "finding:import.unrecognized");
  EXPECT_EQ(fate_of(p, "（续表）"), "finding:import.unrecognized");
  const int last = std::stoi(p.source_grid.substr(p.source_grid.rfind('\n', p.source_grid.size() - 2) + 1));
  EXPECT_EQ(fate_at(p.source_fates, last, 1), "label:row_label");  // 总分
  EXPECT_EQ(fate_at(p.source_fates, last, 2), "decoration");       // the points the template prints
  EXPECT_EQ(fate_of(p, "99"), "field:total_score");
  EXPECT_EQ(p.form.total_score, "99");
}

// A text label written a second time continues its text, which keeps its
// first position: the first label's cells stay accounted for.
TEST(Ledger, ASecondTextLabelContinuesItsText) {
  const std::string base = fctest::fixture("changzhou-target-fixed.txt");
  const formcheck::Document d = kept("t.txt", replace_once(base, "中长期目标\t\t提升服务能力。\n",
                                                          "中长期目标\t\t提升服务能力。\n单位主要职能\t\t还负责其他。\n"));
  ASSERT_TRUE(d.has_form);
  EXPECT_TRUE(d.unaccounted.empty()) << d.source_fates;
  EXPECT_EQ(d.form.text_src.at("functions").line, 4);
  EXPECT_EQ(fate_of(d, "负责科技服务。"), "part:texts.functions");
  EXPECT_EQ(fate_of(d, "还负责其他。"), "part:texts.functions");
}

// A 序号 before a funds line's name is a label the reader used; an amount
// there is an amount nobody could place (an error at its cell).
TEST(Ledger, ACellBeforeAFundsLinesNameIsARowNumberOrUnplaced) {
  struct Case {
    std::string text;
    int line, col;
  };
  const std::vector<Case> numbered = {
      {replace_once(fctest::fixture("changzhou-target-fixed.txt"), "\t\t基本支出\t\t30\t60\n", "\t1\t基本支出\t\t30\t60\n"), 12, 2},
      {replace_once(fctest::seed("project-target-example.txt"), "\t其他资金\t60\t其他资金\t30", "1\t其他资金\t60\t其他资金\t30"), 8, 1},
  };
  for (const Case& c : numbered) {
    const formcheck::Document d = kept("numbered.txt", c.text);
    EXPECT_TRUE(d.unaccounted.empty()) << d.source_fates;
    EXPECT_NE(d.source_fates.find("label:row_number"), std::string::npos) << d.source_fates;
    for (const auto& f : d.findings) EXPECT_NE(f.rule, "import.unplaced_amount") << f.message;
  }
  const formcheck::Document amount = kept(
      "amount.txt", replace_once(fctest::fixture("changzhou-target-fixed.txt"), "\t\t基本支出\t\t30\t60\n",
                                 "\t12.5\t基本支出\t\t30\t60\n"));
  EXPECT_TRUE(amount.unaccounted.empty()) << amount.source_fates;
  int unplaced = 0;
  for (const auto& f : amount.findings)
    unplaced += f.rule == "import.unplaced_amount" && f.location.src.line == 12 && f.location.src.col == 2;
  EXPECT_EQ(unplaced, 1) << fctest::summary(amount);
}
