#!/usr/bin/env bash
# The browser test of the map page: installs playwright-core and axe-core (npm ci, from this
# folder's package-lock.json) into WORK_DIR and runs test_map.mjs there against Debian's
# Chromium. Skips (77) when node, npm or Chromium are missing — unless ESSAYKIT_REQUIRE_BROWSER
# is set, as CI sets it, where missing is a failure.
#   usage: run.sh ESSAYKIT SOURCE_DIR SHARED_DIR WORK_DIR
set -euo pipefail
ek=$1 src=$2 shared=$3 work=$4
here=$(cd "$(dirname "$0")" && pwd)
chromium=${CHROMIUM:-/usr/bin/chromium}

skip() {
  if [[ -n ${ESSAYKIT_REQUIRE_BROWSER:-} ]]; then echo "FAIL $* (ESSAYKIT_REQUIRE_BROWSER is set)"; exit 1; fi
  echo "SKIP $*"
  exit 77
}
command -v node >/dev/null || skip "node is not installed (apt-get install nodejs npm)"
command -v npm >/dev/null || skip "npm is not installed (apt-get install npm)"
[[ -x $chromium ]] || skip "$chromium is not installed (apt-get install chromium)"

mkdir -p "$work"
cp "$here/package.json" "$here/package-lock.json" "$here/test_map.mjs" "$work/"
# npm ci again only when the lock file changed.
if ! cmp -s "$work/package-lock.json" "$work/node_modules/.essaykit-lock" 2>/dev/null; then
  (cd "$work" && npm ci --no-audit --no-fund --loglevel=error) || skip "npm ci failed (is the npm registry reachable?)"
  cp "$work/package-lock.json" "$work/node_modules/.essaykit-lock"
fi
CHROMIUM=$chromium exec node "$work/test_map.mjs" "$ek" "$src" "$shared" "$work/out"
