// The lists pass.
#include <algorithm>
#include <numeric>

#include "passes.h"

namespace essaykit::detail {

std::vector<List> place_lists(std::vector<ListBlock>&& lists, const std::vector<Section>& sections) {
  // Lists in document order, as the contract says, whatever order the reader found them in:
  // cmark-gfm moves the footnote definitions to the end of its tree, so a list inside a
  // definition written mid-document came out after the lists below it. (Stable: a nested
  // list starts after its parent's start, never before it.)
  std::vector<std::size_t> order(lists.size()), id_of(lists.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return lists[a].span.start < lists[b].span.start; });
  for (std::size_t k = 0; k < order.size(); ++k) id_of[order[k]] = k;
  std::vector<List> out;
  out.reserve(lists.size());
  for (std::size_t k : order) {
    ListBlock& b = lists[k];
    List l;
    l.id = out.size();
    l.ordered = b.ordered;
    l.section = section_at(sections, b.span.start);
    l.parent_item = b.parent_item;
    if (l.parent_item && l.parent_item->list < id_of.size()) l.parent_item->list = id_of[l.parent_item->list];
    l.span = b.span;
    l.items = std::move(b.items);
    l.confidence = b.confidence;
    out.push_back(std::move(l));
  }
  return out;
}

}  // namespace essaykit::detail
