// Template definitions for words.h.
#ifndef ESSAYKIT_SRC_TEXT_WORDS_INL_H
#define ESSAYKIT_SRC_TEXT_WORDS_INL_H

#include <string>

#include "text_util.h"

namespace essaykit::detail::text {

// The stem a word is compared by: the word without a plural or tense ending ("decades",
// "decade"; "published", "publish"), so that a body and its reference meet on the idea
// rather than the form.
inline std::size_t stem_length(const char* w, std::size_t len) {
  auto ends = [&](const char* suffix, std::size_t n) {
    return len >= n + 3 && std::char_traits<char>::compare(w + len - n, suffix, n) == 0;
  };
  if (ends("ing", 3)) return len - 3;
  if (ends("ies", 3)) return len - 3;
  if (ends("ed", 2) || ends("es", 2) || ends("ly", 2)) return len - 2;
  if (ends("s", 1) && w[len - 2] != 's') return len - 1;
  return len;
}

template <class F>
void for_each_content_word(std::string_view s, F&& f) {
  char buf[24];
  std::size_t len = 0;
  bool long_word = false;  // (over 24 bytes: hashed whole, unstemmed)
  std::uint64_t h = 14695981039346656037ull;  // FNV-1a of the whole lower-cased word, for long words
  auto flush = [&]() -> bool {
    bool go_on = true;
    if (len >= 3 && !(len <= 8 && is_stop_word(std::string_view(buf, len)))) {
      std::uint64_t x = h;
      if (!long_word) {
        x = 14695981039346656037ull;
        const std::size_t n = stem_length(buf, len);
        for (std::size_t k = 0; k < n; ++k) x = (x ^ static_cast<unsigned char>(buf[k])) * 1099511628211ull;
      }
      go_on = f(x);
    }
    h = 14695981039346656037ull;
    len = 0;
    long_word = false;
    return go_on;
  };
  // (The whole word's hash is begun only once the word is long: most words fit the buffer
  // and are hashed by their stem alone.)
  auto add = [&](char c) {
    if (len < sizeof buf) {
      buf[len++] = c;
      return;
    }
    if (!long_word)
      for (const char b : buf) h = (h ^ static_cast<unsigned char>(b)) * 1099511628211ull;
    long_word = true;
    ++len;
    h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  };
  for (char c : s) {
    if (is_ascii_alpha(c)) add(to_lower_ascii(c));
    else if (static_cast<unsigned char>(c) >= 0x80 || (is_ascii_digit(c) && len > 0)) add(c);
    else if (len > 0 && !flush()) return;
  }
  if (len > 0) flush();
}

}  // namespace essaykit::detail::text

#endif
