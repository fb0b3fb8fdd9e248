// The bump arena behind cmark-gfm's parses (see cmark_arena.h).
//
// A block is an 8-byte header holding its capacity, then the bytes (8-aligned: cmark's
// structures hold pointers and ints, nothing wider). Small blocks come from chunks taken
// with mmap (64 KiB, doubling to 8 MiB), whose pages the kernel gives zeroed and which
// are never handed out twice except through the free lists, so calloc costs nothing
// more than malloc. A block over kBig bytes gets a chunk of its own, unmapped when it
// is freed. realloc grows the block most recently bumped in place (cmark grows the
// buffer it is filling); otherwise it copies, reading the old size from the header.
// Bump chunks of 2 MiB and more are huge-page aligned and marked for huge pages
// (map_chunk); a block's own chunk is mapped as it is (it holds a buffer, not nodes).
//
// When an arena goes, its newest bump chunk (the largest: they double) is not unmapped
// but zeroed where it was used and kept for the next arena on the same thread. In a batch
// every document is parsed in an arena of its own, and mapping and unmapping its chunks
// cost two system calls, a page fault per page touched and, with worker threads,
// a TLB shootdown on every core per munmap: the parse of a typical post then takes no
// system call at all. A thread keeps one chunk (at most kMaxKept bytes), unmapped when
// the thread ends.
#include "cmark_arena.h"

#include <sys/mman.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace essaykit::detail {

#if !defined(ESSAYKIT_ARENA_MALLOC)

namespace {

thread_local CmarkArena* t_current = nullptr;

constexpr std::size_t kHeader = 8;
constexpr std::size_t kBig = std::size_t{64} << 10;     // larger blocks get a chunk of their own
constexpr std::size_t kMaxChunk = std::size_t{8} << 20;
constexpr std::size_t kOwnChunk = 1;                    // header flag: the block is alone in its chunk

[[noreturn]] void out_of_memory() {
  // What cmark's own allocator does: it has no way to report a failed allocation.
  std::fputs("[cmark] out of memory, aborting\n", stderr);
  std::abort();
}

CmarkArena& current() {
  if (!t_current) {
    std::fputs("essaykit: cmark allocation outside a CmarkArena::Scope\n", stderr);
    std::abort();
  }
  return *t_current;
}

std::size_t round8(std::size_t n) { return n < 8 ? 8 : (n + 7) & ~std::size_t{7}; }
std::size_t& header_of(void* block) { return *reinterpret_cast<std::size_t*>(static_cast<char*>(block) - kHeader); }

void* arena_calloc(std::size_t count, std::size_t size) {
  if (size && count > SIZE_MAX / size) out_of_memory();
  return current().allocate(count * size, true);
}
void* arena_realloc(void* block, std::size_t size) { return current().reallocate(block, size); }
void arena_free(void* block) { current().release(block); }

cmark_mem arena_mem = {arena_calloc, arena_realloc, arena_free};

}  // namespace

struct CmarkArena::Chunk {
  Chunk* prev;
  Chunk* next;
  std::size_t bytes;  // as mapped, this header included
  std::size_t pad;    // (the header is 32 bytes: with the block header, a block starts 40 bytes in, 8-aligned)
};

namespace {

// The chunk a thread keeps between arenas, zeroed after its header, so that bumped
// memory is as the kernel gave it. Plain thread-locals (no destructor of their own): a
// store into an object whose destructor is running may be dropped by the compiler, and
// an arena made later in the thread's exit (by another thread-local's or a static's
// destructor) must see that the chunk is gone. kGone marks that: larger than any chunk,
// so that no chunk is kept after it (and the slot is empty: none is taken).
constexpr std::size_t kGone = SIZE_MAX;
thread_local void* t_spare_chunk = nullptr;
thread_local std::size_t t_spare_bytes = 0;
// Unmaps the kept chunk when the thread ends. Made when a chunk is first kept, so that
// its destructor is registered on the threads that keep one.
struct SpareGuard {
  ~SpareGuard() {
    if (t_spare_chunk) munmap(t_spare_chunk, t_spare_bytes);
    t_spare_chunk = nullptr;
    t_spare_bytes = kGone;
  }
};
thread_local SpareGuard t_spare_guard;
// A chunk larger than this is not kept: a document that needs more is large enough that
// mapping its chunks costs little beside reading it, and a thread would hold its pages.
constexpr std::size_t kMaxKept = std::size_t{1} << 20;

}  // namespace

