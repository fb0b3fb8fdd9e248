// Internal helpers shared by the readers and passes: line numbers, UTF-8, whitespace.
#ifndef ESSAYKIT_SRC_TEXT_UTIL_H
#define ESSAYKIT_SRC_TEXT_UTIL_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "essaykit/document.h"

namespace essaykit::detail {

// Byte offset → 1-based line (lines end at LF), by binary search over line starts.
class LineIndex {
 public:
  explicit LineIndex(std::string_view input);
  std::size_t line_of(std::size_t offset) const;
  std::size_t line_count() const { return lines_; }
  std::size_t line_start(std::size_t line) const {  // 1-based
    return wide_.empty() ? starts_[line - 1] : wide_[line - 1];
  }
  Span span(std::size_t start, std::size_t end) const { return Span{start, end, line_of(start)}; }
  // The same, for a caller that asks in the order of the text: `hint` is the line the
  // last answer gave (start with 1), and the line is looked for from there first.
  std::size_t line_of(std::size_t offset, std::size_t& hint) const;
  Span span(std::size_t start, std::size_t end, std::size_t& hint) const {
    return Span{start, end, line_of(start, hint)};
  }

 private:
  // Where each line starts: in 32 bits for an input under 4 GiB (the plain-text reader
  // keeps this beside its own table of lines), else in `wide_`.
  std::vector<std::uint32_t> starts_;
  std::vector<std::size_t> wide_;
  std::size_t lines_ = 0;
};

// Calls on_invalid(start, end) for each maximal run of bytes that are not valid UTF-8,
// and returns how many bytes were invalid.
template <class F>
std::size_t for_each_invalid_utf8(std::string_view s, F&& on_invalid);

// Appends `s` to `out` with every invalid UTF-8 sequence replaced by U+FFFD.
void append_valid_utf8(std::string& out, std::string_view s);
inline std::string valid_utf8(std::string_view s) {
  std::string out;
  append_valid_utf8(out, s);
  return out;
}

// Text for a derived field (a title, an item, a footnote body): valid UTF-8 and in
// Unicode normalization form C, so that "Le\u0301o" and "L\u00e9o" compare equal.
std::string clean_text(std::string_view s);
// Is `s` what clean_text(collapse_whitespace(s)) would give, told without building it?
// True for valid UTF-8 whose white space is single spaces inside it and whose other
// characters normalization leaves alone (ASCII, typographic quotes and dashes); false
// when unsure (an accented letter, a no-break space), so that a caller copies only then.
bool reads_as_is(std::string_view s);

// next_code_point where s[i] is not ASCII.
std::uint32_t next_code_point_multibyte(std::string_view s, std::size_t& i);
// The code point at s[i] (U+FFFD for an invalid sequence); advances i past it. (ASCII
// is decoded inline: this runs for every character of every line.)
inline std::uint32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) {
    ++i;
    return b;
  }
  return next_code_point_multibyte(s, i);
}
// The code point ending just before s[i]; moves i back to its first byte.
std::uint32_t prev_code_point(std::string_view s, std::size_t& i);

inline bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
// The value of a hex digit, or -1.
inline int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
inline bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
inline char to_lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c | 0x20) : c; }
inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
// The end of the line at `pos`: the first CR or LF from `pos` on, or the end of `s`.
// (string_view::find_first_of("\r\n") calls memchr on its two bytes for every byte
// it passes.)
inline std::size_t line_break_from(std::string_view s, std::size_t pos) {
  for (; pos < s.size(); ++pos)
    if (s[pos] == '\n' || s[pos] == '\r') return pos;
  return s.size();
}

