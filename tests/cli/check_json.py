#!/usr/bin/env python3
"""Shared checks for essaykit JSON: the schema, and that every span slices the input.

Used by the CLI, golden and corpus tests. check(doc, data, view) raises AssertionError
with a message naming the first problem."""
import json
import pathlib

import jsonschema

SCHEMA_PATH = pathlib.Path(__file__).resolve().parents[2] / "schema" / "document-v1.schema.json"
_schema = json.loads(SCHEMA_PATH.read_text())
_validators = {}


def validator(view):
    if view not in _validators:
        sub = _schema if view == "document" else {"$ref": f"#/$defs/{view}", "$defs": _schema["$defs"]}
        _validators[view] = jsonschema.Draft202012Validator(sub)
    return _validators[view]


def check_spans(doc, data):
    """Every span lies in the input, and its line is the line of its start."""
    n = len(data)
    import bisect
    starts = [0]
    i = data.find(b"\n")
    while i >= 0:
        starts.append(i + 1)
        i = data.find(b"\n", i + 1)

    def one(what, o, optional=False):
        s, e, line = o.get("start"), o.get("end"), o.get("line")
        if optional and s is None:
            assert e is None and line is None, f"{what}: partly null span {o}"
            return
        assert 0 <= s <= e <= n, f"{what}: span [{s}, {e}) outside input of {n} bytes"
        want = bisect.bisect_right(starts, s)
        assert line == want, f"{what}: line {line}, but offset {s} is on line {want}"

    for key in ("title", "subtitle"):
        if doc.get(key):
            one(key, doc[key])
            t = doc[key]
            assert t["end"] > t["start"], f"{key}: empty span"
    for s in doc.get("sections", []):
        one(f"section {s['id']}", s)
        assert s["start"] < s["end"] <= s["end_of_section"] <= n, f"section {s['id']}: bad end_of_section"
        src = data[s["start"]:s["end"]].decode("utf-8", "replace")
        words = [w for w in s["title"].split() if w.isalnum()]
        if words:
            assert words[0] in src, f"section {s['id']}: title {s['title']!r} not in its source {src!r}"
    for l in doc.get("lists", []):
        one(f"list {l['id']}", l)
        for i, it in enumerate(l["items"]):
            one(f"list {l['id']} item {i}", it)
            assert l["start"] <= it["start"] and it["end"] <= l["end"], f"list {l['id']} item {i} outside its list"
    for f in doc.get("footnotes", []):
        one(f"footnote {f['label']}", f, optional=True)
        for r in f["refs"]:
            one(f"footnote {f['label']} ref", r)
            assert r["end"] > r["start"], f"footnote {f['label']}: empty reference span"
    for c in doc.get("claims", []):
        one("claim", c)
    for s in doc.get("sentences", []):
        one("sentence", s)
    for d in doc.get("diagnostics", []):
        one("diagnostic", d)


def check(doc, data, view="document"):
    errors = sorted(validator(view).iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, f"schema ({view}): {errors[0].message} at {list(errors[0].path)}"
    check_spans(doc, data)


class Tally:
    """Counts checks, prints one line each, and ends the run with 'N passed, N failed'
    (exit 1 when any failed)."""

    def __init__(self):
        self.passed = self.failed = 0

    def record(self, ok, what):
        print(f"{'ok  ' if ok else 'FAIL'} {what}")
        self.passed += bool(ok)
        self.failed += not ok

    def check(self, name, fn):
        """Runs fn(); an AssertionError is a failure with its message."""
        try:
            fn()
            self.record(True, name)
        except AssertionError as e:
            self.record(False, f"{name}: {e}")

    def finish(self):
        import sys
        print(f"{self.passed} passed, {self.failed} failed")
        sys.exit(1 if self.failed else 0)


def run_tests(namespace, names=None):
    """Runs every test_* function of `namespace` (or those named) and finishes the run."""
    tally = Tally()
    for n in names or [n for n in namespace if n.startswith("test_")]:
        tally.check(n, namespace[n])
    tally.finish()
