// Spirit X3 grammars for the markers of plain text.
#include "markers.h"
#include "text_util.h"

#include <boost/spirit/home/x3.hpp>
#include <string>
#include <vector>

namespace essaykit::detail {
namespace x3 = boost::spirit::x3;

namespace {

// Letters by range, not by lower_letter/upper: their classification calls std::islower on
// the byte, which is undefined (and asserts in Boost) for the bytes of UTF-8 sequences.
const auto lower_letter = x3::char_('a', 'z');
const auto upper_letter = x3::char_('A', 'Z');

// Digits of a list or note number: one to three, so years and amounts never match.
const auto number = x3::uint_parser<long, 10, 1, 3>{};
const auto gap = x3::lit(' ') | x3::lit('\t') | x3::lit("\xC2\xA0");

template <class Parser, class Attr>
std::size_t match(std::string_view s, const Parser& p, Attr& attr) {
  auto it = s.begin();
  if (x3::parse(it, s.end(), p, attr)) return static_cast<std::size_t>(it - s.begin());
  return 0;
}
template <class Parser>
std::size_t match(std::string_view s, const Parser& p) {
  auto it = s.begin();
  if (x3::parse(it, s.end(), p)) return static_cast<std::size_t>(it - s.begin());
  return 0;
}

ListMarker list_marker(MarkerKind kind, std::size_t length, long value) {
  ListMarker m;
  if (length > kMaxMarkerLength) return m;
  m.kind = kind;
  m.length = static_cast<std::uint16_t>(length);
  m.value = static_cast<std::int32_t>(value);  // (at most three digits, a letter or a roman numeral to xx)
  return m;
}

bool text_follows(std::string_view s, std::size_t at) {
  while (at < s.size() && (s[at] == ' ' || s[at] == '\t')) ++at;
  return at < s.size();
}

}  // namespace

long roman_value(std::string_view s) {
  static constexpr std::string_view romans[] = {"", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x",
                                                "xi", "xii", "xiii", "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx"};
  if (s.empty()) return 0;
  for (long v = 1; v < 21; ++v)
    if (iequals(romans[v], s)) return v;
  return 0;
}

ListMarker parse_list_marker(std::string_view line) {
  ListMarker m;
  // Bullets: ASCII and the typographic ones a copy keeps.
  const auto bullet = x3::lit('-') | '*' | '+' | "\xE2\x80\xA2" /*•*/ | "\xE2\x80\x93" /*–*/ | "\xE2\x80\x94" /*—*/ |
                      "\xE2\x96\xAA" /*▪*/ | "\xE2\x97\xA6" /*◦*/ | "\xE2\x80\xA3" /*‣*/ | "\xE2\x81\x83" /*⁃*/ |
                      "\xC2\xB7" /*·*/;
  if (std::size_t n = match(line, bullet >> +gap); n && text_follows(line, n)) {
    // "--" or "**" opening a line is not a bullet; nor is a lone "- " with nothing after.
    return list_marker(MarkerKind::bullet, n, 0);
  }
  long v = 0;
  if (std::size_t n = match(line, number >> '.' >> +gap, v); n && text_follows(line, n)) return list_marker(MarkerKind::number_period, n, v);
  if (std::size_t n = match(line, number >> ')' >> +gap, v); n && text_follows(line, n)) return list_marker(MarkerKind::number_paren, n, v);
  if (std::size_t n = match(line, '(' >> number >> ')' >> +gap, v); n && text_follows(line, n)) return list_marker(MarkerKind::paren_number, n, v);
  char c = 0;
  if (std::size_t n = match(line, '(' >> lower_letter >> ')' >> +gap, c); n && text_follows(line, n))
    return list_marker(MarkerKind::letter_paren, n, c - 'a' + 1);
  if (std::size_t n = match(line, lower_letter >> ')' >> +gap, c); n && text_follows(line, n))
    return list_marker(MarkerKind::letter_paren, n, c - 'a' + 1);
  std::string rn;
  if (std::size_t n = match(line, x3::raw[+x3::char_("ivxIVX")] >> '.' >> +gap, rn); n && text_follows(line, n)) {
    if (long r = roman_value(rn); r > 0 && (rn.size() > 1 || rn == "i" || rn == "I"))
      return list_marker(MarkerKind::roman_period, n, r);
  }
  if (std::size_t n = match(line, lower_letter >> '.' >> +gap, c); n && text_follows(line, n)) {
    // "a. The first item", but not "e.g." (no space after the letter's period there).
    return list_marker(MarkerKind::letter_period, n, c - 'a' + 1);
  }
  return m;
}

HeadingNumber parse_heading_number(std::string_view line) {
  HeadingNumber h;
  std::vector<long> parts;
  if (std::size_t n = match(line, (number % '.') >> -x3::lit('.') >> +gap, parts); n && text_follows(line, n)) {
    h.depth = static_cast<int>(parts.size());
    h.length = n;
    h.first = parts.front();
    return h;
  }
  std::string rn;
  if (std::size_t n = match(line, x3::raw[+x3::char_("IVX")] >> '.' >> +gap, rn); n && text_follows(line, n)) {
    if (long r = roman_value(rn); r > 0) return {1, n, r};
  }
  char c = 0;
  if (std::size_t n = match(line, upper_letter >> '.' >> +gap, c); n && text_follows(line, n)) return {1, n, c - 'A' + 1};
  // A numbered stage named in words: "Step 2: Create the table", "Part 3 — Results".
  const auto label = x3::lit("Step") | "Part" | "Chapter" | "Section" | "Phase" | "Stage" | "Lesson" | "Day" | "Week" |
                     "Round" | "Level";
  const auto after = x3::lit(':') | '.' | (+gap >> (x3::lit("\xE2\x80\x94") | "\xE2\x80\x93" | '-'));
  long v = 0;
  if (std::size_t n = match(line, label >> +gap >> number >> after >> +gap, v); n && text_follows(line, n))
    return {1, n, v, true};
  return h;
}

long parse_superscript_number(std::string_view s, std::size_t& i) {
  long v = -1;
  std::size_t j = i;
  while (j + 1 < s.size()) {
    auto b0 = static_cast<unsigned char>(s[j]), b1 = static_cast<unsigned char>(s[j + 1]);
    int d = -1;
    std::size_t len = 2;
    if (b0 == 0xC2 && b1 == 0xB9) d = 1;
    else if (b0 == 0xC2 && b1 == 0xB2) d = 2;
    else if (b0 == 0xC2 && b1 == 0xB3) d = 3;
    else if (b0 == 0xE2 && b1 == 0x81 && j + 2 < s.size()) {
      auto b2 = static_cast<unsigned char>(s[j + 2]);
      len = 3;
      if (b2 == 0xB0) d = 0;
      else if (b2 >= 0xB4 && b2 <= 0xB9) d = b2 - 0xB0;
    }
    if (d < 0 || (v >= 0 && v > 99)) break;
    v = (v < 0 ? 0 : v * 10) + d;
    j += len;
  }
  if (v >= 0) i = j;
  return v;
}

NoteMarker parse_note_marker(std::string_view line) {
  long v = 0;
  if (std::size_t n = match(line, ('[' >> number >> ']') >> *gap, v); n && text_follows(line, n)) return {v, n, true};
  if (std::size_t n = match(line, ('^' >> number) >> +gap, v); n && text_follows(line, n)) return {v, n, true};
  std::size_t i = 0;
  if (long s = parse_superscript_number(line, i); s > 0) {
    std::size_t n = i;
    while (n < line.size() && (line[n] == ' ' || line[n] == '\t' || line[n] == '.')) ++n;
    if (text_follows(line, n)) return {s, n, true};
  }
  if (std::size_t n = match(line, number >> (x3::lit('.') | ')') >> +gap, v); n && text_follows(line, n)) return {v, n, false};
  return {};
}

}  // namespace essaykit::detail
