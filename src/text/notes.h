// Footnotes in plain text: the readings of the references a labeller weighs, and the
// footnotes of the reading it chose.
//
// Whatever marks them — digits glued to the text with bare paragraphs at the end, [n]
// with numbered bodies, ¹ with "¹ …", [^name] with "[^name]: …", * or † with bodies
// that open with the symbol, back-link arrows — the references give a list of slots
// (the bodies expected, in order), and the line labeller decides where each body
// begins and ends with the same evidence: the body's own shape, its number or label,
// the words it shares with its reference, the lines around it. So a body's extent
// does not depend on which marker found it.
#ifndef ESSAYKIT_SRC_TEXT_NOTES_H
#define ESSAYKIT_SRC_TEXT_NOTES_H

#include <cstddef>
#include <vector>

#include "block_model.h"
#include "text/labeller.h"
#include "text/refs.h"

namespace essaykit::detail::text {

struct NoteReadings {
  std::vector<Candidate> candidates;
  std::vector<NoteHypothesis> hypotheses;
  // Per hypothesis: the candidates that are its references, each with its slot.
  std::vector<std::vector<std::pair<std::size_t, std::size_t>>> refs;
  std::size_t first_line = static_cast<std::size_t>(-1);  // the earliest line a body may begin on
};

// The readings of the references in the lines `scan` allows (not the title).
// `words` must hold the document's words from `NoteReadings::first_line` on; it is
// built by the caller once the readings say where that is (see reader.cpp).
NoteReadings find_note_readings(const TextDoc& doc, const std::vector<bool>& scan);
// The rare words around a reference: what its body will share with it.
std::vector<std::uint64_t> context_words(const TextDoc& doc, const Candidate& c);
// Fills each slot's context (the rare words around its first reference).
void add_contexts(const TextDoc& doc, NoteReadings& readings);

// The references of the reading the labeller chose (if any) into the block model, in
// document order. Emitted before the essay's structure and the bodies, whose headings'
// and items' texts leave them out (text_without_refs).
void emit_refs(const TextDoc& doc, const NoteReadings& readings, const Labels& labels, BlockModel& model);
// The bodies of that reading into the block model: bodies with their confidence, lists
// inside bodies, and the bodies' prose.
void emit_notes(const TextDoc& doc, const NoteReadings& readings, const Labels& labels, BlockModel& model);

// The input's bytes [from, to) without the references of `refs` (in document order) that
// lie inside them: an item "They go stale2" reads "They go stale", as its sentence does
// (prose_reading.cpp) and as a Markdown or HTML item does without its mark. A view of
// the input when none lies inside, else of `scratch`.
std::string_view text_without_refs(std::string_view in, std::size_t from, std::size_t to,
                                   const std::vector<RefSite>& refs, std::string& scratch);

}  // namespace essaykit::detail::text

#endif
