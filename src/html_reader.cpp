// The HTML reader: a page as a blog publishes it, into the block model.
//
// The stages, each in its own file:
//   html_bounds   blanks the tags that would make tree building superlinear;
//   html_tree     gumbo's HTML5 parse, flattened, with spans and text counts;
//   html_article  the element that holds the post, the theme's chrome in it, the title;
//   html_notes    footnote references and bodies, whatever the generator's convention;
//   here          one walk over the article that feeds the block model as the Markdown
//                 reader does: headings at their tags' levels, lists and their nesting,
//                 note bodies, reference sites, and prose blocks whose text (tags out,
//                 references decoded) goes to BlockModel::prose_text with its source.
//
// Text is gathered into collectors on a stack, as in markdown_reader.cpp: a text node
// goes to every collector above the nearest container (item, note, heading), so a
// paragraph inside an item feeds both its own prose and the item's text. Text that
// stands directly in a container (an <li> with no <p>, a <div>) forms an anonymous
// block, closed by the next block element.
#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <optional>
#include <unordered_map>

#include "block_model.h"
#include "html_article.h"
#include "html_bounds.h"
#include "html_notes.h"
#include "html_tree.h"

namespace essaykit::detail {
namespace {

using html::Article;
using html::kNone;
using html::Notes;
using html::Tree;

enum class Sink { paragraph, heading, item, footnote, code, barrier };

struct Collector {
  Sink sink;
  std::uint32_t node;  // kNone: an anonymous block
  std::string text;
  std::vector<TextPiece> pieces;  // for paragraphs and headings: offsets into `text`
  std::size_t start = std::numeric_limits<std::size_t>::max(), stop = 0;  // source of the text
  std::size_t visible = 0, linked = 0;  // non-space bytes of text, and of those inside links
  // A container's: a block inside it ended, so the text that follows (`<li><p>a</p>b</li>`)
  // is another block, as a browser shows it, not the end of that block's last word.
  bool block_ended = false;
};

bool is_container(Sink s) { return s == Sink::item || s == Sink::footnote || s == Sink::heading; }
bool holds_text(Sink s) { return s == Sink::paragraph || s == Sink::heading || s == Sink::code; }

// Item and note text: runs of spaces as one, blocks apart by a blank line, a <br> a line.
std::string tidy(std::string_view s) {
  std::string out;
  std::size_t newlines = 0;
  bool space = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\n') { ++newlines; continue; }
    if (is_space(c)) { space = true; continue; }
    if (c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') { space = true; ++i; continue; }  // no-break space
    if (!out.empty()) {
      if (newlines >= 2) out.append("\n\n");
      else if (newlines == 1) out.push_back('\n');
      else if (space) out.push_back(' ');
    }
    newlines = 0;
    space = false;
    out.push_back(c);
  }
  return clean_text(out);
}

// A note's text without what is left of its label once the link back is gone:
// ". ", "[] ", ": " (Asciidoctor's "1.", docutils' "[1]").
std::string strip_label(std::string text) {
  std::size_t k = 0;
  while (k < text.size() && (text[k] == '.' || text[k] == ':' || text[k] == ')' || text[k] == ']' || text[k] == '[' ||
                             text[k] == '(' || is_space(text[k])))
    ++k;
  const std::string_view run(text.data(), k);
  const bool open_paren = run.find('(') != std::string_view::npos && run.find("()") == std::string_view::npos;
  const bool open_bracket = run.find('[') != std::string_view::npos && run.find("[]") == std::string_view::npos;
  if (k == 0 || k == text.size() || open_paren || open_bracket) return text;
  return text.substr(k);
}

// A note by hand's text without the mark it opens with ("1" of "1. The note", of
// "[1] The note"): what follows the mark strip_label takes.
std::string without_mark(std::string text, std::string_view mark) {
  if (mark.empty()) return text;
  std::size_t k = 0;
  while (k < text.size() && (text[k] == '[' || text[k] == '(' || is_space(text[k]))) ++k;
  if (std::string_view(text).substr(k, mark.size()) != mark) return text;
  return text.substr(k + mark.size());
}

class Walker {
 public:
  Walker(std::string_view input, const Tree& t, const Article& article, const Notes& notes, const LineIndex& lines,
         BlockModel& m)
      : in_(input), t_(t), article_(article), notes_(notes), lines_(lines), m_(m) {
    const Article::Title title = article.title();
    title_ = title.heading;
    title_section_ = title.also_section;
    subtitle_ = title.subtitle;
  }

