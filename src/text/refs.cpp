// Footnote reference candidates and their chains (see refs.h).
#include "text/refs.h"

#include <algorithm>
#include <array>
#include <string>

namespace essaykit::detail::text {
namespace {

// A word of three letters or more with a digit glued to it ("Tulloch4"), as a candidate.
constexpr double kGluedToWord = 1.4;
// A line whose share of code symbols (LineShape::code) reaches this reads as code: its
// numbers are the code's own.
constexpr float kReadsAsCode = 0.45f;

// The full-width or ideographic punctuation at s[j] that closes a sentence or a clause in
// CJK text, as its ASCII counterpart: 。 ． ！ ？ ， 、 ； ： ） 」 』 (a superscript follows
// these there as it follows . ! ? , ; : ) in Latin text); 0 for anything else.
char fullwidth_punct_at(std::string_view s, std::size_t j) {
  if (j + 3 > s.size()) return 0;
  const unsigned char a = static_cast<unsigned char>(s[j]), b = static_cast<unsigned char>(s[j + 1]),
                      c = static_cast<unsigned char>(s[j + 2]);
  if (a == 0xE3 && b == 0x80) {  // U+3000..U+303F, CJK symbols and punctuation
    if (c == 0x82) return '.';                // 。 U+3002
    if (c == 0x81) return ',';                // 、 U+3001
    if (c == 0x8D || c == 0x8F) return '"';   // 」 』 U+300D U+300F
    return 0;
  }
  if (a == 0xEF && b == 0xBC) {  // U+FF00..U+FF3F, half- and full-width forms
    switch (c) {
      case 0x81: return '!';  // ！ U+FF01
      case 0x89: return ')';  // ） U+FF09
      case 0x8C: return ',';  // ， U+FF0C
      case 0x8E: return '.';  // ． U+FF0E
      case 0x9A: return ':';  // ： U+FF1A
      case 0x9B: return ';';  // ； U+FF1B
      case 0x9F: return '?';  // ？ U+FF1F
      default: return 0;
    }
  }
  return 0;
}

// Closing punctuation a superscript can follow: . , ; : ! ? ) ] " ' and ” ’ », and their
// full-width and ideographic forms (fullwidth_punct_at): its length in bytes, or 0.
// `as` is set to the punctuation, or to its ASCII counterpart.
std::size_t closing_punct_before(std::string_view s, std::size_t i, char& as) {
  if (i == 0) return 0;
  char c = s[i - 1];
  as = c;
  if (i >= 3) {
    if (const char fw = fullwidth_punct_at(s, i - 3)) {
      as = fw;
      return 3;
    }
  }
  // A straight quote closes only when glued to what it closes: 'said."2', not ' "1 ETH'.
  if ((c == '"' || c == '\'') && (i < 2 || is_space(s[i - 2]))) return 0;
  if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' || c == ']' || c == '"' ||
      c == '\'' || c == '*')
    return 1;
  if (i >= 3 && static_cast<unsigned char>(s[i - 3]) == 0xE2 && static_cast<unsigned char>(s[i - 2]) == 0x80 &&
      (static_cast<unsigned char>(c) == 0x9D || static_cast<unsigned char>(c) == 0x99)) {
    as = '"';
    return 3;
  }
  return 0;
}

// A CJK character at s[j] (U+3000..U+9FFF: CJK punctuation, kana, ideographs; U+AC00..U+D7FF:
// Hangul; U+FF00..U+FFBF: full- and half-width forms). CJK text runs on without spaces, so after
// "。1" the next sentence's first character stands where Latin text has a space.
bool cjk_at(std::string_view s, std::size_t j) {
  if (j + 3 > s.size()) return false;
  const unsigned char a = static_cast<unsigned char>(s[j]), b = static_cast<unsigned char>(s[j + 1]);
  return (a >= 0xE3 && a <= 0xE9) || (a == 0xEA && b >= 0xB0) || (a >= 0xEB && a <= 0xEC) ||
         (a == 0xED && b <= 0x9F) || (a == 0xEF && b >= 0xBC && b <= 0xBE);
}

