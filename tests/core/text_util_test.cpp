#include <gtest/gtest.h>

#include <string>

#include "formcheck/html_text.hpp"
#include "formcheck/text_util.hpp"

using formcheck::clean_cell;
using formcheck::match_key;
using formcheck::trim_view;

namespace {
// Every white-space character the checker knows (is_space_cp), as UTF-8.
const char* const kSpaces[] = {" ", "\t", "\r", "\n", "\u00A0", "\u2000", "\u2001", "\u2002", "\u2003", "\u2004",
                               "\u2005", "\u2006", "\u2007", "\u2008", "\u2009", "\u200A", "\u200B", "\u202F",
                               "\u205F", "\u3000", "\uFEFF"};
}  // namespace

TEST(TextUtil, TrimRemovesEverySpaceAtBothEndsAndNothingElse) {
  for (const char* sp : kSpaces) {
    const std::string s = std::string(sp) + sp + "预算 执行率" + sp;
    EXPECT_EQ(trim_view(s), "预算 执行率") << "U+" << sp;
  }
  // Characters whose UTF-8 shares bytes with the spaces are kept.
  for (const char* kept : {"\u00A9", "\u2010", "\u2030", "\u3001", "\uFF05", "\u4E00", "\u9F8B", "\u00BF"}) {
    const std::string s = std::string(kept) + "x" + kept;
    EXPECT_EQ(trim_view(s), s) << kept;
  }
  EXPECT_EQ(trim_view("\u3000\u3000"), "");
  EXPECT_EQ(trim_view(""), "");
}

TEST(TextUtil, CleanCellJoinsInnerSpacesAndKeepsCleanCellsAsTheyAre) {
  EXPECT_EQ(clean_cell("≥95%"), "≥95%");
  EXPECT_EQ(clean_cell("预算执行率"), "预算执行率");
  for (const char* sp : kSpaces) {
    EXPECT_EQ(clean_cell(std::string(sp) + "预算" + sp + "执行率" + sp), "预算执行率") << "U+" << sp;
    EXPECT_EQ(clean_cell(std::string("a") + sp + "b"), "a b") << "U+" << sp;
  }
}

TEST(TextUtil, MatchKeyFoldsWidthCaseSpacesAndQuotes) {
  EXPECT_EQ(match_key("“预算 执行率”"), "预算执行率");
  EXPECT_EQ(match_key("ＡＢＣ　１２３"), "abc123");
  EXPECT_EQ(match_key("Budget Rate"), "budgetrate");
  EXPECT_EQ(match_key(std::string(300, 'X')), std::string(300, 'x'));  // past the stack buffer
  EXPECT_EQ(match_key("a\xFF" "b"), "a\uFFFD" "b");                    // a malformed byte
  EXPECT_EQ(match_key(std::string(100, '\xFF')).size(), 300u);         // worst case: 3 bytes out per byte in
}

// Markup left in text from web pages is removed; a "<" that opens no HTML tag
// and an "&" that starts no entity are text.
TEST(HtmlText, StripsTagsAndEntitiesOnly) {
  using formcheck::strip_html;
  EXPECT_EQ(strip_html("<p>年度目标</p>&nbsp;"), " 年度目标  ");
  EXPECT_EQ(formcheck::clean_cell(strip_html("<p>提升服务<br>能力。</p>")), "提升服务能力。");
  EXPECT_EQ(strip_html("<span style=\"color:red\">=100%</span>"), "=100%");
  EXPECT_EQ(strip_html("&ldquo;三公经费&rdquo;&#21464;&#x52A8;率"), "\xE2\x80\x9C三公经费\xE2\x80\x9D变动率");
  EXPECT_EQ(strip_html("<5% & <=10 &foo; AT&T"), "<5% & <=10 &foo; AT&T");
  EXPECT_EQ(strip_html("<pre>x</pre>"), "<pre>x</pre>");
  EXPECT_EQ(strip_html("&#0; &#xD800; &#99999999;"), "&#0; &#xD800; &#99999999;");
  EXPECT_TRUE(formcheck::has_html_markup("a<br/>b"));
  EXPECT_TRUE(formcheck::has_html_markup("a&nbsp;b"));
  EXPECT_FALSE(formcheck::has_html_markup("≤100% <5% A&B"));
}

// The WHATWG decoder's replacement (what TextDecoder gives the page): one
// U+FFFD per maximal invalid subsequence, a leading BOM dropped.
TEST(Utf8Lossy, ReplacesAsTheBrowserDoes) {
  using formcheck::utf8_lossy;
  const std::string r = "\xEF\xBF\xBD";
  EXPECT_EQ(utf8_lossy("\xEF\xBB\xBF" "ab"), "ab");
  EXPECT_EQ(utf8_lossy("a\xFF" "b"), "a" + r + "b");
  EXPECT_EQ(utf8_lossy("\xE4\xB8" "a"), r + "a");          // a truncated 3-byte sequence: one U+FFFD
  EXPECT_EQ(utf8_lossy("\xF0\x9F\x98"), r);                 // truncated at the end
  EXPECT_EQ(utf8_lossy("\xED\xA0\x80"), r + r + r);         // a surrogate: ED then two stray bytes
  EXPECT_EQ(utf8_lossy("\xC0\xAF"), r + r);                 // an overlong lead byte
  EXPECT_EQ(utf8_lossy("中\xE4" "文"), "中" + r + "文");
}