  // The subtree of `from`, `from` included.
  void walk(std::uint32_t from);
  // A heading's text as a title: its text without anchors, references and hidden parts.
  std::string heading_text(std::uint32_t h) const;

 private:
  bool enter(std::uint32_t i);
  void exit(std::uint32_t i);
  void text(std::uint32_t i);
  void add_text(std::string_view s, std::size_t start, std::size_t stop, bool flatten = false);
  void begin_block();
  void end_block();
  void close_anonymous();
  void emit(Collector&& c);
  void reference(std::uint32_t i, std::uint32_t body);
  bool heading_anchor(std::uint32_t i) const;
  Span span_of(std::uint32_t i) const { return lines_.span(t_[i].start, t_[i].stop); }
  ProseRole role_below() const;
  bool footnote_empty() const {
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it)
      if (it->sink == Sink::footnote) return trim(it->text).empty();
    return false;
  }

  std::string_view in_;
  const Tree& t_;
  const Article& article_;
  const Notes& notes_;
  const LineIndex& lines_;
  BlockModel& m_;
  std::uint32_t title_ = kNone, subtitle_ = kNone;
  bool title_section_ = false;
  std::uint32_t from_ = kNone;
  std::vector<Collector> stack_;
  struct OpenList {
    std::uint32_t node;
    std::size_t index;
    std::size_t items = 0;
  };
  std::vector<OpenList> lists_;
  int in_footnote_ = 0, in_heading_ = 0, in_code_ = 0, in_table_ = 0, in_link_ = 0;
};

void Walker::walk(std::uint32_t from) {
  from_ = from;
  std::vector<std::uint32_t> open;
  const std::uint32_t end = t_[from].end;
  for (std::uint32_t i = from; i < end;) {
    while (!open.empty() && i >= t_[open.back()].end) {
      exit(open.back());
      open.pop_back();
    }
    if (enter(i) && t_[i].element) {
      open.push_back(i);
      ++i;
    } else {
      i = t_[i].end;
    }
  }
  while (!open.empty()) {
    exit(open.back());
    open.pop_back();
  }
  close_anonymous();
}

// What a generator adds inside a heading: an anchor link ("#", "¶", an icon) and the
// section's number ("1.2", when it numbers sections itself).
bool Walker::heading_anchor(std::uint32_t i) const {
  if (t_.has_token(i, {"anchor", "headerlink", "permalink", "hashlink", "anchorjs", "autolink", "secno", "secnum"}))
    return true;
  if (const char* cls = t_.attr(i, "class"); cls && std::strstr(cls, "section-number")) return true;
  const char* href = t_.attr(i, "href");
  return t_[i].tag == GUMBO_TAG_A && href && href[0] == '#' && html::symbols_only(t_.plain_text(i, 64));
}

bool Walker::enter(std::uint32_t i) {
  const html::Node& x = t_[i];
  if (x.hidden) return false;
  if (!x.element) {
    text(i);
    return false;
  }
  if (i != from_ && article_.chrome(i)) return false;
  if (notes_.marked[i] && notes_.backlinks.count(i)) return false;
  if (auto r = notes_.marked[i] ? notes_.ref_to.find(i) : notes_.ref_to.end(); r != notes_.ref_to.end()) {
    reference(i, r->second);
    return false;
  }
  if (auto b = notes_.marked[i] ? notes_.body_at.find(i) : notes_.body_at.end(); b != notes_.body_at.end()) {
    if (notes_.bodies[b->second].label == i) return false;  // a label (<dt>) beside the body
    if (in_footnote_ == 0) {
      begin_block();
      stack_.push_back({Sink::footnote, i, {}, {}});
      ++in_footnote_;
      return true;
    }
  }
  const GumboTag tag = x.tag;
  if (in_heading_ && heading_anchor(i)) return false;
  // A note's own label at its start ("<sup>1</sup> The note", Zola's label) is no text of it.
  if (in_footnote_ && (tag == GUMBO_TAG_SUP || t_.has_token(i, {"label"}, false)) && footnote_empty() &&
      html::note_like(t_.plain_text(i, 64)))
    return false;
  if (tag == GUMBO_TAG_A && t_.attr(i, "href")) ++in_link_;
  if (html::is_heading(tag)) {
    // In a note, a heading is its text; in a table inside the article, a caption.
    if (in_footnote_ || in_heading_ || in_table_) {
      begin_block();
      return true;
    }
    // A label the notes came with ("Footnotes:") is the generator's, not the author's.
    if (notes_.block != kNone && t_.is_ancestor(notes_.block, i)) return false;
    begin_block();
    stack_.push_back({Sink::heading, i, {}, {}});
    ++in_heading_;
    return true;
  }
  switch (tag) {
    case GUMBO_TAG_BR:
      add_text("\n", x.start, x.start);
      return false;
    case GUMBO_TAG_IMG: case GUMBO_TAG_HR: case GUMBO_TAG_WBR:
      if (tag == GUMBO_TAG_HR) begin_block();
      return false;
    case GUMBO_TAG_P:
      if (in_heading_) return true;
      begin_block();
      stack_.push_back({Sink::paragraph, i, {}, {}});
      return true;
    case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_MENU: case GUMBO_TAG_DIR:
      begin_block();
      if (in_footnote_ || in_heading_ || (notes_.marked[i] && notes_.lists.count(i))) return true;
      {
        ListBlock list;
        list.ordered = tag == GUMBO_TAG_OL;
        list.span = span_of(i);
        if (!lists_.empty() && lists_.back().items > 0)
          list.parent_item = ItemRef{lists_.back().index, lists_.back().items - 1};
        lists_.push_back({i, m_.lists.size(), 0});
        m_.lists.push_back(std::move(list));
        stack_.push_back({Sink::barrier, i, {}, {}});
      }
      return true;
    case GUMBO_TAG_LI:
      begin_block();
      if (!lists_.empty() && !stack_.empty() && stack_.back().sink == Sink::barrier && stack_.back().node == lists_.back().node) {
        ++lists_.back().items;
        stack_.push_back({Sink::item, i, {}, {}});
      }
      return true;
    case GUMBO_TAG_PRE: case GUMBO_TAG_LISTING: case GUMBO_TAG_XMP: case GUMBO_TAG_PLAINTEXT:
      begin_block();
      stack_.push_back({Sink::code, i, {}, {}});
      ++in_code_;
      return true;
    case GUMBO_TAG_TABLE:
      begin_block();
      stack_.push_back({Sink::barrier, i, {}, {}});
      ++in_table_;
      return true;
    default:
      if (html::is_block(tag)) begin_block();
      return true;
  }
}

void Walker::exit(std::uint32_t i) {
  const GumboTag tag = t_[i].tag;
  if (tag == GUMBO_TAG_A && in_link_ > 0 && t_.attr(i, "href")) --in_link_;
  const bool block = html::is_block(tag) || html::is_heading(tag);
  if (block) close_anonymous();
  if (!lists_.empty() && lists_.back().node == i) lists_.pop_back();
  if (!stack_.empty() && stack_.back().node == i) {
    Collector c = std::move(stack_.back());
    stack_.pop_back();
    emit(std::move(c));
  }
  if (block) end_block();
}

ProseRole Walker::role_below() const {
  for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
    if (it->sink == Sink::item) return ProseRole::list_item;
    if (it->sink == Sink::footnote) return ProseRole::footnote;
  }
  return ProseRole::paragraph;
}

