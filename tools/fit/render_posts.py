#!/usr/bin/env python3
"""Renders the project's own annotated posts (tests/fixtures/posts/*.md) as a browser copies them,
with line-exact truth in the format of ../shared/corpus/browser/*.truth.json.

usage: render_posts.py [--no-blank-lines] [--page] POST.md OUT_DIR
       (writes OUT_DIR/NAME.bare.txt and NAME.bare.truth.json)

The posts are the project's own writing, made for the tests and the fit (tests/corpus/
test_own_posts.py, tools/fit/fit_text_model.py --own-posts): outside one blog the annotated
corpora hold 3 footnote bodies of several lines in 322, so a fold of the cross-validation that
leaves that blog out hardly sees such bodies. Each post
is Markdown in a small subset, so that the truth follows from the source and is never typed:
- `# Title` on the first line; `## Heading`, `### Heading`;
- paragraphs (their lines joined), blocks apart by a blank line; `> ` quotations; fenced code;
- list items `- item` or `1. item`, one a line, no blank line between them;
- references `[^n]`, definitions `[^n]: …` at the end, a note's further blocks indented four
  spaces;
- optionally a line `<!-- comments -->` after the definitions, then readers' comments, one a line.
The copy is what a browser gives of such a page (see ../shared/corpus/README.md): the title line,
the title again as the page's heading, headings and list items as bare lines, a reference as its
number glued to the text before it, the bodies after the essay without their numbers, each block
apart by a blank line, the comments after the notes. With --page, the copy of the whole page: the
comments as a blog's theme shows them (page_comments), under the heading it gives them (and, in
one theme, under its sharing buttons and likes), each with its writer's name and date, and the
links to reply.
"""
import html
import json
import pathlib
import re
import sys
import zlib

REF = re.compile(r"\[\^([^\]\s]+)\]")
ITEM = re.compile(r"^(?:[-*+]|\d+[.)])\s+")


URL = r"\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)"  # a link's destination, one level of parentheses inside


def inline_text(s):
    """The text a browser shows for a line of Markdown: links and images as their words, emphasis
    without its marks, code spans as their text (nothing inside them read as markup), escapes
    as the character, entities decoded. References `[^n]` are left as they are (Copy.add)."""
    spans = []  # code spans, set aside so that nothing inside them is read as markup

    def keep(m):
        spans.append(m.group(2))
        return "\0%d\0" % (len(spans) - 1)

    s = re.sub(r"(`+)(.+?)\1", keep, s)
    s = re.sub(r"\\([\\`*_{}\[\]()#+\-.!>~|])", lambda m: "\1%d\1" % ord(m.group(1)), s)
    s = re.sub(r"!\[([^\]]*)\]" + URL, r"\1", s)
    s = re.sub(r"\[((?:[^\]\[]|\[\^[^\]]+\])*)\]" + URL, r"\1", s)
    s = re.sub(r"\*\*([^*]+)\*\*", r"\1", s)
    s = re.sub(r"(?<![\w*])\*([^*\s][^*]*)\*(?![\w*])", r"\1", s)
    s = re.sub(r"(?<![\w_])__?([^_\s][^_]*?)__?(?![\w_])", r"\1", s)
    s = html.unescape(s)
    s = re.sub("\x01(\\d+)\x01", lambda m: chr(int(m.group(1))), s)
    return re.sub("\x00(\\d+)\x00", lambda m: spans[int(m.group(1))].strip(), s)


def blocks_of(lines):
    """The blocks of a run of Markdown lines: (kind, [texts]) with kind one of paragraph, heading2,
    heading3, item (a list: one text per item), code (its lines, blank ones kept) and quote (one
    text per paragraph of the quotation). A paragraph's lines are joined, as Markdown joins them."""
    out, i = [], 0

    def starts_block(line):
        return (not line.strip() or line.startswith("```") or line.startswith("## ") or line.startswith("### ")
                or ITEM.match(line) or line.startswith(">"))

    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if line.startswith("```"):
            j = i + 1
            while j < len(lines) and not lines[j].startswith("```"):
                j += 1
            out.append(("code", lines[i + 1:j]))
            i = j + 1
            continue
        if line.startswith("### ") or line.startswith("## "):
            out.append(("heading3" if line.startswith("### ") else "heading2", [line.split(" ", 1)[1].strip()]))
            i += 1
            continue
        if ITEM.match(line):
            items = []
            while i < len(lines) and ITEM.match(lines[i]):
                items.append(ITEM.sub("", lines[i], count=1).strip())
                i += 1
            out.append(("item", items))
            continue
        if line.startswith(">"):
            paragraphs, current = [], []
            while i < len(lines) and lines[i].startswith(">"):
                text = lines[i][1:].strip()
                if text:
                    current.append(text)
                elif current:
                    paragraphs.append(" ".join(current))
                    current = []
                i += 1
            if current:
                paragraphs.append(" ".join(current))
            for paragraph in paragraphs:
                out.append(("quote", [paragraph]))
            continue
        joined = [line.strip()]
        i += 1
        while i < len(lines) and not starts_block(lines[i]):
            joined.append(lines[i].strip())
            i += 1
        out.append(("paragraph", [" ".join(joined)]))
    return out


