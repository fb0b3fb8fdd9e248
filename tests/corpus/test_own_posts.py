#!/usr/bin/env python3
"""The project's own annotated posts (tests/fixtures/posts): footnote bodies of several paragraphs,
lists and code in bodies, acknowledgements before the notes, readers' comments after them.

usage: test_own_posts.py ESSAYKIT

Each post is rendered as a browser copies it, with blank lines between blocks and without any,
and as a copy of the whole page, its comments under the heading, names, dates and reply links
a blog's theme gives them (tools/fit/render_posts.py, which derives the line-exact truth from the
Markdown source), and read with `analyze --from text`. The test checks that the truth is what the source says (each
reference's bytes are its number, each body line is its note's text), that every output
validates against the schema, and that the figures stay at or above own_floors.tsv. The fit does
not see these posts (fit_text_model.py --own-posts would add them), so for the reader they are
essays of the genre it has not seen: the floors are where it stands on such text, not a goal.
"""
import html
import json
import pathlib
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools" / "fit"))
sys.path.insert(0, str(ROOT / "tests" / "cli"))
from check_json import check  # noqa: E402
from render_posts import inline_text, page_comments, parse, render  # noqa: E402

# form -> (blank lines between blocks, the comments as the page shows them: render_posts.page_comments)
FORMS = {"own bare": (True, False), "own no blank lines": (False, False), "own page": (True, True),
         "own page no blank lines": (False, True)}
FIGURES = ("headings_f1", "list_items_f1", "fn_refs_f1", "fn_linked", "fn_body_exact", "after_kept_out")


def f1(pred, gold):
    tp = len(pred & gold)
    p = tp / len(pred) if pred else float(not gold)
    r = tp / len(gold) if gold else 1.0
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def line_of(data, offset):
    return data.count(b"\n", 0, offset) + 1


def figures(truth, data, doc):
    """The figures of one post, counted as ../shared/eval/score_structure.py counts them (a body is
    linked when the note holding its references begins on its first line, exact when it also
    covers exactly its lines), and the share of the comments' lines that no body took."""
    lines = data.split(b"\n")
    out = {}
    gold_h = {h["line"] for h in truth["headings"]}
    out["headings_f1"] = f1({s.get("line") for s in doc.get("sections", [])} - {truth["title"]["line"]}, gold_h)
    out["list_items_f1"] = f1({it.get("line") for L in doc.get("lists", []) for it in L.get("items", [])},
                              {n for L in truth["lists"] for n in L["item_lines"]})
    notes = doc.get("footnotes", [])
    out["fn_refs_f1"] = f1({(r.get("start"), r.get("end")) for fn in notes for r in fn.get("refs", [])},
                           {(r["start"], r["end"]) for fn in truth["footnotes"] for r in fn["refs"]})
    linked = exact = 0
    taken = set()
    for fn in notes:
        if fn.get("start") is not None and fn.get("end", 0) > fn["start"]:
            taken |= set(range(line_of(data, fn["start"]), line_of(data, fn["end"] - 1) + 1))
    for g in truth["footnotes"]:
        grefs = {(r["start"], r["end"]) for r in g["refs"]}
        for fn in notes:
            if not grefs <= {(r.get("start"), r.get("end")) for r in fn.get("refs", [])}:
                continue
            if fn.get("line") == g["body_lines"][0] and fn.get("start") is not None:
                linked += 1
                body = {n for n in range(line_of(data, fn["start"]), line_of(data, fn["end"] - 1) + 1) if lines[n - 1].strip()}
                exact += body == set(g["body_lines"])
            break
    out["fn_linked"] = linked / len(truth["footnotes"])
    out["fn_body_exact"] = exact / len(truth["footnotes"])
    after = truth["not_part_of_essay"]
    if after:
        out["after_kept_out"] = sum(n not in taken for n in after) / len(after)
    return out


