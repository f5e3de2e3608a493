// The bodies of the fuzz targets, shared with the regression test that
// replays every input in tests/fuzz_regressions/<target>/ (tests/core).
// Each returns false when an invariant is broken; crashes are crashes.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "formcheck/api.hpp"
#include "formcheck/arith.hpp"
#include "formcheck/decimal.hpp"
#include "formcheck/value.hpp"

namespace fuzzbody {

// The reading ledger's invariant (ledger.hpp): every non-empty cell of the
// grid read ends in a fate. Reading keeps the grid so the ledger is computed.
inline formcheck::Options ledger_options() {
  formcheck::Options o;
  o.keep_grid = true;
  return o;
}
inline bool accounted(const formcheck::Document& d) { return d.unaccounted.empty(); }

// Any bytes as a pasted/text form: import, recognise, check, serialise.
inline bool text_import(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  formcheck::Document d = formcheck::load_document("fuzz.txt", text, ledger_options());
  if (!accounted(d)) return false;
  formcheck::check_document(d);
  (void)formcheck::document_json_text(d, true, true);
  return true;
}

// Any bytes as a model JSON file and as an office grid, then the full check.
inline bool model_json(const uint8_t* data, size_t size) {
  std::string text = "{";  // always take the JSON path
  text.append(reinterpret_cast<const char*>(data), size);
  formcheck::Document d = formcheck::load_document("fuzz.json", text);
  formcheck::check_document(d);
  (void)formcheck::document_json_text(d, true, true);
  std::string grid = "{\"rows\":[";
  grid.append(reinterpret_cast<const char*>(data), size);
  formcheck::Document g = formcheck::load_grid_json("fuzz.xlsx", grid, ledger_options());
  if (!accounted(g)) return false;
  formcheck::check_document(g);
  return true;
}

// Any bytes as an office file (ZIP container, inflation, XML, sheets): the
// front door the CLI and upload gates use for .xlsx/.docx. Whatever the bytes,
// the result is a form or a clear import.* finding, and serialises.
inline bool office_zip(const uint8_t* data, size_t size) {
  std::string bytes("PK\x03\x04", 4);  // always take the office path
  bytes.append(reinterpret_cast<const char*>(data), size);
  for (const std::string* input : {&bytes}) {
    formcheck::Document d = formcheck::load_document("fuzz.xlsx", *input, ledger_options());
    if (!accounted(d)) return false;
    formcheck::check_document(d);
    (void)formcheck::document_json_text(d, true, true);
    if (!d.has_form && d.findings.empty()) return false;  // nothing read and nothing said
  }
  // The same bytes as a whole archive (an input that is itself a ZIP or an
  // .xls Compound File, as the corpus's office files are).
  formcheck::Document d =
      formcheck::load_document("fuzz.zip", std::string_view(reinterpret_cast<const char*>(data), size), ledger_options());
  if (!accounted(d)) return false;
  (void)formcheck::document_json_text(d, false, false);
  // And behind the Compound File signature: the .xls reader.
  std::string ole("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  ole.append(reinterpret_cast<const char*>(data), size);
  formcheck::Document x = formcheck::load_document("fuzz.xls", ole, ledger_options());
  if (!accounted(x)) return false;
  formcheck::check_document(x);
  (void)formcheck::document_json_text(x, true, true);
  if (!x.has_form && x.findings.empty()) return false;
  return true;
}

// Any bytes as the XML of an .xlsx sheet (first byte even) or a .docx body
// (odd), behind well-formed workbook parts: the XML reader and both sheet
// and document readers, as the page reaches them with parts it inflated.
inline bool office_xml(const uint8_t* data, size_t size) {
  if (size == 0) return true;
  const bool docx = data[0] & 1;
  const std::string xml(reinterpret_cast<const char*>(data) + 1, size - 1);
  const formcheck::PartSource parts = [&](const std::string& name) -> std::optional<std::string> {
    if (docx) return name == "word/document.xml" ? std::optional<std::string>(xml) : std::nullopt;
    if (name == "xl/workbook.xml")
      return std::string(R"(<workbook><sheets><sheet name="S" r:id="rId1"/><sheet name="T" r:id="rId1"/></sheets></workbook>)");
    if (name == "xl/_rels/workbook.xml.rels")
      return std::string(R"(<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>)");
    if (name == "xl/worksheets/sheet1.xml" || name == "xl/sharedStrings.xml" || name == "xl/styles.xml") return xml;
    return std::nullopt;
  };
  formcheck::Document d = formcheck::load_office_parts("fuzz", docx ? "docx" : "xlsx", parts, ledger_options());
  if (!accounted(d)) return false;
  formcheck::check_document(d);
  (void)formcheck::document_json_text(d, true, true);
  if (!d.has_form && d.findings.empty()) return false;
  return true;
}

// Any bytes as a PDF's runs JSON (web/js/pdf-runs.js): the grid builder
// (pdf_grid.cpp), the recognizer and every rule, as every front door reaches
// them with a PDF. The input is the JSON after its fixed opening, so the
// fuzzer spends its time inside the pages, not on the marker.
inline bool pdf_runs(const uint8_t* data, size_t size) {
  const std::string json = "{\"formcheck_pdf_runs\":1," + std::string(reinterpret_cast<const char*>(data), size);
  formcheck::Document d = formcheck::load_document("fuzz.pdf", json, ledger_options());
  if (!accounted(d)) return false;
  formcheck::check_document(d);
  (void)formcheck::document_json_text(d, true, true);
  // Read, or one message saying why not.
  if (!d.has_form && d.findings.empty()) return false;
  if (d.input != "pdf") return false;
  (void)formcheck::grid_text(json);
  return true;
}

// Two lines of bytes as indicator values and numbers: parse, canonicalise,
// compare, and the rounding arithmetic. Canonical text is a fixed point.
inline bool value_grammar(const uint8_t* data, size_t size) {
  const std::string_view all(reinterpret_cast<const char*>(data), size);
  const size_t cut = all.find('\n');
  const std::string_view a = all.substr(0, cut), b = cut == std::string_view::npos ? all : all.substr(cut + 1);
  const formcheck::IndicatorValue va = formcheck::parse_value(a), vb = formcheck::parse_value(b);
  if (va.quantitative()) {
    const formcheck::IndicatorValue again = formcheck::parse_value(va.canonical());
    if (!again.quantitative() || again.number != va.number || again.canonical() != va.canonical()) return false;
  }
  (void)formcheck::satisfies(va, vb);
  try {
    if (auto d = formcheck::Decimal::parse(a)) {
      (void)d->to_string();
      if (auto e = formcheck::Decimal::parse(b)) {
        (void)formcheck::check_sum({*d, *e}, *d, 2);
        if (!e->is_zero()) (void)formcheck::check_rate(*d, *e, *d, 2);
        (void)d->div(*e, 4);
      }
    }
  } catch (const formcheck::DecimalOverflow&) {
  }
  return true;
}

}  // namespace fuzzbody
