#!/usr/bin/env bash
# Installs essaykit from BUILD_DIR into a scratch prefix, then builds examples/ against the
# installed package twice — with find_package(essaykit CONFIG) and with pkg-config — and runs
# both on the bundled example post.  usage: test_install.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1 src=$2
prefix=$(mktemp -d /tmp/essaykit-install.XXXXXX)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null

test -x "$prefix/bin/essaykit"
"$prefix/bin/essaykit" --version | grep -q '^essaykit '
test -f "$prefix/include/essaykit/essaykit.h"
test -f "$prefix/include/essaykit/version.h"
test -f "$prefix/share/essaykit/document-v1.schema.json"

# CMake package.
cmake -S "$src/examples" -B "$prefix/ex" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$prefix/ex" >/dev/null
out=$(LD_LIBRARY_PATH="$prefix/lib:${LD_LIBRARY_PATH:-}" "$prefix/ex/outline" "$src/examples/post.md")
grep -q '^Why ledgers matter$' <<<"$out"
grep -q '^\[records\] \[^records\] at line 5: ' <<<"$out"

# pkg-config.
libdir=$(find "$prefix" -name essaykit.pc -printf '%h\n' | head -1)
flags=$(PKG_CONFIG_PATH="$libdir" pkg-config --cflags --libs essaykit)
# shellcheck disable=SC2086
c++ -std=c++17 "$src/examples/outline.cpp" $flags -o "$prefix/outline-pc"
LD_LIBRARY_PATH="$libdir/..:${LD_LIBRARY_PATH:-}" "$prefix/outline-pc" "$src/examples/post.md" | grep -q '^Why ledgers matter$'
echo "1 passed, 0 failed"
