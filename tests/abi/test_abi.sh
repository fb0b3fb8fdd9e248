#!/usr/bin/env bash
# The installed shared library exports the public API and nothing else: every dynamic
# symbol is in essaykit::v<ABI>:: (none of essaykit::detail, Boost, fmt, cmark or the
# standard library's templates), the soname carries the ABI version, and the version the
# library reports at run time is the project's.  usage: test_abi.sh LIBRARY ABI VERSION ESSAYKIT
set -euo pipefail
lib=$1 abi=$2 version=$3 ek=$4
fail() { echo "FAIL $*"; exit 1; }

symbols=$(nm -D --defined-only -C "$lib" | awk '{ $1 = ""; $2 = ""; sub(/^  /, ""); print }')
count=$(grep -c . <<<"$symbols")
others=$(grep -v "^essaykit::v${abi}::" <<<"$symbols" || true)
[[ -z $others ]] || fail "exported outside essaykit::v${abi}:: ($(grep -c . <<<"$others") symbols), e.g.:
$(head -5 <<<"$others")"
detail=$(grep "::detail::" <<<"$symbols" || true)
[[ -z $detail ]] || fail "essaykit::detail is exported: $(head -3 <<<"$detail")"
for want in "essaykit::v${abi}::analyze(" "essaykit::v${abi}::version()" "essaykit::v${abi}::run_batch(" \
            "essaykit::v${abi}::to_json"; do
  grep -qF "$want" <<<"$symbols" || fail "$want is not exported"
done
echo "ok   $count symbols, all in essaykit::v${abi}::"

soname=$(readelf -d "$lib" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
[[ $soname == "libessaykit.so.${abi}" ]] || fail "soname is '$soname', not libessaykit.so.${abi}"
echo "ok   soname $soname"

[[ $("$ek" --version) == "essaykit ${version}" ]] || fail "essaykit --version says '$("$ek" --version)', not ${version}"
echo "ok   essaykit::version() is ${version}"
echo "3 passed, 0 failed"
