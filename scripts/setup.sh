#!/usr/bin/env bash
# Sets up essaykit on a fresh Debian 12 machine: installs the build dependencies with
# apt-get, builds everything (warnings are errors) into build/, and runs the main job on
# the bundled example. Run it from anywhere; it works as root or through sudo.
#
#   scripts/setup.sh              # deps + build + `essaykit outline examples/post.md`
#   SKIP_APT=1 scripts/setup.sh   # build only, when the packages are already there
#
# The build includes the Python module (build/python; -DESSAYKIT_PYTHON_BINDINGS=ON), so that
# ctest runs its tests and the Dask example's.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  g++ cmake ninja-build pkg-config
  libcmark-gfm-dev libcmark-gfm-extensions-dev   # Markdown
  libgumbo-dev                                    # HTML (an HTML5 parser that keeps source offsets)
  libboost-dev                                    # Spirit X3 grammars
  libicu-dev libre2-dev libfmt-dev libarchive-dev zlib1g-dev
  doctest-dev python3 python3-jsonschema          # tests: unit tests, schema validation
  zip                                             # tests and benchmarks: building archives
  groff-base zsh fish                             # tests: the man page renders, each shell loads its completions
  slurmctld slurmd slurm-client munge             # the Slurm test: a one-node cluster on loopback
  pybind11-dev python3-dev                        # the Python module (ESSAYKIT_PYTHON_BINDINGS)
  python3-pytest python3-pip python3-setuptools python3-wheel   # its tests; pip install .
  python3-distributed python3-pandas              # the Dask example and its test
  chromium                                        # the browser test of outline --html (driven by playwright-core from npm)
)
# node and npm for the browser test: the machine's own when it has them (a newer node from
# elsewhere must not be replaced), else Debian's.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
if [[ -z "${SKIP_APT:-}" ]]; then
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DESSAYKIT_WERROR=ON -DESSAYKIT_PYTHON_BINDINGS=ON >/dev/null
cmake --build build
echo
echo "\$ build/cli/essaykit outline examples/post.md"
build/cli/essaykit outline examples/post.md