// The token (run of non-space bytes) around [b, e); a Unicode space (unicode_space_at) and CJK
// punctuation end it too (neither is ever part of a URL or a name of code that
// looks_technical looks for).
// (At most 200 bytes each way, so a line without spaces cannot make this quadratic.)
std::string_view token_around(std::string_view s, std::size_t b, std::size_t e) {
  const std::size_t lo = b > 200 ? b - 200 : 0, hi = std::min(s.size(), e + 200);
  const auto separator_ends_at = [&](std::size_t k) {  // one ends just before s[k]
    return unicode_space_before(s, k) != 0 || (k >= 3 && fullwidth_punct_at(s, k - 3));
  };
  while (b > lo && !separator_ends_at(b)) --b;
  while (e < hi && !unicode_space_at(s, e) && !fullwidth_punct_at(s, e)) ++e;
  return s.substr(b, e - b);
}

// Are the digits [b, e) of line [from, to) of s a clock's minutes: two digits up to 59 after
// "h:", with "am"/"pm" (or "a.m."/"p.m.") after them or "at" before the hour ("at 4:26 pm",
// "at 16:26")? (A verse or a ratio has no such words: "Genesis 1:12" may be 1:1 and a marker.)
bool clock_minutes(std::string_view s, std::size_t from, std::size_t b, std::size_t e, std::size_t to) {
  if (e - b != 2 || b == from || s[b - 1] != ':' || (s[b] - '0') * 10 + (s[b + 1] - '0') > 59) return false;
  std::size_t a = e;
  if (a < to && s[a] == ' ') ++a;
  if (a + 1 < to && (to_lower_ascii(s[a]) == 'a' || to_lower_ascii(s[a]) == 'p')) {
    const std::size_t m = s[a + 1] == '.' ? a + 2 : a + 1;
    if (m < to && to_lower_ascii(s[m]) == 'm' && (m + 1 >= to || !is_ascii_alpha(s[m + 1]))) return true;
  }
  const std::size_t colon = b - 1;
  std::size_t h = colon;
  while (h > from && colon - h < 2 && is_ascii_digit(s[h - 1])) --h;
  return h >= from + 3 && iequals(s.substr(h - 3, 3), "at ") && (h == from + 3 || !is_ascii_alpha(s[h - 4]));
}

// Inside a URL, a path or an identifier, digits are part of the name.
bool looks_technical(std::string_view token, char before_digits) {
  return token.find("://") != std::string_view::npos || token.find("www.") != std::string_view::npos ||
         token.front() == '@' || token.front() == '#' || token.find('_') != std::string_view::npos ||
         token.find("::") != std::string_view::npos || token.find("()") != std::string_view::npos ||
         std::string_view("_/=#@\\$").find(before_digits) != std::string_view::npos;
}

// The punctuation U+2000..U+203F at s[j] (E2 80 xx): its last byte, or 0.
unsigned char general_punct_at(std::string_view s, std::size_t j) {
  return j + 2 < s.size() && static_cast<unsigned char>(s[j]) == 0xE2 && static_cast<unsigned char>(s[j + 1]) == 0x80
             ? static_cast<unsigned char>(s[j + 2])
             : 0;
}

// ” or ’ at s[j].
bool closing_quote_at(std::string_view s, std::size_t j) {
  const unsigned char c = general_punct_at(s, j);
  return c == 0x9D || c == 0x99;
}

// An en or em dash at s[j]: "do1—updates", "(the docs2)—": a superscript before a dash
// that opens an aside, as before a comma.
bool dash_at(std::string_view s, std::size_t j) {
  const unsigned char c = general_punct_at(s, j);
  return c == 0x93 || c == 0x94;
}

// The letters that end `before` (the word a number follows, with one space between).
std::string_view last_word(std::string_view before) {
  std::size_t b = before.size();
  while (b > 0 && is_ascii_alpha(before[b - 1])) --b;
  return before.substr(b);
}

// Nouns that take a number as their name ("Source 1", "paragraph 3", "Chapter 2",
// "step 4"), their abbreviations ("fig 3", "no 5") and months before a day ("March
// 1"): the number after them, with its space, is part of that name or date, never a
// superscript.
bool names_numbered_thing(std::string_view before) {
  static constexpr std::string_view kNouns[] = {
      "act",     "appendix", "article",  "book",     "case",      "chapter", "class",    "day",      "episode",
      "example", "exercise", "exhibit",  "figure",   "game",      "grade",   "issue",    "item",     "lesson",
      "level",   "line",     "number",   "option",   "page",      "paragraph", "part",   "phase",    "point",
      "problem", "question", "round",    "rule",     "scene",     "season",  "section",  "source",   "stage",
      "step",    "table",    "test",     "type",     "verse",     "volume",  "january",  "february", "march",
      "april",   "may",      "june",     "july",     "august",    "september", "october", "november", "december"};
  const std::string_view word = last_word(before);
  return is_number_abbreviation(word) || iequals_any(word, kNouns);
}

