#!/usr/bin/env bash
# The map page (essaykit outline --html) on a 5 MB document: essaykit's time to write it
# (bench_map: analyze() and to_html() apart; the whole process under GNU time) and how
# Chromium takes it (map_load.mjs: time to the load event, elements, a click afterwards).
#
#   benchmarks/map.sh [BUILD_DIR] [MB]      (defaults: build, 5)
#
# Inputs: ../shared/corpus's Markdown posts, and its browser-copied bare text, each
# concatenated to MB megabytes (a throughput input: its footnote numbering restarts);
# without ../shared, examples/*.md repeated. Chromium and playwright-core as the browser
# test has them (ctest -R browser installs the latter into BUILD_DIR/tests/browser).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
mb=${2:-5}
shared=${ESSAYKIT_SHARED:-../shared}
work=$build/bench-map
mkdir -p "$work"
bytes=$((mb * 1000000))

# FILES... concatenated, whole lines, to $bytes.
fill() {
  local out=$1; shift
  : >"$out"
  while (($(stat -c %s "$out") < bytes)); do
    for f in "$@"; do cat "$f" >>"$out"; printf '\n\n' >>"$out"; (($(stat -c %s "$out") < bytes)) || break; done
  done
  head -c "$bytes" "$out" | sed '$d' >"$out.tmp" && mv "$out.tmp" "$out"
}
inputs=()
if [[ -d $shared/corpus/md ]]; then
  fill "$work/posts.md" "$shared"/corpus/md/*.md && inputs+=("$work/posts.md")
  fill "$work/posts.bare.txt" "$shared"/corpus/browser/*.bare.txt && inputs+=("$work/posts.bare.txt")
else
  echo "map.sh: no corpus at $shared; repeating examples/*.md"
  fill "$work/examples.md" examples/*.md && inputs+=("$work/examples.md")
fi

echo "== essaykit: analyze() and to_html() in memory (best of 3)"
for f in "${inputs[@]}"; do "$build/benchmarks/bench_map" --rounds 3 "$f"; done
echo "== essaykit outline --html, the whole process (GNU time)"
for f in "${inputs[@]}"; do
  /usr/bin/time -f "  %e s wall, %U s user, %M KiB peak" "$build/cli/essaykit" outline --html "$f" >"${f%.*}.html"
  echo "  $f -> ${f%.*}.html ($(stat -c %s "${f%.*}.html") bytes)"
done

echo "== Chromium: the pages"
modules=$build/tests/browser
if [[ ! -d $modules/node_modules/playwright-core ]]; then
  mkdir -p "$modules" && cp tests/browser/package.json tests/browser/package-lock.json "$modules/"
  (cd "$modules" && npm ci --no-audit --no-fund --loglevel=error)
fi
cp benchmarks/map_load.mjs "$modules/"
pages=()
for f in "${inputs[@]}"; do pages+=("$(realpath "${f%.*}.html")"); done
node "$modules/map_load.mjs" "${pages[@]}"
