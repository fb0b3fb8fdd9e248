// Transparent huge pages for the large buffers a reading fills from end to end.
#ifndef ESSAYKIT_SRC_HUGE_PAGES_H
#define ESSAYKIT_SRC_HUGE_PAGES_H

#include <cstddef>

namespace essaykit::detail {

// Asks the kernel to back the whole 2 MiB pages inside [data, data + bytes) with huge
// pages when they are first touched (the pieces at either end keep 4 KiB pages); call it
// after reserving the buffer and before writing it. A large input's buffers (its bytes as
// read, the texts and candidates of the claims, its prose blocks) are written once, front
// to back, and each 4 KiB page of them cost a page fault (on a virtual machine, an exit to
// the hypervisor as well): a 21 MB input took 24 thousand faults, 10 to 20% of its run. A
// huge page is one fault for 512 such pages. Buffers under kHugePageThreshold are let be
// (a small document's buffer would be faulted in 2 MiB at once); so is a system whose
// transparent huge pages are off (the advice is then ignored). Advice only: nothing is
// allocated, and errors are ignored. (Where the allocator keeps a freed buffer's pages for
// other blocks rather than giving them back, the advice stays on them, and those blocks
// may be faulted in huge pages too. On a host whose memory is fragmented, the kernel may
// compact memory to find a huge page when an advised buffer is first written, its default
// for advised memory: a stall, where the faults it saves cost less; the cmark arena's
// chunks take the same advice.)
void advise_huge_pages(void* data, std::size_t bytes);

// Buffers of this many bytes or more are advised.
inline constexpr std::size_t kHugePageThreshold = std::size_t{4} << 20;

// Reserves room for `n` elements in `buffer` (a std::vector or std::string) and, where
// `advise`, advises it (above): every such buffer of the readers is made so.
template <class Buffer>
void reserve_in_huge_pages(Buffer& buffer, std::size_t n, bool advise = true) {
  buffer.reserve(n);
  if (advise) advise_huge_pages(buffer.data(), buffer.capacity() * sizeof(*buffer.data()));
}

}  // namespace essaykit::detail

#endif
