// What the benchmark drivers share: timing a run.
#ifndef ESSAYKIT_BENCHMARKS_BENCH_UTIL_H
#define ESSAYKIT_BENCHMARKS_BENCH_UTIL_H

#include <algorithm>
#include <chrono>

namespace bench {

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
