// The full module's binding of the version comparison (form_diff.hpp): the
// page asks the lazily decoded full module for it (web/js/full-module.js), so
// the page core stays within its size budget. Same core code as `formcheck
// diff`, so the page and the CLI print the same comparison.
#include <emscripten/bind.h>

#include <optional>
#include <string>
#include <vector>

#include "formcheck/api.hpp"
#include "formcheck/form_diff.hpp"
#include "formcheck/model_json.hpp"

namespace {

using nlohmann::json;
namespace fc = formcheck;

// request: {"inputs":[older, newer], "profile":""}, each input
// {"path","text"} (text, or a model JSON) or
// {"path","office":{"kind":"xlsx"|"docx","parts":{name: xml text}}}.
// Each version is checked on its own; a workbook of several forms gives its first.
std::string diff(const std::string& request) {
  try {
    const json req = fc::parse_json_limited(request);
    fc::Options opts;
    opts.profile = req.value("profile", "");
    const json& inputs = req.at("inputs");
    if (!inputs.is_array() || inputs.size() != 2) throw std::invalid_argument("需要两个输入：旧版和新版");
    std::vector<fc::Document> versions;
    for (const json& in : inputs) {
      const std::string path = in.value("path", "");
      fc::Document d;
      if (in.contains("office")) {
        const json& parts = in.at("office").at("parts");
        d = fc::load_office_parts(
            path, in.at("office").value("kind", ""),
            [&](const std::string& name) -> std::optional<std::string> {
              auto it = parts.find(name);
              if (it == parts.end() || !it->is_string()) return std::nullopt;
              return it->get<std::string>();
            },
            opts);
      } else {
        d = fc::load_document(path, in.at("text").get_ref<const std::string&>(), opts);
      }
      fc::check_document(d, opts);
      versions.push_back(std::move(d));
    }
    nlohmann::ordered_json out = fc::diff_documents(versions[0], versions[1]);
    out["text"] = fc::diff_text(out);
    return out.dump();
  } catch (const std::exception& e) {
    nlohmann::ordered_json err;
    err["error"] = std::string("请求无效：") + e.what();
    return err.dump();
  }
}

}  // namespace

EMSCRIPTEN_BINDINGS(formcheck_diff) { emscripten::function("diff", &diff); }