// A number after a preposition, a conjunction, an article or a verb of being ("raise it
// by 1.", "from 3 to 4.", "the answer is 42.") is a quantity: a superscript that kept its
// space follows a word it annotates, never one of these.
bool counts_after(std::string_view before) {
  const std::string_view word = last_word(before);
  static constexpr std::string_view kWords[] = {"a",    "an",    "the",   "and",   "or",    "of",    "to",   "by",
                                                "from", "than",  "at",    "in",    "on",    "over",  "under", "about",
                                                "around", "every", "only", "just",  "per",   "plus",  "minus", "times",
                                                "is",   "are",   "was",   "were",  "be",    "been",  "equals", "with",
                                                "for",  "into",  "after", "before", "between", "nearly", "almost"};
  return iequals_any(word, kWords);
}

// The name a digit run [i, j) ends ("latin1", "Viking 1"): the letters of the word
// before it (glued, or after one space) and the digits, lower-cased, as a hash; 0 when
// no word comes before. (Hashes, not strings: a long document has many numbers.)
std::uint64_t name_hash(std::string_view s, std::size_t from, std::size_t i, std::size_t j) {
  std::size_t e = i;
  if (e >= from + 2 && s[e - 1] == ' ' && is_ascii_alpha(s[e - 2])) --e;
  std::size_t b = e;
  while (b > from && is_ascii_alpha(s[b - 1])) --b;
  if (b == e) return 0;
  std::uint64_t h = 14695981039346656037ull;  // FNV-1a
  auto mix = [&](char c) { h = (h ^ static_cast<unsigned char>(to_lower_ascii(c))) * 1099511628211ull; };
  for (std::size_t k = b; k < e; ++k) mix(s[k]);
  for (std::size_t k = i; k < j; ++k) mix(s[k]);
  return h | 1;
}

// All the places in one line that could be a footnote reference; and, in `names`, the
// name every number after a word makes (see weaken_repeated_names).
// The bytes scan_line looks at further: '[', a digit, and the first bytes of the
// superscript digits (0xC2: ¹ ² ³; 0xE2: the others). Most bytes of a line are none, and
// are passed over with one look-up.
constexpr auto kMayOpenRef = [] {
  std::array<bool, 256> t{};
  t[static_cast<unsigned char>('[')] = true;
  for (unsigned char c = '0'; c <= '9'; ++c) t[c] = true;
  t[0xC2] = t[0xE2] = true;
  return t;
}();

