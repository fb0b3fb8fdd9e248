// Article: the post's root, the chrome in it, its title (html_article.h).
#include "html_article.h"

#include <algorithm>
#include <cstring>

#include "text_util.h"

namespace essaykit::detail::html {
namespace {

bool chrome_tag(GumboTag t) {
  return t == GUMBO_TAG_NAV || t == GUMBO_TAG_ASIDE || t == GUMBO_TAG_HEADER || t == GUMBO_TAG_FOOTER;
}

bool chrome_role(const char* role) {
  if (!role) return false;
  for (std::string_view r : {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar",
                             "toolbar", "tablist", "dialog", "alertdialog", "doc-toc"})
    if (iequals(role, r)) return true;
  return false;
}

bool sectioning(GumboTag t) {
  return t == GUMBO_TAG_ARTICLE || t == GUMBO_TAG_SECTION || t == GUMBO_TAG_MAIN || t == GUMBO_TAG_BODY;
}

// The genre's words for chrome and for content, in class names and ids. A class name
// ("post-navigation", "comments-area") is chrome when one of its words is a chrome word
// and none a content word; an element is chrome by its names when one of them is and
// none is content's ("markdown-body comment-enabled" is a post that takes comments).
constexpr std::string_view kChromeWords[] = {
    "nav", "navbar", "navigation", "navlinks", "menu", "menubar", "breadcrumb", "breadcrumbs", "sidebar", "share",
    "sharing", "sharethis", "social", "related", "comments", "comment", "disqus", "respond", "pager", "pagination",
    "paginator", "pagenav", "subscribe", "subscription", "newsletter", "signup", "toc", "masthead", "banner",
    "widget", "widgets", "advert", "advertisement", "ads", "sponsor", "sponsored", "promo", "cookie", "cookies",
    "popup", "modal", "skip", "byline", "meta", "postmeta", "tags", "taglist", "categories", "author", "bio",
    "footer", "prevnext", "crumbs", "cta", "tableofcontents"};
constexpr std::string_view kContentWords[] = {"article", "body", "content", "main", "text", "story", "markdown", "prose"};

enum class Words { none, chrome, content };
Words words_of(std::string_view value) {
  bool chrome = false, content = false;
  for (std::size_t p = 0; p < value.size();) {
    while (p < value.size() && (value[p] == '-' || value[p] == '_')) ++p;
    std::size_t q = p;
    while (q < value.size() && value[q] != '-' && value[q] != '_') ++q;
    const std::string_view w = value.substr(p, q - p);
    for (std::string_view c : kChromeWords) chrome |= iequals(w, c);
    for (std::string_view c : kContentWords) content |= iequals(w, c);
    p = q;
  }
  if (iequals(value, "table-of-contents")) return Words::chrome;
  return content ? Words::content : chrome ? Words::chrome : Words::none;
}

// Is the element chrome by its class names (and, unless an anchor's, its id)?
bool chrome_by_name(const Tree& t, std::uint32_t i, bool with_id) {
  bool chrome = false;
  for (const char* attr : {"class", "id"}) {
    if (!with_id && attr[0] == 'i') break;
    const char* v = t.attr(i, attr);
    if (!v) continue;
    std::string_view s(v);
    for (std::size_t p = 0; p < s.size();) {
      while (p < s.size() && is_space(s[p])) ++p;
      std::size_t q = p;
      while (q < s.size() && !is_space(s[q])) ++q;
      if (q > p) {
        const Words w = words_of(s.substr(p, q - p));
        if (w == Words::content) return false;
        chrome |= w == Words::chrome;
      }
      p = q;
    }
  }
  return chrome;
}

// The elements that hold parts of a page, whose names are read: on a heading or a
// paragraph an id is an anchor ("#social-technology" is no social box).
enum class Holder { no, with_id, without_id };
Holder holder(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DL:
    case GUMBO_TAG_TABLE: case GUMBO_TAG_DETAILS: case GUMBO_TAG_CENTER: case GUMBO_TAG_UNKNOWN:
      return Holder::with_id;
    case GUMBO_TAG_P: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_FIGURE:
      return Holder::without_id;
    default:
      return Holder::no;
  }
}

// An in-page link ("#x") or none: no teaser and no way off the page.
bool to_other_page(const char* href) { return href && *href && href[0] != '#'; }

// A link to the site's home: the site's name in a banner, not a post's title.
bool to_home(const char* href) {
  if (!href) return false;
  std::string_view h(href);
  for (std::string_view home : {"/", "./", "../", "index.html", "/index.html", "../index.html", "../../"})
    if (h == home) return true;
  if (auto scheme = h.find("://"); scheme != std::string_view::npos) {
    std::string_view rest = h.substr(scheme + 3);
    auto slash = rest.find('/');
    return slash == std::string_view::npos || slash + 1 == rest.size();
  }
  return false;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = to_lower_ascii(c);
  return out;
}

// How a pager's link reads: "← Older", "Next post »", rel=prev.
bool pager_link(std::string_view text, const char* rel) {
  if (rel && (std::strstr(rel, "prev") || std::strstr(rel, "next"))) return true;
  std::string t = lower(trim(text));
  for (std::string_view arrow : {"\xE2\x86\x90", "\xE2\x86\x92", "\xC2\xAB", "\xC2\xBB", "\xE2\x80\xB9", "\xE2\x80\xBA",
                                 "\xE2\x9F\xB5", "\xE2\x9F\xB6", "<<", ">>", "<", ">"})  // ← → « » ‹ › ⟵ ⟶
    if (starts_with(t, arrow) || ends_with(t, arrow)) return true;
  for (std::string_view word : {"previous", "prev", "next", "older", "newer"})
    if (starts_with(t, word) && (t.size() == word.size() || !is_ascii_alpha(t[word.size()]))) return true;
  return false;
}

// "Post title | Site name" → "Post title".
std::string strip_site(std::string_view title, std::string_view site) {
  std::string_view t = trim(title);
  for (std::string_view sep : {" | ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " - ", " \xC2\xB7 ", " \xE2\x80\xA2 ", " :: ",
                               " \xC2\xBB ", " / "}) {
    const std::size_t at = t.find(sep), last = t.rfind(sep);
    if (at == std::string_view::npos) continue;
    std::string_view first = trim(t.substr(0, at)), rest = trim(t.substr(last + sep.size()));
    if (!site.empty()) {
      if (iequals(rest, site)) return std::string(trim(t.substr(0, last)));
      if (iequals(first, site)) return std::string(trim(t.substr(at + sep.size())));
      continue;
    }
    if (at == last) return std::string(first.size() >= rest.size() ? first : rest);
  }
  return std::string(t);
}

}  // namespace

