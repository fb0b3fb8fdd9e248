#!/usr/bin/env python3
"""The HTML corpus: ../shared/corpus-html/pandoc (the corpus posts as pandoc's HTML) and real
(published pages with their themes) scored by ../shared/eval/score_html.py must stay at or above
the floors in html_floors.tsv, and every output must validate against the schema with its spans in
bounds. usage: test_html_corpus.py ESSAYKIT SHARED_DIR (77 = skipped)"""
import json
import pathlib
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "cli"))
from check_json import check

ek, shared = sys.argv[1], pathlib.Path(sys.argv[2])
corpus = shared / "corpus-html"
if not (corpus / "pandoc").is_dir():
    print(f"skipped: no corpus at {corpus}")
    sys.exit(77)

floors = {}
for line in (pathlib.Path(__file__).parent / "html_floors.tsv").read_text().splitlines():
    if line and not line.startswith("#"):
        d, key, value = line.split("\t")
        floors.setdefault(d, {})[key] = float(value)

failures = []
for d, want in floors.items():
    r = subprocess.run([sys.executable, str(shared / "eval" / "score_html.py"), ek, str(corpus / d)],
                       capture_output=True, text=True, timeout=900)
    got = {}
    for line in r.stdout.splitlines():
        words = line.split()
        for k, v in zip(words[::2], words[1::2]):
            try:
                got[k] = float(v)
            except ValueError:
                pass
    if got.get("failed_docs", 1) != 0:
        failures.append(f"{d}: essaykit failed on some pages: {r.stdout[-300:]}")
    for key, floor in want.items():
        status = "ok  " if got.get(key, 0) >= floor else "FAIL"
        print(f"{status} {d:7} {key:22} {got.get(key, 0):.3f} (floor {floor:.2f})")
        if status == "FAIL":
            failures.append(f"{d} {key} {got.get(key, 0):.3f} < {floor}")

checked = 0
for d in floors:
    for page in sorted((corpus / d).glob("*.html")):
        r = subprocess.run([ek, "analyze", "--sentences", str(page)], capture_output=True, timeout=60)
        try:
            doc = json.loads(r.stdout)
            assert doc["source"]["format"] == "html", f"read as {doc['source']['format']}"
            check(doc, page.read_bytes())
            checked += 1
        except (AssertionError, json.JSONDecodeError, KeyError) as e:
            failures.append(f"{page.name}: {e}")
print(f"validated {checked} HTML outputs against the schema")
for f in failures:
    print("FAIL", f)
print(f"{sum(map(len, floors.values())) + checked - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