void scan_line(std::string_view in, std::size_t line_no, std::size_t from, std::size_t to,
               std::vector<Candidate>& out, std::vector<std::uint64_t>& names) {
  std::string_view s = in.substr(0, to);
  // Brackets "(" opened and not closed before position p, counted as the scan moves on
  // (it asks in increasing order, so the line is read once).
  std::size_t counted_to = from;
  long open = 0;
  auto open_brackets_before = [&](std::size_t p) {
    for (; counted_to < p; ++counted_to) {
      if (s[counted_to] == '(') ++open;
      else if (s[counted_to] == ')' && open > 0) --open;
    }
    return open;
  };
  for (std::size_t i = from; i < to; ++i) {
    const char c = s[i];
    if (!kMayOpenRef[static_cast<unsigned char>(c)]) continue;
    if (c == '[') {
      // [^label] anywhere; [n] glued to or after text (not at the line's start: that is a body marker)
      // (Looked for within the 40 bytes a marker may take: a line of '[' stays linear.)
      std::size_t close = s.substr(0, std::min(to, i + 42)).find(']', i);
      if (close == std::string_view::npos || close - i > 40) continue;
      std::string_view inner = s.substr(i + 1, close - i - 1);
      bool followed_ok = close + 1 >= to || (s[close + 1] != '(' && s[close + 1] != ':' && s[close + 1] != '[');
      if (inner.size() > 1 && inner[0] == '^' && inner.find_first_of(" \t") == std::string_view::npos && followed_ok) {
        long v = 0;
        bool numeric = std::all_of(inner.begin() + 1, inner.end(), is_ascii_digit) && inner.size() <= 4;
        if (numeric) v = std::stol(std::string(inner.substr(1)));
        out.push_back({i, close + 1, line_no, numeric ? v : -1, 4.0, true, std::string(inner.substr(1))});
        i = close;
        continue;
      }
      // "s[1]", "buf_len[2]", "x2[3]": an index into a name of code, not a reference.
      std::size_t w = i;
      while (w > from && (is_ascii_alpha(s[w - 1]) || is_ascii_digit(s[w - 1]) || s[w - 1] == '_')) --w;
      const std::string_view indexed = s.substr(w, i - w);
      // (An operator may stand after a space: "s[1] = p1 * m", "return s[1] + y;".)
      std::size_t a = close + 1;
      while (a < to && s[a] == ' ') ++a;
      const bool spaced_operator = a > close + 1 && a < to && std::string_view("=+*/%<>&|^?").find(s[a]) != std::string_view::npos;
      const char after = a < to && (a == close + 1 || spaced_operator) ? (spaced_operator ? '=' : s[a]) : ' ';
      const bool index = !indexed.empty() && (after == ')' || after == ']' || after == '=' || after == ';') &&
                         (indexed.size() <= 2 || indexed.find('_') != std::string_view::npos ||
                          std::any_of(indexed.begin(), indexed.end(), is_ascii_digit));
      if (!inner.empty() && inner.size() <= 3 && std::all_of(inner.begin(), inner.end(), is_ascii_digit) &&
          i > from && followed_ok && !index) {
        long v = std::stol(std::string(inner));
        if (v > 0) out.push_back({i, close + 1, line_no, v, 4.0, true, std::string(inner)});
        i = close;
      }
      continue;
    }
    auto uc = static_cast<unsigned char>(c);
    if (uc == 0xC2 || uc == 0xE2) {
      std::size_t j = i;
      long v = parse_superscript_number(s, j);
      // A superscript number before a fraction slash (U+2044, or '/') is a fraction's
      // numerator, as Unicode writes any fraction: "(¹⁄₂)", "³⁄₁₆ inch". No reference.
      const bool numerator = v >= 0 && (s.substr(j, 3) == "\xE2\x81\x84" || (j < s.size() && s[j] == '/'));
      if (numerator) {
        i = j - 1;
      } else if (v > 0 && i > from) {
        // A superscript glued to a word of one letter is its power: a variable's ("P(w²)",
        // "3x³") or a unit's ("40m²"). A note's superscript follows a word or a stop; it
        // stays a candidate, as weak as a digit glued to such a word ("A4"). (A byte of a
        // letter outside ASCII before it makes a longer word: "Straße¹".)
        const auto letter = [](char ch) { return is_ascii_alpha(ch) || static_cast<unsigned char>(ch) >= 0x80; };
        const bool power = is_ascii_alpha(s[i - 1]) && (i - 1 == from || !letter(s[i - 2]));
        out.push_back({i, j, line_no, v, power ? 0.6 : 4.0, true, std::to_string(v)});
        i = j - 1;
      }
      continue;
    }
    if (!is_ascii_digit(c) || i == from || is_ascii_digit(s[i - 1])) continue;
    std::size_t j = i;
    while (j < to && is_ascii_digit(s[j])) ++j;
    if (const std::uint64_t name = name_hash(s, from, i, j)) names.push_back(name);
    const char next = j < to ? s[j] : ' ';
    // Digits glued to what they follow ("said.1", "Tulloch2", "hour。3") end at a no-break
    // space as at a space: a browser copies a superscript followed by &nbsp; so. (After a
    // space, "10 km" with U+00A0, the no-break space binds a quantity to its unit instead:
    // no superscript, as before.) After full-width or ideographic punctuation ("said。1"),
    // the CJK character that follows ends them too: CJK text has no spaces between sentences.
    const bool glued = !is_space(s[i - 1]);
    const bool after_fullwidth = i >= from + 3 && fullwidth_punct_at(s, i - 3);
    const auto space_at = [&](std::size_t k) {
      return k >= to || is_space(s[k]) || (glued && unicode_space_at(s, k) != 0) ||
             (after_fullwidth && cjk_at(s, k));
    };
    const bool next_space = space_at(j);
    // Closing punctuation after the digits — but "1.2", "2.x" and "1,000" go on as one token.
    // (A bracket or a quote closes before a stop too: "(see the docs2).")
    const bool closer = next == ')' || next == '"';
    const bool next_punct = ((next == '.' || next == ',' || next == ';' || next == ':' || next == ')' || next == '!' ||
                              next == '?' || next == '"') &&
                             (space_at(j + 1) || s[j + 1] == '"' || s[j + 1] == ')' ||
                              closing_quote_at(s, j + 1) || (closer && dash_at(s, j + 1)) ||
                              (closer && std::string_view(".,;:!?").find(s[j + 1]) != std::string_view::npos))) ||
                            closing_quote_at(s, j) || (dash_at(s, j) && !(j + 3 < to && is_ascii_digit(s[j + 3])));  // (not "10–12")
    // "needs 1. a parser … and 2. a printer": an enumeration inside a sentence goes on
    // in lower case; a superscript after a stop is followed by a new sentence.
    // (A ")" that closes a bracket opened before it on the line is that bracket's: "(along
    // with Chữ Nôm 3) all share" holds a superscript, not an item "3)". An enumeration inside
    // brackets, "(needs 1) a parser and 2) a printer)", then gives weak candidates, which the
    // chain's evidence and the bodies weigh.)
    const bool closes_bracket = next == ')' && open_brackets_before(i) > 0;
    const bool enumerates = (next == '.' || next == ')') && !closes_bracket && j + 2 < to && s[j + 1] == ' ' &&
                            s[j + 2] >= 'a' && s[j + 2] <= 'z';
    const bool next_letter = is_ascii_alpha(next);
    std::size_t after = j;
    while (after < to && s[after] == ' ') ++after;
    // "x = f 2 (y)" is code; "wrong.3 (You could …)" is a superscript before an aside: a
    // bracket that opens words, after digits glued to what they follow, is prose.
    const bool opens_words = after + 1 < to && (s[after] == '(' || s[after] == '[') && is_ascii_alpha(s[after + 1]) &&
                             !is_space(s[i - 1]);
    const bool operator_follows = after < to && after > j && !opens_words &&
                                  std::string_view("=(){}[]<>").find(s[after]) != std::string_view::npos;
    const bool technical = looks_technical(token_around(s, i, j), s[i - 1]) || operator_follows;
    // Digit runs that are longer than the number they continue: a year with a marker
    // ("19845"), a thousands group ("1,00014"), a leading zero ("033"), a decimal or ratio.
    const bool after_number_sep = (s[i - 1] == '.' || s[i - 1] == ',' || s[i - 1] == ':') && i >= from + 2 &&
                                  is_ascii_digit(s[i - 2]);
    if (j - i >= 5 || (j - i == 4 && !after_number_sep) || (j - i >= 2 && s[i] == '0') ||
        (after_number_sep && j - i >= 2 && !(s[i - 1] == ',' && j - i == 3))) {
      const bool year = j - i == 4 && !after_number_sep && ((s[i] == '1' && s[i + 1] == '9') || (s[i] == '2' && s[i + 1] == '0'));
      // A marker glued to a number: "in 19845", "$1,00030", "1.674", "21:93". Its last
      // one or two digits may be the reference; only the chain can tell. Not a clock's
      // minutes ("at 4:26 pm": "4:2" is no time).
      if ((next_space || next_punct) && !technical && !year &&  // (a year is a year, not a year and a marker)
          !(after_number_sep && clock_minutes(s, from, i, j, to))) {
        for (std::size_t len = 1; len <= 2 && len < j - i; ++len) {
          long v = std::stol(std::string(s.substr(j - len, len)));
          // A year and a digit ("20252") is likelier than a long amount.
          bool year_like = j - i - len == 4 && (s[i] == '1' || s[i] == '2');
          // After a decimal point the digits are more likely the number's own ("1.62").
          double strength = year_like ? 1.3 : after_number_sep && s[i - 1] == '.' ? 0.6 : 0.9;
          if (v > 0) out.push_back({j - len, j, line_no, v, strength, false, {}});
        }
      }
      // Four digits glued to text may be a reference of their own in a document with a
      // thousand notes or more: a candidate at half strength, for the chain to weigh.
      if (!(j - i == 4 && !after_number_sep && s[i] != '0')) {
        i = j - 1;
        continue;
      }
    }
    const bool four_digits = j - i == 4;
    const bool year = four_digits && ((s[i] == '1' && s[i + 1] == '9') || (s[i] == '2' && s[i + 1] == '0'));
    long v = std::stol(std::string(s.substr(i, j - i)));
    double strength = 0;
    std::uint32_t capitals = 0;  // (Candidate::capitals)
    const char p = s[i - 1];
    char punct = p;  // the punctuation before the digits, full-width forms as their ASCII ones
    if (std::size_t pl = closing_punct_before(s, i, punct)) {
      // "code.1", "said.”2", "said。3": but not a decimal "2.5", a time "10:30", a list "1,2".
      const char before = i - pl > from ? s[i - pl - 1] : ' ';
      if (punct == '.' && ends_on_year(s, from, i - pl) && j - i <= 2 && next_space && j + 1 < to &&
          s[j + 1] >= 'A' && s[j + 1] <= 'Z')
        strength = 1.5;  // "founded in 2010.1 It grew": a decimal year does not end a sentence
      else if ((punct == '.' || punct == ',' || punct == ':') && is_ascii_digit(before)) strength = 0;
      else if ((punct == '.' || punct == ',' || punct == ':') && is_space(before)) strength = 0;
      // A number may open a CJK sentence or clause with nothing before it ("。3个月后",
      // "，5个人"), where Latin text has a space: glued to the CJK text after it, digits after
      // a CJK stop are only as likely a superscript as "cost. 6 The" is.
      else if (after_fullwidth && j < to && cjk_at(s, j)) strength = 1.5;
      else if (next_space || next_punct) strength = 3;
      else if (next_letter) strength = 0.5;
    } else if (p == '%' || (p == '+' && i >= from + 3 && s[i - 2] == '+' && is_ascii_alpha(s[i - 3]))) {
      if (next_space || next_punct) strength = 2.5;  // "95%27", "C++4"
    } else if (is_ascii_alpha(p)) {
      // A digit glued to a word: "Tulloch4", "productivity1"; "Core2team" mid-compound.
      std::size_t b = i;
      while (b > from && is_ascii_alpha(s[b - 1])) --b;
      std::string_view word = s.substr(b, i - b);
      const bool has_lower = std::any_of(word.begin(), word.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; });
      // A capital after lower case ("iPhone6", "macOS11"), or capitals and one lower-case
      // letter ("IPv6", "SSLv3"; not a plural "GADTs4"), make a product's or a protocol's name
      // with its version, not a word with a superscript.
      auto upper = [](char ch) { return ch >= 'A' && ch <= 'Z'; };
      bool inner_capital = false;
      for (std::size_t k = 1; k < word.size(); ++k)
        if (upper(word[k]) && !upper(word[k - 1])) inner_capital = true;
      if (word.size() >= 3 && !upper(word.back()) && word.back() != 's' && upper(word[word.size() - 2]) &&
          upper(word[word.size() - 3]))
        inner_capital = true;
      const bool lower_end = p >= 'a' && p <= 'z';
      const bool after_digit = b > from && is_ascii_digit(s[b - 1]);  // "3rd1"
      // "1.0-beta1": a word inside a version-like token is a name with a number.
      std::string_view tok = token_around(s, i, j);
      const bool versioned = !after_digit && std::count_if(tok.begin(), tok.end(), is_ascii_digit) > static_cast<long>(j - i);
      // "(Edit2: …", "Update3: …", "Step1: …": one word that opens its clause, then its
      // number and a colon, labels what follows; a superscript comes after the words it
      // annotates, which are seldom a single word opening a clause.
      std::size_t w0 = b;
      while (w0 > from && s[w0 - 1] == ' ') --w0;
      const bool opens_clause = w0 == from || s[w0 - 1] == '(' || s[w0 - 1] == '[' ||
                                (w0 < b && (s[w0 - 1] == '.' || s[w0 - 1] == '!' || s[w0 - 1] == '?'));
      if (next == ':' && next_punct && opens_clause) {
        strength = 0.5;
      } else if (next_space || next_punct) {
        if (after_digit) strength = 1.5;
        else if (versioned || inner_capital) strength = 0.6;
        // "memcpy1." ends a clause; "beta1 is" and "latin1 garbage" are more often names.
        else if (word.size() >= 4 && has_lower && lower_end) strength = next_punct || j == to ? 2.2 : 1.7;
        else if (word.size() >= 2 && lower_end) strength = 1.6;  // "it23."
        else if (word.size() >= 3 && has_lower) strength = kGluedToWord;
        else {
          strength = 0.6;  // "GPT3", "x86", "A4"
          if (!has_lower && word.size() >= 2 && !opens_clause && j - i <= 3)
            capitals = static_cast<std::uint32_t>(word.size());
        }
      } else if (next_letter && word.size() >= 3 && lower_end) {
        strength = 1.0;
      }
    } else if (p == ' ' && i >= from + 2 && (next_space || next_punct || j == to) && !enumerates &&
               !names_numbered_thing(s.substr(from, i - 1 - from)) && !counts_after(s.substr(from, i - 1 - from))) {
      const char before = s[i - 2];
      const bool opens_sentence = j == to || (j + 1 < to && next_space && (s[j + 1] >= 'A' && s[j + 1] <= 'Z'));
      if ((before == '.' || before == '!' || before == '?' || before == '"') && opens_sentence)
        strength = 1.5;  // "cost. 6 The": a superscript that kept its space
      // "at Sentry 1.", "against HMAC-MD5 1."
      else if ((is_ascii_alpha(before) || (is_ascii_digit(before) && i >= from + 3 && is_ascii_alpha(s[i - 3]))) &&
               ((next_punct && next != ':') || j == to))
        strength = 1.1;
      else if ((is_ascii_alpha(before) || before == ')') && next != ':') strength = 0.5;  // "solution 1 on"
    }
    if (four_digits) strength *= year ? 0.25 : 0.5;
    if (strength > 0 && v > 0 && !technical) out.push_back({i, j, line_no, v, strength, false, {}, capitals});
    i = j - 1;
  }
}