void Walker::emit(Collector&& c) {
  auto prose = [&](ProseRole role, Span span) {
    const std::size_t words = count_words(c.text);
    if (words == 0) return;
    ProseText& pt = *m_.prose_text;
    ProseBlock b;
    b.span = span;
    b.role = role;
    b.words = words;
    b.text_start = pt.text.size();
    for (TextPiece p : c.pieces) {
      p.text += b.text_start;
      pt.pieces.push_back(p);
    }
    pt.text.append(c.text);
    b.text_end = pt.text.size();
    m_.prose.push_back(b);
  };
  switch (c.sink) {
    case Sink::paragraph:
      // A line of links ("Home | Essays", "Back to essays") is no prose.
      if (c.linked * 5 >= c.visible * 4) return;
      if (c.node == kNone) {
        if (c.start < c.stop) prose(role_below(), lines_.span(c.start, c.stop));
      } else {
        prose(role_below(), span_of(c.node));
      }
      return;
    case Sink::heading: {
      --in_heading_;
      prose(ProseRole::heading, span_of(c.node));
      if (c.node == title_ && !title_section_) return;
      std::string title = clean_text(collapse_whitespace(c.text));
      if (title.empty()) return;
      if (c.node == subtitle_) return;  // the title's standfirst
      HeadingBlock h;
      h.span = span_of(c.node);
      h.level = html::heading_level(t_[c.node].tag);
      h.title = std::move(title);
      m_.headings.push_back(std::move(h));
      return;
    }
    case Sink::item: {
      ListItem item;
      item.text = tidy(c.text);
      item.depth = static_cast<int>(lists_.size()) - 1;
      item.span = span_of(c.node);
      if (!lists_.empty()) m_.lists[lists_.back().index].items.push_back(std::move(item));
      return;
    }
    case Sink::footnote: {
      --in_footnote_;
      auto b = notes_.body_at.find(c.node);
      if (b == notes_.body_at.end()) return;
      const Notes::Body& body = notes_.bodies[b->second];
      FootnoteBody f;
      f.label = body.name;
      f.span = span_of(c.node);
      if (body.label != kNone) f.span = lines_.span(std::min(t_[body.label].start, f.span.start), f.span.end);
      f.text = strip_label(without_mark(tidy(c.text), body.text_mark));
      m_.bodies.push_back(std::move(f));
      return;
    }
    case Sink::code:
      --in_code_;
      return;
    case Sink::barrier:
      if (t_[c.node].tag == GUMBO_TAG_TABLE) --in_table_;
      return;
  }
}

