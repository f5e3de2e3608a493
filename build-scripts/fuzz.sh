#!/usr/bin/env bash
# Runs each libFuzzer target for SECONDS (default 600), seeded from the seed
# forms, their model JSON and their indicator values. A crash leaves its input
# in build/fuzz/crashes/<target>/; copy it to tests/fuzz_regressions/<target>/
# (the GoogleTest suite replays every file there).
#   build-scripts/fuzz.sh [SECONDS] [TARGET...]
#   build-scripts/fuzz.sh --runs N [TARGET...]   a repeatable sweep: N inputs per target from the seeds
#                                                 alone, with a fixed random seed (what test.sh runs, so a
#                                                 test run never depends on how fast the machine is)
source "$(dirname "$0")/lib.sh"
ensure_debs clang-14 libclang-rt-14-dev cmake make nlohmann-json3-dev zlib1g-dev nodejs python3
runs=""
if [ "${1:-}" = "--runs" ]; then runs="$2"; shift 2; fi
seconds="${1:-600}"; [ -n "$runs" ] || { shift || true; }
targets=("$@"); ((${#targets[@]})) || targets=(text_import model_json value_grammar office_zip office_xml pdf_runs)

cmake --preset fuzz -S "$ROOT" >/dev/null
cmake --build "$ROOT/build/fuzz" -j"$JOBS" --target "${targets[@]/#/fuzz_}"

seeds="$ROOT/examples"
corpus="$ROOT/build/fuzz/corpus"
# The repeatable sweep starts from the seeds alone (a corpus grown by earlier runs would change its inputs).
[ -z "$runs" ] || { corpus="$ROOT/build/fuzz/corpus-sweep"; rm -rf "$corpus"; }
mkdir -p "$corpus"/{text_import,model_json,value_grammar,office_zip,office_xml,pdf_runs}
cp "$seeds"/*.txt "$ROOT"/tests/fixtures/*.txt "$corpus/text_import/"
# Office seeds: the real .xlsx/.docx fixtures and the hostile cases; for the
# XML target, their inflated parts behind a selector byte (0 sheet, 1 document).
cp "$ROOT"/tests/fixtures/office/* "$corpus/office_zip/"
# PDF seeds: the committed runs JSON of the printed fixtures, without the
# opening the target prepends. Not the sheets Calc printed without borders
# (calc-*): the project reader leaves cells of their wrapped funds labels
# without a fate, the known gap ledger_test.cpp skips too, and the target's
# ledger assertion would stop at them before fuzzing anything.
for f in "$ROOT"/tests/fixtures/pdf/runs/*.json; do
  case "$(basename "$f")" in calc-*) continue ;; esac
  sed 's/^{"formcheck_pdf_runs":1,//' "$f" > "$corpus/pdf_runs/$(basename "$f")"
done
for t in text_import model_json office_zip office_xml pdf_runs; do
  cp "$ROOT"/tests/fuzz_regressions/$t/* "$corpus/$t/" 2>/dev/null || true
done
python3 - "$ROOT/tests/fixtures/office" "$corpus/office_xml" <<'PY'
import sys, zipfile, os
src, out = sys.argv[1:]
for f in sorted(os.listdir(src)):
    if not f.endswith(('.xlsx', '.docx')):
        continue
    z = zipfile.ZipFile(os.path.join(src, f))
    for n in z.namelist():
        if n in ('xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml', 'word/document.xml'):
            open(os.path.join(out, f + '-' + n.replace('/', '_')), 'wb').write(bytes([n.startswith('word') and 1 or 0]) + z.read(n)[:400000])
PY
[ -x "$ROOT/build/native/formcheck" ] || build_native
for f in "$seeds"/*.txt; do
  # model JSON without its leading "{" (the target prepends it)
  "$ROOT/build/native/formcheck" model "$f" | tr -d '\n' | sed 's/^{//' > "$corpus/model_json/$(basename "$f" .txt).json"
done
i=0
for v in '≥300亿元' '＝100%' '<=10%' '756' '健全' '=0小时' '≥56000台套' '5.86万' '-7.39%' '1,234.56' '.7' '不低于90%'; do
  printf '%s\n>=200' "$v" > "$corpus/value_grammar/v$((i++))"
done

status=0
for t in "${targets[@]}"; do
  # The sweep is the same on every machine: no address-space randomisation
  # (libFuzzer's comparison tables would otherwise see different pointers and
  # mutate differently) and no comparison-guided mutation.
  norand=()
  if [ -n "$runs" ]; then
    log "fuzz_$t: $runs inputs, seed 1"; budget=(-runs="$runs" -seed=1 -use_cmp=0 -use_memmem=0)
    if setarch "$(uname -m)" -R true 2>/dev/null; then norand=(setarch "$(uname -m)" -R); fi
  else log "fuzz_$t for ${seconds}s"; budget=(-max_total_time="$seconds"); fi
  mkdir -p "$ROOT/build/fuzz/crashes/$t"
  # max_len reaches the limits (a 256 KB cell, 512 cells a row) within one input.
  if ! "${norand[@]}" "$ROOT/build/fuzz/fuzz/fuzz_$t" "${budget[@]}" -max_len=400000 -timeout=10 -rss_limit_mb=4096 \
      -artifact_prefix="$ROOT/build/fuzz/crashes/$t/" -print_final_stats=1 "$corpus/$t" 2>&1 | tail -n 12; then
    status=1
  fi
  if [ -n "$(ls -A "$ROOT/build/fuzz/crashes/$t")" ]; then
    status=1
    echo "fuzz_$t: crash inputs in build/fuzz/crashes/$t (copy them to tests/fuzz_regressions/$t/):"
    # Printed too, so a find on a machine whose files are gone (CI) can be replayed.
    for f in "$ROOT/build/fuzz/crashes/$t"/*; do
      [ "$(stat -c %s "$f")" -le 65536 ] || { echo "  $(basename "$f"): $(stat -c %s "$f") bytes, too long to print"; continue; }
      echo "  $(basename "$f") base64:"; base64 -w 120 "$f" | sed 's/^/    /'
    done
  fi
done
exit $status
