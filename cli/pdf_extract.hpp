// The CLI's PDF reader: runs the page's extractor (web/js/pdf-runs.js, pdf.js
// under node) on a PDF and returns its runs JSON, which the core reads like
// the page does (shared/formcheck/pdf_grid.hpp). docs/import.md says why
// pdf.js under node rather than a C++ library.
#pragma once
#include <string>
#include <string_view>

namespace formcheck::cli {

// Whether `bytes` are a PDF (a "%PDF-" header within the first 1 KB).
bool is_pdf(std::string_view bytes);

// The runs JSON of the PDF `bytes`. Never throws: when node or pdfjs-dist is
// missing, or the extractor fails, dies or overruns its time, the result is a
// runs JSON error ({"formcheck_pdf_runs":1,"error":...}) the core turns into
// one import.pdf message.
//
// Found through the environment: FORMCHECK_NODE (the node binary, default
// "node" on PATH), FORMCHECK_PDF_RUNS (the path of cli/pdf-runs.cjs, default
// the copy next to the executable, then the source tree's), FORMCHECK_PDFJS
// (the pdfjs-dist folder, default node's resolution from the script) and
// FORMCHECK_PDF_TIME_MS (a cap on the whole, default 60000 ms; the extractor
// has 2 s to open the file and 1.5 s a page once started, and is killed a
// second after; node's own start-up may take up to 20 s on a loaded machine).
std::string pdf_runs(std::string_view bytes, const std::string& argv0);

}  // namespace formcheck::cli