// A word followed by the same number in more than one place ("latin1" … "latin1",
// "Viking 1" … "Viking 1") is a name with a number, not a word with a superscript: a
// note's number follows a given word once. ("versions1" … "versions2" may well be two
// notes.) `names` holds the name of every number after a word, as scan_line found them.
void weaken_repeated_names(const TextDoc& doc, std::vector<Candidate>& cands, std::vector<std::uint64_t>& names) {
  std::sort(names.begin(), names.end());
  for (Candidate& c : cands) {
    if (c.explicit_marker) continue;
    const std::uint64_t name = name_hash(doc.in, doc.lines[c.line].lstart, c.start, c.end);
    if (!name) continue;
    const auto [lo, hi] = std::equal_range(names.begin(), names.end(), name);
    if (hi - lo >= 2) c.strength = std::min(c.strength, 0.6);
  }
}

// A word in capitals with digits glued to it ("GPT3", "MD5") is mostly a name, read at 0.6
// (scan_line marks it: Candidate::capitals). Where the text also writes the word alone
// ("(henceforth TMP1)" and "TMP" after it, "than PMR47." beside "PMR drives"), the digits are
// no part of the name: the word stands as strong as a word in small letters with a digit
// glued to it. Only in a text with another reference at least as strong: where the word
// would be the whole chain, a post without notes about the "PS1" and the "PS" after it
// gained a note. (A name with its number written again, "MD5" … "MD5", is still weakened
// after this: weaken_repeated_names.)
void strengthen_acronyms(const TextDoc& doc, std::vector<Candidate>& cands) {
  const std::string_view in = doc.in;
  auto word_of = [&](const Candidate& c) { return in.substr(c.start - c.capitals, c.capitals); };
  auto applies = [&](const Candidate& c) { return c.capitals > 0 && doc.shape[c.line].code < kReadsAsCode; };
  std::vector<std::string_view> words;  // the words in capitals to look for, sorted
  bool other = false;
  for (const Candidate& c : cands) {
    if (applies(c)) words.push_back(word_of(c));
    else other = other || c.strength >= kGluedToWord;
  }
  if (words.empty() || !other) return;
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  // One pass over the text for every word in capitals that stands alone (a byte of a word:
  // a letter, a digit, or a byte of a UTF-8 sequence, on neither side).
  auto in_word = [](char ch) {
    return is_ascii_alpha(ch) || is_ascii_digit(ch) || static_cast<unsigned char>(ch) >= 0x80;
  };
  std::vector<bool> alone(words.size(), false);
  for (std::size_t i = 0; i < in.size();) {
    if (!is_ascii_upper(in[i]) || (i > 0 && in_word(in[i - 1]))) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < in.size() && is_ascii_upper(in[j])) ++j;
    if (j == in.size() || !in_word(in[j])) {
      const auto w = std::lower_bound(words.begin(), words.end(), in.substr(i, j - i));
      if (w != words.end() && *w == in.substr(i, j - i)) alone[static_cast<std::size_t>(w - words.begin())] = true;
    }
    i = j;
  }
  for (Candidate& c : cands)
    if (applies(c) &&
        alone[static_cast<std::size_t>(std::lower_bound(words.begin(), words.end(), word_of(c)) - words.begin())])
      c.strength = kGluedToWord;
}

}  // namespace

