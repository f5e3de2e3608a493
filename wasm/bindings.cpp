// Embind bindings: the same core API as the CLI, as JSON strings in and out,
// so the JS side stays a thin typed layer (wasm/formcheck-api.js).
#include <emscripten/bind.h>

#include <map>
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
}
