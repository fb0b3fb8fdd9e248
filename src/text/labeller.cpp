// The line labeller (see labeller.h).
#include "text/labeller.h"

#include <algorithm>
#include <cassert>
#include <iterator>
#include <cmath>
#include <limits>
#include <optional>
#include <type_traits>
#include <unordered_map>

// The decode's per-state steps are small lambdas called for every state of every line;
// GCC at -O2 leaves them as calls, which cost more than their bodies.
#if defined(__GNUC__)
#define ESSAYKIT_ALWAYS_INLINE __attribute__((always_inline))
#else
#define ESSAYKIT_ALWAYS_INLINE
#endif

namespace essaykit::detail::text {
namespace {

constexpr std::size_t kStart = kTags;
constexpr std::size_t kBegin = static_cast<std::size_t>(Tag::note_begin);
constexpr std::size_t kMore = static_cast<std::size_t>(Tag::note_more);
constexpr std::size_t kAfter = static_cast<std::size_t>(Tag::after);
constexpr double kNone = -std::numeric_limits<double>::infinity();
constexpr std::size_t kNoPosition = static_cast<std::size_t>(-1);

float sigmoid(double x) { return static_cast<float>(1.0 / (1.0 + std::exp(-x))); }

}  // namespace

BodyOpening opening_of(std::string_view t) {
  BodyOpening o;
  const NoteMarker m = parse_note_marker(t);
  o.number = m.value;
  o.bracketed = m.bracketed;
  if (starts_with(t, "[^")) {
    const std::size_t close = t.find("]:");
    if (close != std::string_view::npos && close > 2) o.name = t.substr(2, close - 2);
  } else {
    for (std::string_view sym : {"*", "\xE2\x80\xA0", "\xE2\x80\xA1", "\xC2\xA7"}) {
      if (!starts_with(t, sym)) continue;
      std::size_t e = sym.size();
      while (t.substr(e, sym.size()) == sym && e < 3 * sym.size()) e += sym.size();
      if (e < t.size() && t[e] == ' ') o.name = t.substr(0, e);
      break;
    }
  }
  return o;
}

namespace {

constexpr std::uint32_t tag_bit(Tag t) { return std::uint32_t{1} << static_cast<unsigned>(t); }
constexpr std::uint32_t kAnyTag = (std::uint32_t{1} << kTags) - 1;
constexpr std::uint32_t kEssayTagBits = (std::uint32_t{1} << kEssayTags) - 1;  // paragraph .. code

// What the markup of the headings leaves a line (see tags_the_rules_leave): in a text that
// marks its headings with '#' (TextDoc::atx_level), a marked line is a heading (or, past the
// notes, after-matter: "## Comments", where a heading alone would leave no room for the notes
// before it), and any other line is no heading, as in Markdown, but for an underlined one.
// Likewise in a text that underlines its headings (TextDoc::underlines_headings): a line
// underlined so is a heading (or after-matter), a line with no rule beside it none. In a text
// that marks neither, the evidence decides: `no_heading` (see tags_the_rules_leave).
std::uint32_t tags_for_markup(const TextDoc& doc, std::size_t line, bool no_heading) {
  if (doc.underlines_headings) {
    // (A heading that reads as code, "ThreadId(1)", is a heading still. A Markdown file that
    // opens on a setext title marks its third level with '###'; a rule of another kind under a
    // line marks it in some way of its own. An underlined line in a run of list markers is
    // left to the markers: see the constructor.)
    if (underlined(doc, line)) return tag_bit(Tag::heading) | tag_bit(Tag::after);
    if (atx_marks(doc.text(line)) > 0) return kAnyTag;
    return over_a_rule(doc, line) ? kAnyTag : kAnyTag & ~tag_bit(Tag::heading);
  }
  // (Where the text marks or underlines its headings, a line is a heading only when it is
  // marked, or stands over a rule: the markup decides.)
  if (doc.atx_level.empty()) return no_heading ? kAnyTag & ~tag_bit(Tag::heading) : kAnyTag;
  if (doc.atx_level[line] > 0) return tag_bit(Tag::heading) | tag_bit(Tag::after);
  return underline_level(doc, line) > 0 ? kAnyTag : kAnyTag & ~tag_bit(Tag::heading);
}

// The tags the constructor's rules leave a line that does not name the notes (see the
// constructor's `rules`; one that does is a heading): what the headings' markup leaves it
// (tags_for_markup), where the text marks no heading none for a line that is an image's file
// name or an address alone, or a line of two words or more that the text holds three times
// or more (FeatureExtractor::times_written); an image's file name alone is no item either,
// whatever the markup. (A line that names the comments is the constructor's: no note's line,
// and where the notes may end.)
std::uint32_t tags_the_rules_leave(const TextDoc& doc, const FeatureExtractor& features, std::size_t line) {
  const std::string_view t = doc.text(line);
  const bool one_word = doc.shape[line].words <= 1;
  const bool image = one_word && names_an_image(t);
  const bool no_heading = one_word ? image || is_bare_address(t) : features.times_written(line) >= 3;
  std::uint32_t left = tags_for_markup(doc, line, no_heading);
  if (image) left &= ~(tag_bit(Tag::item) | tag_bit(Tag::note_item));
  return left;
}

// `allowed` without a heading or an item (of the essay or of a note), and with paragraph
// and code where that leaves no tag of the essay: what a program's lines may be.
std::uint32_t no_item_or_heading(std::uint32_t allowed) {
  allowed &= ~(tag_bit(Tag::heading) | tag_bit(Tag::item) | tag_bit(Tag::item_more) | tag_bit(Tag::note_item));
  return allowed & kEssayTagBits ? allowed : allowed | tag_bit(Tag::paragraph) | tag_bit(Tag::code);
}

// The lines of a program the Labeller's rules see, as bits per line (empty where blank
// lines do not set the blocks apart: then a block says nothing). A block is its lines up
// to a blank one (a title or a rule line inside it, which the decode sets aside, does not
// end it).
// - kSessionOutput, the session rule: the lines after a command at a prompt, to the end of
//   its block, are its output (or more commands).
// - kUnderKey, the keys' rule: what a bare key opens ("env:", "before_install:"): the lines
//   after it indented deeper than the key, and its "- " entries at the key's margin (YAML
//   writes a sequence so), up to the first other line at or left of that margin, at most to
//   the end of its block. (Keys nest, "env:" over "  global:": the region is the outermost
//   key's.) Only in a text where what some key opens shows a program: a key nested under it,
//   or a line that reads as code. A one-word lead-in written in lower case ("pros:" over
//   "- fast") opens prose.
constexpr std::uint8_t kSessionOutput = 1, kUnderKey = 2;
std::vector<std::uint8_t> program_regions(const TextDoc& doc, const FeatureExtractor& features) {
  if (!doc.blank_separated) return {};
  std::vector<std::uint8_t> region(doc.lines.size(), 0);
  bool session = false;  // a command at a prompt opened the block
  int key_indent = -1;   // the open key's indentation, or -1 for none
  bool program = false;  // what a key opens shows a program somewhere in the text
  for (std::size_t i = 0; i < doc.lines.size(); ++i) {
    const TextLine& l = doc.lines[i];
    if (l.blank) {
      session = false;
      key_indent = -1;
      continue;
    }
    const std::string_view t = doc.text(i);
    if (session) region[i] |= kSessionOutput;
    session = session || opens_at_a_prompt(t);
    const bool key = is_bare_key(t);
    if (key_indent >= 0) {
      if (l.indent > key_indent || (l.indent == key_indent && t.substr(0, 2) == "- ")) {
        region[i] |= kUnderKey;
        program = program || key || features.line_reads_as_code(i);
      } else {
        key_indent = -1;
      }
    }
    if (key) key_indent = key_indent < 0 ? l.indent : std::min(key_indent, l.indent);
  }
  if (!program)
    for (std::uint8_t& r : region) r &= static_cast<std::uint8_t>(~kUnderKey);
  return region;
}

// Line i, at the margin, opens with a bracketed number ("[1] "), or a note's name or symbol:
// that note's beginning, whatever it reads as. ("1. " may number a listing's lines, " * " a
// comment's: no such opening.)
bool opens_a_note(const TextDoc& doc, std::size_t i) {
  if (doc.lines[i].indent != 0) return false;
  const BodyOpening o = opening_of(doc.text(i));
  return o.bracketed || !o.name.empty();
}

// Does line i, at any indent, open as a numbered note's prose does: "[2] " or "2. ", then a
// word, and no code's ending (';', ',', '{', '}')? A copy may indent a body as it indents the
// code before it ("  [2] Java lets you …", "   2. Java …"), and being indented does not keep
// such a line in a run of code. ("2) " is as often a shell's case arm, "[0] = …" an
// initialiser, " * " a comment's line: none of them opens so.)
bool opens_like_a_note(const TextDoc& doc, std::size_t i) {
  const std::string_view t = doc.text(i);
  const NoteMarker m = parse_note_marker(t);  // (the marker and the blanks after it)
  if (m.value <= 0 || m.length >= t.size()) return false;
  const std::string_view marker = trim(t.substr(0, m.length));
  if (marker.size() == m.length || (marker.back() != ']' && marker.back() != '.')) return false;
  const char first = t[m.length], last = doc.shape[i].last;
  return (is_ascii_alpha(first) || static_cast<unsigned char>(first) >= 0x80) && last != ';' && last != ',' &&
         last != '{' && last != '}';
}

// Does line i go on as prose after its note marker, whatever the marker ("[2] Java …",
// "^2 “Nearly,” …", "² Java …")? A blank after the marker, then no figure and no code's
// symbol: "[1] 40213", a shell's job, and "[1] 2.5", R's answer, do not. (Its end says
// nothing: a wrapped body's first line may stop on a comma.)
bool prose_after_marker(const TextDoc& doc, std::size_t i) {
  const std::string_view t = doc.text(i);
  const NoteMarker m = parse_note_marker(t);
  if (m.value <= 0 || m.length >= t.size() || trim(t.substr(0, m.length)).size() == m.length) return false;
  const char first = t[m.length];
  return !is_ascii_digit(first) && std::string_view("=;{}<>|&$#%+*/\\-.,").find(first) == std::string_view::npos;
}

// Is line i a back-link arrow and nothing else ("↩︎", or one for each reference: "↩︎ ↩︎")?
bool lone_arrow(const TextDoc& doc, std::size_t i) { return doc.shape[i].backlink && doc.shape[i].words == 0; }

// Does line i read as a sentence of prose by its shape: it opens on a capital letter (not a
// digit, not a symbol), carries no list marker, has six words or more and a stop at its end?
// (Whether its words are code's is the features' to say: see the rule of code led into.)
bool shaped_as_a_sentence(const TextDoc& doc, std::size_t i) {
  const LineShape& shape = doc.shape[i];
  const std::string_view t = doc.text(i);
  return !t.empty() && is_ascii_upper(t.front()) && doc.lines[i].marker.kind == MarkerKind::none &&
         shape.closes_sentence && shape.words >= 6;
}

}  // namespace

ModelSums::ModelSums()
    : emit(kFeatureRows * kTags, 0.0), transition((kTags + 1) * kTags, 0.0), final(kTags, 0.0), note(kNoteFeatures * 3, 0.0) {}

void ModelSums::add(const ModelSums& o, double scale) {
  for (std::size_t k = 0; k < emit.size(); ++k) emit[k] += scale * o.emit[k];
  for (std::size_t k = 0; k < transition.size(); ++k) transition[k] += scale * o.transition[k];
  for (std::size_t k = 0; k < final.size(); ++k) final[k] += scale * o.final[k];
  for (std::size_t k = 0; k < note.size(); ++k) note[k] += scale * o.note[k];
  evidence += scale * o.evidence;
  notes_bias += scale * o.notes_bias;
}

double ModelSums::dot(const ModelSums& o) const {
  double d = evidence * o.evidence + notes_bias * o.notes_bias;
  for (std::size_t k = 0; k < emit.size(); ++k) d += emit[k] * o.emit[k];
  for (std::size_t k = 0; k < transition.size(); ++k) d += transition[k] * o.transition[k];
  for (std::size_t k = 0; k < final.size(); ++k) d += final[k] * o.final[k];
  for (std::size_t k = 0; k < note.size(); ++k) d += note[k] * o.note[k];
  return d;
}

void ModelSums::keep_essay_part(bool essay) {
  auto essay_tag = [](std::size_t t) { return t < kEssayTags; };
  for (std::size_t r = 0; r < kFeatureRows; ++r)
    for (std::size_t t = 0; t < kTags; ++t)
      if (essay_tag(t) != essay) emit[r * kTags + t] = 0;
  for (std::size_t f = 0; f <= kTags; ++f)
    for (std::size_t t = 0; t < kTags; ++t) {
      const bool essay_weight = essay_tag(t) && (f == kStart || essay_tag(f));
      if (essay_weight != essay) transition[f * kTags + t] = 0;
    }
  for (std::size_t t = 0; t < kTags; ++t)
    if (essay_tag(t) != essay) final[t] = 0;
  if (essay) {
    std::fill(note.begin(), note.end(), 0.0);
    evidence = notes_bias = 0;
  }
}

void ModelSums::store(Model& m) const {
  for (std::size_t r = 0; r < kFeatureRows; ++r)
    for (std::size_t t = 0; t < kTags; ++t) m.emit[r][t] = static_cast<float>(emit[r * kTags + t]);
  for (std::size_t f = 0; f <= kTags; ++f)
    for (std::size_t t = 0; t < kTags; ++t) m.transition[f][t] = static_cast<float>(transition[f * kTags + t]);
  for (std::size_t t = 0; t < kTags; ++t) m.final[t] = static_cast<float>(final[t]);
  for (std::size_t f = 0; f < kNoteFeatures; ++f)
    for (std::size_t t = 0; t < 3; ++t) m.note[f][t] = static_cast<float>(note[f * 3 + t]);
  m.evidence_weight = static_cast<float>(evidence);
  m.notes_threshold = static_cast<float>(-notes_bias);
}

// A state of the notes region: body k (tag 0 begin, 1 more, 2 item) or after the
// notes (tag 3, k = number of bodies). `back` indexes the previous position's states,
// or is -1 - e for "entered body 0 from essay tag e".
struct Labeller::NoteState {
  std::uint32_t k;
  // (Not a byte, which takes no more room here: a store to a byte may alias any object, so
  // the compiler read every table of the decode again after each state it wrote.)
  std::uint32_t tag;
  float score;
  std::int32_t back;
};

Labeller::Labeller(const TextDoc& doc, const FeatureExtractor& features, const Model& model, const WordIndex& words,
                   std::vector<bool> decoded, bool rules)
    : doc_(doc), rules_(rules), features_(features), model_(model), words_(words) {
  for (std::size_t r = 0; r < kFeatureRows; ++r) note_evidence_[r] = is_note_evidence(r);
  for (std::size_t f = 0; f <= kTags; ++f)
    for (std::size_t e = 0; e < kEssayTags; ++e) {
      const bool orphan = e == static_cast<std::size_t>(Tag::item_more) && f != static_cast<std::size_t>(Tag::item) &&
                          f != static_cast<std::size_t>(Tag::item_more);
      essay_transition_[f][e] = orphan ? -std::numeric_limits<float>::infinity() : model_.transition[f][e];
    }
  line_of_.reserve(static_cast<std::size_t>(std::count(decoded.begin(), decoded.end(), true)));
  for (std::size_t i = 0; i < decoded.size(); ++i)
    if (decoded[i]) line_of_.push_back(i);
  emit_.resize(line_of_.size());
  // The regions of the session and keys' rules (see program_regions).
  const std::vector<std::uint8_t> program = rules ? program_regions(doc_, features_) : std::vector<std::uint8_t>{};
  const std::vector<bool> broken = rules ? sentences_broken(doc_) : std::vector<bool>(doc_.lines.size(), false);
  std::vector<std::uint16_t> rows;
  bool led_code = false, code_before = false, notes_before = false;  // the rule of code led into: line p - 1's
  int led_margin = 0;  // the indent of the lead-in of the run of code led into
  for (std::size_t p = 0; p < line_of_.size(); ++p) {
    rows.clear();
    features_.line(line_of_[p], rows);
    std::array<float, kTags> e{};
    bool marker_sequence = false;  // (the feature says what in_marker_sequence would: not asked again)
    bool code_words = false;       // reads as code by its symbols or its names (for sentence_after below)
    for (std::uint16_t r : rows) {
      for (std::size_t t = 0; t < kTags; ++t) e[t] += model_.emit[r][t];  // (zero for note tags off their evidence; `after` has counted cues too)
      const auto f = static_cast<Feature>(r % kBaseFeatures);
      marker_sequence = marker_sequence || f == Feature::marker_sequence;
      code_words = code_words || f == Feature::code_mid || f == Feature::code_high || f == Feature::has_identifier;
    }
    std::uint32_t by_markers = kAnyTag;
    if (marker_sequence)
      for (Tag t : {Tag::heading, Tag::paragraph, Tag::code, Tag::item_more, Tag::note_more, Tag::after})
        by_markers &= ~tag_bit(t);
    // (Below a line that names the comments, which no body reaches past, a list is the
    // comments' as well as the essay's: with the rule of that line and this one both, such a
    // list left no reading of the notes a place, and every note was lost.)
    if (marker_sequence && rules && !comments_headings_.empty()) by_markers |= tag_bit(Tag::after);
    std::uint32_t allowed = kAnyTag;
    // (Not as one of the lines that go on alike under a lead-in, unless a note's number or
    // name opens the line under it: "Notes" among the items under "… four piles:" is an item,
    // but over "1. …" it heads the notes whatever the lines above it.)
    const bool names_notes = rules && names_the_notes(doc_, line_of_[p]) &&
                             (!features_.in_lead_in_run(line_of_[p]) || notes_open_below(line_of_[p]));
    if (names_notes) {
      notes_heading_ = p;
      allowed = tag_bit(Tag::heading);
    } else if (rules) {
      allowed = tags_the_rules_leave(doc_, features_, line_of_[p]);
      // The rule of a broken sentence: a line that goes on with the sentence the line
      // before broke (sentences_broken) begins no item and heads nothing. Not among the
      // lines a lead-in opens (in_lead_in_run), whose items may run so, nor over an
      // underline, where the markup decides ("lift.do" over "=======" heads its part).
      const std::size_t line = line_of_[p];
      if (broken[line] && !features_.in_lead_in_run(line) && !underlined(doc_, line))
        allowed &= ~(tag_bit(Tag::heading) | tag_bit(Tag::item) | tag_bit(Tag::note_item));
      // Nor does a line that goes on with the sentence the line above left open, in a text
      // wrapped at a width (wraps_on), begin a note: a body's sentence does not begin in the
      // middle of another's (a wrapped note's second line, "summarise to a friend …" under "1
      // The trigger was … I could not", began note 2 where no blank line parts the notes).
      if (wraps_on(line)) allowed &= ~tag_bit(Tag::note_begin);
      // The rule of the references' heading (below the notes, it heads what follows them),
      // within what the text's own markup of headings leaves.
      if (heads_a_reference_list(p))
        if (const std::uint32_t narrowed = allowed & (tag_bit(Tag::heading) | tag_bit(Tag::after))) allowed = narrowed;
      // (A line that names the comments is no note's line: no body of the annotated copies
      // holds one; it heads the essay's last section or what follows the notes.)
      if (names_the_comments(doc_, line_of_[p])) {
        allowed &= ~(tag_bit(Tag::note_begin) | tag_bit(Tag::note_more) | tag_bit(Tag::note_item));
        comments_headings_.push_back(p);
      }
    }
    const std::uint8_t region = program.empty() ? 0 : program[line_of_[p]];
    // (In a session a line the headings' markup would make a heading, "# apt install foo"
    // after "$ sudo -i" in a text that marks its headings with '#', is output too: what it
    // prints or types, prose or code. Only the rule of the notes' heading goes first.)
    if (region & kSessionOutput && !names_notes) allowed = no_item_or_heading(allowed);
    const std::uint32_t ruled = allowed;  // (what the rules leave, before the markers)
    allowed &= by_markers;
    // (Where the rules and the markers leave a line no tag of the essay, the markers decide:
    // a line with none would leave the labelling without notes at minus infinity, and one
    // with no tag at all every labelling. So a numbered line run in sequence under a command
    // is an item still.)
    if ((allowed & kEssayTagBits) == 0) allowed = by_markers;
    // (Under a key the "- " entries are YAML's, whatever their run of bullets says: the
    // tags the markers took go back, the notes' too, so that such entries in a body or in a
    // comment keep the notes' reading. A number in sequence keeps its list: "release:" over
    // "  1. tag the commit".)
    // (A line that names the notes stands at the margin, never under a key.)
    if (region & kUnderKey) {
      if (marker_sequence && doc_.lines[line_of_[p]].marker.kind != MarkerKind::bullet) {
        allowed &= ~tag_bit(Tag::heading);
      } else {
        if (marker_sequence) allowed |= tag_bit(Tag::note_more) | tag_bit(Tag::after);
        allowed = no_item_or_heading(allowed);
      }
    }
    const std::array<float, kTags> unmasked = e;
    for (std::size_t t = 0; t < kTags; ++t)
      if (!(allowed >> t & 1)) e[t] = -std::numeric_limits<float>::infinity();
    // The rule of code led into (see labeller.h): code that a line ending in ':' opens
    // begins no body, and as a body's further line weighs what it weighs as the essay's code.
    // ("Notes:" names the notes and leads into none: the first body may begin under it, and
    // must where the notes' rule holds. A line that opens a note, opens_a_note, is that
    // note's beginning, whatever it reads as, and ends the run. The run goes on over lines
    // indented deeper than its lead-in, which a browser's copy of a code block keeps, but
    // for a numbered note's opening (opens_like_a_note), which ends it; and a line ending in
    // an opening bracket over a deeper indent opens a run: "interface User {" over
    // "  firstName: string" reads as prose word by word, as does a header just after the
    // lead-in over code indented deeper, "case "$n" in" over "  1) echo one ;;". A run that
    // ends does not begin again without another lead-in.)
    const std::size_t i = line_of_[p];
    const bool margin_note = rules && opens_a_note(doc_, i);
    // (Asked only inside a run, where it decides: led_code holds only with the rules.)
    const bool note_opening = led_code && (margin_note || opens_like_a_note(doc_, i));
    // (A sentence of prose at the lead-in's margin, with few symbols and no name from code,
    // follows the code, whatever call or assignment it makes: "Brackets call test(1), so x = y
    // inside them compares strings." ends the run. Not a list's item, "2. bar() holds a lock
    // …", nor code that ends on a stop, "Result = lists:map(…)." or "Console.WriteLine(x); …
    // return x + y.")
    const bool sentence_after = led_code && doc_.lines[i].indent <= led_margin && !code_words &&
                                shaped_as_a_sentence(doc_, i);
    const bool code_here = rules && !margin_note && !sentence_after &&
                           (features_.line_reads_as_code(i) ||
                            (led_code && doc_.lines[i].indent > led_margin && !note_opening) ||
                            opens_an_indented_block(p) || heads_indented_code(p));
    const bool led_starts = !led_code && code_here && !code_before && !notes_before && led_in(p);
    if (led_starts) led_margin = doc_.lines[line_of_[p - 1]].indent;
    const bool after_led_code = led_code && !code_here && !note_opening;
    led_code = code_here && (led_code || led_starts);
    code_before = code_here;
    // (The line after the run: a body's prose after its code weighs at least as the essay's
    // prose would, so that the body may go on where the code's explanation does. The weights,
    // fitted on bodies of one line, score such a line far below as a further line. Not a line
    // that opens as a note does: that begins the next body, or is the code's.)
    if (after_led_code) {
      const float as_prose = e[static_cast<std::size_t>(Tag::paragraph)];
      if (std::isfinite(as_prose) && std::isfinite(e[kMore])) e[kMore] = std::max(e[kMore], as_prose);
    }
    notes_before = names_notes;
    if (led_code) {
      e[kBegin] = -std::numeric_limits<float>::infinity();
      // (Lines in a marker sequence indented inside the run are the code's, a case statement's
      // arms "  1) echo one ;;", "  2) echo two ;;", not a list in the body: there the markers do
      // not take away what the run gives, as under a key. A browser's copy indents a code
      // block's lines, not a list's items: "1. foo() allocates …" at the lead-in's margin
      // stays an item.)
      constexpr auto kCode = static_cast<std::size_t>(Tag::code);
      float as_code = e[kCode];
      if (marker_sequence && doc_.lines[i].indent > led_margin) {
        if (ruled >> kMore & 1) e[kMore] = unmasked[kMore];
        if (ruled >> kCode & 1) as_code = unmasked[kCode];
      }
      // (Within the run, also the step from the line before: a long block in a body must not
      // cost it, line by line, a step the same block in the essay does not pay. The fit learns
      // note_more -> note_more from bodies of prose; in a held-out copy the 14 steps inside a
      // body's 15 lines of code cost it 27 against the essay's code, more than its bodies'
      // similarity won. The perceptron still counts that step on these lines, where the bound
      // decides their score, as it counts their own emission under the bound above.)
      // (led_starts: the run's first line, whose step is from its lead-in.)
      if (!led_starts) as_code += std::max(0.0f, model_.transition[kCode][kCode] - model_.transition[kMore][kMore]);
      if (std::isfinite(as_code) && std::isfinite(e[kMore])) e[kMore] = std::max(e[kMore], as_code);
    }
    emit_[p] = e;
  }
  // What opens each line a body may begin on, read once for all the readings' decodes.
  if (!words_.empty()) {
    opening_from_ = static_cast<std::size_t>(
        std::lower_bound(line_of_.begin(), line_of_.end(), words_.from_line()) - line_of_.begin());
    for (std::size_t p = opening_from_; p < line_of_.size(); ++p) opening_.push_back(opening_of(doc_.text(line_of_[p])));
  }
  essay_pass();
}

void Labeller::add_cost(const std::vector<Tag>& gold, float cost, bool notes_only) {
  assert(gold.size() >= doc_.lines.size());
  for (std::size_t p = 0; p < line_of_.size(); ++p) {
    const auto g = static_cast<std::size_t>(gold[line_of_[p]]);
    const std::size_t from = notes_only && g < kEssayTags ? kEssayTags : 0;
    for (std::size_t t = from; t < kTags; ++t)
      if (t != g && std::isfinite(emit_[p][t])) emit_[p][t] += cost;
  }
  essay_pass();
}

void Labeller::essay_pass() {
  const std::size_t n = line_of_.size();
  forward_.resize(n);
  back_.resize(n);
  for (std::size_t p = 0; p < n; ++p) {
    for (std::size_t e = 0; e < kEssayTags; ++e) {
      float best;
      std::uint8_t arg = 0;
      if (p == 0) {
        best = essay_transition_[kStart][e];
      } else {
        best = -std::numeric_limits<float>::infinity();
        for (std::size_t f = 0; f < kEssayTags; ++f) {
          const float s = forward_[p - 1][f] + essay_transition_[f][e];
          if (s > best) {
            best = s;
            arg = static_cast<std::uint8_t>(f);
          }
        }
      }
      forward_[p][e] = best + emit_[p][e];
      back_[p][e] = arg;
    }
  }
  essay_total_ = n == 0 ? 0.0 : kNone;
  for (std::size_t e = 0; n > 0 && e < kEssayTags; ++e) {
    const double s = static_cast<double>(forward_[n - 1][e]) + model_.final[e];
    if (s > essay_total_) {
      essay_total_ = s;
      essay_last_ = e;
    }
  }
}

// The note features of line p for body k: `sim(j)` gives the line's similarity to
// reference j (cached by the caller, as neighbours are compared too).
template <class Sim>
float Labeller::note_features(const NoteHypothesis& h, std::size_t k, const BodyOpening& o, Sim&& sim,
                              std::size_t tag, float* values) const {
  // (The values are written only when asked for: the decode asks for the score alone.)
  if (values) std::fill(values, values + kNoteFeatures, 0.0f);
  // Each feature is added as it is set, in the order of NoteFeature: the sum of the
  // features that are not zero, as a sum over all of them would be, without the zeros.
  float score = 0;
  const std::size_t column = tag - kBegin;
  auto set = [&](NoteFeature f, float value) {
    if (values) values[static_cast<std::size_t>(f)] = value;
    score += value * model_.note[static_cast<std::size_t>(f)][column];
  };
  const NoteSlot& slot = h.slots[k];
  const float s = sim(k);
  set(NoteFeature::similarity, s);
  if (s == 0) set(NoteFeature::no_shared_word, 1);
  else set(NoteFeature::share_of_line, sim.share(k));
  if (o.number > 0) {
    if (o.number == slot.number) set(o.bracketed ? NoteFeature::bracketed_is_k : NoteFeature::number_is_k, 1);
    else set(NoteFeature::number_not_k, 1);
  }
  if (!o.name.empty()) set(!slot.name.empty() && o.name == slot.name ? NoteFeature::name_is_k : NoteFeature::name_not_k, 1);
  if (s > 0 && (k == 0 || sim(k - 1) <= s) && (k + 1 >= h.slots.size() || sim(k + 1) <= s)) set(NoteFeature::best_match, 1);
  return score;
}

class Labeller::ContextWords {
 public:
  explicit ContextWords(const std::vector<const NoteHypothesis*>& readings) {
    std::unordered_map<const std::vector<std::uint64_t>*, std::uint32_t> list_of;  // context → its list
    for (const NoteHypothesis* h : readings) {
      std::vector<std::uint32_t>& lists = slot_lists_.emplace_back(h->slots.size(), kNoList);
      for (std::size_t k = 0; k < h->slots.size(); ++k) {
        const NoteSlot& slot = h->slots[k];
        if (!slot.context) continue;
        const auto [at, fresh] = list_of.try_emplace(slot.context.get(), static_cast<std::uint32_t>(lists_.size()));
        lists[k] = at->second;
        if (!fresh) continue;  // (another reading's slot: the same reference)
        std::vector<std::uint32_t>& ids = lists_.emplace_back();
        ids.reserve(slot.context->size());
        for (std::uint64_t w : *slot.context) {
          std::uint32_t& id = id_[w];
          if (id == 0) id = ++count_;
          ids.push_back(id);
        }
      }
    }
  }
  // One more than the largest number given.
  std::size_t size() const { return count_ + 1; }
  // Per slot of the given reading (its index among those given): the index of its
  // context's list, or kNoList.
  const std::vector<std::uint32_t>& slot_lists(std::size_t reading) const {
    assert(reading < slot_lists_.size());
    return slot_lists_[reading];
  }
  // The numbers of a context's words, in its order.
  const std::vector<std::uint32_t>& list(std::uint32_t index) const { return lists_[index]; }
  // w's number, or 0 when no context holds it.
  std::uint32_t find(std::uint64_t w) const {
    const std::uint32_t* id = id_.find(w);
    return id ? *id : 0;
  }
  static constexpr std::uint32_t kNoList = static_cast<std::uint32_t>(-1);

