// The line model of the plain-text reader: every line with its span and the role
// the recovery passes give it (text_footnotes.cpp, text_structure.cpp).
#ifndef ESSAYKIT_SRC_TEXT_LINES_H
#define ESSAYKIT_SRC_TEXT_LINES_H

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "block_model.h"
#include "markers.h"

namespace essaykit::detail {

enum class LineRole : std::uint8_t {
  blank,
  paragraph,   // prose (the default)
  title,
  subtitle,
  heading,
  underline,   // the === or --- under a heading
  rule,        // a thematic break: *** or --- alone
  item,        // a list item
  code,        // code, a table row, a formula
  note_body,   // part of a footnote body
};

// Shape of a line, shared by the passes.
struct LineShape {
  std::size_t chars = 0;      // code points
  std::size_t words = 0;
  char last = 0;              // last ASCII character ('\0' if the line ends in non-ASCII)
  bool starts_upper = false;  // first letter is upper case (or a digit)
  bool starts_lower = false;
  bool all_caps = false;      // three or more capital letters and no small ASCII letter
  bool sentence_like = false; // reads as part of a sentence, not a title: ends on a word
                              // that needs more ("such as", "the") or a dash, joins clauses
                              // with "; ", presents what follows ("Here are …"), or ends
                              // on a stop with its footnote number ("more.14")
  double code = 0;            // 0..1: how much it reads as code
  double title_case = 0;      // share of longer words that are capitalised
  double identifier = 0;      // how much a short line reads as a name or a command from
                              // code ("Item(T, X)", "cc -o a.exe a.c"): counted against
                              // headings only, since list items quote names freely
};
LineShape shape_of(std::string_view text);

struct TextLine {
  std::size_t start = 0;   // first byte of the line
  std::size_t end = 0;     // end of its content (before CR LF)
  std::size_t lstart = 0;  // first non-blank byte
  int indent = 0;          // leading columns (a tab counts 4)
  bool blank = false;
  LineRole role = LineRole::paragraph;
  int level = 0;           // heading rank (1 = outermost)
  int depth = 0;           // list item depth
  int list = -1;           // -2: continues the item above
  int group = -1;          // items of one list share a group
  ListMarker marker;       // an explicit list marker, if any
};

struct TextDoc {
  std::string_view in;
  const LineIndex* index = nullptr;
  std::vector<TextLine> lines;
  std::vector<LineShape> shape;  // shape_of each line's text, computed once by the reader
  bool blank_separated = false;  // paragraphs separated by blank lines

  std::string_view text(const TextLine& l) const { return in.substr(l.lstart, l.end - l.lstart); }
  std::string_view text(std::size_t i) const { return text(lines[i]); }
  Span span(std::size_t first, std::size_t last) const {  // lines first..last, trimmed
    return index->span(lines[first].lstart, lines[last].end);
  }
  // The nearest non-blank line before/after i, or npos.
  std::size_t prev_nonblank(std::size_t i) const {
    while (i > 0) if (!lines[--i].blank) return i;
    return npos;
  }
  std::size_t next_nonblank(std::size_t i) const {
    while (++i < lines.size()) if (!lines[i].blank) return i;
    return npos;
  }
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
};

// text_footnotes.cpp — finds the references (digits glued to the text, superscripts,
// [n], [^n]) and the bodies they point to; marks body lines as note_body.
void recover_footnotes(TextDoc& doc, BlockModel& model);

// text_structure.cpp — headings, lists and code among the lines not yet claimed.
void recover_structure(TextDoc& doc, BlockModel& model);


}  // namespace essaykit::detail

#endif
