// The wasm build has no inflater of its own: the page inflates the parts of
// an office file with the browser's DecompressionStream (see office.js) and
// passes them to load_office_parts.
#include "formcheck/zip_archive.hpp"

namespace formcheck {

Inflater native_inflater() { return nullptr; }

}  // namespace formcheck
