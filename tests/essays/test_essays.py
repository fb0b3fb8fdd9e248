#!/usr/bin/env python3
"""Claims on essays written and annotated for these tests (tests/essays/NAME.txt with
NAME.claims.tsv): every annotated thesis is found as a thesis, every claim as a claim (a thesis
counts), and no 'evidence' sentence is reported as a claim. Output validated against the schema.
usage: test_essays.py ESSAYKIT"""
import json
import pathlib
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "cli"))
from check_json import Tally, check

ek, here = sys.argv[1], pathlib.Path(__file__).resolve().parent
tally = Tally()
for ann in sorted(here.glob("*.claims.tsv")):
    txt = ann.with_name(ann.name.replace(".claims.tsv", ".txt"))
    data = txt.read_bytes()
    out = subprocess.run([ek, "claims", "--json", str(txt)], capture_output=True, timeout=60)
    doc = json.loads(out.stdout)
    check(doc, data, "claims_view")
    claims = [(c["kind"], data[c["start"]:c["end"]].decode()) for c in doc["claims"]]
    for line in ann.read_text().splitlines():
        if not line or line.startswith("#"):
            continue
        kind, prefix = line.split("\t")
        found = [k for k, text in claims if text.startswith(prefix)]
        ok = {"thesis": "thesis" in found, "claim": bool(found), "evidence": not found}[kind]
        tally.record(ok, f"{txt.name}: {kind}: {prefix}")
tally.finish()
