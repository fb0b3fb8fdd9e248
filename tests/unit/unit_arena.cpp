// The bump arena cmark-gfm parses into (src/cmark_arena.h), through the cmark_mem it
// gives cmark: what cmark relies on from calloc, realloc and free. (Under AddressSanitizer
// mem() is cmark's own allocator, and these checks hold for it too.)
#include <sys/mman.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

#include "cmark_arena.h"
#include "chunked_list.h"

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

TEST_CASE("arena: the next arena on a thread starts in the chunk the last one left, zeroed") {
  if (!CmarkArena::owns_tree()) return;  // (under ASan there are no chunks)
  // On a thread of its own: a thread starts with no chunk kept.
  std::size_t first = 0, second = 0, third = 0;
  bool zero = true;
  std::thread([&] {
    {
      CmarkArena arena;
      CmarkArena::Scope scope(arena);
      // 300 KB of node-sized blocks, each written all over: chunks of 64, 128 and 256 KiB.
      for (int i = 0; i < 300 * 1024 / 200; ++i) std::memset(CmarkArena::mem()->calloc(1, 200), 0xAB, 200);
      first = arena.reserved();
    }
    CmarkArena arena;
    CmarkArena::Scope scope(arena);
    for (int i = 0; i < 200 * 1024 / 200; ++i) {  // (208 bytes each, with the header)
      auto* p = static_cast<unsigned char*>(CmarkArena::mem()->calloc(1, 200));
      zero = zero && std::all_of(p, p + 200, [](unsigned char c) { return c == 0; });
    }
    second = arena.reserved();
    CmarkArena::mem()->calloc(1, 60 * 1024);  // more than is left of 256 KiB
    third = arena.reserved();
  }).join();
  CHECK(first == (64 + 128 + 256) * 1024);
  CHECK(zero);
  CHECK(second == 256 * 1024);           // the kept chunk, and nothing mapped besides
  CHECK(third == (256 + 512) * 1024);    // then chunks double from its size
}

TEST_CASE("arena: a chunk of 2 MiB or more starts on a 2 MiB boundary, and each chunk is writable to its end") {
  if (!CmarkArena::owns_tree()) return;  // (under ASan there are no chunks)
  CmarkArena arena;
  CmarkArena::Scope scope(arena);
  // Blocks just under the own-chunk size: each chunk after the first few is taken for
  // one of them, which then starts right after the chunk's header (32 bytes) and its own (8).
  constexpr std::size_t kBlock = 60 * 1024, kHuge = std::size_t{2} << 20, kHeaders = 40;
  std::size_t huge_chunks = 0;
  bool aligned = true;
  for (int i = 0; i < 400 && huge_chunks < 3; ++i) {
    const std::size_t before = arena.reserved();
    auto* p = static_cast<unsigned char*>(CmarkArena::mem()->calloc(1, kBlock));
    std::memset(p, 0xCD, kBlock);  // (a chunk trimmed short would fault here)
    const std::size_t taken = arena.reserved() - before;
    if (taken >= kHuge) {
      ++huge_chunks;
      aligned = aligned && (reinterpret_cast<std::uintptr_t>(p) - kHeaders) % kHuge == 0;
    }
  }
  CHECK(huge_chunks == 3);  // 2, 4 and 8 MiB
  CHECK(aligned);
}

namespace {
// Parses (allocates from an arena) when its thread ends, after the thread's kept chunk
// may have been freed.
struct ArenaAtThreadExit {
  bool* zeroed;
  ~ArenaAtThreadExit() {
    CmarkArena arena;
    CmarkArena::Scope scope(arena);
    auto* p = static_cast<unsigned char*>(CmarkArena::mem()->calloc(1, 4096));
    *zeroed = std::all_of(p, p + 4096, [](unsigned char c) { return c == 0; });
  }
};
}  // namespace

TEST_CASE("arena: an arena made while its thread ends maps its own chunk") {
  if (!CmarkArena::owns_tree()) return;
  bool zeroed = false;
  std::thread([&] {
    // Made before the first arena: destroyed after the kept chunk is freed.
    static thread_local ArenaAtThreadExit late{&zeroed};
    (void)&late;
    CmarkArena arena;
    CmarkArena::Scope scope(arena);
    std::memset(CmarkArena::mem()->calloc(1, 1000), 0xAB, 1000);
  }).join();
  CHECK(zeroed);
}

