#!/usr/bin/env python3
"""The plain-text corpora: every form of ../shared/corpus and ../shared/corpus2 scored by ../shared/eval/score_corpus.py
must stay at or above the floors in text_floors.tsv, and every output must validate against the
schema with its spans in bounds. usage: test_text_corpus.py ESSAYKIT SHARED_DIR (77 = skipped)"""
import json
import pathlib
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "cli"))
from check_json import check

ek, shared = sys.argv[1], pathlib.Path(sys.argv[2])
if not (shared / "corpus" / "browser").is_dir():
    print(f"skipped: no corpus at {shared / 'corpus'}")
    sys.exit(77)

floors = []
for line in (pathlib.Path(__file__).parent / "text_floors.tsv").read_text().splitlines():
    if line and not line.startswith("#"):
        form, *vals = line.split("\t")
        floors.append((form, dict(zip(("headings_f1", "list_items_f1", "fn_refs_f1", "fn_linked"), map(float, vals)))))

failures = []
for form, want in floors:
    corpus, variant, *flags = form.split() if form.startswith("corpus2 ") else ["corpus", *form.split()]
    sub = "variants" if variant in ("marked", "supers") else "seedlike" if variant == "seedlike" else "browser"
    d = shared / corpus / sub
    r = subprocess.run([sys.executable, str(shared / "eval" / "score_corpus.py"), ek, str(d), variant, *flags],
                       capture_output=True, text=True, timeout=600)
    got = dict((k, float(v)) for k, v in (l.split() for l in r.stdout.splitlines() if len(l.split()) == 2))
    if got.get("failures", 1) != 0:
        failures.append(f"{form}: essaykit failed on {got.get('failures')} documents")
    for key, floor in want.items():
        status = "ok  " if got.get(key, 0) >= floor else "FAIL"
        print(f"{status} {form:18} {key:14} {got.get(key, 0):.3f} (floor {floor:.2f})")
        if status == "FAIL":
            failures.append(f"{form} {key} {got.get(key, 0):.3f} < {floor}")

# Schema and spans on every plain-text output of one form of each convention.
checked = 0
for d, variant in (("browser", "bare"), ("variants", "marked"), ("variants", "supers")):
    for txt in sorted((shared / "corpus" / d).glob(f"*.{variant}.txt")):
        r = subprocess.run([ek, "analyze", "--sentences", "--from", "text", str(txt)], capture_output=True, timeout=60)
        try:
            check(json.loads(r.stdout), txt.read_bytes())
            checked += 1
        except (AssertionError, json.JSONDecodeError) as e:
            failures.append(f"{txt.name}: {e}")
print(f"validated {checked} plain-text outputs against the schema")
for f in failures:
    print("FAIL", f)
print(f"{len(floors) * 4 + checked - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
