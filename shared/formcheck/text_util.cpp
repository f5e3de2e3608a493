#include "formcheck/text_util.hpp"

#include <cstring>
#include <memory>

#include <algorithm>

namespace formcheck {

namespace {

// Decodes one code point at s[i]; returns its length or 0 when malformed.
size_t decode_one(std::string_view s, size_t i, char32_t& cp) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  size_t len = 0;
  char32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

bool is_quote_cp(char32_t cp) {
  return cp == U'"' || cp == U'\'' || cp == 0x201C || cp == 0x201D || cp == 0x2018 ||
         cp == 0x2019 || cp == 0x300C || cp == 0x300D || cp == 0xFF02 || cp == 0xFF07;
}

}  // namespace

bool is_valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    char32_t cp;
    const size_t n = decode_one(s, i, cp);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

namespace {

// A UTF-16 code unit that text holds: not a control (other than a tab or a
// line break), not private use, not a non-character.
bool text_unit(char32_t u) {
  if (u < 0x20) return u == '\t' || u == '\n' || u == '\r';
  return !(u >= 0x7F && u < 0xA0) && !(u >= 0xE000 && u < 0xF900) && u < 0xFFFE;
}

}  // namespace

bool decode_utf16(std::string_view b, std::string& out) {
  bool little;
  size_t start = 2;
  if (b.size() >= 2 && static_cast<unsigned char>(b[0]) == 0xFF && static_cast<unsigned char>(b[1]) == 0xFE) {
    little = true;
  } else if (b.size() >= 2 && static_cast<unsigned char>(b[0]) == 0xFE && static_cast<unsigned char>(b[1]) == 0xFF) {
    little = false;
  } else {
    // No mark (a file saved by a program that writes none): UTF-16 when the
    // NUL bytes all fall on one side of the pairs and, read so, the start is
    // text. Chinese text has NUL high bytes only at its ASCII (digits, tabs,
    // line breaks), so NULs on one side are enough; binary data has them on
    // both sides or decodes to controls.
    if (b.size() < 8 || b.size() % 2) return false;
    size_t zero_odd = 0, zero_even = 0;
    const size_t n = std::min<size_t>(b.size(), 4096);
    for (size_t i = 0; i + 1 < n; i += 2) zero_even += b[i] == 0, zero_odd += b[i + 1] == 0;
    const size_t pairs = n / 2;
    if (zero_odd * 20 >= pairs && zero_even * 100 <= pairs) little = true;
    else if (zero_even * 20 >= pairs && zero_odd * 100 <= pairs) little = false;
    else return false;
    size_t textual = 0;
    for (size_t i = 0; i + 1 < n; i += 2) {
      const auto lo = static_cast<unsigned char>(b[i]), hi = static_cast<unsigned char>(b[i + 1]);
      textual += text_unit(static_cast<char32_t>(little ? (hi << 8 | lo) : (lo << 8 | hi)));
    }
    if (textual * 100 < pairs * 98) return false;
    start = 0;
  }
  out.clear();
  out.reserve(b.size() * 3 / 2);
  auto unit = [&](size_t i) {
    const auto lo = static_cast<unsigned char>(b[i]), hi = static_cast<unsigned char>(b[i + 1]);
    return static_cast<char32_t>(little ? (hi << 8 | lo) : (lo << 8 | hi));
  };
  for (size_t i = start; i + 1 < b.size(); i += 2) {
    char32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < b.size()) {
      const char32_t v = unit(i + 2);
      if (v >= 0xDC00 && v <= 0xDFFF) {
        append_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00));
        i += 2;
        continue;
      }
    }
    append_utf8(out, u >= 0xD800 && u <= 0xDFFF ? 0xFFFD : u);
  }
  return true;
}