CmarkArena::~CmarkArena() {
  Chunk* keep = nullptr;
  // Once a chunk was bumped from (cur_ set), the head of the list is the newest bump chunk
  // (own chunks are linked after it; before any bump chunk, the head may be an own chunk).
  // Kept when it is larger than the thread's spare, which it then replaces.
  if (chunks_ && cur_ && chunks_->bytes <= kMaxKept && chunks_->bytes > t_spare_bytes) {
    keep = chunks_;
    std::memset(keep + 1, 0, static_cast<std::size_t>(cur_ - reinterpret_cast<char*>(keep + 1)));
  }
  for (Chunk* c = chunks_; c;) {
    Chunk* next = c->next;
    if (c != keep) munmap(c, c->bytes);
    c = next;
  }
  if (keep) {
    (void)&t_spare_guard;  // (its first use on this thread registers its destructor)
    if (t_spare_chunk) munmap(t_spare_chunk, t_spare_bytes);
    t_spare_chunk = keep;
    t_spare_bytes = keep->bytes;
  }
}

cmark_mem* CmarkArena::mem() { return &arena_mem; }

CmarkArena::Scope::Scope(CmarkArena& arena) : previous_(t_current) { t_current = &arena; }
CmarkArena::Scope::~Scope() { t_current = previous_; }

namespace {

// Bump chunks of this size and more are mapped on a huge-page boundary and marked for huge
// pages: cmark's tree of a large document is walked several times (cmark's own passes
// and the reader's), node by node in no order the cache can foresee, and with 4 KiB
// pages most of those steps also miss the TLB; the kernel also faults a huge page in at
// once rather than 512 times. (Where transparent huge pages are off, madvise is a no-op.)
constexpr std::size_t kHugePage = std::size_t{2} << 20;

void* map_chunk(std::size_t bytes) {
  if (bytes < kHugePage) {
    void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) out_of_memory();
    return p;
  }
  // Over-map by a huge page and give back what lies outside the aligned range.
  void* p = mmap(nullptr, bytes + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) out_of_memory();
  const auto at = reinterpret_cast<std::uintptr_t>(p);
  const std::uintptr_t aligned = (at + kHugePage - 1) & ~(kHugePage - 1);
  if (aligned > at) munmap(p, aligned - at);
  if (const std::size_t tail = at + kHugePage - aligned) munmap(reinterpret_cast<void*>(aligned + bytes), tail);
  madvise(reinterpret_cast<void*>(aligned), bytes, MADV_HUGEPAGE);
  return reinterpret_cast<void*>(aligned);
}

}  // namespace

void CmarkArena::new_chunk(std::size_t at_least) {
  void* p;
  std::size_t bytes;
  if (t_spare_chunk && t_spare_bytes >= at_least + sizeof(Chunk)) {
    // The chunk an earlier arena on this thread left (zeroed), taken instead of mapping.
    p = std::exchange(t_spare_chunk, nullptr);
    bytes = std::exchange(t_spare_bytes, 0);
    while (next_chunk_ < kMaxChunk && next_chunk_ < bytes) next_chunk_ *= 2;  // (doubled below)
  } else {
    bytes = next_chunk_;
    while (bytes < at_least + sizeof(Chunk)) bytes *= 2;
    p = map_chunk(bytes);
  }
  Chunk* c = static_cast<Chunk*>(p);
  *c = Chunk{nullptr, chunks_, bytes, 0};
  if (chunks_) chunks_->prev = c;
  chunks_ = c;
  reserved_ += bytes;
  cur_ = reinterpret_cast<char*>(c + 1);
  end_ = static_cast<char*>(p) + bytes;
  last_ = nullptr;
  if (next_chunk_ < kMaxChunk) next_chunk_ *= 2;
}

