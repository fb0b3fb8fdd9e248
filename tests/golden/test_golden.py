#!/usr/bin/env python3
"""Golden files: each tests/golden/NAME.{md,txt} analysed from stdin must give exactly
NAME.expected.json (checked by hand when written; never regenerate them blindly).
usage: test_golden.py ESSAYKIT"""
import json
import os
import pathlib
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "cli"))
from check_json import Tally, check

ek, here = sys.argv[1], pathlib.Path(__file__).resolve().parent


def settle(v, fitted):
    """The document with the confidences of a plain-text reading on one side of 0.5 or the
    other: they come from fitted weights and move with every refit; the structure must not,
    nor may a confident answer become an unsure one. Markdown's confidences (1 where the
    markup says so) stay exact."""
    if isinstance(v, dict):
        return {k: ((x >= 0.5) if k == "confidence" and fitted else settle(x, fitted)) for k, x in v.items()}
    if isinstance(v, list):
        return [settle(x, fitted) for x in v]
    return v


def golden(src, exp):
    fmt = "markdown" if src.suffix == ".md" else "text"
    data = src.read_bytes()
    r = subprocess.run([ek, "analyze", "--from", fmt, "-"], input=data, capture_output=True, timeout=60)
    assert r.returncode == 0, r.stderr.decode()
    got, want = json.loads(r.stdout), json.loads(exp.read_text())
    check(got, data)
    got, want = settle(got, fmt == "text"), settle(want, fmt == "text")
    if got != want:
        for key in want:
            assert got.get(key) == want[key], f"'{key}' differs:\n  got  {got.get(key)}\n  want {want[key]}"
        assert False, "extra keys: " + str(set(got) - set(want))


tally = Tally()
for exp in sorted(here.glob("*.expected.json")):
    name = exp.name[: -len(".expected.json")]
    src = next(p for p in here.glob(name + ".*") if p.suffix in (".md", ".txt"))
    tally.check(src.name, lambda: golden(src, exp))
tally.finish()
