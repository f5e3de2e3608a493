// Prints the layout-variation corpus score as a Markdown table (docs/import.md)
// and, with --misses, every field read wrongly; --render STYLE GOLD prints
// one rendered form (to look at what a style produces).
#include <cstdio>
#include <cstring>

#include "corpus.hpp"

int main(int argc, char** argv) {
  if (argc == 4 && std::strcmp(argv[1], "--render") == 0) {
    std::fputs(corpus::render(corpus::load_gold(argv[3]), argv[2]).c_str(), stdout);
    return 0;
  }
  const bool misses = argc > 1 && std::strcmp(argv[1], "--misses") == 0;
  std::printf("| style | what it imitates | fields read right | errors on correct forms | warnings |\n|---|---|---|---|---|\n");
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
    bad += correct != fields || errors;
    std::printf("| `%s` | %s | %d / %d (%.1f%%) | %d | %d |\n", st.id, st.title, correct, fields,
                100.0 * correct / fields, errors, warnings);
  }
  return bad ? 1 : 0;
}
