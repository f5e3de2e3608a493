// Accepted findings (说明): a department explains a finding that is right
// about the arithmetic (a rounding convention a city uses, a line funded
// outside the table). One matching function for every front door (CLI,
// WebAssembly, tests), so the page and the gate agree.
//
// A statement (AcceptStatement, model.hpp) accepts the warning or error of
// the same rule at the same section, field and label (the label carries the
// line's or indicator's name): row numbers and source positions play no part,
// so inserted rows do not break it. It holds only while the finding's
// `actual` (and its `expected`/`implied` and `fingerprint`, when the statement
// gives them) are what they were: a changed value re-opens the finding. The
// fingerprint fingerprints what a finding was computed from: every cell of an
// arithmetic identity, or else the figures of the finding's row. An
// error needs a reason. A statement that accepts nothing becomes an
// accept.unmatched warning. Statements a checked form carries (Form::accepted)
// are shown as 已说明 but never waive an error at the gate; only the gate's
// own statements (formcheck check --accept FILE, the API's `accept`) do.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "formcheck/api.hpp"

namespace formcheck {

// Marks the findings the statements accept (Finding::accepted) and reports
// each statement that accepts nothing. `gate` statements apply to every
// document whose path they name (all documents when they name none); one that
// accepts nothing in any of them is reported on the first. Idempotent: the
// marks and accept.unmatched findings of an earlier call are replaced. Also
// gives each finding on a row its fingerprint (Finding::fingerprint) when it has none.
void apply_acceptances(std::vector<Document>& docs, const std::vector<AcceptStatement>& gate = {});
void apply_acceptances(Document& doc, const std::vector<AcceptStatement>& gate = {});

// Errors that still count at a gate: every error but those a gate statement accepted.
int gate_errors(const Document& d);

// The statements of a gate file: a JSON list of objects with `rule`,
// `location`, `actual` (as the finding's JSON gives them) and `reason`, and
// optionally `expected`, `implied`, `fingerprint` and `path` (so a finding can be
// copied into it). Throws ModelError with a Chinese message naming the place.
std::vector<AcceptStatement> read_statements(const std::string& json_text);

// A short, stable fingerprint of values (FNV-1a, 16 hex digits), the same in
// the native and the WebAssembly build.
std::string fingerprint(const std::vector<std::string_view>& values);

}  // namespace formcheck
