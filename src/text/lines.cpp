// Lines and their shapes (see lines.h).
#include "text/lines.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>

namespace essaykit::detail::text {
namespace {

// The traits that tell a title from code or from a piece of a sentence (see
// LineShape::identifier and LineShape::sentence_like).
void title_traits(std::string_view t, LineShape& s) {
  // Identifiers: a name with its arguments or type parameters glued on ("Item(T, X)",
  // "Sauce<T>"), or in lower camel case ("meanMagnGrad"); prose spaces its brackets
  // and capitalises words whole.
  bool call = false, camel = false;
  for (std::size_t k = 1; k < t.size(); ++k) {
    const char a = t[k - 1], b = t[k];
    const bool word_char = is_ascii_alpha(a) || is_ascii_digit(a) || a == '_';
    call |= word_char && (b == '(' || b == '<') && k + 1 < t.size() && t[k + 1] != ')';
    // three lower-case letters opening a word, then an upper-case hump
    if (k >= 3 && b >= 'A' && b <= 'Z' && k + 1 < t.size() && t[k + 1] >= 'a' && t[k + 1] <= 'z') {
      std::size_t w = k;
      while (w > 0 && t[w - 1] >= 'a' && t[w - 1] <= 'z') --w;
      camel |= k - w >= 3 && (w == 0 || t[w - 1] == ' ');
    }
  }
  // (Only in short lines: a paragraph quotes a name now and then.)
  const bool short_line = s.chars <= 80;
  float identifier = 0;
  if (call && short_line) identifier += 0.2f;
  if (camel && short_line) identifier += 0.2f;
  // TeX math ("root $R$", "$Q(x) + r$"): a formula in a sentence, not a title.
  for (std::size_t open = t.find('$'); open != std::string_view::npos && open + 1 < t.size();
       open = t.find('$', open + 1)) {
    const char c = t[open + 1];
    const std::size_t close = t.find('$', open + 1);
    if (close != std::string_view::npos && (is_ascii_alpha(c) || c == '\\') &&
        t.substr(open + 1, close - open - 1).find("  ") == std::string_view::npos) {
      identifier += 0.35f;
      break;
    }
  }
  // A command with options ("cc -o hello.exe hello.c").
  if (s.starts_lower && short_line) {
    const std::size_t dash = t.find(" -");
    if (dash != std::string_view::npos && dash + 2 < t.size() && is_ascii_alpha(t[dash + 2])) identifier += 0.35f;
  }
  s.identifier = identifier;

  // A title ends on a word that carries meaning; one that ends on an article, a
  // conjunction or "as"/"of"/"than" breaks off mid-sentence.
  static constexpr std::string_view kDangling[] = {"a", "an", "the", "and", "or", "nor", "but", "as", "of", "than", "such"};
  std::size_t w = t.size();
  while (w > 0 && is_ascii_alpha(t[w - 1])) --w;
  if (w == 0 || t[w - 1] == ' ')
    for (std::string_view d : kDangling) s.sentence_like = s.sentence_like || iequals(t.substr(w), d);
  s.sentence_like = s.sentence_like || t.find("; ") != std::string_view::npos;
  // A line that trails off into a dash goes on in the next one; one that presents
  // what follows ("Here are the cases …") leads into a list; an emoticon closes a
  // remark made in passing.
  for (std::string_view e : {"-", "\xE2\x80\x94", "\xE2\x80\x93", " :)", " :(", " :D", " :P", " ;)", " <3", " :-)"})
    s.sentence_like = s.sentence_like || ends_with(t, e);
  for (std::string_view o : {"Here are ", "Here is ", "Here's ", "Here\xE2\x80\x99s ", "Below are ", "Below is "})
    s.sentence_like = s.sentence_like || starts_with(t, o);
  // "… to ask for more.14": a sentence with its footnote number after the stop.
  std::size_t d = t.size();
  while (d > 0 && is_ascii_digit(t[d - 1])) --d;
  if (d < t.size() && d >= 2 && t[d - 1] == '.' && is_ascii_alpha(t[d - 2])) s.sentence_like = true;
}

// The bytes of the back-link arrow that ends `t` (trimmed), with its text-style
// selector if it has one; 0 if none.
std::size_t backlink_length(std::string_view t) {
  if (ends_with(t, "\xE2\x86\xA9\xEF\xB8\x8E")) return 6;
  if (ends_with(t, "\xE2\x86\xA9")) return 3;
  return 0;
}

// The ASCII symbols that code and markup are made of, by byte: a table, as this is
// asked of every character of every line.
constexpr auto kCodeSymbol = [] {
  std::array<bool, 128> t{};
  for (char c : std::string_view("{}[]<>=;/\\`|_@*&^~%+")) t[static_cast<unsigned char>(c)] = true;
  return t;
}();

// What a character is to shape_of, as bits: a table for ASCII, as this is asked of every
// character of every line. Above ASCII: U+00A0 is a space, and from U+00C0 on a letter
// (U+00C0 to U+00DE the Latin-1 capitals).
constexpr unsigned kSpaceChar = 1, kUpperChar = 2, kLowerChar = 4, kDigitChar = 8, kSymbolChar = 16,
                   kLetterAbove = 32, kCapitalAbove = 64;
constexpr auto kAsciiClass = [] {
  std::array<std::uint8_t, 128> t{};
  for (unsigned c = 0; c < 128; ++c)
    t[c] = static_cast<std::uint8_t>((c == ' ' || c == '\t' ? kSpaceChar : 0u) | (c >= 'A' && c <= 'Z' ? kUpperChar : 0u) |
                                     (c >= 'a' && c <= 'z' ? kLowerChar : 0u) | (c >= '0' && c <= '9' ? kDigitChar : 0u) |
                                     (kCodeSymbol[c] ? kSymbolChar : 0u));
  return t;
}();
inline unsigned char_class(std::uint32_t cp) {
  if (cp < 0x80) return kAsciiClass[cp];
  return (cp == 0xA0 ? kSpaceChar : 0u) | (cp >= 0xC0 ? kLetterAbove : 0u) | (cp >= 0xC0 && cp <= 0xDE ? kCapitalAbove : 0u);
}

// Does `t` hold `w` at byte `at`? (A compare of a few bytes in place: t.compare called
// memcmp at every space of a line, for " = ".)
inline bool holds_at(std::string_view t, std::size_t at, std::string_view w) {
  if (t.size() - at < w.size()) return false;
  for (std::size_t j = 0; j < w.size(); ++j)
    if (t[at + j] != w[j]) return false;
  return true;
}

}  // namespace

std::string_view without_backlinks(std::string_view t) {
  t = trim(t);
  // (A note referenced twice has an arrow for each: "Note one. ↩︎ ↩︎".)
  while (const std::size_t arrow = backlink_length(t)) t = trim(t.substr(0, t.size() - arrow));
  return t;
}

LineShape shape_of(std::string_view t) {
  LineShape s;
  t = trim(t);
  // A link back to the reference is no text of the line: "Note one.↩" closes its sentence.
  const std::string_view text = without_backlinks(t);
  s.backlink = text.size() != t.size();
  t = text;
  if (t.empty()) return s;
  std::size_t symbols = 0, letters = 0, long_words = 0, capital_words = 0, upper = 0, lower = 0;
  bool in_word = false, first_letter_seen = false, word_cap = false;
  std::size_t word_len = 0;
  // Also read in the same pass, for the code score below: the bits of code the line holds
  // (kCodeBits: each adds once, however often it occurs; looked for by first byte, and
  // all begin with an ASCII byte, so at code points' first bytes), a run of three spaces,
  // its tabs. (Each was a pass over the line of its own.)
  static constexpr std::string_view kCodeBits[] = {" = ", "()", "();", "){", ") {", "->", "=>", "::",
                                                     "==", "!=", "&&", "||", ":-", "#[", ":="};
  static constexpr auto kCodeBitsByFirstByte = [] {  // as bits of kCodeBits
    std::array<std::uint16_t, 256> first{};
    for (std::size_t k = 0; k < std::size(kCodeBits); ++k)
      first[static_cast<unsigned char>(kCodeBits[k].front())] |= static_cast<std::uint16_t>(1u << k);
    return first;
  }();
  static_assert(std::size(kCodeBits) <= 16, "kCodeBitsByFirstByte holds 16 bits");
  std::uint32_t bits_found = 0;
  std::size_t space_run = 0, tabs = 0;
  bool three_spaces = false;
  auto end_word = [&] {
    if (word_len >= 4) {
      ++long_words;
      if (word_cap) ++capital_words;
    }
    word_len = 0;
  };
  // (Counted in locals and stored once: the shape is the caller's object, and the
  // compiler kept its fields in memory, a load and a store per character.)
  std::uint32_t chars = 0, words = 0;
  for (std::size_t i = 0; i < t.size();) {
    const std::size_t at = i;
    const std::uint32_t cp = next_code_point(t, i);
    ++chars;
    // (The candidates' loop runs up to the last of them: those whose first byte is common
    // in prose, a space or a bracket, come first in kCodeBits.)
    const std::uint32_t maybe = kCodeBitsByFirstByte[static_cast<unsigned char>(t[at])] & ~bits_found;
    for (std::size_t k = 0; maybe >> k && at + 1 < t.size(); ++k)
      if ((maybe >> k & 1) && holds_at(t, at, kCodeBits[k])) bits_found |= 1u << k;
    const unsigned cls = char_class(cp);
    if (cls & kSpaceChar) {
      space_run = cp == ' ' ? space_run + 1 : 0;
      three_spaces = three_spaces || space_run >= 3;
      tabs += cp == '\t';
      if (in_word) {
        ++words;
        end_word();
      }
      in_word = false;
      continue;
    }
    space_run = 0;
    if (!in_word) word_cap = cls & (kUpperChar | kCapitalAbove);
    in_word = true;
    ++word_len;
    upper += (cls & kUpperChar) != 0;
    lower += (cls & kLowerChar) != 0;
    const bool letter = cls & (kUpperChar | kLowerChar | kLetterAbove);
    if (letter) ++letters;
    if (!first_letter_seen && (letter || (cls & kDigitChar))) {
      first_letter_seen = true;
      s.starts_upper = cls & (kUpperChar | kDigitChar | kCapitalAbove);
      s.starts_lower = cls & kLowerChar;
    }
    if (cls & kSymbolChar) ++symbols;
  }
  if (in_word) {
    ++words;
    end_word();
  }
  s.chars = chars;
  s.words = words;
  s.last = static_cast<unsigned char>(t.back()) < 0x80 ? t.back() : '\0';
  s.title_case = long_words ? static_cast<float>(capital_words) / static_cast<float>(long_words) : 0.0f;
  s.all_caps = upper >= 3 && lower == 0;
  {
    // The stop of a sentence, before any closing quotes and brackets: ." .) .” .’
    const std::size_t e = before_closers(t, t.size());
    s.closes_sentence = e > 0 && (t[e - 1] == '.' || t[e - 1] == '!' || t[e - 1] == '?');
  }

  // One symbol in a short line ("TL;DR") says little.
  const double density =
      symbols < 2 ? 0.0 : static_cast<double>(symbols) / static_cast<double>(std::max<std::uint32_t>(s.chars, 1));
  double code = density * 3.0;
  static constexpr std::string_view kCodeOpeners[] = {"//", "# ", "$ ", "fn ", "let ", "def ", "impl ", "struct ",
                                                        "}", "{", "#include", "import ", "return ", "pub ", "const ",
                                                        "use ", "trait ", "class ", "if (", "for (", "var ", "<", "</"};
  for (std::string_view o : kCodeOpeners)
    if (starts_with(t, o)) {
      code += 0.35;
      break;
    }
  for (std::size_t k = 0; k < std::size(kCodeBits); ++k)
    if (bits_found >> k & 1) code += 0.2;
  const char last = t.back();
  if (last == '{' || last == ';' || last == '}' || last == '(') code += 0.25;
  if (letters * 2 < s.chars) code += 0.3;  // mostly digits and symbols
  if (three_spaces || tabs > 0) code += 0.4;  // columns
  if (tabs >= 2) code += 0.3;  // a table row
  // A long line of words that ends like a sentence is prose with a little code in it.
  if (s.chars > 100 && s.words >= 12 && (last == '.' || last == ';' || last == ',' || last == ')')) code -= 0.4;
  s.code = static_cast<float>(std::clamp(code, 0.0, 1.0));

  // What only a heading candidate needs: the longer lines are paragraphs anyway.
  if (s.chars <= 100) title_traits(t, s);
  return s;
}

namespace {

// The columns a terminal gives `t`: two for a wide or full-width character (East Asian
// Width W or F), one for any other code point (an invalid byte as one).
std::uint32_t display_columns(std::string_view t) {
  std::uint32_t columns = 0;
  for (std::size_t i = 0; i < t.size();) {
    const std::uint32_t cp = next_code_point(t, i);
    const auto w = cp < 0x80 ? U_EA_NARROW : u_getIntPropertyValue(static_cast<UChar32>(cp), UCHAR_EAST_ASIAN_WIDTH);
    columns += w == U_EA_WIDE || w == U_EA_FULLWIDTH ? 2 : 1;
  }
  return columns;
}

}  // namespace

TextDoc split_lines(std::string_view in, const LineIndex& index) {
  TextDoc doc;
  doc.in = in;
  doc.index = &index;
  const std::size_t base = doc.bom = in.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  const std::size_t count = index.line_count();
  doc.lines.reserve(count);
  std::size_t blanks = 0;
  for (std::size_t line = 1; line <= count; ++line) {
    const std::size_t pos = std::max(index.line_start(line), base);
    if (pos >= in.size()) break;  // only a BOM
    const std::size_t next = line < count ? index.line_start(line + 1) : in.size();
    std::size_t ce = next > pos && in[next - 1] == '\n' ? next - 1 : next;
    if (ce > pos && in[ce - 1] == '\r') --ce;
    TextLine l;
    l.end = ce;
    std::size_t k = pos;
    int indent = 0;
    // Leading white space: ASCII, no-break and the other Unicode spaces (an ideographic
    // space indents a CJK paragraph); zero-width characters show nothing and indent by
    // nothing. A line of nothing else is blank: a copy's "&nbsp;" or "&#8203;" line, a
    // page's "&emsp;", is no title, heading or note.
    // (Read within the line: a sequence is never taken across its end.)
    const std::string_view line_view = std::string_view(in).substr(0, ce);
    for (std::size_t w; k < ce && (w = unicode_space_at(line_view, k, true)) != 0; k += w)
      if (w < 3 || unicode_space_at(line_view, k) != 0)  // (not a zero-width character)
        indent = std::min(indent + (in[k] == '\t' ? 4 : 1), 1 << 20);  // (saturates: a gigabyte of tabs)
    l.lstart = k;
    l.indent = indent;
    // Trailing white space (and Unicode spaces, zero-width characters) is not content.
    {
      const std::string_view content = std::string_view(in).substr(l.lstart, l.end - l.lstart);
      std::size_t e = content.size();
      for (std::size_t w; e > 0 && (w = unicode_space_before(content, e, true)) != 0;) e -= w;
      l.end = l.lstart + e;
    }
    l.blank = l.lstart >= l.end;
    if (!l.blank) l.marker = parse_list_marker(in.substr(l.lstart, l.end - l.lstart));
    blanks += l.blank;
    doc.lines.push_back(l);
  }
  // Copies with a blank line between paragraphs read differently from copies without.
  doc.blank_separated = blanks * 8 >= doc.lines.size();
  doc.shape.reserve(doc.lines.size());
  std::size_t nonblank = 0, long_lines = 0;
  for (const TextLine& l : doc.lines) {
    doc.shape.push_back(shape_of(doc.text(l)));
    nonblank += !l.blank;
    long_lines += doc.shape.back().chars > 110;
  }
  // A plain-text export breaks its paragraphs at a width: almost no line is long, and many
  // stop just short of that width (an eighth or more of the lines within a fifth of it, where
  // a browser's copy of short lines, a list of 139 names, has a few in a hundred), a width of
  // 40 columns or more (a list of names alike in length is no text broken at 14). Columns as
  // a terminal shows them: a wide character (Chinese, Japanese, Korean) takes two, and
  // Japanese mail broken at 36 characters is broken at 72 columns.
  doc.hard_wrapped = nonblank >= 3 && long_lines * 20 < nonblank;
  if (doc.hard_wrapped) {
    std::vector<std::uint32_t> lengths;
    lengths.reserve(nonblank);
    for (std::size_t i = 0; i < doc.lines.size(); ++i)
      if (!doc.lines[i].blank) lengths.push_back(display_columns(doc.text(i)));
    auto top = lengths.begin() + static_cast<std::ptrdiff_t>(lengths.size() * 9 / 10);
    std::nth_element(lengths.begin(), top, lengths.end());
    const std::uint32_t width = *top;  // (the longest lines but a tenth)
    auto near = [width](std::uint32_t c) { return c * 5 >= width * 4 && c <= width; };
    const auto near_width = std::count_if(lengths.begin(), lengths.end(), near);
    doc.hard_wrapped = width >= 40 && static_cast<std::size_t>(near_width) * 8 >= nonblank;
    // A short text (under ten lines) tells too little by its widths alone: there most of its
    // lines with a line under them must also stop near the width and leave their sentence
    // open there, the line under going on in small letters (a copy's lines each end a
    // paragraph, and so a sentence; "A short list" over "Of parallel lines" stops short of the
    // width; an address's or a poem's lines open on capitals).
    if (doc.hard_wrapped && nonblank < 10) {
      std::size_t glued = 0, broken = 0;
      for (std::size_t i = 0; i + 1 < doc.lines.size(); ++i) {
        if (doc.lines[i].blank || doc.lines[i + 1].blank) continue;
        ++glued;
        broken += !doc.shape[i].closes_sentence && doc.shape[i].last != ':' && doc.shape[i + 1].starts_lower &&
                  near(display_columns(doc.text(i)));
      }
      doc.hard_wrapped = glued >= 2 && broken * 3 >= glued * 2;
    }
  }
  return doc;
}

bool looks_like_file_or_url(std::string_view t) {
  if (t.find("://") != std::string_view::npos || t.substr(0, 4) == "www.") return true;
  // "diagram.png", "main.rs": a final dotted extension on a single token
  const std::size_t dot = t.rfind('.');
  return dot != std::string_view::npos && dot + 1 < t.size() && t.size() - dot <= 5 &&
         t.find(' ') == std::string_view::npos;
}

bool stands_for_image_or_link(std::string_view t) { return is_bare_address(t) || names_an_image(t); }

bool is_bare_address(std::string_view t) {
  if (t.find_first_of(" \t") != std::string_view::npos) return false;
  for (std::string_view scheme : {"https://", "http://", "www."})
    if (t.size() > scheme.size() && iequals(t.substr(0, scheme.size()), scheme)) return true;
  return false;
}

bool names_an_image(std::string_view t) {
  if (t.empty() || t.find_first_of(" \t") != std::string_view::npos) return false;
  // A file name, its query or fragment left out ("photo.jpg?w=600").
  const std::string_view name = t.substr(0, t.find_first_of("?#"));
  const std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return false;
  const std::string_view ext = name.substr(dot + 1);
  // (The formats a web page shows as images.)
  for (std::string_view image : {"png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "bmp"})
    if (iequals(ext, image)) return true;
  return false;
}

bool opens_at_a_prompt(std::string_view t) {
  const std::size_t sp = t.substr(0, 9).find(' ');
  if (sp == std::string_view::npos || sp == 0 || sp + 1 >= t.size()) return false;
  const std::string_view tok = t.substr(0, sp);
  // (After '$' alone a digit opens a sum of money, "$ 5 is the price"; after ">>> " it is
  // arithmetic typed at Python's prompt.)
  if (tok == "$") return !is_ascii_digit(t[sp + 1]);
  if (tok == "%" || tok == ">>>" || tok == "\xE2\x9D\xAF") return true;
  // A named prompt: a name (letters, one in lower case at least, and digits, '@', '-', '_',
  // '.', ':', '~', '/'), then '$', '%' or '>'.
  const char last = tok.back();
  if (tok.size() < 2 || !(last == '$' || last == '%' || last == '>')) return false;
  bool lower = false;
  for (char c : tok.substr(0, tok.size() - 1)) {
    if (c >= 'a' && c <= 'z') lower = true;
    else if (!is_ascii_alpha(c) && !is_ascii_digit(c) && std::string_view("@-_.:~/").find(c) == std::string_view::npos)
      return false;
  }
  return lower;
}

bool is_bare_key(std::string_view t) {
  if (t.size() < 2 || t.back() != ':' || !((t[0] >= 'a' && t[0] <= 'z') || t[0] == '_')) return false;
  for (char c : t.substr(1, t.size() - 2))
    if (!is_ascii_alpha(c) && !is_ascii_digit(c) && c != '_' && c != '.' && c != '-') return false;
  return true;
}

bool has_spaced_token(std::string_view t, std::initializer_list<std::string_view> tokens) {
  // The tokens' first bytes, as bits: most spaces are followed by none of them. (A find
  // per token compared bytes at every space, once per token; a find per space cost a
  // call for every word.)
  std::uint64_t first[4] = {};
  for (std::string_view tok : tokens) {
    if (tok.empty()) continue;
    const auto b = static_cast<unsigned char>(tok[0]);
    first[b >> 6] |= std::uint64_t{1} << (b & 63);
  }
  for (std::size_t i = 0; i + 1 < t.size(); ++i) {
    if (t[i] != ' ') continue;
    const auto next = static_cast<unsigned char>(t[i + 1]);
    if (!(first[next >> 6] >> (next & 63) & 1)) continue;
    for (std::string_view tok : tokens) {
      const std::size_t end = i + 1 + tok.size();
      if (!tok.empty() && t[i + 1] == tok[0] && end < t.size() && t[end] == ' ' &&
          t.compare(i + 1, tok.size(), tok) == 0)
        return true;
    }
  }
  return false;
}

bool is_byline(std::string_view t) {
  if (has_spaced_token(t, {"\xE2\x80\xA2", "\xC2\xB7", "|"})) return true;  // " • ", " · ", " | "
  for (std::string_view o : {"By ", "Posted ", "Published ", "Updated ", "Written by ", "Translated "})
    if (starts_with(t, o)) return true;
  return false;
}

bool is_section_name(std::string_view t) {
  static constexpr std::string_view kNames[] = {
      "introduction", "conclusion", "conclusions", "summary", "background", "motivation", "overview",
      "acknowledgements", "acknowledgments", "references", "notes", "footnotes", "endnotes", "appendix",
      "discussion", "results", "methods", "methodology", "related work", "future work", "further reading",
      "epilogue", "prologue", "preface", "abstract", "takeaways", "closing thoughts", "final thoughts",
      "wrapping up", "limitations", "next steps", "credits", "thanks"};
  return iequals_any(t, kNames);
}

bool is_notes_heading(std::string_view t) {
  t = trim(t);
  while (!t.empty() && (t.back() == ':' || t.back() == '.')) t.remove_suffix(1);
  return iequals(t, "notes") || iequals(t, "footnotes") || iequals(t, "endnotes") || iequals(t, "note");
}

bool ends_with_closing_quote(std::string_view t) {
  return ends_with(t, "\"") || ends_with(t, "'") || ends_with(t, "\xE2\x80\x9D") || ends_with(t, "\xE2\x80\x99");
}

namespace {
// What a theme heads its readers' comments with: a name ("Comments", which may also head a
// section of the essay, on a program's comments), or an invitation to add one.
constexpr std::string_view kCommentsNames[] = {"comments", "comment", "responses", "response", "replies"};
constexpr std::string_view kCommentsInvitations[] = {"leave a reply", "leave a comment"};
}  // namespace

bool heads_only_comments(std::string_view t) {
  t = trim(t);
  if (!t.empty() && t.back() == ':') t.remove_suffix(1);
  return is_comments_heading(t) && !iequals_any(t, kCommentsNames);
}

bool is_comments_heading(std::string_view t) {
  t = trim(t);
  if (!t.empty() && t.back() == ':') t.remove_suffix(1);
  std::size_t digits = 0;  // ("12 Comments")
  while (digits < t.size() && is_ascii_digit(t[digits])) ++digits;
  if (digits == 0 && t.size() > 4 && iequals(t.substr(0, 4), "one ")) digits = 3;  // ("One thought on …")
  const bool counted = digits > 0 && digits < t.size() && t[digits] == ' ';
  if (counted) t = trim(t.substr(digits));
  if (iequals_any(t, kCommentsNames) || iequals_any(t, kCommentsInvitations)) return true;
  if (counted && iequals(t, "reply")) return true;  // ("1 Reply"; "Reply" alone is the link under each comment)
  // A count, then what the comments are, on or to the post's title: the heading a blog's
  // theme sets over them ("4 thoughts on “Title”", "One response to “Title”"). Without a
  // count, "Comments on the draft" may head a section of the essay; with one, a heading's
  // shape still: no stop at its end, a dozen words at most ("One response to the kits is
  // that they measure one day." is a sentence of a note).
  // (A title in quotes may be as long as it likes and end as it likes: "3 thoughts on “Why Now?”".)
  if (!counted) return false;
  if (!ends_with_closing_quote(t) && (std::count(t.begin(), t.end(), ' ') >= 12 || t.back() == '.' || t.back() == '!' || t.back() == '?'))
    return false;
  static constexpr std::string_view kCounted[] = {"thoughts on ", "thought on ", "responses to ", "response to ",
                                                  "comments on ", "comment on ",  "replies to ",   "reply to "};
  return std::any_of(std::begin(kCounted), std::end(kCounted), [&](std::string_view head) {
    return t.size() > head.size() && iequals(t.substr(0, head.size()), head);
  });
}

Furniture page_furniture(std::string_view t) {
  t = trim(t);
  // (As the theme writes them: "like this:" at the margin of a wrapped paragraph is prose.)
  if (t.empty() || !(t[0] >= 'A' && t[0] <= 'Z')) return Furniture::none;
  if (iequals(t, "like loading...") || iequals(t, "like loading\xE2\x80\xA6")) return Furniture::likes;
  static constexpr std::string_view kButtons[] = {"twitter", "facebook", "linkedin", "reddit",   "email",
                                                  "print",   "tumblr",   "pinterest", "whatsapp", "telegram",
                                                  "pocket",  "mastodon", "threads",  "bluesky",  "more"};
  if (iequals_any(t, kButtons)) return Furniture::button;
  if (t.back() == ':') t.remove_suffix(1);
  static constexpr std::string_view kHeads[] = {"share this", "share this post", "share this article",
                                                "share this entry", "share on social media", "like this"};
  return iequals_any(t, kHeads) ? Furniture::head : Furniture::none;
}

std::string_view label_at_margin(const TextDoc& doc, std::size_t line) {
  if (doc.lines[line].indent != 0) return {};
  std::string_view t = doc.text(line);  // (trimmed)
  if (!t.empty() && t.back() == ':') t.remove_suffix(1);
  return t;
}

// (Narrower than the notes_heading feature, which takes "note", any case, a stop, an
// indent, because a rule overrides every weight: "  notes:" in a copied YAML file is code,
// "notes" in a list of words is an item.)
bool names_the_notes(const TextDoc& doc, std::size_t line) {
  const std::string_view t = label_at_margin(doc, line);
  for (std::string_view name : {"Notes", "Footnotes", "Endnotes", "NOTES", "FOOTNOTES", "ENDNOTES"})
    if (t == name) return true;
  return false;
}

// (The names a reference list goes by in the genre, not in any one post. A capital first,
// as a heading has: "sources" in a list of words is an item, "  references:" in a copied
// YAML file is code.)
bool names_a_reference_list(const TextDoc& doc, std::size_t line) {
  const std::string_view t = label_at_margin(doc, line);
  if (t.empty() || !(t[0] >= 'A' && t[0] <= 'Z')) return false;
  static constexpr std::string_view kNames[] = {
      "references", "sources", "bibliography", "works cited", "citations", "further reading",
      "notes and references", "notes and sources", "sources and notes", "references and notes"};
  return iequals_any(t, kNames);
}

// Does a line name a post's comments (is_comments_heading, in any case), or head the block a
// blog's theme sets under a post for sharing and liking it (page_furniture), alone at the
// margin? (Any case for the comments, unlike names_the_notes: a line of a program or of a list
// that happens to read so keeps every tag of the essay, and no annotated line reads so where
// bodies may be.) The sharing block's head counts where the theme's group shows it: another
// line of the block (a button, another head, the likes' placeholder) within the two lines under
// it. "Like this:" or "Share this:" alone leads into an example or a quotation, in an essay or a
// note, and ending the notes there lost them; the placeholder "Like Loading..." is never prose.
bool names_the_comments(const TextDoc& doc, std::size_t line) {
  if (doc.lines[line].indent != 0) return false;
  const std::string_view t = doc.text(line);
  if (is_comments_heading(t)) return true;
  const Furniture f = page_furniture(t);
  if (f == Furniture::likes) return true;
  if (f != Furniture::head) return false;
  std::size_t below = line;
  for (int k = 0; k < 2; ++k) {
    below = doc.next_nonblank(below);
    if (below == TextDoc::npos) return false;
    if (page_furniture(doc.text(below)) != Furniture::none) return true;
  }
  return false;
}

bool ends_with_anchor(std::string_view t) {
  if (!ends_with(t, ")")) return false;  // (first: the search from the end reads the whole line)
  const std::size_t open = t.rfind(" (#");
  if (open == std::string_view::npos || open + 4 >= t.size()) return false;
  return std::all_of(t.begin() + static_cast<std::ptrdiff_t>(open) + 3, t.end() - 1,
                     [](char c) { return (c >= 'a' && c <= 'z') || is_ascii_digit(c) || c == '-' || c == '_'; });
}

bool has_three_spaces(std::string_view t) {
  // Three spaces in a row cover one of every three positions: look at those, and around
  // one only where it is a space (a find for "   " called memchr and memcmp at every space).
  for (std::size_t k = 2; k < t.size(); k += 3) {
    if (t[k] != ' ') continue;
    std::size_t b = k, e = k + 1;
    while (b > 0 && k - b < 2 && t[b - 1] == ' ') --b;
    while (e < t.size() && e - k < 3 && t[e] == ' ') ++e;
    if (e - b >= 3) return true;
  }
  return false;
}

bool is_rule_line(std::string_view t, char c) {
  t = trim(t);
  if (t.size() < 3) return false;
  return std::all_of(t.begin(), t.end(), [c](char x) { return x == c || x == ' '; });
}

int underline_level(const TextDoc& doc, std::size_t i) {
  if (i + 1 >= doc.lines.size() || doc.lines[i + 1].blank) return 0;
  const std::string_view u = doc.text(i + 1);
  return is_rule_line(u, '=') ? 1 : is_rule_line(u, '-') ? 2 : 0;
}

bool rule_under(const TextDoc& doc, std::size_t i, char c) {
  if (i + 1 >= doc.lines.size() || doc.lines[i + 1].blank) return false;
  std::string_view u = trim(doc.text(i + 1));
  // (A table's header row over its dashes is no heading: its columns stand apart.)
  if (!is_rule_line(u, c) || u.find(' ') != std::string_view::npos || has_three_spaces(doc.text(i))) return false;
  const std::size_t above = doc.shape[i].chars, len = u.size();
  return len * 10 >= above * 7 && len * 10 <= above * 13 + 30;
}

bool underlined(const TextDoc& doc, std::size_t i) { return rule_under(doc, i, '=') || rule_under(doc, i, '-'); }

bool over_a_rule(const TextDoc& doc, std::size_t i) {
  if (i + 1 >= doc.lines.size() || doc.lines[i + 1].blank) return false;
  const char c = doc.text(i + 1).front();  // (the text is trimmed: no space)
  return c > ' ' && c < 0x7F && !is_ascii_alpha(c) && !is_ascii_digit(c) && is_rule_line(doc.text(i + 1), c);
}

int atx_marks(std::string_view t) {
  std::size_t k = 0;
  while (k < t.size() && t[k] == '#') ++k;
  if (k == 0 || k > 6 || k >= t.size() || (t[k] != ' ' && t[k] != '\t')) return 0;  // (a tab, as in Markdown)
  return t.find_first_not_of(" \t#", k) == std::string_view::npos ? 0 : static_cast<int>(k);
}

std::string_view without_atx_marks(std::string_view t) {
  const int marks = atx_marks(t);
  if (marks == 0) return t;
  t = trim(t.substr(static_cast<std::size_t>(marks)));
  // A closing sequence: a run of '#' after a space ("## Part ##").
  const std::size_t last = t.find_last_not_of('#');
  if (last != std::string_view::npos && last + 1 < t.size() && (t[last] == ' ' || t[last] == '\t')) t = trim(t.substr(0, last));
  return t;
}

}  // namespace essaykit::detail::text
