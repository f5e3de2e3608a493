#!/usr/bin/env bash
# Every test: GoogleTest (ctest) on the native core, the same suite under
# ASan + UBSan, node tests of the wasm API (with the native/wasm differential),
# and browser tests of the page in Debian's Chromium (Playwright) and Firefox ESR
# (puppeteer-core over WebDriver BiDi), then a short run of every fuzz target.
source "$(dirname "$0")/lib.sh"
ensure_build_deps
ensure_browser_deps
# LibreOffice Calc, headless: opens the Excel export and prints it to PDF (tests/node/export.test.cjs, workbook.test.cjs; tests/browser/workbook.cjs).
ensure_debs libreoffice-calc-nogui
build_all

log "GoogleTest (ctest)"
(cd "$ROOT/build/native" && ctest -j"$JOBS" --output-on-failure)

log "GoogleTest under AddressSanitizer + UndefinedBehaviorSanitizer (preset asan)"
cmake --preset asan -S "$ROOT" >/dev/null
cmake --build "$ROOT/build/asan" -j"$JOBS"
(cd "$ROOT/build/asan" && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ctest -j"$JOBS" --output-on-failure)

log "node --test: the wasm API and native/wasm differential"
FORMCHECK_NATIVE="$ROOT/build/native/formcheck" node --test "$ROOT/tests/node/"

log "browser tests (Debian Chromium via playwright-core, Debian Firefox ESR via puppeteer-core)"
node --test --test-concurrency=1 "$ROOT/tests/browser/"

# A short, repeatable sweep of every libFuzzer target (the import paths, the
# office layers, the value grammar) so each change is fuzzed a little: a fixed
# number of inputs from the seeds with a fixed random seed, so the result does
# not depend on the machine's speed or load (a test must not be flaky).
# build-scripts/fuzz.sh SECONDS explores longer, and what it finds joins
# tests/fuzz_regressions.
log "fuzzing: ${FORMCHECK_FUZZ_RUNS:-4000} inputs per target"
"$ROOT/build-scripts/fuzz.sh" --runs "${FORMCHECK_FUZZ_RUNS:-4000}"
log "all tests passed"