constexpr std::string_view kNoteSymbols[] = {"*", "\xE2\x80\xA0", "\xE2\x80\xA1", "\xC2\xA7"};

// The run of one note symbol at s[i] (up to three of it), or empty.
std::string_view symbol_run(std::string_view s, std::size_t i) {
  for (std::string_view sym : kNoteSymbols) {
    if (s.substr(i, sym.size()) != sym) continue;
    std::size_t j = i + sym.size();
    for (int k = 1; k < 3 && s.substr(j, sym.size()) == sym; ++k) j += sym.size();
    return s.substr(i, j - i);
  }
  return {};
}

Chains::Chains(const std::vector<Candidate>& cands, std::size_t before_line) : pred_(cands.size(), npos) {
  for (std::size_t k = 0; k < cands.size(); ++k) {
    const Candidate& c = cands[k];
    if (c.value < 1 || c.value > 9999 || c.line >= before_line) continue;
    const auto v = static_cast<std::size_t>(c.value);
    double s = c.strength;
    if (v > 1) {
      auto reach = [&](std::size_t from) {
        return from < best_score_.size() && best_score_[from] > 0 ? best_score_[from] : 0.0;
      };
      const double direct = reach(v - 1);
      const double skip = v >= 3 ? reach(v - 2) - kGapCost : 0.0;
      if (direct <= 0 && skip <= 0) continue;
      if (direct >= skip) {
        s += direct;
        pred_[k] = best_at_[v - 1];
      } else {
        s += skip;
        pred_[k] = best_at_[v - 2];
      }
    }
    if (best_score_.size() <= v) {
      best_score_.resize(v + 1, 0);
      best_at_.resize(v + 1, 0);
    }
    if (s > best_score_[v]) {
      best_score_[v] = s;
      best_at_[v] = k;
    }
  }
}

