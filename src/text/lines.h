// The lines of a plain-text document: each with its span, its indentation, the list
// marker it opens with, and its shape — the traits every later stage reads (the
// features of the line labeller, the footnote model, the structure built from labels).
#ifndef ESSAYKIT_SRC_TEXT_LINES_H
#define ESSAYKIT_SRC_TEXT_LINES_H

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <vector>

#include "block_model.h"
#include "markers.h"

namespace essaykit::detail::text {

// Shape of a line: what a reader sees before reading its words.
struct LineShape {
  std::uint32_t chars = 0;     // code points
  std::uint32_t words = 0;
  char last = 0;               // last ASCII character ('\0' if the line ends in non-ASCII)
  bool starts_upper : 1;       // first letter is upper case (or a digit)
  bool starts_lower : 1;
  bool all_caps : 1;           // three or more capital letters and no small ASCII letter
  bool sentence_like : 1;      // reads as part of a sentence, not a title: ends on a word
                               // that needs more ("such as", "the") or a dash, joins clauses
                               // with "; ", presents what follows ("Here are …"), or ends on
                               // a stop with its footnote number ("more.14")
  bool closes_sentence : 1;    // ends with . ! ? (before closing quotes or brackets)
  bool backlink : 1;           // ends with a footnote body's link back ("↩︎"), which is no text:
                               // the rest of the shape is of the line without it
  float code = 0;              // 0..1: how much it reads as code (symbol density, code openers)
  float title_case = 0;        // share of longer words that are capitalised
  float identifier = 0;        // how much a short line reads as a name or a command from code
                               // ("Item(T, X)", "cc -o a.exe a.c", TeX math)
  LineShape()
      : starts_upper(false),
        starts_lower(false),
        all_caps(false),
        sentence_like(false),
        closes_sentence(false),
        backlink(false) {}
};
LineShape shape_of(std::string_view text);
// `text` trimmed, without the back-link arrows that end it ("Note one. ↩︎ ↩︎" → "Note one.").
std::string_view without_backlinks(std::string_view text);

// (40 bytes, one per line: where the line starts is the line index's, TextDoc::start.)
struct TextLine {
  std::size_t end = 0;     // end of its content (before trailing white space and CR LF)
  std::size_t lstart = 0;  // first non-blank byte
  int indent = 0;          // leading columns (a tab counts 4)
  bool blank = false;
  ListMarker marker;       // an explicit list marker, if any
};
static_assert(sizeof(TextLine) <= 32, "one per line of the input: keep it small");
static_assert(sizeof(ListMarker) <= 8, "one per line of the input: keep it small");

struct TextDoc {
  std::string_view in;
  const LineIndex* index = nullptr;
  std::vector<TextLine> lines;
  std::vector<LineShape> shape;  // shape_of each line's text
  bool blank_separated = false;  // paragraphs separated by blank lines
  bool hard_wrapped = false;     // prose broken at a width, as plain-text exports do
  std::size_t bom = 0;           // 3 when the input opens with a byte-order mark
  // Where the text marks its headings as Markdown does, "# Title" and "## Part" (a Markdown
  // file read as text; its first line opens so): per line, the level its marks give
  // (atx_marks; 0 for none, and inside a ``` or ~~~ fence, where '#' opens a comment).
  // Empty for any other text.
  std::vector<std::uint8_t> atx_level;
  // Where the text underlines its headings ("Part" over "----", the title left out) on two
  // lines or more, with prose between them (underlines in a code sample or a quoted Markdown
  // file stand together): then it underlines all of them, as a Markdown text marks all of its
  // own.
  bool underlines_headings = false;

