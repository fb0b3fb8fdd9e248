#include "text_util.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <memory>
#include <unordered_set>

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>

namespace essaykit::detail {

namespace {
template <class Offset>
void find_line_starts(std::string_view input, std::vector<Offset>& starts) {
  starts.reserve(input.size() / 64 + 1);
  starts.push_back(0);
  for (std::size_t i = input.find('\n'); i != std::string_view::npos; i = input.find('\n', i + 1))
    starts.push_back(static_cast<Offset>(i + 1));
}
}  // namespace

LineIndex::LineIndex(std::string_view input) {
  if (input.size() <= UINT32_MAX) find_line_starts(input, starts_);
  else find_line_starts(input, wide_);
  // A final line without LF counts; a trailing LF does not open a new line.
  lines_ = wide_.empty() ? starts_.size() : wide_.size();
  if (!input.empty() && input.back() == '\n') --lines_;
}

std::size_t LineIndex::line_of(std::size_t offset) const {
  if (!wide_.empty()) return static_cast<std::size_t>(std::upper_bound(wide_.begin(), wide_.end(), offset) - wide_.begin());
  return static_cast<std::size_t>(std::upper_bound(starts_.begin(), starts_.end(), offset) - starts_.begin());
}

namespace {
// The line of `offset` in `starts`, from line `hint` on when it lies at or after that
// line's start: a few steps forward, then a search of what is left. (A search of the
// whole table misses the cache at most of its steps in a large input.)
template <class Offset>
std::size_t line_from(const std::vector<Offset>& starts, std::size_t offset, std::size_t hint) {
  if (hint < 1 || hint > starts.size() || starts[hint - 1] > offset)
    return static_cast<std::size_t>(std::upper_bound(starts.begin(), starts.end(), offset) - starts.begin());
  std::size_t line = hint;  // starts[line - 1] <= offset
  for (int step = 0; step < 8; ++step, ++line)
    if (line == starts.size() || starts[line] > offset) return line;
  return static_cast<std::size_t>(std::upper_bound(starts.begin() + static_cast<std::ptrdiff_t>(line), starts.end(), offset) -
                                  starts.begin());
}
}  // namespace

std::size_t LineIndex::line_of(std::size_t offset, std::size_t& hint) const {
  hint = wide_.empty() ? line_from(starts_, offset, hint) : line_from(wide_, offset, hint);
  return hint;
}

void append_valid_utf8(std::string& out, std::string_view s) {
  std::size_t done = 0;
  for_each_invalid_utf8(s, [&](std::size_t b, std::size_t e) {
    out.append(s.substr(done, b - done));
    out.append("\xEF\xBF\xBD");
    done = e;
  });
  out.append(s.substr(done));
}

std::string clean_text(std::string_view s) {
  std::string valid = valid_utf8(s);
  bool ascii = std::all_of(valid.begin(), valid.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) return valid;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return valid;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(valid);
  if (nfc->isNormalized(u, status) || U_FAILURE(status)) return valid;
  status = U_ZERO_ERROR;
  icu::UnicodeString n = nfc->normalize(u, status);
  if (U_FAILURE(status)) return valid;
  std::string out;
  n.toUTF8String(out);
  return out;
}

bool reads_as_is(std::string_view s) {
  if (s.empty()) return true;
  if (s.front() == ' ' || s.back() == ' ') return false;
  const icu::Normalizer2* nfc = nullptr;
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  const auto n = static_cast<std::int32_t>(s.size());
  for (std::int32_t i = 0; i < n;) {
    // Eight bytes at a time while they are printable ASCII with no two spaces side by
    // side (most of a sentence): a byte at 0x80 or over, under 0x20, or a space beside
    // another (or beside the last byte before) sends the eight to the loop below.
    if (i + 8 <= n && (i == 0 || p[i - 1] != ' ')) {
      std::uint64_t x;
      std::memcpy(&x, p + i, 8);
      constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
      const std::uint64_t spaces = x ^ (0x20 * kOnes);          // zero bytes where x has a space
      const std::uint64_t space_at = (spaces - kOnes) & ~spaces & kHigh;  // (may over-report)
      // (A space as the last of the eight goes below too: the loop there looks ahead only.)
      const bool odd = (x & kHigh) || ((x - 0x20 * kOnes) & ~x & kHigh) || (space_at & (space_at >> 8)) ||
                       (space_at >> 56);
      if (!odd) {
        i += 8;
        continue;
      }
    }
    const std::uint8_t b = p[i];
    if (b < 0x80) {
      if (is_space(static_cast<char>(b)) && (b != ' ' || (i + 1 < n && p[i + 1] == ' '))) return false;
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0 || c == 0xA0) return false;  // (invalid, or a no-break space: white space)
    if (nfc == nullptr) {
      UErrorCode status = U_ZERO_ERROR;
      nfc = icu::Normalizer2::getNFCInstance(status);
      if (U_FAILURE(status)) return false;
    }
    if (!nfc->isInert(c)) return false;
  }
  return true;
}

std::uint32_t next_code_point_multibyte(std::string_view s, std::size_t& i) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  std::int32_t j = static_cast<std::int32_t>(i);
  UChar32 c;
  U8_NEXT(p, j, static_cast<std::int32_t>(s.size()), c);
  i = static_cast<std::size_t>(j);
  return c < 0 ? 0xFFFD : static_cast<std::uint32_t>(c);
}

