#!/usr/bin/env python3
"""Junk claims over every post of ../shared/corpus and ../shared/corpus2, in the forms essaykit reads
them in (the Markdown source, the browser's bare text, the seedlike text). A claim is junk when
- its text still carries source markup: paired '**', '__', '`', '~~', '_' or '*', '[words](url)',
  '[^note]', a leading '#'; or markup a theme left in the copy ('{fig-alt="…', 'alt="…"');
- it is under three words;
- it lies on a heading or the title (text forms: the lines the truth beside each copy names;
  Markdown: the headings cmark reads, which the markup makes certain);
- it is a thesis that asks a question, or a thesis that is a date line ('March 25, 2017',
  'Posted on 2017-03-25 by …').
The kinds are counted, not pinned to outputs, so the test holds while the readers change what they
find. Fails on any junk claim; prints each with its file and line.
usage: test_claims_junk.py ESSAYKIT SHARED_DIR  (77 = skipped when the corpora are absent)"""
import json
import pathlib
import re
import subprocess
import sys

ek, shared = sys.argv[1], pathlib.Path(sys.argv[2])
FORMS = [("corpus/md", "*.md"), ("corpus/browser", "*.bare.txt"), ("corpus2/md", "*.md"),
         ("corpus2/browser", "*.bare.txt"), ("corpus2/seedlike", "*.seedlike.txt")]
if not (shared / "corpus" / "md").is_dir() or not (shared / "corpus2" / "md").is_dir():
    print(f"skipped: no corpora at {shared / 'corpus'} and {shared / 'corpus2'}")
    sys.exit(77)

# Markup as a writer types it: paired emphasis and code ticks, a link, a footnote mark, a heading's
# '#'. A lone '`' or '**' is text ("the backtick (`)", "xoshiro256**").
MARKUP = re.compile(r"\*\*\S(?:[^*]*\S)?\*\*|__\S(?:[^_]*\S)?__|`[^`\s][^`]*`|~~\S[^~]*~~|\[[^\]]*\]\([^)\s]*\)|\[\^[^\]\s]+\]|"
                    r"^#{1,6}(?:\s|$)|(?:^|[\s(])_[^\s_][^_]*_(?=$|[\s.,;:!?)])|(?:^|[\s(])\*[^\s*][^*]*\*(?=$|[\s.,;:!?)])")
# Markup a page's theme or a site generator left in the copy: a shortcode or an attribute list
# opened and not closed in the sentence ('{fig-alt="…', '{{Figure "…', '<img …'), an attribute set
# in a brace or a tag that opens the sentence ('{.note collapse="true"}'); prose may name one.
KEPT_MARKUP = re.compile(r"^[\s:]*[{<][A-Za-z/!{%.#][^}>]*$|^[\s:]*[{<][A-Za-z/!{%.#][^}>]*?[\w-]=\"")
MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
         r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
DATE = re.compile(rf"\b(?:{MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}|\d{{1,2}}(?:st|nd|rd|th)? {MONTH},? \d{{4}}|"
                  rf"{MONTH},? \d{{4}}|\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}})\b", re.I)
DATE_LINE_OPENER = re.compile(r"^\W*(?:posted|published|updated|written|last (?:updated|modified)|date)\b", re.I)


def words(text):
    return sum(1 for t in text.split() if any(ch.isalnum() for ch in t))


def is_question(text):
    return text.rstrip(" \"')]\u201d\u2019*_").endswith("?")


def is_date_line(text):
    return bool(DATE.search(text)) and (words(text) <= 10 or bool(DATE_LINE_OPENER.match(text)))


def heading_lines(path, doc, data):
    """The lines that are a heading or the title: from the truth beside a text copy; from the
    Markdown headings (and a heading title) essaykit reports."""
    truth = path.with_name(path.name[:-len(".txt")] + ".truth.json") if path.suffix == ".txt" else None
    lines = set()
    if truth is not None:
        t = json.loads(truth.read_text())
        lines.update(h["line"] for h in t.get("headings", []))
        if t.get("title"):
            lines.add(t["title"]["line"])
        return lines, []
    spans = [(s["start"], s["end"]) for s in doc.get("sections", [])]
    if doc.get("title"):
        spans.append((doc["title"]["start"], doc["title"]["end"]))
    return lines, spans


kinds = ("markup", "under three words", "on a heading", "thesis: a question", "thesis: a date line")
total = {k: 0 for k in kinds}
claims_seen = docs = 0
shown = []
for form, pattern in FORMS:
    per_form = {k: 0 for k in kinds}
    for path in sorted((shared / form).glob(pattern)):
        data = path.read_bytes()
        r = subprocess.run([ek, "analyze", str(path)], capture_output=True, timeout=60)
        if r.returncode != 0:
            print(f"FAIL {path.name}: essaykit exited {r.returncode}: {r.stderr.decode(errors='replace')[:200]}")
            sys.exit(1)
        doc = json.loads(r.stdout)
        docs += 1
        lines, spans = heading_lines(path, doc, data)
        for c in doc.get("claims", []):
            claims_seen += 1
            text = c["text"]
            last_line = c["line"] + data[c["start"]:c["end"]].count(b"\n")
            found = []
            if MARKUP.search(text) or KEPT_MARKUP.search(text):
                found.append("markup")
            if words(text) < 3:
                found.append("under three words")
            if any(l in lines for l in range(c["line"], last_line + 1)) or \
                    any(s < c["end"] and c["start"] < e for s, e in spans):
                found.append("on a heading")
            if c["kind"] == "thesis" and is_question(text):
                found.append("thesis: a question")
            if c["kind"] == "thesis" and is_date_line(text):
                found.append("thesis: a date line")
            for k in found:
                per_form[k] += 1
                total[k] += 1
            if found:
                shown.append(f"  {form}/{path.name}:{c['line']}: {', '.join(found)}: {text[:90]!r}")
    print(f"{form:18} " + ", ".join(f"{k} {n}" for k, n in per_form.items()))
for line in shown:
    print(line)
junk = sum(total.values())
print(f"{docs} documents, {claims_seen} claims, {junk} junk: " + ", ".join(f"{k} {n}" for k, n in total.items()))
print(f"{'FAIL' if junk else 'ok  '} no junk claim")
sys.exit(1 if junk else 0)
