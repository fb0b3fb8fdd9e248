// The weights of the plain-text model: what each feature says for each label, how
// labels follow each other, and what the footnote evidence weighs. Fitted by
// tools/fit/fit_text_model.py (a structured perceptron over annotated posts, reported
// by leave-one-blog-out cross-validation) and compiled in from weights.inc; a
// developer build can load another set from a file to measure it.
#ifndef ESSAYKIT_SRC_TEXT_MODEL_H
#define ESSAYKIT_SRC_TEXT_MODEL_H

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "text/features.h"

namespace essaykit::detail::text {

// What a line is. Lines that are blank, the title, a subtitle, and rules (===, ---,
// * * *) are set aside before labelling; every other line gets one of these.
enum class Tag : std::uint8_t {
  paragraph,   // prose
  heading,     // a section heading
  item,        // the first line of a list item
  item_more,   // a line inside a list that is not an item (an item's second paragraph)
  code,        // code, a table row, command output, a formula
  note_begin,  // the first line of footnote body k
  note_more,   // a further line of body k: another paragraph, a code line, a quotation
  note_item,   // an item of a list inside body k
  after,       // after the notes: reader comments, share and subscribe lines, link lists
  count_
};
constexpr std::size_t kTags = static_cast<std::size_t>(Tag::count_);
constexpr std::size_t kEssayTags = 5;  // paragraph .. code: the tags of the essay itself
inline bool is_note(Tag t) { return t == Tag::note_begin || t == Tag::note_more || t == Tag::note_item; }
std::string_view tag_name(Tag t);

// Evidence that ties a line to footnote k (the k-th body expected): scored for the
// three note tags.
#define ESSAYKIT_NOTE_FEATURES(X)                                                                   \
  X(similarity, "log(1 + the weight of the rare words the line shares with the text around reference k)") \
  X(no_shared_word, "the line shares no rare word with the text around reference k")                \
  X(share_of_line, "the share of the line's rare-word weight that the text around reference k holds") \
  X(number_is_k, "the line opens with k as a note number (k. / k) )")                               \
  X(bracketed_is_k, "the line opens with k in brackets or superscript ([k], ^k, ¹)")               \
  X(number_not_k, "the line opens with a note number other than k")                                 \
  X(name_is_k, "the line opens with reference k's label or symbol ([^name]:, †)")                   \
  X(name_not_k, "the line opens with another note's label or symbol")                              \
  X(best_match, "of all references in reach, the line shares most with reference k")

enum class NoteFeature : std::uint8_t {
#define ESSAYKIT_NOTE_FEATURE_ENUM(name, doc) name,
  ESSAYKIT_NOTE_FEATURES(ESSAYKIT_NOTE_FEATURE_ENUM)
#undef ESSAYKIT_NOTE_FEATURE_ENUM
      count_
};
constexpr std::size_t kNoteFeatures = static_cast<std::size_t>(NoteFeature::count_);
std::string_view note_feature_name(NoteFeature f);

struct Model {
  // Feature row → tag. The `after` column holds, added to the perceptron's weights, the
  // log likelihood ratios of a reader's comment's cues (tools/fit: calibrate_after_matter).
  std::array<std::array<float, kTags>, kFeatureRows> emit{};
  std::array<std::array<float, kTags>, kTags + 1> transition{};    // from tag (kTags: the start) → tag
  std::array<float, kTags> final{};                                // tag of the last line
  std::array<std::array<float, 3>, kNoteFeatures> note{};          // note feature → begin, more, item
  float confidence_scale = 1.0f;  // confidence = logistic(scale × the margin of a label)
  float evidence_weight = 1.0f;   // what the references' own evidence weighs beside the bodies' fit
  float notes_threshold = 1.0f;   // a reading of the references must beat "no notes" by this much
  // A body's confidence = logistic(body_scale × its margin + body_offset), its margin
  // being how much worse the best labelling is that moves where it begins or ends. A
  // margin is never negative, so without the offset no body would be under 0.5; both
  // are fitted to how often a body with such a margin is placed exactly right.
  float body_scale = 1.0f;
  float body_offset = 0.0f;
  // What a labelling scores when exactly one line of the essay is a heading. A post's
  // headings come as a set that divides it; a line alone set apart between paragraphs
  // (an exclamation, a pull quote, a call to action at the end) is more often no
  // heading, so one heading must carry this on its own evidence (see
  // Labeller::settle_lone_heading). Fitted with the essay's weights.
  float lone_heading = 0.0f;
  // What a labelling scores for each item that stands alone: no item or item's further
  // line just before or after it, and no list marker of its own. A list holds two items
  // or more in most posts; a line read as an item alone between paragraphs is more often a
  // paragraph, so it must carry this on its own evidence (Labeller::settle_lone_items).
  // Set from the annotated lists' own counts (tools/fit); 0: no such weight.
  float lone_item = 0.0f;
};

// The weights fitted on the annotated posts (weights.inc).
const Model& fitted_model();

// A model as text, one weight a line ("emit ends_colon_nb heading -1.25"), and back:
// what the fitting tool writes and a developer build reads. Returns "" or an error.
std::string format_model(const Model& model);
std::string parse_model(std::string_view text, Model& model);

}  // namespace essaykit::detail::text

#endif