std::uint32_t prev_code_point(std::string_view s, std::size_t& i) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  if (p[i - 1] < 0x80) return p[--i];
  std::int32_t j = static_cast<std::int32_t>(i);
  UChar32 c;
  U8_PREV(p, 0, j, c);
  i = static_cast<std::size_t>(j);
  return c < 0 ? 0xFFFD : static_cast<std::uint32_t>(c);
}

std::string collapse_whitespace(std::string_view s) {
  // Bytes that may start white space: ASCII white space, and 0xC2 (U+00A0 is C2 A0).
  static constexpr auto kMaySpace = [] {
    std::array<bool, 256> t{};
    for (unsigned char c : {' ', '\t', '\n', '\r', '\f', '\v'}) t[c] = true;
    t[0xC2] = true;
    return t;
  }();
  // Written in place into a buffer of the input's size: the output is never longer.
  std::string out(s.size(), '\0');
  std::size_t n = 0;
  bool pending = false;
  for (std::size_t i = 0; i < s.size();) {
    // A run of bytes that are no white space is copied whole.
    std::size_t j = i;
    while (j < s.size() && !kMaySpace[static_cast<unsigned char>(s[j])]) ++j;
    if (j == i) {
      const char c = s[i];
      if (is_space(c)) { pending = true; ++i; continue; }
      if (i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
        pending = true;  // no-break space
        i += 2;
        continue;
      }
      j = i + 1;  // a 0xC2 that opens another character
    }
    if (pending && n > 0) out[n++] = ' ';
    pending = false;
    std::memcpy(&out[n], s.data() + i, j - i);
    n += j - i;
    i = j;
  }
  out.resize(n);
  return out;
}

std::size_t encode_utf8(std::uint32_t cp, char* out) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) { out[0] = static_cast<char>(cp); return 1; }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (cp >> 18));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

std::string_view trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  return s.substr(b, e - b);
}

std::string tail_chars(std::string_view s, std::size_t max_chars) {
  std::size_t i = s.size(), n = 0;
  while (i > 0 && n < max_chars) {
    prev_code_point(s, i);
    ++n;
  }
  return collapse_whitespace(valid_utf8(s.substr(i)));
}

