// A bump arena for cmark-gfm's allocations during one parse, freed in one step.
//
// cmark-gfm allocates a node (about 180 bytes) for every block and inline element and
// grows its string buffers with realloc: on 20 MB of posts, malloc and free took about
// a third of the parse, and freeing the tree node by node is a walk over 200 MB of
// scattered memory. With an arena, the nodes lie in allocation order, an allocation is
// a pointer bump, and the whole tree goes with the arena (no cmark_node_free).
//
// A cmark_mem is three bare function pointers with no context, so the functions find
// their arena through a thread_local pointer, which CmarkArena::Scope sets for as long
// as the parser and its tree are used on that thread. Two threads each parse with their
// own arena; nothing is shared.
//
// Built with AddressSanitizer, the arena is off (mem() is cmark's default allocator and
// owns_tree() is false, so the tree is freed as usual): inside an arena the sanitizer
// could not see a read past a block or a use after free.
#ifndef ESSAYKIT_SRC_CMARK_ARENA_H
#define ESSAYKIT_SRC_CMARK_ARENA_H

#include <cmark-gfm.h>

#include <cstddef>

#if !defined(ESSAYKIT_ARENA_MALLOC)
#if defined(__SANITIZE_ADDRESS__)
#define ESSAYKIT_ARENA_MALLOC 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ESSAYKIT_ARENA_MALLOC 1
#endif
#endif
#endif

namespace essaykit::detail {

class CmarkArena {
 public:
  CmarkArena() = default;
  ~CmarkArena();
  CmarkArena(const CmarkArena&) = delete;
  CmarkArena& operator=(const CmarkArena&) = delete;

  // The allocator to give cmark_parser_new_with_mem. It allocates from the arena of the
  // innermost live Scope on the calling thread (cmark's default allocator when built
  // with AddressSanitizer).
  static cmark_mem* mem();

  // True when dropping the arena frees what cmark allocated from it: then neither
  // cmark_node_free nor cmark_parser_free need be called (nor may be, after the arena).
  static constexpr bool owns_tree() {
#if defined(ESSAYKIT_ARENA_MALLOC)
    return false;
#else
    return true;
#endif
  }

  // While alive, mem() on this thread allocates from `arena`.
  class Scope {
   public:
    explicit Scope(CmarkArena& arena);
    ~Scope();
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    [[maybe_unused]] CmarkArena* previous_;  // (not read where cmark allocates with malloc: sanitizer builds)
  };

  // Bytes taken from the system (for the benchmark and tests).
  std::size_t reserved() const { return reserved_; }

  // The allocator's three operations on this arena (what mem()'s functions call).
  void* allocate(std::size_t size, bool zero);
  void* reallocate(void* block, std::size_t size);
  void release(void* block);

 private:
  struct Chunk;
  void* fresh(std::size_t size);  // a new block of `size` (a multiple of 8) from the bump region
  void new_chunk(std::size_t at_least);

  Chunk* chunks_ = nullptr;  // the chunks taken, newest first (a doubly linked list)
  char* cur_ = nullptr;      // the bump region of the newest bump chunk: [cur_, end_)
  char* end_ = nullptr;
  char* last_ = nullptr;     // the block most recently bumped (it may grow in place)
  std::size_t next_chunk_ = std::size_t{64} << 10;
  std::size_t reserved_ = 0;
  // Freed blocks of up to kSmall bytes, by size / 8: reused before bumping (cmark frees
  // text nodes it merges and the old buffers of strings it grows).
  static constexpr std::size_t kSmall = 512;
  void* free_[kSmall / 8 + 1] = {};
};

}  // namespace essaykit::detail

#endif
