// Finding the article in a page, and what a theme put around and inside it.
//
// The root is the element that holds the post: the innermost <article>, <main>,
// role=main or itemprop=articleBody that holds at least half of the page's prose, else
// the innermost element holding most of it ("the block with the most prose"). Prose is
// visible text outside links and outside what is chrome by its tag (nav, aside,
// header, footer), so menus, link lists and teasers weigh nothing.
//
// Inside the root, a subtree is chrome (left out) when
// - its tag or ARIA role says so: nav, aside, footer, a header of the article itself,
//   role=navigation|banner|contentinfo|complementary|search|…;
// - its class or id uses the genre's words for chrome (nav, menu, sidebar, share,
//   social, related, comments, pager, pagination, toc, breadcrumbs, subscribe, …),
//   unless it holds half of the article's prose;
// - it is a pager: a few links, one of them rel=prev/next or "← Older", "Next →";
// - it is a box of teasers: two or more headings that link to other pages, in a block
//   that is mostly links ("More posts", "Related articles");
// - it comes after the notes: endnotes close a post, and what follows them (pagers,
//   more posts, comments) is the theme's, unless it is a good share of the prose.
// Notes and their lists are never chrome.
//
// The title: an <h1> at the top of the article (a template's title, with no id, is only
// the title; a heading of the post's own text, with an id as generators give them,
// is also its first section), else the page's <h1> just before the article, else
// og:title, else <title> without the site's name. A heading right after the title,
// named as a subtitle or sharing the title's header, is its standfirst.
#ifndef ESSAYKIT_SRC_HTML_ARTICLE_H
#define ESSAYKIT_SRC_HTML_ARTICLE_H

#include <cstdint>
#include <string>
#include <vector>

#include "html_notes.h"
#include "html_tree.h"

namespace essaykit::detail::html {

class Article {
 public:
  explicit Article(const Tree& tree);
  std::uint32_t root() const { return root_; }

  // Call once the notes are known (they are looked for under root()).
  void set_notes(const Notes& notes);
  // Is element `i` (under the root) chrome, to be left out with everything under it?
  bool chrome(std::uint32_t i) const;

  struct Title {
    std::uint32_t heading = kNone;  // the <h1> that is the title, or kNone
    bool also_section = false;      // that <h1> is also the first heading of the text
    std::uint32_t source = kNone;   // otherwise the <meta> or <title> element it came from
    std::string text;               // for a <meta> or <title>: the text, site name removed
    std::uint32_t subtitle = kNone; // a heading that is the title's standfirst, not a section
  };
  Title title() const;

 private:
  bool pager(std::uint32_t i) const;
  std::uint32_t subtitle_of(std::uint32_t title) const;
  std::uint32_t prose_before(std::uint32_t i) const;

  const Tree& t_;
  std::uint32_t root_ = kNone;
  std::vector<std::uint32_t> prose_;   // per node: visible text outside links and tag chrome
  std::vector<std::uint16_t> cards_;   // per node: headings under it that link to other pages
  std::vector<std::uint16_t> links_;   // per node: <a href> elements under it (capped)
  std::vector<std::uint32_t> notes_;   // per node: note bodies under it
  std::vector<std::uint32_t> headings_;  // per node: headings under it
  std::vector<std::uint8_t> named_;    // per node: chrome by its class names or id
  const Notes* notes_ptr_ = nullptr;
  std::uint32_t after_notes_ = kNone;  // nodes from here on (under the root) are chrome
};

}  // namespace essaykit::detail::html

#endif
