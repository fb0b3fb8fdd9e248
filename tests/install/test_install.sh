#!/usr/bin/env bash
# Installs essaykit from BUILD_DIR into a scratch prefix, checks what lands where (the
# program, the headers, the schema, the man page and the shell completions where each
# shell looks), then builds examples/ against the installed package twice — with
# find_package(essaykit CONFIG) and with pkg-config — and runs both on the bundled example
# post, with no LD_LIBRARY_PATH: each program finds the library in the prefix by itself.
#   usage: test_install.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1 src=$2
prefix=$(mktemp -d /tmp/essaykit-install.XXXXXX)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
unset LD_LIBRARY_PATH

test -x "$prefix/bin/essaykit"
"$prefix/bin/essaykit" --version | grep -q '^essaykit '
test -f "$prefix/include/essaykit/essaykit.h"
test -f "$prefix/include/essaykit/version.h"
test -f "$prefix/include/essaykit/config.h"
test -f "$prefix/share/essaykit/document-v1.schema.json"
for f in share/man/man1/essaykit.1 share/bash-completion/completions/essaykit share/zsh/site-functions/_essaykit \
         share/fish/vendor_completions.d/essaykit.fish; do
  test -s "$prefix/$f" || { echo "FAIL not installed: $f"; exit 1; }
done
man -l "$prefix/share/man/man1/essaykit.1" 2>/dev/null | grep -q "essaykit batch" || ! command -v man >/dev/null

# CMake package.
cmake -S "$src/examples" -B "$prefix/ex" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$prefix/ex" >/dev/null
out=$("$prefix/ex/outline" "$src/examples/post.md")
grep -q '^Why ledgers matter$' <<<"$out"
grep -q '^\[records\] \[^records\] at line 5: ' <<<"$out"

# pkg-config: its flags carry the library's run path.
libdir=$(find "$prefix" -name essaykit.pc -printf '%h\n' | head -1)
flags=$(PKG_CONFIG_PATH="$libdir" pkg-config --cflags --libs essaykit)
# shellcheck disable=SC2086
c++ -std=c++17 "$src/examples/outline.cpp" $flags -o "$prefix/outline-pc"
"$prefix/outline-pc" "$src/examples/post.md" | grep -q '^Why ledgers matter$'

# The C++ the documentation shows (the README's example, the one atop document.h), each
# wrapped as a function of the post's path, compiles against the installed headers and runs.
python3 "$src/tests/install/doc_examples.py" "$src" "$prefix/doc_examples.cpp"
# shellcheck disable=SC2086
c++ -std=c++17 "$prefix/doc_examples.cpp" $flags -o "$prefix/doc-examples"
out=$("$prefix/doc-examples" "$src/examples/post.md")
grep -q '^2 ## What a ledger is  (1 lists, 1 notes)$' <<<"$out"  # the README's
grep -q '^{"schema":"essaykit/document/v1"' <<<"$out"
grep -A1 '^== document_h$' <<<"$out" | grep -q '^2 ## What a ledger is$'
echo "1 passed, 0 failed"
