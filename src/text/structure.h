// From the labelled lines of a plain-text document to the block model: headings with
// their levels, lists with their nesting, and the prose blocks sentences come from.
#ifndef ESSAYKIT_SRC_TEXT_STRUCTURE_H
#define ESSAYKIT_SRC_TEXT_STRUCTURE_H

#include <vector>

#include "block_model.h"
#include "text/labeller.h"

namespace essaykit::detail::text {

// The essay's lines (not the footnotes: see notes.h). `decoded[i]`: line i was labelled.
void emit_structure(const TextDoc& doc, const Labels& labels, const std::vector<bool>& decoded, BlockModel& model);

}  // namespace essaykit::detail::text

#endif