void Walker::close_anonymous() {
  if (!stack_.empty() && stack_.back().sink == Sink::paragraph && stack_.back().node == kNone) {
    Collector c = std::move(stack_.back());
    stack_.pop_back();
    emit(std::move(c));
  }
}

// A block begins: the anonymous one before it ends, and an item or note that holds
// both keeps them apart.
void Walker::begin_block() {
  close_anonymous();
  for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
    if (it->sink == Sink::barrier) break;
    if (is_container(it->sink)) {
      if (!it->text.empty() && it->text.back() != '\n') it->text.append("\n\n");
      break;
    }
  }
}

void Walker::end_block() {
  for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
    if (it->sink == Sink::barrier) break;
    if (is_container(it->sink)) {
      it->block_ended = true;
      break;
    }
  }
}

void Walker::text(std::uint32_t i) {
  std::string_view s = t_.text(i);
  if (s.empty()) return;
  const html::Node& x = t_[i];
  if (in_code_) {
    add_text(s, x.start, x.stop);
    return;
  }
  if (x.text > 0 && (stack_.empty() || !holds_text(stack_.back().sink)))
    stack_.push_back({Sink::paragraph, kNone, {}, {}});
  add_text(s, x.start, x.stop, true);
}

void Walker::add_text(std::string_view s, std::size_t start, std::size_t stop, bool flatten) {
  std::size_t visible = 0;
  for (char c : s) visible += !is_space(c);
  for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
    it->visible += visible;
    if (in_link_) it->linked += visible;
    if (it->sink == Sink::barrier) break;
    if (it->block_ended && visible > 0) {
      if (!it->text.empty() && it->text.back() != '\n') it->text.append("\n\n");
      it->block_ended = false;
    }
    if (it->sink == Sink::paragraph || it->sink == Sink::heading) {
      it->pieces.push_back({it->text.size(), start, stop});
      if (start < stop) {
        it->start = std::min(it->start, start);
        it->stop = std::max(it->stop, stop);
      }
    }
    const std::size_t at = it->text.size();
    it->text.append(s);
    // White space as a space: the same length, so the text still maps onto the source.
    if (flatten && visible < s.size())
      for (std::size_t k = at; k < it->text.size(); ++k)
        if (is_space(it->text[k])) it->text[k] = ' ';
    if (is_container(it->sink)) break;
  }
}

