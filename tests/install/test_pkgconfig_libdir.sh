#!/usr/bin/env bash
# The installed essaykit.pc finds its prefix from where it lies, whatever the depth of the
# library folder: lib (two steps up from lib/pkgconfig) and Debian's multiarch
# lib/x86_64-linux-gnu (three), as a package built with -DCMAKE_INSTALL_PREFIX=/usr has it.
# Only configures (the .pc is made then); nothing is built.
#   usage: test_pkgconfig_libdir.sh SOURCE_DIR
set -euo pipefail
src=$1
work=$(mktemp -d /tmp/essaykit-pc.XXXXXX)
trap 'rm -rf "$work"' EXIT
passed=0
for libdir in lib lib/x86_64-linux-gnu; do
  b="$work/build-${libdir//\//-}"
  cmake -S "$src" -B "$b" -G Ninja -DCMAKE_INSTALL_LIBDIR="$libdir" -DESSAYKIT_BUILD_CLI=OFF -DESSAYKIT_BUILD_TESTS=OFF \
    -DESSAYKIT_BUILD_BENCHMARKS=OFF -DESSAYKIT_BUILD_TOOLS=OFF >"$b.log" 2>&1 || { cat "$b.log"; echo "FAIL configure $libdir"; exit 1; }
  prefix="$work/prefix-${libdir//\//-}"
  mkdir -p "$prefix/$libdir/pkgconfig"
  cp "$b/essaykit.pc" "$prefix/$libdir/pkgconfig/"
  for var in includedir:include libdir:$libdir; do
    got=$(PKG_CONFIG_PATH="$prefix/$libdir/pkgconfig" pkg-config --variable="${var%%:*}" essaykit)
    want="$prefix/${var#*:}"
    if [[ "$(realpath -m "$got")" != "$(realpath -m "$want")" ]]; then
      echo "FAIL $libdir: ${var%%:*} is $got, not $want"
      exit 1
    fi
  done
  passed=$((passed + 1))
done
echo "$passed passed, 0 failed"
