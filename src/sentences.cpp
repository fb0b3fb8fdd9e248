// The sentences pass: a one-pass rule-based segmenter.
//
// A boundary is a run of terminators (. ! ? …) with whatever closes after it
// (quotes, brackets, a footnote number glued to the stop), followed by white space
// and the opening of a new sentence. Most of the work is in what keeps a '.' from
// ending a sentence, as a reader decides it:
// - abbreviations: titles before a name (Mr., Dr., St.) never end one; others
//   (etc., e.g., U.S., a.m.) end one only when a word that opens sentences follows;
// - initials ("Jonas E. Smith", "Albert I. Jones"), numbers and versions (2.5,
//   v1.2.3, $100.00), e-mail addresses and URLs, which keep their periods;
// - list markers inside a line ("1.) first 2.) second", "a. x b. y"), which start
//   sentences rather than end them;
// - ellipses: ". . ." inside a sentence goes on; "word. . . ." ends one.
// The CJK stops (。！？) are the exception: Chinese and Japanese put no space after them,
// so they end a sentence whatever follows.
// It scans each byte once, looking back and ahead a few bytes at most (what it needs of
// the token or word around a stop is carried along: see Around).
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include "essaykit/sentences.h"
#include "passes.h"

namespace essaykit::detail {
namespace {

bool is_upper_ascii(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower_ascii(char c) { return c >= 'a' && c <= 'z'; }

template <std::size_t N>
bool in_set(std::string_view word, const std::array<std::string_view, N>& set) {
  return std::any_of(set.begin(), set.end(), [&](std::string_view x) { return iequals(word, x); });
}

// Titles and other abbreviations that stand before a name: never a sentence end.
constexpr std::array<std::string_view, 18> kPrepositive = {"mr", "mrs", "ms", "dr", "prof", "st", "mt", "sr", "jr", "rev",
                                                            "gen", "col", "capt", "lt", "sgt", "gov", "hon", "messrs"};
// Abbreviations that end a sentence only when a sentence opener follows.
constexpr std::array<std::string_view, 18> kAbbreviations = {
    "etc", "vs", "cf", "al", "approx", "ca", "co", "corp", "inc", "ltd", "dept", "est",
    "ed", "eds", "viz", "ft", "min", "max"};
// Abbreviations that stand before a number ("No. 5", "Fig. 3", "Jan. 12";
// is_number_abbreviation) are also words ("say no.", "in a sec."), so before a
// capitalised word they end a sentence like any other word.
// Words that open sentences, for deciding after an abbreviation: "U.S. How" ends one,
// "U.S. Government" does not. Pronouns, articles and determiners, question words,
// prepositions and conjunctions, and the adverbs that link a sentence to the one before
// ("5 p.m. Afterwards we …", "etc. Then …"): words a name is not.
constexpr std::array<std::string_view, 80> kOpeners = {
    "i", "it", "he", "she", "we", "they", "you", "the", "this", "that", "these", "those", "how", "what",
    "why", "when", "where", "who", "there", "in", "on", "at", "but", "and", "so", "if", "a", "an",
    "my", "our", "his", "her", "their", "its", "is", "are", "was", "did", "do", "does",
    "afterwards", "afterward", "then", "later", "meanwhile", "however", "also", "still", "yet", "finally",
    "after", "before", "as", "while", "although", "though", "since", "because", "for", "with", "by", "from",
    "some", "many", "most", "all", "each", "every", "no", "not", "one", "nothing",
    "nobody", "everybody", "somebody", "everyone", "someone", "anyone", "everything", "something"};

// Byte classes, looked up once per byte by the scans below.
constexpr std::uint8_t kLetter = 1, kSpace = 2, kPathByte = 4, kDot = 8, kStopByte = 16;
constexpr auto kByteClass = [] {
  std::array<std::uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    std::uint8_t k = 0;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) k |= kLetter;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') k |= kSpace;
    if (c == '/' || c == '_' || c == '@' || c == ':') k |= kPathByte;
    if (c == '.') k |= kDot;
    // What the main loop stops at: a line feed, a terminator, the first byte of '…' and
    // of the CJK stops (。 U+3002; ！ U+FF01, ？ U+FF1F, ｡ U+FF61).
    if (c == '\n' || c == '.' || c == '!' || c == '?' || c == 0xE2 || c == 0xE3 || c == 0xEF) k |= kStopByte;
    t[static_cast<std::size_t>(c)] = k;
  }
  return t;
}();

// The first byte at or after `i` that the main loop stops at (kStopByte), else t.size().
// Most of a text is none: it is passed eight bytes at a time while they hold no byte at
// 0x80 or over (the first bytes of '…' and of the CJK stops are among those) and no
// line feed, '.', '!' or '?'.
std::size_t next_stop_byte(std::string_view t, std::size_t i) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  // (Whether a byte of x is b: exact for "any", as the test below needs.)
  auto holds = [](std::uint64_t x, unsigned char b) {
    const std::uint64_t y = x ^ (kOnes * b);
    return ((y - kOnes) & ~y & kHigh) != 0;
  };
  for (;;) {
    for (; i + 8 <= t.size(); i += 8) {
      std::uint64_t x;
      std::memcpy(&x, t.data() + i, 8);
      if ((x & kHigh) || holds(x, '\n') || holds(x, '.') || holds(x, '!') || holds(x, '?')) break;
    }
    // The eight that hold one (or the last few bytes), byte by byte.
    const std::size_t end = std::min(t.size(), i + 8);
    while (i < end && !(kByteClass[static_cast<unsigned char>(t[i])] & kStopByte)) ++i;
    if (i < end || i == t.size()) return i;
  }
}

