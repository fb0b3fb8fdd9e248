// Footnotes in HTML: links into an endnote list, in whatever convention made them.
//
// Generators mark footnotes in many ways — pandoc (a.footnote-ref → section.footnotes
// li#fn1), kramdown (sup#fnref:1 → li#fn:1), goldmark and Python-Markdown (the same ids,
// other classes), markdown-it (sup.footnote-ref → li.footnote-item), Hakyll's pandoc 1
// (a.footnoteRef), DPUB-ARIA roles (doc-noteref → doc-endnote), Asciidoctor, org-mode,
// docutils, hand-made "<sup><a href=#note1>1</a></sup>" — but what they share is the
// shape: a short mark (a number, a symbol, in <sup> or brackets) links to an element
// later in the page, and that element links back. A reference is a link to an element
// of the page that comes after it and
// - links back to the reference (the strongest sign: nothing else does), or
// - is marked as a note by role or class, the link being note-like (a short mark or <sup>), or
// - is an item of a list, the link being a short mark in <sup>, or
// - opens with the link's mark ("1. The note") and lies after the last reference, the link
//   being a short mark in <sup>: notes by hand, with no list ("<p id=note-1>").
// A link into a section, a heading or most of the page is never one.
#ifndef ESSAYKIT_SRC_HTML_NOTES_H
#define ESSAYKIT_SRC_HTML_NOTES_H

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "html_tree.h"

namespace essaykit::detail::html {

struct Notes {
  struct Body {
    std::uint32_t node = kNone;   // the note's element (an <li>, a <div>, a <dd>, …)
    std::uint32_t label = kNone;  // a separate label element before it (a docutils <dt>), or kNone
    std::string name;             // the label essaykit reports: the reference's mark, else the note's id
    std::string text_mark;        // the mark its text opens with ("1" of "1. The note"; no part of its
                                  // text), for a note by hand found by it; else empty
  };
  std::vector<Body> bodies;                                  // in document order
  std::unordered_map<std::uint32_t, std::uint32_t> ref_to;   // reference element (<sup> or <a>) → body index
  std::unordered_map<std::uint32_t, std::uint32_t> body_at;  // body (or label) element → body index
  std::unordered_set<std::uint32_t> backlinks;               // links back, inside bodies: no part of their text
  std::unordered_set<std::uint32_t> lists;                   // lists of notes: no lists of the page
  std::uint32_t block = kNone;  // the element that holds the notes and nothing else of note, when there is one
  std::vector<std::uint8_t> marked;  // per node: 1 when it is in one of the maps or sets above
};

// References are looked for under `root` (the article) and inside the notes.
Notes find_notes(const Tree& tree, std::uint32_t root);

// A mark that stands for a note: "1", "[12]", "(3)", "2a", "*", "†", "‡", "§", "¶".
bool note_like(std::string_view mark);

}  // namespace essaykit::detail::html

#endif
