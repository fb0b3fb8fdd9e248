// The HTML reader's view of a page: gumbo's tree, flattened.
//
// gumbo (libgumbo, Debian's libgumbo-dev) builds the tree as the HTML5 algorithm
// says a browser does, and keeps each node's byte offset in the source: a start
// tag's, an end tag's, a text node's. The reader needs three things the tree does
// not give directly: walking it without recursion (a page may nest deeply), knowing
// each element's whole source span, and how much text (and how much of it in links)
// lies under each element. So the tree is laid out once in pre-order, each node with
// its parent and the end of its subtree; spans and text counts are summed bottom-up.
#ifndef ESSAYKIT_SRC_HTML_TREE_H
#define ESSAYKIT_SRC_HTML_TREE_H

#include <gumbo.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace essaykit::detail::html {

inline constexpr std::uint32_t kNone = 0xFFFFFFFFu;

struct Node {
  const GumboNode* g = nullptr;
  std::uint32_t parent = kNone;
  std::uint32_t end = 0;    // one past the last node of the subtree
  GumboTag tag = GUMBO_TAG_UNKNOWN;  // GUMBO_TAG_UNKNOWN for text
  bool element = false;
  bool hidden = false;      // never text: script, style, template, hidden="", aria-hidden, display:none, …
  std::size_t start = 0;    // source span of the node and everything under it
  std::size_t stop = 0;
  std::uint32_t text = 0;   // visible non-space bytes under it
  std::uint32_t link = 0;   // of those, inside <a href>
};

class Tree {
 public:
  // Parses `buffer` (the input, or its bounded copy of the same length) with gumbo.
  explicit Tree(std::string_view buffer);
  Tree(const Tree&) = delete;
  Tree& operator=(const Tree&) = delete;

  const std::vector<Node>& nodes() const { return nodes_; }
  const Node& operator[](std::uint32_t i) const { return nodes_[i]; }
  std::uint32_t size() const { return static_cast<std::uint32_t>(nodes_.size()); }
  std::uint32_t body() const { return body_; }
  std::uint32_t head() const { return head_; }

  // The element with this id (or, failing that, an <a name>), or kNone.
  std::uint32_t by_id(std::string_view id) const;

  // An attribute's value (decoded), or nullptr when the element has none.
  const char* attr(std::uint32_t i, const char* name) const;
  // Does the class attribute (or the id, with `or_id`) hold a token among `words`?
  // Tokens are the attribute's words split further at '-' and '_', lower-cased:
  // "post-navigation" holds "navigation".
  bool has_token(std::uint32_t i, std::initializer_list<std::string_view> words, bool or_id = true) const;
  bool has_class(std::uint32_t i, std::string_view cls) const;  // a whole class, ASCII case ignored

  // The decoded text of a text node; empty for elements.
  std::string_view text(std::uint32_t i) const;
  // The source of a text node: [start, stop).
  bool is_ancestor(std::uint32_t a, std::uint32_t d) const { return a <= d && d < nodes_[a].end && a != d; }
  // Visible text under `i`, whitespace collapsed (for titles, labels, short checks).
  std::string plain_text(std::uint32_t i, std::size_t max_bytes = 4096) const;

 private:
  struct OutputDeleter {
    void operator()(GumboOutput* o) const { gumbo_destroy_output(&kGumboDefaultOptions, o); }
  };
  std::unique_ptr<GumboOutput, OutputDeleter> out_;
  std::vector<Node> nodes_;
  std::unordered_map<std::string_view, std::uint32_t> ids_;
  std::uint32_t body_ = kNone, head_ = kNone;
};

// Text with no letter or digit: the "↩" of a link back, the "#" or "¶" of an anchor.
bool symbols_only(std::string_view text);

bool is_block(GumboTag t);     // elements that begin a new block of text
bool is_heading(GumboTag t);   // h1–h6
int heading_level(GumboTag t);

}  // namespace essaykit::detail::html

#endif