// What the segmenter reads around a stop: the token (a run of bytes without white space)
// that holds it and the word (letters and inner periods) that ends at it. Stops come in
// increasing order, so each is found from where the last one left off rather than by
// scanning back from the stop: a text with no white space ("![![![…", "a\\!a\\!…") is
// one token, and scanning it again at every stop made the pass quadratic.
class Around {
 public:
  explicit Around(std::string_view t) : t_(t) {}

  // Where the token that holds the byte before `stop` begins.
  std::size_t token_begin(std::size_t stop) {
    advance(stop);
    return token_begin_;
  }
  // Where the token that holds `from` ends (`from` itself when it is white space).
  std::size_t token_end(std::size_t from) {
    if (from < end_from_ || from > token_end_) {
      token_end_ = from;
      while (token_end_ < t_.size() && !is_space(t_[token_end_])) ++token_end_;
    }
    end_from_ = from;
    return token_end_;
  }
  // Whether t[begin, end) holds an e-mail address or a URL; one look per token.
  bool address(std::size_t begin, std::size_t end) {
    if (begin != address_begin_ || end != address_end_) {
      const std::string_view token = t_.substr(begin, end - begin);
      address_begin_ = begin;
      address_end_ = end;
      is_address_ = token.find('@') != std::string_view::npos || token.find("://") != std::string_view::npos ||
                    token.find("www.") != std::string_view::npos;
    }
    return is_address_;
  }
  // Whether the token before `stop` holds a byte of a path or a name ('/', '_', '@', ':').
  bool path_before(std::size_t stop) {
    advance(stop);
    return path_byte_ > token_begin_;
  }
  // The word (letters and inner periods) that ends at `stop`.
  std::string_view word_before(std::size_t stop) {
    advance(stop);
    return t_.substr(word_begin_, stop - word_begin_);
  }

