#!/usr/bin/env python3
"""Hostile and degenerate inputs, each analysed within a time budget, with a clean exit and
valid JSON whose spans lie in the input; invalid UTF-8 of every kind gets a diagnostic.
usage: test_pathological.py ESSAYKIT"""
import json
import os
import resource
import pathlib
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "cli"))
from check_json import Tally, check

EK = sys.argv[1]
T = pathlib.Path(tempfile.mkdtemp(prefix="essaykit-patho-"))
# Seconds of CPU (user + system) for the whole process, for inputs of up to 50 MB: CPU time,
# not wall time, so that a machine busy with other work does not fail the test. A hang is
# caught by the wall-clock limit HANG.
BUDGET = 15.0
HANG = BUDGET * 8

CASES = {
    "nested-lists.md": b"- " * 100_000 + b"x\n",
    "nested-quotes.md": b"> " * 100_000 + b"x\n",
    "nested-mixed.md": b"> - " * 50_000 + b"x\n",
    "refs-to-one-note.md": b"x[^a] " * 100_000 + b"\n\n[^a]: the note\n",
    # A note's lazy line of unclosed "[^" (where cmark's positions drift and each reference
    # is searched for): each candidate label was scanned to the block's end.
    "lazy-unclosed-labels.md": b"[^a]: lazy\n" + b"[^abc " * 400_000 + b" [^a]\n",
    # 100,000 notes, each referenced once (matching definitions to labels was quadratic).
    "many-notes.md": b"".join(b"Text[^%d].\n\n" % i for i in range(100_000))
    + b"".join(b"[^%d]: note %d\n" % (i, i) for i in range(100_000)),
    "single-line-50mb.txt": b"word " * 10_000_000,
    "single-line-50mb.md": b"word " * 10_000_000,
    "emphasis-line-5mb.md": b"word *em* " * 500_000,  # a node per word: cmark's tree dominates
    "headings.md": b"".join(b"# heading %d\n" % i for i in range(10_000)),
    "headings.txt": b"".join(b"Heading %d\n\nSome text under it.\n\n" % i for i in range(10_000)),
    "digits.txt": b"1234567890" * 1_000_000,
    "newlines.txt": b"\n" * 5_000_000,
    "combining.txt": "\u0301".encode() * 1_000_000,
    "wide-table.md": b"|" + b"a|" * 50_000 + b"\n|" + b"-|" * 50_000 + b"\n",
    "brackets.md": b"[" * 100_000 + b"](" * 50_000 + b"\n",
    "emphasis.md": b"*a **a " * 30_000 + b"b" + b" a** a*" * 30_000 + b"\n",
    "numbered-refs.txt": b"Title\n\n" + b"".join(b"Point %d about thing%d.%d\n\n" % (i, i, i) for i in range(1, 1000)),
    "lead-ins.txt": b"a:\n" * 1_000_000,
    # Cut-off UTF-8 (E2 80, no third byte) at a line's end, under the 10% of invalid bytes a
    # text may hold: taken for a Unicode space, it took the newline and made each line the
    # rest of the document.
    "cut-utf8-lines.txt": b"".join(b"A line of prose number %d, long enough to be read as prose.\n\xe2\x80\n" % i
                                   for i in range(20_000)),
    # Plain-text notes: a '[' looked for its ']' to the end of the line; a name's references
    # were matched against every definition; many glued references with bodies; few
    # references over a long tail of lines (the notes' decode keeps its way back per line).
    "brackets.txt": b"[" * 2_000_000 + b"\n",
    "named-notes.txt": b"".join(b"Text[^n%d].\n\n" % i for i in range(20_000))
    + b"".join(b"[^n%d]: note %d\n" % (i, i) for i in range(20_000)),
    "glued-notes.txt": b"Title\n\n" + b"".join(b"A sentence about topic%d ends here.%d\n\n" % (i, i) for i in range(1, 3001))
    + b"".join(b"Body of note %d on topic%d.\n\n" % (i, i) for i in range(1, 3001)),
    "notes-long-tail.txt": b"Title\n\n" + b" ".join(b"word%d." % i for i in range(1, 51)) + b"\n\n"
    + b"".join(b"short line %d here\n" % i for i in range(50_000)),
    # HTML: what makes an HTML5 tree builder superlinear, bounded before gumbo reads it.
    "nested-divs.html": b"<!doctype html><body>" + b"<div>" * 100_000 + b"x" + b"</div>" * 100_000,
    "unclosed-divs.html": b"<!doctype html><body>" + b"<div>x" * 100_000,
    "unclosed-tags.html": b"<!doctype html><body>"
    + b"<ul><li><blockquote><span><b><p><table><tr><td><a href=#>x" * 10_000,  # 100,000 tags of ten kinds
    "unclosed-formatting.html": b"<p>" + b"".join(b"<b id=%d>x" % i for i in range(100_000)) + b"</p><p>y" * 1000,
    "misnested.html": b"<a><div>" * 50_000,  # the adoption agency, each time
    "svg-breakout.html": b"<body><svg><p>" + b"<div/>" * 100_000,
    "li-after-spans.html": b"<body><ul>" + b"<span>" * 500 + b"<li></li>" * 1_000_000,
    "attribute-50mb.html": b'<!doctype html><p title="' + b"x" * 50_000_000 + b'">hi</p>',
    "attributes.html": b"<p " + b" ".join(b"a%d=v" % i for i in range(100_000)) + b">x</p>",
    "text-50mb.html": b"<!doctype html><p>" + b"word " * 10_000_000,
    "references.html": b"<!doctype html><p>" + b"caf&eacute; &amp; &#8217;s &notit; " * 300_000 + b"</p>",
    "notes.html": b"<body><article>"
    + b"".join(b'<p>Text<sup id="r%d"><a href="#n%d">%d</a></sup>.</p>' % (i, i, i) for i in range(30_000))
    + b'<ol class="footnotes">'
    + b"".join(b'<li id="n%d">Note %d <a href="#r%d">&#8617;</a></li>' % (i, i, i) for i in range(30_000))
    + b"</ol></article></body>",
    "refs-to-one-note.html": b"<body><p>" + b'x<sup><a href="#n">1</a></sup> ' * 100_000 + b'</p><ol><li id="n">Note.</li></ol>',
    "headings.html": b"<body>" + b"".join(b'<h2 id="h%d">Heading %d</h2><p>Text under it.</p>' % (i, i) for i in range(10_000)),
    # Stops inside one long token: the segmenter scanned the whole token again at each
    # ("![" * 512K took 350 s, "a\!" * 350K gave no answer in 100 s).
    "bang-brackets.md": b"![" * 524_288,
    "images.md": b"![]" * 160_000,
    "escaped-bangs.md": b"a\\!" * 350_000,
    "dotted-words.txt": b"aa.Baa.B" * 125_000,
    "footnote-openers.md": b"a.[^" * 250_000,
    # Openers whose closer never comes: reading the prose (what claims print) looked to the
    # block's end from each.
    "comment-openers.md": b"a <!-- " * 150_000,
    # One run of a million bytes holding 90,000 autolink triggers: each trigger scanned its
    # whole run again (this input gave no answer within 20 s).
    "link-triggers.md": b"abcdefgh://" * 90_000 + b"\n",
    "www-triggers.md": b"www.a" * 200_000 + b"\n",
}
# Invalid UTF-8 of every kind, in otherwise ordinary text: read as U+FFFD, reported.
INVALID = {
    "overlong": b"\xc0\xaf", "surrogate": b"\xed\xa0\x80", "truncated": b"\xe2\x82",
    "lone-continuation": b"\x80", "too-large": b"\xf4\x90\x80\x80", "bad-lead": b"\xff",
}


