// bound_html: the scan of tags that keeps gumbo's tree building linear (html_bounds.h).
//
// The model keeps, for each tag name and for each class of element the tree builder
// asks about (special, scope boundaries, headings, …), the positions of the open
// elements, so that every question the algorithm asks ("is a <p> open in button
// scope?") is answered from the top of a vector: O(1) per tag, each element pushed
// and popped once.
#include "html_bounds.h"

#include <array>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace essaykit::detail {
namespace {

enum Flag : std::uint32_t {
  kVoid = 1u << 0,        // no content, never on the stack
  kRawText = 1u << 1,     // text up to its end tag (script, style, textarea, title, …)
  kFormatting = 1u << 2,  // kept in the list of active formatting elements
  kClosesP = 1u << 3,     // closes an open <p> in button scope
  kIgnored = 1u << 4,     // html, head, body, frameset: never a new element inside the body
  kBreakout = 1u << 5,    // leaves foreign content (svg, math)
  kIntegration = 1u << 6, // inside foreign content, a point where HTML resumes
  kOwnCloser = 1u << 7,   // a, nobr: a second one closes the first
};

// Classes whose open positions are kept, each answering one question of the algorithm.
enum Class : std::size_t {
  kSpecial,      // "special" elements: an unknown end tag stops at them
  kSpecialLi,    // special except address, div, p: a new <li>/<dd>/<dt> looks no further
  kScope,        // bounds of the default scope (also of button and list item scope)
  kButtonScope,  // button
  kListScope,    // ol, ul
  kHeading,      // h1–h6
  kDdDt,         // dd, dt
  kTableSection, // tbody, thead, tfoot
  kClassCount
};

struct TagInfo {
  std::uint32_t flags = 0;
  std::uint32_t classes = 0;  // bit per Class
};

constexpr std::uint32_t bit(Class c) { return 1u << c; }

// Tag names the model knows; any other name gets an id of its own with no flags.
struct Known {
  const char* name;
  std::uint32_t flags;
  std::uint32_t classes;
};
constexpr std::uint32_t kSp = bit(kSpecial) | bit(kSpecialLi);
constexpr Known kKnown[] = {
    // void elements
    {"area", kVoid, 0}, {"base", kVoid, 0}, {"basefont", kVoid, 0}, {"bgsound", kVoid, 0},
    {"br", kVoid | kBreakout, 0}, {"col", kVoid, 0}, {"embed", kVoid | kBreakout, 0}, {"hr", kVoid | kClosesP | kBreakout, 0},
    {"img", kVoid | kBreakout, 0}, {"image", kVoid, 0}, {"input", kVoid, 0}, {"keygen", kVoid, 0}, {"link", kVoid, 0},
    {"meta", kVoid | kBreakout, 0}, {"param", kVoid, 0}, {"source", kVoid, 0}, {"track", kVoid, 0}, {"wbr", kVoid, 0},
    {"frame", kVoid, 0},
    // raw text and escapable raw text
    {"script", kRawText, 0}, {"style", kRawText, 0}, {"textarea", kRawText, 0}, {"title", kRawText | kIntegration, 0},
    {"xmp", kRawText | kClosesP, 0}, {"iframe", kRawText, 0}, {"noembed", kRawText, 0}, {"noframes", kRawText, 0},
    {"plaintext", kRawText | kClosesP, 0},
    // never new elements in the body
    {"html", kIgnored, bit(kScope) | kSp}, {"head", kIgnored | kBreakout, kSp}, {"body", kIgnored | kBreakout, kSp},
    {"frameset", kIgnored, kSp},
    // formatting
    {"a", kOwnCloser, 0}, {"nobr", kOwnCloser | kBreakout, 0},
    {"b", kFormatting | kBreakout, 0}, {"big", kFormatting | kBreakout, 0}, {"code", kFormatting | kBreakout, 0},
    // <font> leaves foreign content only with color, face or size; taken as always
    // leaving, the model errs towards HTML, where more elements are pushed.
    {"em", kFormatting | kBreakout, 0}, {"font", kFormatting | kBreakout, 0}, {"i", kFormatting | kBreakout, 0},
    {"s", kFormatting | kBreakout, 0}, {"small", kFormatting | kBreakout, 0}, {"strike", kFormatting | kBreakout, 0},
    {"strong", kFormatting | kBreakout, 0}, {"tt", kFormatting | kBreakout, 0}, {"u", kFormatting | kBreakout, 0},
    // blocks that close a paragraph
    {"address", kClosesP, bit(kSpecial)}, {"div", kClosesP | kBreakout, bit(kSpecial)}, {"p", kClosesP | kBreakout, bit(kSpecial)},
    {"article", kClosesP, kSp}, {"aside", kClosesP, kSp}, {"blockquote", kClosesP | kBreakout, kSp},
    {"center", kClosesP | kBreakout, kSp}, {"details", kClosesP, kSp}, {"dialog", kClosesP, 0}, {"dir", kClosesP, kSp},
    {"dl", kClosesP | kBreakout, kSp}, {"fieldset", kClosesP, kSp}, {"figcaption", kClosesP, kSp},
    {"figure", kClosesP, kSp}, {"footer", kClosesP, kSp}, {"header", kClosesP, kSp}, {"hgroup", kClosesP, kSp},
    {"main", kClosesP, kSp}, {"menu", kClosesP | kBreakout, kSp}, {"nav", kClosesP, kSp},
    {"ol", kClosesP | kBreakout, kSp | bit(kListScope)}, {"ul", kClosesP | kBreakout, kSp | bit(kListScope)},
    {"section", kClosesP, kSp}, {"summary", kClosesP, kSp}, {"pre", kClosesP | kBreakout, kSp},
    {"listing", kClosesP | kBreakout, kSp}, {"form", kClosesP, kSp}, {"table", kClosesP | kBreakout, kSp | bit(kScope)},
    {"li", kClosesP | kBreakout, kSp}, {"dd", kClosesP | kBreakout, kSp | bit(kDdDt)},
    {"dt", kClosesP | kBreakout, kSp | bit(kDdDt)},
    {"h1", kClosesP | kBreakout, kSp | bit(kHeading)}, {"h2", kClosesP | kBreakout, kSp | bit(kHeading)},
    {"h3", kClosesP | kBreakout, kSp | bit(kHeading)}, {"h4", kClosesP | kBreakout, kSp | bit(kHeading)},
    {"h5", kClosesP | kBreakout, kSp | bit(kHeading)}, {"h6", kClosesP | kBreakout, kSp | bit(kHeading)},
    // scope boundaries and other special elements
    {"applet", 0, kSp | bit(kScope)}, {"caption", 0, kSp | bit(kScope)}, {"marquee", 0, kSp | bit(kScope)},
    {"object", 0, kSp | bit(kScope)}, {"template", 0, kSp | bit(kScope)}, {"td", 0, kSp | bit(kScope)},
    {"th", 0, kSp | bit(kScope)}, {"button", 0, kSp | bit(kButtonScope)}, {"tbody", 0, kSp | bit(kTableSection)},
    {"thead", 0, kSp | bit(kTableSection)}, {"tfoot", 0, kSp | bit(kTableSection)}, {"tr", 0, kSp},
    {"colgroup", 0, kSp}, {"select", 0, kSp}, {"noscript", 0, kSp},
    // foreign content
    {"svg", 0, 0}, {"math", 0, 0}, {"foreignobject", kIntegration, bit(kScope)}, {"desc", kIntegration, bit(kScope)},
    {"mi", kIntegration, bit(kScope)}, {"mo", kIntegration, bit(kScope)}, {"mn", kIntegration, bit(kScope)},
    {"ms", kIntegration, bit(kScope)}, {"mtext", kIntegration, bit(kScope)}, {"annotation-xml", kIntegration, bit(kScope)},
    // other tags that leave foreign content
    {"ruby", kBreakout, 0}, {"span", kBreakout, 0}, {"sub", kBreakout, 0}, {"sup", kBreakout, 0}, {"var", kBreakout, 0},
    {"option", 0, 0}, {"optgroup", 0, 0},
};

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c | 0x20) : c; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

