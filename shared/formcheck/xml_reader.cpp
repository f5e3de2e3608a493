#include "formcheck/xml_reader.hpp"

#include <cstdint>

#include "formcheck/text_util.hpp"

namespace formcheck {

namespace {

bool name_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ':' ||
         c == '_' || c == '-' || c == '.';
}
bool space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

void append_xml_text(std::string& out, std::string_view raw) {
  for (size_t i = 0; i < raw.size();) {
    if (raw[i] != '&') {
      const size_t amp = raw.find('&', i);
      const size_t end = amp == std::string_view::npos ? raw.size() : amp;
      out.append(raw.substr(i, end - i));
      i = end;
      continue;
    }
    const size_t semi = raw.substr(i, 12).find(';');
    if (semi == std::string_view::npos) {
      out += raw[i++];
      continue;
    }
    const std::string_view ent = raw.substr(i + 1, semi - 1);
    char32_t cp = 0;
    if (ent == "lt") cp = '<';
    else if (ent == "gt") cp = '>';
    else if (ent == "amp") cp = '&';
    else if (ent == "quot") cp = '"';
    else if (ent == "apos") cp = '\'';
    else if (ent.size() > 1 && ent[0] == '#') {
      const bool hex = ent[1] == 'x' || ent[1] == 'X';
      uint32_t v = 0;
      bool ok = ent.size() > (hex ? 2u : 1u);
      for (size_t k = hex ? 2 : 1; ok && k < ent.size(); ++k) {
        const char c = ent[k];
        int d = c >= '0' && c <= '9' ? c - '0' : -1;
        if (hex && c >= 'a' && c <= 'f') d = c - 'a' + 10;
        if (hex && c >= 'A' && c <= 'F') d = c - 'A' + 10;
        ok = d >= 0;
        v = v * (hex ? 16 : 10) + static_cast<uint32_t>(ok ? d : 0);
        ok = ok && v <= 0x10FFFF;
      }
      if (ok && v != 0 && !(v >= 0xD800 && v <= 0xDFFF)) cp = v;
    }
    if (cp == 0) {
      out += raw[i++];
      continue;
    }
    append_utf8(out, cp);
    i += semi + 1;
  }
}

std::string_view XmlReader::local(std::string_view qname) {
  const size_t colon = qname.rfind(':');
  return colon == std::string_view::npos ? qname : qname.substr(colon + 1);
}

XmlReader::Event XmlReader::fail(std::string why) {
  error_ = std::move(why);
  i_ = s_.size();
  return Event::Error;
}

bool XmlReader::skip_past(std::string_view end) {
  const size_t at = s_.find(end, i_);
  if (at == std::string_view::npos) return false;
  i_ = at + end.size();
  return true;
}

std::string XmlReader::attr(std::string_view want) const {
  for (const auto& [k, v] : attrs_)
    if (k == want) {
      std::string out;
      append_xml_text(out, v);
      return out;
    }
  return "";
}

bool XmlReader::has_attr(std::string_view want) const {
  for (const auto& a : attrs_)
    if (a.first == want) return true;
  return false;
}

XmlReader::Event XmlReader::next() {
  if (pending_end_) {
    pending_end_ = false;
    --depth_;
    attrs_.clear();
    return Event::End;
  }
  while (i_ < s_.size()) {
    if (s_[i_] != '<') {
      const size_t lt = s_.find('<', i_);
      const size_t end = lt == std::string_view::npos ? s_.size() : lt;
      const std::string_view raw = s_.substr(i_, end - i_);
      i_ = end;
      if (depth_ == 0) continue;  // white space around the root
      text_.clear();
      append_xml_text(text_, raw);
      return Event::Text;
    }
    const std::string_view rest = s_.substr(i_);
    if (rest.substr(0, 4) == "<!--") {
      if (!skip_past("-->")) return fail("注释没有结束");
      continue;
    }
    if (rest.substr(0, 9) == "<![CDATA[") {
      const size_t start = i_ + 9;
      if (!skip_past("]]>")) return fail("CDATA 没有结束");
      text_.assign(s_.substr(start, i_ - 3 - start));
      return Event::Text;
    }
    if (rest.substr(0, 2) == "<?") {
      if (!skip_past("?>")) return fail("处理指令没有结束");
      continue;
    }
    if (rest.substr(0, 2) == "<!") {
      // DOCTYPE (possibly with an internal subset): skipped, never interpreted.
      int brackets = 0;
      size_t k = i_ + 2;
      for (; k < s_.size(); ++k) {
        if (s_[k] == '[') ++brackets;
        else if (s_[k] == ']') --brackets;
        else if (s_[k] == '>' && brackets <= 0) break;
      }
      if (k >= s_.size()) return fail("DOCTYPE 没有结束");
      i_ = k + 1;
      continue;
    }
    if (rest.substr(0, 2) == "</") {
      size_t k = i_ + 2;
      while (k < s_.size() && name_char(s_[k])) ++k;
      name_ = local(s_.substr(i_ + 2, k - i_ - 2));
      while (k < s_.size() && space(s_[k])) ++k;
      if (k >= s_.size() || s_[k] != '>') return fail("结束标签不完整");
      i_ = k + 1;
      if (depth_ == 0) return fail("多余的结束标签");
      --depth_;
      attrs_.clear();
      return Event::End;
    }
    // A start tag with attributes.
    size_t k = i_ + 1;
    while (k < s_.size() && name_char(s_[k])) ++k;
    if (k == i_ + 1) return fail("标签名缺失");
    name_ = local(s_.substr(i_ + 1, k - i_ - 1));
    attrs_.clear();
    for (;;) {
      while (k < s_.size() && space(s_[k])) ++k;
      if (k >= s_.size()) return fail("标签没有结束");
      if (s_[k] == '>') {
        ++k;
        break;
      }
      if (s_[k] == '/' && k + 1 < s_.size() && s_[k + 1] == '>') {
        k += 2;
        pending_end_ = true;
        break;
      }
      const size_t a = k;
      while (k < s_.size() && name_char(s_[k])) ++k;
      if (k == a) return fail("属性名缺失");
      const std::string_view an = s_.substr(a, k - a);
      while (k < s_.size() && space(s_[k])) ++k;
      if (k >= s_.size() || s_[k] != '=') return fail("属性缺少等号");
      ++k;
      while (k < s_.size() && space(s_[k])) ++k;
      if (k >= s_.size() || (s_[k] != '"' && s_[k] != '\'')) return fail("属性值缺少引号");
      const char q = s_[k++];
      const size_t close = s_.find(q, k);
      if (close == std::string_view::npos) return fail("属性值没有结束");
      attrs_.emplace_back(local(an), s_.substr(k, close - k));
      k = close + 1;
    }
    i_ = k;
    ++depth_;
    return Event::Start;
  }
  return depth_ == 0 ? Event::Eof : fail("文档没有结束");
}

}  // namespace formcheck
