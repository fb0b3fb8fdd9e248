#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) into build-fuzz/ and runs each
# for a bounded time on a scratch copy of its seed corpus (tests/fuzz/corpus/<target>
# plus the test fixtures). A crash, a check that fails or an input slower than
# 10 s stops the run with a non-zero exit; libFuzzer leaves the input as
# build-fuzz/crash-* / timeout-*. Save it in tests/fuzz/corpus/<target>/ so that the
# fuzz_replay_<target> test replays it from then on.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET]     (default 30)
#   FUZZ_SEED=1 scripts/fuzz.sh 45           (a fixed seed: the same inputs every run, as
#                                             CI uses, so that CI does not turn red by chance;
#                                             without it each run explores afresh)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}

if ! command -v clang++ >/dev/null || [[ ! -e /usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a ]]; then
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  echo "fuzz: installing clang and its libFuzzer runtime"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends clang libclang-rt-14-dev >/dev/null
fi

cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DESSAYKIT_FUZZ=ON -DESSAYKIT_BUILD_CLI=OFF -DESSAYKIT_BUILD_BENCHMARKS=OFF -DESSAYKIT_INSTALL=OFF >/dev/null
targets=(markdown text html json archive)
cmake --build build-fuzz --target "${targets[@]/#/fuzz_}"

work=$(mktemp -d /tmp/essaykit-fuzz.XXXXXX)
trap 'rm -rf "$work"' EXIT
seeds_of() {
  case $1 in
    markdown) echo tests/golden/*.md examples/post.md ;;
    text) echo tests/golden/*.txt tests/essays/*.txt ;;
    html) echo tests/html/*.html ;;
  esac
}
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
for t in "${targets[@]}"; do
  mkdir -p "$work/$t"
  cp tests/fuzz/corpus/"$t"/* $(seeds_of "$t") "$work/$t"/
  echo "fuzz: $t for ${seconds} s"
  # -max_len bounds one input (64 KiB); -timeout flags any input slower than 10 s;
  # -rss_limit_mb catches runaway memory.
  dict=()
  [[ -f tests/fuzz/$t.dict ]] && dict=(-dict="$PWD/tests/fuzz/$t.dict")  # the format's tokens, when there is a list
  (cd build-fuzz && ./tests/fuzz/fuzz_"$t" "$work/$t" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
      -rss_limit_mb=2048 -print_final_stats=1 ${FUZZ_SEED:+-seed=$FUZZ_SEED} "${dict[@]}" 2>"$work/$t.log") || {
    tail -60 "$work/$t.log"
    echo "fuzz: $t FAILED; the input is in build-fuzz/ (crash-*, timeout-*, oom-*)" >&2
    exit 1
  }
  grep -E "^stat::(number_of_executed_units|peak_rss_mb)|^#[0-9]+.*DONE" "$work/$t.log" | sed "s/^/  /"
done
echo "fuzz: every target ran ${seconds} s without a failure"