Article::Article(const Tree& t) : t_(t) {
  const std::uint32_t n = t.size();
  prose_.assign(n, 0);
  cards_.assign(n, 0);
  links_.assign(n, 0);
  notes_.assign(n, 0);
  headings_.assign(n, 0);
  named_.assign(n, 0);
  std::vector<std::uint8_t> weightless_(n, 0);
  for (std::uint32_t i = n; i-- > 0;) {
    if (is_heading(t[i].tag) && !t[i].hidden) ++headings_[i];
    if (t[i].parent != kNone) headings_[t[i].parent] += headings_[i];
    const Holder h = holder(t[i].tag);
    named_[i] = t[i].element && h != Holder::no && chrome_by_name(t, i, h == Holder::with_id);
  }
  const std::uint32_t all_headings = headings_[t.body() != kNone ? t.body() : 0];
  // Links above each node (forward): a heading under a link to another page is a teaser.
  std::vector<std::uint8_t> under_link(n, 0);
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::uint32_t p = t[i].parent;
    if (p != kNone) under_link[i] = under_link[p] || (t[p].tag == GUMBO_TAG_A && to_other_page(t.attr(p, "href")));
  }
  for (std::uint32_t i = n; i-- > 0;) {
    const Node& x = t[i];
    if (!x.element) prose_[i] = x.hidden ? 0 : x.text;
    if (x.tag == GUMBO_TAG_A && t.attr(i, "href")) links_[i] = static_cast<std::uint16_t>(std::min<std::uint32_t>(links_[i] + 1u, 0xFFFFu));
    if (is_heading(x.tag) && !x.hidden) {
      bool card = under_link[i];
      if (!card && x.text > 0 && x.link * 10 >= x.text * 8)
        for (std::uint32_t k = i; k < x.end && !card; ++k)
          card = t[k].tag == GUMBO_TAG_A && to_other_page(t.attr(k, "href"));
      if (card) cards_[i] = static_cast<std::uint16_t>(std::min<std::uint32_t>(cards_[i] + 1u, 0xFFFFu));
    }
    if (x.parent == kNone) continue;
    // A box named as chrome weighs nothing, unless it holds most of the page's
    // headings: then it wraps the post ("sidebar-layout"), comments never do.
    const bool weightless = x.hidden || (x.tag == GUMBO_TAG_A && t.attr(i, "href")) || chrome_tag(x.tag) ||
                            (x.element && chrome_role(t.attr(i, "role"))) ||
                            (named_[i] && headings_[i] * 2 < all_headings + (all_headings == 0));
    if (!weightless) prose_[x.parent] += prose_[i];
    else weightless_[i] = 1;
    cards_[x.parent] = static_cast<std::uint16_t>(std::min<std::uint32_t>(cards_[x.parent] + cards_[i], 0xFFFFu));
    links_[x.parent] = static_cast<std::uint16_t>(std::min<std::uint32_t>(links_[x.parent] + links_[i], 0xFFFFu));
  }

  const std::uint32_t body = t.body() != kNone ? t.body() : 0;
  root_ = body;
  const std::uint32_t total = prose_[body];
  if (total == 0) return;
  // The innermost element that says it is the article and holds half the prose …
  std::uint32_t semantic = kNone, generic = body;
  for (std::uint32_t i = body; i < t[body].end; ++i) {
    // Nothing inside chrome is the article (a comment is an <article> too).
    if (weightless_[i]) {
      i = t[i].end - 1;
      continue;
    }
    // Inline elements are no roots: an unclosed <span id="x" /> holds the rest of the page.
    if (!t[i].element || t[i].hidden || !is_block(t[i].tag)) continue;
    if (prose_[i] * 2 >= total) {
      const char* role = t.attr(i, "role");
      const char* itemprop = t.attr(i, "itemprop");
      if (t[i].tag == GUMBO_TAG_ARTICLE || t[i].tag == GUMBO_TAG_MAIN || (role && (iequals(role, "main") || iequals(role, "article"))) ||
          (itemprop && iequals(itemprop, "articleBody")))
        semantic = i;
    }
    // … else the innermost holding nearly all of it.
    if (prose_[i] * 10 >= total * 9) generic = i;
  }
  root_ = semantic != kNone ? semantic : generic;
}