 private:
  // Reads the bytes up to `to` (positions only grow; an earlier one was read already).
  // Each mark is the last of its kind before `to`, so the new bytes are read from the
  // end back, and only as far as the mark: the last token's bytes, not all since the
  // last stop. (Each byte is still read at most once per mark: the pass stays linear.)
  void advance(std::size_t to) {
    if (to <= at_) return;
    std::size_t k = to;
    while (k > at_ && !(kByteClass[static_cast<unsigned char>(t_[k - 1])] & kSpace)) --k;
    if (k > at_) token_begin_ = k;
    // (A path byte before the token's start can no longer count: path_before asks
    // whether one lies inside the token.)
    for (std::size_t p = to; p > std::max(at_, token_begin_); --p)
      if (kByteClass[static_cast<unsigned char>(t_[p - 1])] & kPathByte) {
        path_byte_ = p;
        break;
      }
    for (std::size_t p = to; p > at_; --p) {
      const std::uint8_t c = kByteClass[static_cast<unsigned char>(t_[p - 1])];
      const bool in_word = (c & kLetter) || ((c & kDot) && p >= 2 && is_ascii_alpha(t_[p - 2]));
      if (!in_word) {
        word_begin_ = p;
        break;
      }
    }
    at_ = to;
  }

  std::string_view t_;
  std::size_t at_ = 0;           // the bytes before this were read
  std::size_t token_begin_ = 0;  // after the last white space read
  std::size_t path_byte_ = 0;    // after the last '/', '_', '@', ':' read in the token (0: none; one before it may be missed)
  std::size_t word_begin_ = 0;   // after the last byte read that is no part of a word
  std::size_t end_from_ = SIZE_MAX, token_end_ = 0;
  std::size_t address_begin_ = SIZE_MAX, address_end_ = SIZE_MAX;
  bool is_address_ = false;
};

// The word (letters only) that starts at `b`.
std::string_view word_at(std::string_view t, std::size_t b) {
  std::size_t e = b;
  while (e < t.size() && is_ascii_alpha(t[e])) ++e;
  return t.substr(b, e - b);
}

std::size_t closer_length(std::string_view t, std::size_t i) {
  auto c = static_cast<unsigned char>(t[i]);
  if (c == '[' && i + 1 < t.size() && t[i + 1] == '^') {  // a Markdown footnote marker: "records.[^1] I"
    // (Looked for within the label's length limit: a text of "![^![^…" stays linear.)
    std::size_t close = t.substr(i, 65).find(']');
    return close != std::string_view::npos ? close + 1 : 0;
  }
  if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '*' || c == '_') return 1;
  if (c == 0xE2 && i + 2 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0x80 &&
      (static_cast<unsigned char>(t[i + 2]) == 0x9D || static_cast<unsigned char>(t[i + 2]) == 0x99))
    return 3;  // ” ’
  if (c == 0xC2 && i + 1 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0xBB) return 2;  // »
  if (i + 2 < t.size()) {  // the CJK closing quotes and brackets: 」』》〉】〕 and ）＂
    const auto c1 = static_cast<unsigned char>(t[i + 1]), c2 = static_cast<unsigned char>(t[i + 2]);
    if (c == 0xE3 && c1 == 0x80 && (c2 == 0x8D || c2 == 0x8F || c2 == 0x8B || c2 == 0x89 || c2 == 0x91 || c2 == 0x95))
      return 3;
    if (c == 0xEF && c1 == 0xBC && (c2 == 0x89 || c2 == 0x82)) return 3;
  }
  return 0;
}

// The length of a bracketed note number at t[i], "[1]" to "[999]", or 0.
std::size_t bracketed_number(std::string_view t, std::size_t i) {
  if (t[i] != '[') return 0;
  std::size_t k = i + 1;
  while (k < t.size() && is_ascii_digit(t[k]) && k - i <= 3) ++k;
  return k > i + 1 && k < t.size() && t[k] == ']' ? k + 1 - i : 0;
}

// After a year's stop (ends_on_year), one or two digits and a word that opens sentences: a
// note's number glued to the stop ("founded in 2010.1 It grew"), as the plain-text reader
// takes it, not a decimal, which would end no sentence ("cost 2010.5 Euros" goes on). (The
// stop at `stop`; the digits: [j, k).)
bool year_note_mark(std::string_view t, std::size_t stop, std::size_t j, std::size_t k) {
  if (stop + 1 != j || t[stop] != '.' || !ends_on_year(t, 0, stop)) return false;
  std::size_t n = k;
  for (std::size_t w; n < t.size() && (w = unicode_space_at(t, n)) != 0;) n += w;
  return n < t.size() && is_upper_ascii(t[n]) && in_set(word_at(t, n), kOpeners);
}