  // The first byte of line i (after a BOM).
  std::size_t start(std::size_t i) const { return std::max(index->line_start(i + 1), bom); }
  std::string_view text(const TextLine& l) const { return in.substr(l.lstart, l.end - l.lstart); }
  std::string_view text(std::size_t i) const { return text(lines[i]); }
  Span span(std::size_t first, std::size_t last) const {  // lines first..last, trimmed
    return index->span(lines[first].lstart, lines[last].end);
  }
  // The nearest non-blank line before/after i, or npos.
  std::size_t prev_nonblank(std::size_t i) const {
    while (i > 0)
      if (!lines[--i].blank) return i;
    return npos;
  }
  std::size_t next_nonblank(std::size_t i) const {
    while (++i < lines.size())
      if (!lines[i].blank) return i;
    return npos;
  }
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
};

// Splits `input` into lines (a BOM is not content) and measures each.
TextDoc split_lines(std::string_view input, const LineIndex& index);

// Small judgements about one line's text, shared by the features and the footnote model.
bool looks_like_file_or_url(std::string_view t);  // "diagram.png", "https://…"
// The line is what a copy keeps of an image or a bare link: one token, an address
// ("https://…", "www.…") or an image's file name (names_an_image).
bool stands_for_image_or_link(std::string_view t);
// The line is one token, an image's file name ("subpixel_1.png", "photo.jpg?w=600").
bool names_an_image(std::string_view t);
// The line is one token, an address ("https://…", "www.…", with something after it).
bool is_bare_address(std::string_view t);
bool is_byline(std::string_view t);               // "Ana Ruiz · May 3", "By …", "Posted …"
// The line is a command typed at a prompt: "$ make", "% ls", ">>> f(x)", "ghci> :kind Not",
// "sqlite> .tables": '$', '%', '>>>' or '❯' alone, or a short name (up to seven bytes: letters,
// one in lower case at least, and digits and @-_.:~/) ending in '$', '%' or '>', then a space
// and the command, which after '$' alone opens on no digit. (Narrower than the features'
// prompt, which only weighs; this one decides: not "$x$", a formula in TeX's dollars, "100%",
// "{%", "$ 5" or "US$ 5", sums of money, or '>' alone, a quotation. A long "user@host:~$" is
// missed. See the Labeller's rules.)
bool opens_at_a_prompt(std::string_view t);
// The line is a key that opens a block of configuration or of a program: one word opening
// in lower case (letters, digits and '_', '.', '-'), then ':' and nothing after ("env:",
// "before_install:", "else:"). A lead-in of prose opens as a sentence does; what such a key
// opens is written under it, indented ("  global:", "  - GH_REF: …") or as a "- " entry at
// its margin: YAML, a block of Python, a compiler's message. (See the Labeller's rules.)
bool is_bare_key(std::string_view t);
// One of `tokens` between two spaces in `t` (" = ", " | "): one pass over the spaces, a
// token compared only where its first byte follows one.
bool has_spaced_token(std::string_view t, std::initializer_list<std::string_view> tokens);
bool is_section_name(std::string_view t);         // "Conclusion", "Further reading"
bool is_notes_heading(std::string_view t);        // "Notes", "Footnotes", "Endnotes"
// Does t end on a closing quotation mark: '"', '\'', or the typographic ” and ’?
bool ends_with_closing_quote(std::string_view t);
// "Comments", "12 Comments", "Responses", "Leave a Reply" and the like (any case, a colon
// after it at most): the heading of a post's comments.
bool is_comments_heading(std::string_view t);
// is_comments_heading, and no name of the comments alone ("Comments", "Responses"), which may
// head a section of the essay: a count ("3 Responses", "4 thoughts on …") or "Leave a Reply".
bool heads_only_comments(std::string_view t);
// What a line is of the block a blog's theme sets under a post for sharing it and liking it,
// as the theme writes it (capitalised; a colon after a head at most): its head ("Share this:",
// "Like this:"), one of its buttons ("Twitter", "Email"), or the likes' placeholder ("Like
// Loading..."). A head alone says little ("Like this:" leads into an example as often); the
// placeholder is never prose. (See names_the_comments below: the group decides.)
enum class Furniture { none, head, button, likes };
Furniture page_furniture(std::string_view t);
// Does line `line` name the notes: "Notes", "Footnotes" or "Endnotes" (or in capitals),
// alone, at the margin, a colon after it at most (the labeller's rule of the notes' heading).
bool names_the_notes(const TextDoc& doc, std::size_t line);
// A line at the margin as a label reads: its text without the colon after it (empty where
// the line is indented). What the rules of the notes' and the references' headings compare.
std::string_view label_at_margin(const TextDoc& doc, std::size_t line);
// Does line `line` name a list of references or sources: "References", "Sources",
// "Bibliography", "Works cited", "Citations", "Further reading", "Notes and references"
// (a capital first, the rest in any case), alone, at the margin, a colon after it at most
// (the labeller's rule of the references' heading, which asks more: heads_a_reference_list).
bool names_a_reference_list(const TextDoc& doc, std::size_t line);
// Does line name a post's comments (is_comments_heading, any case) or head a theme's sharing
// block with another line of the block under it, at the margin? (Where the essay ends on a
// page copied whole; the definition says why each part.)
bool names_the_comments(const TextDoc& doc, std::size_t line);
bool ends_with_anchor(std::string_view t);        // "Bay walks (#bay-walks)"
bool is_rule_line(std::string_view t, char c);    // "===", "- - -": three or more of c only
bool has_three_spaces(std::string_view t);        // "a   b": three spaces in a row (columns)
// The level the line under line i gives it as an underline: "===" outer (1), "---" inner
// (2); 0 without one.
int underline_level(const TextDoc& doc, std::size_t i);
// Does the line under line i underline it with c, a rule about as long as the line ("Title"
// over "=====", not a page-wide rule under a short line, nor dashes under a table's columns:
// "- - -" or "----  ----" is no underline, as in Markdown)?
bool rule_under(const TextDoc& doc, std::size_t i, char c);
// Is line i underlined as a heading, with '=' or '-' (rule_under)?
bool underlined(const TextDoc& doc, std::size_t i);
// Does a rule of any kind stand right under line i, three or more of one punctuation mark
// ("~~~~", "^^^^", a rule too long or too short to be its underline, a banner's "=====")? Such a line is marked in some way of its
// own, which TextDoc::underlines_headings does not tell.
bool over_a_rule(const TextDoc& doc, std::size_t i);
// A Markdown heading's marks: the number of '#' (1 to 6) a line opens with, a space or a tab and
// words after them; 0 when it has none ("#hashtag", "####### x", "# " alone).
int atx_marks(std::string_view t);
// The heading's words without its marks, or a closing run of '#' after them.
std::string_view without_atx_marks(std::string_view t);

}  // namespace essaykit::detail::text

#endif
