// Prints the layout-variation corpus score as a Markdown table (docs/import.md)
// and, with --misses, every field read wrongly; --render STYLE GOLD prints
// one rendered form (to look at what a style produces), --render-report STYLE
// REPORT the same for a bundled self-evaluation report; --dump DIR writes every
// rendering of every gold and report into DIR (build-scripts/compare-builds.sh
// feeds them to two builds of the CLI).
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#include "corpus.hpp"

int main(int argc, char** argv) {
  if (argc == 4 && std::strcmp(argv[1], "--render") == 0) {
    std::fputs(corpus::render(corpus::load_gold(argv[3]), argv[2]).c_str(), stdout);
    return 0;
  }
  if (argc == 4 && std::strcmp(argv[1], "--render-report") == 0) {
    std::fputs(corpus::render_text(corpus::report_source(argv[3]), argv[2]).c_str(), stdout);
    return 0;
  }
  if (argc == 3 && std::strcmp(argv[1], "--dump") == 0) {
    auto write = [&](const std::string& name, const std::string& bytes) {
      std::ofstream(std::string(argv[2]) + "/" + name, std::ios::binary) << bytes;
    };
    for (const auto& st : corpus::styles()) {
      const std::string id = st.id;
      const std::string ext = id.find("xlsx") != std::string::npos ? ".xlsx" : id.find("docx") != std::string::npos ? ".docx" : ".txt";
      for (const auto& g : corpus::gold_names()) write(g + "." + id + ext, corpus::render(corpus::load_gold(g), id));
      if (corpus::generic_style(id))
        for (const auto& g : corpus::report_names()) write(g + "." + id + ext, corpus::render_text(corpus::report_source(g), id));
    }
    return 0;
  }
  const bool misses = argc > 1 && std::strcmp(argv[1], "--misses") == 0;
  std::printf("| style | what it imitates | fields read right | errors on correct forms | warnings | self-evaluation reports: fields read right |\n|---|---|---|---|---|---|\n");
  int bad = 0;
  for (const auto& st : corpus::styles()) {
    int fields = 0, correct = 0, errors = 0, warnings = 0;
    for (const auto& g : corpus::gold_names()) {
      const formcheck::Form gold = corpus::load_gold(g);
      const corpus::Score s = corpus::score(gold, corpus::render(gold, st.id));
      fields += s.fields, correct += s.correct, errors += s.errors, warnings += s.warnings;
      if (misses)
        for (const auto& m : s.misses) std::fprintf(stderr, "%s %s: %s\n", st.id, g.c_str(), m.c_str());
      if (misses)
        for (const auto& m : s.error_rules) std::fprintf(stderr, "%s %s: ERROR %s\n", st.id, g.c_str(), m.c_str());
    }
    // The self-evaluation reports in the styles that apply to any table's text.
    int r_fields = 0, r_correct = 0, r_errors = 0;
    if (corpus::generic_style(st.id))
      for (const auto& g : corpus::report_names()) {
        const formcheck::Form gold = corpus::load_gold(g);
        const corpus::Score s = corpus::score_model(gold, corpus::render_text(corpus::report_source(g), st.id));
        r_fields += s.fields, r_correct += s.correct, r_errors += s.errors;
        if (misses)
          for (const auto& m : s.misses) std::fprintf(stderr, "%s %s: %s\n", st.id, g.c_str(), m.c_str());
      }
    bad += correct != fields || errors || r_correct != r_fields;
    std::string reports = r_fields ? std::to_string(r_correct) + " / " + std::to_string(r_fields) : "—";
    std::printf("| `%s` | %s | %d / %d (%.1f%%) | %d | %d | %s |\n", st.id, st.title, correct, fields,
                100.0 * correct / fields, errors, warnings, reports.c_str());
  }
  return bad ? 1 : 0;
}
