#!/usr/bin/env bash
# essaykit as another project's subdirectory: configured static by default and shared when
# the parent asks, with nothing global set and no CLI, tests or benchmarks (the checks are
# in tests/subproject/CMakeLists.txt).  usage: test_subproject.sh SOURCE_DIR
set -euo pipefail
src=$1
work=$(mktemp -d /tmp/essaykit-subproject.XXXXXX)
trap 'rm -rf "$work"' EXIT
cmake -S "$src/tests/subproject" -B "$work/static" -G Ninja -DESSAYKIT_SOURCE_DIR="$src" -DWANT_TYPE=STATIC_LIBRARY \
  >"$work/static.log" 2>&1 || { cat "$work/static.log"; echo "FAIL static"; exit 1; }
grep "subproject:" "$work/static.log"
cmake -S "$src/tests/subproject" -B "$work/shared" -G Ninja -DESSAYKIT_SOURCE_DIR="$src" -DWANT_TYPE=SHARED_LIBRARY \
  -DBUILD_SHARED_LIBS=ON -DWANT_SHARED_FROM_PARENT=1 >"$work/shared.log" 2>&1 ||
  { cat "$work/shared.log"; echo "FAIL shared"; exit 1; }
grep "subproject:" "$work/shared.log"
echo "2 passed, 0 failed"