def analyze(name, data, fmt=None):
    p = T / name
    p.write_bytes(data)
    args = [EK, "analyze"] + (["--from", fmt] if fmt else []) + [str(p)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    r = subprocess.run(args, capture_output=True, timeout=HANG)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return r, cpu, data


tally = Tally()
result = tally.record

for name, data in CASES.items():
    try:
        r, secs, data = analyze(name, data)
    except subprocess.TimeoutExpired:
        result(False, f"{name}: no answer within {HANG:.0f} s")
        continue
    ok, why = r.returncode == 0 and secs <= BUDGET, f"exit {r.returncode}, {secs:.2f} s of CPU"
    if ok:
        try:
            check(json.loads(r.stdout), data)
        except (AssertionError, json.JSONDecodeError) as e:
            ok, why = False, str(e)[:200]
    result(ok, f"{name} ({len(data) / 1e6:.1f} MB): {why}")

# The map page of the inputs that stress its writer (many notes, references, lists,
# headings, one huge paragraph, an article of notes): within the same budget, UTF-8, and
# its one script its own.
for name in ("nested-lists.md", "refs-to-one-note.md", "many-notes.md", "headings.md", "headings.txt",
             "single-line-50mb.md", "newlines.txt", "brackets.txt", "glued-notes.txt", "notes.html",
             "refs-to-one-note.html", "li-after-spans.html", "comment-openers.md"):
    p = T / name
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        r = subprocess.run([EK, "outline", "--html", str(p)], capture_output=True, timeout=HANG)
    except subprocess.TimeoutExpired:
        result(False, f"outline --html {name}: no answer within {HANG:.0f} s")
        continue
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    secs = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    ok, why = r.returncode == 0 and secs <= BUDGET, f"exit {r.returncode}, {secs:.2f} s of CPU"
    if ok:
        try:
            page = r.stdout.decode("utf-8")
            ok = page.count("<script") == 1 and page.endswith("</html>\n")
            why += f", {len(r.stdout) / 1e6:.1f} MB page" + ("" if ok else ", not one script or cut short")
        except UnicodeDecodeError as e:
            ok, why = False, f"not UTF-8: {e}"
    result(ok, f"outline --html {name}: {why}")

# Markdown dense in inline markup: cmark-gfm makes a node of ~200 bytes of each bracket,
# emphasis mark, `&`, `<`, `!`, autolink trigger: 4 MB of nested brackets took 840 MB.
# Such blocks are read as text (with a diagnostic); the whole process stays small.
DENSE = {
    "nested-brackets-4mb.md": b"[" * (2 << 20) + b"]" * (2 << 20),
    "open-brackets-4mb.md": b"[" * (4 << 20),
    "bangs-4mb.md": b"!" * (4 << 20),
    "link-openers-4mb.md": b"[a](" * (1 << 20),
    "entities-4mb.md": b"&" * (4 << 20),
    "short-blocks-4mb.md": (b"[" * 60 + b"\n\n") * ((4 << 20) // 62),  # many small dense blocks
}
MEMORY_KB = 100_000  # peak resident memory for any of them


def analyze_measured(name, data):
    """analyze in a child that reports the child's peak RSS (KB)."""
    p = T / name
    p.write_bytes(data)
    code = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], capture_output=True); "
            "sys.stdout.buffer.write(r.stdout); "
            "sys.stderr.write(f'{r.returncode} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}')")
    r = subprocess.run([sys.executable, "-c", code, EK, "analyze", str(p)], capture_output=True, timeout=HANG)
    rc, peak = map(int, r.stderr.split())
    return rc, peak, r.stdout