// The length of the white space that starts at s[i], else 0: an ASCII space (is_space) or
// a Unicode one that pages and browser copies carry (U+00A0 no-break, U+2000-U+200A from
// &ensp; to &hairsp;, U+202F, U+205F, U+3000 ideographic). With `zero_width`, also the
// characters that show nothing (U+200B-U+200D, U+2060 word joiner, U+FEFF): no text of
// their own, but no white space either (a word goes on across them).
inline std::size_t unicode_space_at(std::string_view s, std::size_t i, bool zero_width = false) {
  if (i >= s.size()) return 0;
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  if (c < 0x80) return is_space(s[i]) ? 1 : 0;
  if (c == 0xC2) return i + 1 < s.size() && b(i + 1) == 0xA0 ? 2 : 0;
  if (i + 2 >= s.size()) return 0;
  if (c == 0xE2 && b(i + 1) == 0x80)
    // (The third byte must continue the sequence: cut-off UTF-8, "\xE2\x80" then ASCII, is
    // no space, and the ASCII byte is not to be taken with it.)
    return b(i + 2) >= 0x80 && (b(i + 2) <= 0x8A || b(i + 2) == 0xAF || (zero_width && b(i + 2) <= 0x8D)) ? 3 : 0;
  if (c == 0xE2 && b(i + 1) == 0x81) return b(i + 2) == 0x9F || (zero_width && b(i + 2) == 0xA0) ? 3 : 0;
  if (c == 0xE3) return b(i + 1) == 0x80 && b(i + 2) == 0x80 ? 3 : 0;
  if (c == 0xEF) return zero_width && b(i + 1) == 0xBB && b(i + 2) == 0xBF ? 3 : 0;
  return 0;
}
// Where what closes on a sentence's stop ends, read back from e: the position before the
// run of closing quotes, brackets and emphasis marks (" ' ) ] * _ ” ’) that ends at e.
// ('…said."' back to its '.': '." .) .” .’'.)
inline std::size_t before_closers(std::string_view t, std::size_t e) {
  while (e > 0) {
    const char c = t[e - 1];
    if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '*' || c == '_') {
      --e;
      continue;
    }
    if (e >= 3 && static_cast<unsigned char>(t[e - 3]) == 0xE2 && static_cast<unsigned char>(t[e - 2]) == 0x80 &&
        (static_cast<unsigned char>(c) == 0x9D || static_cast<unsigned char>(c) == 0x99)) {
      e -= 3;
      continue;
    }
    break;
  }
  return e;
}

// Do the bytes [from, end) of s end on a year, four digits from 1900 to 2099 with no digit
// or '.' before them ("founded in 2010")? (Where digits glued to its stop are a note's
// number, not a decimal's: "in 2010.1 It grew", refs.cpp and the splitter.)
inline bool ends_on_year(std::string_view s, std::size_t from, std::size_t end) {
  if (end < from + 4 || end > s.size()) return false;
  const std::size_t b = end - 4;
  for (std::size_t k = b; k < end; ++k)
    if (!is_ascii_digit(s[k])) return false;
  if (b > from && (is_ascii_digit(s[b - 1]) || s[b - 1] == '.')) return false;
  return (s[b] == '1' && s[b + 1] == '9') || (s[b] == '2' && s[b + 1] == '0');
}

// The length of the white space that ends just before s[e] (as unicode_space_at), else 0.
inline std::size_t unicode_space_before(std::string_view s, std::size_t e, bool zero_width = false) {
  if (e == 0 || e > s.size()) return 0;
  if (is_space(s[e - 1])) return 1;
  if (static_cast<unsigned char>(s[e - 1]) < 0x80) return 0;
  if (e >= 2 && unicode_space_at(s, e - 2, zero_width) == 2) return 2;
  if (e >= 3 && unicode_space_at(s, e - 3, zero_width) == 3) return 3;
  return 0;
}

// Whitespace runs (ASCII and U+00A0) collapsed to one space, ends trimmed.
std::string collapse_whitespace(std::string_view s);

// The lower-cased content words of `s` (3+ letters, not the commonest function words),
// appended to `out` until it holds `max_words`: what two passages share when one
// continues or restates the other.
void content_words(std::string_view s, std::vector<std::string>& out, std::size_t max_words);
// One of the commonest English function words content_words leaves out ("the", "which").
bool is_stop_word(std::string_view lower_case_word);

