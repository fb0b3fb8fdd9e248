#!/usr/bin/env bash
# essaykit beside the tools people use today, on the same bytes, in the same run.
#
#   benchmarks/run.sh [BUILD_DIR] [MB]      (defaults: build, 50)
#
# Builds its inputs from ../shared (the corpus's Markdown posts and browser-copied
# plain-text posts, and the Gutenberg prose, each repeated to ~MB megabytes; the posts
# one file each as a folder), installs the comparison tools from Debian when missing
# (cmark-gfm, md4c's library, pandoc, GNU time, valgrind), and prints:
#   1. each stage of analyze() in memory, through the public API (bench_analyze --stages),
#      beside cmark-gfm's and md4c's parse alone of the same bytes, with each stage's
#      share of analyze(); then 1b. each stage's share of a whole `analyze --json` run
#      on a 2 MB slice in instructions (callgrind, stage_shares.py: parse, walk, passes,
#      sentences, claims, JSON — counts, stable on a loaded machine, where times are not);
#   2. whole processes — wall time, MB/s and peak memory — for cat, wc -w, cmark-gfm
#      (Markdown to HTML: `cmark-gfm -e table -e autolink -e footnotes`), md4c (Markdown
#      to HTML, md4c_html: no footnotes), essaykit analyze on each input (on posts.md
#      also both pinned to one core, with taskset, beside cmark-gfm),
#      essaykit batch over the one-file-per-post folder, and pandoc -f gfm -t json
#      beside essaykit on a 5 MB slice (pandoc is too slow for the whole input);
#   3. essaykit's sentence splitter beside ICU's BreakIterator (bench_sentences), and the
#      plain-text footnote reader on many notes (bench_notes);
#   4. linearity: essaykit on half the input and on all of it;
#   5. the ratios the project's goals are stated in;
#   6. the HTML reader beside gumbo's parse of the same pages (../shared/corpus-html).
# 1 MB = 10^6 bytes; MiB for memory. The concatenated file is a throughput input, not a
# meaningful document (footnote numbering restarts in it).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
size_mb=${2:-50}
shared=${ESSAYKIT_SHARED:-../shared}
if [[ ! -d "$shared/corpus" ]]; then
  echo "benchmarks: skipped, no corpus at $shared/corpus"
  exit 0
fi