std::size_t Chains::longest() const {
  for (std::size_t v = best_score_.size(); v-- > 1;)
    if (best_score_[v] > 0) return v;
  return 0;
}

std::vector<std::size_t> Chains::chain(std::size_t n, const std::vector<Candidate>& cands) const {
  std::vector<std::size_t> out;
  if (n == 0 || n >= best_score_.size() || best_score_[n] <= 0) return out;
  out.assign(n, npos);
  for (std::size_t k = best_at_[n]; k != npos; k = pred_[k]) out[static_cast<std::size_t>(cands[k].value) - 1] = k;
  return out;
}

double Chains::evidence(const std::vector<std::size_t>& chain, const std::vector<Candidate>& cands) {
  double evidence = 0;
  for (std::size_t k : chain) {
    if (k == npos) {
      evidence -= kGapCost;
      continue;
    }
    const double d = cands[k].strength - 1.0;
    evidence += d < 0 ? 4 * d : 1.5 * d;  // a weak link weakens the whole chain
  }
  return evidence;
}

bool Chains::plausible(const std::vector<std::size_t>& chain, const std::vector<Candidate>& cands) {
  double weakest = 4, mean = 0;
  std::size_t present = 0;
  for (std::size_t k : chain) {
    if (k == npos) continue;
    ++present;
    mean += cands[k].strength;
    weakest = std::min(weakest, cands[k].strength);
  }
  if (present == 0) return false;
  mean /= static_cast<double>(present);
  const std::size_t n = chain.size();
  return !((n <= 2 && weakest < 1.0) || (n == 2 && mean < 1.5) || (n >= 3 && mean < 1.3));
}

