// PDF input (issue 27): the runs JSON pdf.js extracts (web/js/pdf-runs.js)
// read by the one grid builder (pdf_grid.cpp). The fixtures in
// tests/fixtures/pdf/ are the office fixtures printed by LibreOffice and their
// runs JSON, committed (make_pdf_fixtures.sh), so this needs no node.
#include <gtest/gtest.h>

#include <regex>

#include "formcheck/model_json.hpp"
#include "formcheck/pdf_grid.hpp"
#include "test_util.hpp"

using formcheck::Document;

namespace {

Document load(const std::string& path, const std::string& bytes) {
  Document d = formcheck::load_document(path, bytes);
  formcheck::check_document(d);
  return d;
}

// The model without source positions, texts without white space (a PDF has
// no line breaks of its own; the printer wraps and the reader joins).
nlohmann::ordered_json comparable(nlohmann::ordered_json j) {
  if (j.is_object()) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    for (auto& [k, v] : j.items())
      if (k != "src" && !(k.size() > 4 && k.compare(k.size() - 4, 4, "_src") == 0)) out[k] = comparable(v);
    return out;
  }
  if (j.is_array()) {
    for (auto& v : j) v = comparable(v);
    return j;
  }
  if (j.is_string()) return std::regex_replace(j.get<std::string>(), std::regex("\\s+"), "");
  return j;
}

std::vector<std::string> findings(const Document& d) {
  std::vector<std::string> out;
  for (const auto& f : d.findings)
    out.push_back(f.rule + "|" + formcheck::severity_label(f.severity) + "|" +
                  std::regex_replace(f.message, std::regex("\\s+"), ""));
  std::sort(out.begin(), out.end());
  return out;
}

const char* kForms[] = {"000_f35a91aedacdb67a", "001_f2b30ced5db2740f", "002_38699f7d4c788424",
                        "project-selfeval-example", "project-target-example"};

const formcheck::Finding* only_pdf_finding(const Document& d) {
  if (d.findings.size() != 1 || d.findings[0].rule != "import.pdf") return nullptr;
  return &d.findings[0];
}

}  // namespace

// A Word form printed to PDF reads as the same model with the same findings.
TEST(PdfGrid, WriterPrintsGiveTheModelAndFindingsOfTheirDocx) {
  for (const char* name : kForms) {
    SCOPED_TRACE(name);
    const Document pdf = load(std::string(name) + ".pdf", fctest::fixture(std::string("pdf/runs/writer-") + name + ".json"));
    const Document docx = load(std::string(name) + ".docx", fctest::fixture(std::string("office/") + name + ".docx"));
    ASSERT_TRUE(pdf.has_form);
    EXPECT_EQ(pdf.input, "pdf");
    EXPECT_EQ(comparable(formcheck::form_to_json(pdf.form)).dump(1), comparable(formcheck::form_to_json(docx.form)).dump(1));
    EXPECT_EQ(findings(pdf), findings(docx));
  }
}

// A sheet printed without cell borders is read by its text positions: the
// same kind of form as its workbook (its cells are not all recovered: Calc
// wraps long cells over several lines, bottom-aligned, with nothing to show
// where a row ends — see docs/import.md).
// Not project-selfeval-example: its title cell is five characters wide, so
// even the title is printed over two lines, which nothing joins without borders.
TEST(PdfGrid, CalcPrintsWithoutBordersAreReadAsTheSameForm) {
  for (const char* name : kForms) {
    SCOPED_TRACE(name);
    if (std::string(name) == "project-selfeval-example") continue;
    const Document pdf = load(std::string(name) + ".pdf", fctest::fixture(std::string("pdf/runs/calc-") + name + ".json"));
    const Document xlsx = load(std::string(name) + ".xlsx", fctest::fixture(std::string("office/") + name + ".xlsx"));
    EXPECT_EQ(pdf.input, "pdf");
    EXPECT_EQ(pdf.form.kind, xlsx.form.kind);
    // The sheet-name header and the page number LibreOffice prints are not read.
    const std::string grid = formcheck::grid_text(fctest::fixture(std::string("pdf/runs/calc-") + name + ".json"));
    EXPECT_EQ(grid.find("Sheet1"), std::string::npos);
    EXPECT_EQ(grid.find("Page"), std::string::npos);
  }
}

