// The bump arena cmark-gfm parses into (src/cmark_arena.h), through the cmark_mem it
// gives cmark: what cmark relies on from calloc, realloc and free. (Under AddressSanitizer
// mem() is cmark's own allocator, and these checks hold for it too.)
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

#include <doctest/doctest.h>

#include "cmark_arena.h"

using essaykit::detail::CmarkArena;

TEST_CASE("arena: calloc zeroes, realloc keeps the bytes, free lets a block be reused; blocks never overlap") {
  struct Block {
    unsigned char* p;
    std::size_t n;
    unsigned char fill;
  };
  auto intact = [](const Block& b) {
    return std::all_of(b.p, b.p + b.n, [&](unsigned char c) { return c == b.fill; });
  };
  std::mt19937_64 rng(7);
  // Mostly node-sized blocks, some strbuf-sized, a few over the arena's own-chunk size.
  // (Never 0 bytes: cmark asks for none, and its own allocator, which this is under ASan,
  // takes realloc's null for 0 bytes as out of memory.)
  auto size = [&]() -> std::size_t {
    const auto r = rng() % 100;
    return 1 + (r < 70 ? rng() % 200 : r < 97 ? rng() % 5000 : 64 * 1024 + rng() % 100000);
  };
  for (int round = 0; round < 3; ++round) {
    CAPTURE(round);
    CmarkArena arena;
    CmarkArena::Scope scope(arena);
    cmark_mem* mem = CmarkArena::mem();
    std::vector<Block> live;
    bool ok = true;
    for (int op = 0; op < 20000 && ok; ++op) {
      const auto what = rng() % 10;
      if (what < 4 || live.empty()) {
        const std::size_t n = size();
        auto* p = static_cast<unsigned char*>(mem->calloc(1, n));
        ok = p != nullptr && reinterpret_cast<std::uintptr_t>(p) % 8 == 0 &&
             std::all_of(p, p + n, [](unsigned char c) { return c == 0; });
        const auto fill = static_cast<unsigned char>(1 + rng() % 255);
        if (ok) std::memset(p, fill, n);
        live.push_back({p, n, fill});
      } else if (what < 7) {
        Block& b = live[rng() % live.size()];
        ok = intact(b);
        // Growing the block just made (in place) and any other (a copy), and shrinking.
        const std::size_t n = rng() % 2 ? b.n + rng() % 3000 : size();
        auto* p = static_cast<unsigned char*>(mem->realloc(b.p, n));
        ok = ok && p != nullptr && std::all_of(p, p + std::min(n, b.n), [&](unsigned char c) { return c == b.fill; });
        if (ok) std::memset(p, b.fill, n);
        b = {p, n, b.fill};
      } else {
        const std::size_t k = rng() % live.size();
        ok = intact(live[k]);
        mem->free(live[k].p);
        live[k] = live.back();
        live.pop_back();
      }
    }
    CHECK(ok);
    CHECK(std::all_of(live.begin(), live.end(), intact));  // (another block's writes would show here)
    if (!CmarkArena::owns_tree())
      for (const Block& b : live) mem->free(b.p);  // (cmark's own allocator: nothing drops them)
  }
}
