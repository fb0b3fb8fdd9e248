// What the benchmark drivers share: reading the input and timing a run.
#ifndef ESSAYKIT_BENCHMARKS_BENCH_UTIL_H
#define ESSAYKIT_BENCHMARKS_BENCH_UTIL_H

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

namespace bench {

// The whole file, or nothing (with a message naming `program`) when it cannot be read.
inline std::optional<std::string> read_file(const char* program, const char* path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    std::fprintf(stderr, "%s: cannot open %s\n", program, path);
    return std::nullopt;
  }
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// The best of `repeat` timings of run(), in seconds: the least disturbed run.
template <class F>
double best_seconds(int repeat, F&& run) {
  double best = 1e300;
  for (int r = 0; r < repeat; ++r) {
    auto t0 = std::chrono::steady_clock::now();
    run();
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  return best;
}

}  // namespace bench

#endif