 private:
  std::vector<std::vector<std::uint32_t>> slot_lists_;  // per reading, per slot: into lists_
  std::vector<std::vector<std::uint32_t>> lists_;       // per distinct context: its words' numbers
  WordMap<std::uint32_t> id_;                           // numbers from 1
  std::uint32_t count_ = 0;
};

// Similarities of one line to every reference's context, through an index from each
// context word to the references whose context holds it: a line's few words are looked up
// once, instead of every context being merged with the line (which cost the decode most
// of its time with many notes).
class Labeller::SimCache {
 public:
  // `reading`: the reading's index in `vocabulary`.
  SimCache(const ContextWords& vocabulary, std::size_t reading, const WordIndex& words)
      : vocabulary_(vocabulary), words_(words), runs_(vocabulary.size()) {
    const std::vector<std::uint32_t>& lists = vocabulary.slot_lists(reading);
    shared_.assign(lists.size(), 0.0f);
    similarity_.assign(lists.size(), 0.0f);
    // Each word's references are a run of one array, in rising order: counted, placed,
    // then written.
    for (std::uint32_t list : lists)
      if (list != ContextWords::kNoList)
        for (std::uint32_t id : vocabulary.list(list)) ++runs_[id].end;  // (a count, for now)
    std::uint32_t at = 0;
    for (Run& run : runs_) {
      const std::uint32_t count = run.end;
      run.begin = run.end = at;  // (end is the fill cursor until the runs are written)
      at += count;
    }
    refs_.resize(at);
    for (std::size_t k = 0; k < lists.size(); ++k)
      if (lists[k] != ContextWords::kNoList)
        for (std::uint32_t id : vocabulary.list(lists[k])) refs_[runs_[id].end++] = static_cast<std::uint32_t>(k);
    // A word around more than kCommon references tells none of them apart, and looking
    // it up would make each line cost as much as there are notes.
    for (Run& run : runs_)
      if (run.end - run.begin > kCommon) run.end = run.begin;
  }
  void at_line(std::size_t line) {
    for (std::uint32_t k : touched_) shared_[k] = similarity_[k] = 0.0f;
    touched_.clear();
    line_weight_ = 0.0f;
    words_.for_each_word(line, [&](std::uint64_t w, float weight) {
      line_weight_ += weight;
      const std::uint32_t id = vocabulary_.find(w);
      if (id == 0) return;
      const Run& run = runs_[id];
      for (std::uint32_t i = run.begin; i < run.end; ++i) {
        const std::uint32_t k = refs_[i];
        if (shared_[k] == 0.0f) touched_.push_back(k);
        shared_[k] += weight;
      }
    });
    // (Taken when the decode first asks for a reference, which it does several times: most
    // references a line touches lie outside the beam, and a log for each of them took a fifth
    // of a reading with 200 notes whose bodies share their words.)
    for (std::uint32_t k : touched_) similarity_[k] = kNotYet;
  }
  // The log does not saturate as shared / (1 + shared) did, at two words or so: a body that
  // shares five rare words with its reference's sentence says more than one that shares
  // one, and more than the essay's last paragraph, which shares a word with it by chance.
  float operator()(std::size_t k) const {
    float& s = similarity_[k];
    if (s == kNotYet) s = std::log1p(shared_[k]);
    return s;
  }
  // How much of the line is about reference k: the weight it shares with k's context over
  // the weight of all its rare words. An essay's long closing paragraph shares a few of the
  // essay's words with many references by its length alone; a body is about its own.
  float share(std::size_t k) const { return line_weight_ > 0 ? std::min(1.0f, shared_[k] / line_weight_) : 0.0f; }
  // Is every similarity of the line 0? (No word of the line is around a reference.)
  bool shares_none() const { return touched_.empty(); }
  static constexpr std::size_t kCommon = 64;

