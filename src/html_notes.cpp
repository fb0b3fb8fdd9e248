// find_notes: footnote references and bodies in an HTML page (html_notes.h).
#include "html_notes.h"

#include <algorithm>
#include <map>

#include "text_util.h"

namespace essaykit::detail::html {
namespace {

// The fragment of an in-page link ("#fn:1", "#fn%3A1"), percent-decoded; empty if none.
std::string fragment(const char* href) {
  if (!href || href[0] != '#') return {};
  std::string out;
  for (const char* p = href + 1; *p; ++p) {
    if (*p == '%' && hex_value(p[1]) >= 0 && hex_value(p[2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(p[1]) * 16 + hex_value(p[2])));
      p += 2;
    } else {
      out.push_back(*p);
    }
  }
  return out;
}

bool is_inline_target(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_A: case GUMBO_TAG_SPAN: case GUMBO_TAG_SUP: case GUMBO_TAG_SUB: case GUMBO_TAG_SMALL:
    case GUMBO_TAG_EM: case GUMBO_TAG_STRONG: case GUMBO_TAG_B: case GUMBO_TAG_I: case GUMBO_TAG_CODE:
    case GUMBO_TAG_LABEL: case GUMBO_TAG_CITE: case GUMBO_TAG_UNKNOWN:
      return true;
    default:
      return false;
  }
}

}  // namespace

bool note_like(std::string_view mark) {
  std::string_view m = trim(mark);
  while (!m.empty() && (m.front() == '[' || m.front() == '(')) m.remove_prefix(1);
  while (!m.empty() && (m.back() == ']' || m.back() == ')')) m.remove_suffix(1);
  m = trim(m);
  if (m.empty() || m.size() > 7) return false;
  std::size_t digits = 0;
  while (digits < m.size() && is_ascii_digit(m[digits])) ++digits;
  if (digits >= 1 && digits <= 6 && (digits == m.size() || (digits + 1 == m.size() && is_ascii_alpha(m[digits]))))
    return true;
  for (std::string_view sym : {"*", "**", "***", "\xE2\x80\xA0", "\xE2\x80\xA1", "\xC2\xA7", "\xC2\xB6"})  // * † ‡ § ¶
    if (m == sym) return true;
  return false;
}

namespace {

// The label a reference shows: its mark without brackets.
std::string mark_label(std::string_view mark) {
  std::string_view m = trim(mark);
  while (!m.empty() && (m.front() == '[' || m.front() == '(')) m.remove_prefix(1);
  while (!m.empty() && (m.back() == ']' || m.back() == ')')) m.remove_suffix(1);
  return std::string(trim(m));
}

// Whether a note's text opens with its mark: "1. The note", "[1] The note", "(1) …", "1 …",
// not "12 …" or "1.5 million …" for the mark 1: after the mark, the end, a space, or a
// stop or bracket that the end or a space follows.
bool opens_with_mark(std::string_view text, std::string_view mark) {
  std::string_view s = trim(text);
  while (!s.empty() && (s.front() == '[' || s.front() == '(')) s.remove_prefix(1);
  if (mark.empty() || s.substr(0, mark.size()) != mark) return false;
  std::size_t k = mark.size();
  if (k < s.size() && (s[k] == '.' || s[k] == ')' || s[k] == ']' || s[k] == ':')) ++k;
  return k == s.size() || unicode_space_at(s, k) != 0;
}

}  // namespace

