// The sentences pass: a one-pass rule-based segmenter.
//
// A boundary is a run of terminators (. ! ? …) with whatever closes after it
// (quotes, brackets, a glued footnote number), followed by white space and a
// sentence opener. The rules that keep a '.' from ending a sentence — abbreviations,
// initials, numbers, URLs — are the ones a reader applies.
#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>

#include "passes.h"

namespace essaykit::detail {
namespace {

bool is_upper_ascii(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower_ascii(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha_ascii(char c) { return is_upper_ascii(c) || is_lower_ascii(c); }

// Abbreviations that are followed by a period without ending the sentence, lower-cased.
// Titles and other prepositive ones (Mr, Dr, St, Mt, No) never end a sentence before a
// capitalised word; the others do only when followed by one.
constexpr std::array<std::string_view, 17> kPrepositive = {
    "mr", "mrs", "ms", "dr", "prof", "st", "mt", "sr", "jr", "rev", "gen", "col", "capt", "lt", "sgt", "gov", "hon"};
constexpr std::array<std::string_view, 40> kAbbreviations = {
    "e.g", "i.e", "etc", "vs", "cf", "al", "approx", "ca", "co", "corp", "inc", "ltd", "dept", "est", "fig",
    "figs", "no", "nos", "vol", "vols", "pp", "p", "ch", "sec", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "ed", "eds", "op", "viz"};

bool in_list(std::string_view word, const std::string_view* begin, const std::string_view* end) {
  if (word.size() > 8) return false;
  char low[8];
  for (std::size_t i = 0; i < word.size(); ++i) low[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(word[i])));
  std::string_view w(low, word.size());
  return std::find(begin, end, w) != end;
}

// The word (letters and inner periods) that ends at `end` (exclusive).
std::string_view word_before(std::string_view t, std::size_t end) {
  std::size_t b = end;
  while (b > 0 && (is_alpha_ascii(t[b - 1]) || (t[b - 1] == '.' && b >= 2 && is_alpha_ascii(t[b - 2])))) --b;
  return t.substr(b, end - b);
}

bool is_closer(std::string_view t, std::size_t i, std::size_t& len) {
  unsigned char c = static_cast<unsigned char>(t[i]);
  if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '*' || c == '_') { len = 1; return true; }
  // ” ’ » (E2 80 9D, E2 80 99, C2 BB)
  if (c == 0xE2 && i + 2 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0x80 &&
      (static_cast<unsigned char>(t[i + 2]) == 0x9D || static_cast<unsigned char>(t[i + 2]) == 0x99)) { len = 3; return true; }
  if (c == 0xC2 && i + 1 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0xBB) { len = 2; return true; }
  return false;
}

bool is_ellipsis_char(std::string_view t, std::size_t i) {  // …
  return i + 2 < t.size() && static_cast<unsigned char>(t[i]) == 0xE2 && static_cast<unsigned char>(t[i + 1]) == 0x80 &&
         static_cast<unsigned char>(t[i + 2]) == 0xA6;
}

}  // namespace

void split_sentences(std::string_view t, std::vector<std::pair<std::size_t, std::size_t>>& out) {
  std::size_t start = 0;
  while (start < t.size() && is_space(t[start])) ++start;
  auto emit = [&](std::size_t end) {
    std::size_t e = end;
    while (e > start && is_space(t[e - 1])) --e;
    if (e > start) out.emplace_back(start, e);
    start = end;
    while (start < t.size() && is_space(t[start])) ++start;
  };
  std::size_t i = start;
  while (i < t.size()) {
    char c = t[i];
    // A blank line always ends a sentence.
    if (c == '\n') {
      std::size_t j = i + 1;
      while (j < t.size() && (t[j] == ' ' || t[j] == '\t' || t[j] == '\r')) ++j;
      if (j < t.size() && t[j] == '\n') { emit(i); i = start; continue; }
      ++i;
      continue;
    }
    bool ell = is_ellipsis_char(t, i);
    if (c != '.' && c != '!' && c != '?' && !ell) { ++i; continue; }
    const std::size_t stop = i;
    // The run of terminators: "?!", "...", ". . .", "…".
    std::size_t j = i;
    while (j < t.size()) {
      if (t[j] == '.' || t[j] == '!' || t[j] == '?') ++j;
      else if (is_ellipsis_char(t, j)) j += 3;
      else if (t[j] == ' ' && j + 1 < t.size() && t[j + 1] == '.' && j > stop && t[j - 1] == '.') ++j;
      else break;
    }
    const bool multi = j - stop > 1 || ell;
    // What closes after the stop: quotes, brackets, and a footnote number glued to
    // it ("code.1 That", "said.”2 Then") — the marker belongs to this sentence.
    std::size_t len;
    while (j < t.size() && is_closer(t, j, len)) j += len;
    std::size_t k = j;
    while (k < t.size() && is_digit(t[k]) && k - j < 3) ++k;
    const bool glued_note = k > j && (k == t.size() || is_space(t[k])) && stop > 0 && !is_digit(t[stop - 1]);
    if (glued_note) j = k;
    if (j < t.size() && !is_space(t[j])) {
      // A period inside a token (2.5, e.g, a URL or e-mail address) is no boundary,
      // except "world.Today": a lowercase word, a period, a capitalised word.
      bool missing_space = c == '.' && !multi && is_upper_ascii(t[j]) && stop > 0 && is_lower_ascii(t[stop - 1]) &&
                           word_before(t, stop).size() > 2;
      if (!missing_space) { i = j; continue; }
    }
    // The next sentence's first character.
    std::size_t n = j;
    while (n < t.size() && is_space(t[n])) ++n;
    if (n >= t.size()) { i = j; break; }
    char next = t[n];
    bool opener = !is_lower_ascii(next);
    if (c == '.' && !multi) {
      std::string_view w = word_before(t, stop);
      if (!w.empty()) {
        bool single_letter = w.size() == 1;
        bool dotted = w.find('.') != std::string_view::npos;  // U.S, e.g
        if (in_list(w, kPrepositive.data(), kPrepositive.data() + kPrepositive.size())) opener = false;
        else if (single_letter && is_upper_ascii(w[0]) && w != "I") opener = false;  // an initial: "E. Smith"
        else if ((dotted || in_list(w, kAbbreviations.data(), kAbbreviations.data() + kAbbreviations.size())) &&
                 !is_upper_ascii(next))
          opener = false;
        else if (single_letter && is_lower_ascii(w[0])) opener = opener && is_upper_ascii(next);
      } else if (stop > 0 && is_digit(t[stop - 1])) {
        // "p. 55." / "1. The first": a number then a period opens nothing new when
        // the number is a list marker at the start of the sentence.
        std::size_t b = stop;
        while (b > start && is_digit(t[b - 1])) --b;
        if (b == start) opener = false;
      }
    }
    if (opener) { emit(j); i = start; }
    else i = j;
  }
  emit(t.size());
}

std::vector<Sentence> split_sentences(std::string_view input, const std::vector<ProseBlock>& prose,
                                      const LineIndex& lines) {
  std::vector<Sentence> out;
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  for (const ProseBlock& b : prose) {
    spans.clear();
    split_sentences(slice(input, b.span), spans);
    for (auto [s, e] : spans) out.push_back({lines.span(b.span.start + s, b.span.start + e)});
  }
  return out;
}

}  // namespace essaykit::detail