namespace {

// Byte classes: 0 white space, 1 other, 2 word (ASCII letter or digit, or any non-ASCII
// byte: letters in other scripts), 4 on 0xC2, which may open a no-break space (U+00A0,
// C2 A0), and 8 on the first byte of a sequence that may be a letter of a script written
// without spaces between words (E0: Thai, Lao; E1: Myanmar, Khmer; E3-E9: kana and CJK
// ideographs; EF: compatibility ideographs, half-width kana; F0: CJK extensions). A table,
// not <cctype>, which calls into the locale for every byte. (No class 8 on E2, which opens
// the typographic quotes and dashes of Latin text.)
constexpr auto kWordClass = [] {
  std::array<std::uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    const bool word = c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    const bool spaceless = c == 0xE0 || c == 0xE1 || (c >= 0xE3 && c <= 0xE9) || c == 0xEF || c == 0xF0;
    t[static_cast<std::size_t>(c)] =
        static_cast<std::uint8_t>((space ? 0 : word ? 2 : 1) | (c == 0xC2 ? 4 : 0) | (spaceless ? 8 : 0));
  }
  return t;
}();

// The length of the white space at s[i] (of byte class k): a no-break space parts words as
// a space does. 0 where there is none.
std::size_t space_at(std::string_view s, std::size_t i, std::uint8_t k) {
  if (k == 0) return 1;
  if ((k & 4) && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) return 2;
  return 0;
}

// The count for a text without a no-break space, with no branch per byte: a word begins
// at a token's first word byte. (A loop token by token branches at every token's end,
// which the processor cannot foresee in prose: this one takes half its time there.)
std::size_t count_words_plain(std::string_view s) {
  std::size_t words = 0;
  unsigned seen = 0;  // 1 once the current token holds a word byte
  for (const char ch : s) {
    const unsigned k = kWordClass[static_cast<unsigned char>(ch)] & 3;  // (no 0xC2 here: no bit 4)
    const unsigned word = k >> 1, space = k == 0;
    words += word & ~seen;
    seen = (seen | word) & (space ^ 1u);
  }
  return words;
}

// Does `s` hold a byte of class 8? Thirty-two bytes at a time, each byte looked at only in
// a group that holds one past ASCII: on Latin text a fraction of the count's cost (less
// than a test of each byte's class in the count's own loop).
bool may_hold_spaceless(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  auto any_in = [&](std::size_t from, std::size_t to) {
    for (std::size_t k = from; k < to; ++k)
      if (kWordClass[p[k]] & 8) return true;
    return false;
  };
  std::size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    std::uint64_t w[4];
    std::memcpy(w, p + i, sizeof w);
    if (((w[0] | w[1] | w[2] | w[3]) & 0x8080808080808080u) && any_in(i, i + 32)) return true;
  }
  return any_in(i, n);
}

// Is c a letter of a script written without spaces between words, which ICU's word break
// iterator divides by its dictionaries? (The blocks those scripts are in are looked at
// first: a Hindi, Vietnamese or Russian text asks ICU nothing.)
bool spaceless_script(UChar32 c) {
  const bool in_blocks = (c >= 0x0E00 && c <= 0x0EFF) ||   // Thai, Lao
                         (c >= 0x1000 && c <= 0x109F) ||   // Myanmar
                         (c >= 0x1780 && c <= 0x17FF) ||   // Khmer
                         (c >= 0x2E80 && c <= 0x9FFF) ||   // CJK radicals, kana, ideographs
                         (c >= 0xF900 && c <= 0xFAFF) ||   // CJK compatibility ideographs
                         (c >= 0xFF66 && c <= 0xFF9F) ||   // half-width katakana
                         (c >= 0x20000 && c <= 0x3FFFF);   // CJK extensions
  if (!in_blocks) return false;
  UErrorCode status = U_ZERO_ERROR;
  switch (uscript_getScript(c, &status)) {
    case USCRIPT_HAN: case USCRIPT_HIRAGANA: case USCRIPT_KATAKANA: case USCRIPT_THAI: case USCRIPT_LAO:
    case USCRIPT_KHMER: case USCRIPT_MYANMAR:
      return true;
    default:
      return false;
  }
}

