#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "formcheck/json_writer.hpp"

using formcheck::JsonWriter;

TEST(JsonWriter, SameTextAsNlohmannCompactDump) {
  const std::string tricky = std::string("引号\"反斜杠\\换行\n制表\t控制\x01\x1f") + "结束";
  JsonWriter w;
  w.begin_object();
  w.field("s", tricky);
  w.field("n", int64_t{-1234567890123});
  w.field("i", 42);
  w.field("b", true);
  w.key("z");
  w.null();
  w.key("a");
  w.begin_array();
  w.value(std::string_view(""));
  w.value_pieces({"预算信息·", tricky, "·执行率"});
  w.end_array();
  w.end_object();
  nlohmann::ordered_json j;
  j["s"] = tricky;
  j["n"] = -1234567890123LL;
  j["i"] = 42;
  j["b"] = true;
  j["z"] = nullptr;
  j["a"] = {"", "预算信息·" + tricky + "·执行率"};
  EXPECT_EQ(w.out(), j.dump());
}

TEST(JsonWriter, GrowsPastItsFirstBufferAndStreamsInPieces) {
  std::string streamed;
  int pieces = 0;
  JsonWriter s([&](std::string_view p) { streamed.append(p), ++pieces; }, 1000);
  JsonWriter whole;
  for (JsonWriter* w : {&s, &whole}) {
    w->begin_array();
    for (int i = 0; i < 5000; ++i) {
      w->value(std::string_view("一段中文文本"));
      w->maybe_flush();
    }
    w->end_array();
  }
  s.flush();
  EXPECT_GT(pieces, 10);
  EXPECT_EQ(streamed, whole.out());
  EXPECT_EQ(nlohmann::json::parse(streamed).size(), 5000u);
}

TEST(JsonWriter, EscapesAtEveryPositionOfLongAndShortStrings) {
  // The scan skips 8-byte blocks without anything to escape: put each special
  // byte at every offset around the block edges, beside Chinese text.
  for (char special : {'"', '\\', '\n', '\x01', '\x1f'}) {
    for (size_t at = 0; at < 26; ++at) {
      std::string s = "预算执行率abcdefgh预算";  // 26 bytes, mixed
      if (at < s.size() && (static_cast<unsigned char>(s[at]) & 0xC0) == 0x80) continue;  // inside a character
      s.insert(at, 1, special);
      JsonWriter w;
      w.value(std::string_view(s));
      EXPECT_EQ(w.out(), nlohmann::json(s).dump()) << int(special) << " at " << at;
    }
  }
  for (size_t n = 0; n < 20; ++n) {
    const std::string clean(n, 'x');
    JsonWriter w;
    w.value(std::string_view(clean));
    EXPECT_EQ(w.out(), '"' + clean + '"');
  }
}
