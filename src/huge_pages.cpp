#include "huge_pages.h"

#include <sys/mman.h>

#include <cstdint>

namespace essaykit::detail {

void advise_huge_pages(void* data, std::size_t bytes) {
#if defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;
  if (data == nullptr || bytes < kHugePageThreshold) return;
  const auto at = reinterpret_cast<std::uintptr_t>(data);
  // (Only the whole huge pages inside the buffer: advice on the pages around it would
  // reach memory the allocator gave to others.)
  const std::uintptr_t first = (at + kHugePage - 1) & ~(kHugePage - 1);
  const std::uintptr_t last = (at + bytes) & ~(kHugePage - 1);
  if (last > first) (void)madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#else
  (void)data;
  (void)bytes;
#endif
}

}  // namespace essaykit::detail