// The length of the superscript digit at t[i] (¹ ² ³ ⁰ ⁴ … ⁹: a note's mark as a page sets
// it, "saves.¹ Heart"), or 0.
std::size_t superscript_digit(std::string_view t, std::size_t i) {
  const auto u = [&](std::size_t k) { return static_cast<unsigned char>(t[k]); };
  if (i + 1 < t.size() && u(i) == 0xC2 && (u(i + 1) == 0xB9 || u(i + 1) == 0xB2 || u(i + 1) == 0xB3)) return 2;
  if (i + 2 < t.size() && u(i) == 0xE2 && u(i + 1) == 0x81 && (u(i + 2) == 0xB0 || (u(i + 2) >= 0xB4 && u(i + 2) <= 0xB9)))
    return 3;
  return 0;
}

// The length of the CJK stop at t[i] (。！？ or the half-width ｡), or 0.
std::size_t cjk_stop_length(std::string_view t, std::size_t i) {
  if (i + 2 >= t.size()) return 0;
  const auto c = static_cast<unsigned char>(t[i]), c1 = static_cast<unsigned char>(t[i + 1]),
             c2 = static_cast<unsigned char>(t[i + 2]);
  const bool stop = (c == 0xE3 && c1 == 0x80 && c2 == 0x82) || (c == 0xEF && c1 == 0xBC && (c2 == 0x81 || c2 == 0x9F)) ||
                    (c == 0xEF && c1 == 0xBD && c2 == 0xA1);
  return stop ? 3 : 0;
}

bool has_cjk_stop(std::string_view t) {
  for (std::string_view stop : {"\xE3\x80\x82", "\xEF\xBC\x81", "\xEF\xBC\x9F", "\xEF\xBD\xA1"})
    if (t.find(stop) != std::string_view::npos) return true;
  return false;
}

// Whether the byte at `i` follows an apostrophe (' or ’) that follows a letter.
bool after_apostrophe(std::string_view t, std::size_t i) {
  if (i >= 2 && t[i - 1] == '\'') return is_ascii_alpha(t[i - 2]);
  return i >= 4 && t.substr(i - 3, 3) == "\xE2\x80\x99" && is_ascii_alpha(t[i - 4]);
}

bool is_ellipsis_char(std::string_view t, std::size_t i) {  // …
  return i + 2 < t.size() && static_cast<unsigned char>(t[i]) == 0xE2 && static_cast<unsigned char>(t[i + 1]) == 0x80 &&
         static_cast<unsigned char>(t[i + 2]) == 0xA6;
}

// A list marker at t[i] ("1.)", "2)", "3.", "b.", "•", "⁃", "-") preceded by a space
// or the start: its length, and its value for the numbered and lettered ones.
struct InlineMarker {
  std::size_t length = 0;
  long value = 0;  // 0 for bullets
  bool letter = false;
};
InlineMarker inline_marker(std::string_view t, std::size_t i, bool after_bullet = false) {
  InlineMarker m;
  if (i > 0 && !is_space(t[i - 1]) && !after_bullet) return m;
  auto u = [&](std::size_t k) { return static_cast<unsigned char>(t[k]); };
  if (i + 2 < t.size() && u(i) == 0xE2 && ((u(i + 1) == 0x80 && u(i + 2) == 0xA2) || (u(i + 1) == 0x81 && u(i + 2) == 0x83))) {
    m.length = 3;  // • ⁃
    return m;
  }
  std::size_t j = i;
  while (j < t.size() && is_ascii_digit(t[j]) && j - i < 2) ++j;
  if (j > i) {
    m.value = std::stol(std::string(t.substr(i, j - i)));
  } else if (i < t.size() && is_lower_ascii(t[i])) {
    j = i + 1;
    m.value = t[i] - 'a' + 1;
    m.letter = true;
  } else {
    return m;
  }
  if (j < t.size() && t[j] == '.' && j + 1 < t.size() && t[j + 1] == ')') j += 2;
  else if (j < t.size() && (t[j] == '.' || t[j] == ')')) ++j;
  else return {};
  if (j >= t.size() || !is_space(t[j])) return {};
  if (m.letter && t[j - 1] != '.' && t[j - 1] != ')') return {};
  m.length = j - i;
  return m;
}

