#!/usr/bin/env python3
"""Differential test of essaykit's Markdown reader against the cmark-gfm program.

A developer tool, not part of ctest. It generates small random Markdown documents
(ATX and setext headings with inline markup, lists loose and tight, nested, lazy, in
block quotes; footnote references and definitions in every place; code, HTML blocks,
tables, front matter), reads each with
`cmark-gfm -e footnotes -e table -e autolink -e strikethrough -e tasklist --to html`
(the oracle: its HTML read with html.parser) and with `essaykit analyze --json --from
markdown`, and compares the headings (level, text), the lists (ordered, start, items'
text), the footnotes (the referenced ones in order of first reference, body text,
number of references) and the title, and checks that reference spans slice to their
marker and body spans start at `[^label]:`. What the README documents as read otherwise
is allowed for (see essaykit_view and blank_front_matter). Each kind of mismatch is
reduced to a small input by deleting lines, then characters, while it remains.

    apt-get install cmark-gfm
    python3 tools/md_diff.py --essaykit build/cli/essaykit -n 2000 --seed 1 [--out DIR]
    python3 tools/md_diff.py --essaykit build/cli/essaykit file.md ...   # check given files

Exit 0 when nothing differs, 1 when something does, 77 (skipped, with a message) when
cmark-gfm is not installed. Kinds still reported that are cmark-gfm's own reading, not
essaykit defects (pass --ignore KIND to set them aside):
- a reference inside a second definition of a label: cmark-gfm drops that definition
  unrendered, but numbers and back-links the reference (essaykit reads the first body);
- a definition opening another on its line (`[^1]:[^b]: x`): cmark-gfm nests them;
- on a lazy line of a list inside a note, cmark's drifted column landing exactly on a
  later reference to the same note (essaykit then misses one of the two).
"""
import argparse
import html.parser
import json
import os
import random
import re
import shutil
import subprocess
import sys
import unicodedata

CMARK_ARGS = ["-e", "footnotes", "-e", "table", "-e", "autolink", "-e", "strikethrough",
              "-e", "tasklist", "--to", "html"]


# ---------------------------------------------------------------------------
# Generator

LABELS = ["a", "b", "Note", "note", "1", "x-y", "undef"]  # "undef" is never defined


def inline(r, depth=0):
    words = ["alpha", "beta", "gamma", "delta", "caf\u00e9", "e\u0301t\u00e9", "x"]
    parts = []
    for _ in range(r.randint(1, 5)):
        k = r.random()
        w = r.choice(words)
        if k < 0.35:
            parts.append(w)
        elif k < 0.42:
            parts.append("*%s*" % w)
        elif k < 0.47:
            parts.append("**%s %s**" % (w, r.choice(words)))
        elif k < 0.52:
            parts.append("`%s`" % r.choice([w, "[^a]", "# x", "a * b"]))
        elif k < 0.58 and depth == 0:
            parts.append("[%s](http://example.com/%s)" % (inline(r, 1), w))
        elif k < 0.62:
            parts.append(r.choice(["&amp;", "&copy;", "&#35;", "&#x41;", "&nbsp;", "&bogus;"]))
        elif k < 0.66:
            parts.append(r.choice(["\\#", "\\*", "\\[^a]", "\\_", "\\\\", "\\`"]))
        elif k < 0.69:
            parts.append("~~%s~~" % w)
        elif k < 0.85:
            parts.append("[^%s]" % r.choice(LABELS))
        elif k < 0.88:
            parts.append("<span>%s</span>" % w)
        elif k < 0.90:
            parts.append(r.choice(["<http://a.example/p>", "www.example.com", "https://x.example/y_z"]))
        elif k < 0.92:
            parts.append("![%s](i.png)" % w)
        elif k < 0.94:
            parts.append(w + "[^%s]" % r.choice(LABELS))
        else:
            parts.append(w + ".")
    return " ".join(parts)


