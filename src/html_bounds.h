// Bounds on the work of HTML5 tree building, applied to the bytes before gumbo reads them.
//
// The HTML5 tree builder scans its stack of open elements for most tags ("is a <p>
// open in button scope?", "where is the <li> to close?"), and gumbo 0.10 does so
// literally: 100,000 unclosed <div>s take it 26 s, 100,000 attributes on one tag 28 s
// (each new attribute is compared with all before it). Browsers bound the tree's depth
// (Blink at 512); so does essaykit. One linear scan of the tags models the stack as the
// tree builder keeps it — the implied end tags of p, li, dt, dd, option, headings and
// table parts, scopes, foreign content, the adoption agency's way with misnested
// formatting — erring towards a deeper stack, never a shallower one, and blanks byte for
// byte (spaces, newlines kept):
// - start tags that would open an element deeper than kMaxDepth,
// - formatting start tags (<b>, <font>, …) past kMaxFormatting open at once, which the
//   parser would re-open after every block,
// - attributes past kMaxAttributes on one tag.
// The element's text stays; only tags go. The blanked copy has the input's length and
// lines, so gumbo's offsets into it are offsets into the input.
#ifndef ESSAYKIT_SRC_HTML_BOUNDS_H
#define ESSAYKIT_SRC_HTML_BOUNDS_H

#include <cstddef>
#include <string>
#include <string_view>

namespace essaykit::detail {

inline constexpr std::size_t kMaxDepth = 256;
inline constexpr std::size_t kMaxFormatting = 64;
inline constexpr std::size_t kMaxAttributes = 64;

struct HtmlBounds {
  std::string blanked;            // the input with the tags over the bounds blanked; empty when none were
  std::size_t deep_tags = 0;      // start tags blanked for depth or formatting
  std::size_t extra_attributes = 0;
  std::size_t first_blanked = 0;  // offset of the first blanked byte, for the diagnostic
};

// Linear in the input; allocates the copy only when something must be blanked.
HtmlBounds bound_html(std::string_view input);

}  // namespace essaykit::detail

#endif