std::string utf8_lossy(std::string_view b) {
  if (b.size() >= 3 && b.substr(0, 3) == "\xEF\xBB\xBF") b.remove_prefix(3);
  if (is_valid_utf8(b)) return std::string(b);
  std::string out;
  out.reserve(b.size() + 16);
  int needed = 0, seen = 0;
  char32_t cp = 0;
  unsigned lower = 0x80, upper = 0xBF;
  for (size_t i = 0; i < b.size();) {
    const unsigned c = static_cast<unsigned char>(b[i]);
    if (needed == 0) {
      ++i;
      if (c <= 0x7F) out += static_cast<char>(c);
      else if (c >= 0xC2 && c <= 0xDF) needed = 1, cp = c & 0x1F;
      else if (c >= 0xE0 && c <= 0xEF) {
        if (c == 0xE0) lower = 0xA0;
        if (c == 0xED) upper = 0x9F;
        needed = 2, cp = c & 0xF;
      } else if (c >= 0xF0 && c <= 0xF4) {
        if (c == 0xF0) lower = 0x90;
        if (c == 0xF4) upper = 0x8F;
        needed = 3, cp = c & 0x7;
      } else {
        append_utf8(out, 0xFFFD);
      }
      continue;
    }
    if (c < lower || c > upper) {  // the byte starts over (not consumed)
      needed = seen = 0, cp = 0, lower = 0x80, upper = 0xBF;
      append_utf8(out, 0xFFFD);
      continue;
    }
    ++i;
    lower = 0x80, upper = 0xBF;
    cp = cp << 6 | (c & 0x3F);
    if (++seen == needed) {
      append_utf8(out, cp);
      needed = seen = 0, cp = 0;
    }
  }
  if (needed) append_utf8(out, 0xFFFD);
  return out;
}

std::u32string to_u32(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    char32_t cp;
    const size_t n = decode_one(s, i, cp);
    if (n == 0) {
      out.push_back(0xFFFD);
      ++i;
    } else {
      out.push_back(cp);
      i += n;
    }
  }
  return out;
}

