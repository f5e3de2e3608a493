// Scores the real project-form corpus (tests/corpus/projects) and prints the
// Markdown table of docs/import.md ("Real project forms"); --misses also lists
// every field read wrongly and every false error on stderr.
//
// --held-out-final scores ONLY the held-out forms (meta.json "held_out": true).
// It is for the lead's final measurement: nobody tunes on its output.
#include <cstdio>
#include <cstring>
#include <map>

#include "projects.hpp"

int main(int argc, char** argv) {
  bool misses = false, held_out = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--misses") == 0) misses = true;
    else if (std::strcmp(argv[i], "--held-out-final") == 0) held_out = true;
    else {
      std::fprintf(stderr, "usage: corpus_projects [--misses] [--held-out-final]\n");
      return 2;
    }
  }
  namespace p = corpus::projects;
  const auto ids = p::form_ids(held_out);
  std::printf("| form | family | clip: fields right | clip: false errors | xlsx: fields right | xlsx: false errors | docx: fields right | docx: false errors | one cell per line: fields right | one cell per line: false errors |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|---|\n");
  std::map<std::string, p::FormScore> total;
  for (const auto& id : ids) {
    std::string row = "| " + id + " |";
    bool family_shown = false;
    for (const auto& r : p::renderings()) {
      const p::FormScore s = p::score_form(id, r);
      if (!family_shown) row += s.family_ok ? " right |" : " **wrong** |", family_shown = true;
      if (!s.present) {
        row += " — | — |";
        continue;
      }
      auto& t = total[r];
      t.fields += s.fields, t.correct += s.correct, t.false_errors += s.false_errors;
      row += " " + std::to_string(s.correct) + " / " + std::to_string(s.fields) + " | " + std::to_string(s.false_errors) + " |";
      if (misses) {
        for (const auto& m : s.misses) std::fprintf(stderr, "%s %s: %s\n", r.c_str(), id.c_str(), m.c_str());
        for (const auto& m : s.false_error_text) std::fprintf(stderr, "%s %s: FALSE ERROR %s\n", r.c_str(), id.c_str(), m.c_str());
      }
    }
    std::printf("%s\n", row.c_str());
  }
  std::string row = "| **all " + std::to_string(ids.size()) + " forms** | |";
  for (const auto& r : p::renderings()) {
    const auto& t = total[r];
    char pct[32];
    std::snprintf(pct, sizeof pct, "%.1f%%", t.fields ? 100.0 * t.correct / t.fields : 0.0);
    row += " " + std::to_string(t.correct) + " / " + std::to_string(t.fields) + " (" + pct + ") | " +
           std::to_string(t.false_errors) + " |";
  }
  std::printf("%s\n", row.c_str());
  return 0;
}
