// Text helpers for Chinese office text: UTF-8 validation, full-width folding,
// cell cleaning and the normalised keys used to match labels and indicator names.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace formcheck {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool is_valid_utf8(std::string_view s);

// UTF-16 text (a byte-order mark, or ASCII-heavy text with every other byte
// NUL) decoded to UTF-8 into `out`; false when `bytes` is not UTF-16.
// Unpaired surrogates become U+FFFD.
bool decode_utf16(std::string_view bytes, std::string& out);

// Decodes bytes as the WHATWG UTF-8 decoder (the browser's TextDecoder) does:
// a leading BOM dropped, each maximal invalid subsequence replaced by one
// U+FFFD. Used where the page decodes with TextDecoder, so the native build
// reads the same text from the same bytes.
std::string utf8_lossy(std::string_view bytes);

// Decodes well-formed UTF-8 into code points (invalid bytes become U+FFFD).
std::u32string to_u32(std::string_view s);
std::string to_utf8(const std::u32string& s);
void append_utf8(std::string& out, char32_t cp);

bool is_cjk(char32_t cp);
bool is_space_cp(char32_t cp);  // ASCII space/tab, U+3000, NBSP, other Unicode spaces

// Folds full-width ASCII (U+FF01..U+FF5E) and U+3000 to their half-width forms.
std::string to_halfwidth(std::string_view s);
// The same as a view: `s` itself when nothing folds (the usual case), else the
// folded text stored in `buf`.
std::string_view halfwidth_view(std::string_view s, std::string& buf);

// Trims ASCII and Unicode white space at both ends.
std::string trim(std::string_view s);
std::string_view trim_view(std::string_view s);  // the same, without a copy

// Cleans one table cell as it arrives from Excel/WPS/Word/PDF text:
// trims, removes Excel's surrounding quotes, and deletes the spaces a PDF
// extractor leaves between two CJK characters when it wraps a cell
// ("预算执行实际 情况" -> "预算执行实际情况"). Other spaces collapse to one.
std::string clean_cell(std::string_view s);
// True when clean_cell(s) == s (no white space to fold, no surrounding quotes).
bool is_clean_cell(std::string_view s);

// Key for comparing labels and names: half-width, no white space, no quote
// marks, ASCII lower case. "“三公经费”变动 率" and "\"三公经费\"变动率" match.
std::string match_key(std::string_view s);

// True when the text holds nothing but punctuation, symbols or white space.
bool is_punctuation_only(std::string_view s);

// Number of code points.
size_t u8_length(std::string_view s);

// Levenshtein distance over code points, stopping early above `limit`.
int edit_distance(std::string_view a, std::string_view b, int limit);
int edit_distance(const std::u32string& a, const std::u32string& b, int limit);

// Length in code points of the longest run of characters the two texts share
// ("负责成果转化" and "受理成果转化项目": 4). Texts longer than 200 code points
// are compared on their first 200.
size_t longest_common_run(const std::u32string& a, const std::u32string& b);

bool starts_with(std::string_view s, std::string_view prefix);
bool ends_with(std::string_view s, std::string_view suffix);
bool contains(std::string_view s, std::string_view part);

std::vector<std::string> split(std::string_view s, char sep);

}  // namespace formcheck
