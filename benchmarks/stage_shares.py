#!/usr/bin/env python3
"""Each stage's share of a whole `essaykit analyze --json` run, in instructions counted by
callgrind: stable on a loaded machine, where times are not.

    stage_shares.py CALLGRIND_OUT LABEL

Reads callgrind_annotate's inclusive counts of the functions that make each stage (the
build must have symbols: RelWithDebInfo) and prints one line per stage. A stage's own
share leaves out the stages inside it (the reader's parse and walk, the passes' claims
and sentences)."""
import subprocess
import sys


def inclusive(out_file):
    text = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", out_file],
                          capture_output=True, text=True, check=True).stdout
    rows = []
    total = 0
    for line in text.splitlines():
        parts = line.strip().split(None, 2)
        if len(parts) < 3 or not parts[0].replace(",", "").isdigit():
            continue
        count = int(parts[0].replace(",", ""))
        name = parts[2]
        if "PROGRAM TOTALS" in name:
            total = count
        rows.append((count, name))
    return total, rows


def count_of(rows, needle):
    # The largest count among the functions whose name holds `needle` (the function
    # itself, not a lambda or a .cold clone of it).
    return max((c for c, n in rows if needle in n), default=0)


def main():
    out_file, label = sys.argv[1], sys.argv[2]
    total, rows = inclusive(out_file)
    if not total:
        sys.exit("stage_shares: no counts in " + out_file)
    c = lambda needle: count_of(rows, needle)
    analyze = c("essaykit::v2::analyze(")
    passes = c("essaykit::detail::run_passes(")
    claims = c("essaykit::detail::find_claims(")
    # From a megabyte of prose on, the claim finder reads the second half of the blocks on a
    # thread of its own: its count stands under the thread's start, not under analyze().
    claims_thread = c("ClaimFinder::read_sentences(unsigned long)::{lambda()#1}::operator()")
    sentences = c("essaykit::detail::split_sentences(std::basic_string_view<char, std::char_traits<char> >, "
                  "std::vector<essaykit::detail::ProseBlock")
    json = c("essaykit::v2::write_json(") or c("essaykit::v2::to_json")
    stages = []
    md = c("essaykit::detail::read_markdown(")
    if md:
        parse = c("cmark_parser_feed") + c("cmark_parser_finish")
        walk = c("Walker::walk(")
        stages += [("parse (cmark-gfm)", parse), ("walk (its tree)", walk),
                   ("reader, the rest", md - parse - walk)]
        reader = md
    else:
        reader = c("essaykit::detail::read_text(") or c("essaykit::detail::read_html(")
        stages += [("reader", reader)]
    stages += [("passes (sections, lists, notes, stats)", passes - claims - sentences),
               ("sentences", sentences), ("claims", claims + claims_thread), ("json", json),
               ("analyze, the rest (checks, line index)", analyze - reader - passes),
               ("process, the rest (read, start, free)", total - analyze - json - claims_thread)]
    print(f"  {label}: {total / 1e6:.0f} M instructions in all")
    for name, n in stages:
        print(f"    {name:<42} {n / 1e6:8.1f} M  {100 * n / total:5.1f}%")


if __name__ == "__main__":
    main()