def gen_list(r, indent="", depth=0, in_note=False):
    ordered = r.random() < 0.45
    if ordered:
        n = r.choice([0, 1, 1, 2, 3, 9, 10, 99, 123456789])
        delim = r.choice([".", ")"])
    else:
        bullet = r.choice("-*+")
    loose = r.random() < 0.3
    lines = []
    for i in range(r.randint(1, 4)):
        marker = ("%d%s " % (n + i, delim)) if ordered else bullet + " "
        if r.random() < 0.05 and not ordered:
            marker += r.choice(["[ ] ", "[x] "])
        pad = indent + " " * len(marker)
        lines.append(indent + marker + inline(r))
        k = r.random()
        if k < 0.15:
            lines.append(inline(r))  # lazy continuation
        elif k < 0.25:
            lines.append(pad + inline(r))
        elif k < 0.32:
            lines.append("")
            lines.append(pad + inline(r))
        if depth < 2 and r.random() < 0.25:
            if r.random() < 0.5:
                lines.append("")
            lines.extend(gen_list(r, pad, depth + 1, in_note))
        if depth == 0 and r.random() < 0.05:
            lines.append(pad + "[^%s]: item note %s" % (r.choice(LABELS[:-1]), inline(r)))
        if loose:
            lines.append("")
    return lines


def gen_heading(r):
    if r.random() < 0.7:
        lvl = r.randint(1, 6)
        line = r.choice(["", " ", "  "]) + "#" * lvl + " " + inline(r)
        if r.random() < 0.3:
            line += " " + "#" * r.randint(1, 4) + r.choice(["", " "])
        return [line]
    return [inline(r)] + ([inline(r)] if r.random() < 0.2 else []) + [r.choice(["===", "---", "=", "--"])]


def gen_footnote(r):
    label = r.choice(LABELS[:-1])
    lines = ["[^%s]: %s" % (label, inline(r))]
    k = r.random()
    if k < 0.2:
        lines.append(inline(r))  # lazy
    if r.random() < 0.4:
        lines.append("")
        lines.append("    " + inline(r))
    if r.random() < 0.2:
        lines.append("")
        lines.extend(gen_list(r, "    ", 1, True))
    if r.random() < 0.1:
        lines.append("")
        lines.append("    ## note heading " + inline(r))
    if r.random() < 0.1:
        lines.append("")
        lines.extend(["    ```", "    # code in note", "    ```"])
    return lines


def gen_block(r, depth=0):
    k = r.random()
    if k < 0.15:
        return gen_heading(r)
    if k < 0.3:
        return [inline(r) for _ in range(r.randint(1, 2))]
    if k < 0.45:
        return gen_list(r)
    if k < 0.52 and depth == 0:
        inner = gen_block(r, 1)
        return ["> " + l if l else ">" for l in inner] + ([inline(r)] if r.random() < 0.3 else [])
    if k < 0.7:
        return gen_footnote(r)
    if k < 0.76:
        f = r.choice(["```", "~~~"])
        return [f + r.choice(["", "md"]), "# not a heading", "[^a]: not a note [^b]", "- not an item", f]
    if k < 0.8:
        return ["    # indented code", "    [^b]: code"]
    if k < 0.84:
        return [r.choice(["<div>", "<!--"]), "# not a heading", "- no item [^a]",
                r.choice(["</div>", "-->"])]
    if k < 0.88:
        return ["| h [^a] | k |", "|---|---|", "| %s | y |" % inline(r)]
    if k < 0.9:
        return [r.choice(["***", "---", "___"])]
    return [inline(r)]


def gen_doc(r):
    lines = []
    if r.random() < 0.1:
        lines += ["---", "title: %s" % r.choice(["Front", "A: b"]), "tags: [x]", "---"]
    for _ in range(r.randint(1, 7)):
        b = gen_block(r)
        if lines and r.random() < 0.85:
            lines.append("")
        lines.extend(b)
    return "\n".join(lines) + ("\n" if r.random() < 0.9 else "")


# ---------------------------------------------------------------------------
# The oracle: cmark-gfm's HTML

def norm(s):
    s = re.sub(r"\[[xX]\]", "[ ]", s)
    return " ".join(unicodedata.normalize("NFC", s).split())


