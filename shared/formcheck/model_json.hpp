// JSON form of the model (schema/form.schema.json). Writing then reading gives
// the same model; reading validates every key and type and reports the first
// problem in Chinese with its JSON path.
#pragma once
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

#include "formcheck/model.hpp"

namespace formcheck {

class ModelError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

nlohmann::ordered_json form_to_json(const Form& f);
// Acceptance statements (Form::accepted, a gate file): each
// {rule, location: {section, index, field, label}, actual, [expected], [implied], [fingerprint], reason, [path]};
// other keys (a finding copied whole) are ignored. `path` names the place in messages ("$.accepted").
std::vector<AcceptStatement> statements_from_json(const nlohmann::json& list, const std::string& path);
nlohmann::ordered_json statements_to_json(const std::vector<AcceptStatement>& list);
Form form_from_json(const nlohmann::json& j);  // throws ModelError
// The same from JSON text within the input limits, streaming the row arrays
// (time per row flat, memory that of the form, not of a JSON tree).
Form form_from_json_text(const std::string& text);  // throws ModelError

// Parses text as JSON within the input limits (size, nesting depth). Throws
// ModelError with a Chinese message on bad syntax or a limit.
nlohmann::json parse_json_limited(const std::string& text);
// The deepest nesting of arrays and objects in JSON text (strings skipped).
size_t json_depth(std::string_view text);

}  // namespace formcheck
