// A small streaming JSON writer for results: writing straight into one string
// is about twice as fast as building an nlohmann tree and dumping it, and the
// output is byte-identical to nlohmann's compact dump() (same escapes), so
// results do not depend on which path produced them.
#pragma once
#include <cstdint>
#include <cstring>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>

namespace formcheck {

class JsonWriter {
 public:
  using Sink = std::function<void(std::string_view)>;
  JsonWriter() { reserve(4096); }
  // Streaming: text is handed to `sink` in pieces of about `chunk` bytes at
  // the points where the caller calls maybe_flush(), and the rest by flush(),
  // so a large result never has to sit whole in memory.
  JsonWriter(Sink sink, size_t chunk) : sink_(std::move(sink)), chunk_(chunk) { reserve(chunk + chunk / 4); }

  // The text written so far (after the last flush), as a string to keep.
  std::string& out() {
    buf_.resize(len_);
    cap_ = len_;
    return buf_;
  }
  void maybe_flush() {
    if (sink_ && len_ >= chunk_) flush();
  }
  void flush() {
    if (sink_ && len_ > 0) sink_(std::string_view(p_, len_));
    if (sink_) len_ = 0;
  }

  void begin_object() { sep(), put('{'), first_ = true; }
  void end_object() { put('}'), first_ = false; }
  void begin_array() { sep(), put('['), first_ = true; }
  void end_array() { put(']'), first_ = false; }
  void key(std::string_view k) {
    sep();
    string_literal(k);
    put(':');
    first_ = true;  // the value follows without a comma
  }
  // A key written as a string literal in the code ("rule", "line" ...): plain
  // ASCII, so written without the escape scan (a sixteenth of a check went
  // into escaping the same dozen keys).
  template <size_t N>
  void key(const char (&k)[N]) {
    sep();
    put('"');
    put(k, N - 1);
    put("\":", 2);
    first_ = true;  // the value follows without a comma
  }
  void value(std::string_view s) { sep(), string_literal(s); }
  // One string value written from several pieces (no concatenated copy).
  void value_pieces(std::initializer_list<std::string_view> pieces);
  void value(int64_t v);
  void value(bool v) { sep(), v ? put("true", 4) : put("false", 5); }
  void null() { sep(), put("null", 4); }
  void raw(std::string_view json) { sep(), put(json.data(), json.size()); }  // already-serialised JSON

  template <class K, class V>
  void field(const K& k, const V& v) {
    key(k);
    value(v);
  }
  template <class K>
  void field(const K& k, const char* v) {
    key(k);
    value(std::string_view(v));
  }
  template <class K>
  void field(const K& k, int v) {
    key(k);
    value(static_cast<int64_t>(v));
  }

 private:
  // Bytes go straight into a buffer the writer manages itself: in the wasm
  // build std::string::push_back/append are out-of-line calls into libc++
  // (extern templates), and writing through them took a quarter of a check.
  void put(char c) {
    if (len_ == cap_) grow(1);
    p_[len_++] = c;
  }
  void put(const char* s, size_t n) {
    if (cap_ - len_ < n) grow(n);
    std::memcpy(p_ + len_, s, n);
    len_ += n;
  }
  void reserve(size_t n);
  void grow(size_t at_least);
  void sep() {
    if (!first_) put(',');
    first_ = false;
  }
  void string_literal(std::string_view s) { put('"'), escaped(s), put('"'); }
  void escaped(std::string_view s);  // the body of a string literal
  std::string buf_;  // storage: its size is the capacity, len_ the bytes written
  char* p_ = nullptr;
  size_t len_ = 0, cap_ = 0;
  bool first_ = true;
  Sink sink_;
  size_t chunk_ = 0;
};

}  // namespace formcheck
