// What a file is by its content, for files that are not a form: an image, a
// PDF, another archive. A file named .xlsx that is a PNG says it is a PNG
// (not "the ZIP is damaged" or "no form title found"); a PDF says PDF is not
// yet read. Office files and text are recognised elsewhere (api.cpp).
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "formcheck/findings.hpp"

namespace formcheck {

// The extension of `path` in lower case, without the dot ("" when none).
std::string extension_of(std::string_view path);

// Whether `path` names an Office file by its extension (.xlsx, .docx, .xls …).
bool office_extension(std::string_view path);

// A finding for content that is a known non-form format, or nullopt: under
// import.invalid_office when the name says Office, else import.binary.
std::optional<Finding> foreign_file(std::string_view bytes, std::string_view path);

}  // namespace formcheck