class Oracle(html.parser.HTMLParser):
    """Headings, lists and footnotes of cmark-gfm's HTML. Text goes to the innermost open
    heading or item (a nested list's text is not its item's; a heading's is its item's too)
    and to the open note."""

    BLOCKS = ("p", "pre", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "br")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []          # open tags: (tag, attrs)
        self.headings = []       # (level, [text]) outside the footnotes section
        self.lists = []          # dicts: ordered, start, items [[text]], note
        self.list_stack = []     # indices into lists
        self.notes = []          # dicts: label, text [..]
        self.collectors = []     # text pieces being gathered; None for a nested list
        self.note = None         # the open note's text
        self.skip = 0            # inside text that is no content (a reference mark, a back link, a table)
        self.in_section = False
        self.rendered = {}       # label → references rendered
        self.first_block = None
        self.h1 = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = a.get("class") or ""
        if not self.stack and self.first_block is None:
            self.first_block = tag
        if tag in self.BLOCKS:
            self._add(" ")
        if tag == "section" and "footnotes" in cls:
            self.in_section = True
        elif re.fullmatch(r"h[1-6]", tag) and not self.in_section:
            self.headings.append((int(tag[1]), []))
            self.collectors.append(self.headings[-1][1])
            self.h1 += tag == "h1"
        elif tag in ("ul", "ol"):
            if self.in_section and self.note is None:
                pass  # the section's own <ol>
            else:
                self.lists.append({"ordered": tag == "ol", "start": int(a.get("start", "1")) if tag == "ol" else None,
                                   "items": [], "note": self.notes[-1]["label"] if self.note is not None else None})
                self.list_stack.append(len(self.lists) - 1)
                self.collectors.append(None)
        elif tag == "li" and self.in_section and self.note is None:
            self.notes.append({"label": a.get("id", "")[3:], "text": []})
            self.note = self.notes[-1]["text"]
        elif tag == "li":
            lst = self.lists[self.list_stack[-1]]
            lst["items"].append([])
            self.collectors.append(lst["items"][-1])
        elif tag == "sup" and "footnote-ref" in cls:
            self.skip += 1
        elif tag == "a" and "data-footnote-ref" in a:
            # A reference as rendered. (cmark-gfm also gives a back link to each reference in
            # a second definition of a label, which it drops unrendered: those are not counted.)
            label = a.get("href", "")[4:]
            self.rendered[label] = self.rendered.get(label, 0) + 1
        elif tag == "a" and "footnote-backref" in cls:
            self.skip += 1
        elif tag == "table":
            self.skip += 1
        elif tag == "input" and a.get("type") == "checkbox":
            # essaykit reads GFM without its tasklist extension: the box stays text
            # (cmark-gfm 0.29 may mark "- [ ] [x]" checked: the box's state is not compared)
            self._add("[ ]")
        if tag not in ("input", "img", "br", "hr"):
            self.stack.append((tag, a))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in ("input", "img", "br", "hr"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag not in (t for t, _ in self.stack):
            return
        while self.stack:
            t, a = self.stack.pop()
            cls = a.get("class") or ""
            if t == "section" and "footnotes" in cls:
                self.in_section = False
            elif re.fullmatch(r"h[1-6]", t) and not self.in_section:
                self.collectors.pop()
            elif t in ("ul", "ol") and self.list_stack and (self.note is not None or not self.in_section):
                self.list_stack.pop()
                self.collectors.pop()
            elif t == "li" and self.in_section and not self.list_stack:
                self.note = None
            elif t == "li":
                self.collectors.pop()
            elif (t == "sup" and "footnote-ref" in cls) or (t == "a" and "footnote-backref" in cls) or t == "table":
                self.skip -= 1
            if t == tag:
                break

    def _add(self, data):
        if self.collectors and self.collectors[-1] is not None:
            self.collectors[-1].append(data)
            # A heading inside an item ("1. ### Install") is the item's text as well.
            if (len(self.collectors) > 1 and self.collectors[-2] is not None and self.headings
                    and self.collectors[-1] is self.headings[-1][1]):
                self.collectors[-2].append(data)
        if self.note is not None:
            self.note.append(data)

    def handle_data(self, data):
        if not self.skip:
            self._add(data)


def oracle_view(cmark, md):
    out = subprocess.run([cmark] + CMARK_ARGS, input=md.encode(), capture_output=True, check=True).stdout.decode()
    o = Oracle()
    o.feed(out)
    o.close()
    # "None" separators are bookkeeping; drop them from item texts.
    lists = []
    for l in o.lists:
        items = [norm("".join(it)) for it in l["items"]]
        lists.append({"ordered": l["ordered"], "start": l["start"], "items": items, "note": l["note"]})
    return {
        "headings": [(lvl, norm("".join(t))) for lvl, t in o.headings],
        "lists": lists,
        "notes": [{"label": n["label"], "text": norm("".join(n["text"])), "refs": o.rendered.get(n["label"], 0)}
                  for n in o.notes if o.rendered.get(n["label"])],
        "title": norm("".join(o.headings[0][1])) if o.first_block == "h1" and o.h1 == 1 else None,
        "html": out,
    }


# ---------------------------------------------------------------------------
# essaykit, with the documented differences taken away

def essaykit_view(exe, md):
    p = subprocess.run([exe, "analyze", "--json", "--from", "markdown", "-"], input=md.encode(),
                       capture_output=True)
    if p.returncode != 0:
        return {"error": p.stderr.decode(errors="replace")}
    d = json.loads(p.stdout)
    b = md.encode()
    # Documented: a reference with no body and a body with no reference stay in the
    # output (with a diagnostic); cmark-gfm renders neither.
    # cmark-gfm drops a definition nothing refers to, and with it the references its body
    # holds (it still numbers the notes they refer to, and keeps those, but renders no
    # reference to them): those references are left out here. A note left with none is
    # not compared, nor are its lists (cmark-gfm renders back links to nowhere for it).
    dropped = [f for f in d["footnotes"] if f["start"] is not None and not f["refs"]]
    refs = {id(f): [r for r in f["refs"] if not any(g["start"] <= r["start"] < g["end"] for g in dropped)]
            for f in d["footnotes"]}
    notes = [dict(f, refs=refs[id(f)]) for f in d["footnotes"] if refs[id(f)] and f["start"] is not None]

    def owner(lst):
        for f in d["footnotes"]:
            if f["start"] is not None and f["start"] <= lst["start"] < f["end"]:
                return f
        return None

    spans = []
    for f in d["footnotes"]:
        for r in f["refs"]:
            t = b[r["start"]:r["end"]].decode(errors="replace")
            if not (t.startswith("[^") and t.endswith("]") and t[2:-1].casefold() == f["label"].casefold()):
                spans.append("ref span")
        if f["start"] is not None:
            t = b[f["start"]:f["end"]].decode(errors="replace")
            if not t.casefold().startswith(("[^%s]:" % f["label"]).casefold()):
                spans.append("body span")
    lists = []
    for l in d["lists"]:
        f = owner(l)
        if f is not None and not f["refs"]:
            continue  # inside an unused definition, which cmark-gfm drops
        start = None
        if l["ordered"]:
            m = re.match(rb"[ \t>]*(\d+)", b[l["items"][0]["start"]:])
            start = int(m.group(1)) if m else -1
        items = [norm(it["text"]) for it in l["items"]]
        lists.append({"ordered": l["ordered"], "start": start, "items": items, "note": f["label"] if f else None})
    # Documented: lists inside footnote bodies come after the document's other lists.
    title = d["title"]["text"] if d["title"] is not None else None
    return {
        "headings": [(s["level"], norm(s["title"])) for s in d["sections"]],
        "lists": lists,
        "notes": [{"label": f["label"], "text": norm(f["text"]), "refs": len(f["refs"])} for f in notes],
        "title": norm(title) if title is not None else None,
        "spans": sorted(set(spans)),
        "json": d,
    }


def compare(o, e, front_matter):
    """The kinds of mismatch, as short strings (a kind is what the reducer keeps)."""
    if "error" in e:
        return ["essaykit error: " + e["error"][:80]]
    kinds = list(e["spans"])
    if o["headings"] != e["headings"]:
        if len(o["headings"]) != len(e["headings"]):
            kinds.append("heading count")
        elif [h[0] for h in o["headings"]] != [h[0] for h in e["headings"]]:
            kinds.append("heading level")
        else:
            kinds.append("heading text")
    # Lists: the document's in order; a note's among its note's lists (in order of notes).
    ol = [l for l in o["lists"] if l["note"] is None]
    el = [l for l in e["lists"] if l["note"] is None]
    onotes = {n["label"].lower() for n in o["notes"]}
    enotes = {n["label"].lower() for n in e["notes"]}
    on = sorted((l["note"].lower(), i, l) for i, l in enumerate(o["lists"]) if l["note"] and l["note"].lower() in onotes)
    en = sorted((l["note"].lower(), i, l) for i, l in enumerate(e["lists"]) if l["note"] and l["note"].lower() in enotes)
    for name, a, b in (("list", ol, el), ("note list", [x[2] for x in on], [x[2] for x in en])):
        if len(a) != len(b):
            kinds.append(name + " count")
            continue
        for x, y in zip(a, b):
            if x["ordered"] != y["ordered"] or x["start"] != y["start"]:
                kinds.append(name + " kind/start")
            elif len(x["items"]) != len(y["items"]):
                kinds.append(name + " item count")
            elif x["items"] != y["items"]:
                kinds.append(name + " item text")
    on_ = [(n["label"].lower()) for n in o["notes"]]
    en_ = [(n["label"].lower()) for n in e["notes"]]
    if on_ != en_:
        kinds.append("footnote set" if sorted(on_) != sorted(en_) else "footnote order")
    else:
        for x, y in zip(o["notes"], e["notes"]):
            if x["refs"] != y["refs"]:
                kinds.append("footnote ref count")
            if x["text"] != y["text"]:
                kinds.append("footnote text")
    if not front_matter and o["title"] != e["title"]:
        kinds.append("title")
    return sorted(set(kinds))


def blank_front_matter(md):
    # essaykit reads front matter away (documented); cmark-gfm would read it as a rule and a
    # heading: give it blank lines instead, as essaykit gives cmark.
    m = re.match(r"---\n(.*?\n)---\n", md, re.S)
    if not m:
        return md, False
    return "\n" * m.group(0).count("\n") + md[m.end():], True


def check(cmark, exe, md):
    omd, fm = blank_front_matter(md)
    return compare(oracle_view(cmark, omd), essaykit_view(exe, md), fm)


def reduce(cmark, exe, md, kind):
    """Delete lines, then characters, while `kind` is still among the mismatches."""
    def still(s):
        try:
            return kind in check(cmark, exe, s)
        except Exception:
            return False
    lines = md.split("\n")
    changed = True
    while changed:
        changed = False
        for i in range(len(lines) - 1, -1, -1):
            t = lines[:i] + lines[i + 1:]
            if still("\n".join(t)):
                lines, changed = t, True
    s = "\n".join(lines)
    for size in (8, 4, 2, 1):
        i = 0
        while i < len(s):
            t = s[:i] + s[i + size:]
            if still(t):
                s = t
            else:
                i += size
    return s


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--essaykit", default="build/cli/essaykit")
    ap.add_argument("--cmark", default="cmark-gfm")
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", help="write each reduced input here")
    ap.add_argument("--ignore", action="append", default=[], help="a mismatch kind not to report")
    ap.add_argument("files", nargs="*", help="check these files instead of generating")
    args = ap.parse_args()
    cmark = shutil.which(args.cmark)
    if not cmark:
        print("md_diff: skipped: %s not found (apt-get install cmark-gfm)" % args.cmark)
        return 77
    if not os.access(args.essaykit, os.X_OK):
        print("md_diff: %s not found; build essaykit first" % args.essaykit, file=sys.stderr)
        return 2
    if args.files:
        bad = 0
        for f in args.files:
            md = open(f, encoding="utf-8").read()
            kinds = check(cmark, args.essaykit, md)
            print(f, kinds or "ok")
            bad += bool(kinds)
        return 1 if bad else 0
    r = random.Random(args.seed)
    seen = {}
    for i in range(args.n):
        md = gen_doc(r)
        kinds = [k for k in check(cmark, args.essaykit, md) if k not in args.ignore]
        for k in kinds:
            seen.setdefault(k, []).append(md)
    for k, docs in sorted(seen.items()):
        small = min((reduce(cmark, args.essaykit, d, k) for d in sorted(docs, key=len)[:3]), key=len)
        print("== %s: %d of %d documents; reduced:" % (k, len(docs), args.n))
        print(small if small.endswith("\n") else small + "\n\\ (no final newline)")
        if args.out:
            os.makedirs(args.out, exist_ok=True)
            with open(os.path.join(args.out, re.sub(r"\W+", "_", k) + ".md"), "w", encoding="utf-8") as fh:
                fh.write(small)
    print("md_diff: %d documents, %d kinds of mismatch" % (args.n, len(seen)))
    return 1 if seen else 0


if __name__ == "__main__":
    sys.exit(main())