std::vector<Candidate> find_candidates(const TextDoc& doc, const std::vector<bool>& scan) {
  std::vector<Candidate> cands;
  std::vector<std::uint64_t> names;
  for (std::size_t i = 0; i < doc.lines.size(); ++i) {
    const TextLine& l = doc.lines[i];
    if (l.blank || !scan[i]) continue;
    const std::size_t before = cands.size();
    scan_line(doc.in, i, l.lstart, l.end, cands, names);
    // A text that marks its headings with '#' is written as Markdown is, where a heading's
    // note is marked ("## History[^1]", "[1]", a superscript digit) and kept: digits glued
    // to a marked heading are its words ("## Part2", "## Gazepoint GP3").
    if (!doc.atx_level.empty() && doc.atx_level[i] > 0)
      cands.erase(std::remove_if(cands.begin() + static_cast<std::ptrdiff_t>(before), cands.end(),
                                 [](const Candidate& c) { return !c.explicit_marker; }),
                  cands.end());
    // In a line that reads as code, numbers are the code's own.
    if (cands.size() > before && doc.shape[i].code >= kReadsAsCode)
      for (std::size_t k = before; k < cands.size(); ++k) cands[k].strength *= 0.25;
  }
  strengthen_acronyms(doc, cands);
  weaken_repeated_names(doc, cands, names);
  // (Kept while the notes are decoded, at the reader's peak: without the room the
  // doubling left.)
  cands.shrink_to_fit();
  return cands;
}

}  // namespace essaykit::detail::text
