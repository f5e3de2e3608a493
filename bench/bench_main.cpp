// Native benchmarks of the core (Google Benchmark): import, check, and both,
// on the seed forms and on generated forms of 100 .. 100,000 rows; and import
// alone of text, model JSON and .xlsx at 10,000 .. 280,000 rows.
// Forms are read from FORMCHECK_BENCH_FORMS (a directory of rows-N.txt files
// written by tests/gen/generate.cjs, the same files the browser benchmark
// uses) so native and wasm figures come from the same input.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "formcheck/api.hpp"

namespace fs = std::filesystem;
namespace fc = formcheck;

namespace {

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Import + check + results JSON: what one call of the API does.
void import_check(benchmark::State& state, const std::string& text) {
  for (auto _ : state) {
    fc::Document d = fc::load_document("bench", text);
    fc::check_document(d);
    benchmark::DoNotOptimize(fc::document_json_text(d, true, false));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}

void import_only(benchmark::State& state, const std::string& text) {
  for (auto _ : state) benchmark::DoNotOptimize(fc::load_document("bench", text));
}

void check_loaded(benchmark::State& state, const std::string& text) {
  fc::Document d = fc::load_document("bench", text);
  for (auto _ : state) {
    fc::check_document(d);  // checking again replaces the previous run's results
    benchmark::DoNotOptimize(fc::document_json_text(d, true, false));
  }
}

void register_file(const fs::path& p) {
  auto text = std::make_shared<std::string>(read(p));
  const std::string name = p.stem().string();
  benchmark::RegisterBenchmark(("import_check/" + name).c_str(), [text](benchmark::State& s) { import_check(s, *text); })
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark(("import/" + name).c_str(), [text](benchmark::State& s) { import_only(s, *text); })
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark(("check_loaded/" + name).c_str(), [text](benchmark::State& s) { check_loaded(s, *text); })
      ->Unit(benchmark::kMillisecond);
}

// Import alone for each input kind at 10,000 .. 280,000 rows (text, model
// JSON, .xlsx): report.mjs checks that time per row stays flat.
void register_scaling(const fs::path& p) {
  auto bytes = std::make_shared<std::string>(read(p));
  const std::string name = "scaling/" + p.extension().string().substr(1) + "/" + p.stem().string();
  // The median of five runs: at 280,000 rows one run is a single iteration,
  // and the per-row ratios should not move with one noisy run.
  benchmark::RegisterBenchmark(name.c_str(), [bytes](benchmark::State& s) { import_only(s, *bytes); })
      ->Unit(benchmark::kMillisecond)
      ->Repetitions(5)
      ->ReportAggregatesOnly(true);
}

}  // namespace

int main(int argc, char** argv) {
  for (const auto& e : fs::directory_iterator(FORMCHECK_SEEDS_DIR))
    if (e.path().extension() == ".txt") register_file(e.path());
  if (const char* dir = std::getenv("FORMCHECK_BENCH_FORMS"))
    for (const auto& e : fs::directory_iterator(dir))
      if (e.path().extension() == ".txt") register_file(e.path());
  if (const char* dir = std::getenv("FORMCHECK_BENCH_SCALING"))
    for (const auto& e : fs::directory_iterator(dir))
      if (e.path().extension() == ".txt" || e.path().extension() == ".json" || e.path().extension() == ".xlsx")
        register_scaling(e.path());
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
