// Embind bindings: the same core API as the CLI, as JSON strings in and out,
// so the JS side stays a thin typed layer (wasm/formcheck-api.js).
#include <emscripten/bind.h>

#include <cstdlib>
#include <map>
#include <memory>
#include <string>

#include "formcheck/acceptance.hpp"
#include "formcheck/api.hpp"
#include "formcheck/profiles.hpp"
#include "formcheck/model_json.hpp"

namespace {

using nlohmann::json;
namespace fc = formcheck;

// An input's "hints": {"columns": {"5": "full"}, "level1": {"63": "履职"}} (the 原表 view),
// "form": "project_target" (the 表单类型 chooser).
fc::ReadingHints hints_of(const json& in) {
  fc::ReadingHints h;
  const auto it = in.find("hints");
  if (it == in.end() || !it->is_object()) return h;
  auto read = [&](const char* key, std::map<int, std::string>& into) {
    const auto k = it->find(key);
    if (k == it->end() || !k->is_object()) return;
    for (auto e = k->begin(); e != k->end(); ++e)
      if (e.value().is_string()) into[std::atoi(e.key().c_str())] = e.value().get<std::string>();
  };
  read("columns", h.columns);
  read("level1", h.level1);
  // "form": the family the user chose in the page's 表单类型 chooser.
  if (const auto f = it->find("form"); f != it->end() && f->is_string()) h.kind = fc::kind_of(f->get<std::string>());
  return h;
}

// The part every check request shares: each input imported (a grid here, a
// text by `load_text`) and checked, then the cross-document rules.
template <class LoadText, class LoadOffice>
std::vector<fc::Document> run_request(const json& req, LoadText load_text, LoadOffice load_office) {
  fc::Options opts;
  opts.profile = req.value("profile", "");
  opts.keep_grid = req.value("grid", false);
  const auto& inputs = req.at("inputs");
  std::vector<fc::Document> docs;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const auto& in = inputs[i];
    const std::string path = in.value("path", "");
    const size_t first = docs.size();
    fc::Options o = opts;
    o.hints = hints_of(in);
    if (in.contains("grid")) docs.push_back(fc::load_grid_json(path, in.at("grid").dump(), o));
    else if (in.contains("office")) fc::take_documents(load_office(i, path, o), docs);
    else fc::take_documents(load_text(i, path, o), docs);
    for (size_t k = first; k < docs.size(); ++k) fc::check_document(docs[k], o);
  }
  fc::check_cross(docs);
  // "accept": the caller's own statements (说明), as `formcheck check --accept FILE` reads them.
  const auto accept = req.find("accept");
  fc::apply_acceptances(docs, accept == req.end() || accept->is_null()
                                  ? std::vector<fc::AcceptStatement>{}
                                  : fc::statements_from_json(*accept, "accept"));
  return docs;
}

std::string request_error(const std::exception& e) {
  nlohmann::ordered_json err;
  err["error"] = std::string("请求无效：") + e.what();
  return err.dump();
}

