// The page's first-load module (formcheck-page-core, wasm/CMakeLists.txt) has
// no reader for legacy Office files: a first check of pasted text, .xlsx or
// .docx does not need it, and the page decodes the full module (with this
// reader) the first time an input is an old Office file (docs/performance.md).
// The page never sends such a file to this module; this definition keeps the
// link whole and, should a file arrive here anyway, says what is missing
// instead of reading it wrongly.
#include "formcheck/office_import.hpp"
#include "formcheck/office_sheet.hpp"

namespace formcheck {

OfficeGrid grid_from_xls(std::string_view) {
  OfficeGrid out;
  out.mode = "xls";
  out.ok = false;
  out.findings.push_back(office::office_error(
      "此校验模块不含旧版 Office（.xls/.et）读取器，需要完整模块才能读取这个文件。",
      "请在完整页面中检查，或在 Excel/WPS 中另存为 .xlsx 后再导入。"));
  return out;
}

}  // namespace formcheck
