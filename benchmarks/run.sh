#!/usr/bin/env bash
# Builds the benchmark inputs from ../shared (the corpus repeated to ~50 MB, the
# Gutenberg prose) and prints analyze()'s throughput on each, plus the whole-process
# time and peak memory of `essaykit analyze`.
#
#   benchmarks/run.sh [BUILD_DIR]    (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
shared=${ESSAYKIT_SHARED:-../shared}
if [[ ! -d "$shared/corpus" ]]; then
  echo "benchmarks: skipped, no corpus at $shared/corpus"
  exit 0
fi
cmake --build "$build" --target bench_analyze bench_sentences essaykit_cli >/dev/null
work=$(mktemp -d /tmp/essaykit-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
repeat_to() {  # repeat_to OUT SIZE FILES...: concatenate FILES again and again until OUT has SIZE bytes
  local out=$1 size=$2; shift 2
  : >"$out"
  while [[ $(stat -c %s "$out") -lt $size ]]; do cat "$@" >>"$out"; done
}
repeat_to "$work/posts.md" 50000000 "$shared"/corpus/md/*.md
repeat_to "$work/posts.txt" 50000000 "$shared"/corpus/browser/*.bare.txt
repeat_to "$work/prose.txt" 50000000 "$shared"/bench/gutenberg-prose.txt
echo "== analyze() throughput (public API, in memory)"
"$build/benchmarks/bench_analyze" "$work/posts.md" --from markdown --repeat 3
"$build/benchmarks/bench_analyze" "$work/posts.txt" --from text --repeat 3
"$build/benchmarks/bench_analyze" "$work/prose.txt" --from text --repeat 3
echo "== sentences: essaykit beside ICU's BreakIterator, same text, same run"
"$build/benchmarks/bench_sentences" "$shared/bench/gutenberg-prose.txt"
echo "== whole process: essaykit analyze > /dev/null"
for f in posts.md posts.txt prose.txt; do
  /usr/bin/time -f "$f: %e s, peak %M KiB" "$build/cli/essaykit" analyze "$work/$f" >/dev/null
done
