#include "formcheck/html_text.hpp"

#include <array>
#include <cctype>

#include "formcheck/text_util.hpp"

namespace formcheck {

namespace {

// Tags that occur in text copied or exported from web pages; anything else
// after "<" is text.
constexpr std::array<std::string_view, 31> kTags = {
    "p",  "br",   "div",   "span",  "td",    "tr",    "th",    "table", "tbody", "thead", "tfoot",
    "b",  "i",    "u",     "em",    "strong", "font", "a",     "li",    "ul",    "ol",    "sup",
    "sub", "h1",  "h2",    "h3",    "h4",    "h5",    "h6",    "o:p",   "hr"};

// Tags that end a line of text: a space keeps the words apart (clean_cell
// removes it again between two CJK characters).
bool breaks_line(std::string_view tag) {
  for (std::string_view t : {"br", "p", "div", "td", "th", "tr", "li", "hr", "h1", "h2", "h3", "h4", "h5", "h6"})
    if (tag == t) return true;
  return false;
}

// The length of the tag at s[0] == '<', or 0 when it is not a known tag.
size_t tag_at(std::string_view s, std::string_view& name) {
  size_t i = 1;
  if (i < s.size() && s[i] == '/') ++i;
  // "<=10%", "<5%": not a tag (checked first: forms are full of such values).
  if (i >= s.size() || !std::isalpha(static_cast<unsigned char>(s[i]))) return 0;
  const size_t start = i;
  while (i < s.size() && i - start < 8 && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == ':')) ++i;
  char lower[8];
  const size_t len = i - start;
  for (size_t k = 0; k < len; ++k) lower[k] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[start + k])));
  bool known = false;
  for (std::string_view t : kTags) known = known || std::string_view(lower, len) == t;
  if (!known) return 0;
  // Attributes, then ">" (a tag does not run past the line or 400 bytes).
  for (size_t j = i; j < s.size() && j < 400; ++j) {
    if (s[j] == '>') {
      if (j == i || s[i] == ' ' || s[i] == '/' || s[i] == '\t') {
        for (std::string_view t : kTags)
          if (std::string_view(lower, len) == t) name = t;
        return j + 1;
      }
      return 0;
    }
    if (s[j] == '<' || s[j] == '\n') return 0;
  }
  return 0;
}

struct Entity {
  std::string_view name;
  char32_t cp;
};
constexpr std::array<Entity, 17> kEntities = {{{"nbsp", 0x20},    {"amp", '&'},     {"lt", '<'},
                                               {"gt", '>'},       {"quot", '"'},    {"apos", '\''},
                                               {"ensp", 0x20},    {"emsp", 0x20},   {"thinsp", 0x20},
                                               {"middot", 0xB7},  {"ldquo", 0x201C}, {"rdquo", 0x201D},
                                               {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"hellip", 0x2026},
                                               {"mdash", 0x2014}, {"ndash", 0x2013}}};

// The length of the entity at s[0] == '&' and its character, or 0.
size_t entity_at(std::string_view s, char32_t& cp) {
  const size_t semi = s.substr(0, 12).find(';');  // bounded: no rescans of long text
  if (semi == std::string_view::npos || semi < 2 || semi > 10) return 0;
  const std::string_view body = s.substr(1, semi - 1);
  if (body[0] == '#') {
    const bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
    const std::string_view digits = body.substr(hex ? 2 : 1);
    if (digits.empty()) return 0;
    uint32_t v = 0;
    for (char c : digits) {
      const int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                    : hex && std::isxdigit(static_cast<unsigned char>(c)) ? (std::tolower(c) - 'a' + 10)
                                                                          : -1;
      if (d < 0) return 0;
      v = v * (hex ? 16 : 10) + static_cast<uint32_t>(d);
      if (v > 0x10FFFF) return 0;
    }
    if (v == 0 || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    cp = v == 0xA0 ? 0x20 : v;
    return semi + 1;
  }
  for (const auto& e : kEntities)
    if (body == e.name) {
      cp = e.cp;
      return semi + 1;
    }
  return 0;
}

}  // namespace

bool has_html_markup(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    std::string_view name;
    char32_t cp;
    if (text[i] == '<' && tag_at(text.substr(i), name)) return true;
    if (text[i] == '&' && entity_at(text.substr(i), cp)) return true;
  }
  return false;
}

std::string strip_html(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    if (s[i] == '<') {
      std::string_view name;
      if (const size_t n = tag_at(s.substr(i), name)) {
        if (breaks_line(name)) out += ' ';
        i += n;
        continue;
      }
    } else if (s[i] == '&') {
      char32_t cp = 0;
      if (const size_t n = entity_at(s.substr(i), cp)) {
        append_utf8(out, cp);
        i += n;
        continue;
      }
    }
    out += s[i++];
  }
  return out;
}

}  // namespace formcheck