// (These run over every line with lists of affixes: the first byte rules most out
// before a byte-wise comparison is called.)
inline bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && (prefix.empty() || s.front() == prefix.front()) &&
         s.substr(0, prefix.size()) == prefix;
}
inline bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && (suffix.empty() || s.back() == suffix.back()) &&
         s.substr(s.size() - suffix.size()) == suffix;
}
// Equality of two words, the first bytes compared before the rest (see starts_with).
constexpr bool same_word(std::string_view a, std::string_view b) {
  return a.size() == b.size() && (a.empty() || a.front() == b.front()) && a == b;
}
// Whether two footnote labels name one note as CommonMark matches labels: Unicode case
// folding ("Note" and "note", "ß" and "SS"), runs of white space as one space.
bool same_label(std::string_view a, std::string_view b);
// A label in the form same_label compares: labels that name one note fold alike.
std::string folded_label(std::string_view label);

// Equality ignoring ASCII case ("Conclusion", "CONCLUSION", "conclusion"); other bytes
// compare as they are, so UTF-8 text is safe to pass.
inline bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (to_lower_ascii(a[i]) != to_lower_ascii(b[i])) return false;
  return true;
}
// Does s equal one of `words`, ignoring ASCII case (a section's name, a heading's words)?
template <std::size_t N>
bool iequals_any(std::string_view s, const std::string_view (&words)[N]) {
  for (std::string_view w : words)
    if (iequals(s, w)) return true;
  return false;
}
inline bool iends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && iequals(s.substr(s.size() - suffix.size()), suffix);
}

// A small fixed set of lower-case words, asked of every word of every line. The lengths
// its words have, by first letter, rule most words out with one look-up, before any
// is compared.
template <std::size_t N>
class WordSet {
 public:
  constexpr explicit WordSet(const std::string_view (&words)[N]) {
    for (std::size_t k = 0; k < N; ++k) {
      words_[k] = words[k];
      const std::string_view w = words[k];
      if (!w.empty() && w.front() >= 'a' && w.front() <= 'z' && w.size() < 32)
        lengths_[static_cast<std::size_t>(w.front() - 'a')] |= std::uint32_t{1} << w.size();
      else
        unindexed_ = true;  // (then every word is compared)
    }
  }
  // False when no word of the set has w's first letter and length (one look-up); true
  // when one may be w.
  constexpr bool may_contain(std::string_view w) const {
    return unindexed_ || (!w.empty() && w.size() < 32 && w.front() >= 'a' && w.front() <= 'z' &&
                          (lengths_[static_cast<std::size_t>(w.front() - 'a')] >> w.size() & 1));
  }
  constexpr bool contains(std::string_view w) const {
    if (!may_contain(w)) return false;
    for (std::string_view x : words_)
      if (same_word(w, x)) return true;
    return false;
  }

 private:
  std::string_view words_[N] = {};
  std::uint32_t lengths_[26] = {};
  bool unindexed_ = false;
};

// An abbreviation that stands before a number ("No. 5", "fig 3", "Jan 12", "p. 55"),
// compared ignoring case and without its period.
bool is_number_abbreviation(std::string_view word);

// `s` without leading and trailing ASCII whitespace.
std::string_view trim(std::string_view s);

// The UTF-8 bytes of code point `cp` into `out` (at most 4); how many. NUL, a surrogate
// or a value past U+10FFFF gives U+FFFD.
std::size_t encode_utf8(std::uint32_t cp, char* out);

// The last `max_chars` characters of `s` (whole code points), whitespace collapsed.
std::string tail_chars(std::string_view s, std::size_t max_chars);

// Tokens separated by white space (ASCII or U+00A0) holding at least one letter or digit; a
// token in a script written without spaces (Japanese, Chinese, Thai, Lao, Khmer, Burmese)
// counts the words ICU's word break iterator finds in it (its segments of numbers, letters,
// kana or ideographs), one at least.
std::size_t count_words(std::string_view s);

}  // namespace essaykit::detail

#include "text_util_inl.h"

#endif
