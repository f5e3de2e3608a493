#include "formcheck/json_writer.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>

namespace formcheck {

void JsonWriter::reserve(size_t n) {
  buf_.resize(std::max(n, len_));
  p_ = buf_.data();
  cap_ = buf_.size();
}

void JsonWriter::grow(size_t at_least) { reserve(std::max(cap_ * 2, len_ + at_least + 64)); }

void JsonWriter::value(int64_t v) {
  sep();
  char digits[24];
  const auto r = std::to_chars(digits, digits + sizeof digits, v);
  put(digits, static_cast<size_t>(r.ptr - digits));
}

void JsonWriter::value_pieces(std::initializer_list<std::string_view> pieces) {
  sep();
  put('"');
  for (std::string_view p : pieces) escaped(p);
  put('"');
}

namespace {
// Does any byte of the 8 in v need escaping (< 0x20, '"' or '\\')? Word-wise
// tests (the classic "has zero byte" trick) over 8 bytes at a time: most
// strings have nothing to escape, and this scan was a twentieth of a check.
bool needs_escape(uint64_t v) {
  constexpr uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  const auto has_zero = [&](uint64_t x) { return (x - ones) & ~x & highs; };
  const uint64_t below_space = (v - ones * 0x20) & ~v & highs;  // some byte < 0x20 (bytes >= 0x80 excluded by ~v)
  return below_space | has_zero(v ^ (ones * '"')) | has_zero(v ^ (ones * '\\'));
}
}  // namespace

void JsonWriter::escaped(std::string_view s) {
  static const char* hex = "0123456789abcdef";
  size_t run = 0;  // start of the current run of characters that need no escape
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {  // skip clean 8-byte blocks
    uint64_t v;
    std::memcpy(&v, s.data() + i, 8);
    if (needs_escape(v)) break;
  }
  for (; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    put(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': put("\\\"", 2); break;
      case '\\': put("\\\\", 2); break;
      case '\b': put("\\b", 2); break;
      case '\f': put("\\f", 2); break;
      case '\n': put("\\n", 2); break;
      case '\r': put("\\r", 2); break;
      case '\t': put("\\t", 2); break;
      default: {
        const char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
        put(u, 6);
      }
    }
  }
  put(s.data() + run, s.size() - run);
}

}  // namespace formcheck
