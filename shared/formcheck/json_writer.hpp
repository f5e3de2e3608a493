// A small streaming JSON writer for results: writing straight into one string
// is about twice as fast as building an nlohmann tree and dumping it, and the
// output is byte-identical to nlohmann's compact dump() (same escapes), so
// results do not depend on which path produced them.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace formcheck {

class JsonWriter {
 public:
  using Sink = std::function<void(std::string_view)>;
  JsonWriter() = default;
  // Streaming: text is handed to `sink` in pieces of about `chunk` bytes at
  // the points where the caller calls maybe_flush(), and the rest by flush(),
  // so a large result never has to sit whole in memory.
  JsonWriter(Sink sink, size_t chunk) : sink_(std::move(sink)), chunk_(chunk) { out_.reserve(chunk + chunk / 4); }

  std::string& out() { return out_; }
  void maybe_flush() {
    if (sink_ && out_.size() >= chunk_) flush();
  }
  void flush() {
    if (sink_ && !out_.empty()) sink_(out_);
    if (sink_) out_.clear();
  }

  void begin_object() { sep(), out_ += '{', first_ = true; }
  void end_object() { out_ += '}', first_ = false; }
  void begin_array() { sep(), out_ += '[', first_ = true; }
  void end_array() { out_ += ']', first_ = false; }
  void key(std::string_view k) {
    sep();
    string_literal(k);
    out_ += ':';
    first_ = true;  // the value follows without a comma
  }
  void value(std::string_view s) { sep(), string_literal(s); }
  void value(int64_t v) { sep(), out_ += std::to_string(v); }
  void value(bool v) { sep(), out_ += v ? "true" : "false"; }
  void null() { sep(), out_ += "null"; }
  void raw(std::string_view json) { sep(), out_ += json; }  // already-serialised JSON

  template <class V>
  void field(std::string_view k, const V& v) {
    key(k);
    value(v);
  }
  void field(std::string_view k, const char* v) {
    key(k);
    value(std::string_view(v));
  }
  void field(std::string_view k, int v) {
    key(k);
    value(static_cast<int64_t>(v));
  }

 private:
  void sep() {
    if (!first_) out_ += ',';
    first_ = false;
  }
  void string_literal(std::string_view s);
  std::string out_;
  bool first_ = true;
  Sink sink_;
  size_t chunk_ = 0;
};

}  // namespace formcheck
