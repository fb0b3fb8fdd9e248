// Template definitions for text_util.h.
#ifndef ESSAYKIT_SRC_TEXT_UTIL_INL_H
#define ESSAYKIT_SRC_TEXT_UTIL_INL_H

#include <unicode/utf8.h>

#include <cstdint>
#include <cstring>

namespace essaykit::detail {

template <class F>
std::size_t for_each_invalid_utf8(std::string_view s, F&& on_invalid) {
  std::size_t bad = 0, run_start = 0;
  bool in_run = false;
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  const std::int32_t n = static_cast<std::int32_t>(s.size());
  std::int32_t i = 0;
  while (i < n) {
    // ASCII fast path: eight bytes with no high bit at a time.
    if (!in_run) {
      while (i + 8 <= n) {
        std::uint64_t w;
        std::memcpy(&w, p + i, 8);
        if (w & 0x8080808080808080u) break;
        i += 8;
      }
      if (i >= n) break;
    }
    if (p[i] < 0x80) {
      if (in_run) { on_invalid(run_start, static_cast<std::size_t>(i)); in_run = false; }
      ++i;
      continue;
    }
    std::int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) {
      bad += static_cast<std::size_t>(i - start);
      if (!in_run) { run_start = static_cast<std::size_t>(start); in_run = true; }
    } else if (in_run) {
      on_invalid(run_start, static_cast<std::size_t>(start));
      in_run = false;
    }
  }
  if (in_run) on_invalid(run_start, s.size());
  return bad;
}

}  // namespace essaykit::detail

#endif
