#!/usr/bin/env bash
# Benchmarks (separate from the tests): Google Benchmark for the native core and
# a browser benchmark in Debian's Chromium, on the seeds and on generated forms
# of 100 .. 100,000 rows, all from the same run. Writes build/bench/results.json
# and prints the table of ratios with their targets (exit 1 if one is missed).
source "$(dirname "$0")/lib.sh"
ensure_build_deps
ensure_browser_deps
ensure_debs libbenchmark-dev time
build_wasm
build_page
log "generating forms of 100 .. 100,000 rows"
forms="$ROOT/build/bench/forms"
mkdir -p "$forms"
for n in 100 1000 10000 100000; do node "$ROOT/tests/gen/generate.cjs" --rows "$n" > "$forms/rows-$n.txt"; done
log "generating the scaling forms (text, model JSON, .xlsx at 10,000 .. 280,000 rows) and 1,000 office files"
node "$ROOT/bench/make-scaling-forms.cjs" "$ROOT/build/bench"
[ -x "$ROOT/build/native/formcheck" ] || build_native
# Model JSON as the page exports it; 215,000 rows is about the largest under the 32 MB input limit.
for n in 10000 30000 100000 215000; do
  node "$ROOT/bench/model-json.cjs" "$n" "$ROOT/build/native/formcheck" "$ROOT/build/bench/scaling/rows-$n.json"
done
log "office batch: formcheck check --format ndjson over 1,000 .xlsx files"
/usr/bin/time -f '{"seconds": %e, "peak_rss_kb": %M}' -o "$ROOT/build/bench/office-batch.json" \
  "$ROOT/build/native/formcheck" check --format ndjson "$ROOT"/build/bench/batch/*.xlsx > "$ROOT/build/bench/office-batch.ndjson" || true
log "native benchmarks (Google Benchmark)"
cmake --preset bench -S "$ROOT" >/dev/null
cmake --build "$ROOT/build/bench-native" -j"$JOBS" --target formcheck_bench
FORMCHECK_BENCH_FORMS="$forms" FORMCHECK_BENCH_SCALING="$ROOT/build/bench/scaling" "$ROOT/build/bench-native/bench/formcheck_bench" --benchmark_min_time=0.3 \
  --benchmark_out="$ROOT/build/bench/native.json" --benchmark_out_format=json
log "browser benchmark (Chromium)"
node "$ROOT/bench/browser-bench.cjs" "$forms" > "$ROOT/build/bench/browser.json"
log "results"
node "$ROOT/bench/report.mjs" "$ROOT/build/bench/native.json" "$ROOT/build/bench/browser.json" \
  "$ROOT/build/bench/results.json" "$ROOT/dist/formcheck.html" "$ROOT/build/bench/office-batch.json"