for name, data in DENSE.items():
    rc, peak, out = analyze_measured(name, data)
    ok, why = rc == 0 and peak <= MEMORY_KB, f"exit {rc}, {peak / 1024:.0f} MB peak"
    if ok:
        doc = json.loads(out)
        check(doc, data)
        flagged = [d for d in doc["diagnostics"] if "read as plain text" in d["message"]]
        ok, why = 1 <= len(flagged) <= 101, why + f", {len(flagged)} diagnostics of blocks read as text"
    result(ok, f"{name} ({len(data) / 1e6:.1f} MB): {why}")

for kind, bad in INVALID.items():
    for fmt in ("markdown", "text", "html"):
        head = {"markdown": b"# ", "text": b"", "html": b"<!doctype html><h1>"}[fmt]
        gap = b"</h1><p>" if fmt == "html" else b"\n\n"
        data = head + b"Ti" + bad + b"tle" + gap + b"Some text " + bad + b" and more text after it, long enough to stay text." + b" More words here, so that the bad bytes stay a small share of the input.\n"
        r, secs, data = analyze(f"invalid-{kind}.{fmt}", data, fmt)
        doc = json.loads(r.stdout) if r.returncode == 0 else {}
        diag = any("invalid UTF-8" in d["message"] for d in doc.get("diagnostics", []))
        ok = r.returncode == 0 and diag
        if ok:
            check(doc, data)
            ok = doc["title"] is not None and "\ufffd" in doc["title"]["text"]
        result(ok, f"invalid UTF-8 ({kind}, {fmt}): read as U+FFFD with a diagnostic")

tally.finish()