void Article::set_notes(const Notes& notes) {
  notes_ptr_ = &notes;
  for (const Notes::Body& b : notes.bodies)
    for (std::uint32_t k = b.node; k != kNone; k = t_[k].parent) ++notes_[k];
  const std::uint32_t block = notes.block;
  if (block == kNone || !t_.is_ancestor(root_, block)) return;
  // What follows the notes in the article, if it is little, is the theme's.
  std::uint32_t after = 0;
  std::vector<std::uint8_t> in_link;
  for (std::uint32_t k = t_[block].end; k < t_[root_].end; ++k) {
    if (t_[k].element) continue;
    bool linked = false;
    for (std::uint32_t p = t_[k].parent; p != kNone && p != root_ && !linked; p = t_[p].parent)
      linked = t_[p].tag == GUMBO_TAG_A || chrome_tag(t_[p].tag);
    if (!linked && !t_[k].hidden) after += t_[k].text;
    if (after * 4 >= prose_[root_]) return;
  }
  after_notes_ = t_[block].end;
}

bool Article::pager(std::uint32_t i) const {
  if (links_[i] == 0 || links_[i] > 4 || t_[i].text > 400 || t_[i].link * 2 < t_[i].text) return false;
  if (t_.has_token(i, {"prev", "previous", "next", "older", "newer", "pager"})) return true;
  for (std::uint32_t k = i; k < t_[i].end; ++k)
    if (t_[k].tag == GUMBO_TAG_A && pager_link(t_.plain_text(k, 200), t_.attr(k, "rel"))) return true;
  return false;
}