TEST_CASE("chunked list: every element where it was put, across each chunk's bounds; none moves as the list grows") {
  // A first chunk of 4 and chunks of 8, as the claims' candidates have 4,096 and 131,072.
  using List = essaykit::detail::ChunkedList<long, 4, 3>;
  for (const bool large : {false, true}) {
    List list;
    list.expect_large(large);
    CHECK(list.size() == 0);
    std::vector<const long*> where;
    for (long i = 0; i < 4 + 3 * 8 + 5; ++i) {
      list.push_back(i * 7);
      where.push_back(&list[static_cast<std::size_t>(i)]);
      // Every element so far, through both accessors, at the bounds too (3, 4, 11, 12, 19, 20 …).
      const List& read = list;
      bool all = list.size() == static_cast<std::size_t>(i) + 1;
      for (long j = 0; j <= i; ++j) {
        const auto k = static_cast<std::size_t>(j);
        all = all && list[k] == j * 7 && read[k] == j * 7 && &read[k] == where[k];
      }
      CHECK_MESSAGE(all, "after pushing element " << i);
    }
    list[12] = -1;  // (written through the index: the element in the second chunk's first place)
    CHECK(static_cast<const List&>(list)[12] == -1);
    list.release();
    CHECK(list.size() == 0);
    list.push_back(5);
    CHECK(list[0] == 5);
  }
}

TEST_CASE("chunked list: moved, the list keeps its elements and the one moved from is empty; a large list's chunks are advised") {
  using List = essaykit::detail::ChunkedList<long, 4, 3>;
  List a;
  for (long i = 0; i < 10; ++i) a.push_back(i);
  const long* fifth = &a[5];
  List b(std::move(a));
  CHECK(b.size() == 10);
  CHECK(&b[5] == fifth);
  CHECK(a.size() == 0);  // NOLINT(bugprone-use-after-move): a moved-from list is empty, and usable
  a.push_back(42);
  CHECK(a[0] == 42);
  List c;
  c = std::move(b);
  CHECK(c.size() == 10);
  CHECK(c[9] == 9);
  CHECK(b.size() == 0);  // NOLINT(bugprone-use-after-move)

  // Chunks of 4 MiB, advised, written and read back whole (the advice moves nothing).
  using Page = std::array<std::uint32_t, 1024>;
  essaykit::detail::ChunkedList<Page, 1, 10> large;
  large.expect_large(true);
  for (std::uint32_t i = 0; i < 1 + 1024 + 3; ++i) {
    Page p;
    p.fill(i);
    large.push_back(p);
  }
  bool intact = large.size() == 1028;
  for (std::size_t i = 0; i < large.size(); ++i) intact = intact && large[i].front() == i && large[i].back() == i;
  CHECK(intact);
}

// The VmFlags of the mapping that holds `p`, from /proc/self/smaps ("" where none does).
std::string vm_flags_at(const void* p) {
  std::ifstream smaps("/proc/self/smaps");
  const auto at = reinterpret_cast<std::uintptr_t>(p);
  bool inside = false;
  for (std::string line; std::getline(smaps, line);) {
    unsigned long long from = 0, to = 0;
    if (std::sscanf(line.c_str(), "%llx-%llx ", &from, &to) == 2) inside = at >= from && at < to;
    if (inside && line.rfind("VmFlags:", 0) == 0) return line;
  }
  return "";
}

TEST_CASE("huge pages: the advice reaches the whole huge pages inside a large buffer and nothing outside it") {
  if (!std::ifstream("/sys/kernel/mm/transparent_hugepage/enabled")) {
    MESSAGE("skipped: this kernel has no transparent huge pages");
    return;
  }
  using essaykit::detail::advise_huge_pages;
  constexpr std::size_t kHuge = std::size_t{2} << 20;
  // A mapping of its own, so that no other advice lies on it; the buffer starts a page past
  // a huge page's boundary, as a buffer from malloc mostly does.
  const std::size_t mapped = 6 * kHuge;
  void* raw = mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(raw != MAP_FAILED);
  const auto base = (reinterpret_cast<std::uintptr_t>(raw) + kHuge - 1) & ~(kHuge - 1);
  char* buffer = reinterpret_cast<char*>(base) + 4096;  // (inside the mapping: it is 6 huge pages long)
  const std::size_t bytes = 3 * kHuge;                  // holds two whole huge pages, [base + 2 MiB, base + 6 MiB)
  advise_huge_pages(nullptr, bytes);                    // (none at all: nothing to advise)
  advise_huge_pages(buffer, 10);                        // under the threshold: let be
  CHECK(vm_flags_at(buffer).find(" hg") == std::string::npos);
  advise_huge_pages(buffer, bytes);
  CHECK(vm_flags_at(buffer).find(" hg") == std::string::npos);  // the piece before the first boundary
  CHECK(vm_flags_at(reinterpret_cast<char*>(base) + kHuge).find(" hg") != std::string::npos);
  CHECK(vm_flags_at(reinterpret_cast<char*>(base) + 3 * kHuge - 1).find(" hg") != std::string::npos);
  CHECK(vm_flags_at(reinterpret_cast<char*>(base) + 3 * kHuge).find(" hg") == std::string::npos);  // past the last
  munmap(raw, mapped);
}
