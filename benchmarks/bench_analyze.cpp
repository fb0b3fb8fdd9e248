// bench_analyze — throughput of essaykit::analyze on one file, through the public API.
//
//   bench_analyze FILE [--from markdown|text] [--repeat N] [--sentences] [--no-claims] [--stages]
//
// Reads FILE once, analyses it N times (default 5) and prints the best and median
// MB/s (1 MB = 10^6 bytes) of analyze() alone, not counting reading or writing.
//
// --stages prints, instead, the best time of each stage as a client sees it, and its
// share of analyze() with claims on:
//   structure  analyze() with claims off (reader, sections, lists, footnotes, sentence
//              splitting for the word and sentence counts)
//   claims     what switching claims on adds to analyze()
//   sentences  split_sentences() over the whole input alone
//   json       to_json() of the full document; write_json to /dev/null
// and, for Markdown, beside them in the same run, the parsers alone on the same bytes:
//   cmark-gfm  parse and free, configured as essaykit reads (footnotes, source positions,
//              tables, strikethrough; autolinks off, as the first reading has them), and
//              with autolinks on; cmark's default allocator (essaykit's reader uses an arena)
//   md4c       md_parse() with callbacks that do nothing (tables, strikethrough, bare
//              autolinks; md4c has no footnotes), when built with md4c
// The reader's own split (cmark's parse, the walk over its tree, the passes) is not
// visible through the API: run.sh counts it with callgrind (stage_shares.py).
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <essaykit/essaykit.h>
#if defined(ESSAYKIT_BENCH_MD4C)
#include <md4c.h>
#endif

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bench_util.h"

namespace {

using bench::best_seconds;

// cmark-gfm's parse of `input` alone, as essaykit's reader configures it.
void cmark_parse(const std::string& input, bool autolinks) {
  cmark_parser* parser = cmark_parser_new(CMARK_OPT_FOOTNOTES | CMARK_OPT_SOURCEPOS);
  for (const char* name : {"table", "strikethrough", "autolink"}) {
    if (!autolinks && std::string_view(name) == "autolink") continue;
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) cmark_parser_attach_syntax_extension(parser, ext);
  }
  cmark_parser_feed(parser, input.data(), input.size());
  cmark_node* doc = cmark_parser_finish(parser);
  cmark_node_free(doc);
  cmark_parser_free(parser);
}

#if defined(ESSAYKIT_BENCH_MD4C)
int md4c_parse(const std::string& input) {
  MD_PARSER parser{};
  parser.flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_PERMISSIVEAUTOLINKS;
  parser.enter_block = [](MD_BLOCKTYPE, void*, void*) { return 0; };
  parser.leave_block = [](MD_BLOCKTYPE, void*, void*) { return 0; };
  parser.enter_span = [](MD_SPANTYPE, void*, void*) { return 0; };
  parser.leave_span = [](MD_SPANTYPE, void*, void*) { return 0; };
  parser.text = [](MD_TEXTTYPE, const MD_CHAR*, MD_SIZE, void*) { return 0; };
  return md_parse(input.data(), static_cast<MD_SIZE>(input.size()), &parser, nullptr);
}
#endif

