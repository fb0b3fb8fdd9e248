#!/usr/bin/env python3
"""Claims on essays written and annotated for these tests (tests/essays/NAME.txt or NAME.md with
NAME.claims.tsv; the kinds are described in homework.claims.tsv). Scored sentence by sentence
as the held-out persuasive-essay set of issue #4 is: a sentence is a claim when it holds a claim
or the thesis, a thesis when it holds the thesis. Fails when claim F1 or thesis F1 over all the
essays falls below its floor, or when an 'evidence' sentence is reported as a claim. Output is
validated against the schema.
usage: test_essays.py ESSAYKIT CLAIM_F1_FLOOR THESIS_F1_FLOOR"""
import json
import pathlib
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "cli"))
from check_json import Tally, check

if len(sys.argv) != 4:
    sys.exit(__doc__)
ek, here = sys.argv[1], pathlib.Path(__file__).resolve().parent
floors = {"claim": float(sys.argv[2]), "thesis": float(sys.argv[3])}
tally = Tally()
counts = {k: [0, 0, 0] for k in floors}  # true positives, predicted, annotated
for ann in sorted(here.glob("*.claims.tsv")):
    stem = ann.name[:-len(".claims.tsv")]
    txt = next(p for p in (ann.with_name(stem + ".txt"), ann.with_name(stem + ".md")) if p.exists())
    data = txt.read_bytes()
    out = subprocess.run([ek, "claims", "--json", str(txt)], capture_output=True, timeout=60)
    doc = json.loads(out.stdout)
    check(doc, data, "claims_view")
    predicted = [(c["kind"], data[c["start"]:c["end"]].decode()) for c in doc["claims"]]
    gold = [line.split("\t") for line in ann.read_text().splitlines() if line and not line.startswith("#")]
    for kind, prefix in gold:
        assert prefix in data.decode(), f"{ann.name}: the essay has no {prefix!r}"
        if kind == "evidence":
            found = [k for k, text in predicted if text.startswith(prefix)]
            tally.record(not found, f"{txt.name}: evidence is not a claim: {prefix}")
    for view, kinds in (("claim", {"claim", "thesis"}), ("thesis", {"thesis"})):
        want = [p for k, p in gold if k in kinds]
        got = [text for k, text in predicted if view == "claim" or k == "thesis"]
        hits = [text for text in got if any(text.startswith(p) for p in want)]
        for text in got:
            if text not in hits:
                print(f"  {txt.name}: extra {view}: {text[:70]}")
        for p in want:
            if not any(text.startswith(p) for text in got):
                print(f"  {txt.name}: missed {view}: {p}")
        c = counts[view]
        c[0], c[1], c[2] = c[0] + len(hits), c[1] + len(got), c[2] + len(want)
for view, (tp, npred, ngold) in counts.items():
    p, r = tp / npred if npred else 0.0, tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"{view}: precision {p:.3f} recall {r:.3f} F1 {f:.3f} (floor {floors[view]:.2f})")
    tally.record(f >= floors[view], f"{view} F1 {f:.3f} at or above its floor {floors[view]:.2f}")
tally.finish()
