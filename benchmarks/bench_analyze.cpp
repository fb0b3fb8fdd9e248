// bench_analyze — throughput of essaykit::analyze on one file, through the public API.
//
//   bench_analyze FILE [--from markdown|text] [--repeat N] [--sentences] [--no-claims]
//
// Reads FILE once, analyses it N times (default 5) and prints the best and median
// MB/s (1 MB = 10^6 bytes) of analyze() alone, not counting reading or writing.
#include <essaykit/essaykit.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_analyze FILE [--from markdown|text] [--repeat N] [--sentences] [--no-claims]\n");
    return 2;
  }
  essaykit::Options options;
  options.name = argv[1];
  int repeat = 5;
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
    }
  }
  std::ifstream f(argv[1], std::ios::binary);
  if (!f) {
    std::fprintf(stderr, "bench_analyze: cannot open %s\n", argv[1]);
    return 1;
  }
  std::stringstream ss;
  ss << f.rdbuf();
  const std::string input = ss.str();
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