Notes find_notes(const Tree& t, std::uint32_t root) {
  Notes notes;
  const std::uint32_t n = t.size();
  notes.marked.assign(n, 0);
  if (root == kNone || root >= n) return notes;
  // Headings under each element: a link to an element holding one is a link to a section.
  std::vector<std::uint32_t> headings(n, 0);
  for (std::uint32_t i = n; i-- > 0;) {
    if (is_heading(t[i].tag)) ++headings[i];
    if (t[i].parent != kNone) headings[t[i].parent] += headings[i];
  }
  const std::uint32_t page_text = t[root].text;

  // The element a link's target stands for: inline targets (org-mode's <a id="fn.1">)
  // stand for their block; a docutils <dt> label for the <dd> after it.
  auto note_of = [&](std::uint32_t target, std::uint32_t& label) {
    label = kNone;
    std::uint32_t x = target;
    while (x != kNone && t[x].element && is_inline_target(t[x].tag) && t[x].parent != kNone) x = t[x].parent;
    if (x != kNone && t[x].tag == GUMBO_TAG_DT) {
      for (std::uint32_t s = t[x].end; s < n && t[s].parent == t[x].parent; s = t[s].end) {
        if (!t[s].element) continue;
        if (t[s].tag == GUMBO_TAG_DD) { label = x; return s; }
        break;
      }
    }
    return x;
  };
  // Links inside a note, by fragment, found once per note.
  std::map<std::uint32_t, std::vector<std::pair<std::string, std::uint32_t>>> links_in;
  auto links_of = [&](std::uint32_t note) -> const std::vector<std::pair<std::string, std::uint32_t>>& {
    auto [it, added] = links_in.try_emplace(note);
    if (added)
      for (std::uint32_t k = note; k < t[note].end; ++k)
        if (t[k].tag == GUMBO_TAG_A)
          if (std::string f = fragment(t.attr(k, "href")); !f.empty()) it->second.emplace_back(std::move(f), k);
    return it->second;
  };
  auto id_of = [&](std::uint32_t k) -> std::string_view {
    const char* v = k == kNone ? nullptr : t.attr(k, "id");
    return v ? v : "";
  };
  auto marked_note = [&](std::uint32_t k) {
    for (int up = 0; up < 3 && k != kNone && k != root; ++up, k = t[k].parent) {
      if (const char* role = t.attr(k, "role")) {
        std::string_view r(role);
        if (r == "doc-endnote" || r == "doc-footnote" || r == "doc-endnotes" || r == "note") return true;
      }
      if (t.has_token(k, {"footnote", "footnotes", "endnote", "endnotes", "footdef", "footnotedef", "notes",
                          "references", "fn", "footnotebody"}))
        return true;
    }
    return false;
  };

  struct Ref {
    std::uint32_t outer, note, label;
    std::string mark;
    std::string_view ids[3];
  };
  std::vector<Ref> refs, unlisted;
  auto consider = [&](std::uint32_t a) {
    std::string frag = fragment(t.attr(a, "href"));
    if (frag.empty()) return;
    const std::uint32_t target = t.by_id(frag);
    if (target == kNone || target == a || t.is_ancestor(target, a) || t.is_ancestor(a, target)) return;
    std::uint32_t label = kNone;
    const std::uint32_t note = note_of(target, label);
    if (note == kNone || note <= a || t.is_ancestor(note, a) || headings[note] > 0) return;
    if (note == root || t.is_ancestor(note, root) || t[note].text * 3 > page_text + 300) return;
    // The reference: the link, or the <sup> around it when the link (and brackets, as
    // in Asciidoctor's "[1]") is all it holds.
    std::uint32_t outer = a;
    const std::uint32_t p = t[a].parent;
    if (p != kNone && t[p].tag == GUMBO_TAG_SUP && t[p].text <= t[a].text + 2) {
      auto brackets = [](std::string_view s) {
        std::uint32_t b = 0;
        for (char c : s) b += c == '[' || c == ']' || c == '(' || c == ')';
        return b;
      };
      if (t[p].text - t[a].text == brackets(t.plain_text(p, 64)) - brackets(t.plain_text(a, 64))) outer = p;
    }
    std::string mark = t.plain_text(a, 64);
    bool in_sup = outer != a;
    for (std::uint32_t k = a; k < t[a].end && !in_sup; ++k) in_sup = t[k].tag == GUMBO_TAG_SUP;
    // The names a link back may use: the link's id (or old-style name), its <sup>'s id.
    const char* name = t.attr(a, "name");
    const std::string_view ids[3] = {id_of(a), id_of(outer), name ? name : ""};
    bool back = false;
    for (const auto& [f, k] : links_of(note))
      for (std::string_view id : ids) back |= !id.empty() && f == id;
    bool marker = false;
    for (std::uint32_t k : {a, outer}) {
      if (const char* role = t.attr(k, "role"); role && std::string_view(role) == "doc-noteref") marker = true;
      if (const char* rel = t.attr(k, "rel"); rel && std::string_view(rel) == "footnote") marker = true;
      if (t.has_token(k, {"footnote", "footnoteref", "fnref", "noteref", "footref", "fn", "reference", "sidenote"}))
        marker = true;
    }
    const bool like = note_like(mark);
    const bool listed = t[note].tag == GUMBO_TAG_LI;
    if (!(back || ((marker || marked_note(note)) && (like || in_sup)) || (like && in_sup && listed))) {
      // A note by hand with no list, class or link back ("<p id=note-1>1. …</p>"): decided
      // below, once every reference is known.
      if (like && in_sup) unlisted.push_back({outer, note, label, std::move(mark), {ids[0], ids[1], ids[2]}});
      return;
    }
    refs.push_back({outer, note, label, std::move(mark), {ids[0], ids[1], ids[2]}});
  };
  for (std::uint32_t a = root; a < t[root].end; ++a)
    if (t[a].tag == GUMBO_TAG_A && !t[a].hidden) consider(a);
  // References inside notes that lie outside the article (a note citing another).
  {
    std::vector<std::uint32_t> outside;
    for (const Ref& r : refs)
      if (!t.is_ancestor(root, r.note)) outside.push_back(r.note);
    std::sort(outside.begin(), outside.end());
    outside.erase(std::unique(outside.begin(), outside.end()), outside.end());
    for (std::uint32_t note : outside)
      for (std::uint32_t a = note; a < t[note].end; ++a)
        if (t[a].tag == GUMBO_TAG_A && !t[a].hidden) consider(a);
  }

  // Notes by hand without a list: a mark in <sup> is a reference when its target lies
  // after the last reference of the page (where a block of notes stands, not a paragraph
  // between the references a cross-reference points to) and opens with that mark, as a
  // note written by hand does ("1. The note", "[2] The note").
  std::unordered_map<std::uint32_t, std::string> by_mark;  // notes found so → the mark their text opens with
  if (!unlisted.empty()) {
    // The last reference that stands outside every such note: a note may cite another
    // ("see also 2"), and that mark, inside the block of notes, is no reference of the text.
    std::vector<std::uint32_t> targets;
    for (const Ref& r : unlisted) targets.push_back(r.note);
    std::sort(targets.begin(), targets.end());
    targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
    auto inside_a_target = [&](std::uint32_t x) {
      auto it = std::upper_bound(targets.begin(), targets.end(), x);  // the last target at or before x
      for (; it != targets.begin(); --it)
        if (x < t[*std::prev(it)].end) return true;
      return false;
    };
    std::uint32_t last_end = 0;
    for (const std::vector<Ref>* v : {&refs, &unlisted})
      for (const Ref& r : *v)
        if (!inside_a_target(r.outer)) last_end = std::max(last_end, t[r.outer].end);
    for (Ref& r : unlisted)
      if (std::string m = mark_label(r.mark); r.note >= last_end && opens_with_mark(t.plain_text(r.note, 64), m)) {
        by_mark.emplace(r.note, std::move(m));
        refs.push_back(std::move(r));
      }
  }

  // Bodies in document order; a note inside another note is part of it, not one more.
  std::vector<std::uint32_t> order;
  for (const Ref& r : refs) order.push_back(r.note);
  std::sort(order.begin(), order.end());
  order.erase(std::unique(order.begin(), order.end()), order.end());
  std::uint32_t last_end = 0;
  for (std::uint32_t note : order) {
    if (note < last_end) continue;  // nested in the previous body
    last_end = t[note].end;
    notes.body_at.emplace(note, static_cast<std::uint32_t>(notes.bodies.size()));
    auto mark = by_mark.find(note);
    notes.bodies.push_back({note, kNone, {}, mark != by_mark.end() ? mark->second : std::string()});
  }
  std::vector<std::vector<std::string_view>> ref_ids(notes.bodies.size());
  std::unordered_set<std::string> names;
  for (const Ref& r : refs) {
    auto it = notes.body_at.find(r.note);
    if (it == notes.body_at.end()) continue;
    // A reference inside a body it points to, or a reference that is itself inside a
    // (nested) reference, is not one.
    Notes::Body& b = notes.bodies[it->second];
    if (t.is_ancestor(b.node, r.outer) || notes.ref_to.count(r.outer)) continue;
    notes.ref_to.emplace(r.outer, it->second);
    if (r.label != kNone && b.label == kNone) {
      b.label = r.label;
      notes.body_at.emplace(r.label, it->second);
    }
    for (std::string_view id : r.ids)
      if (!id.empty()) ref_ids[it->second].push_back(id);
    if (b.name.empty()) {
      std::string name = mark_label(r.mark);
      if (name.empty() || names.count(name)) name = std::string(id_of(b.node));
      if (name.empty() || names.count(name)) name = std::to_string(it->second + 1);
      while (names.count(name)) name += "'";
      names.insert(name);
      b.name = std::move(name);
    }
  }

  // Links back, and the lists that hold the notes.
  for (std::size_t bi = 0; bi < notes.bodies.size(); ++bi) {
    const Notes::Body& b = notes.bodies[bi];
    for (const auto& [f, k] : links_of(b.node)) {
      bool back = std::find(ref_ids[bi].begin(), ref_ids[bi].end(), f) != ref_ids[bi].end();
      if (const char* role = t.attr(k, "role"); role && std::string_view(role) == "doc-backlink") back = true;
      if (t.has_token(k, {"backref", "backlink", "reversefootnote", "back", "return", "footnotebackref"})) back = true;
      if (!back && symbols_only(t.plain_text(k, 64))) back = true;
      if (back) notes.backlinks.insert(k);
    }
    const std::uint32_t p = t[b.node].parent;
    if (p != kNone && (t[p].tag == GUMBO_TAG_OL || t[p].tag == GUMBO_TAG_UL || t[p].tag == GUMBO_TAG_DL))
      notes.lists.insert(p);
  }
  notes.marked.assign(n, 0);
  for (const auto& [k, v] : notes.ref_to) notes.marked[k] = 1;
  for (const auto& [k, v] : notes.body_at) notes.marked[k] = 1;
  for (std::uint32_t k : notes.backlinks) notes.marked[k] = 1;
  for (std::uint32_t k : notes.lists) notes.marked[k] = 1;
  // The block of notes: the element holding all the bodies, grown while its parent adds
  // little else (a rule, a "Notes" heading), never the article itself.
  if (!notes.bodies.empty()) {
    std::uint32_t block = notes.bodies.front().node;
    const std::uint32_t last = notes.bodies.back().node;
    while (block != kNone && !(block == last || t.is_ancestor(block, last))) block = t[block].parent;
    std::uint32_t notes_text = 0;
    for (const Notes::Body& b : notes.bodies) notes_text += t[b.node].text;
    if (block != kNone && (notes.body_at.count(block) == 0 || notes.bodies.size() == 1)) {
      // A parent that adds a label ("Footnotes", "Notes:") and rules, nothing more.
      auto small = [&](std::uint32_t k) { return t[k].text <= notes_text + 24; };
      if (!small(block) || block == root || t.is_ancestor(block, root)) block = kNone;
      while (block != kNone) {
        const std::uint32_t p = t[block].parent;
        if (p == kNone || p == root || t.is_ancestor(p, root) || !small(p)) break;
        block = p;
      }
      notes.block = block;
    }
  }
  return notes;
}

}  // namespace essaykit::detail::html
