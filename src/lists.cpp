// The lists pass.
#include "passes.h"

namespace essaykit::detail {

std::vector<List> place_lists(std::vector<ListBlock>&& lists, const std::vector<Section>& sections) {
  std::vector<List> out;
  out.reserve(lists.size());
  for (ListBlock& b : lists) {
    List l;
    l.id = out.size();
    l.ordered = b.ordered;
    l.section = section_at(sections, b.span.start);
    l.parent_item = b.parent_item;
    l.span = b.span;
    l.items = std::move(b.items);
    l.confidence = b.confidence;
    out.push_back(std::move(l));
  }
  return out;
}

}  // namespace essaykit::detail
