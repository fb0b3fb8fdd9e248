// A list that grows without moving what it holds.
#ifndef ESSAYKIT_SRC_CHUNKED_LIST_H
#define ESSAYKIT_SRC_CHUNKED_LIST_H

#include <cstddef>
#include <utility>
#include <vector>

#include "huge_pages.h"

namespace essaykit::detail {

// The elements in chunks, so that the list never holds an old and a new array at once
// (a vector that doubles copies every element and, for a moment, holds both) and leaves
// none behind. The first chunk holds `First` elements, of a size that suits a post; the
// others 2^Shift each. A list told it will grow large (expect_large) takes those others in
// huge pages (advise_huge_pages): a large input's candidates are written front to back,
// each page once. Elements are appended only; an element's address never changes. Moved,
// not copied (a copy's chunks would have no room to grow in place).
template <class T, std::size_t First, std::size_t Shift>
class ChunkedList {
 public:
  static constexpr std::size_t kFirst = First, kChunk = std::size_t{1} << Shift;

  ChunkedList() = default;
  ChunkedList(const ChunkedList&) = delete;
  ChunkedList& operator=(const ChunkedList&) = delete;
  ChunkedList(ChunkedList&& o) noexcept
      : chunks_(std::move(o.chunks_)), size_(std::exchange(o.size_, 0)), large_(o.large_) {
    o.chunks_.clear();
  }
  ChunkedList& operator=(ChunkedList&& o) noexcept {
    chunks_ = std::move(o.chunks_);
    o.chunks_.clear();
    size_ = std::exchange(o.size_, 0);
    large_ = o.large_;
    return *this;
  }

  std::size_t size() const { return size_; }
  T& operator[](std::size_t k) { return const_cast<T&>(std::as_const(*this)[k]); }
  const T& operator[](std::size_t k) const {
    if (k < kFirst) return chunks_[0][k];
    k -= kFirst;
    return chunks_[1 + (k >> Shift)][k & (kChunk - 1)];
  }
  void push_back(const T& x) {
    if (size_ == 0 || (size_ >= kFirst && (size_ - kFirst) % kChunk == 0)) {
      chunks_.emplace_back();
      if (chunks_.size() == 1) chunks_.back().reserve(kFirst);
      else reserve_in_huge_pages(chunks_.back(), kChunk, large_);
    }
    chunks_.back().push_back(x);
    ++size_;
  }
  // Will the list hold many more than kFirst elements? (Only then are its later chunks
  // advised: a document that just passes kFirst pays no huge page for a few more.)
  void expect_large(bool large) { large_ = large; }
  void release() {
    std::vector<std::vector<T>>().swap(chunks_);
    size_ = 0;
  }

 private:
  std::vector<std::vector<T>> chunks_;
  std::size_t size_ = 0;
  bool large_ = false;
};

}  // namespace essaykit::detail

#endif