class Model {
 public:
  Model() {
    for (const Known& k : kKnown) intern(k.name, TagInfo{k.flags, k.classes});
    auto known = [&](const char* n) { return names_.at(n); };
    p_ = known("p"), li_ = known("li"), button_ = known("button"), table_ = known("table"), tr_ = known("tr");
    tbody_ = known("tbody"), td_ = known("td"), th_ = known("th"), caption_ = known("caption");
    colgroup_ = known("colgroup"), option_ = known("option"), optgroup_ = known("optgroup");
    svg_ = known("svg"), math_ = known("math");
  }

  std::uint32_t id(const std::string& lowered) {
    auto it = names_.find(lowered);
    if (it != names_.end()) return it->second;
    return intern(lowered, TagInfo{});
  }
  const TagInfo& info(std::uint32_t id) const { return info_[id]; }

  // A start tag: false when it must be blanked.
  bool start(std::uint32_t t, bool self_closing) {
    const TagInfo& ti = info_[t];
    if (ti.flags & kIgnored) return true;
    if (top_foreign() && !top_integration()) {
      if (ti.flags & kBreakout) {
        while (top_foreign() && !top_integration()) pop();
      } else {
        if (self_closing) return true;
        return push(t, true);
      }
    }
    if (t == svg_ || t == math_) return self_closing || push(t, true);
    if (ti.flags & kVoid) return true;
    if ((ti.flags & kClosesP) && in_scope(p_, bit(kButtonScope))) pop_to(nearest(p_));
    if ((ti.classes & bit(kHeading)) && !stack_.empty() && (info_[stack_.back().id].classes & bit(kHeading))) pop();
    // A new <li> (<dd>, <dt>) closes the open one, unless another special element
    // (a nested list) stands above it; it is special itself.
    if (t == li_) {
      const long at = nearest(t);
      if (at >= 0 && at >= nearest_class(kSpecialLi)) pop_to(at);
    } else if (ti.classes & bit(kDdDt)) {
      const long at = nearest_class(kDdDt);
      if (at >= 0 && at >= nearest_class(kSpecialLi)) pop_to(at);
    } else if (ti.flags & kOwnCloser) {
      const long at = nearest(t);
      if (at >= 0 && at > nearest_class(kScope)) close_formatting(at);
    } else if (t == button_) {
      if (in_scope(t, 0)) pop_to(nearest(t));
    } else if (t == option_ || t == optgroup_) {
      if (!stack_.empty() && stack_.back().id == option_) pop();
    }
    // Table parts: outside a table the parser ignores them; inside, it closes the
    // open parts first and opens any it implies (tbody for a row, a row for a cell).
    const bool cell = t == td_ || t == th_, row = t == tr_, section = (ti.classes & bit(kTableSection)) != 0;
    if (cell || row || section || t == caption_ || t == colgroup_) {
      const long at = nearest(table_);
      if (at < 0) return true;
      if (cell && nearest(tr_) > at) {
        pop_to(nearest(tr_) + 1);
      } else if (cell || row) {
        const long s = nearest_class(kTableSection);
        if (s > at) {
          pop_to(s + 1);
        } else {
          pop_to(at + 1);
          if (!push(tbody_, false)) return false;
        }
        if (cell && !push(tr_, false)) return false;
      } else {
        pop_to(at + 1);
      }
    }
    if (ti.flags & kFormatting) {
      if (formatting_ >= kMaxFormatting) return false;
      if (!push(t, false)) return false;
      ++formatting_;
      ++open_formatting_[t];
      return true;
    }
    return push(t, false);
  }

