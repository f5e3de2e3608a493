#!/usr/bin/env bash
# The main job: install what is missing, build native + wasm + page into dist/,
# check the bundled example forms with the CLI, then serve dist/ on 127.0.0.1.
#   build-scripts/run.sh            build, check examples, serve (Ctrl-C to stop)
#   FORMCHECK_PORT=9000 build-scripts/run.sh
#   build-scripts/run.sh --no-serve build and check only
source "$(dirname "$0")/lib.sh"
ensure_build_deps
build_all

log "checking the bundled example forms (formcheck check)"
examples=("$ROOT"/examples/*.txt)
set +e
"$ROOT/build/native/formcheck" check "${examples[@]}"
echo "(formcheck exit status $?: 0 = no errors, 1 = errors found)"
set -e

echo
echo "离线单文件 / offline single file: $ROOT/dist/formcheck.html"
echo "  (double-click it, or open file://$ROOT/dist/formcheck.html — works with no network)"
if [ "${1:-}" = "--no-serve" ]; then exit 0; fi
exec node "$ROOT/build-scripts/serve.mjs" --dir dist --port "${FORMCHECK_PORT:-8321}"