// Whether the bracket opening at t[b] holds a sentence of its own: a capital opens it, and
// a stop ends what it holds before its closing bracket ("(Some disagree.)", "(Book
// recommendations very welcome!)"). A bracket not closed within 600 bytes (a long aside's
// few sentences), or before a blank line, says nothing. `unclosed_until`: where an earlier
// look ended without a close; a bracket before that point is not looked at again and says
// nothing (a bracket opened inside an unclosed one may close, and its sentence is then not
// split off: a missed split, never a wrong one), so that a text of brackets that never close
// is not read again from each of them.
bool brackets_a_sentence(std::string_view t, std::size_t b, std::size_t& unclosed_until) {
  if (b + 1 >= t.size() || !is_upper_ascii(t[b + 1]) || b < unclosed_until) return false;
  int depth = 0;
  const std::size_t reach = std::min(t.size(), b + 600);
  for (std::size_t k = b; k < reach; ++k) {
    if (t[k] == '\n' && k + 1 < t.size() && t[k + 1] == '\n') {
      unclosed_until = k;
      return false;
    }
    if (t[k] == '(') ++depth;
    if (t[k] != ')' || --depth > 0) continue;
    const std::size_t e = before_closers(t, k);
    return e > b + 1 && (t[e - 1] == '.' || t[e - 1] == '!' || t[e - 1] == '?' || (e >= 3 && is_ellipsis_char(t, e - 3)));
  }
  unclosed_until = reach;
  return false;
}

}  // namespace

bool is_abbreviation(std::string_view word) { return in_set(word, kPrepositive) || in_set(word, kAbbreviations); }

