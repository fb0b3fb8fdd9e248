// Tree: gumbo's parse laid out in pre-order (html_tree.h).
#include "html_tree.h"

#include <algorithm>
#include <cstring>

#include "text_util.h"

namespace essaykit::detail::html {
namespace {

bool never_text(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_HEAD: case GUMBO_TAG_TITLE: case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS: case GUMBO_TAG_VIDEO: case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_BUTTON: case GUMBO_TAG_INPUT:
    case GUMBO_TAG_DATALIST: case GUMBO_TAG_MAP: case GUMBO_TAG_NOEMBED: case GUMBO_TAG_NOFRAMES:
    case GUMBO_TAG_SVG:
      return true;
    default:
      return false;
  }
}

bool ascii_ieq(std::string_view a, std::string_view b) { return iequals(a, b); }

// An inline style that hides the element.
bool hides(std::string_view style) {
  std::string s;
  for (char c : style)
    if (!is_space(c)) s.push_back(to_lower_ascii(c));
  return s.find("display:none") != std::string::npos || s.find("visibility:hidden") != std::string::npos;
}

const GumboAttribute* find_attr(const GumboNode* g, const char* name) {
  return g->type == GUMBO_NODE_ELEMENT ? gumbo_get_attribute(&g->v.element.attributes, name) : nullptr;
}

bool is_hidden(const GumboNode* g) {
  if (g->type == GUMBO_NODE_TEMPLATE) return true;
  if (g->type != GUMBO_NODE_ELEMENT) return false;
  const GumboElement& e = g->v.element;
  if (e.tag_namespace == GUMBO_NAMESPACE_SVG) return true;
  if (never_text(e.tag)) return true;
  // One look at each attribute (gumbo's names are lower case).
  for (unsigned k = 0; k < e.attributes.length; ++k) {
    const auto* a = static_cast<const GumboAttribute*>(e.attributes.data[k]);
    const std::string_view name = a->name;
    if (name == "hidden") return true;
    if (name == "aria-hidden" && ascii_ieq(a->value, "true")) return true;
    if (name == "style" && hides(a->value)) return true;
    if (name != "class") continue;
    std::string_view v = a->value;
    for (std::size_t p = 0; p < v.size();) {
      while (p < v.size() && is_space(v[p])) ++p;
      std::size_t q = p;
      while (q < v.size() && !is_space(v[q])) ++q;
      std::string_view c = v.substr(p, q - p);
      // Text only for screen readers, and the usual utility classes that hide.
      if (c.size() >= 5)
        for (std::string_view h : {"sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text", "hidden",
                                   "d-none", "is-hidden", "screenreader", "sronly"})
          if (ascii_ieq(c, h)) return true;
      p = q;
    }
  }
  return false;
}

std::size_t count_visible(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += !is_space(c);
  return n;
}

}  // namespace

bool symbols_only(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const std::uint32_t c = next_code_point(text, i);
    // Letters: ASCII, the scripts below U+2000 (not Latin-1's signs, ¶ §), CJK.
    const bool letter = c < 0x80 ? (is_ascii_alpha(static_cast<char>(c)) || is_ascii_digit(static_cast<char>(c)))
                                 : ((c >= 0xC0 && c < 0x2000 && c != 0xD7 && c != 0xF7) || (c >= 0x3000 && c < 0xFE00) ||
                                    (c >= 0x20000 && c < 0x30000));
    if (letter) return false;
  }
  return true;
}

bool is_heading(GumboTag t) { return t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6; }
int heading_level(GumboTag t) { return is_heading(t) ? static_cast<int>(t - GUMBO_TAG_H1) + 1 : 0; }

bool is_block(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY: case GUMBO_TAG_CENTER: case GUMBO_TAG_DETAILS: case GUMBO_TAG_DD:
    case GUMBO_TAG_DIR: case GUMBO_TAG_DIV: case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM:
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP: case GUMBO_TAG_HR: case GUMBO_TAG_HTML: case GUMBO_TAG_LI:
    case GUMBO_TAG_MAIN: case GUMBO_TAG_MENU: case GUMBO_TAG_NAV: case GUMBO_TAG_OL: case GUMBO_TAG_P:
    case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_TABLE: case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT: case GUMBO_TAG_TR: case GUMBO_TAG_TD:
    case GUMBO_TAG_TH: case GUMBO_TAG_UL: case GUMBO_TAG_LISTING: case GUMBO_TAG_XMP: case GUMBO_TAG_PLAINTEXT:
    case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_IMG: case GUMBO_TAG_VIDEO: case GUMBO_TAG_IFRAME:
      return true;
    default:
      return false;
  }
}

