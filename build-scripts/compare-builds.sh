#!/usr/bin/env bash
# Is behaviour unchanged? Builds the CLI of another revision (default HEAD~1)
# beside this tree's build and compares, byte for byte, what both print for
# every input we have: examples/, tests/fixtures/, tests/fuzz_regressions/,
# every corpus rendering (corpus_score --dump) and generated forms
# (tests/gen/generate.cjs) — `check --format json --details` and `model` per
# file, and one batch of all examples (cross-document rules). Used when a
# change restructures code without meaning to change what it reports.
#
#   build-scripts/compare-builds.sh [OLD_REV] [--except REGEX]
# Exit 0 when every output is identical (files matching REGEX are listed but
# not counted), 1 otherwise; the differences are kept in build/compare/.
source "$(dirname "$0")/lib.sh"
old_rev="HEAD~1"
except=""
while (($#)); do
  case "$1" in
    --except) except="$2"; shift 2 ;;
    *) old_rev="$1"; shift ;;
  esac
done
ensure_build_deps
build_native

work="$ROOT/build/compare"
old_src="$work/old-src"
rm -rf "$work/inputs" "$work/out-old" "$work/out-new" "$work/diffs"
mkdir -p "$work/inputs" "$work/out-old" "$work/out-new" "$work/diffs"

log "building the CLI of $old_rev"
old_sha=$(git -C "$ROOT" rev-parse "$old_rev")
if [ ! -d "$old_src" ] || [ "$(git -C "$old_src" rev-parse HEAD 2>/dev/null)" != "$old_sha" ]; then
  git -C "$ROOT" worktree remove --force "$old_src" 2>/dev/null || rm -rf "$old_src"
  git -C "$ROOT" worktree prune
  git -C "$ROOT" worktree add --detach "$old_src" "$old_sha" >/dev/null
fi
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)  # optional speed-up
cmake -S "$old_src" -B "$work/old-build" -DCMAKE_BUILD_TYPE=Release -DFORMCHECK_TESTS=OFF "${launcher[@]}" >/dev/null
cmake --build "$work/old-build" -j"$JOBS" --target formcheck >/dev/null
old_cli="$work/old-build/formcheck"
new_cli="$ROOT/build/native/formcheck"

log "collecting inputs"
n=0
add() {  # copy a file under a unique name that keeps its extension
  local f="$1" base
  base=$(basename "$f")
  n=$((n + 1))
  cp "$f" "$work/inputs/$(printf '%04d' "$n")-$base"
}
for f in "$ROOT"/examples/* ; do [ -f "$f" ] && add "$f"; done
while IFS= read -r -d '' f; do add "$f"; done < <(find "$ROOT/tests/fixtures" "$ROOT/tests/fuzz_regressions" -type f \
  ! -name '*.py' ! -name '*.md' -print0 | sort -z)
# The real project forms' renderings (tests/corpus/projects), except the held-out ones.
for f in "$ROOT"/tests/corpus/projects/*.clip.txt "$ROOT"/tests/corpus/projects/*.xlsx "$ROOT"/tests/corpus/projects/*.docx; do
  [ -f "$f" ] || continue
  id=$(basename "$f"); id=${id%%.*}
  grep -q '"held_out": *true' "$ROOT/tests/corpus/projects/$id.meta.json" 2>/dev/null || add "$f"
done
mkdir -p "$work/corpus" && rm -f "$work/corpus"/*
"$ROOT/build/native/tests/corpus/corpus_score" --dump "$work/corpus"
for f in "$work/corpus"/*; do add "$f"; done
mkdir -p "$work/gen" && rm -f "$work/gen"/*
node "$ROOT/tests/gen/generate.cjs" "$work/gen" 24 >/dev/null
for f in "$work/gen"/*; do add "$f"; done

log "running both CLIs over $n inputs"
differ=0
excepted=0
run_both() {  # name, then the CLI arguments (the file last)
  local name="$1"; shift
  local rc_old rc_new
  "$old_cli" "$@" >"$work/out-old/$name" 2>&1 && rc_old=0 || rc_old=$?
  "$new_cli" "$@" >"$work/out-new/$name" 2>&1 && rc_new=0 || rc_new=$?
  echo "exit $rc_old" >>"$work/out-old/$name"
  echo "exit $rc_new" >>"$work/out-new/$name"
  if ! cmp -s "$work/out-old/$name" "$work/out-new/$name"; then
    diff "$work/out-old/$name" "$work/out-new/$name" >"$work/diffs/$name.diff" || true
    if [ -n "$except" ] && [[ "$name" =~ $except ]]; then
      excepted=$((excepted + 1)); echo "  differs (exempt): $name"
    else
      differ=$((differ + 1)); echo "  DIFFERS: $name"
    fi
  fi
}
for f in "$work/inputs"/*; do
  b=$(basename "$f")
  run_both "$b.check.json" check --format json --details "$f"
  run_both "$b.model.json" model "$f"
done
run_both "examples-batch.json" check --format json "$ROOT"/examples/*

log "$n inputs: $differ differ, $excepted exempt (build/compare/diffs)"
[ "$differ" -eq 0 ]
