// The page's first-load module (formcheck-page-core, wasm/CMakeLists.txt) has
// no PDF grid builder: a first check of pasted text, .xlsx or .docx does not
// need it (it costs the page core ~10 KB gzip), and the page sends a PDF's
// runs to the full module, decoded the first time an input needs it
// (web/js/full-module.js). Should runs arrive here anyway, this says what is
// missing instead of reading them as a model JSON.
#include "formcheck/pdf_grid.hpp"

#include "formcheck/rule.hpp"
#include "formcheck/text_util.hpp"

namespace formcheck {

bool looks_like_pdf_runs(std::string_view bytes) {
  const std::string_view t = trim_view(bytes.substr(0, 64));
  return t.substr(0, 21) == R"({"formcheck_pdf_runs")";
}

OfficeGrid grid_from_pdf_runs(std::string_view) {
  OfficeGrid out;
  out.mode = "pdf";
  out.ok = false;
  out.findings.push_back(import_finding("import.pdf", "此校验模块不含 PDF 表格读取器，需要完整模块才能读取这个文件。",
                                        "请在完整页面中检查，或导入表单原来的 Excel/Word 文件。"));
  return out;
}

std::string pdf_runs_error(const std::string& kind, const std::string&) { return R"({"formcheck_pdf_runs":1,"error":")" + kind + "\"}"; }

}  // namespace formcheck