  void end(std::uint32_t t) {
    const TagInfo& ti = info_[t];
    if (ti.flags & (kIgnored | kVoid)) return;
    if (ti.flags & (kFormatting | kOwnCloser)) {
      // The element leaves the list of active formatting elements when it is closed
      // cleanly or is no longer open; a clone stays when a block is misnested in it.
      const long at = nearest(t);
      bool leaves = at < 0;
      if (at >= 0 && at > nearest_class(kScope)) leaves = !close_formatting(at);
      auto f = open_formatting_.find(t);
      if (leaves && f != open_formatting_.end() && f->second > 0) {
        --f->second;
        --formatting_;
      }
      return;
    }
    long at = -1;
    if (t == p_) {
      if (in_scope(t, bit(kButtonScope))) at = nearest(t);
    } else if (t == li_) {
      if (in_scope(t, bit(kListScope))) at = nearest(t);
    } else if (ti.classes & bit(kHeading)) {
      const long h = nearest_class(kHeading);
      if (h > nearest_class(kScope)) at = h;
    } else if (ti.classes & (bit(kScope) | bit(kTableSection) | bit(kButtonScope))) {
      at = nearest(t);  // the element bounds the scope it is closed in
    } else if (ti.classes & bit(kSpecial)) {
      if (in_scope(t, 0)) at = nearest(t);
    } else {
      // Any other end tag: the nearest element of that name, if no special one is above it.
      const long n = nearest(t);
      if (n >= 0 && n > nearest_class(kSpecial)) at = n;
    }
    if (at >= 0) pop_to(at);
  }

