"""Drives essaykit.batch() from Python for benchmarks/python_batch.sh: iterates every entry of
the inputs, reading one field of each document (what a caller does at the least), or with
--lines writing each line as `essaykit batch` does. Prints nothing but a summary on stderr.

    PYTHONPATH=build/python /usr/bin/python3 benchmarks/python_batch.py [--jobs N] [--lines OUT] INPUT..."""
import argparse
import sys
import time

import essaykit

ap = argparse.ArgumentParser()
ap.add_argument("--jobs", type=int, default=1)
ap.add_argument("--lines", help="write the JSON Lines here (as essaykit batch -o does)")
ap.add_argument("inputs", nargs="+")
args = ap.parse_args()

t0 = time.perf_counter()
docs = words = 0
if args.lines:
    with open(args.lines, "w", encoding="utf-8") as out:
        for _path, value, line in essaykit.batch(args.inputs, jobs=args.jobs, with_lines=True):
            out.write(line)
            out.write("\n")
            docs += 1
else:
    for _path, value in essaykit.batch(args.inputs, jobs=args.jobs):
        if not isinstance(value, essaykit.Error):
            words += value.stats.words
        docs += 1
print(f"python batch: {docs} entries, {words} words, {time.perf_counter() - t0:.3f} s", file=sys.stderr)