def parse(md):
    """(title, essay blocks, [(label, body blocks)], comments) of a post."""
    lines = md.replace("\r\n", "\n").split("\n")
    comments = []
    if "<!-- comments -->" in lines:
        at = lines.index("<!-- comments -->")
        comments = [c.strip() for c in lines[at + 1:] if c.strip()]
        lines = lines[:at]
    if not lines or not lines[0].startswith("# "):
        raise ValueError("the first line is no '# Title'")
    title = lines[0][2:].strip()
    essay, notes, i = [], [], 1
    while i < len(lines) and not re.match(r"^\[\^[^\]]+\]:", lines[i]):
        essay.append(lines[i])
        i += 1
    while i < len(lines):
        m = re.match(r"^\[\^([^\]]+)\]:\s*(.*)$", lines[i])
        if not m:
            if lines[i].strip():
                raise ValueError("line %d: text after the notes that belongs to no note" % (i + 1))
            i += 1
            continue
        body = [m.group(2)]
        i += 1
        while i < len(lines) and (not lines[i].strip() or lines[i].startswith("    ")):
            body.append(lines[i][4:] if lines[i].startswith("    ") else "")
            i += 1
        notes.append((m.group(1), blocks_of(body)))
    return title, blocks_of(essay), notes, comments


class Copy:
    """The browser copy being written, line by line, with what the truth needs."""

    def __init__(self, blank_lines):
        self.blank_lines = blank_lines  # blocks apart by a blank line, or on consecutive lines
        self.lines = []  # text of each line (str)
        self.refs = {}   # label -> [(start, end, line)]
        self.order = []  # labels in order of first reference: a note's number is its place here

    def offset(self):
        return sum(len(l.encode("utf-8")) + 1 for l in self.lines)

    def blank(self):
        if self.blank_lines and self.lines and self.lines[-1] != "":
            self.lines.append("")

    def add(self, text, refs_allowed=True):
        """Adds a line of inline Markdown; a reference becomes its note's number glued to the
        text, as a browser shows it: notes are numbered in the order of their first reference,
        whatever their labels ([^note] shows as 3)."""
        text = inline_text(text)
        start = self.offset()
        out, pos = "", 0
        for m in REF.finditer(text):
            if not refs_allowed:
                raise ValueError("a reference where none may stand: %r" % text)
            out += text[pos:m.start()]
            label = m.group(1)
            if label not in self.order:
                self.order.append(label)
            number = str(self.order.index(label) + 1)
            b = start + len(out.encode("utf-8"))
            out += number
            self.refs.setdefault(label, []).append((b, b + len(number), len(self.lines) + 1))
            pos = m.end()
        out += text[pos:]
        self.lines.append(out)
        return len(self.lines)


# Invented readers and dates for the comments of a page (page_comments).
READERS = ["Priya Raman", "dave_h", "Tomasz K.", "Ingrid Holm", "Lea M", "J. Okafor", "sam", "Chris W."]
MONTHS = ["January", "March", "May", "June", "September", "November"]