  bool top_foreign() const { return !stack_.empty() && stack_.back().foreign; }

 private:
  struct Entry {
    std::uint32_t id;
    bool foreign;
    bool dead;  // taken off the stack by the adoption agency, still counted in the depth
  };

  std::uint32_t intern(std::string_view name, TagInfo ti) {
    const auto n = static_cast<std::uint32_t>(info_.size());
    names_.emplace(std::string(name), n);
    info_.push_back(ti);
    open_.emplace_back();
    return n;
  }
  bool top_integration() const { return !stack_.empty() && (info_[stack_.back().id].flags & kIntegration); }
  long nearest(std::uint32_t t) const { return open_[t].empty() ? -1 : static_cast<long>(open_[t].back()); }
  long nearest_class(Class c) const { return classes_[c].empty() ? -1 : static_cast<long>(classes_[c].back()); }
  // Is an element `t` open with no boundary of the default scope (or of `extra`) above it?
  bool in_scope(std::uint32_t t, std::uint32_t extra) const {
    long bound = nearest_class(kScope);
    for (std::size_t c = 0; c < kClassCount; ++c)
      if (extra & (1u << c)) bound = std::max(bound, nearest_class(static_cast<Class>(c)));
    const long at = nearest(t);
    return at >= 0 && at > bound;
  }
  bool push(std::uint32_t t, bool foreign) {
    if (stack_.size() >= kMaxDepth) return false;
    const auto pos = static_cast<std::uint32_t>(stack_.size());
    stack_.push_back({t, foreign, false});
    open_[t].push_back(pos);
    for (std::size_t c = 0; c < kClassCount; ++c)
      if (info_[t].classes & (1u << c)) classes_[c].push_back(pos);
    return true;
  }
  void pop() {
    const Entry e = stack_.back();
    stack_.pop_back();
    if (!e.dead) open_[e.id].pop_back();
    for (std::size_t c = 0; c < kClassCount; ++c)
      if (info_[e.id].classes & (1u << c)) classes_[c].pop_back();
  }
  void pop_to(long at) {  // pops the element at `at` and everything above it
    while (static_cast<long>(stack_.size()) > at) pop();
  }
  // The adoption agency: with a special element above the formatting element, that
  // element stays on the stack and the formatting one is taken out; otherwise
  // everything from the formatting element up is popped.
  // Returns true when a clone of it stays among the active formatting elements.
  bool close_formatting(long at) {
    if (nearest_class(kSpecial) > at) {
      Entry& e = stack_[static_cast<std::size_t>(at)];
      open_[e.id].pop_back();
      e.dead = true;
      return true;
    }
    pop_to(at);
    return false;
  }

  std::unordered_map<std::string, std::uint32_t> names_;
  std::uint32_t p_, li_, button_, table_, tr_, tbody_, td_, th_, caption_, colgroup_, option_, optgroup_, svg_, math_;
  std::vector<TagInfo> info_;
  std::vector<std::vector<std::uint32_t>> open_;  // per tag id: positions of its open elements
  std::array<std::vector<std::uint32_t>, kClassCount> classes_;
  std::vector<Entry> stack_;
  std::unordered_map<std::uint32_t, std::size_t> open_formatting_;
  std::size_t formatting_ = 0;
};

// The end of a comment that opens at `i` ("<!--"), as the tokenizer finds it:
// "-->", "--!>", or the abrupt "<!-->" and "<!--->".
std::size_t comment_end(std::string_view s, std::size_t i) {
  std::size_t k = i + 4;
  if (k < s.size() && s[k] == '>') return k + 1;
  if (k + 1 < s.size() && s[k] == '-' && s[k + 1] == '>') return k + 2;
  for (std::size_t pos = k; (pos = s.find("--", pos)) != std::string_view::npos; ++pos) {
    if (pos + 2 < s.size() && s[pos + 2] == '>') return pos + 3;
    if (pos + 3 < s.size() && s[pos + 2] == '!' && s[pos + 3] == '>') return pos + 4;
  }
  return s.size();
}