# The comparison tools, from Debian.
need=()
command -v cmark-gfm >/dev/null || need+=(cmark-gfm)
command -v pandoc >/dev/null || need+=(pandoc)
[[ -x /usr/bin/time ]] || need+=(time)
command -v valgrind >/dev/null || need+=(valgrind)
# md4c, for the comparison only (benchmarks/md4c_html, bench_analyze): never a dependency
# of the library. Configure again after installing it so that CMake finds it.
[[ -e /usr/include/md4c-html.h ]] || need+=(libmd4c-dev libmd4c-html0-dev)
if ((${#need[@]})); then
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  echo "benchmarks: installing ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

grep -q "^MD4C_HTML_FOUND:INTERNAL=1" "$build/CMakeCache.txt" 2>/dev/null || cmake "$build" >/dev/null
cmake --build "$build" --target bench_analyze bench_sentences bench_notes essaykit_cli >/dev/null
md4c=""
if cmake --build "$build" --target md4c_html >/dev/null 2>&1; then md4c=$build/benchmarks/md4c_html; fi
ek=$build/cli/essaykit
work=$(mktemp -d /tmp/essaykit-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

repeat_to() {  # repeat_to OUT BYTES FILES...: FILES again and again until OUT has BYTES
  local out=$1 size=$2; shift 2
  : >"$out"
  while [[ $(stat -c %s "$out") -lt $size ]]; do cat "$@" >>"$out"; done
}
bytes=$((size_mb * 1000000))
repeat_to "$work/posts.md" "$bytes" "$shared"/corpus/md/*.md
repeat_to "$work/posts.txt" "$bytes" "$shared"/corpus/browser/*.bare.txt
repeat_to "$work/prose.txt" "$bytes" "$shared"/bench/gutenberg-prose.txt
repeat_to "$work/slice.md" 5000000 "$shared"/corpus/md/*.md
head -c 2000000 "$work/posts.md" >"$work/slice2.md"
head -c 2000000 "$work/posts.txt" >"$work/slice2.txt"
head -c "$(($(stat -c %s "$work/posts.md") / 2))" "$work/posts.md" >"$work/half.md"
head -c "$(($(stat -c %s "$work/posts.txt") / 2))" "$work/posts.txt" >"$work/half.txt"
# One file per post, as a blog export holds them: the posts copied until the folder holds
# about a fifth of the big input. The Markdown posts, and the browser copies: the
# plain-text reader as it meets posts (the concatenated posts.txt is one long document
# whose notes region, after its last reference, spans most of it: each reading of the
# references decodes all of it).
fill_folder() {  # fill_folder DIR EXT FILES...: prints the bytes copied
  local dir=$1 ext=$2 copied=0 i=0; shift 2
  local files=("$@")
  mkdir -p "$dir"
  while ((copied < bytes / 5)); do
    cp "${files[i % ${#files[@]}]}" "$dir/$(printf '%05d' "$i").$ext"
    copied=$((copied + $(stat -c %s "${files[i % ${#files[@]}]}")))
    i=$((i + 1))
  done
  echo "$copied"
}
posts=("$shared"/corpus/md/*.md)
folder_bytes=$(fill_folder "$work/folder" md "${posts[@]}")
txtfolder_bytes=$(fill_folder "$work/txtfolder" txt "$shared"/corpus/browser/*.bare.txt)
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }
echo "inputs: posts.md $(mb "$(stat -c %s "$work/posts.md")") MB (the ${#posts[@]} Markdown posts repeated)," \
  "posts.txt $(mb "$(stat -c %s "$work/posts.txt")") MB (browser copies), prose.txt $(mb "$(stat -c %s "$work/prose.txt")") MB" \
  "(Gutenberg), slice.md $(mb "$(stat -c %s "$work/slice.md")") MB, folder/ $(ls "$work/folder" | wc -l) posts $(mb "$folder_bytes") MB, txtfolder/ $(ls "$work/txtfolder" | wc -l) posts $(mb "$txtfolder_bytes") MB"
echo "machine: $(nproc) cores, $(uname -m), $(cmark-gfm --version | head -1), $(pandoc --version | head -1)"

echo
echo "== 1. analyze() by stage, in memory (best of 3)"
"$build/benchmarks/bench_analyze" "$work/posts.md" --from markdown --repeat 3 --stages
"$build/benchmarks/bench_analyze" "$work/posts.txt" --from text --repeat 3 --stages
"$build/benchmarks/bench_analyze" "$work/prose.txt" --from text --repeat 3 --stages

echo
echo "== 1b. each stage's share of a whole 'essaykit analyze --json' run, in instructions (callgrind, 2 MB slices)"
for f in slice2.md slice2.txt; do
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.$f" "$ek" analyze --json "$work/$f" >/dev/null 2>"$work/stderr" ||
    { echo "benchmarks: callgrind failed:"; cat "$work/stderr"; exit 1; }
  python3 benchmarks/stage_shares.py "$work/cg.$f" "$f"
done
valgrind --tool=callgrind --callgrind-out-file="$work/cg.cmark" cmark-gfm -e table -e autolink -e footnotes \
  "$work/slice2.md" >/dev/null 2>"$work/stderr"
echo "  beside them: cmark-gfm -e table -e autolink -e footnotes slice2.md (to HTML)" \
  "$(callgrind_annotate "$work/cg.cmark" | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); printf "%.0f M instructions", $1 / 1e6 }')"
if [[ -n $md4c ]]; then
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.md4c" "$md4c" "$work/slice2.md" >/dev/null 2>"$work/stderr"
  echo "  beside them: md4c_html slice2.md (to HTML, no footnotes)" \
    "$(callgrind_annotate "$work/cg.md4c" | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); printf "%.0f M instructions", $1 / 1e6 }')"
fi

echo
echo "== 2. whole process (best of 2 runs, 3 for cmark-gfm, md4c and essaykit on posts.md; peak = maximum resident set)"
printf '  %-44s %8s %9s %10s %10s\n' "command" "MB" "seconds" "MB/s" "peak MiB"
declare -A secs peak
measure() {  # measure KEY INPUT_BYTES COMMAND...: time the command (output to /dev/null), keep the best
  local key=$1 in_bytes=$2; shift 2
  local best_s="" best_k=""
  for _ in $(seq "${runs:-2}"); do
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" ||
      { echo "benchmarks: '$*' failed:"; cat "$work/stderr"; exit 1; }
    read -r s k <"$work/time"
    if [[ -z $best_s ]] || awk -v a="$s" -v b="$best_s" 'BEGIN { exit !(a < b) }'; then best_s=$s best_k=$k; fi
  done
  secs[$key]=$best_s peak[$key]=$best_k
  awk -v k="$key" -v b="$in_bytes" -v s="$best_s" -v m="$best_k" \
    'BEGIN { if (s < 0.01) s = 0.01; printf "  %-44s %8.1f %9.2f %10.1f %10.0f\n", k, b / 1e6, s, b / 1e6 / s, m / 1024 }'
}
md_bytes=$(stat -c %s "$work/posts.md")
txt_bytes=$(stat -c %s "$work/posts.txt")
prose_bytes=$(stat -c %s "$work/prose.txt")
slice_bytes=$(stat -c %s "$work/slice.md")
measure "cat posts.md" "$md_bytes" cat "$work/posts.md"
measure "wc -w posts.md" "$md_bytes" wc -w "$work/posts.md"
# The goal's comparison, interleaved (each of the three once per round, best of three) so
# that a burst of load elsewhere on the machine falls on all of them.
# The same two again on one core (taskset), where the claims' second thread has no core of
# its own: the margin must not rest on it.
declare -A best_s best_k
one_core=()
command -v taskset >/dev/null && one_core=(taskset -c 0)
for _ in 1 2 3; do
  for key in cmark md4c ek cmark1 ek1; do
    case $key in
      cmark) cmd=(cmark-gfm -e table -e autolink -e footnotes "$work/posts.md") ;;
      md4c) [[ -n $md4c ]] || continue; cmd=("$md4c" "$work/posts.md") ;;
      ek) cmd=("$ek" analyze --json "$work/posts.md") ;;
      cmark1) [[ ${#one_core[@]} -gt 0 ]] || continue; cmd=("${one_core[@]}" cmark-gfm -e table -e autolink -e footnotes "$work/posts.md") ;;
      ek1) [[ ${#one_core[@]} -gt 0 ]] || continue; cmd=("${one_core[@]}" "$ek" analyze --json "$work/posts.md") ;;
    esac
    /usr/bin/time -f "%e %M" -o "$work/time" "${cmd[@]}" >/dev/null 2>"$work/stderr" ||
      { echo "benchmarks: '${cmd[*]}' failed:"; cat "$work/stderr"; exit 1; }
    read -r s k <"$work/time"
    if [[ -z ${best_s[$key]:-} ]] || awk -v a="$s" -v b="${best_s[$key]}" 'BEGIN { exit !(a < b) }'; then
      best_s[$key]=$s best_k[$key]=$k
    fi
  done
done
row() {
  secs[$1]=$2 peak[$1]=$3
  awk -v k="$1" -v b="$md_bytes" -v s="$2" -v m="$3" \
    'BEGIN { if (s < 0.01) s = 0.01; printf "  %-44s %8.1f %9.2f %10.1f %10.0f\n", k, b / 1e6, s, b / 1e6 / s, m / 1024 }'
}
row "cmark-gfm posts.md (to HTML)" "${best_s[cmark]}" "${best_k[cmark]}"
[[ -z $md4c ]] || row "md4c posts.md (to HTML)" "${best_s[md4c]}" "${best_k[md4c]}"
row "essaykit analyze posts.md" "${best_s[ek]}" "${best_k[ek]}"
if [[ ${#one_core[@]} -gt 0 ]]; then
  row "cmark-gfm posts.md, one core" "${best_s[cmark1]}" "${best_k[cmark1]}"
  row "essaykit analyze posts.md, one core" "${best_s[ek1]}" "${best_k[ek1]}"
fi
measure "essaykit analyze --no-claims posts.md" "$md_bytes" "$ek" analyze --no-claims "$work/posts.md"
measure "cmark-gfm posts.txt (to HTML)" "$txt_bytes" cmark-gfm "$work/posts.txt"
measure "essaykit analyze posts.txt" "$txt_bytes" "$ek" analyze "$work/posts.txt"
measure "essaykit analyze prose.txt" "$prose_bytes" "$ek" analyze "$work/prose.txt"
measure "essaykit batch folder/ (-j 1)" "$folder_bytes" "$ek" batch -j 1 "$work/folder" -o /dev/null
measure "essaykit batch folder/ (-j $(nproc))" "$folder_bytes" "$ek" batch "$work/folder" -o /dev/null
measure "essaykit batch txtfolder/ (-j 1)" "$txtfolder_bytes" "$ek" batch -j 1 "$work/txtfolder" -o /dev/null
measure "pandoc -f gfm -t json slice.md" "$slice_bytes" pandoc -f gfm -t json "$work/slice.md"
measure "essaykit analyze slice.md" "$slice_bytes" "$ek" analyze "$work/slice.md"

echo
echo "== 3. sentences: essaykit beside ICU's BreakIterator, same text, same run"
"$build/benchmarks/bench_sentences" "$shared/bench/gutenberg-prose.txt"

echo
echo "== 3b. plain-text footnotes: 200, 800 and 3200 glued references with bodies, beside the same text without"
"$build/benchmarks/bench_notes"

echo
echo "== 4. linearity: the first half of each input, then all of it"
measure "essaykit analyze half.md" "$(stat -c %s "$work/half.md")" "$ek" analyze "$work/half.md"
measure "essaykit analyze half.txt" "$(stat -c %s "$work/half.txt")" "$ek" analyze "$work/half.txt"

echo
echo "== 5. ratios (goal in brackets)"
ratio() {  # ratio LABEL GOAL EXPR: prints the value of EXPR (awk) beside the goal
  awk -v label="$1" -v goal="$2" "BEGIN { printf \"  %-68s %7.2f   [%s]\n\", label, $3, goal }"
}
ratio "essaykit analyze --json md / cmark-gfm md (speed, issue 19)" ">= 1.0" \
  "(${secs[cmark-gfm posts.md (to HTML)]}) / (${secs[essaykit analyze posts.md]})"
ratio "essaykit analyze --json md / cmark-gfm md (peak memory, issue 19)" "<= 0.8" \
  "(${peak[essaykit analyze posts.md]}) / (${peak[cmark-gfm posts.md (to HTML)]})"
if [[ ${#one_core[@]} -gt 0 ]]; then
  ratio "essaykit analyze --json md / cmark-gfm md (speed, both on one core)" ">= 1.0" \
    "(${secs[cmark-gfm posts.md, one core]}) / (${secs[essaykit analyze posts.md, one core]})"
fi
if [[ -n $md4c ]]; then
  ratio "essaykit analyze --json md / md4c md (speed)" "beside" \
    "(${secs[md4c posts.md (to HTML)]}) / (${secs[essaykit analyze posts.md]})"
  ratio "essaykit analyze --json md / md4c md (peak memory)" "beside" \
    "(${peak[essaykit analyze posts.md]}) / (${peak[md4c posts.md (to HTML)]})"
fi
ratio "essaykit analyze md / pandoc (speed, 5 MB slice)" ">= 40" \
  "(${secs[pandoc -f gfm -t json slice.md]}) / (${secs[essaykit analyze slice.md]})"
ratio "essaykit analyze txt / cmark-gfm md (speed)" ">= 1.5" \
  "($txt_bytes / ${secs[essaykit analyze posts.txt]}) / ($md_bytes / ${secs[cmark-gfm posts.md (to HTML)]})"
ratio "essaykit batch txt posts (-j 1) / cmark-gfm md (speed)" "beside" \
  "($txtfolder_bytes / ${secs[essaykit batch txtfolder/ (-j 1)]}) / ($md_bytes / ${secs[cmark-gfm posts.md (to HTML)]})"
ratio "essaykit analyze txt: peak memory / input size" "<= 3" \
  "(${peak[essaykit analyze posts.txt]} * 1024) / $txt_bytes"
ratio "essaykit analyze md: time(all) / time(half)" "~2, never worse" \
  "(${secs[essaykit analyze posts.md]}) / (${secs[essaykit analyze half.md]})"
ratio "essaykit analyze txt: time(all) / time(half)" "~2, never worse" \
  "(${secs[essaykit analyze posts.txt]}) / (${secs[essaykit analyze half.txt]})"
ratio "essaykit analyze md / wc -w (speed)" "floor" \
  "(${secs[wc -w posts.md]}) / (${secs[essaykit analyze posts.md]})"

echo
echo "== 6. HTML: the reader beside gumbo's own parse of the same pages (one document each)"
if compgen -G "$shared/corpus-html/*/*.html" >/dev/null; then
  cmake --build "$build" --target bench_html >/dev/null
  "$build/benchmarks/bench_html" --rounds 10 --repeat 3 "$shared"/corpus-html/*/*.html
else
  echo "  skipped: no pages at $shared/corpus-html"
fi
