"""essaykit on a Dask cluster: the shards of a corpus (archives, folders, files) mapped over the
workers, JSON Lines gathered in input order — the same bytes as `essaykit batch INPUT...` — and
a dask.dataframe of per-document figures (words, sections, footnotes, claims).

    /usr/bin/python3 essaykit_dask.py --scheduler-file F [--figures OUT.csv] INPUT...

run.sh starts the cluster and calls this. Each task runs essaykit.batch() on a few of the
inputs; a folder is split into its entries when that reads exactly as the CLI's walk of it
would (no symbolic links or special files inside), so that one folder still spreads over the
workers. An archive is one task (it is read as a stream).
"""
import argparse
import fnmatch
import os
import sys

# The formats essaykit batch reads by default (BatchOptions::include, src/batch.cpp), and the
# archives it opens. The python_dask test puts HTML pages at the top of a folder, so a drift shows.
INCLUDE = ["*.md", "*.markdown", "*.mdown", "*.mkd", "*.mdx", "*.txt", "*.text", "*.html", "*.htm", "*.xhtml"]
ARCHIVES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz", ".tar.zst", ".zip")
FIGURES = ["path", "ok", "format", "bytes", "words", "sentences", "sections", "lists", "footnotes", "claims", "thesis"]


def plain_tree(folder):
    """True when the folder holds only regular files and folders (no links, FIFOs, ...)."""
    for root, dirs, files in os.walk(folder, followlinks=False):
        for name in dirs + files:
            st = os.lstat(os.path.join(root, name))
            if not (os.path.stat.S_ISDIR(st.st_mode) or os.path.stat.S_ISREG(st.st_mode)):
                return False
    return True


def tree_bytes(path):
    if not os.path.isdir(path):
        return os.path.getsize(path)
    return sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(path) for f in fs)


def units(inputs):
    """The inputs as (path, bytes) units in the CLI's order: a plain folder becomes its entries
    (in the walk's order: names by byte value; files essaykit would skip left out)."""
    out = []
    for path in inputs:
        if os.path.isdir(path) and plain_tree(path):
            for name in sorted(os.listdir(os.fsencode(path))):
                child = path + ("" if path.endswith("/") else "/") + os.fsdecode(name)
                wanted = os.fsdecode(name).lower().endswith(ARCHIVES) or any(fnmatch.fnmatchcase(os.fsdecode(name), p) for p in INCLUDE)
                if os.path.isdir(child) or wanted:
                    out.append((child, tree_bytes(child)))
        else:
            out.append((path, tree_bytes(path) if os.path.exists(path) else 0))
    return out


def chunks(units_, count):
    """Consecutive units grouped into about `count` tasks of similar size."""
    total = sum(b for _, b in units_) or 1
    target = total / max(1, count)
    out, cur, size = [], [], 0
    for path, b in units_:
        cur.append(path)
        size += b
        if size >= target:
            out.append(cur)
            cur, size = [], 0
    if cur:
        out.append(cur)
    return out


def run_task(paths):
    """On a worker: essaykit over some inputs; the lines and a table of figures."""
    import essaykit
    import pandas as pd

    lines, rows = [], []
    for path, value, line in essaykit.batch(paths, jobs=1, with_lines=True):
        lines.append(line)
        if isinstance(value, essaykit.Error):
            rows.append((path, False, "", 0, 0, 0, 0, 0, 0, 0, False))
            continue
        d = value
        rows.append((path, True, d.source.format, d.source.bytes, d.stats.words, d.stats.sentences, len(d.sections),
                     len(d.lists), len(d.footnotes), len(d.claims), any(c.kind == "thesis" for c in d.claims)))
    return lines, pd.DataFrame.from_records(rows, columns=FIGURES)


def empty_figures():
    import pandas as pd

    return pd.DataFrame({"path": pd.Series(dtype=object), "ok": pd.Series(dtype=bool),
                         "format": pd.Series(dtype=object), **{c: pd.Series(dtype="int64") for c in FIGURES[3:10]},
                         "thesis": pd.Series(dtype=bool)})


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scheduler-file", required=True)
    ap.add_argument("--workers", type=int, default=2, help="workers to wait for (default 2)")
    ap.add_argument("--tasks-per-worker", type=int, default=4)
    ap.add_argument("--figures", help="write the per-document figures to this CSV file")
    ap.add_argument("inputs", nargs="+")
    args = ap.parse_args()
    if "-" in args.inputs:
        ap.error("'-' (paths on stdin) is not supported; list the inputs")  # exit 2, a usage error

    import dask.dataframe as dd
    from distributed import Client

    plan = chunks(units(args.inputs), args.workers * args.tasks_per_worker)
    with Client(scheduler_file=args.scheduler_file) as client:
        client.wait_for_workers(args.workers, timeout=120)
        results = client.map(run_task, plan, pure=False)
        frames = client.map(lambda r: r[1], results, pure=False)
        errors = 0
        out = sys.stdout.buffer
        for future in results:  # in input order, each as soon as it and those before it are done
            lines, figures = future.result()
            for line in lines:
                out.write(line.encode() + b"\n")
            errors += int((~figures["ok"]).sum())
        out.flush()

        table = dd.from_delayed(frames, meta=empty_figures(), verify_meta=False)
        docs = table[table.ok]
        totals = docs[["bytes", "words", "sections", "lists", "footnotes", "claims"]].sum().compute()
        n = int(docs.ok.count().compute())
        print(f"essaykit_dask: {n} documents, {errors} errors on {len(client.scheduler_info()['workers'])} workers "
              f"in {len(plan)} tasks; " + ", ".join(f"{k} {int(v)}" for k, v in totals.items()), file=sys.stderr)
        if args.figures:
            table.to_csv(args.figures, single_file=True, index=False)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
