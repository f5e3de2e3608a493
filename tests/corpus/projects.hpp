// The real project-form corpus (tests/corpus/projects): each form's Excel
// clipboard text, .xlsx and .docx read through the same API as the CLI and
// scored against its field-level gold. See tests/corpus/projects/README.md.
#pragma once
#include <string>
#include <vector>

namespace corpus::projects {

// The renderings of a form that are scored, in table order: the files, and
// "lines" — the clipboard text's cells one per line, as PDF text extraction
// without layout gives them (a cell's own line breaks become spaces).
const std::vector<std::string>& renderings();  // "clip", "xlsx", "docx", "lines"
std::string one_cell_per_line(const std::string& clip);

// Form ids with the given held_out flag (from each <id>.meta.json only).
// Tuning and the ratchet use held_out = false; the held-out forms are scored
// only by `corpus_projects --held-out-final`, once, at the end.
std::vector<std::string> form_ids(bool held_out);

struct FormScore {
  std::string id, rendering;
  bool present = false;    // the rendering exists
  bool family_ok = false;  // the family the gold names
  int fields = 0, correct = 0;  // gold fields (family included) and how many were read exactly
  int false_errors = 0;         // error findings not explained by the gold's arithmetic_errors
  std::vector<std::string> misses;        // "indicators[服务对象满意度].实际完成值: 100% != (none)"
  std::vector<std::string> false_error_text;  // "rule: message"
};

// Scores one form in one rendering.
FormScore score_form(const std::string& id, const std::string& rendering);

}  // namespace corpus::projects
