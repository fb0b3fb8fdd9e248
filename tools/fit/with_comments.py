#!/usr/bin/env python3
"""usage: with_comments.py COMMENTS SRC_DIR FORM OUT_DIR (blank|tight)
       with_comments.py --score MODELS_DIR DIR:FORM ...

Readers' comments of a kind the fit has not seen, under the notes of annotated copies.

The first form writes, for every SRC_DIR/NAME.FORM.txt with its .truth.json, a copy to OUT_DIR in
which one to three lines of COMMENTS (one comment a line; tests/fixtures/comments holds two sets
written for the project, not taken from any post) follow the last line of a post that has notes,
after a blank line each (`blank`) or none (`tight`). Lines the truth already lists as not part
of the essay (seedlike's own comments, at the end) are dropped first; the comments' lines are
listed there instead, so that a comment read as a body costs `fn_body_exact` and the bodies
pushed down onto them cost `fn_linked`. The choice of comments is seeded by the post's name.

The second form scores such copies with the models of a leave-one-blog-out run
(`fit_text_model.py --cv` leaves them in build/fit/cv-BLOG.model): each post with the model
that did not see its blog, so that neither the post nor the comments were seen. It prints the
mean notes linked and bodies exact over the posts with notes (score_structure.py's figures).

The annotated copies carry only the comments of corpus2's seedlike copies, and a fold that
leaves one blog out still trains on them: cross-validation alone cannot tell how the reader
takes comments written otherwise. (README: "Comments of another kind".)
"""
import collections
import json
import pathlib
import random
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]


def write_copies(comments_path, src, form, out, blank):
    comments = [c.strip() for c in pathlib.Path(comments_path).read_text(encoding="utf-8").splitlines() if c.strip()]
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    for truth_path in sorted(src.glob(f"*.{form}.truth.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        name = truth_path.name[: -len(".truth.json")]
        lines = (src / f"{name}.txt").read_text(encoding="utf-8").split("\n")
        old = set(truth.get("not_part_of_essay", []))
        if old and max(old) < len(lines) - 1:
            sys.exit(f"{name}: its comments are not all at the end")
        lines = [l for i, l in enumerate(lines, 1) if i not in old]
        while lines and not lines[-1].strip():
            lines.pop()
        rng = random.Random(name)
        picked = rng.sample(comments, rng.randint(1, 3)) if truth["footnotes"] else []
        at = []
        for c in picked:
            if blank:
                lines.append("")
            lines.append(c)
            at.append(len(lines))
        truth["not_part_of_essay"] = at
        (out / f"{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        (out / f"{name}.truth.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
        n += 1
    print(f"{n} copies in {out}")


def score(models, specs):
    # (fit_text_model's own scoring: essaykit_fit analyze with a model, then score_structure.)
    sys.path.insert(0, str(ROOT / "tools" / "fit"))
    from fit_text_model import blog_of, score_docs
    tool = ROOT / "build" / "tools" / "fit" / "essaykit_fit"
    shared = ROOT.parent / "shared"
    for spec in specs:
        folder, form = spec.rsplit(":", 1)
        folder = pathlib.Path(folder)
        by_blog = collections.defaultdict(list)
        for truth_path in sorted(folder.glob(f"*.{form}.truth.json")):
            txt = truth_path.with_name(truth_path.name[: -len(".truth.json")] + ".txt")
            by_blog[blog_of(txt.name)].append((form, blog_of(txt.name), txt, truth_path, None))
        results = []
        with tempfile.TemporaryDirectory() as out:
            for blog, docs in sorted(by_blog.items()):
                model = models / f"cv-{blog}.model"
                if not model.exists():
                    sys.exit(f"no fold model {model}: run fit_text_model.py --cv first")
                results += score_docs(tool, model, docs, shared, pathlib.Path(out) / blog)
        with_notes = [s for _, _, _, s, has_fn, _ in results if has_fn]
        if not with_notes:
            sys.exit(f"{spec}: no copy with notes")
        linked = sum(s["fn_linked"] for s in with_notes) / len(with_notes)
        exact = sum(s["fn_body_exact"] for s in with_notes) / len(with_notes)
        print(f"{str(folder):40} {form:9} held out: notes linked {linked:.3f}, bodies exact {exact:.3f} "
              f"({len(with_notes)} posts)")


def main():
    args = sys.argv[1:]
    if len(args) >= 2 and args[0] == "--score":
        return score(pathlib.Path(args[1]), args[2:])
    if len(args) != 5 or args[4] not in ("blank", "tight"):
        sys.exit(__doc__)
    write_copies(args[0], pathlib.Path(args[1]), args[2], pathlib.Path(args[3]), args[4] == "blank")


if __name__ == "__main__":
    main()