// Broken, encrypted and hostile PDFs (tests/fixtures/pdf/bad/, as the
// extractor reported them): one import.pdf message each, never a form.
TEST(PdfGrid, BadPdfsGetOneMessage) {
  const std::pair<const char*, const char*> cases[] = {
      {"encrypted", "加密"},         {"truncated", "损坏"},       {"not-a-pdf-body", "损坏"},
      {"cyclic-pages", "损坏"},      {"scanned", "扫描件"},       {"blank", "没有可读取的文字"},
      {"deep-nesting", "没有可读取的文字"}, {"huge-length", "没有可读取的文字"}, {"bomb", "没有可读取的文字"},
  };
  for (const auto& [name, says] : cases) {
    SCOPED_TRACE(name);
    const Document d = load(std::string(name) + ".pdf", fctest::fixture(std::string("pdf/runs/bad-") + name + ".json"));
    EXPECT_FALSE(d.has_form);
    const formcheck::Finding* f = only_pdf_finding(d);
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(f->severity, formcheck::Severity::Error);
    EXPECT_NE(f->message.find(says), std::string::npos) << f->message;
    EXPECT_EQ(d.read_error, f->message);
  }
  // A form XObject that draws itself: pdf.js stops the cycle and the text is read.
  const Document cyclic = load("c.pdf", fctest::fixture("pdf/runs/bad-cyclic-xobject.json"));
  EXPECT_TRUE(cyclic.read_error.empty());
  // What the CLI's watchdog and a missing node say.
  for (const auto& [kind, says] : {std::pair{"timeout", "超时"}, std::pair{"unavailable", "Node.js"}, std::pair{"too_large", "过大"}}) {
    const Document d = load("x.pdf", formcheck::pdf_runs_error(kind, "找不到 Node.js"));
    const formcheck::Finding* f = only_pdf_finding(d);
    ASSERT_NE(f, nullptr) << kind;
    EXPECT_NE(f->message.find(says), std::string::npos) << f->message;
  }
}

TEST(PdfGrid, MalformedRunsJsonIsAMessageNotACrash) {
  for (const char* json : {R"({"formcheck_pdf_runs":1})", R"({"formcheck_pdf_runs":1,"pages":[{"runs":[["a","x",1,1,1]]}]})",
                           R"({"formcheck_pdf_runs":1,"pages":[{"runs":[["a",1e300,1,1,1]]}]})",
                           R"({"formcheck_pdf_runs":1,"pages":[{"lines":[[1,2,3]]}]})", R"({"formcheck_pdf_runs":1,"pages":[)",
                           R"({"formcheck_pdf_runs":1,"pages":{}})"}) {
    const Document d = load("x.pdf", json);
    const formcheck::Finding* f = only_pdf_finding(d);
    ASSERT_NE(f, nullptr) << json;
    EXPECT_FALSE(d.read_error.empty());
  }
}

namespace {

// A runs JSON of one A4 page.
std::string page(const std::string& runs, const std::string& lines) {
  return R"({"formcheck_pdf_runs":1,"pages":[{"w":595,"h":842,"images":0,"runs":[)" + runs + R"(],"lines":[)" + lines +
         "]}]}";
}

// The lines of a ruled table: rows at `ys`, columns at `xs`, every cell closed.
std::string grid_lines(const std::vector<int>& xs, const std::vector<int>& ys) {
  std::string out;
  auto add = [&](int x1, int y1, int x2, int y2) {
    out += (out.empty() ? "" : ",") + std::string("[") + std::to_string(x1) + "," + std::to_string(y1) + "," +
           std::to_string(x2) + "," + std::to_string(y2) + "]";
  };
  for (int y : ys) add(xs.front(), y, xs.back(), y);
  for (int x : xs) add(x, ys.front(), x, ys.back());
  return out;
}

}  // namespace