// The words ICU's word break iterator finds in `token`: its segments of numbers, letters,
// kana or ideographs (not punctuation or symbols); one at least, as any token that holds a
// letter counts elsewhere (and where ICU fails).
std::size_t icu_words(std::string_view token) {
  // (One iterator per thread: making one loads its rules, far dearer than a token.)
  thread_local std::unique_ptr<icu::BreakIterator> words = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    return U_SUCCESS(status) ? std::move(it) : nullptr;
  }();
  if (!words || token.size() > INT32_MAX) return 1;
  UErrorCode status = U_ZERO_ERROR;
  UText text = UTEXT_INITIALIZER;
  utext_openUTF8(&text, token.data(), static_cast<std::int64_t>(token.size()), &status);
  words->setText(&text, status);
  std::size_t n = 0;
  if (U_SUCCESS(status))
    for (std::int32_t end = words->next(); end != icu::BreakIterator::DONE; end = words->next()) {
      const std::int32_t rule = words->getRuleStatus();
      n += rule >= UBRK_WORD_NUMBER && rule < UBRK_WORD_IDEO_LIMIT;
    }
  utext_close(&text);
  return std::max<std::size_t>(n, 1);
}

// Token by token (a run of bytes that are no white space, a no-break space one as well): a
// token that holds a letter of a script written without spaces is counted as ICU divides
// it; any other that holds a word byte is one word.
std::size_t count_words_by_token(std::string_view s) {
  const std::size_t n = s.size();
  std::size_t words = 0;
  for (std::size_t i = 0; i < n;) {
    for (std::size_t w; i < n && (w = space_at(s, i, kWordClass[static_cast<unsigned char>(s[i])])) != 0;) i += w;
    if (i == n) break;
    const std::size_t start = i;
    unsigned token = 0;
    bool spaceless = false;
    while (i < n) {
      const std::uint8_t k = kWordClass[static_cast<unsigned char>(s[i])];
      if (space_at(s, i, k) != 0) break;
      token |= k;
      if ((k & 8) && !spaceless) {
        std::size_t j = i;
        spaceless = spaceless_script(static_cast<UChar32>(next_code_point(s, j)));
        i = j;
      } else {
        ++i;
      }
    }
    words += spaceless ? icu_words(s.substr(start, i - start)) : token >> 1 & 1;
  }
  return words;
}

}  // namespace

std::size_t count_words(std::string_view s) {
  // A no-break space parts words as collapse_whitespace reads it: "ten&nbsp;km" and a
  // browser copy's "Grace\u00A0Hopper" are two words each. Most texts hold no 0xC2 byte
  // at all, and one memchr says so.
  if (s.empty()) return 0;  // (an empty view may have no data pointer, which memchr may not be given)
  // Japanese, Chinese or Thai put no space between words: a paragraph would be one word.
  if (std::memchr(s.data(), 0xC2, s.size()) != nullptr || may_hold_spaceless(s)) return count_words_by_token(s);
  return count_words_plain(s);
}

bool is_number_abbreviation(std::string_view word) {
  static constexpr std::string_view kWords[] = {"no",  "nos", "vol", "vols", "pp",  "p",   "ch",  "sec",
                                                "fig", "figs", "op", "pt",   "jan", "feb", "mar", "apr",
                                                "jun", "jul", "aug", "sep",  "sept", "oct", "nov", "dec"};
  return iequals_any(word, kWords);
}