void* CmarkArena::fresh(std::size_t size) {
  if (static_cast<std::size_t>(end_ - cur_) < kHeader + size) new_chunk(kHeader + size);
  char* block = cur_ + kHeader;
  header_of(block) = size;
  last_ = block;
  cur_ = block + size;
  return block;
}

void* CmarkArena::allocate(std::size_t size, bool zero) {
  size = round8(size);
  if (size > kBig) {
    // A chunk of its own (zeroed by the kernel), so that freeing it gives it back.
    const std::size_t bytes = (sizeof(Chunk) + kHeader + size + 4095) & ~std::size_t{4095};
    void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) out_of_memory();
    Chunk* c = static_cast<Chunk*>(p);
    // Linked after the newest chunk, which stays the bump chunk.
    *c = Chunk{chunks_, chunks_ ? chunks_->next : nullptr, bytes, 0};
    if (chunks_) {
      if (chunks_->next) chunks_->next->prev = c;
      chunks_->next = c;
    } else {
      chunks_ = c;
    }
    reserved_ += bytes;
    char* block = reinterpret_cast<char*>(c + 1) + kHeader;
    header_of(block) = size | kOwnChunk;
    return block;
  }
  if (size <= kSmall) {
    if (void* reused = free_[size / 8]) {
      std::memcpy(&free_[size / 8], reused, sizeof(void*));
      if (zero) std::memset(reused, 0, size);
      return reused;
    }
  }
  // Bumped memory has never been handed out: it is still as the kernel zeroed it.
  return fresh(size);
}

void* CmarkArena::reallocate(void* block, std::size_t size) {
  if (!block) return allocate(size, false);
  size = round8(size);
  const std::size_t old = header_of(block) & ~kOwnChunk;
  if (size <= old) return block;
  if (block == last_ && static_cast<std::size_t>(end_ - static_cast<char*>(block)) >= size) {
    header_of(block) = size;
    cur_ = static_cast<char*>(block) + size;
    return block;
  }
  void* moved = allocate(size, false);
  std::memcpy(moved, block, old);
  release(block);
  return moved;
}

void CmarkArena::release(void* block) {
  if (!block) return;
  const std::size_t h = header_of(block);
  if (h & kOwnChunk) {
    Chunk* c = reinterpret_cast<Chunk*>(static_cast<char*>(block) - kHeader) - 1;
    if (c->prev) c->prev->next = c->next;
    else chunks_ = c->next;  // (never the bump chunk: that one is newer)
    if (c->next) c->next->prev = c->prev;
    reserved_ -= c->bytes;
    munmap(c, c->bytes);
    return;
  }
  if (h <= kSmall) {
    std::memcpy(block, &free_[h / 8], sizeof(void*));
    free_[h / 8] = block;
    if (block == last_) last_ = nullptr;  // its bytes may be handed out again: never grow it
  }
  // Larger blocks stay until the arena goes.
}

#else  // ESSAYKIT_ARENA_MALLOC: the sanitizers see cmark's own allocations.

CmarkArena::~CmarkArena() = default;
cmark_mem* CmarkArena::mem() { return cmark_get_default_mem_allocator(); }
CmarkArena::Scope::Scope(CmarkArena&) : previous_(nullptr) {}
CmarkArena::Scope::~Scope() = default;
void* CmarkArena::allocate(std::size_t, bool) { return nullptr; }
void* CmarkArena::reallocate(void*, std::size_t) { return nullptr; }
void CmarkArena::release(void*) {}

#endif

}  // namespace essaykit::detail
