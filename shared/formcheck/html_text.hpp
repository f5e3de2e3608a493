// Markup left in text copied from web pages and HTML exports: "<p>…</p>",
// "<br>", "&nbsp;", "&#8220;". Only markup is removed — a "<" that does not
// open a known HTML tag ("<5%", "<=") stays, so no figure is lost.
#pragma once
#include <string>
#include <string_view>

namespace formcheck {

// True when the text carries HTML tags or entities worth removing.
bool has_html_markup(std::string_view text);

// The cell's text without tags; <br>, </p>, </div> become spaces (a line
// break inside a cell), entities become their characters.
std::string strip_html(std::string_view cell);

}  // namespace formcheck