// request: {"inputs":[{"path":..,"text":..} | {"path":..,"grid":{"rows":[[..]]}}
//                      | {"path":..,"office":{"kind":"xlsx"|"docx","parts":{name: xml text}}}],
//           "profile":"", "details":true, "model":false, "accept":[statements]}
std::string check(const std::string& request) {
  try {
    const json req = fc::parse_json_limited(request);
    const auto docs = run_request(
        req,
        [&](size_t i, const std::string& path, const fc::Options& opts) {
          return fc::load_document(path, req.at("inputs")[i].at("text").get_ref<const std::string&>(), opts);
        },
        [&](size_t i, const std::string& path, const fc::Options& opts) {
          const json& office = req.at("inputs")[i].at("office");
          const json& parts = office.at("parts");
          return fc::load_office_parts(
              path, office.value("kind", ""),
              [&](const std::string& name) -> std::optional<std::string> {
                auto it = parts.find(name);
                if (it == parts.end() || !it->is_string()) return std::nullopt;
                return it->get<std::string>();
              },
              opts);
        });
    return fc::documents_json_text(docs, req.value("details", true), req.value("model", false));
  } catch (const std::exception& e) {
    return request_error(e);
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

Buffer adopt_buffer(double ptr, double len) {
  Buffer b;
  b.bytes.reset(reinterpret_cast<char*>(static_cast<uintptr_t>(ptr)));
  b.size = static_cast<size_t>(len);
  return b;
}

// request: {"inputs":[{"path":..,"ptr":..,"len":..} | {"path":..,"grid":{..}}
//                      | {"path":..,"office":{"kind":..,"parts":[{"name":..,"ptr":..,"len":..}]}}],
//           "profile", "details", "model"}
// Once the request parses, its buffers are freed in every case (the JS wrapper builds it).
void check_buffers(const std::string& request, const emscripten::val& sink) {
  std::vector<Buffer> buffers;
  std::vector<std::map<std::string, Buffer>> office_parts;
  try {
    const json req = fc::parse_json_limited(request);
    for (const auto& in : req.at("inputs")) {
      buffers.push_back(in.contains("ptr") ? adopt_buffer(in.at("ptr").get<double>(), in.at("len").get<double>())
                                           : Buffer{});
      office_parts.emplace_back();
      if (in.contains("office"))
        for (const auto& part : in.at("office").at("parts"))
          office_parts.back()[part.at("name").get<std::string>()] =
              adopt_buffer(part.at("ptr").get<double>(), part.at("len").get<double>());
    }
    const auto docs = run_request(
        req,
        [&](size_t i, const std::string& path, const fc::Options& opts) {
          // Freed right after the import; freeing it earlier (before the model is
          // built) measured worse: the hole fragments and the big model vectors
          // then need fresh memory.
          fc::Document d = fc::load_document(path, buffers[i].view(), opts);
          buffers[i].bytes.reset();
          return d;
        },
        [&](size_t i, const std::string& path, const fc::Options& opts) {
          auto& parts = office_parts[i];
          fc::Document d = fc::load_office_parts(
              path, req.at("inputs")[i].at("office").value("kind", ""),
              [&](const std::string& name) -> std::optional<std::string> {
                auto it = parts.find(name);
                if (it == parts.end()) return std::nullopt;
                return std::string(it->second.view());
              },
              opts);
          parts.clear();
          return d;
        });
    fc::stream_documents_json(docs, req.value("details", true), req.value("model", false), to_js(sink));
  } catch (const std::exception& e) {
    to_js(sink)(request_error(e));
  }
}

// Loaded forms: open() imports once, recheck() runs the rules again on the
// loaded model (what the page does while a user edits), close() frees it.
std::map<int, fc::Document> loaded;
int next_handle = 1;
constexpr const char* kNotLoaded = R"({"error":"没有这个已加载的表单"})";

int keep(fc::Document d) {
  loaded[next_handle] = std::move(d);
  return next_handle++;
}

int open(const std::string& text, const std::string& path) { return keep(fc::load_document(path, text)); }

// open() over a buffer written by JS (owned and freed here, see Buffer).
int open_buffer(double ptr, double len, const std::string& path) {
  const Buffer b = adopt_buffer(ptr, len);
  return keep(fc::load_document(path, b.view()));
}

// The loaded form checked again (its rule findings replaced; import findings stay), or nullptr.
const fc::Document* rechecked(int handle) {
  auto it = loaded.find(handle);
  if (it == loaded.end()) return nullptr;
  fc::check_document(it->second);
  return &it->second;
}

std::string recheck(int handle, bool details) {
  const fc::Document* d = rechecked(handle);
  return d ? fc::document_json_text(*d, details, false) : kNotLoaded;
}

void recheck_to(int handle, bool details, const emscripten::val& sink) {
  const fc::Document* d = rechecked(handle);
  if (d) fc::stream_document_json(*d, details, false, to_js(sink));
  else to_js(sink)(kNotLoaded);
}

void close(int handle) { loaded.erase(handle); }

std::string rules() { return fc::rules_json().dump(); }
std::string rules_markdown() { return fc::rules_markdown(); }
std::string packs() { return fc::profiles::resolved_json().dump(); }
std::string version() { return fc::kVersion; }

}  // namespace

EMSCRIPTEN_BINDINGS(formcheck) {
  emscripten::function("check", &check);
  emscripten::function("rules", &rules);
  emscripten::function("rulesMarkdown", &rules_markdown);
  emscripten::function("packs", &packs);
  emscripten::function("version", &version);
  emscripten::function("open", &open);
  emscripten::function("recheck", &recheck);
  emscripten::function("close", &close);
  emscripten::function("checkBuffers", &check_buffers);
  emscripten::function("openBuffer", &open_buffer);
  emscripten::function("recheckTo", &recheck_to);
}
