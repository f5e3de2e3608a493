// The layout-variation corpus: gold models of the bundled target tables,
// rendered in the layout styles real extraction produces (Excel/WPS paste,
// Word, PDF text with dropped cells and centred merged labels, page breaks,
// web text with HTML left in it ...), read back by the checker and scored
// field by field. It measures whether the reader generalizes, not whether it
// fits the files it has.
#pragma once
#include <string>
#include <vector>

#include "formcheck/model.hpp"

namespace corpus {

struct Style {
  const char* id;
  const char* title;  // what the style imitates, in Chinese, for docs/import.md
};
const std::vector<Style>& styles();

// The gold form written in `style`: text, or the bytes of an .xlsx/.docx file.
std::string render(const formcheck::Form& gold, const std::string& style);

struct Score {
  int fields = 0, correct = 0;
  int errors = 0, warnings = 0;
  int ambiguous = 0;  // import.ambiguous findings: parts the reader said it could not settle
  std::vector<std::string> misses;  // "indicators[3].level1: 效益 != 履职"
  std::vector<std::string> error_rules;
};
// Reads `text` with the checker and compares it with `gold`.
Score score(const formcheck::Form& gold, const std::string& text);

std::vector<std::string> gold_names();
formcheck::Form load_gold(const std::string& name);

// Self-evaluation reports: rendered from their own text by the styles that
// need no knowledge of a form's structure (the same transforms would apply to
// any family), scored against their gold model field by field.
std::vector<std::string> report_names();        // gold models tests/corpus/gold/<name>.json
std::string report_source(const std::string& name);  // the bundled text the gold was read from
bool generic_style(const std::string& style);   // applies to any table's text
std::string render_text(const std::string& source, const std::string& style);
Score score_model(const formcheck::Form& gold, const std::string& bytes);

}  // namespace corpus
