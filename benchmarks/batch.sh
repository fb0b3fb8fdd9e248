#!/usr/bin/env bash
# The batch benchmark: the Markdown posts of ../shared/corpus/md repeated to 10,000
# entries, as a folder, a .tar.gz and a .zip; `essaykit batch` at -j 1 and -j 2 on each,
# beside `essaykit analyze` on the same bytes as one file. Prints documents/s, MB/s and
# peak memory (whole process).
#
#   benchmarks/batch.sh [BUILD_DIR] [ENTRIES]    (defaults: build, 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
entries=${2:-10000}
shared=${ESSAYKIT_SHARED:-../shared}
if [[ ! -d "$shared/corpus/md" ]]; then
  echo "batch benchmark: skipped, no corpus at $shared/corpus/md"
  exit 0
fi
cmake --build "$build" --target essaykit_cli >/dev/null
ek=$build/cli/essaykit
work=$(mktemp -d /tmp/essaykit-batch-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/posts"
posts=("$shared"/corpus/md/*.md)
for ((i = 0; i < entries; i++)); do
  cp "${posts[i % ${#posts[@]}]}" "$work/posts/$(printf '%05d' "$i").md"
done
(cd "$work" && tar czf posts.tar.gz posts && zip -qr posts.zip posts)
cat "$work"/posts/*.md >"$work/all.md"
bytes=$(stat -c %s "$work/all.md")
measure() {  # measure LABEL COMMAND...: prints docs/s, MB/s and peak memory
  local label=$1; shift
  local t
  /usr/bin/time -o "$work/time" -f "%e %M" "$@" >/dev/null 2>/dev/null || true
  t=$(tail -1 "$work/time")
  local secs=${t% *} kib=${t#* }
  awk -v l="$label" -v s="$secs" -v k="$kib" -v n="$entries" -v b="$bytes" \
    'BEGIN { printf "%-28s %8.0f docs/s %8.1f MB/s  peak %6.0f MiB  (%.2f s)\n", l, n / s, b / 1e6 / s, k / 1024, s }'
}
echo "$entries entries, $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB"
measure "one file (analyze)" "$ek" analyze "$work/all.md"
for j in 1 2; do
  measure "folder -j $j" "$ek" batch -j "$j" "$work/posts"
  measure "tar.gz -j $j" "$ek" batch -j "$j" "$work/posts.tar.gz"
  measure "zip -j $j" "$ek" batch -j "$j" "$work/posts.zip"
done