// Where raw text that opened before `from` ends: at "</name" followed by white space,
// '/' or '>' (ASCII case ignored), or at the end of the input.
std::size_t raw_text_end(std::string_view s, std::size_t from, std::string_view name) {
  for (std::size_t pos = from; (pos = s.find("</", pos)) != std::string_view::npos; pos += 2) {
    std::size_t k = pos + 2, j = 0;
    while (j < name.size() && k < s.size() && lower(s[k]) == name[j]) ++k, ++j;
    if (j == name.size() && (k == s.size() || is_ws(s[k]) || s[k] == '/' || s[k] == '>')) return pos;
  }
  return s.size();
}

}  // namespace

HtmlBounds bound_html(std::string_view s) {
  HtmlBounds out;
  Model model;
  std::string name;
  auto blank = [&](std::size_t b, std::size_t e) {
    if (out.blanked.empty()) {
      out.blanked.assign(s);
      out.first_blanked = b;
    }
    for (std::size_t k = b; k < e; ++k)
      if (out.blanked[k] != '\n' && out.blanked[k] != '\r') out.blanked[k] = ' ';
  };
  const std::size_t n = s.size();
  std::size_t i = 0;
  while ((i = s.find('<', i)) != std::string_view::npos) {
    const std::size_t open = i;
    if (i + 1 >= n) break;
    const char c = s[i + 1];
    if (c == '!') {
      if (s.substr(i, 4) == "<!--") i = comment_end(s, i);
      else if (model.top_foreign() && s.substr(i, 9) == "<![CDATA[") {
        const std::size_t e = s.find("]]>", i + 9);
        i = e == std::string_view::npos ? n : e + 3;
      } else {
        const std::size_t e = s.find('>', i);
        i = e == std::string_view::npos ? n : e + 1;
      }
      continue;
    }
    if (c == '?') {
      const std::size_t e = s.find('>', i);
      i = e == std::string_view::npos ? n : e + 1;
      continue;
    }
    const bool end_tag = c == '/';
    const std::size_t name_at = i + (end_tag ? 2 : 1);
    if (name_at >= n || !is_alpha(s[name_at])) {
      if (end_tag && name_at < n) {  // "</>" is dropped; "</3" is a bogus comment
        const std::size_t e = s.find('>', name_at);
        i = e == std::string_view::npos ? n : e + 1;
      } else {
        i = i + 1;
      }
      continue;
    }
    // The tag name, then its attributes, as the tokenizer reads them.
    name.clear();
    std::size_t k = name_at;
    while (k < n && !is_ws(s[k]) && s[k] != '/' && s[k] != '>') name.push_back(lower(s[k++]));
    std::size_t attributes = 0;
    bool self_closing = false, closed = false;
    while (k < n) {
      while (k < n && is_ws(s[k])) ++k;
      if (k >= n) break;
      if (s[k] == '>') { ++k; closed = true; break; }
      if (s[k] == '/') {
        if (k + 1 < n && s[k + 1] == '>') { k += 2; self_closing = closed = true; break; }
        ++k;
        continue;
      }
      const std::size_t attr = k++;
      while (k < n && !is_ws(s[k]) && s[k] != '/' && s[k] != '>' && s[k] != '=') ++k;
      std::size_t v = k;
      while (v < n && is_ws(s[v])) ++v;
      if (v < n && s[v] == '=') {
        k = v + 1;
        while (k < n && is_ws(s[k])) ++k;
        if (k < n && (s[k] == '"' || s[k] == '\'')) {
          const std::size_t q = s.find(s[k], k + 1);
          k = q == std::string_view::npos ? n : q + 1;
        } else {
          while (k < n && !is_ws(s[k]) && s[k] != '>') ++k;
        }
      }
      if (!end_tag && ++attributes > kMaxAttributes) {
        blank(attr, k);
        ++out.extra_attributes;
      }
    }
    i = k;
    if (!closed) break;  // a tag cut off by the end of the input is dropped
    const std::uint32_t t = model.id(name);
    if (end_tag) {
      model.end(t);
      continue;
    }
    const bool foreign = model.top_foreign();
    if ((model.info(t).flags & kRawText) && !foreign) {
      // Never blanked: its text would become markup.
      if (name == "plaintext") break;
      i = raw_text_end(s, i, name);
      continue;
    }
    if (!model.start(t, self_closing)) {
      blank(open, i);
      ++out.deep_tags;
    }
  }
  return out;
}

}  // namespace essaykit::detail