// Lower-cased content words (3+ letters, not the commonest function words).
namespace {
// The commonest English function words content_words leaves out, sorted.
constexpr std::string_view kStopWords[] = {
    "about", "all",   "also",  "and",   "any",   "are",   "been",  "being", "but",   "can",   "could", "did",
    "does",  "doing", "for",   "from",  "had",   "has",   "have",  "her",   "here",  "him",   "his",   "how",
    "into",  "its",   "just",  "like",  "many",  "more",  "most",  "much",  "not",   "one",   "only",  "other",
    "our",   "out",   "over",  "she",   "should", "some", "such",  "than",  "that",  "the",   "their", "them",
    "then",  "there", "these", "they",  "this",  "those", "very",  "was",   "were",  "what",  "when",  "which",
    "who",   "why",   "will",  "with",  "would", "you",   "your"};
constexpr std::size_t kStopWordCount = std::size(kStopWords);
constexpr std::size_t kLongestStopWord = 6;

// A word of at most seven bytes as one integer: its bytes from the highest down, then
// its length (callers pass no longer word: its eighth byte on would be lost). The
// integers order as the words do, so the table is searched by integer comparisons (this
// runs for every word of every line, and a search by string_view compared bytes through
// memcmp at each step).
constexpr std::uint64_t packed_word(std::string_view w) {
  std::uint64_t x = 0;
  for (std::size_t k = 0; k < 7; ++k) x = x << 8 | (k < w.size() ? static_cast<unsigned char>(w[k]) : 0u);
  return x << 8 | w.size();
}
struct StopKeys {
  std::uint64_t key[kStopWordCount];
};
constexpr StopKeys stop_keys() {
  StopKeys t{};
  for (std::size_t k = 0; k < kStopWordCount; ++k) t.key[k] = packed_word(kStopWords[k]);
  return t;
}
constexpr StopKeys kStopKeys = stop_keys();
constexpr bool stop_words_in_order() {
  for (std::size_t k = 0; k < kStopWordCount; ++k) {
    if (kStopWords[k].size() < 3 || kStopWords[k].size() > kLongestStopWord || kStopWords[k].front() < 'a' ||
        kStopWords[k].front() > 'z')
      return false;
    if (k > 0 && !(kStopWords[k - 1] < kStopWords[k] && kStopKeys.key[k - 1] < kStopKeys.key[k])) return false;
  }
  return true;
}
static_assert(stop_words_in_order(), "kStopWords must stay sorted, of 3 to 6 lower-case bytes");
// Most words are ruled out by their first letter and length, before the search.
constexpr WordSet kStopSet(kStopWords);
}  // namespace

bool is_stop_word(std::string_view w) {
  if (w.size() < 3 || w.size() > kLongestStopWord || !kStopSet.may_contain(w)) return false;
  return std::binary_search(std::begin(kStopKeys.key), std::end(kStopKeys.key), packed_word(w));
}

void content_words(std::string_view s, std::vector<std::string>& out, std::size_t max_words) {
  std::string w;
  auto flush = [&] {
    if (w.size() >= 3 && !is_stop_word(w)) out.push_back(w);
    w.clear();
  };
  for (char c : s) {
    if (is_ascii_alpha(c)) w.push_back(to_lower_ascii(c));
    else if (static_cast<unsigned char>(c) >= 0x80 || (is_ascii_digit(c) && !w.empty())) w.push_back(c);
    else {
      flush();
      if (out.size() >= max_words) return;
    }
  }
  flush();
}

std::string folded_label(std::string_view label) {
  std::string out;
  icu::UnicodeString::fromUTF8(icu::StringPiece(label.data(), static_cast<int32_t>(label.size())))
      .foldCase()
      .toUTF8String(out);
  return collapse_whitespace(out);
}

bool same_label(std::string_view a, std::string_view b) {
  if (a == b) return true;
  // Two labels of ASCII letters and signs, no white space: folding is ASCII's lower case,
  // without ICU (a reference search may compare many).
  auto plain = [](std::string_view x) {
    return std::all_of(x.begin(), x.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80 && !is_space(c); });
  };
  if (plain(a) && plain(b)) return iequals(a, b);
  return folded_label(a) == folded_label(b);
}

}  // namespace essaykit::detail
