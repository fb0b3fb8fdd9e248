// Transparent huge pages for the large buffers a reading fills from end to end.
#ifndef ESSAYKIT_SRC_HUGE_PAGES_H
#define ESSAYKIT_SRC_HUGE_PAGES_H

#include <cstddef>
#include <new>

namespace essaykit::detail {

// Asks the kernel to back the whole 2 MiB pages inside [data, data + bytes) with huge
// pages when they are first touched; call it after reserving the buffer and before
// writing it. A large input's buffers (its bytes as read, the texts the claims keep) are
// written once, front to back, and each 4 KiB page of them cost a page fault (on a
// virtual machine, an exit to the hypervisor as well): a 21 MB input took 24 thousand
// faults, 10 to 20% of its run. A huge page is one fault for 512 such pages. Buffers under
// kHugePageThreshold are let be (a small document's buffer would grow to the 2 MiB the
// kernel gives at once); so is a system whose transparent huge pages are off (the advice
// is then ignored). Advice only: nothing is allocated, and errors are ignored.
void advise_huge_pages(void* data, std::size_t bytes);

// Buffers of this many bytes or more are advised.
inline constexpr std::size_t kHugePageThreshold = std::size_t{4} << 20;
inline constexpr std::size_t kHugePageSize = std::size_t{2} << 20;

// An allocator for the arrays of a large input that are filled as they grow: an array of
// kHugePageThreshold bytes or more starts on a huge page's boundary and is advised
// (advise_huge_pages), so that all of it is in huge pages, not only the whole ones that
// happen to lie inside it. Smaller arrays come from the usual allocator.
template <class T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) noexcept {}
  T* allocate(std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < kHugePageThreshold) return static_cast<T*>(::operator new(bytes));
    void* p = ::operator new(bytes, std::align_val_t{kHugePageSize});
    advise_huge_pages(p, bytes);
    return static_cast<T*>(p);
  }
  void deallocate(T* p, std::size_t n) noexcept {
    if (n * sizeof(T) < kHugePageThreshold) ::operator delete(p);
    else ::operator delete(p, std::align_val_t{kHugePageSize});
  }
  template <class U>
  bool operator==(const HugePageAllocator<U>&) const noexcept { return true; }
  template <class U>
  bool operator!=(const HugePageAllocator<U>&) const noexcept { return false; }
};

}  // namespace essaykit::detail

#endif
