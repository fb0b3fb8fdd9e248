// The sections pass.
#include <algorithm>

#include "passes.h"

namespace essaykit::detail {

std::vector<Section> build_sections(std::vector<HeadingBlock>&& headings, std::size_t input_size) {
  std::vector<Section> out;
  out.reserve(headings.size());
  // Open sections, outermost first; a heading closes every open section of its level
  // or deeper. Each heading is pushed and popped once, so this is linear.
  std::vector<std::size_t> open;
  for (HeadingBlock& h : headings) {
    while (!open.empty() && out[open.back()].level >= h.level) {
      out[open.back()].end_of_section = h.span.start;
      open.pop_back();
    }
    Section s;
    s.id = out.size();
    s.level = h.level;
    s.title = std::move(h.title);
    if (!open.empty()) s.parent = open.back();
    s.span = h.span;
    s.confidence = h.confidence;
    open.push_back(s.id);
    out.push_back(std::move(s));
  }
  for (std::size_t id : open) out[id].end_of_section = input_size;
  return out;
}

std::optional<std::size_t> section_at(const std::vector<Section>& sections, std::size_t offset) {
  auto it = std::upper_bound(sections.begin(), sections.end(), offset,
                             [](std::size_t off, const Section& s) { return off < s.span.start; });
  if (it == sections.begin()) return std::nullopt;
  return static_cast<std::size_t>(it - sections.begin()) - 1;
}

}  // namespace essaykit::detail

namespace essaykit::detail {

std::vector<SectionCounts> count_per_section(const Document& d) {
  std::vector<SectionCounts> counts(d.sections.size());
  for (const List& l : d.lists)
    if (l.section && !l.parent_item) ++counts[*l.section].lists;
  for (const Footnote& f : d.footnotes)
    for (const FootnoteRef& r : f.refs)
      if (auto s = section_at(d.sections, r.span.start)) ++counts[*s].footnote_refs;
  return counts;
}

}  // namespace essaykit::detail
