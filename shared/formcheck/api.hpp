// The one entry point all three front doors use (CLI, WebAssembly, tests):
// bytes in, model + findings + calculations out, as JSON. Deterministic and
// free of floating point, so native and wasm give byte-identical output.
#pragma once
#include <nlohmann/json.hpp>
#include <array>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "formcheck/findings.hpp"
#include "formcheck/model.hpp"
#include "formcheck/recognize.hpp"
#include "formcheck/office_import.hpp"
#include "formcheck/rule.hpp"

namespace formcheck {

inline constexpr const char* kVersion = "1.0.0";

struct Options {
  std::string profile;  // rule-pack id; "" = choose from the form
  // Keep the imported grid (Document::source_grid) for the page's 原表 view.
  bool keep_grid = false;
  // What the clerk stated about an uncertain reading (recognize.hpp).
  ReadingHints hints;
};

struct Document {
  std::string path;
  Form form;
  bool has_form = false;    // recognised (kind known)
  std::string input;        // "json" | "tsv" | "lines" | "xlsx" | "docx"
  std::string profile_id;
  Findings findings;
  std::vector<Calculation> calculations;
  nlohmann::ordered_json score;
  // For office input: which sheet each run of grid lines came from, so a
  // place can be named as Excel names it (Sheet1!E7).
  std::vector<SheetOrigin> sheets;
  // Write `sheets` into the result as source_sheets (Options::keep_grid).
  bool keep_sheets = false;
  // The grid the recognizer read, one row a line: its source line, a tab, its
  // cells separated by tabs (Options::keep_grid; empty otherwise).
  std::string source_grid;
  // What became of each cell of source_grid (ledger.hpp), in the same shape:
  // a row's source line, a tab, its cells' fates separated by tabs
  // (Options::keep_grid; empty otherwise).
  std::string source_fates;
  // The merged cells of source_grid's office file (Options::keep_grid), for
  // drawing the table as it was given: top line, column, rows, columns. An
  // .xlsx/.xls merge counts the sheet's columns (source_grid's rows leave out
  // the columns a merge spans to the right); a .docx one the grid's.
  std::vector<std::array<int, 4>> source_merges;
  // Non-empty cells of the grid no fate accounts for (Options::keep_grid):
  // the reading ledger's invariant is that there are none.
  std::vector<Loc> unaccounted;
  // The further forms of a workbook that holds several (one per form sheet,
  // path "book.xlsx#Sheet"): take_documents lists them after this one.
  std::vector<Document> more;
  // How many of `findings` came before the rules ran (import.*): set by the
  // first check_document, so checking again replaces only the rules' results.
  size_t findings_before_check = static_cast<size_t>(-1);
  // Why nothing could be read from the file ("" when it was read): missing,
  // unreadable or over the size limit (set by the front end that opened it),
  // or bytes no reader understands (a damaged or password-protected office
  // file, binary data, text in an unknown encoding). Such a document has no
  // form and one import.* finding saying the same; results carry it as "error".
  std::string read_error;
};

// Reads one input: a model JSON (by content) or text in any supported shape.
Document load_document(std::string path, std::string_view bytes, const Options& opts = {});
// An office file whose parts were inflated by the front end (the page, with
// the browser's DecompressionStream): `kind` is "xlsx" or "docx". When the
// front end could not unzip it, `kind` is "damaged" (parts "reason": what
// failed, as ZipError says it, and "kind": "xlsx"/"docx" when known) or
// "package" (a ZIP that is not an Office file), so the finding is the CLI's.
Document load_office_parts(std::string path, const std::string& kind, const PartSource& parts,
                           const Options& opts = {});
// The result for a file the front end could not open or read (missing, a
// folder, no permission, over the size limit): no form, the finding `why`
// (an import.* error), and read_error = its message.
Document unreadable_document(std::string path, Finding why);
// The grid the recognizer reads for this input (office or text), one line per
// row: the row's first source line, a tab, then its cells separated by tabs.
// For looking at what an import produced (formcheck grid FILE). When no reader
// could read the bytes, returns "" and sets `error` (when given) to why.
std::string grid_text(std::string_view bytes, std::string* error = nullptr);
// The fates of that grid's cells after reading it (Document::source_fates),
// for formcheck grid --fates FILE.
std::string fates_text(std::string_view bytes);
// Appends `d` and then the further forms it carries (Document::more) to `out`:
// every front door lists a workbook's forms this way, one result each.
void take_documents(Document d, std::vector<Document>& out);
// "Sheet1!E7" for a grid position of an office document, "" otherwise.
std::string cell_name(const Document& d, Loc at);
// Recognises a grid produced by another front end.
Document load_grid_json(std::string path, const std::string& grid_json, const Options& opts = {});
// Runs every rule of the document's form family and the calculations.
// Idempotent: checking again (after editing doc.form) replaces the rules'
// findings, calculations and score and keeps the import findings.
void check_document(Document& doc, const Options& opts = {});
// Cross-document rules over every target/report pair of the same unit and year.
void check_cross(std::vector<Document>& docs);

// errors/warnings count every finding of that severity, accepted or not (a
// gate reading `errors` is never waived by a form's own statements);
// accepted_* say how many of them carry a statement (已说明).
struct Summary {
  int errors = 0, warnings = 0, infos = 0;
  int accepted_errors = 0, accepted_warnings = 0;
};
Summary summarize(const Findings& f);

// {"path","form","profile","input","summary","findings",["calculations","score","model"]}
nlohmann::ordered_json document_json(const Document& d, bool with_details, bool with_model);
// The same as document_json(...).dump(), written directly (faster, byte-identical).
std::string document_json_text(const Document& d, bool with_details, bool with_model);
// {"files":[...]} for several documents, compact.
std::string documents_json_text(const std::vector<Document>& docs, bool with_details, bool with_model);
// The same texts, handed to `sink` in pieces of about `chunk` bytes: the wasm
// module streams results to JS so a large result never sits whole in its memory.
using TextSink = std::function<void(std::string_view)>;
void stream_documents_json(const std::vector<Document>& docs, bool with_details, bool with_model,
                           const TextSink& sink, size_t chunk = 64 * 1024);
void stream_document_json(const Document& d, bool with_details, bool with_model, const TextSink& sink,
                          size_t chunk = 64 * 1024);
// The rule catalog: [{"id","severity","scope","title","description","message","docs","fixable"}].
nlohmann::ordered_json rules_json();
std::string rules_markdown();

// Convenience used by the wasm binding and the tests: check several inputs,
// return {"files":[document_json...]} as text.
struct Input {
  std::string path;
  std::string text;
};
std::string check_inputs_json(const std::vector<Input>& inputs, const Options& opts, bool with_details, bool with_model);

}  // namespace formcheck
