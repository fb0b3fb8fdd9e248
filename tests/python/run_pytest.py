"""Runs pytest for ctest: exit 77 (skipped) with the reason when the module was not built
(no pybind11 at configure time), pytest is missing (Debian python3-pytest), or a module a
test needs is missing (--needs distributed).  usage: run_pytest.py [--needs MODULE]... PYTEST_ARGS..."""
import importlib.util
import os
import sys

args = sys.argv[1:]
needs = []
while len(args) >= 2 and args[0] == "--needs":
    needs.append(args[1])
    args = args[2:]

missing = os.environ.get("ESSAYKIT_PYTHON_MISSING")
if missing:
    print(f"skipped: the module was not built: {missing}")
    sys.exit(77)
for name, package in [("pytest", "python3-pytest")] + [(n, "python3-" + n.split(".")[0]) for n in needs]:
    # Found, not imported: importing pip and then setuptools here would trip setuptools'
    # distutils check.
    try:
        found = importlib.util.find_spec(name) is not None
    except ImportError:
        found = False
    if not found:
        print(f"skipped: {name} cannot be imported by {sys.executable}; Debian: {package}")
        sys.exit(77)

import pytest  # noqa: E402

sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", "-rs", *args]))