 private:
  struct Run {
    std::uint32_t begin = 0, end = 0;  // the word's references: refs_[begin, end)
  };
  const ContextWords& vocabulary_;
  const WordIndex& words_;
  std::vector<Run> runs_;  // per word number
  std::vector<std::uint32_t> refs_;
  std::vector<float> shared_;      // weight of the rare words shared, per reference
  // log1p(shared_), 0 where none is shared, kNotYet where not yet asked for.
  mutable std::vector<float> similarity_;
  std::vector<std::uint32_t> touched_;
  float line_weight_ = 0.0f;  // the weight of all the line's rare words
  static constexpr float kNotYet = -1.0f;  // (a log1p of a weight, never negative, is never this)
};


// Line p as body k's line with `tag`: its own evidence and how it fits reference k.
float Labeller::score_note(const NoteHypothesis& h, std::size_t k, std::size_t tag, std::size_t p,
                           const BodyOpening& opening, SimCache& sim, bool numbers_bind) const {
  // A body named by its reference ([^name]: or the reference's symbol) opens with
  // that name, and a line that opens with it begins that body: markup, not evidence.
  const std::string& name = h.slots[k].name;
  if (!name.empty() && (tag == kBegin) != (opening.name == name)) return -std::numeric_limits<float>::infinity();
  // The rule of the numbers (see the constructor): a line that opens with another note's
  // number ("[3] " where reference k is "1") begins no body k.
  if (tag == kBegin && rules_ && opening.number > 0 && h.slots[k].number > 0 && opening.number != h.slots[k].number &&
      (opening.bracketed || numbers_bind))
    return -std::numeric_limits<float>::infinity();
  return emit_[p][tag] + note_features(h, k, opening, sim, tag, nullptr);
}

bool Labeller::opens_an_indented_block(std::size_t p) const {
  if (p + 1 >= line_of_.size()) return false;
  const char last = doc_.shape[line_of_[p]].last;
  return (last == '{' || last == '(' || last == '[') &&
         doc_.lines[line_of_[p + 1]].indent > doc_.lines[line_of_[p]].indent;
}

bool Labeller::heads_indented_code(std::size_t p) const {
  if (!led_in(p) || p + 1 >= line_of_.size()) return false;
  const std::size_t i = line_of_[p], below = line_of_[p + 1];
  return below == i + 1 && doc_.lines[below].indent > doc_.lines[i].indent && features_.line_reads_as_code(below);
}

bool Labeller::notes_open_below(std::size_t i) const {
  const std::size_t below = doc_.next_nonblank(i);
  if (below == TextDoc::npos) return false;
  const BodyOpening o = opening_of(doc_.text(below));
  return o.number > 0 || !o.name.empty();
}

bool Labeller::heads_a_reference_list(std::size_t p) const {
  const std::size_t i = line_of_[p];
  if (!names_a_reference_list(doc_, i)) return false;
  // Set apart as a heading is: not right after a lead-in, nor one of the lines that go on
  // alike under one ("Interviews", "Sources", "Observations" under "… four piles:" are
  // items), unless a note's number or name opens the line under it. (After a list, an
  // address or a line without a stop, glued to it or not, it heads what follows.)
  return !(led_in(p) || features_.in_lead_in_run(i)) || notes_open_below(i);
}

bool Labeller::past_the_arrow(std::size_t p) const {
  if (!rules_ || p == 0 || p >= line_of_.size()) return false;
  const std::size_t before = line_of_[p - 1];
  return doc_.shape[before].backlink && doc_.shape[before].last == ':' &&
         doc_.lines[line_of_[p]].indent > doc_.lines[before].indent;
}

bool Labeller::led_in(std::size_t p) const {
  // A back-link arrow after the ':' ends the body there ("… three things: ↩" over its
  // items): the arrow is the body's end, whatever the colon announced; with both rules
  // binding, no reading could place the bodies and every note was lost.
  if (!rules_ || p == 0) return false;
  const LineShape& before = doc_.shape[line_of_[p - 1]];
  return before.last == ':' && !before.backlink;
}

bool Labeller::wraps_on(std::size_t i) const {
  // (In a text wrapped at a width only: where a line is a paragraph, as in a browser's copy,
  // a note may open in small letters under one that lost its end, "…components in" over
  // "specifically 2024-10-09 to …", and does in the annotated copies without blank lines.)
  if (!doc_.hard_wrapped || !goes_on(doc_, i)) return false;
  // (An address opens in small letters too, and a note may be one: "https://…".)
  const std::string_view t = doc_.text(i);
  const std::size_t word_end = t.find(' ');
  return !looks_like_file_or_url(t.substr(0, word_end));
}

bool Labeller::holds_on(std::size_t p) const {
  if (led_in(p)) return true;
  // (The line above must be the one decoded just before: not the title, not a rule.)
  if (!rules_ || p == 0) return false;
  const std::size_t i = line_of_[p];
  return line_of_[p - 1] + 1 == i && wraps_on(i);
}

bool Labeller::note_list_may_open(std::size_t p) const {
  return !rules_ || led_in(p) || doc_.lines[line_of_[p]].marker.kind != MarkerKind::none;
}

BodyOpening Labeller::opening_at(std::size_t p) const {
  return p >= opening_from_ && p - opening_from_ < opening_.size() ? opening_[p - opening_from_]
                                                                   : opening_of(doc_.text(line_of_[p]));
}

// The rule of the line that names the comments (see the constructor): the position no body
// of reading h (its bodies from position r) reaches: the first such line among the lines its
// bodies may be on, with no line that names the notes after it; n where there is none, or
// where the rule stands aside. Markup that says where the bodies are says it more surely:
// where the first body's name or bracketed number opens a line below it ("* On the ledger …"
// under "Comments"), or a link back to a reference ends one, that line heads the essay's
// last section. So it does where the bodies could not all stand above it, a line each,
// however early the notes began (where any reading's may: a reading whose last reference is
// a number of a table below the others' would leave them no room).
std::size_t Labeller::comments_end(const NoteHypothesis& h, std::size_t r, std::size_t last_backlink) const {
  const std::size_t n = line_of_.size();
  // (The first such line at r or below, and below the line that names the notes, if any.)
  const std::size_t from = notes_heading_ == kNoPosition ? r : std::max(r, notes_heading_ + 1);
  const auto c = std::lower_bound(comments_headings_.begin(), comments_headings_.end(), from);
  if (c == comments_headings_.end()) return n;
  const std::size_t end = *c;
  if (end - std::min(r, opening_from_) < h.slots.size() || (last_backlink != n && last_backlink > end)) return n;
  const NoteSlot& slot0 = h.slots[0];
  if (slot0.name.empty() && slot0.number <= 0) return end;
  for (std::size_t p = end + 1; p < n; ++p) {
    const BodyOpening there = opening_at(p);
    if ((!slot0.name.empty() && there.name == slot0.name) ||
        (slot0.number > 0 && there.bracketed && there.number == slot0.number))
      return n;
  }
  return end;
}

double Labeller::decode_notes(const NoteHypothesis& h, const ContextWords& vocabulary, std::size_t reading,
                              Labels* out, bool margins, bool by_numbers) const {
  const std::size_t n = line_of_.size(), K = h.slots.size();
  if (K == 0) return kNone;
  const std::size_t r = static_cast<std::size_t>(
      std::lower_bound(line_of_.begin(), line_of_.end(), h.first_line) - line_of_.begin());
  if (r >= n || n - r < K) return kNone;
  // For the way back, each position's states as (k, tag, back) only, and only when the
  // labels are asked for: a reading's margin needs the scores of one line at a time.
  // (Two bytes a state: a state's note is its successor's, one less where the successor
  // begins a note, so the way back recovers it; the final state's is kept.)
  static_assert(kBeamWidth <= 127 && kEssayTags <= 127, "a Trace's back must fit");
  std::vector<Trace> traces;
  // With the labels, each kept state's note and forward score as well: the backward
  // pass that gives each body's margin (see body_margins) reads them.
  std::vector<LatticeNode> nodes;
  margins = margins && out != nullptr;
  // A position holds at most a state per (k, tag) and one after the notes, and no more
  // than the beam. (Both reserved once, at most 16 MB each: grown by doubling, each held
  // two copies at once. Room reserved and not used is never touched.)
  const std::size_t per_position = std::min(kBeamWidth, 3 * K + 1);
  if (out) traces.reserve(std::min(4 * kMarginStates, (n - r) * per_position));
  if (margins) nodes.reserve(std::min(kMarginStates, (n - r) * per_position));
  std::vector<std::size_t> first(out ? n - r + 1 : 0, 0);  // position p's traces: [first[p-r], first[p-r+1])
  // The states of the line being built and of the line before, each in a buffer of the
  // most a line can make: one per state before it and move (three at most), and the
  // first body's. (Raw buffers, not vectors grown state by state: a push checked the
  // room and zeroed each state before its fields were written.)
  const std::size_t most = 3 * std::min(kBeamWidth, 3 * K + 1) + 1;
  std::vector<NoteState> cur_buffer(most), prev_buffer(most);
  NoteState* cur = cur_buffer.data();
  NoteState* prev = prev_buffer.data();
  std::size_t cur_size = 0, prev_size = 0;
  SimCache sim(vocabulary, reading, words_);
  std::vector<std::uint8_t> named(K);  // a body named by its reference opens with that name (see score_note)
  for (std::size_t k = 0; k < K; ++k) named[k] = !h.slots[k].name.empty();
  // The rule of the numbers (score_note) holds on "N. " where body k's own number opens a
  // line of the region (there it is a body's number, not its words) or past the last
  // reference's number ("3. " under [1] and [2]).
  std::vector<long> numbers_below;  // the numbers that open the region's lines, sorted
  for (std::size_t p = r; p < n; ++p)
    if (const long number = opening_at(p).number; number > 0) numbers_below.push_back(number);
  std::sort(numbers_below.begin(), numbers_below.end());
  std::vector<std::uint8_t> numbers_bind(K);
  long top_number = 0;
  for (std::size_t k = 0; k < K; ++k) {
    numbers_bind[k] = std::binary_search(numbers_below.begin(), numbers_below.end(), h.slots[k].number);
    top_number = std::max(top_number, h.slots[k].number);
  }
  auto binds = [&](std::size_t k, const BodyOpening& o) { return numbers_bind[k] || o.number > top_number; };
  std::vector<std::int32_t> slot_of((K + 1) * 4, -1);  // (k, tag) -> its state in cur, while a line is built
  std::vector<float> scored(K * 3, std::numeric_limits<float>::quiet_NaN());  // note_score of (k, tag) at this line
  std::vector<std::size_t> scored_touched;
  // A link back to the reference ends a body: the copy kept that much of the markup. So
  // no body goes on past such a line, and none of the notes' lines is left to the essay
  // or to the comments after the notes.
  std::vector<std::uint8_t> backlink(n - r);  // (bytes, not bits: read for every state)
  std::size_t first_backlink = n, last_backlink = n;
  for (std::size_t p = r; p < n; ++p) {
    backlink[p - r] = doc_.shape[line_of_[p]].backlink;
    if (backlink[p - r]) {
      if (first_backlink == n) first_backlink = p;
      last_backlink = p;
    }
  }
  // The rule of the line that names the notes (see the constructor): what follows it is the
  // notes, and after them the matter after the notes, never the essay going on. So when
  // it stands where this reading's bodies may begin, the first body begins on the line
  // after it. (In the annotated copies every line after such a line, 397 in all, is a
  // body's.) Markup that says where the first body begins says it more surely: a body
  // named by its reference opens with that name, and a body whose number opens a line
  // further down begins there (a line between, "These notes were added later.", is no
  // part of it); then the rule stands aside.
  std::size_t notes_from = notes_heading_ != kNoPosition && notes_heading_ + 1 >= r && notes_heading_ + 1 < n
                               ? notes_heading_ + 1
                               : kNoPosition;
  if (notes_from != kNoPosition) {
    const NoteSlot& slot0 = h.slots[0];
    const BodyOpening there = opening_at(notes_from);
    if (!slot0.name.empty() && there.name != slot0.name) notes_from = kNoPosition;
    if (notes_from != kNoPosition && slot0.number > 0 && there.number != slot0.number) {
      // (A line there that opens with another number may begin no body at all, under the
      // rule of the numbers: the weights decide where the first body begins.)
      bool aside = there.number > 0;
      for (std::size_t p = notes_from + 1; p < n && !aside; ++p) aside = opening_at(p).number == slot0.number;
      if (aside) notes_from = kNoPosition;
    }
  }
  // The rule of the bodies' numbers (see the constructor): where every body's number opens
  // a line at the margin of the region in brackets ("[2] ", "^2", "² ": no word of prose
  // opens so), once each and in the bodies' order, each such line begins its body: no body
  // goes on over it, the matter after the notes does not begin on it, and that body begins
  // on no other line. The first body's, where no line names the notes, says where the notes
  // begin. Not where some body's number opens no such line (a citation "[2] explains …"
  // wrapped to a line's start, a job's "[1] 40213" under a shell's "&", while the bodies are
  // bare or numbered "1. "), where a number comes twice or out of order, or where a body's
  // number also opens a line without brackets above them ("1. …" notes over a list of sources
  // "[1] …"; below the first, "1. …" is a list inside a body),
  // nor below a line that heads a list of references ("Sources", "References"): there the
  // weights decide; and with one note, where a single "[1] " line is too little to go on.
  // In pandoc's plain copy of a post whose second note quotes a long passage, "[1] …" and
  // "[2] …" went to the essay and the quotation began the first body.
  std::vector<std::uint8_t> numbered_line;  // per position from r: it begins the body of its number
  std::vector<std::size_t> numbered_at;     // per body: the position of its number's line (empty: no rule)
  if (rules_ && by_numbers && K >= 2 && h.slots[0].number > 0) {
    // (A numbered reading's slots hold 1 … K in order: number v is slot v - 1, found at once
    // rather than searched for on every numbered line.)
    auto body_of_number = [&](long v) {
      return v >= 1 && static_cast<std::size_t>(v) <= K && h.slots[static_cast<std::size_t>(v) - 1].number == v
                 ? static_cast<std::size_t>(v) - 1
                 : K;
    };
    std::vector<std::size_t> at(K, n);  // per body: its number's line so far
    std::size_t next_slot = 0, found = 0;
    bool in_order = true;
    for (std::size_t p = r; p < n && in_order; ++p) {
      if (found < K && heads_a_reference_list(p)) in_order = false;
      const BodyOpening o = opening_at(p);
      const std::size_t k = body_of_number(o.number);
      if (k == K) continue;  // (no number, or one no body has: let be)
      // (Going on as prose: "[1] 40213", a shell's job, or "[1] 2.5", R's answer, is no
      // body's opening.)
      const std::size_t i = line_of_[p];
      const bool bracketed = o.bracketed && doc_.lines[i].indent == 0 && prose_after_marker(doc_, i);
      if (!bracketed || k < next_slot) {
        // (A body's number without its brackets below the first body's line is a list inside
        // a body, "1. Feed the soil …", and is let be. Above it, or a number already passed,
        // and the numbers do not give the bodies.)
        if (!bracketed && found > 0) continue;
        in_order = false;
        continue;
      }
      at[k] = p;
      ++found;
      next_slot = k + 1;
    }
    if (in_order && found == K) {
      numbered_line.assign(n - r, 0);
      for (std::size_t p : at) numbered_line[p - r] = 1;
      numbered_at = std::move(at);
      if (notes_from == kNoPosition) notes_from = numbered_at[0];
    }
  }
  auto may_begin = [&](std::size_t k, std::size_t p) { return numbered_at.empty() || numbered_at[k] == p; };
  // The rule of the line that names the comments (see the constructor).
  const std::size_t bodies_end = comments_end(h, r, last_backlink);
  for (std::size_t p = r; p < n; ++p) {
    cur_size = 0;
    sim.at_line(line_of_[p]);
    for (std::size_t x : scored_touched) scored[x] = std::numeric_limits<float>::quiet_NaN();
    scored_touched.clear();
    const BodyOpening opening = opening_at(p);
    // May line p be body k's, with a line left for each body after it above bodies_end?
    const std::size_t remaining = p < bodies_end ? bodies_end - 1 - p : 0;  // positions after p a body may hold
    auto feasible = [&](std::size_t k) { return p < bodies_end && K - 1 - k <= remaining; };
    // A line that opens with no note number or name and shares no word with reference
    // k scores the same as body k's line whatever k is: its own evidence and "no shared
    // word", the other note features being zero. Most pairs of line and k are such.
    static_assert(kNoteFeatures == 9,
                  "a new note feature: see whether it can fire on a plain opening that shares no word (`unrelated`)");
    const bool plain_opening = !(opening.number > 0) && opening.name.empty();
    float unrelated[3];
    for (std::size_t t = 0; t < 3; ++t)
      unrelated[t] = emit_[p][kBegin + t] + model_.note[static_cast<std::size_t>(NoteFeature::no_shared_word)][t];
    // (Each (k, tag) is asked for by several states of the line before: scored once.)
    auto related_score = [&](std::size_t k, std::size_t tag) {
      float& cached = scored[k * 3 + (tag - kBegin)];
      if (std::isnan(cached)) {
        cached = score_note(h, k, tag, p, opening, sim, binds(k, opening));
        scored_touched.push_back(k * 3 + (tag - kBegin));
      }
      return cached;
    };
    // A plain opening that shares no word with any reference (most lines of most
    // readings): every k scores so, and the loop over the states below is made for it
    // apart, without asking each k's similarity.
    const bool unrelated_line = plain_opening && sim.shares_none();
    auto note_score = [&](std::size_t k, std::size_t tag) ESSAYKIT_ALWAYS_INLINE {
      if (plain_opening && sim(k) == 0) {
        const float same = tag == kBegin && named[k] ? -std::numeric_limits<float>::infinity() : unrelated[tag - kBegin];
        // (Debug builds check the shortcut against the features themselves: a note feature
        // added later that can fire on such a line must be taken into `unrelated`.)
        assert(same == score_note(h, k, tag, p, opening, sim, binds(k, opening)));
        return same;
      }
      return related_score(k, tag);
    };
    // One state per (k, tag), the best, kept as the states are made (a table by key, not
    // a sort: this runs per line). A state's fields are written in place: one built
    // whole and then copied in made the processor wait on its own stores, a third of
    // the decode's time.
    auto offer = [&](std::uint32_t k, std::uint32_t tag, float score, std::int32_t back) ESSAYKIT_ALWAYS_INLINE {
      std::int32_t& at = slot_of[k * 4 + tag];
      NoteState* st;
      if (at < 0) {
        assert(cur_size < most);
        at = static_cast<std::int32_t>(cur_size);
        st = &cur[cur_size++];
      } else {
        st = &cur[static_cast<std::size_t>(at)];
        if (!(score > st->score)) return;
      }
      st->k = k;
      st->tag = tag;
      st->score = score;
      st->back = back;
    };
    // The rule of the lone arrow: an arrow alone under a line of the notes' region that has
    // none links back from the end of the body above, whose last block (a paragraph, code) a
    // theme closed before it, and begins no body. (Under a line that ends on its own arrow it
    // is a note whose text the copy lost, an image's or an embed's; under the line of the last
    // reference, the only note of an essay of one paragraph: a body either way.)
    const bool arrow_closes = rules_ && p > r && !backlink[p - 1 - r] && lone_arrow(doc_, line_of_[p]);
    if (feasible(0) && p <= first_backlink && (notes_from == kNoPosition || p == notes_from) && !arrow_closes) {
      float best = p == 0 ? model_.transition[kStart][kBegin] : -std::numeric_limits<float>::infinity();
      std::int32_t from = -1;
      for (std::size_t e = 0; p > 0 && e < kEssayTags; ++e) {
        const float s = forward_[p - 1][e] + model_.transition[e][kBegin];
        if (s > best) {
          best = s;
          from = -1 - static_cast<std::int32_t>(e);
        }
      }
      offer(0, 0, best + note_score(0, kBegin), from);
    }
    // The lead-in rule (see the constructor): after a body's line that ends in ':', or whose
    // sentence goes on into this line (holds_on), the same body goes on; the next body and
    // the matter after the notes wait.
    // (At r no state of the line before is a body's: the moves below start at r + 1.)
    const bool lead_in = holds_on(p);
    // The list rule: a list inside a body opens on a marker or after such a line; any other
    // line of a body is an item only after an item (note_list_may_open).
    const bool list_may_open = note_list_may_open(p);
    // The rule of the bodies' numbers (above): such a line begins a body.
    const bool own_number = !numbered_line.empty() && numbered_line[p - r];
    // The moves from each state at the line before. `unrelated_here` (std::true_type when
    // the line is one): the note scores are the shortcut's, whatever k.
    auto moves = [&](auto unrelated_here) ESSAYKIT_ALWAYS_INLINE {
      auto score_of = [&](std::size_t k, std::size_t tag) ESSAYKIT_ALWAYS_INLINE {
        if constexpr (decltype(unrelated_here)::value) {
          const float same = tag == kBegin && named[k] ? -std::numeric_limits<float>::infinity() : unrelated[tag - kBegin];
          assert(same == score_note(h, k, tag, p, opening, sim, binds(k, opening)));  // (as note_score's shortcut is checked)
          return same;
        } else {
          return note_score(k, tag);
        }
      };
      const bool goes_on = !backlink[p - 1 - r] || past_the_arrow(p), after_here = !backlink[p - r];  // (the same for every state)
      const float after_emit = emit_[p][kAfter];
      for (std::size_t i = 0; i < prev_size; ++i) {
        const NoteState& s = prev[i];
        const auto idx = static_cast<std::int32_t>(i);
        if (s.tag == 3) {
          if (!after_here || own_number) continue;
          offer(static_cast<std::uint32_t>(K), 3, s.score + model_.transition[kAfter][kAfter] + after_emit, idx);
          continue;
        }
        const std::size_t from = kBegin + s.tag, k = s.k;
        if (feasible(k) && goes_on && !own_number) {
          offer(s.k, 1, s.score + model_.transition[from][kBegin + 1] + score_of(k, kBegin + 1), idx);
          if (list_may_open || s.tag == 2)
            offer(s.k, 2, s.score + model_.transition[from][kBegin + 2] + score_of(k, kBegin + 2), idx);
        }
        if (lead_in && !own_number) continue;  // (a body's number ends what a lead-in holds on to)
        if (k + 1 < K && feasible(k + 1) && !arrow_closes && may_begin(k + 1, p))
          offer(s.k + 1, 0, s.score + model_.transition[from][kBegin] + score_of(k + 1, kBegin), idx);
        if (k + 1 == K && after_here && !own_number)
          offer(static_cast<std::uint32_t>(K), 3, s.score + model_.transition[from][kAfter] + after_emit, idx);
      }
    };
    if (p > r) {
      if (unrelated_line) moves(std::true_type{});
      else moves(std::false_type{});
    }
    for (std::size_t i = 0; i < cur_size; ++i) slot_of[cur[i].k * 4 + cur[i].tag] = -1;
    // The beam: beyond its width, the weakest states are dropped.
    if (cur_size > kBeamWidth) {
      std::nth_element(cur, cur + kBeamWidth, cur + cur_size,
                       [](const NoteState& a, const NoteState& b) { return a.score > b.score; });
      cur_size = kBeamWidth;
    }
    if (out) {
      for (std::size_t i = 0; i < cur_size; ++i)
        traces.push_back({static_cast<std::uint8_t>(cur[i].tag), static_cast<std::int8_t>(cur[i].back)});
      // A notes region too long to keep every state of (a copy of thousands of numbered
      // lines): its bodies are as sure as their reading, and no more is kept.
      if (margins && nodes.size() + cur_size > nodes.capacity()) {
        margins = false;
        std::vector<LatticeNode>().swap(nodes);
      }
      if (margins)
        for (std::size_t i = 0; i < cur_size; ++i) nodes.push_back({cur[i].k, cur[i].score});
      first[p - r + 1] = traces.size();
    }
    std::swap(prev, cur);
    std::swap(prev_size, cur_size);
  }
  double total = kNone;
  std::size_t arg = 0;
  for (std::size_t i = 0; i < prev_size; ++i) {
    const NoteState& s = prev[i];
    const bool complete = s.tag == 3 || s.k + 1 == K;
    if (!complete) continue;
    const double v = static_cast<double>(s.score) + model_.final[kBegin + s.tag];
    if (v > total) {
      total = v;
      arg = i;
    }
  }
  if (out && total != kNone) {
    std::vector<std::size_t> begins(K, n);  // the position each body begins at
    std::size_t after_begins = n;           // and the matter after the notes (n: none)
    std::size_t idx = arg;
    std::uint32_t k = prev[arg].k;  // the note of the state at p; `after` states hold K
    std::uint8_t next_tag = 255;
    for (std::size_t p = n; p-- > r;) {
      const Trace& s = traces[first[p - r] + idx];
      if (next_tag == 0 || (next_tag == 3 && s.tag != 3)) --k;  // the successor began note k, or the matter after
      next_tag = s.tag;
      const std::size_t line = line_of_[p];
      out->tag[line] = static_cast<Tag>(kBegin + s.tag);
      out->note[line] = s.tag == 3 ? 0 : k;
      if (s.tag == 0) begins[k] = p;
      if (s.tag == 3) after_begins = p;
      if (s.back < 0) {
        if (p > 0) essay_backtrack(p - 1, static_cast<std::size_t>(-1 - s.back), *out);
        break;
      }
      idx = static_cast<std::size_t>(s.back);
    }
    if (margins)
      out->note_margin = body_margins(h, r, first, traces, nodes, backlink, numbered_line, begins, after_begins, total);
  }
  // (Where the beam dropped every state that could keep to the bodies' numbers, the weights
  // place them as they would without the rule, rather than lose the reading.)
  if (total == kNone && !numbered_line.empty()) return decode_notes(h, vocabulary, reading, out, margins, false);
  return total;
}

std::vector<float> Labeller::body_margins(const NoteHypothesis& h, std::size_t r, const std::vector<std::size_t>& first,
                                          const std::vector<Trace>& traces, const std::vector<LatticeNode>& nodes,
                                          const std::vector<std::uint8_t>& backlink,
                                          const std::vector<std::uint8_t>& numbered_line, const std::vector<std::size_t>& begins,
                                          std::size_t after_begins, double total) const {
  // Max-marginals over the states the forward pass kept: the best labelling in which
  // body k begins at position p scores (forward score of (k, begin) at p) + (the best
  // way from that state to the end). Body k's margin is the best labelling against
  // the best in which it begins elsewhere, or in which the next body does (where this
  // one ends); the last body's end is where the matter after the notes begins, or the
  // end of the text. States the beam dropped are not alternatives, so with more notes
  // than the beam holds a margin may be too high: never too low.
  const std::size_t n = line_of_.size(), K = h.slots.size();
  constexpr float kNo = -std::numeric_limits<float>::infinity();
  std::vector<double> other(K, kNo);  // best total with body k beginning elsewhere
  double other_end = kNo;             // best total with the last body ending elsewhere
  std::vector<float> beta, next_beta;
  // Per state at p (at p + 1): what its position adds in it (`emission`), asked once per
  // state rather than once per move into it.
  std::vector<float> added, next_added;
  std::vector<std::int32_t> at((K + 1) * 4, -1);  // (k, tag) -> its index among the states at p + 1
  // What position q adds in the state traces[i]: its score less its best predecessor's
  // and the step from there (kept as scores, not emissions, to keep a state small).
  auto emission = [&](std::size_t q, std::size_t i) {
    const Trace& t = traces[i];
    float before;
    if (t.back >= 0) {
      const std::size_t pred = first[q - 1 - r] + static_cast<std::size_t>(t.back);
      before = nodes[pred].score + model_.transition[kBegin + traces[pred].tag][kBegin + t.tag];
    } else {
      before = q == 0 ? model_.transition[kStart][kBegin]
                      : forward_[q - 1][static_cast<std::size_t>(-1 - t.back)] +
                            model_.transition[static_cast<std::size_t>(-1 - t.back)][kBegin];
    }
    return nodes[i].score - before;
  };
  // The lead-in and list rules take the same moves here as in decode_notes (holds_on,
  // note_list_may_open).
  for (std::size_t p = n; p-- > r;) {
    const std::size_t lo = first[p - r], hi = first[p - r + 1];
    // (The same for every state at p: what the line after allows.)
    // (A body's number at p + 1 ends what a lead-in holds on to, as in decode_notes: the states
    // its rule forbids there are none the forward pass made.)
    const bool numbered_next = p + 1 < n && !numbered_line.empty() && numbered_line[p + 1 - r];
    const bool list_may_open = p + 1 < n && note_list_may_open(p + 1),
               lead_in = p + 1 < n && holds_on(p + 1) && !numbered_next;
    const bool goes_on = !backlink[p - r] || past_the_arrow(p + 1);  // (decode_notes' goes_on at p + 1)
    beta.assign(hi - lo, kNo);
    added.resize(hi - lo);
    for (std::size_t i = lo; i < hi; ++i) added[i - lo] = emission(p, i);
    for (std::size_t i = lo; i < hi; ++i) {
      const LatticeNode& s = nodes[i];
      const std::uint8_t tag = traces[i].tag;
      float& b = beta[i - lo];
      if (p + 1 == n) {
        if (tag == 3 || s.k + 1 == K) b = model_.final[kBegin + tag];
      } else {
        const std::size_t from = kBegin + tag;
        auto step = [&](std::size_t k, std::size_t to) ESSAYKIT_ALWAYS_INLINE {
          const std::int32_t j = at[k * 4 + to];
          if (j < 0) return;
          const auto next = static_cast<std::size_t>(j);
          b = std::max(b, model_.transition[from][kBegin + to] + next_added[next] + next_beta[next]);
        };
        // The moves the forward pass allows (decode_notes), the same tests.
        if (tag == 3) {
          if (!backlink[p + 1 - r]) step(K, 3);
        } else {
          if (goes_on) {
            step(s.k, 1);
            if (tag == 2 || list_may_open) step(s.k, 2);
          }
          if (!lead_in && s.k + 1 < K) step(s.k + 1, 0);
          if (!lead_in && s.k + 1 == K && !backlink[p + 1 - r]) step(K, 3);
        }
      }
      if (tag == 0 && begins[s.k] != p && b != kNo)
        other[s.k] = std::max(other[s.k], static_cast<double>(s.score) + b);
      // The last body running to the end of the text, where the best labelling ends it
      // before.
      if (p + 1 == n && tag != 3 && s.k + 1 == K && after_begins != n)
        other_end = std::max(other_end, static_cast<double>(s.score) + model_.final[kBegin + tag]);
    }
    // The matter after the notes beginning at p, from the last body at p - 1 (the step
    // decode_notes allows when no link back ends p's line and the line before leads into none).
    for (std::size_t i = lo; p > r && p != after_begins && !backlink[p - r] && !holds_on(p) && i < hi; ++i) {
      if (traces[i].tag != 3 || beta[i - lo] == kNo) continue;
      const float rest = emit_[p][kAfter] + beta[i - lo];
      for (std::size_t j = first[p - 1 - r]; j < lo; ++j)
        if (traces[j].tag != 3 && nodes[j].k + 1 == K)
          other_end = std::max(other_end, static_cast<double>(nodes[j].score) +
                                              model_.transition[kBegin + traces[j].tag][kAfter] + rest);
    }
    // The states at p become the successors of those at p - 1.
    if (p + 1 < n)
      for (std::size_t i = first[p + 1 - r]; i < first[p + 2 - r]; ++i) at[nodes[i].k * 4 + traces[i].tag] = -1;
    for (std::size_t i = lo; i < hi; ++i) at[nodes[i].k * 4 + traces[i].tag] = static_cast<std::int32_t>(i - lo);
    next_beta.swap(beta);
    next_added.swap(added);
  }
  std::vector<float> margin(K);
  for (std::size_t k = 0; k < K; ++k) {
    double m = total - other[k];
    m = std::min(m, k + 1 < K ? total - other[k + 1] : total - other_end);
    margin[k] = static_cast<float>(std::max(m, 0.0));
  }
  return margin;
}

void Labeller::essay_backtrack(std::size_t last_pos, std::size_t last_tag, Labels& out) const {
  std::size_t e = last_tag;
  for (std::size_t p = last_pos + 1; p-- > 0;) {
    out.tag[line_of_[p]] = static_cast<Tag>(e);
    e = back_[p][e];
  }
}

void Labeller::essay_confidence(Labels& out, std::size_t unheaded) const {
  // Max-marginals of the essay chain: for each line and tag, the best labelling
  // through it. A tag's confidence is how far its best labelling beats the best
  // with any other tag on that line.
  const std::size_t n = line_of_.size();
  std::array<float, kEssayTags> after{}, next{};
  for (std::size_t e = 0; e < kEssayTags; ++e) after[e] = model_.final[e];
  for (std::size_t p = n; p-- > 0;) {
    const std::size_t line = line_of_[p];
    const auto chosen = static_cast<std::size_t>(out.tag[line]);
    if (chosen < kEssayTags) {
      float other = -std::numeric_limits<float>::infinity();
      for (std::size_t e = 0; e < kEssayTags; ++e)
        if (e != chosen && !(line == unheaded && e == static_cast<std::size_t>(Tag::heading)))
          other = std::max(other, forward_[p][e] + after[e]);
      out.confidence[line] = sigmoid((forward_[p][chosen] + after[chosen] - other) * model_.confidence_scale);
    }
    if (p == 0) break;
    for (std::size_t e = 0; e < kEssayTags; ++e) {
      float best = -std::numeric_limits<float>::infinity();
      for (std::size_t f = 0; f < kEssayTags; ++f) best = std::max(best, essay_transition_[e][f] + emit_[p][f] + after[f]);
      next[e] = best;
    }
    after = next;
  }
}

double Labeller::settle(Labels& out, std::size_t p, Tag kept, double weight, std::initializer_list<Tag> others) const {
  const std::size_t n = line_of_.size();
  auto tag_at = [&](std::size_t q) { return static_cast<std::size_t>(out.tag[line_of_[q]]); };
  auto transition = [&](std::size_t from, std::size_t to) {
    return to < kEssayTags ? essay_transition_[from][to] : model_.transition[from][to];
  };
  // What tag t at position p scores with its neighbours as they are.
  auto local = [&](std::size_t t) {
    return static_cast<double>(transition(p == 0 ? kStart : tag_at(p - 1), t)) + emit_[p][t] +
           (p + 1 < n ? transition(t, tag_at(p + 1)) : model_.final[t]);
  };
  // (The change never scores above 0: the decode chose `kept`.)
  const double kept_score = local(static_cast<std::size_t>(kept));
  double drop = kNone;
  Tag drop_tag = kept;
  for (Tag t : others) {
    const double d = local(static_cast<std::size_t>(t)) - kept_score;
    if (d > drop) drop = d, drop_tag = t;
  }
  if (drop > weight) out.tag[line_of_[p]] = drop_tag;
  out.score += std::max(weight, drop);
  return std::abs(weight - drop);
}

std::pair<std::size_t, double> Labeller::settle_lone_heading(Labels& out) const {
  constexpr std::size_t kNpos = static_cast<std::size_t>(-1);
  std::size_t lone = kNpos;
  for (std::size_t p = 0; p < line_of_.size(); ++p) {
    if (out.tag[line_of_[p]] != Tag::heading) continue;
    if (lone != kNpos) return {kNpos, 0.0};  // two headings or more: nothing to settle
    lone = p;
  }
  if (lone == kNpos) return {kNpos, 0.0};
  const std::size_t line = line_of_[lone];
  static_assert(kEssayTags == 5, "every tag of the essay but the heading is named below");
  return {line, settle(out, lone, Tag::heading, model_.lone_heading, {Tag::paragraph, Tag::item, Tag::item_more, Tag::code})};
}

std::vector<std::pair<std::size_t, double>> Labeller::settle_lone_items(Labels& out) const {
  std::vector<std::pair<std::size_t, double>> settled;
  if (model_.lone_item == 0) return settled;
  const std::size_t n = line_of_.size();
  auto in_list = [&](std::size_t p) { return out.tag[line_of_[p]] == Tag::item || out.tag[line_of_[p]] == Tag::item_more; };
  for (std::size_t p = 0; p < n; ++p) {
    if (out.tag[line_of_[p]] != Tag::item || (p > 0 && in_list(p - 1)) || (p + 1 < n && in_list(p + 1)) ||
        doc_.lines[line_of_[p]].marker.kind != MarkerKind::none)
      continue;
    settled.emplace_back(line_of_[p], settle(out, p, Tag::item, model_.lone_item, {Tag::paragraph, Tag::code}));
  }
  return settled;
}

double Labeller::margin_of(const NoteHypothesis& h) const {
  const double total = decode_notes(h, ContextWords({&h}), 0, nullptr);
  return total == kNone ? kNone : total - essay_total_;
}

Labels Labeller::blank_labels() const {
  Labels out;
  out.tag.assign(doc_.lines.size(), Tag::paragraph);
  out.note.assign(doc_.lines.size(), 0);
  out.confidence.assign(doc_.lines.size(), 1.0f);
  return out;
}

void Labeller::finish_labels(double total, Labels& out) const {
  if (total == kNone) {
    if (!line_of_.empty()) essay_backtrack(line_of_.size() - 1, essay_last_, out);
    out.score = essay_total_;
  } else {
    out.score = total;
    out.margin = total - essay_total_;
  }
}

Labels Labeller::best_with(const NoteHypothesis* h) const {
  Labels out = blank_labels();
  finish_labels(h ? decode_notes(*h, ContextWords({h}), 0, &out) : kNone, out);
  settle_lone_items(out);
  settle_lone_heading(out);
  return out;
}

Labels Labeller::label(const std::vector<NoteHypothesis>& hypotheses) const {
  int chosen = -1;
  const double threshold = model_.notes_threshold;
  double best_value = threshold, best_total = kNone, runner_up = threshold;
  // The first reading is the likeliest (the references' own markup, else the longest
  // chain of numbers), so its labels are kept from its decode: when it wins, as it
  // mostly does, it is not decoded a second time.
  Labels first_labels;
  double first_total = kNone;
  bool any_possible = false;  // a reading whose bodies the rules leave room for
  std::vector<const NoteHypothesis*> readings;
  for (const NoteHypothesis& h : hypotheses) readings.push_back(&h);
  const ContextWords vocabulary(readings);
  for (std::size_t k = 0; k < hypotheses.size(); ++k) {
    double total;
    if (k == 0) {
      first_labels = blank_labels();
      total = first_total = decode_notes(hypotheses[0], vocabulary, 0, &first_labels, true);
    } else {
      total = decode_notes(hypotheses[k], vocabulary, k, nullptr);
    }
    if (total == kNone) continue;
    any_possible = true;
    const double value = total - essay_total_ + model_.evidence_weight * hypotheses[k].evidence;
    if (value > best_value) {
      runner_up = std::max(runner_up, best_value);
      best_value = value;
      best_total = total;
      chosen = static_cast<int>(k);
    } else {
      runner_up = std::max(runner_up, value);
    }
  }
  Labels out;
  if (chosen == 0) {
    out = std::move(first_labels);
    finish_labels(first_total, out);
  } else {
    // (Decoded again with the vocabulary at hand: best_with would number its words anew.)
    out = blank_labels();
    const double total = chosen > 0 ? decode_notes(hypotheses[static_cast<std::size_t>(chosen)], vocabulary,
                                                   static_cast<std::size_t>(chosen), &out, true)
                                    : kNone;
    finish_labels(total, out);
  }
  out.hypothesis = chosen;
  out.rules_left_none = !hypotheses.empty() && !any_possible;
  if (chosen >= 0) out.score = best_total;
  const auto lone_items = settle_lone_items(out);                  // (adds to the score)
  const auto [settled, settle_margin] = settle_lone_heading(out);  // (adds to the score)
  // (The chain's max-marginals do not see the count; the line it decided is as sure as
  // the decision. A heading it took away is no alternative for its line: the chain's
  // best through it is the heading the count ruled out.)
  const bool unheaded = settled < out.tag.size() && out.tag[settled] != Tag::heading;
  essay_confidence(out, unheaded ? settled : static_cast<std::size_t>(-1));
  if (settled < out.confidence.size())
    out.confidence[settled] = std::min(out.confidence[settled], sigmoid(settle_margin * model_.confidence_scale));
  for (const auto& [line, margin] : lone_items)
    out.confidence[line] = std::min(out.confidence[line], sigmoid(margin * model_.confidence_scale));
  if (chosen >= 0) {
    // The notes are as sure as the reading that placed them beats the next best
    // reading (another set of references, or none).
    const float sure = sigmoid((best_value - runner_up) * model_.confidence_scale);
    // A body is as sure as that, and as its own margin: how much worse the labelling
    // is that moves where it begins or ends.
    for (std::size_t p = 0; p < line_of_.size(); ++p) {
      const std::size_t line = line_of_[p];
      if (!is_note(out.tag[line]) && out.tag[line] != Tag::after) continue;
      float c = sure;
      if (is_note(out.tag[line]) && out.note[line] < out.note_margin.size()) {
        const float m = out.note_margin[out.note[line]];  // (infinite: no other place can hold it)
        if (!std::isinf(m)) c = std::min(c, sigmoid(static_cast<double>(m) * model_.body_scale + model_.body_offset));
      }
      out.confidence[line] = c;
    }
  }
  return out;
}

void Labeller::add_features(const Labels& labels, const NoteHypothesis* h, double scale, ModelSums& sums) const {
  std::vector<std::uint16_t> rows;
  std::size_t prev = kStart;
  float values[kNoteFeatures];
  std::optional<ContextWords> vocabulary;
  std::optional<SimCache> sim;
  if (h) sim.emplace(vocabulary.emplace(std::vector<const NoteHypothesis*>{h}), 0, words_);
  for (std::size_t p = 0; p < line_of_.size(); ++p) {
    const std::size_t line = line_of_[p];
    const auto tag = static_cast<std::size_t>(labels.tag[line]);
    rows.clear();
    features_.line(line, rows);
    const bool note_tag = tag >= kBegin;
    for (std::uint16_t r : rows)
      if (note_tag ? note_evidence_[r] : is_essay_evidence(r)) sums.emit[r * kTags + tag] += scale;
    sums.transition[prev * kTags + tag] += scale;
    if (h && is_note(labels.tag[line])) {
      sim->at_line(line);
      note_features(*h, labels.note[line], opening_of(doc_.text(line)), *sim, tag, values);
      for (std::size_t f = 0; f < kNoteFeatures; ++f) sums.note[f * 3 + (tag - kBegin)] += scale * values[f];
    }
    prev = tag;
  }
  if (!line_of_.empty()) sums.final[prev] += scale;
  if (h) {
    // A reading that places notes: its references' evidence, and the bias against notes.
    sums.evidence += scale * h->evidence;
    sums.notes_bias += scale;
  }
}

}  // namespace essaykit::detail::text