bool Article::chrome(std::uint32_t i) const {
  const Node& x = t_[i];
  if (!x.element || i == root_) return false;
  if (notes_ptr_) {
    if (notes_ptr_->body_at.count(i) || notes_ptr_->lists.count(i) || i == notes_ptr_->block) return false;
    if (notes_[i] > 0) return false;
  }
  if (after_notes_ != kNone && i >= after_notes_) return true;
  const std::uint32_t prose_all = prose_[root_];
  switch (x.tag) {
    case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FOOTER:
      return true;
    case GUMBO_TAG_FORM:
      return prose_[i] * 2 < prose_all;
    case GUMBO_TAG_HEADER: {
      // The article's own header (title, date, tags) is chrome; a header of a section
      // inside the article holds that section's heading.
      std::uint32_t s = x.parent;
      while (s != kNone && !sectioning(t_[s].tag) && s != root_) s = t_[s].parent;
      return s == kNone || s == root_ || t_.is_ancestor(s, root_);
    }
    default:
      break;
  }
  if (chrome_role(t_.attr(i, "role"))) return true;
  // Named as chrome, unless it holds the bulk of the article: its prose and headings.
  if (named_[i] && !(prose_[i] * 2 >= prose_all && headings_[i] * 2 >= headings_[root_])) return true;
  const bool container = holder(x.tag) != Holder::no;
  if (container && pager(i)) return true;
  return container && cards_[i] >= 2 && x.link * 2 >= x.text;
}

std::uint32_t Article::subtitle_of(std::uint32_t title) const {
  const std::uint32_t n = t_.size();
  for (std::uint32_t k = t_[title].end; k < n; ++k) {
    const Node& x = t_[k];
    if (x.hidden || (x.element && chrome_tag(x.tag) && x.tag != GUMBO_TAG_HEADER)) {
      k = x.end - 1;
      continue;
    }
    if (!x.element) {
      if (x.text > 0) return kNone;  // text between: no standfirst
      continue;
    }
    if (!is_heading(x.tag)) continue;
    if (heading_level(x.tag) <= heading_level(t_[title].tag)) return kNone;
    if (t_.has_token(k, {"subtitle", "subhead", "subheading", "dek", "deck", "standfirst", "tagline", "description",
                         "lede", "summary", "excerpt"}, false))
      return k;
    // The same header as the title's.
    for (std::uint32_t p = t_[title].parent; p != kNone && p != root_ && t_.is_ancestor(p, k); p = t_[p].parent)
      if (t_[p].tag == GUMBO_TAG_HEADER || t_[p].tag == GUMBO_TAG_HGROUP || t_.has_token(p, {"header", "hero"}, false))
        return k;
    return kNone;
  }
  return kNone;
}

std::uint32_t Article::prose_before(std::uint32_t i) const {
  std::uint32_t n = 0;
  for (std::uint32_t k = root_; k < i && k < t_.size(); ++k) {
    if (t_[k].element) {
      if (t_[k].hidden || t_[k].tag == GUMBO_TAG_A || chrome_tag(t_[k].tag)) k = t_[k].end - 1;
      continue;
    }
    n += t_[k].text;
  }
  return n;
}