def letters(text):
    """The words of a text as letters only: what survives any rendering of its markup (link
    destinations and footnote references dropped, entities decoded)."""
    text = html.unescape(re.sub(r"\]\([^)]*\)", "]", re.sub(r"\[\^[^\]]+\]", " ", text)))
    return " " + " ".join(re.findall(r"[A-Za-z]+", text)) + " "


def check_copy(ek, name, md, source, data):
    """The copy holds the post, read independently of the renderer: every sentence essaykit's
    Markdown reader finds in the source, word for word, and every line of the source's fenced
    code, as a line."""
    r = subprocess.run([ek, "analyze", "--json", "--sentences", str(md)], capture_output=True, timeout=60)
    raw = md.read_bytes()
    copy = data.decode("utf-8")
    words = letters(copy)
    problems = []
    for x in json.loads(r.stdout)["sentences"]:
        sentence = raw[x["start"]:x["end"]].decode("utf-8")
        if letters(sentence).strip() and letters(sentence) not in words:
            problems.append(f"{name}: the copy lacks {sentence[:60]!r}")
    copy_lines = {l.strip() for l in copy.split("\n")}
    fenced = re.findall(r"^ *```[^\n]*\n(.*?)^ *```", source, flags=re.S | re.M)
    problems += [f"{name}: the copy lacks the code line {l.strip()!r}" for block in fenced
                 for l in block.split("\n") if l.strip() and l.strip() not in copy_lines]
    return problems


def check_truth(name, source, truth, data, page=False):
    """What the renderer wrote agrees with the source: each reference's bytes are its number, on
    its line, the notes numbered in the order of their first reference in the source; each
    body's first line holds its note's first words; the bodies follow each other; every line the
    truth names holds text."""
    title, _, notes, comments = parse(source)
    body_of = dict(notes)
    first_use = []
    for label in re.findall(r"\[\^([^\]]+)\](?!:)", source):
        if label not in first_use:
            first_use.append(label)
    notes = [(label, body_of[label]) for label in first_use if label in body_of]
    lines = data.decode("utf-8").split("\n")
    problems = []
    if len(truth["footnotes"]) != len(first_use):
        problems.append(f"{name}: {len(first_use)} notes referenced, {len(truth['footnotes'])} in the truth")
    for fn in truth["footnotes"]:
        for r in fn["refs"]:
            if data[r["start"]:r["end"]].decode("utf-8") != fn["label"] or line_of(data, r["start"]) != r["line"]:
                problems.append(f"{name}: reference {fn['label']} at {r['start']} is not its number")
    for number, ((label, blocks), fn) in enumerate(zip(notes, truth["footnotes"]), 1):
        first = letters(blocks[0][1][0])[:30]
        if fn["label"] != str(number) or not letters(lines[fn["body_lines"][0] - 1]).startswith(first):
            problems.append(f"{name}: note {label} does not begin on line {fn['body_lines'][0]}")
    # The bodies follow each other and hold every line up to the next body, the comments or the end.
    starts = [fn["body_lines"][0] for fn in truth["footnotes"]] + [min(truth["not_part_of_essay"] or [len(lines)])]
    for k, fn in enumerate(truth["footnotes"]):
        end = starts[k + 1] if k + 1 < len(truth["footnotes"]) else starts[-1] + (0 if truth["not_part_of_essay"] else 1)
        held = [n for n in range(starts[k], end) if lines[n - 1].strip()]
        if held != fn["body_lines"]:
            problems.append(f"{name}: note {fn['label']} holds lines {fn['body_lines']}, its place {held}")
    named = [n for fn in truth["footnotes"] for n in fn["body_lines"]] + truth["not_part_of_essay"] + \
            [n for L in truth["lists"] for n in L["item_lines"]] + [h["line"] for h in truth["headings"]]
    problems += [f"{name}: line {n} of the truth is blank" for n in named if not lines[n - 1].strip()]
    # (As a page, every line of the comments' section: heading, names, dates, links; the comments among them.)
    after = [lines[n - 1] for n in truth["not_part_of_essay"]]
    expected = page_comments(title, comments) if page and comments else comments
    if after != expected:
        problems.append(f"{name}: {len(comments)} comments, {len(truth['not_part_of_essay'])} lines after the notes in the truth")
    return problems