Tree::Tree(std::string_view buffer) {
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // parse errors are not reported, so not kept
  out_.reset(gumbo_parse_with_options(&options, buffer.data(), buffer.size()));
  const char* base = buffer.data();
  auto offset = [&](const char* p) { return static_cast<std::size_t>(p - base); };

  // Pre-order, with an explicit stack: (gumbo node, parent index).
  std::vector<std::pair<const GumboNode*, std::uint32_t>> todo;
  todo.emplace_back(out_->document, kNone);
  std::vector<std::uint32_t> open;  // indices whose subtree is not closed yet
  while (!todo.empty()) {
    auto [g, parent] = todo.back();
    todo.pop_back();
    if (g->type == GUMBO_NODE_COMMENT) continue;
    const auto i = static_cast<std::uint32_t>(nodes_.size());
    // Close the subtrees that this node is not part of.
    while (!open.empty() && open.back() != parent) {
      nodes_[open.back()].end = i;
      open.pop_back();
    }
    Node n;
    n.g = g;
    n.parent = parent;
    n.hidden = (parent != kNone && nodes_[parent].hidden) || is_hidden(g);
    const GumboVector* children = nullptr;
    if (g->type == GUMBO_NODE_DOCUMENT) {
      children = &g->v.document.children;
      n.element = true;
      n.start = buffer.size();
    } else if (g->type == GUMBO_NODE_ELEMENT || g->type == GUMBO_NODE_TEMPLATE) {
      const GumboElement& e = g->v.element;
      children = &e.children;
      n.element = true;
      n.tag = e.tag;
      n.start = buffer.size();
      if (e.original_tag.length) {
        n.start = offset(e.original_tag.data);
        n.stop = n.start + e.original_tag.length;
      }
      if (e.original_end_tag.length) n.stop = std::max(n.stop, offset(e.original_end_tag.data) + e.original_end_tag.length);
      if (e.tag == GUMBO_TAG_BODY && body_ == kNone) body_ = i;
      if (e.tag == GUMBO_TAG_HEAD && head_ == kNone) head_ = i;
      if (const GumboAttribute* id = find_attr(g, "id"); id && *id->value)
        ids_.emplace(std::string_view(id->value), i);
    } else {
      const GumboText& t = g->v.text;
      n.start = t.original_text.length ? offset(t.original_text.data) : buffer.size();
      n.stop = n.start + t.original_text.length;
      if (!t.original_text.length) n.start = n.stop = 0;
      if (!n.hidden) n.text = static_cast<std::uint32_t>(count_visible(t.text));
    }
    nodes_.push_back(n);
    open.push_back(i);
    if (children)
      for (unsigned k = children->length; k-- > 0;) todo.emplace_back(static_cast<const GumboNode*>(children->data[k]), i);
  }
  const auto total = static_cast<std::uint32_t>(nodes_.size());
  for (std::uint32_t k : open) nodes_[k].end = total;
  // <a name> targets, for the pages that mark notes that way.
  for (std::uint32_t i = 0; i < total; ++i)
    if (nodes_[i].tag == GUMBO_TAG_A)
      if (const GumboAttribute* a = find_attr(nodes_[i].g, "name"); a && *a->value) ids_.emplace(std::string_view(a->value), i);

  // Bottom-up: spans and text counts. Text inside a link counts as link text.
  for (std::uint32_t i = total; i-- > 0;) {
    Node& n = nodes_[i];
    if (n.start > n.stop) n.start = n.stop;  // nothing under it had a position
    if (n.tag == GUMBO_TAG_A && find_attr(n.g, "href")) n.link = n.text;
    if (n.parent == kNone) continue;
    Node& p = nodes_[n.parent];
    if (n.stop > 0 || n.start < n.stop) {
      p.start = std::min(p.start, n.start);
      p.stop = std::max(p.stop, n.stop);
    }
    p.text += n.text;
    p.link += n.link;
  }
  for (Node& n : nodes_)
    if (n.start > n.stop) n.start = n.stop = 0;
}

std::uint32_t Tree::by_id(std::string_view id) const {
  auto it = ids_.find(id);
  return it == ids_.end() ? kNone : it->second;
}

const char* Tree::attr(std::uint32_t i, const char* name) const {
  const GumboAttribute* a = find_attr(nodes_[i].g, name);
  return a ? a->value : nullptr;
}

bool Tree::has_token(std::uint32_t i, std::initializer_list<std::string_view> words, bool or_id) const {
  auto scan = [&](const char* v) {
    if (!v) return false;
    std::string_view s(v);
    for (std::size_t p = 0; p < s.size();) {
      while (p < s.size() && (is_space(s[p]) || s[p] == '-' || s[p] == '_')) ++p;
      std::size_t q = p;
      while (q < s.size() && !is_space(s[q]) && s[q] != '-' && s[q] != '_') ++q;
      if (q > p) {
        std::string_view tok = s.substr(p, q - p);
        for (std::string_view w : words)
          if (iequals(tok, w)) return true;
      }
      p = q;
    }
    return false;
  };
  return scan(attr(i, "class")) || (or_id && scan(attr(i, "id")));
}

bool Tree::has_class(std::uint32_t i, std::string_view cls) const {
  const char* v = attr(i, "class");
  if (!v) return false;
  std::string_view s(v);
  for (std::size_t p = 0; p < s.size();) {
    while (p < s.size() && is_space(s[p])) ++p;
    std::size_t q = p;
    while (q < s.size() && !is_space(s[q])) ++q;
    if (q > p && iequals(s.substr(p, q - p), cls)) return true;
    p = q;
  }
  return false;
}

std::string_view Tree::text(std::uint32_t i) const {
  const GumboNode* g = nodes_[i].g;
  if (g->type == GUMBO_NODE_TEXT || g->type == GUMBO_NODE_WHITESPACE || g->type == GUMBO_NODE_CDATA)
    return g->v.text.text;
  return {};
}

std::string Tree::plain_text(std::uint32_t i, std::size_t max_bytes) const {
  std::string out;
  for (std::uint32_t k = i; k < nodes_[i].end && out.size() < max_bytes; ++k) {
    if (nodes_[k].hidden) {
      k = nodes_[k].end - 1;
      continue;
    }
    out.append(text(k));
  }
  return collapse_whitespace(out);
}

}  // namespace essaykit::detail::html