void split_sentences(std::string_view t, std::vector<std::pair<std::size_t, std::size_t>>& out) {
  // A sentence neither opens nor ends in white space, Unicode's included, and one that
  // holds nothing else (a paragraph of &nbsp; or of a zero-width space) is none.
  auto skip_blank = [&](std::size_t& k) {
    for (std::size_t w; (w = unicode_space_at(t, k, true)) != 0;) k += w;
  };
  std::size_t start = 0, unclosed_until = 0;
  skip_blank(start);
  auto emit = [&](std::size_t end) {
    std::size_t e = std::min(end, t.size());
    for (std::size_t w; e > start && (w = unicode_space_before(t, e, true)) != 0;) e -= w;
    if (e > start) out.emplace_back(start, e);
    start = end;
    skip_blank(start);
  };
  Around around(t);
  // Inline list markers: a marker at the start opens a sequence; the next value
  // later in the text starts a new sentence.
  long next_marker = 0;
  bool marker_letters = false;
  std::size_t i = start;
  if (start < t.size()) {
    std::size_t s = start;
    bool bullet = false;
    if (t[s] == '\xE2') {  // a bullet, then maybe a number: "• 9. The first item"
      InlineMarker b = inline_marker(t, s);
      if (b.length) { s += b.length; bullet = true; while (s < t.size() && t[s] == ' ') ++s; }
    }
    InlineMarker m = inline_marker(t, s, bullet);
    if (m.length && m.value) { next_marker = m.value + 1; marker_letters = m.letter; i = s + m.length; }
    else if (bullet) { next_marker = -1; i = s; }  // bullets: each bullet opens an item
  }
  // Lines with no sentence punctuation at all ("features\ncontact manager") are a list
  // of fragments, one sentence each. A text that ends on a colon is one lead-in sentence
  // wrapped over lines ("…in mildly more formal terms, the\nidea is that we have:").
  // (A line without letters, such as a setext underline, stays with the line above.)
  std::size_t last = t.size();
  while (last > 0 && is_space(t[last - 1])) --last;
  const bool has_terminator = (last > 0 && t[last - 1] == ':') ||
                              std::any_of(t.begin(), t.end(), [](char c) { return c == '.' || c == '!' || c == '?'; }) ||
                              has_cjk_stop(t);
  if (!has_terminator && t.find('\n') != std::string_view::npos) {
    auto has_letter = [&](std::size_t b, std::size_t e) {
      for (std::size_t k = b; k < e; ++k)
        if (is_ascii_alpha(t[k]) || static_cast<unsigned char>(t[k]) >= 0x80) return true;
      return false;
    };
    std::size_t from = start;
    for (std::size_t nl; (nl = t.find('\n', from)) != std::string_view::npos; from = nl + 1) {
      std::size_t next_end = t.find('\n', nl + 1);
      if (next_end == std::string_view::npos) next_end = t.size();
      if (has_letter(nl + 1, next_end)) emit(nl);
    }
    emit(t.size());
    return;
  }

  while (i < t.size()) {
    // Without an inline list, only a line feed, a terminator or an ellipsis matters.
    if (next_marker == 0) {
      i = next_stop_byte(t, i);
      if (i == t.size()) break;
    }
    const char c = t[i];
    // A blank line always ends a sentence.
    if (c == '\n') {
      std::size_t j = i + 1;
      while (j < t.size() && (t[j] == ' ' || t[j] == '\t' || t[j] == '\r')) ++j;
      if (j < t.size() && t[j] == '\n') { emit(i); i = start; continue; }
      ++i;
      continue;
    }
    // The next item of an inline list opens a sentence.
    if (next_marker != 0 && i > start && is_space(t[i - 1])) {
      std::size_t s = i;
      InlineMarker b = inline_marker(t, s);
      bool bullet_here = b.length && !b.value;
      if (bullet_here) { s += b.length; while (s < t.size() && t[s] == ' ') ++s; }
      InlineMarker m = inline_marker(t, s, bullet_here);
      if ((next_marker < 0 && bullet_here) ||
          (next_marker > 0 && m.length && m.value == next_marker && m.letter == marker_letters)) {
        emit(i);
        if (next_marker > 0) ++next_marker;
        i = s + m.length;
        continue;
      }
    }
    if (std::size_t w = cjk_stop_length(t, i); w != 0) {
      // A CJK stop (or a run of them, "！？") and what closes after it end the sentence:
      // no space follows it in CJK text, and the next sentence may open with anything.
      std::size_t j = i + w;
      while (j < t.size() && ((w = cjk_stop_length(t, j)) != 0 || t[j] == '!' || t[j] == '?')) j += w ? w : 1;
      // A closer that also opens (" ' * _) closes here only where white space or the end
      // follows the run of them: nothing else tells '。"你好' (an opening quote) from '。"'.
      auto symmetric = [&](std::size_t k) { return t[k] == '"' || t[k] == '\'' || t[k] == '*' || t[k] == '_'; };
      for (std::size_t len; j < t.size() && (len = closer_length(t, j)) > 0;) {
        if (symmetric(j)) {
          std::size_t e = j;
          while (e < t.size() && symmetric(e)) ++e;
          if (e < t.size() && unicode_space_at(t, e) == 0 && closer_length(t, e) == 0) break;
        }
        j += len;
      }
      emit(j);
      i = start;
      continue;
    }
    const bool ell = is_ellipsis_char(t, i);
    if (c != '.' && c != '!' && c != '?' && !ell) { ++i; continue; }
    const std::size_t stop = i;

    // Spaced ellipsis ". . .": inside a sentence it goes on; right after a word's own
    // period ("compounds. . . . The") that period ends the sentence and the ellipsis
    // opens the next.
    if (c == '.' && i + 2 < t.size() && t[i + 1] == ' ' && t[i + 2] == '.') {
      std::size_t j = i;
      while (j + 2 < t.size() && t[j] == '.' && t[j + 1] == ' ' && t[j + 2] == '.') j += 2;
      ++j;  // past the last dot
      const std::size_t dots = (j - stop + 1) / 2;
      const bool after_word = stop > 0 && is_ascii_alpha(t[stop - 1]);
      std::size_t k = j;
      while (k < t.size() && is_space(t[k])) ++k;
      const bool opens_next = k > j && k < t.size() && is_upper_ascii(t[k]);
      if (dots >= 4 && opens_next) {
        // "word. . . . The": the word's period ends it and the ellipsis opens the next;
        // "period . . . . Next": the four dots end it.
        emit(after_word ? stop + 1 : j);
        i = start;
        continue;
      }
      i = j;
      continue;
    }

    std::size_t j = i;
    while (j < t.size()) {
      if (t[j] == '.' || t[j] == '!' || t[j] == '?') ++j;
      else if (is_ellipsis_char(t, j)) j += 3;
      else break;
    }
    const bool multi = j - stop > 1 || ell;
    const bool dots_only = t.substr(stop, j - stop).find_first_not_of('.') == std::string_view::npos;
    // "..." inside a sentence: going on in lower case ("mean...see") is no boundary.
    // What closes after the stop, and a footnote number glued to it ("code.1").
    // (And a bracketed note number, or a run of them: "cleaner.[1] Children", "it.[2][3] We",
    // as copies of wikis and papers keep them; and a superscript one, "saves.¹ Heart".)
    for (std::size_t len; j < t.size() && ((len = closer_length(t, j)) > 0 || (len = bracketed_number(t, j)) > 0 ||
                                           (len = superscript_digit(t, j)) > 0);)
      j += len;
    std::size_t k = j;
    while (k < t.size() && is_ascii_digit(t[k]) && k - j < 3) ++k;
    if (k > j && (k == t.size() || unicode_space_at(t, k)) && stop > 0 &&
        (!is_ascii_digit(t[stop - 1]) || (k - j <= 2 && year_note_mark(t, stop, j, k))))
      j = k;

    // (A no-break or other Unicode space after the stop parts sentences as a space does:
    // "end.&nbsp; Next", as editors write two spaces.)
    if (j < t.size() && !unicode_space_at(t, j)) {
      // A period inside a token (2.5, e.g, an address) is no boundary, except a
      // missing space: "world.Today", "1,000.That".
      const bool address = around.address(around.token_begin(stop), around.token_end(j));
      const bool missing_space = c == '.' && !multi && !address && is_upper_ascii(t[j]) && stop > 0 &&
                                 ((is_lower_ascii(t[stop - 1]) && around.word_before(stop).size() > 2) || is_ascii_digit(t[stop - 1])) &&
                                 j + 1 < t.size() && is_lower_ascii(t[j + 1]);
      if (!missing_space) { i = j; continue; }
      emit(j);
      i = start;
      continue;
    }
    // The next sentence's first character.
    std::size_t n = j;
    for (std::size_t w; (w = unicode_space_at(t, n)) != 0;) n += w;
    if (n >= t.size()) { i = j; break; }
    const char next = t[n];
    const std::string_view next_word = word_at(t, n);
    // (Asked only after an abbreviation: most stops follow a plain word.)
    auto next_opener = [&] { return in_set(next_word, kOpeners); };
    // (An opening bracket ends a sentence only where what it holds is one: a capital opens
    // it and a stop closes it, "free. (Some disagree.) But …"; not "et al. (2003)", "the
    // stop. (a)", nor a title's "Lost? (Across the Seas #2, February 2)".)
    bool boundary = !is_lower_ascii(next) && (next != '(' || brackets_a_sentence(t, n, unclosed_until));
    if (multi && dots_only && !is_upper_ascii(next) && next != '"') boundary = false;
    if (c == '.' && !multi) {
      std::string_view w = around.word_before(stop);
      // In a URL or path ("…/content.html. Please"), the word is a name, not an abbreviation.
      if (around.path_before(stop)) w = {};
      // "N°. 1026": a number sign.
      const bool number_sign = stop >= 3 && static_cast<unsigned char>(t[stop - 1]) == 0xB0 && t[stop - 3] == 'N';
      if (number_sign) boundary = false;
      else if (!w.empty()) {
        const bool dotted = w.find('.') != std::string_view::npos;  // U.S, e.g, a.m
        if (in_set(w, kPrepositive)) {
          boundary = false;
        } else if (w.size() == 1 && is_upper_ascii(w[0])) {
          // An initial ("Albert I. Jones"), unless it is the pronoun I after a
          // lower-case word ("you and I. Did").
          std::size_t b = stop - 1;
          while (b > 0 && is_space(t[b - 1])) --b;
          std::size_t wb = b;
          while (wb > 0 && is_ascii_alpha(t[wb - 1])) --wb;
          const bool after_lower = wb < b && is_lower_ascii(t[wb]);
          boundary = w == "I" && after_lower && is_upper_ascii(next);
        } else if (!dotted && is_number_abbreviation(w)) {
          boundary = is_upper_ascii(next);
        } else if (iequals(w, "etc")) {
          // "etc." closes a list, often the sentence's: before a capital it ends the
          // sentence ("…bread, etc. Then we went home."), before anything else not ("…pears,
          // etc. 20 kilos in all"). (A capital that goes on with the sentence, "etc. Mondays
          // only", is split off: the rarer reading.)
          boundary = is_upper_ascii(next);
        } else if (dotted || in_set(w, kAbbreviations)) {
          // An abbreviation ends a sentence before a word that opens one; a title
          // ("Mr.") opens one only after an upper-case abbreviation ("6 P.M. Mr. Smith").
          const bool upper_abbr = is_upper_ascii(w[0]);
          boundary = is_upper_ascii(next) && (next_opener() || (upper_abbr && in_set(next_word, kPrepositive)));
        } else if (w.size() == 1 && is_lower_ascii(w[0]) && !after_apostrophe(t, stop - 1)) {
          // (After an apostrophe the letter ends a word, "don't." or "Chris's.", not an
          // abbreviation.)
          // (Nor where the letter opens the sentence: "b. Something else" is a list's or a
          // heading's marker, as "1. The first" is.)
          const bool marker = t.substr(start, stop - 1 - start).find_first_not_of("# ") == std::string_view::npos;
          boundary = boundary && !marker && is_upper_ascii(next) && next_opener();  // "p. 55"
        }
      } else if (stop > 0 && is_ascii_digit(t[stop - 1])) {
        // "1. The first": a number opening the sentence is a list marker.
        std::size_t b = stop;
        while (b > start && is_ascii_digit(t[b - 1])) --b;
        if (b == start) boundary = false;
      }
    }
    if (boundary) { emit(j); i = start; }
    else i = j;
  }
  emit(t.size());
}

