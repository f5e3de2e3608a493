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

// Any bytes as a pasted/text form: import, recognise, check, serialise.
inline bool text_import(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  formcheck::Document d = formcheck::load_document("fuzz.txt", text);
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
  formcheck::Document g = formcheck::load_grid_json("fuzz.xlsx", grid);
  formcheck::check_document(g);
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