def check_markdown(ek, md, source):
    """The Markdown source itself, read as Markdown, must come out exactly: every note with its
    text (all its blocks), every heading, every list, the notes' lists among them."""
    title, essay, notes, _ = parse(source)
    r = subprocess.run([ek, "analyze", "--json", str(md)], capture_output=True, timeout=60)
    try:
        doc = json.loads(r.stdout)
        check(doc, md.read_bytes())
    except (AssertionError, json.JSONDecodeError) as e:
        return [f"markdown {md.name}: {e}"]
    problems = []
    got = [(fn.get("label"), fn.get("text", "")) for fn in doc["footnotes"]]
    if [g[0] for g in got] != [label for label, _ in notes]:
        problems.append(f"markdown {md.name}: notes {[g[0] for g in got]}, the source {[l for l, _ in notes]}")
    for (label, blocks), (_, text) in zip(notes, got):
        words = letters(text)
        problems += [f"markdown {md.name}: note {label} lacks {t[:30]!r}" for kind, texts in blocks if kind != "code"
                     for t in texts if letters(t).strip() and letters(t) not in words]
    headings = [inline_text(title)] + [inline_text(b[1][0]) for b in essay if b[0].startswith("heading")]
    if [s["title"] for s in doc["sections"]] != headings:
        problems.append(f"markdown {md.name}: headings {[s['title'] for s in doc['sections']]}, the source {headings}")
    lists = sum(1 for b in essay if b[0] == "item") + sum(1 for _, blocks in notes for b in blocks if b[0] == "item")
    if len(doc["lists"]) != lists:
        problems.append(f"markdown {md.name}: {len(doc['lists'])} lists, the source {lists}")
    return problems


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.split("\n\n")[1])
    ek = sys.argv[1]
    posts = sorted((ROOT / "tests" / "fixtures" / "posts").glob("*.md"))
    floors = {}
    for line in (pathlib.Path(__file__).parent / "own_floors.tsv").read_text().splitlines():
        if line and not line.startswith("#"):
            form, *vals = line.split("\t")
            floors[form] = {k: None if v == "-" else float(v) for k, v in zip(FIGURES, vals)}
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        for form, (blank_lines, page) in FORMS.items():
            sums, counts = {}, {}
            for md in posts:
                source = md.read_text(encoding="utf-8")
                if form == "own bare":
                    failures += check_markdown(ek, md, source)
                data, truth, _ = render(source, blank_lines, page)
                failures += check_truth(f"{form} {md.name}", source, truth, data, page)
                failures += check_copy(ek, f"{form} {md.name}", md, source, data)
                txt = pathlib.Path(tmp) / (md.stem + ".txt")
                txt.write_bytes(data)
                r = subprocess.run([ek, "analyze", "--json", "--sentences", "--from", "text", str(txt)],
                                   capture_output=True, timeout=60)
                try:
                    doc = json.loads(r.stdout)
                    check(doc, data)
                except (AssertionError, json.JSONDecodeError) as e:
                    failures.append(f"{form} {md.name}: {e}")
                    continue
                for k, v in figures(truth, data, doc).items():
                    sums[k] = sums.get(k, 0) + v
                    counts[k] = counts.get(k, 0) + 1
            for k in FIGURES:
                got = sums.get(k, 0) / max(counts.get(k, 0), 1)
                floor = floors[form][k]
                if floor is None:  # (reported only: the reader stands at nothing there)
                    print(f"     {form:18} {k:14} {got:.3f} (no floor)")
                    continue
                ok = got >= floor
                print(f"{'ok  ' if ok else 'FAIL'} {form:18} {k:14} {got:.3f} (floor {floor:.3f})")
                if not ok:
                    failures.append(f"{form} {k} {got:.3f} < {floor}")
    print(f"{len(posts)} posts in {len(FORMS)} forms")
    for f in failures:
        print("FAIL", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
