// bench_html — the HTML reader beside gumbo's own parse of the same pages.
//
//   bench_html [--repeat N] [--rounds R] FILE...
//
// Reads every FILE (HTML pages, one document each), then times, best of N (default 3),
// R rounds (default 10) over all the pages, the three runs taken in turn within each of
// the N repeats (on a shared machine the load moves: timing one run N times, then the
// next, lets the load favour one of them: the share read 0.33 to 0.49 in three runs):
//   gumbo      gumbo_parse_with_options() and gumbo_destroy_output() of each page, with
//              parse errors not kept (as essaykit parses): the parser alone;
//   structure  essaykit::analyze() with claims off: the reader (bounds, parse, article,
//              notes, the walk) and the passes every format runs (sections, lists,
//              footnotes, sentences for the counts);
//   analyze    essaykit::analyze() with claims on.
// and prints each with its MB/s, and what essaykit adds to gumbo's parse, as a share of
// the parse: (structure - gumbo) / gumbo. The goal is at most 0.5. The pages run one
// by one, as a site's output folder does, not concatenated: a page is one document.
#include <essaykit/essaykit.h>
#include <gumbo.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "bench_util.h"

int main(int argc, char** argv) {
  int repeat = 3, rounds = 10;
  std::vector<std::string> pages;
  std::size_t bytes = 0;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--repeat") && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else if (!std::strcmp(argv[i], "--rounds") && i + 1 < argc) {
      rounds = std::max(1, std::atoi(argv[++i]));
    } else {
      std::optional<std::string> page = bench::read_file("bench_html", argv[i]);
      if (!page) return 1;
      bytes += page->size();
      pages.push_back(std::move(*page));
    }
  }
  if (pages.empty()) {
    std::fprintf(stderr, "usage: bench_html [--repeat N] [--rounds R] FILE...\n");
    return 2;
  }
  const double mb = static_cast<double>(bytes) * rounds / 1e6;
  GumboOptions gumbo_options = kGumboDefaultOptions;
  gumbo_options.max_errors = 0;
  essaykit::Options options;
  options.format = essaykit::Format::html;
  auto parse = [&] {
    for (int r = 0; r < rounds; ++r)
      for (const std::string& p : pages) {
        GumboOutput* out = gumbo_parse_with_options(&gumbo_options, p.data(), p.size());
        gumbo_destroy_output(&gumbo_options, out);
      }
  };
  auto analyze = [&](bool claims) {
    options.claims = claims;
    for (int r = 0; r < rounds; ++r)
      for (const std::string& p : pages)
        if (!essaykit::analyze(p, options)) std::abort();
  };
  double gumbo = 1e300, structure = 1e300, full = 1e300;
  for (int i = 0; i < repeat; ++i) {
    gumbo = std::min(gumbo, bench::best_seconds(1, parse));
    structure = std::min(structure, bench::best_seconds(1, [&] { analyze(false); }));
    full = std::min(full, bench::best_seconds(1, [&] { analyze(true); }));
  }
  std::printf("  %zu pages, %.1f MB per round, %d rounds (%.1f MB), best of %d\n", pages.size(),
              static_cast<double>(bytes) / 1e6, rounds, mb, repeat);
  auto row = [&](const char* what, double s) { std::printf("  %-34s %8.3f s %9.1f MB/s\n", what, s, mb / s); };
  row("gumbo parse + destroy", gumbo);
  row("essaykit analyze, no claims", structure);
  row("essaykit analyze", full);
  std::printf("  %-34s %8.2f   [<= 0.5]\n", "added to gumbo's parse (no claims)", (structure - gumbo) / gumbo);
  std::printf("  %-34s %8.2f\n", "added to gumbo's parse (claims)", (full - gumbo) / gumbo);
  return 0;
}
