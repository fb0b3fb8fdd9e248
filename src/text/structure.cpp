// From labelled lines to the block model: headings with their levels, lists with
// their nesting, and the prose (see structure.h).
#include "text/structure.h"

#include "text/features.h"
#include "text/notes.h"

#include <algorithm>

namespace essaykit::detail::text {
namespace {

// Is line j an item of the list line i began: the same marker family?
int marker_family(MarkerKind k) {
  switch (k) {
    case MarkerKind::number_period: case MarkerKind::number_paren: case MarkerKind::paren_number: return 1;
    case MarkerKind::letter_period: case MarkerKind::letter_paren: return 2;
    case MarkerKind::roman_period: return 3;
    case MarkerKind::bullet: return 4;
    default: return 0;
  }
}

}  // namespace

void emit_structure(const TextDoc& doc, const Labels& labels, const std::vector<bool>& decoded, BlockModel& model) {
  const std::size_t n = doc.lines.size();
  auto tag = [&](std::size_t i) { return decoded[i] ? labels.tag[i] : Tag::count_; };

  // Headings. Where the text states a level (underline, numbering) it is used; a
  // heading right under another opens it; a run of numbered headings (1., 2., 3. or
  // Step 1, Step 2) that begins under an unnumbered heading is that heading's sections
  // ("Practical advice", then "1. Learn Python", "2. …"), and a number that goes on from
  // the run's last is at its level again; the rest stay at the level of the document's
  // outermost headings, since a copy keeps no other sign of level.
  std::string scratch;  // (a text with its references read away: text_without_refs)
  int prev_level = 0;
  std::size_t prev_heading = TextDoc::npos;
  bool underlines = false;
  for (std::size_t i = 0; i < n; ++i)
    if (tag(i) == Tag::heading && underline_level(doc, i) == 1) underlines = true;
  int run_level = 0;   // the level of the last numbered heading (0: none yet)
  long run_next = -1;  // the number that goes on from it
  int unnumbered_level = 0;  // the level of the last heading without a number (0: none yet)
  for (std::size_t i = 0; i < n; ++i) {
    if (tag(i) != Tag::heading) continue;
    // The level its text states: an underline ("---" alone, where no heading takes "===",
    // is the outermost), or a numbering depth ("2.3" is deeper than "2.").
    const HeadingNumber number = parse_heading_number(doc.text(i));
    int level = underline_level(doc, i);
    if (level == 2 && !underlines) level = 1;
    if (!doc.atx_level.empty() && doc.atx_level[i] > 0) level = doc.atx_level[i];
    if (level == 0 && number.depth >= 2) level = number.depth;
    if (level == 0 && number.depth == 1) {
      // A number that goes on from the last keeps its run's level, whatever headings
      // came between; a run that starts (at 1) under an unnumbered heading nests.
      if (number.first == run_next && run_level != 0) level = run_level;
      else if (number.first == 1 && unnumbered_level > 0) level = unnumbered_level + 1;
    }
    if (number.depth == 1) run_next = number.first + 1;
    if (level == 0) {
      const std::size_t p = doc.prev_nonblank(i);
      level = prev_heading != TextDoc::npos && p == prev_heading && prev_level > 0 ? prev_level + 1 : 1;
    }
    if (number.depth == 0) unnumbered_level = level;
    if (number.depth == 1) run_level = level;
    prev_level = level;
    prev_heading = i;
    // (Any heading's '#' marks are markup, not words: in a text that marks all its headings
    // so, and in a copy that kept them on one, "## AI Affordances".)
    const std::string_view t = without_atx_marks(doc.text(i));
    const auto from = static_cast<std::size_t>(t.data() - doc.in.data());
    const std::string_view title = text_without_refs(doc.in, from, from + t.size(), model.refs, scratch);
    model.headings.push_back({doc.span(i, i), level, clean_text(collapse_whitespace(title)), labels.confidence[i]});
    // (Its sentence ends where its words do, before a closing run of marks ("## Part ##"),
    // as a Markdown heading's does.)
    model.prose.push_back({doc.index->span(doc.lines[i].lstart, from + t.size()), ProseRole::heading, count_words(t)});
  }

  // Lists: a run of item lines (blank lines and the lines inside an item between them),
  // nested by indentation; another marker family at the same indentation starts
  // another list.
  for (std::size_t i = 0; i < n;) {
    if (tag(i) != Tag::item) {
      ++i;
      continue;
    }
    std::vector<std::size_t> stack;  // list indices, by depth
    std::vector<int> indents;        // the indentation of each open depth
    std::size_t j = i, last_item = i;
    const int family = marker_family(doc.lines[i].marker.kind);
    const int base_indent = doc.lines[i].indent;
    auto open_list = [&](std::size_t line) {
      ListBlock b;
      const MarkerKind k = doc.lines[line].marker.kind;
      b.ordered = k != MarkerKind::none && k != MarkerKind::bullet;
      if (!stack.empty() && !model.lists[stack.back()].items.empty())
        b.parent_item = ItemRef{stack.back(), model.lists[stack.back()].items.size() - 1};
      stack.push_back(model.lists.size());
      model.lists.push_back(std::move(b));
    };
    while (j < n) {
      if (doc.lines[j].blank || !decoded[j]) {
        // (A blank line, an underline or a rule inside a list: the list goes on if an item does.)
        std::size_t k = j;
        while (k < n && (doc.lines[k].blank || !decoded[k])) ++k;
        if (k >= n || (tag(k) != Tag::item && tag(k) != Tag::item_more)) break;
        j = k;
        continue;
      }
      const Tag t = tag(j);
      if (t == Tag::item_more) {
        // A further line of the item above: its span and text grow.
        ListItem& it = model.lists[stack.back()].items.back();
        it.span = doc.index->span(it.span.start, doc.lines[j].end);
        it.text = clean_text(collapse_whitespace(text_without_refs(
            doc.in, it.span.start + doc.lines[last_item].marker.length, it.span.end, model.refs, scratch)));
        ++j;
        continue;
      }
      if (t != Tag::item) break;
      const TextLine& l = doc.lines[j];
      if (j > i && l.indent == base_indent && marker_family(l.marker.kind) != family) break;
      // Depth by indentation: deeper opens a nested list, shallower closes to the level it matches.
      if (stack.empty()) {
        open_list(j);
        indents.push_back(l.indent);
      } else if (l.indent > indents.back()) {
        open_list(j);
        indents.push_back(l.indent);
      } else {
        while (indents.size() > 1 && l.indent < indents.back()) {
          indents.pop_back();
          stack.pop_back();
        }
      }
      const std::string_view text = doc.text(j).substr(l.marker.length);
      ListItem item;
      item.text = clean_text(trim(text_without_refs(doc.in, l.lstart + l.marker.length, l.end, model.refs, scratch)));
      item.depth = static_cast<int>(stack.size()) - 1;
      item.span = doc.span(j, j);
      item.confidence = labels.confidence[j];
      ListBlock& list = model.lists[stack.back()];
      list.confidence = list.items.empty() ? item.confidence : std::min(list.confidence, item.confidence);
      list.items.push_back(std::move(item));
      // The item's prose starts after its marker: sentences and claims read its words.
      model.prose.push_back({doc.index->span(l.lstart + l.marker.length, l.end), ProseRole::list_item, count_words(text)});
      last_item = j;
      ++j;
    }
    i = std::max(j, i + 1);
  }
  for (ListBlock& b : model.lists)
    if (!b.items.empty() && b.span.end == 0)
      b.span = doc.index->span(b.items.front().span.start, b.items.back().span.end);
  // A list's span covers its nested lists.
  for (std::size_t k = model.lists.size(); k-- > 0;) {
    if (!model.lists[k].parent_item) continue;
    ListBlock& parent = model.lists[model.lists[k].parent_item->list];
    if (model.lists[k].span.end > parent.span.end) parent.span = doc.index->span(parent.span.start, model.lists[k].span.end);
  }

  // Prose: each paragraph line, or the run of lines one paragraph was broken into (in a
  // copy wrapped at a width, or where a sentence runs on into the next line).
  for (std::size_t i = 0; i < n;) {
    if (tag(i) != Tag::paragraph) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j + 1 < n && tag(j + 1) == Tag::paragraph && (doc.hard_wrapped || runs_on(doc, j + 1))) ++j;
    const std::string_view t = doc.in.substr(doc.lines[i].lstart, doc.lines[j].end - doc.lines[i].lstart);
    model.prose.push_back({doc.span(i, j), ProseRole::paragraph, count_words(t)});
    i = j + 1;
  }
}

}  // namespace essaykit::detail::text