std::vector<Sentence> split_sentences(std::string_view input, const std::vector<ProseBlock>& prose,
                                      const LineIndex& lines, std::vector<std::uint32_t>& block_of) {
  std::vector<Sentence> out;
  block_of.clear();
  for_each_sentence(input, prose, [&](std::size_t block, std::size_t start, std::size_t end) {
    out.push_back({lines.span(start, end), {}});
    block_of.push_back(static_cast<std::uint32_t>(block));
  });
  return out;
}

std::size_t count_sentences(std::string_view input, const std::vector<ProseBlock>& prose) {
  std::size_t count = 0;
  for_each_sentence(input, prose, [&](std::size_t, std::size_t, std::size_t) { ++count; });
  return count;
}

}  // namespace essaykit::detail

ESSAYKIT_BEGIN_NAMESPACE

std::vector<Span> split_sentences(std::string_view text) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  const std::size_t bom = detail::starts_with(text, "\xEF\xBB\xBF") ? 3 : 0;  // (no part of the first sentence)
  detail::split_sentences(text.substr(bom), spans);
  detail::LineIndex lines(text);
  std::vector<Span> out;
  out.reserve(spans.size());
  for (auto [s, e] : spans) out.push_back(lines.span(bom + s, bom + e));
  return out;
}

ESSAYKIT_END_NAMESPACE