void Walker::reference(std::uint32_t i, std::uint32_t body) {
  RefSite r;
  r.label = notes_.bodies[body].name;
  r.span = span_of(i);
  std::string context;
  for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
    if (it->sink == Sink::barrier) break;
    context = tail_chars(it->text, 60);
    break;
  }
  r.context = clean_text(context);
  m_.refs.push_back(std::move(r));
}

std::string Walker::heading_text(std::uint32_t h) const {
  std::string out;
  // A <br> or a block inside the heading parts its words as the walk's text does:
  // "Title<br>on two lines" is not "Titleon two lines".
  std::vector<std::uint32_t> block_ends;
  for (std::uint32_t k = h; k < t_[h].end; ++k) {
    for (; !block_ends.empty() && k >= block_ends.back(); block_ends.pop_back()) out.push_back(' ');
    const html::Node& x = t_[k];
    if (x.hidden || (x.element && k != h && (heading_anchor(k) || notes_.ref_to.count(k)))) {
      k = x.end - 1;
      continue;
    }
    if (x.element && k != h && (x.tag == GUMBO_TAG_BR || html::is_block(x.tag))) {
      out.push_back(' ');
      block_ends.push_back(x.end);
    }
    out.append(t_.text(k));
  }
  return clean_text(collapse_whitespace(out));
}

// Lists that ended with no item (an empty <ul>) are dropped, and the indices of the
// lists after them moved down. A nested list keeps its parent item only where that item
// was kept: the walker counts an <li> when it opens, but the tree builder's repairs (the
// adoption agency moving a list out of an <a>) can leave that <li> with no item, or its
// whole list empty. Such a list stands at the top; depths follow the parents kept.
void drop_empty_lists(std::vector<ListBlock>& lists) {
  constexpr std::size_t kDropped = std::numeric_limits<std::size_t>::max();
  std::vector<std::size_t> index(lists.size(), kDropped);
  std::size_t kept = 0;
  for (std::size_t i = 0; i < lists.size(); ++i)
    if (!lists[i].items.empty()) index[i] = kept++;
  std::vector<int> depth(lists.size(), 0);
  for (std::size_t i = 0; i < lists.size(); ++i) {
    std::optional<ItemRef>& parent = lists[i].parent_item;
    if (parent && (parent->list >= i || index[parent->list] == kDropped ||
                   parent->item >= lists[parent->list].items.size()))
      parent.reset();
    if (parent) depth[i] = depth[parent->list] + 1;
    for (ListItem& item : lists[i].items) item.depth = depth[i];
  }
  std::size_t out = 0;
  for (std::size_t i = 0; i < lists.size(); ++i) {
    if (lists[i].items.empty()) continue;
    ListBlock l = std::move(lists[i]);
    if (l.parent_item) l.parent_item->list = index[l.parent_item->list];
    lists[out++] = std::move(l);
  }
  lists.resize(out);
}

// pandoc writes a note once per reference: notes with the same explanatory text are
// one note referenced from several places. Short notes ("Ibid.") and bare links are
// written again for each citation, and stay apart.
void merge_repeated_notes(BlockModel& m) {
  constexpr std::size_t kMinWords = 4;
  std::unordered_map<std::string, std::string> first_label;  // text → label
  std::unordered_map<std::string, std::string> same_as;      // label → label of the first note
  std::size_t kept = 0;
  for (std::size_t i = 0; i < m.bodies.size(); ++i) {
    FootnoteBody& b = m.bodies[i];
    if (count_words(b.text) >= kMinWords) {
      auto [it, added] = first_label.emplace(b.text, b.label);
      if (!added) {
        same_as.emplace(b.label, it->second);
        continue;
      }
    }
    if (kept != i) m.bodies[kept] = std::move(b);
    ++kept;
  }
  m.bodies.resize(kept);
  for (RefSite& r : m.refs)
    if (auto it = same_as.find(r.label); it != same_as.end()) r.label = it->second;
}

}  // namespace

