// The fitted weights (weights.inc) as a Model, and the text form of a model.
#include "text/model.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <string>

namespace essaykit::detail::text {
namespace {

constexpr std::string_view kTagNames[] = {"paragraph",  "heading",   "item",      "item_more", "code",
                                          "note_begin", "note_more", "note_item", "after"};
static_assert(std::size(kTagNames) == kTags);

constexpr std::string_view kNoteFeatureNames[] = {
#define ESSAYKIT_NOTE_FEATURE_NAME(name, doc) #name,
    ESSAYKIT_NOTE_FEATURES(ESSAYKIT_NOTE_FEATURE_NAME)
#undef ESSAYKIT_NOTE_FEATURE_NAME
};

// weights.inc is a list of rows in four kinds (see tools/fit/fit_text_model.py):
//   ESSAYKIT_EMIT(feature, plain|no_blank, w_paragraph, …, w_after)
//   ESSAYKIT_TRANSITION(from|start, to, w)
//   ESSAYKIT_FINAL(tag, w)
//   ESSAYKIT_NOTE(note_feature, w_begin, w_more, w_item)
//   ESSAYKIT_CALIBRATION(confidence_scale, evidence_weight, notes_threshold, body_scale, body_offset)
//   ESSAYKIT_LONE_HEADING(w)
// Each row names its feature, so a feature renamed or removed without refitting
// stops the build.
constexpr std::size_t kStart = kTags;
constexpr std::size_t kPlain = 0, kNoBlank = kBaseFeatures;
constexpr std::size_t paragraph = 0, heading = 1, item = 2, item_more = 3, code = 4, note_begin = 5, note_more = 6,
                      note_item = 7, after = 8, start = kStart;
constexpr std::size_t plain = kPlain, no_blank = kNoBlank;

enum class RowKind { emit, transition, final, note, calibration, lone_heading, lone_item, none };
struct Row {
  RowKind kind;
  std::size_t a, b;
  std::array<float, kTags> w;
};
#define ESSAYKIT_EMIT(f, kind, ...) Row{RowKind::emit, static_cast<std::size_t>(Feature::f) + kind, 0, {__VA_ARGS__}},
#define ESSAYKIT_TRANSITION(from, to, w) Row{RowKind::transition, from, to, {w}},
#define ESSAYKIT_FINAL(tag, w) Row{RowKind::final, tag, 0, {w}},
#define ESSAYKIT_NOTE(f, ...) Row{RowKind::note, static_cast<std::size_t>(NoteFeature::f), 0, {__VA_ARGS__}},
#define ESSAYKIT_CALIBRATION(...) Row{RowKind::calibration, 0, 0, {__VA_ARGS__}},
#define ESSAYKIT_LONE_HEADING(w) Row{RowKind::lone_heading, 0, 0, {w}},
#define ESSAYKIT_LONE_ITEM(w) Row{RowKind::lone_item, 0, 0, {w}},
constexpr Row kRows[] = {
#include "text/weights.inc"
    Row{RowKind::none, 0, 0, {}},  // (so that the table is never empty)
};
#undef ESSAYKIT_EMIT
#undef ESSAYKIT_TRANSITION
#undef ESSAYKIT_FINAL
#undef ESSAYKIT_NOTE
#undef ESSAYKIT_CALIBRATION
#undef ESSAYKIT_LONE_HEADING
#undef ESSAYKIT_LONE_ITEM

constexpr Model build_fitted() {
  Model m{};
  for (const Row& r : kRows) {
    switch (r.kind) {
      case RowKind::emit: m.emit[r.a] = r.w; break;
      case RowKind::transition: m.transition[r.a][r.b] = r.w[0]; break;
      case RowKind::final: m.final[r.a] = r.w[0]; break;
      case RowKind::note: m.note[r.a] = {r.w[0], r.w[1], r.w[2]}; break;
      case RowKind::calibration:
        m.confidence_scale = r.w[0];
        m.evidence_weight = r.w[1];
        m.notes_threshold = r.w[2];
        m.body_scale = r.w[3];
        m.body_offset = r.w[4];
        break;
      case RowKind::lone_heading: m.lone_heading = r.w[0]; break;
      case RowKind::lone_item: m.lone_item = r.w[0]; break;
      case RowKind::none: break;
    }
  }
  return m;
}
constexpr Model kFitted = build_fitted();

bool find_tag(std::string_view name, std::size_t& out, bool allow_start) {
  if (allow_start && name == "start") {
    out = kStart;
    return true;
  }
  for (std::size_t t = 0; t < kTags; ++t)
    if (kTagNames[t] == name) {
      out = t;
      return true;
    }
  return false;
}

}  // namespace

std::string_view tag_name(Tag t) { return kTagNames[static_cast<std::size_t>(t)]; }
std::string_view note_feature_name(NoteFeature f) { return kNoteFeatureNames[static_cast<std::size_t>(f)]; }

const Model& fitted_model() { return kFitted; }

std::string format_model(const Model& m) {
  std::string out, scratch;
  for (std::size_t r = 0; r < kFeatureRows; ++r)
    for (std::size_t t = 0; t < kTags; ++t)
      if (m.emit[r][t] != 0)
        fmt::format_to(std::back_inserter(out), "emit {} {} {}\n", feature_name(r, scratch), kTagNames[t], m.emit[r][t]);
  for (std::size_t f = 0; f <= kTags; ++f)
    for (std::size_t t = 0; t < kTags; ++t)
      if (m.transition[f][t] != 0)
        fmt::format_to(std::back_inserter(out), "transition {} {} {}\n", f == kStart ? "start" : kTagNames[f],
                       kTagNames[t], m.transition[f][t]);
  for (std::size_t t = 0; t < kTags; ++t)
    if (m.final[t] != 0) fmt::format_to(std::back_inserter(out), "final {} {}\n", kTagNames[t], m.final[t]);
  for (std::size_t f = 0; f < kNoteFeatures; ++f)
    for (std::size_t t = 0; t < 3; ++t)
      if (m.note[f][t] != 0)
        fmt::format_to(std::back_inserter(out), "note {} {} {}\n", kNoteFeatureNames[f], kTagNames[t + 5], m.note[f][t]);
  fmt::format_to(std::back_inserter(out), "calibration {} {} {} {} {}\n", m.confidence_scale, m.evidence_weight,
                 m.notes_threshold, m.body_scale, m.body_offset);
  if (m.lone_heading != 0) fmt::format_to(std::back_inserter(out), "lone_heading {}\n", m.lone_heading);
  if (m.lone_item != 0) fmt::format_to(std::back_inserter(out), "lone_item {}\n", m.lone_item);
  return out;
}

std::string parse_model(std::string_view text, Model& m) {
  m = Model{};
  std::string scratch;
  std::size_t line_no = 0;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    std::string_view line = trim(text.substr(0, nl));
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    std::string_view words[7];
    std::size_t n = 0;
    while (!line.empty() && n < 7) {
      const std::size_t sp = line.find(' ');
      words[n++] = line.substr(0, sp);
      line = sp == std::string_view::npos ? std::string_view{} : trim(line.substr(sp + 1));
    }
    auto bad = [&](std::string_view why) { return fmt::format("line {}: {}", line_no, why); };
    float nums[5] = {0, 0, 0, 0, 0};
    const std::size_t numeric = words[0] == "calibration" ? 5 : 1;
    if (n < numeric + 1) return bad("too few fields");
    for (std::size_t k = 0; k < numeric; ++k) {
      const std::string str(words[n - numeric + k]);
      char* end = nullptr;
      nums[k] = std::strtof(str.c_str(), &end);
      if (end == str.c_str() || *end != '\0') return bad("not a number");
      // (The decode adds weights times features and skips the features that are zero,
      // which is the same sum only when every weight is finite.)
      if (!std::isfinite(nums[k])) return bad("not a finite number");
    }
    const float w = nums[0];
    std::size_t a = 0, b = 0;
    if (words[0] == "emit" && n == 4) {
      std::size_t row = kFeatureRows;
      for (std::size_t r = 0; r < kFeatureRows; ++r)
        if (feature_name(r, scratch) == words[1]) row = r;
      if (row == kFeatureRows) return bad("unknown feature");
      if (!find_tag(words[2], b, false)) return bad("unknown tag");
      m.emit[row][b] = w;
    } else if (words[0] == "transition" && n == 4) {
      if (!find_tag(words[1], a, true) || !find_tag(words[2], b, false)) return bad("unknown tag");
      m.transition[a][b] = w;
    } else if (words[0] == "final" && n == 3) {
      if (!find_tag(words[1], b, false)) return bad("unknown tag");
      m.final[b] = w;
    } else if (words[0] == "note" && n == 4) {
      std::size_t f = kNoteFeatures;
      for (std::size_t k = 0; k < kNoteFeatures; ++k)
        if (kNoteFeatureNames[k] == words[1]) f = k;
      if (f == kNoteFeatures) return bad("unknown note feature");
      if (!find_tag(words[2], b, false) || b < 5 || b > 7) return bad("not a note tag");
      m.note[f][b - 5] = w;
    } else if (words[0] == "lone_heading" && n == 2) {
      m.lone_heading = w;
    } else if (words[0] == "lone_item" && n == 2) {
      m.lone_item = w;
    } else if (words[0] == "calibration" && n == 6) {
      m.confidence_scale = nums[0];
      m.evidence_weight = nums[1];
      m.notes_threshold = nums[2];
      m.body_scale = nums[3];
      m.body_offset = nums[4];
    } else {
      return bad("expected emit, transition, final, note, calibration, lone_heading or lone_item");
    }
  }
  return {};
}

}  // namespace essaykit::detail::text
