#!/usr/bin/env bash
# The Python batch benchmark: essaykit.batch() from Python at 1 and 2 threads, and its cost
# per document beside the CLI's, on the batch benchmark's input (the Markdown posts of
# ../shared/corpus/md repeated to ENTRIES files in a folder) and on as many tiny posts, where
# the fixed cost of each document dominates. Each figure is the best of REPEAT rounds, whole
# process (interpreter start and import included), so that other work on the machine
# inflates it as little as possible.
#
#   benchmarks/python_batch.sh [BUILD_DIR] [ENTRIES] [REPEAT]    (defaults: build, 10000, 3)
#
# Needs the module: configure BUILD_DIR with -DESSAYKIT_PYTHON_BINDINGS=ON.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
entries=${2:-10000}
repeat=${3:-3}
python=${PYTHON:-/usr/bin/python3}
shared=${ESSAYKIT_SHARED:-../shared}
if [[ ! -d "$shared/corpus/md" ]]; then
  echo "python batch benchmark: skipped, no corpus at $shared/corpus/md"
  exit 0
fi
cmake --build "$build" --target essaykit_cli essaykit_python >/dev/null
ek=$build/cli/essaykit
export PYTHONPATH="$build/python"
work=$(mktemp -d /tmp/essaykit-python-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/posts" "$work/tiny"
posts=("$shared"/corpus/md/*.md)
for ((i = 0; i < entries; i++)); do
  cp "${posts[i % ${#posts[@]}]}" "$work/posts/$(printf '%05d' "$i").md"
  printf '# Post %d\n\nA short post. It says one thing.\n' "$i" >"$work/tiny/$(printf '%05d' "$i").md"
done
bytes=$(du -sb "$work/posts" | cut -f1)

# Each round runs every command once, in turn, and each command's figure is its best
# round: the speed of this shared machine drifts by a quarter over minutes, and commands
# timed one after another in separate runs would take that drift as their difference.
time_once() {  # time_once COMMAND...: wall time in seconds
  /usr/bin/time -o "$work/time" -f "%e" "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
  tail -1 "$work/time"
}
row() {  # row LABEL SECONDS
  awk -v l="$1" -v s="$2" -v n="$entries" 'BEGIN { printf "  %-36s %7.2f s  %7.0f docs/s  %6.1f us/doc\n", l, s, n / s, s / n * 1e6 }'
}
take() {  # take VAR COMMAND...: times COMMAND once and keeps in VAR the least time seen
  local var=$1 t
  shift
  t=$(time_once "$@")
  printf -v "$var" '%s' "$(awk -v a="${!var}" -v b="$t" 'BEGIN { print (a == "" || b < a) ? b : a }')"
}

echo "$entries posts ($(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB), best of $repeat, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for set in posts tiny; do
  echo "$set:"
  cli1="" cli2="" py1="" py2="" pyl=""
  for ((r = 0; r < repeat; r++)); do
    take cli1 "$ek" batch -j 1 -o "$work/cli.jsonl" "$work/$set"
    take cli2 "$ek" batch -j 2 -o "$work/cli.jsonl" "$work/$set"
    take py1 "$python" benchmarks/python_batch.py --jobs 1 "$work/$set"
    take py2 "$python" benchmarks/python_batch.py --jobs 2 "$work/$set"
    take pyl "$python" benchmarks/python_batch.py --jobs 1 --lines "$work/py.jsonl" "$work/$set"
  done
  row "essaykit batch -j 1" "$cli1"
  row "essaykit batch -j 2" "$cli2"
  row "python batch(jobs=1)" "$py1"
  row "python batch(jobs=2)" "$py2"
  row "python batch(jobs=1, with_lines)" "$pyl"
  cmp -s "$work/cli.jsonl" "$work/py.jsonl" || { echo "the lines differ from essaykit batch's" >&2; exit 1; }
  awk -v c1="$cli1" -v c2="$cli2" -v p1="$py1" -v p2="$py2" -v pl="$pyl" 'BEGIN {
    printf "  python 2 threads / 1 thread: %.2fx   (CLI: %.2fx)\n", p1 / p2, c1 / c2
    printf "  python per document beside the CLI, 1 thread: %+.1f%% (documents), %+.1f%% (lines)\n", (p1 / c1 - 1) * 100, (pl / c1 - 1) * 100
  }'
done
