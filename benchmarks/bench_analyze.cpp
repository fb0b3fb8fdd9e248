// bench_analyze — throughput of essaykit::analyze on one file, through the public API.
//
//   bench_analyze FILE [--from markdown|text] [--repeat N] [--sentences] [--no-claims] [--stages]
//
// Reads FILE once, analyses it N times (default 5) and prints the best and median
// MB/s (1 MB = 10^6 bytes) of analyze() alone, not counting reading or writing.
//
// --stages prints, instead, the best time of each stage as a client sees it:
//   structure  analyze() with claims off (reader, sections, lists, footnotes, sentence
//              splitting for the word and sentence counts)
//   claims     what switching claims on adds to analyze()
//   sentences  split_sentences() over the whole input alone
//   json       to_json() of the full document
#include <essaykit/essaykit.h>

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
  auto row = [&](const char* stage, double s) {
    std::printf("  %-12s %-10s %8.3f s %9.1f MB/s\n", name, stage, s, mb / s);
  };
  row("structure", structure);
  row("claims", std::max(full - structure, 1e-9));
  row("sentences", sentences);
  row("json", writer);
  row("analyze", full);
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
