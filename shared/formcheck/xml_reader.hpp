// A pull reader for the XML inside office files (.xlsx sheets, shared
// strings, styles; .docx document.xml).
//
// Why not a library: the wasm build has no XML parser to link (no emscripten
// ports here), and office XML needs little: elements, attributes, text, the
// five predefined entities and character references. A DOCTYPE is skipped and
// no entity is ever defined or expanded from it, so external entities (XXE)
// and entity bombs have nothing to act on. The reader never recurses and
// keeps no tree: memory is the current element's attributes and text, time
// is one pass over the bytes.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace formcheck {

class XmlReader {
 public:
  enum class Event { Start, End, Text, Eof, Error };
  explicit XmlReader(std::string_view doc) : s_(doc) {}

  // The next event. A self-closing element gives Start then End.
  Event next();
  // The element's local name (without its prefix) for Start and End.
  std::string_view name() const { return name_; }
  // An attribute of the current Start element by local name ("" when absent).
  std::string attr(std::string_view local) const;
  bool has_attr(std::string_view local) const;
  // Decoded character data for Text (CDATA included).
  const std::string& text() const { return text_; }
  // Nesting depth after the current event (the root's Start is depth 1).
  int depth() const { return depth_; }
  // Why the document is malformed, after Event::Error.
  const std::string& error() const { return error_; }

 private:
  Event fail(std::string why);
  bool skip_past(std::string_view end);
  static std::string_view local(std::string_view qname);

  std::string_view s_;
  size_t i_ = 0;
  int depth_ = 0;
  bool pending_end_ = false;  // after a self-closing Start
  std::string_view name_;
  std::vector<std::pair<std::string_view, std::string_view>> attrs_;  // local name, raw value
  std::string text_;
  std::string error_;
};

// Decodes the predefined entities and character references of XML text.
// Unknown entities are kept as written.
void append_xml_text(std::string& out, std::string_view raw);

}  // namespace formcheck