// Columns and rows from the ruling lines; a cell the lines do not close is a
// merge, read as the office reader reads one: text in the top-left cell, the
// columns spanned to the right dropped, the rows below left empty.
TEST(PdfGrid, RuledTableWithMergedCells) {
  // 3 columns (100-200-300-400), 3 rows (100-120-140-160). Row 1: one cell over
  // all columns. Column 1, rows 2-3: one cell, its label printed in the middle.
  std::string lines = R"([100,100,400,100],[100,160,400,160],[100,120,400,120],[200,140,400,140],)"
                      R"([100,100,100,160],[400,100,400,160],[200,120,200,160],[300,120,300,160])";
  const std::string runs = R"(["标题横跨三列",105,105,60,10],["分组",105,135,20,10],["甲",205,125,10,10],)"
                           R"(["1",305,125,5,10],["乙",205,145,10,10],["2",305,145,5,10])";
  const std::string grid = formcheck::grid_text(page(runs, lines));
  EXPECT_EQ(grid, "1\t标题横跨三列\n2\t分组\t甲\t1\n3\t\t乙\t2\n");
}

// Lines of one cell wrapped by the printer join (no space between CJK; a space
// glyph printed between words is kept).
TEST(PdfGrid, WrappedCellTextJoins) {
  const std::string lines = grid_lines({100, 200, 300}, {100, 140});
  const std::string runs = R"(["评价孵化载体",105,105,60,10],["数量",105,120,20,10],["会议",205,105,20,10],)"
                           R"([" ",225,105,3,10],["5",228,105,5,10],["场",235,105,10,10])";
  EXPECT_EQ(formcheck::grid_text(page(runs, lines)), "1\t评价孵化载体数量\t会议 5场\n");
}

// A row the page break split goes on in the same cells; a row that starts
// the next page is a row of its own.
TEST(PdfGrid, TableContinuedOnTheNextPage) {
  auto two_pages = [](const std::string& second) {
    const std::string l1 = grid_lines({100, 200, 300}, {700, 740, 780});
    const std::string l2 = grid_lines({100, 200, 300}, {60, 80, 100});
    return R"({"formcheck_pdf_runs":1,"pages":[{"w":595,"h":842,"runs":[["项目",105,705,20,10],["说明",205,705,20,10],)"
           R"(["预算",105,745,20,10],["这一格的文字很长一直写到了单",205,745,95,10]],"lines":[)" + l1 +
           R"(]},{"w":595,"h":842,"runs":[)" + second + R"(],"lines":[)" + l2 + "]}]}";
  };
  EXPECT_EQ(formcheck::grid_text(two_pages(R"(["元格的右边",205,65,50,10],["下一行",105,85,30,10],["甲",205,85,10,10])")),
            "1\t项目\t说明\n2\t预算\t这一格的文字很长一直写到了单元格的右边\n3\t下一行\t甲\n");
  // The first row of the next page has a label of its own: not a continuation.
  EXPECT_EQ(formcheck::grid_text(two_pages(R"(["新行",105,65,20,10],["乙",205,65,10,10])")),
            "1\t项目\t说明\n2\t预算\t这一格的文字很长一直写到了单\n3\t新行\t乙\n");
}

// Text without ruling lines: rows by baseline, cells where the gap is wider
// than a space, columns where no row writes across; page numbers and the
// default sheet-name header are not read.
TEST(PdfGrid, TextWithoutLinesAndPageFurniture) {
  const std::string runs = R"(["Sheet1",280,40,40,12],["一级指标",60,100,40,10],["三级指标",200,100,40,10],)"
                           R"(["产出指标",60,120,40,10],["评价数量",200,120,40,10],["≥150家",300,120,30,10],)"
                           R"(["第 1 页",280,790,30,12])";
  EXPECT_EQ(formcheck::grid_text(page(runs, "")), "1\t一级指标\t三级指标\n2\t产出指标\t评价数量\t≥150家\n");
}

TEST(PdfGrid, RecognisesOnlyItsOwnJson) {
  EXPECT_TRUE(formcheck::looks_like_pdf_runs(R"(  {"formcheck_pdf_runs":1,"pages":[]})"));
  EXPECT_FALSE(formcheck::looks_like_pdf_runs(R"({"kind":"target"})"));
  EXPECT_TRUE(formcheck::looks_like_pdf_runs(formcheck::pdf_runs_error("damaged", "")));
}
