// The text importer reads what Excel, WPS and LibreOffice put on the
// clipboard: TAB between cells, CRLF after rows, and a cell holding a line
// break, a tab or a quote wrapped in "…" with "" inside.
#include <gtest/gtest.h>

#include "formcheck/text_import.hpp"

using formcheck::grid_from_text;

namespace {

std::string cell(const formcheck::Grid& g, size_t r, size_t c) {
  if (r >= g.rows.size() || c >= g.rows[r].cells.size()) return "<none>";
  return std::string(g.rows[r].cells[c].text);
}

}  // namespace

TEST(ClipboardText, QuotedCellsKeepLineBreaksTabsAndQuotes) {
  const std::string text =
      "项目名称\t测试项目\t\r\n"
      "\"项目资金\r\n(万元)\"\t年初预算数\t\"全年\t预算数\"\r\n"
      "\"说\"\"明\"\"\"\t\"\"\t末列\r\n"
      "总分\t100\t\r\n";
  const auto t = grid_from_text(text);
  ASSERT_TRUE(t.ok);
  EXPECT_EQ(t.mode, "tsv");
  ASSERT_EQ(t.grid.rows.size(), 4u);
  EXPECT_NE(cell(t.grid, 1, 0).find("(万元)"), std::string::npos) << cell(t.grid, 1, 0);
  EXPECT_EQ(cell(t.grid, 1, 0).find('"'), std::string::npos);
  EXPECT_EQ(cell(t.grid, 1, 1), "年初预算数");
  EXPECT_NE(cell(t.grid, 1, 2).find("预算数"), std::string::npos);
  EXPECT_EQ(t.grid.rows[1].cells.size(), 3u);
  EXPECT_EQ(cell(t.grid, 2, 0), "说\"明\"");
  EXPECT_EQ(cell(t.grid, 2, 1), "");
  EXPECT_EQ(cell(t.grid, 2, 2), "末列");
  EXPECT_EQ(cell(t.grid, 3, 0), "总分");
  // Row 4 starts on line 5: the quoted line break counts as a line.
  EXPECT_EQ(t.grid.rows[3].cells[0].loc().line, 5);
}

TEST(ClipboardText, QuotesThatDoNotWrapACellAreText) {
  // Typed text, not a clipboard rendering: the quotes stay as they are.
  const auto t = grid_from_text("\"十四五\"规划\t完成\n\"未闭合\t值\n下一行\t2\n");
  ASSERT_EQ(t.grid.rows.size(), 3u);
  EXPECT_EQ(cell(t.grid, 0, 0), "\"十四五\"规划");
  EXPECT_EQ(cell(t.grid, 1, 0), "\"未闭合");
  EXPECT_EQ(cell(t.grid, 1, 1), "值");
  EXPECT_EQ(cell(t.grid, 2, 0), "下一行");
}
