// Embind bindings: the same core API as the CLI, as JSON strings in and out,
// so the JS side stays a thin typed layer (wasm/formcheck-api.js).
#include <emscripten/bind.h>

#include <cstdlib>
#include <map>
#include <memory>
#include <string>

#include "formcheck/api.hpp"
#include "formcheck/model_json.hpp"

namespace {

using nlohmann::json;
namespace fc = formcheck;

// request: {"inputs":[{"path":..,"text":..} | {"path":..,"grid":{"rows":[[..]]}}],
//           "profile":"", "details":true, "model":false}
std::string check(const std::string& request) {
  try {
    const json req = fc::parse_json_limited(request);
    fc::Options opts;
    opts.profile = req.value("profile", "");
    const bool details = req.value("details", true);
    const bool with_model = req.value("model", false);
    std::vector<fc::Document> docs;
    for (const auto& in : req.at("inputs")) {
      const std::string path = in.value("path", "");
      if (in.contains("grid")) {
        docs.push_back(fc::load_grid_json(path, in.at("grid").dump(), opts));
      } else {
        docs.push_back(fc::load_document(path, in.at("text").get<std::string>(), opts));
      }
      fc::check_document(docs.back(), opts);
    }
    fc::check_cross(docs);
    return fc::documents_json_text(docs, details, with_model);
  } catch (const std::exception& e) {
    nlohmann::ordered_json err;
    err["error"] = std::string("请求无效：") + e.what();
    return err.dump();
  }
}

// Results go to JS in pieces (sink(Uint8Array view of UTF-8)), so a large
// result never sits whole in wasm memory, which only grows.
fc::TextSink to_js(const emscripten::val& sink) {
  return [&sink](std::string_view piece) {
    sink(emscripten::val(emscripten::typed_memory_view(piece.size(), reinterpret_cast<const uint8_t*>(piece.data()))));
  };
}

// Input text the JS side wrote with _malloc + stringToUTF8 (one copy, no JSON
// escaping): the module owns it from here and frees it once it is imported.
struct Buffer {
  std::unique_ptr<char, decltype(&std::free)> bytes{nullptr, &std::free};
  size_t size = 0;
  std::string_view view() const { return {bytes.get(), size}; }
};

Buffer adopt_buffer(const json& in) {
  Buffer b;
  b.bytes.reset(reinterpret_cast<char*>(static_cast<uintptr_t>(in.at("ptr").get<double>())));
  b.size = static_cast<size_t>(in.at("len").get<double>());
  return b;
}

// request: {"inputs":[{"path":..,"ptr":..,"len":..} | {"path":..,"grid":{..}}], "profile", "details", "model"}
// Once the request parses, its buffers are freed in every case (the JS wrapper builds it).
void check_buffers(const std::string& request, const emscripten::val& sink) {
  std::vector<Buffer> buffers;
  try {
    const json req = fc::parse_json_limited(request);
    const auto& inputs = req.at("inputs");
    for (const auto& in : inputs) buffers.push_back(in.contains("ptr") ? adopt_buffer(in) : Buffer{});
    fc::Options opts;
    opts.profile = req.value("profile", "");
    std::vector<fc::Document> docs;
    for (size_t i = 0; i < inputs.size(); ++i) {
      const auto& in = inputs[i];
      const std::string path = in.value("path", "");
      if (in.contains("grid")) {
        docs.push_back(fc::load_grid_json(path, in.at("grid").dump(), opts));
      } else {
        // Freed right after the import; freeing it earlier (before the model is
        // built) measured worse: the hole fragments and the big model vectors
        // then need fresh memory.
        docs.push_back(fc::load_document(path, buffers[i].view(), opts));
        buffers[i].bytes.reset();
      }
      fc::check_document(docs.back(), opts);
    }
    fc::check_cross(docs);
    fc::stream_documents_json(docs, req.value("details", true), req.value("model", false), to_js(sink));
  } catch (const std::exception& e) {
    nlohmann::ordered_json err;
    err["error"] = std::string("请求无效：") + e.what();
    const std::string text = err.dump();
    to_js(sink)(text);
  }
}

// Loaded forms: open() imports once, recheck() runs the rules again on the
// loaded model (what the page does while a user edits), close() frees it.
std::map<int, fc::Document> loaded;
int next_handle = 1;

int open(const std::string& text, const std::string& path) {
  fc::Document d = fc::load_document(path, text);
  loaded[next_handle] = std::move(d);
  return next_handle++;
}

std::string recheck(int handle, bool details) {
  auto it = loaded.find(handle);
  if (it == loaded.end()) return R"({"error":"没有这个已加载的表单"})";
  fc::check_document(it->second);  // replaces the rules' findings; import findings stay
  return fc::document_json_text(it->second, details, false);
}

// open() over a buffer written by JS (owned and freed here, see Buffer).
int open_buffer(double ptr, double len, const std::string& path) {
  Buffer b;
  b.bytes.reset(reinterpret_cast<char*>(static_cast<uintptr_t>(ptr)));
  b.size = static_cast<size_t>(len);
  loaded[next_handle] = fc::load_document(path, b.view());
  return next_handle++;
}

void recheck_to(int handle, bool details, const emscripten::val& sink) {
  auto it = loaded.find(handle);
  if (it == loaded.end()) return to_js(sink)(R"({"error":"没有这个已加载的表单"})");
  fc::check_document(it->second);
  fc::stream_document_json(it->second, details, false, to_js(sink));
}

void close(int handle) { loaded.erase(handle); }

std::string rules() { return fc::rules_json().dump(); }
std::string rules_markdown() { return fc::rules_markdown(); }
std::string version() { return fc::kVersion; }

}  // namespace

EMSCRIPTEN_BINDINGS(formcheck) {
  emscripten::function("check", &check);
  emscripten::function("rules", &rules);
  emscripten::function("rulesMarkdown", &rules_markdown);
  emscripten::function("version", &version);
  emscripten::function("open", &open);
  emscripten::function("recheck", &recheck);
  emscripten::function("close", &close);
  emscripten::function("checkBuffers", &check_buffers);
  emscripten::function("openBuffer", &open_buffer);
  emscripten::function("recheckTo", &recheck_to);
}