BlockModel read_html(std::string_view input, const LineIndex& lines) {
  BlockModel model;
  model.prose_text.emplace();
  const HtmlBounds bounds = bound_html(input);
  if (bounds.deep_tags)
    model.diagnostics.push_back({DiagnosticCode::html_too_deep, Severity::warning,
                                 fmt::format("{} start tag{} nested deeper than {} elements (or past {} open formatting "
                                             "elements) read as if absent",
                                             bounds.deep_tags, bounds.deep_tags == 1 ? "" : "s", kMaxDepth, kMaxFormatting),
                                 lines.span(bounds.first_blanked, bounds.first_blanked)});
  if (bounds.extra_attributes)
    model.diagnostics.push_back({DiagnosticCode::html_too_many_attributes, Severity::warning,
                                 fmt::format("{} attribute{} past the first {} of a tag ignored", bounds.extra_attributes,
                                             bounds.extra_attributes == 1 ? "" : "s", kMaxAttributes),
                                 lines.span(bounds.first_blanked, bounds.first_blanked)});
  const Tree tree(bounds.blanked.empty() ? input : std::string_view(bounds.blanked));
  if (tree.size() == 0) return model;
  Article article(tree);
  const Notes notes = html::find_notes(tree, article.root());
  article.set_notes(notes);

  Walker walker(input, tree, article, notes, lines, model);
  walker.walk(article.root());
  // Notes outside the article (a theme may put them after it) are read on their own.
  for (const Notes::Body& b : notes.bodies)
    if (!(b.node == article.root() || tree.is_ancestor(article.root(), b.node))) walker.walk(b.node);

  const Article::Title title = article.title();
  if (title.heading != kNone) {
    std::string text = walker.heading_text(title.heading);
    if (!text.empty()) model.title = Title{std::move(text), lines.span(tree[title.heading].start, tree[title.heading].stop)};
  } else if (title.source != kNone && !title.text.empty()) {
    model.title = Title{clean_text(title.text), lines.span(tree[title.source].start, tree[title.source].stop)};
  }
  if (title.subtitle != kNone) {
    std::string text = walker.heading_text(title.subtitle);
    if (!text.empty())
      model.subtitle = Title{std::move(text), lines.span(tree[title.subtitle].start, tree[title.subtitle].stop)};
  }

  // The parser can move nodes (text out of tables, formatting re-opened): keep every
  // list of blocks in source order, and no two prose blocks or headings overlapping.
  auto by_start = [](const auto& a, const auto& b) { return a.span.start < b.span.start; };
  std::stable_sort(model.headings.begin(), model.headings.end(), by_start);
  std::size_t kept = 0;
  for (std::size_t i = 0; i < model.headings.size(); ++i)
    if (kept == 0 || model.headings[i].span.start >= model.headings[kept - 1].span.end) {
      if (kept != i) model.headings[kept] = std::move(model.headings[i]);
      ++kept;
    }
  model.headings.resize(kept);
  std::stable_sort(model.prose.begin(), model.prose.end(), by_start);
  kept = 0;
  for (std::size_t i = 0; i < model.prose.size(); ++i)
    if (kept == 0 || model.prose[i].span.start >= model.prose[kept - 1].span.end) model.prose[kept++] = model.prose[i];
  model.prose.resize(kept);
  std::stable_sort(model.refs.begin(), model.refs.end(), by_start);
  std::stable_sort(model.bodies.begin(), model.bodies.end(), by_start);
  merge_repeated_notes(model);
  drop_empty_lists(model.lists);
  return model;
}

}  // namespace essaykit::detail
