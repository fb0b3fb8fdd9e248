#!/usr/bin/env python3
"""The Markdown corpus: for every post in SHARED/corpus/md, the headings (level and text), the
list items and the footnote bodies essaykit finds must equal pandoc's (md-truth), compared as
../shared/eval/score_md.py compares them, except the posts in md_known_differences.tsv. Every
output is also validated against the schema and its spans checked.
usage: test_md_corpus.py ESSAYKIT SHARED_DIR   (exit 77 = skipped: no corpus)"""
import difflib
import json
import pathlib
import re
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "cli"))
from check_json import check

ek, shared = sys.argv[1], pathlib.Path(sys.argv[2])
md_dir, truth_dir = shared / "corpus" / "md", shared / "corpus" / "md-truth"
if not md_dir.is_dir():
    print(f"skipped: no corpus at {md_dir}")
    sys.exit(77)

norm = lambda s: re.sub(r"\s+", " ", s or "").strip()
sim = lambda a, b: difflib.SequenceMatcher(None, norm(a), norm(b), autojunk=False).ratio()


def same(pred, gold):
    return len(pred) == len(gold) and all(sim(p, g) >= 0.9 for p, g in zip(pred, gold))


known = {}
for line in (pathlib.Path(__file__).parent / "md_known_differences.tsv").read_text().splitlines():
    if line and not line.startswith("#"):
        post, reason = line.split("\t", 1)
        known[post] = reason

posts = sorted(md_dir.glob("*.md"))
failures, matched = [], 0
for md in posts:
    data = md.read_bytes()
    truth = json.loads((truth_dir / (md.stem + ".json")).read_text())
    r = subprocess.run([ek, "analyze", str(md)], capture_output=True, timeout=60)
    if r.returncode != 0:
        failures.append(f"{md.stem}: exit {r.returncode}: {r.stderr.decode()[:200]}")
        continue
    doc = json.loads(r.stdout)
    try:
        check(doc, data)
    except AssertionError as e:
        failures.append(f"{md.stem}: {e}")
        continue
    gh = [f'{h["level"]} {h["text"]}' for h in truth["headings"]]
    ph = [f'{s["level"]} {s["title"]}' for s in doc["sections"]]
    gi = [it for L in truth["lists"] for it in L["items"]]
    pi = [it["text"] for L in doc["lists"] for it in L["items"]]
    gb, seen = [], set()
    for fn in truth["footnotes"]:
        key = fn["label"] if fn["label"] is not None else f'#{fn["n"]}'
        if key not in seen:
            seen.add(key)
            gb.append(fn["body"])
    pb = [f["text"] for f in doc["footnotes"] if f["refs"]]
    title_ok = (sim((doc["title"] or {}).get("text", ""), truth["title"]) >= 0.9) if truth["title"] else doc["title"] is None
    problems = [k for k, ok in (("headings", same(ph, gh)), ("list items", same(pi, gi)), ("title", title_ok)) if not ok]
    fn_ok = same(pb, gb)
    if problems:
        failures.append(f"{md.stem}: {', '.join(problems)} differ from md-truth")
    elif not fn_ok and md.stem not in known:
        failures.append(f"{md.stem}: footnote bodies differ from md-truth and the post is not in md_known_differences.tsv")
    elif fn_ok and md.stem in known:
        failures.append(f"{md.stem}: listed in md_known_differences.tsv but now matches; remove it from the list")
    else:
        matched += fn_ok
for f in failures:
    print("FAIL", f)
print(f"posts {len(posts)}, all of headings/lists/footnotes/title equal to md-truth: {matched} "
      f"({matched / len(posts):.3f}), known differences: {len(known)}")
print(f"{len(posts) - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