namespace {
// Writes cp as UTF-8 at p (up to 4 bytes); returns the byte count.
size_t put_utf8(char* p, char32_t cp) {
  if (cp < 0x80) {
    p[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    p[0] = static_cast<char>(0xC0 | (cp >> 6));
    p[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    p[0] = static_cast<char>(0xE0 | (cp >> 12));
    p[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    p[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  p[0] = static_cast<char>(0xF0 | (cp >> 18));
  p[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  p[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  p[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}
}  // namespace

void append_utf8(std::string& out, char32_t cp) {
  char bytes[4];
  out.append(bytes, put_utf8(bytes, cp));
}

std::string to_utf8(const std::u32string& s) {
  std::string out;
  out.reserve(s.size() * 3);
  for (char32_t cp : s) append_utf8(out, cp);
  return out;
}

bool is_cjk(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x3000 && cp <= 0x303F && cp != 0x3000) ||
         (cp >= 0xFF01 && cp <= 0xFF60 && cp != 0xFF0C) || cp == 0x201C || cp == 0x201D;
}

bool is_space_cp(char32_t cp) {
  return cp == U' ' || cp == U'\t' || cp == U'\r' || cp == U'\n' || cp == 0x3000 ||
         cp == 0x00A0 || cp == 0x200B || cp == 0xFEFF || (cp >= 0x2000 && cp <= 0x200A) ||
         cp == 0x202F || cp == 0x205F;
}

// U+FF01..U+FF5E -> ASCII, U+3000 -> space; other code points unchanged.
static char32_t fold_fullwidth(char32_t cp) {
  if (cp >= 0xFF01 && cp <= 0xFF5E) return cp - 0xFF01 + 0x21;
  return cp == 0x3000 ? U' ' : cp;
}

namespace {
// Full-width forms are EF BC xx / EF BD xx; U+3000 is E3 80 80.
bool may_fold(std::string_view s) {
  return s.find('\xEF') != std::string_view::npos || s.find("\xE3\x80\x80") != std::string_view::npos;
}
}  // namespace

std::string_view halfwidth_view(std::string_view s, std::string& buf) {
  if (!may_fold(s)) return s;
  buf = to_halfwidth(s);
  return buf;
}

std::string to_halfwidth(std::string_view s) {
  if (!may_fold(s)) return std::string(s);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    char32_t cp;
    size_t n = decode_one(s, i, cp);
    if (n == 0) {
      out.push_back(s[i]);
      ++i;
      continue;
    }
    append_utf8(out, fold_fullwidth(cp));
    i += n;
  }
  return out;
}

namespace {
// Lead bytes of the only non-ASCII code points that spaces, quotes and
// full-width folding look at: C2 (U+00A0), E2 (U+2000..U+205F, quotes), E3
// (U+3000), EF (full-width forms, U+FEFF). Chinese text (E4..E9) and
// continuation bytes are none of these, so they are passed over undecoded.
inline bool special_lead(unsigned char c) { return c == 0xC2 || c == 0xE2 || c == 0xE3 || c == 0xEF; }
inline bool ascii_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Can a white-space character start with this byte? Most bytes of a form
// cannot, and the callers test this inline before calling space_at.
inline bool maybe_space(unsigned char c) { return ascii_space(c) || special_lead(c); }

// Length of a white-space code point at s[i] (0 when none): ASCII space, tab,
// CR, LF, U+3000, U+00A0, U+200B, U+FEFF, U+2000..U+200A, U+202F, U+205F.
size_t space_at(std::string_view s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (ascii_space(c)) return 1;
  if (!special_lead(c)) return 0;
  char32_t cp;
  const size_t n = decode_one(s, i, cp);
  return n && is_space_cp(cp) ? n : 0;
}
size_t space_before(std::string_view s, size_t end) {
  if (end == 0) return 0;
  const auto last = static_cast<unsigned char>(s[end - 1]);
  if (last < 0x80) return maybe_space(last) ? 1 : 0;
  // Every non-ASCII space ends in one of these bytes (A0, 80..8B, AF, 9F, BF).
  if (last != 0xA0 && !(last >= 0x80 && last <= 0x8B) && last != 0xAF && last != 0x9F && last != 0xBF) return 0;
  size_t start = end - 1;
  while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80 && end - start < 4) --start;
  const size_t n = space_at(s, start);
  return start + n == end ? n : 0;
}
}  // namespace

std::string_view trim_view(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e) {
    if (!maybe_space(static_cast<unsigned char>(s[b]))) break;
    const size_t n = space_at(s, b);
    if (!n) break;
    b += n;
  }
  while (e > b) {
    const size_t n = space_before(s, e);
    if (!n) break;
    e -= n;
  }
  return s.substr(b, e - b);
}

std::string trim(std::string_view s) { return std::string(trim_view(s)); }

bool is_clean_cell(std::string_view raw) {
  // Most cells are already clean: no white space at all, no quotes around.
  if (raw.empty()) return true;
  if (raw.front() == '"') return false;
  for (size_t i = 0; i < raw.size(); ++i)
    if (maybe_space(static_cast<unsigned char>(raw[i])) && space_at(raw, i) != 0) return false;
  return true;
}

std::string clean_cell(std::string_view raw) {
  if (is_clean_cell(raw)) return std::string(raw);
  std::u32string u = to_u32(trim(raw));
  // Excel/WPS quote a cell that held line breaks or tabs: "a ""b"" c".
  if (u.size() >= 2 && u.front() == U'"' && u.back() == U'"') {
    std::u32string inner;
    for (size_t i = 1; i + 1 < u.size(); ++i) {
      inner.push_back(u[i]);
      if (u[i] == U'"' && i + 2 < u.size() && u[i + 1] == U'"') ++i;
    }
    u = inner;
  }
  std::u32string out;
  for (size_t i = 0; i < u.size(); ++i) {
    if (!is_space_cp(u[i])) {
      out.push_back(u[i]);
      continue;
    }
    size_t j = i;
    while (j < u.size() && is_space_cp(u[j])) ++j;
    const bool cjk_gap = !out.empty() && j < u.size() && is_cjk(out.back()) && is_cjk(u[j]);
    if (!cjk_gap && !out.empty() && j < u.size()) out.push_back(U' ');
    i = j - 1;
  }
  return to_utf8(out);
}

std::string match_key(std::string_view s) {
  // Written through a pointer into a local buffer and copied once: in the
  // wasm build every std::string push_back/append is an out-of-line call, and
  // this runs for every indicator name of every check. Worst case 3 bytes
  // out per byte in (an invalid byte becomes U+FFFD).
  char small[256];
  std::unique_ptr<char[]> large;
  char* const buf = s.size() * 3 <= sizeof small ? small : (large = std::make_unique<char[]>(s.size() * 3)).get();
  char* p = buf;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {  // ASCII: drop white space and quotes, lower-case letters
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '"' && c != '\'')
        *p++ = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
      ++i;
      continue;
    }
    char32_t cp;
    size_t n = decode_one(s, i, cp);
    if (n == 0) {
      p += put_utf8(p, 0xFFFD);
      ++i;
      continue;
    }
    // Only these lead bytes start a full-width form, a Unicode space or a
    // quote mark; every other code point (all CJK text) is copied as it is.
    if (!special_lead(c)) {
      std::memcpy(p, s.data() + i, n);
      p += n;
      i += n;
      continue;
    }
    i += n;
    cp = fold_fullwidth(cp);
    if (is_space_cp(cp) || is_quote_cp(cp)) continue;
    if (cp >= U'A' && cp <= U'Z') cp = cp - U'A' + U'a';
    p += put_utf8(p, cp);
  }
  return std::string(buf, static_cast<size_t>(p - buf));
}

bool is_punctuation_only(std::string_view s) {
  for (char32_t cp : to_u32(s)) {
    if (is_space_cp(cp)) continue;
    const bool ascii_punct = cp < 0x80 && !((cp >= U'0' && cp <= U'9') ||
                                            (cp >= U'a' && cp <= U'z') || (cp >= U'A' && cp <= U'Z'));
    const bool cjk_punct = (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF0F) ||
                           (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0x2010 && cp <= 0x2027) ||
                           cp == 0xFF5E || cp == 0x2026;
    if (!ascii_punct && !cjk_punct) return false;
  }
  return true;
}

size_t u8_length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

int edit_distance(std::string_view a8, std::string_view b8, int limit) {
  return edit_distance(to_u32(a8), to_u32(b8), limit);
}

int edit_distance(const std::u32string& a, const std::u32string& b, int limit) {
  const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  if (std::abs(n - m) > limit) return limit + 1;
  // Indicator names are short: two rows on the stack, no allocation.
  constexpr int kStack = 64;
  int stack_prev[kStack + 1], stack_cur[kStack + 1];
  std::vector<int> heap_prev, heap_cur;
  int* prev = stack_prev;
  int* cur = stack_cur;
  if (m > kStack) {
    heap_prev.resize(m + 1), heap_cur.resize(m + 1);
    prev = heap_prev.data(), cur = heap_cur.data();
  }
  for (int j = 0; j <= m; ++j) prev[j] = j;
  for (int i = 1; i <= n; ++i) {
    cur[0] = i;
    int row_min = cur[0];
    for (int j = 1; j <= m; ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(prev, cur);
  }
  return prev[m];
}

size_t longest_common_run(const std::u32string& a, const std::u32string& b) {
  constexpr size_t kMax = 200;
  const size_t n = std::min(a.size(), kMax), m = std::min(b.size(), kMax);
  std::vector<unsigned> prev(m + 1, 0), cur(m + 1, 0);
  size_t best = 0;
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      cur[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1 : 0;
      best = std::max<size_t>(best, cur[j]);
    }
    std::swap(prev, cur);
  }
  return best;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}
bool contains(std::string_view s, std::string_view p) { return s.find(p) != std::string_view::npos; }

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      out.emplace_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

}  // namespace formcheck
