#!/usr/bin/env python3
"""Pages as blog generators and themes emit them (Jekyll, Hugo, WordPress, Ghost, Substack,
Pelican, Hexo, org-mode, Asciidoctor, Sphinx, MkDocs, Medium, a hand-made page), written for
these tests: each tests/html/NAME.html must give the title, subtitle, sections, lists and
footnotes in NAME.expected.json (checked by hand against the page when written; never
regenerate them blindly), with the theme's chrome left out, and valid spans: a section's span
is its heading element, an item's its <li>, a note's body holds its text.
usage: test_html_pages.py ESSAYKIT"""
import json
import pathlib
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "cli"))
from check_json import Tally, check

ek, here = sys.argv[1], pathlib.Path(__file__).resolve().parent


def project(d):
    return {
        "title": (d["title"] or {}).get("text"),
        "subtitle": (d["subtitle"] or {}).get("text"),
        "sections": [[s["level"], s["title"]] for s in d["sections"]],
        "lists": [{"ordered": l["ordered"], "parent_item": l["parent_item"],
                   "items": [i["text"] for i in l["items"]]} for l in d["lists"]],
        "footnotes": [{"label": f["label"], "text": f["text"], "refs": len(f["refs"])} for f in d["footnotes"]],
    }


def page(src, exp):
    data = src.read_bytes()
    r = subprocess.run([ek, "analyze", "--sentences", str(src)], capture_output=True, timeout=60)
    assert r.returncode == 0, r.stderr.decode()
    doc = json.loads(r.stdout)
    assert doc["source"]["format"] == "html", doc["source"]["format"]
    check(doc, data)
    got, want = project(doc), json.loads(exp.read_text())
    for key in want:
        assert got[key] == want[key], f"'{key}' differs:\n  got  {got[key]}\n  want {want[key]}"
    text = data.decode("utf-8", "replace")
    for s in doc["sections"]:
        h = data[s["start"]:s["end"]].decode()
        assert h.startswith(f"<h{s['level']}") and h.endswith(f"</h{s['level']}>"), f"section span: {h[:80]}"
    for l in doc["lists"]:
        for it in l["items"]:
            assert data[it["start"]:it["end"]].startswith(b"<li"), f"item span: {data[it['start']:it['end']][:60]}"
    for f in doc["footnotes"]:
        body = data[f["start"]:f["end"]].decode()
        assert f["text"].split()[0] in body, f"note body span does not hold '{f['text'][:30]}'"
    # Sentences point at text of the article, never into a tag.
    for s in doc["sentences"]:
        assert data[s["start"]:s["start"] + 1] not in (b"<", b" "), f"sentence starts at {data[s['start']:s['start'] + 20]}"


tally = Tally()
for exp in sorted(here.glob("*.expected.json")):
    src = here / (exp.name[: -len(".expected.json")] + ".html")
    tally.check(src.name, lambda: page(src, exp))
tally.finish()