def page_comments(title, comments):
    """The lines a page shows its readers' comments in, in one of three themes chosen by the
    title (the same post, the same theme): a count over them ("4 Comments", "4 thoughts on
    “Title”") or a word ("Comments"), the first theme's under its sharing buttons and likes
    ("Share this:", "Like this:"); each comment under its writer's name and a date, or
    "Name says:" and a date, or the name alone; "Reply" under each, and a form's "Leave a Reply"
    at the end, where the theme has them."""
    theme = zlib.crc32(title.encode("utf-8")) % 3
    n = len(comments)
    head = ["%d Comments" % n, "%s on \u201c%s\u201d" % ("One thought" if n == 1 else "%d thoughts" % n, title),
            "Comments"][theme]
    # (The first theme sets its sharing buttons and likes over the comments, as WordPress's do.)
    lines = (["Share this:", "Twitter", "Facebook", "Like this:", "Like Loading..."] if theme == 0 else []) + [head]
    for k, comment in enumerate(comments):
        name = READERS[(k + len(title)) % len(READERS)]
        date = "%s %d, 2024 at %d:%02d pm" % (MONTHS[(k * 5 + len(title)) % len(MONTHS)], 3 + 7 * k % 25,
                                               1 + (k * 7) % 11, (k * 13) % 60)
        meta = [[name, date], [name + " says:", date], [name]][theme]
        lines += meta + [comment] + (["Reply"] if theme < 2 else [])
    if theme == 0:
        lines.append("Leave a Reply")
    return lines


def render(md, blank_lines=True, page=False):
    """(text bytes, truth, code lines) of a post: blocks apart by blank lines, or without any
    blank line (as many copied posts are, and ../shared/eval/collapse.py makes of a copy); with
    `page`, the comments as the page shows them (page_comments)."""
    title, essay, notes, comments = parse(md)
    c = Copy(blank_lines)
    truth = {"title": {"line": 1, "text": title}, "headings": [], "lists": [], "footnotes": [],
             "ambiguous_lines": [], "claims_must_find": [], "not_part_of_essay": []}
    code = set()
    c.add(title, refs_allowed=False)
    truth["headings"].append({"line": c.add(title, refs_allowed=False), "level": 1, "text": title})

    def write(blocks, body_lines=None):
        for kind, texts in blocks:
            c.blank()
            if kind.startswith("heading"):
                if body_lines is not None:
                    raise ValueError("a heading inside a note")
                truth["headings"].append({"line": c.add(texts[0], refs_allowed=False), "level": int(kind[-1]),
                                          "text": texts[0]})
                continue
            added = []
            if kind == "code":
                # (A browser's copy keeps a blank line inside the code, as <pre> shows it; the copy
                # without blank lines has none.)
                lines = list(texts)
                while lines and not lines[0].strip():
                    lines.pop(0)
                while lines and not lines[-1].strip():
                    lines.pop()
                for t in lines:
                    if not t.strip():
                        if c.blank_lines:
                            c.lines.append("")
                        continue
                    c.lines.append(t.rstrip())
                    code.add(t.strip())
                    added.append(len(c.lines))
            else:
                for t in texts:
                    added.append(c.add(t, refs_allowed=body_lines is None))
            if kind == "item":
                truth["lists"].append({"depth": 0, "item_lines": added})
            if body_lines is not None:
                body_lines.extend(added)

    write(essay)
    by_label = dict(notes)
    if sorted(by_label) != sorted(c.order) or len(by_label) != len(notes):
        raise ValueError("references %s and definitions %s differ" % (c.order, [l for l, _ in notes]))
    # (The bodies in the order of their numbers, as a page lists them.)
    for number, label in enumerate(c.order, 1):
        body = []
        write(by_label[label], body)
        if not body:
            raise ValueError("note %s is empty" % label)
        truth["footnotes"].append({"label": str(number), "refs": [{"start": s, "end": e, "line": n} for s, e, n in c.refs[label]],
                                   "body_lines": body, "body_starts_with": c.lines[body[0] - 1][:40]})
    for line in page_comments(title, comments) if page and comments else comments:
        c.blank()
        truth["not_part_of_essay"].append(c.add(line, refs_allowed=False))
    text = "\n".join(c.lines) + "\n"
    return text.encode("utf-8"), truth, code


def main():
    args = sys.argv[1:]
    blank_lines = "--no-blank-lines" not in args
    page = "--page" in args
    args = [a for a in args if a not in ("--no-blank-lines", "--page")]
    if len(args) != 2:
        sys.exit(__doc__.split("\n\n")[1])
    src, out = pathlib.Path(args[0]), pathlib.Path(args[1])
    text, truth, _ = render(src.read_text(encoding="utf-8"), blank_lines, page)
    out.mkdir(parents=True, exist_ok=True)
    name = src.stem + ".bare"
    truth["file"] = name + ".txt"
    (out / (name + ".txt")).write_bytes(text)
    (out / (name + ".truth.json")).write_text(json.dumps(truth, indent=1, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