int print_stages(const char* path, const std::string& input, essaykit::Options options, int repeat) {
  const char* slash = std::strrchr(path, '/');
  const char* name = slash ? slash + 1 : path;
  const double mb = static_cast<double>(input.size()) / 1e6;
  options.claims = false;
  const double structure = best_seconds(repeat, [&] { (void)essaykit::analyze(input, options); });
  options.claims = true;
  std::string json;
  const double full = best_seconds(repeat, [&] { (void)essaykit::analyze(input, options); });
  const essaykit::Result r = essaykit::analyze(input, options);
  if (!r) {
    std::fprintf(stderr, "bench_analyze: %s\n", r.error().message.c_str());
    return 1;
  }
  const double sentences = best_seconds(repeat, [&] { (void)essaykit::split_sentences(input); });
  const double writer = best_seconds(repeat, [&] { json = essaykit::to_json(r.document()); });
  std::FILE* null = std::fopen("/dev/null", "w");
  const double streamed =
      null ? best_seconds(repeat, [&] { (void)essaykit::write_json(r.document(), null); }) : 0;
  if (null) std::fclose(null);
  auto row = [&](const char* stage, double s, bool share = true) {
    std::printf("  %-12s %-26s %8.3f s %9.1f MB/s", name, stage, s, mb / s);
    if (share) std::printf("  %5.1f%% of analyze", 100 * s / full);
    std::printf("\n");
  };
  row("structure", structure);
  row("claims", std::max(full - structure, 1e-9));
  row("sentences", sentences);
  row("json (to_json)", writer);
  if (null) row("json (write_json)", streamed);
  row("analyze", full);
  if (options.format == essaykit::Format::markdown) {
    cmark_gfm_core_extensions_ensure_registered();
    const double cmark = best_seconds(repeat, [&] { cmark_parse(input, false); });
    const double cmark_auto = best_seconds(repeat, [&] { cmark_parse(input, true); });
    row("cmark-gfm parse", cmark, false);
    row("cmark-gfm parse+autolink", cmark_auto, false);
    std::printf("  %-12s analyze / cmark-gfm parse (as read) %.2fx, / with autolinks %.2fx\n", name, full / cmark,
                full / cmark_auto);
#if defined(ESSAYKIT_BENCH_MD4C)
    const double md4c = best_seconds(repeat, [&] { (void)md4c_parse(input); });
    row("md4c parse", md4c, false);
    std::printf("  %-12s analyze / md4c parse %.2fx\n", name, full / md4c);
#endif
  }
  std::printf("  %-12s claims cost %.2fx analyze without them; JSON is %.1f MB\n", name, full / structure,
              static_cast<double>(json.size()) / 1e6);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_analyze FILE [--from markdown|text] [--repeat N] [--sentences] [--no-claims]\n");
    return 2;
  }
  essaykit::Options options;
  options.name = argv[1];
  int repeat = 5;
  bool stages = false;
  for (int i = 2; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--from") && i + 1 < argc) {
      ++i;
      options.format = !std::strcmp(argv[i], "text") ? essaykit::Format::text : essaykit::Format::markdown;
    } else if (!std::strcmp(argv[i], "--repeat") && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else if (!std::strcmp(argv[i], "--sentences")) {
      options.sentences = true;
    } else if (!std::strcmp(argv[i], "--no-claims")) {
      options.claims = false;
    } else if (!std::strcmp(argv[i], "--stages")) {
      stages = true;
    }
  }
  const std::optional<std::string> file = bench::read_file("bench_analyze", argv[1]);
  if (!file) return 1;
  const std::string& input = *file;
  if (stages) return print_stages(argv[1], input, options, repeat);
  std::vector<double> mbps;
  std::size_t sections = 0;
  for (int r = 0; r < repeat; ++r) {
    auto t0 = std::chrono::steady_clock::now();
    essaykit::Result res = essaykit::analyze(input, options);
    auto t1 = std::chrono::steady_clock::now();
    if (!res) {
      std::fprintf(stderr, "bench_analyze: %s\n", res.error().message.c_str());
      return 1;
    }
    sections = res.document().sections.size();
    double s = std::chrono::duration<double>(t1 - t0).count();
    mbps.push_back(static_cast<double>(input.size()) / 1e6 / s);
  }
  std::sort(mbps.begin(), mbps.end());
  std::printf("%s: %.1f MB, best %.1f MB/s, median %.1f MB/s over %d runs (%zu sections)\n", argv[1],
              static_cast<double>(input.size()) / 1e6, mbps.back(), mbps[mbps.size() / 2], repeat, sections);
  return 0;
}