Article::Title Article::title() const {
  Title out;
  const std::uint32_t n = t_.size();
  std::string meta_title, doc_title, site;
  std::uint32_t meta_node = kNone, title_node = kNone;
  for (std::uint32_t i = 0; i < n; ++i) {
    if (t_[i].tag == GUMBO_TAG_META) {
      const char* key = t_.attr(i, "property");
      if (!key) key = t_.attr(i, "name");
      const char* content = t_.attr(i, "content");
      if (!key || !content) continue;
      if ((iequals(key, "og:title") || iequals(key, "twitter:title")) && meta_title.empty()) {
        meta_title = collapse_whitespace(content);
        meta_node = i;
      }
      if ((iequals(key, "og:site_name") || iequals(key, "application-name")) && site.empty())
        site = collapse_whitespace(content);
    } else if (t_[i].tag == GUMBO_TAG_TITLE && title_node == kNone) {
      std::string s;
      for (std::uint32_t k = i; k < t_[i].end; ++k) s.append(t_.text(k));
      doc_title = collapse_whitespace(s);
      title_node = i;
    }
  }
  auto inside_chrome = [&](std::uint32_t h) {
    for (std::uint32_t p = t_[h].parent; p != kNone; p = t_[p].parent)
      if (t_[p].tag == GUMBO_TAG_NAV || t_[p].tag == GUMBO_TAG_ASIDE || chrome_role(t_.attr(p, "role"))) return true;
    return false;
  };
  auto sim = [](std::string a, std::string b) {
    a = lower(a), b = lower(b);
    return !a.empty() && !b.empty() && (a.find(b) != std::string::npos || b.find(a) != std::string::npos);
  };
  // An <h1> at the top of the article; on a page with no <h1>, its first heading
  // when it says what the page's <title> says.
  std::uint32_t top = kNone;
  bool any_h1 = false;
  for (std::uint32_t i = root_; i < t_[root_].end && !any_h1; ++i) any_h1 = t_[i].tag == GUMBO_TAG_H1 && !t_[i].hidden;
  for (std::uint32_t i = root_; i < t_[root_].end; ++i) {
    if (!is_heading(t_[i].tag) || t_[i].hidden || inside_chrome(i)) continue;
    if (t_[i].tag != GUMBO_TAG_H1) {
      if (any_h1) continue;
      const std::string text = t_.plain_text(i, 1024);
      if (!sim(text, meta_title) && !sim(text, doc_title)) break;
    }
    if (t_[i].text > 0 && prose_before(i) < 200) top = i;
    break;
  }
  // The page's <h1> before the article: not the site's name in a banner.
  std::uint32_t before = kNone;
  for (std::uint32_t i = 0; i < root_ && i < n; ++i) {
    if (t_[i].tag != GUMBO_TAG_H1 || t_[i].hidden || inside_chrome(i) || t_.is_ancestor(i, root_)) continue;
    const std::string text = t_.plain_text(i, 1024);
    if (text.empty() || (!site.empty() && iequals(text, site))) continue;
    bool home = false;
    for (std::uint32_t k = i; k < t_[i].end && !home; ++k) home = t_[k].tag == GUMBO_TAG_A && to_home(t_.attr(k, "href"));
    if (home) continue;
    if ((!meta_title.empty() || !doc_title.empty()) && !sim(text, meta_title) && !sim(text, doc_title)) continue;
    before = i;
  }
  if (top != kNone) {
    // A template's title has no id; a heading of the text has one (generators give
    // every heading an anchor), and is then a section too, unless marked a title.
    const bool in_header = [&] {
      for (std::uint32_t p = t_[top].parent; p != kNone && p != t_[root_].parent; p = t_[p].parent)
        if (t_[p].tag == GUMBO_TAG_HEADER || t_[p].tag == GUMBO_TAG_HGROUP) return true;
      return false;
    }();
    const char* id = t_.attr(top, "id");
    const bool titled = t_.has_token(top, {"title", "headline"}, false) || t_.attr(top, "itemprop");
    const bool of_text = id && *id && !in_header && !titled;
    if (of_text && before != kNone) {
      out.heading = before;
      out.subtitle = subtitle_of(before);
      return out;
    }
    out.heading = top;
    out.also_section = of_text;
    if (!of_text) out.subtitle = subtitle_of(top);
    return out;
  }
  if (before != kNone) {
    out.heading = before;
    out.subtitle = subtitle_of(before);
    return out;
  }
  if (!meta_title.empty()) {
    out.source = meta_node;
    out.text = meta_title;
    return out;
  }
  if (!doc_title.empty()) {
    out.source = title_node;
    out.text = strip_site(doc_title, site);
  }
  return out;
}

}  // namespace essaykit::detail::html
