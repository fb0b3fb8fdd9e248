// The map page's writer (to_html) on a document, through the public API: analyze() with
// claims, as `essaykit outline --html` runs it, then the page, each timed alone.
//
//   bench_map [--rounds R] FILE
//
// Prints the input's size, the best of R timings of analyze() and of to_html(), and the
// page's size and how many elements of each kind it holds.
#include <essaykit/essaykit.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "bench_util.h"

int main(int argc, char** argv) {
  int rounds = 3;
  const char* path = nullptr;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--rounds") == 0 && i + 1 < argc) rounds = std::max(1, std::atoi(argv[++i]));
    else path = argv[i];
  }
  if (!path) {
    std::fprintf(stderr, "usage: bench_map [--rounds R] FILE\n");
    return 2;
  }
  std::optional<std::string> input = bench::read_file("bench_map", path);
  if (!input) return 1;
  essaykit::Options options;
  options.name = path;
  options.claims = true;
  std::optional<essaykit::Result> result;
  const double analyze_s = bench::best_seconds(rounds, [&] { result.emplace(essaykit::analyze(*input, options)); });
  if (!*result) {
    std::fprintf(stderr, "bench_map: %s: %s\n", path, result->error().message.c_str());
    return 1;
  }
  const essaykit::Document& doc = result->document();
  std::string page;
  const double html_s = bench::best_seconds(rounds, [&] { page = essaykit::to_html(doc, *input); });
  const double mb = static_cast<double>(input->size()) / 1e6;
  std::size_t refs = 0;
  for (const essaykit::Footnote& f : doc.footnotes) refs += f.refs.size();
  std::printf("%s: %.2f MB (%s), %zu sections, %zu lists, %zu footnote refs, %zu claims\n", path, mb,
              std::string(essaykit::format_name(doc.source.format)).c_str(), doc.sections.size(), doc.lists.size(), refs,
              doc.claims.size());
  std::printf("  analyze (claims on): %.3f s   to_html: %.3f s (%.1f MB/s)   page: %.2f MB\n", analyze_s, html_s,
              mb / html_s, static_cast<double>(page.size()) / 1e6);
  return 0;
}
