// Template definitions for words.h.
#ifndef ESSAYKIT_SRC_TEXT_WORDS_INL_H
#define ESSAYKIT_SRC_TEXT_WORDS_INL_H

#include "text_util.h"

namespace essaykit::detail::text {

template <class F>
void for_each_content_word(std::string_view s, F&& f) {
  std::uint64_t h = 14695981039346656037ull;  // FNV-1a over the lower-cased bytes
  char buf[8];
  std::size_t len = 0;
  auto flush = [&]() -> bool {
    bool go_on = true;
    if (len >= 3 && !(len <= sizeof buf && is_stop_word(std::string_view(buf, len)))) go_on = f(h);
    h = 14695981039346656037ull;
    len = 0;
    return go_on;
  };
  auto add = [&](char c) {
    if (len < sizeof buf) buf[len] = c;
    ++len;
    h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  };
  for (char c : s) {
    if (is_ascii_alpha(c)) add(to_lower_ascii(c));
    else if (static_cast<unsigned char>(c) >= 0x80 || (is_ascii_digit(c) && len > 0)) add(c);
    else if (len > 0 && !flush()) return;
    else len = 0;
  }
  if (len > 0) flush();
}

}  // namespace essaykit::detail::text

#endif
