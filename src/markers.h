// The small grammars of plain text: list markers, heading numbers and footnote-body
// markers at the start of a line. Boost.Spirit X3 parsers (markers.cpp).
#ifndef ESSAYKIT_SRC_MARKERS_H
#define ESSAYKIT_SRC_MARKERS_H

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace essaykit::detail {

enum class MarkerKind : std::uint8_t {
  none,
  bullet,          // - * • – — ▪ ◦ ‣ ⁃ +
  number_period,   // 1.
  number_paren,    // 1)
  paren_number,    // (1)
  letter_period,   // a.
  letter_paren,    // a) (a)
  roman_period,    // iv. IV.
};

// (8 bytes: a plain-text document keeps one per line.)
struct ListMarker {
  std::int32_t value = 0;    // the number (three digits at most), letter (a=1) or roman value
  std::uint16_t length = 0;  // bytes of the marker and the space after it (kMaxMarkerLength at most)
  MarkerKind kind = MarkerKind::none;
};
// A marker is a few bytes and a gap: one with a longer gap after it is no marker. (The
// bound keeps ListMarker, and so every plain-text line, small: a document has one per line.)
constexpr std::size_t kMaxMarkerLength = 255;

// A list marker at the start of `line` (already without indentation), followed by a
// space and some text. "1.5 litres" and "e.g. this" are not markers.
ListMarker parse_list_marker(std::string_view line);

// A heading number at the start of a line: "2.", "2.3", "2.3.", "II.", "A." — returns
// the depth (number of components; 1 for roman and letters) and the byte length
// including the following space, or 0 when there is none.
struct HeadingNumber {
  int depth = 0;
  std::size_t length = 0;
  long first = 0;  // the first component's value
  bool named = false;  // "Step 2:", "Part 3 —": a stage named in words, which prose
                       // rarely opens a line with (unlike "2." in a list)
};
HeadingNumber parse_heading_number(std::string_view line);

// A footnote body marker at the start of a line: "[12] ", "12. ", "12) ", "¹² ", "^12 ".
struct NoteMarker {
  long value = 0;  // 0 = none
  std::size_t length = 0;
  bool bracketed = false;  // [n] or ^n or superscripts: unambiguous
};
NoteMarker parse_note_marker(std::string_view line);

// The value of a run of Unicode superscript digits starting at s[i]; advances i.
// Returns -1 when there is none.
long parse_superscript_number(std::string_view s, std::size_t& i);

// Roman numeral value (i..xxxix, case-insensitive) or 0.
long roman_value(std::string_view s);

}  // namespace essaykit::detail

#endif
