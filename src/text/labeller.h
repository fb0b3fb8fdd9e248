// The line labeller: one decode that gives every line of a plain-text document its
// label (paragraph, heading, list item, code, footnote body k, after-matter), as
// GROBID labels the lines of a scholarly PDF.
//
// The essay's labels follow each other as a linear chain (Viterbi over the lines,
// emission and transition weights from model.h). The footnote bodies are states of
// the same decode: after the last reference comes a region where each line is
// still the essay, begins body k, continues body k, or comes after the notes, and
// the body states carry k, so that body k's lines are scored against reference k
// (shared rare words, its number, its label). A reading of the references — a
// NoteHypothesis: which footnotes, in which order, from which line — is weighed by
// the best labelling that places its bodies, against the best labelling of the
// document without notes.
//
// Cost: the essay chain is linear. The body states are kept sparse: only the k a
// line can still belong to (bodies come in order and each needs a line), and of
// those the best kBeamWidth; with few notes or a short notes region that is every
// state, so the decode is exact. Each reading costs (lines from its first possible
// body) x (states, at most kBeamWidth): linear in the lines, but a long tail of lines
// after the references is paid for by every reading (benchmarks/bench_notes,
// tests/pathological). What the readings share is done once: their contexts' words
// are numbered together and what opens each line is read once; the first reading (the
// likeliest) keeps its labels, so that the usual winner is not decoded twice.
#ifndef ESSAYKIT_SRC_TEXT_LABELLER_H
#define ESSAYKIT_SRC_TEXT_LABELLER_H

#include <array>
#include <cstddef>
#include <initializer_list>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "text/features.h"
#include "text/model.h"
#include "text/words.h"

namespace essaykit::detail::text {

// What opens a line that a footnote body may open with.
struct BodyOpening {
  long number = 0;         // "3. ", "[3] ", "³ "
  bool bracketed = false;  // [3], ^3, ³: unambiguous
  std::string_view name;   // "[^name]:" gives name; "† " gives "†"
};
BodyOpening opening_of(std::string_view line);

// One footnote the text refers to, in the order its body is expected.
struct NoteSlot {
  std::string label;                   // the footnote's label: "3", "name", "†"
  long number = 0;                     // the number its body may open with (0: none)
  std::string name;                    // the [^name] or symbol its body may open with
  // The rare words around its first reference (WordIndex hashes, sorted), or none;
  // shared by the readings that take the same reference.
  std::shared_ptr<const std::vector<std::uint64_t>> context;
};

// A reading of the references: the bodies it expects and where they may begin.
struct NoteHypothesis {
  std::vector<NoteSlot> slots;
  std::size_t first_line = 0;  // no body begins before this line
  double evidence = 0;         // what the references themselves say (see refs.h)
};

struct Labels {
  std::vector<Tag> tag;              // per line; only lines the labeller decodes are meaningful
  std::vector<std::uint32_t> note;   // per line: k for the note tags
  std::vector<float> confidence;     // per line: 0..1, the labeller's margin for its tag
  std::vector<float> note_margin;    // label(): per body of the placed reading, its margin (see body_margins)
  int hypothesis = -1;               // the hypothesis whose bodies were placed; -1: none
  bool rules_left_none = false;      // there were readings, and the rules left no place for any one's bodies
  double score = 0;                  // the labelling's total score
  double margin = 0;                 // the chosen hypothesis: its score over the best without notes
};

// Model weights in a form the fitting tool accumulates (doubles, same layout).
struct ModelSums {
  std::vector<double> emit, transition, final, note;
  double evidence = 0;    // Model::evidence_weight
  double notes_bias = 0;  // minus Model::notes_threshold
  ModelSums();
  void add(const ModelSums& other, double scale);
  double dot(const ModelSums& other) const;
  // Keeps the weights of one part of the model and zeroes the rest: the essay's (the
  // essay tags' emissions, transitions among them, their start and end) or the notes'
  // (everything that scores a note tag or the choice of a reading).
  void keep_essay_part(bool essay);
  void store(Model& m) const;
};

class Labeller {
 public:
  // `decoded[i]`: line i gets a label (not blank, not the title, not a rule).
  // `rules`: twelve rules over the weights, each a thing no reader and no annotated post does
  // otherwise, which the fitted weights (few posts show any of them) did not tell (besides
  // the conventions of a text that marks its headings with '#' or underlines them, which
  // tags_the_rules_leave applies with them):
  // - a line that names the notes ("Notes", "Footnotes", "Endnotes", or in capitals,
  //   alone at the margin, a colon after it at most) is a heading: no note's text, no
  //   item, no paragraph, no code (where no blank line sets it apart its shape is a short
  //   body's or an item's); and where it stands among the lines a reading's bodies may
  //   begin on, what follows it is the notes, so the first body begins on the line after
  //   it, unless that body's symbol, label or number opens a line further down (every
  //   line after such a line in the annotated copies, 397 in all, is a body's); not as one
  //   of the lines that go on alike under a lead-in ("Notes" among the items under "… four
  //   piles:", FeatureExtractor::in_lead_in_run), unless a note's number or name opens the
  //   line under it (notes_open_below);
  // - a body's line that ends in ':' leads into what follows, so the next line goes on
  //   with the same body (51 such lines in the annotated bodies, none a body's last);
  // - a line that is an image's file name or an address alone ("subpixel_1.png",
  //   "https://…": stands_for_image_or_link) is what the copy kept of an image or a bare
  //   link, and no heading (97 image names and 151 addresses stand alone in the annotated
  //   browser copies, none a heading; the image names all in one blog, so that held out
  //   the fit had never seen one and read them as headings); an image's name is no item
  //   either (none of them is one), whatever marks the headings;
  // - a line of two words or more that the text holds three times or more
  //   (FeatureExtractor::times_written) is a label the post repeats ("Final report" under
  //   each entry of a report), and no heading: a post's headings title different parts of
  //   it (2,223 such lines in the annotated copies, none a heading; a word alone may head
  //   each of several parts, "Pros:", a year, so it is left to the weights);
  // - a list inside a footnote body opens on a list marker or after a body's line that ends
  //   in ':' (note_list_may_open); any other line of a body is an item only after an item.
  //   (The annotated bodies hold one list, after such a lead-in, as the fitting tool's
  //   copies with a list in a body do; held out, the fit read a body's further paragraph
  //   as a list of one item.)
  // - where blank lines set the blocks apart (TextDoc::blank_separated), the lines after a
  //   command at a prompt (opens_at_a_prompt), to the end of its block, are what it printed
  //   or more commands: no item, no heading (284 such lines in 9 posts of the annotated
  //   copies set apart so, none an item or a heading; held out, a program's output of alike
  //   lines read as a list). In a copy without blank lines a block says nothing.
  // - where blank lines set the blocks apart, what a bare key (is_bare_key: "env:",
  //   "before_install:", "else:") opens, the lines after it indented deeper than the key and
  //   its "- " entries at the key's margin (at most to the end of its block), is
  //   configuration or a program: no item, no heading, whatever a run of bullets says (a
  //   number in sequence keeps its list). Only in a text where what some key opens shows a
  //   program (a key nested under it, a line that reads as code): a one-word lead-in in
  //   lower case, "pros:" over "- fast", opens prose. 89 such lines in 4 posts of 3 blogs
  //   of the annotated copies set apart so (YAML, Python, a compiler's message), none an
  //   item or a heading; held out, YAML's "- " entries read as lists.
  // - code that a line ending in ':' opens (the lines that read as code after such a line,
  //   FeatureExtractor::line_reads_as_code, or are indented deeper than it, as below, blank
  //   lines between or not; a line that names the notes, "Notes:", leads into none, and a line
  //   at the margin that opens with a bracketed number or a note's name or symbol begins that
  //   note and ends the run) begins no body, and as a body's further line it weighs what it
  //   weighs as the essay's code (note_more's emission at least code's, where both are
  //   allowed, and past the run's first line at least code's plus what the step from code to
  //   code earns over the step from a further line to another, if more): the code does not say whose it
  //   is, its lead-in does. (Held out, a fold fitted without the blog whose bodies hold code
  //   priced each line of a body's 15-line block 1.9 below the essay's code, and put the
  //   bodies on the readers' comments below: corpus2's notes linked 0.739 -> 0.759 bare,
  //   0.633 -> 0.674 seedlike, 0.896 -> 0.917 with back-links, corpus unchanged.) In the annotated copies,
  //   counted with the rule as first written (lines that read as code alone), 3,030 such lines,
  //   none a body's first, 66 a body's further lines (9 of corpus2's 19 bodies of several lines
  //   lead into code so); held out, the fit, which learns a body's further lines from bodies of
  //   one line, left the lead-in and its code to the essay and set the bodies one a paragraph
  //   at the end. The run goes on over the lines indented deeper than its lead-in (a browser's
  //   copy keeps a code block's indents, and "  #age;" or "  firstName: string" inside one need
  //   not read as code alone), but not over a numbered note's prose ("  [2] Java …" or
  //   "   2. Java …": opens_like_a_note), which ends it; a run that ends does not begin again
  //   without another lead-in. A line that ends in an opening bracket over a line indented deeper
  //   ("interface User {") opens a run, as does a line just after the lead-in that heads code
  //   indented deeper under it (a shell's "case "$n" in" over its arms: heads_indented_code).
  //   A sentence of prose at the lead-in's margin (opening on a capital letter, no list
  //   marker, six words or more, a stop at its end, and neither the symbols nor the names of
  //   code) ends the run, whatever call it makes; and lines in a marker sequence indented
  //   inside the run ("  1) echo one ;;", "  2) …") keep the weight of a body's further line
  //   that the markers would take from them, so that they need not be a list in the body (a
  //   browser's copy indents a code block's lines, not a list's items).
  //   The first line after a run (not one that opens as a note does) weighs as a body's
  //   further line at least what it weighs as the essay's paragraph: a body shows code to say
  //   something of it (in the annotated browser copies, of the 12 bodies with code, 10 go on
  //   with prose after it, one ends before the next body and one ends the notes, in two blogs;
  //   held out, the fit read that prose as the next body's first line, and every body after it
  //   moved one down).
  // - a line that names a post's comments ("Comments", "12 Comments", "Responses", "Leave
  //   a Reply" and the like, alone at the margin; names_the_comments), or heads the block a
  //   blog's theme sets under a post for sharing and liking it ("Share this:" over "Twitter",
  //   "Like this:" over "Like Loading...": the same rule, as the comments come under such a
  //   block) is no body's line: a heading of the
  //   essay's, or the first line of what comes after the notes (the two such lines of the
  //   annotated copies head a section before the notes, none is a body's; the weights
  //   fitted with the similarity that does not saturate let a body go on over such a
  //   heading and the praise under it, in a test of our own). And where it stands among the
  //   lines a reading's bodies may be on, with no line that names the notes after it, the
  //   notes have ended above it: what follows it is the comments (names, dates, "Reply",
  //   readers' paragraphs), never a body's; unless the first body's own name, symbol or
  //   bracketed number opens a line below it, or a back-link ends one, or the bodies could
  //   not all stand above it, a line each (then it heads the essay's last section). A body
  //   whose last line leads in (ends in ':') does not end just above it, as anywhere. (The
  //   annotated copy with such a line among them has "Footnotes" under it: there it headed
  //   the essay's last section, and the notes begin under the line that names them. Without
  //   the rule, a copy of a page with its comments set its bodies on the commenters' names
  //   and "Reply" lines, in a test of our own, and on "Share this:", "Twitter", "Like this:".)
  // - a line that opens with a note's number that is not reference k's begins no body k,
  //   where the number cannot be the body's words: bracketed ("[3] ", "^3", "³ "), past the
  //   last reference's number ("3. " under [1] and [2]), or "N. " where a line of the region
  //   opens with k's own number (a body that lost its number may open "2. Then …"; of the
  //   bodies of the annotated copies, 528 open with a number, each
  //   its own; in pandoc's plain copies of corpus2, "[2] …", "[3] …" began bodies 1 and 2
  //   and every body after them moved, and with weights fitted on copies with comments below
  //   the notes, "3." and "4." under references [1] and [2] began their bodies: number_not_k,
  //   a weight, stayed small, as the fit met it where other evidence had already decided).
  //   And the rule of the bodies' numbers: where every body's number opens a line at the
  //   margin of the region in brackets ("[2] ", "^2", "² "), once each and in the bodies'
  //   order, each such line begins its body (the first body's, with no line that names the
  //   notes, says where the notes begin): none of them goes on with a body above it or comes
  //   after the notes, and such a body begins on no other line. Where some body's number
  //   opens no such line (a citation wrapped to a line's start, a shell job's "[1] 40213"),
  //   a number comes twice or out of order, a body's number also opens a line without
  //   brackets above them ("1. …" notes over sources "[1] …"; below, "1. …" is a list in a
  //   body), a line heads a list of references above them, or there is one note only, the
  //   rule stands aside (a first form, which took
  //   any such line, set bodies on them, in a review's tests); a line counts only where prose
  //   follows its number ("[1] 40213", a shell's job, "[1] 2.5", R's answer, do not); and where
  //   the beam leaves no labelling that keeps to it the reading is decoded without it
  //   (decode_notes' `by_numbers`). The annotated copies mark their bodies so in
  //   the marked and superscript variants, where the weights already placed every body; in
  //   pandoc's plain copies of corpus2, 115 of 122 bodies began on their "[n]" line without
  //   the rule, 121 with it (the other is a post's one note; a quotation indented under a
  //   lead-in in the second body, and a short paragraph after it, had set the first two
  //   bodies there and left "[1] …" and "[2] …" to the essay).
  // - a line that names a list of references or sources ("References", "Sources",
  //   "Bibliography", "Works cited", "Further reading", starting with a capital, alone at
  //   the margin, a colon after it at most: names_a_reference_list), set apart as a heading
  //   is (not right after a lead-in nor among the lines that go on alike under one, unless a
  //   note's number or name opens the line under it: heads_a_reference_list), is a heading,
  //   or, below the notes, the first line of
  //   what follows them: no body's line, no paragraph, no item; within what the text's own
  //   markup of headings leaves ('#', underlines).
  //   Unlike the notes' name it does not say where the bodies begin (a bibliography may
  //   follow the notes). No annotated copy holds such a line, so the fitted weights never
  //   met one: "References" over numbered bodies read as a paragraph of one word.
  // - a line that goes on with a sentence the line above broke (sentences_broken in
  //   features.h: it opens on a small letter under a line that ends a sentence inside it and
  //   leaves the next open, "…a night. Students need" over "time to rest …", or under such a
  //   line itself) begins no item (of the essay or of a note) and heads nothing: it is the
  //   rest of a wrapped paragraph. Not among the lines a lead-in opens, nor over an
  //   underline. Over the annotated copies it changes one post, whose program's wrapped
  //   message (and two comment lines of its R code) had read as list items; a text too short
  //   for the widths to say it is wrapped (TextDoc::hard_wrapped) read its paragraph as items.
  //   With it, in a text wrapped at a width, a line that goes on with the sentence of the line
  //   above (wraps_on) begins no body, and the notes do not end above it (holds_on).
  // They apply where the model decodes, not where it learns (the fitting tool passes
  // false): trained under the first, the perceptron's other weights took another course,
  // for the worse on the posts without such a heading (README, "Measuring"), while applied
  // to decoding alone they only remove labellings no reader would give. (So the threshold
  // a reading of the notes must pass is calibrated on margins decoded without them; the
  // held-out figures are those decoded with them.)
  Labeller(const TextDoc& doc, const FeatureExtractor& features, const Model& model, const WordIndex& words,
           std::vector<bool> decoded, bool rules = true);

  // The best labelling: the hypothesis whose bodies' fit plus its references' evidence
  // beats the reading without notes by most, and by more than the model's threshold;
  // or no notes.
  Labels label(const std::vector<NoteHypothesis>& hypotheses) const;
  // How much better the best labelling placing h's bodies scores than the best
  // without notes (minus infinity when h's bodies cannot all be placed).
  double margin_of(const NoteHypothesis& h) const;
  // The best labelling that places exactly the bodies of `h` (nullptr: no notes).
  Labels best_with(const NoteHypothesis* h) const;
  // Adds `scale` × the features of `labels` to `sums`: the fitting tool's perceptron
  // update. `h`: the hypothesis whose bodies `labels` places (nullptr: none).
  void add_features(const Labels& labels, const NoteHypothesis* h, double scale, ModelSums& sums) const;
  // For the fitting tool's loss-augmented decode: on each decoded line, a tag other than
  // `gold[line]` scores `cost` more, so that the decode finds, besides the labellings the
  // weights prefer to the gold one, those the gold one beats by less than `cost` a wrong
  // line (as in max-margin training). `notes_only`: on a line whose gold tag is the
  // essay's, only the note tags and the after-matter cost more (the notes' stage, whose
  // update cannot move the essay's weights). Changes this labeller's decodes; the library
  // never calls it.
  void add_cost(const std::vector<Tag>& gold, float cost, bool notes_only);

  // Model::lone_heading, which a chain decode cannot count: when `out` has exactly one
  // heading, the better of keeping it (scoring the weight) and giving its line the best
  // other tag its neighbours allow. Returns that line and the decision's margin (for
  // its confidence); {npos, 0} when there is no lone heading.
  std::pair<std::size_t, double> settle_lone_heading(Labels& out) const;
  // Model::lone_item, likewise, for each item of `out` that stands alone (no item or
  // item's further line on the decoded lines just before or after it, no list marker):
  // the better of keeping it (scoring the weight) and giving its line the best tag but a
  // heading or an item its neighbours allow. Returns each such line and its decision's margin.
  std::vector<std::pair<std::size_t, double>> settle_lone_items(Labels& out) const;

  const std::vector<std::size_t>& positions() const { return line_of_; }
  // What each tag's emission scores at position p (a line of positions()), as the decode
  // weighs it (the rules' exclusions included, and the rule of code led into, which scores
  // such code's note_more as the essay's code): for the fitting tool's explanations.
  const std::array<float, kTags>& emissions(std::size_t p) const { return emit_[p]; }

  static constexpr std::size_t kBeamWidth = 96;
  // The most notes' states a decode keeps for the bodies' margins (8 bytes each).
  static constexpr std::size_t kMarginStates = std::size_t{1} << 21;

 private:
  struct NoteState;
  // A state the notes' forward pass kept at a position, for the way back: its tag, and
  // where it came from (the index of its best predecessor among the states at the line
  // before, or -1 - the essay tag it leaves).
  struct Trace {
    std::uint8_t tag;
    std::int8_t back;
  };
  // The same state's note and score, for the backward pass (body_margins).
  struct LatticeNode {
    std::uint32_t k;
    float score;  // the best score of a labelling up to here that ends in this state
  };
  // The words of the contexts of readings decoded together, numbered once: the readings
  // share most of their references, so each reading's index from words to references
  // is then made by counting, not hashing.
  class ContextWords;
  class SimCache;
  void essay_pass();
  template <class Sim>
  float note_features(const NoteHypothesis& h, std::size_t k, const BodyOpening& o, Sim&& sim, std::size_t tag,
                      float* values) const;
  // `numbers_bind`: the rule of the numbers holds for body k on an unbracketed number too
  // (k's own number opens a line of the region, or this one is past the last reference's:
  // see decode_notes).
  float score_note(const NoteHypothesis& h, std::size_t k, std::size_t tag, std::size_t p, const BodyOpening& opening,
                   SimCache& sim, bool numbers_bind = false) const;
  // The best total of a labelling that places h's bodies (kNone: they cannot all be
  // placed), and with `out`, that labelling, and with `margins` too, its bodies'
  // margins (Labels::note_margin: what label() turns into confidences; the fitting
  // tool's decodes need none). `reading`: h's index in `vocabulary`.
  // `by_numbers`: the rule of the bodies' numbers holds (see decode_notes; it is let go
  // where the beam leaves no labelling that keeps to it).
  double decode_notes(const NoteHypothesis& h, const ContextWords& vocabulary, std::size_t reading, Labels* out,
                      bool margins = false, bool by_numbers = true) const;
  // Each body's margin in a decode that scored `total`, placed body k at begins[k] and
  // began the matter after the notes at `after_begins` (n: none): the best labelling
  // against the best that begins the body, or ends it, elsewhere.
  // `first`, `traces`, `nodes`: the kept states per position from r; `backlink`: per
  // position from r, whether its line ends on a link back; `numbered_line`: per position
  // from r, whether the rule of the bodies' numbers has a body begin there (empty: none).
  std::vector<float> body_margins(const NoteHypothesis& h, std::size_t r, const std::vector<std::size_t>& first,
                                  const std::vector<Trace>& traces, const std::vector<LatticeNode>& nodes,
                                  const std::vector<std::uint8_t>& backlink, const std::vector<std::uint8_t>& numbered_line,
                                  const std::vector<std::size_t>& begins,
                                  std::size_t after_begins, double total) const;
  // Labels sized for the document, every line a paragraph until a decode says otherwise.
  Labels blank_labels() const;
  // `out` after a decode that scored `total` (kNone: no notes placed, the essay's own labels).
  void finish_labels(double total, Labels& out) const;
  void essay_backtrack(std::size_t last_pos, std::size_t last_tag, Labels& out) const;
  // `unheaded`: the line settle_lone_heading took its heading from (npos: none), whose
  // confidence weighs the other tags alone (the heading was ruled out by the count).
  void essay_confidence(Labels& out, std::size_t unheaded = static_cast<std::size_t>(-1)) const;
  // The decision settle_lone_heading and settle_lone_items make for position p, whose tag
  // in `out` is `kept`: keeping it scores `weight`; giving its line the best of `others`
  // scores the change against `kept`, its neighbours' tags as they are. Takes the better,
  // adds it to out.score, and returns the decision's margin.
  double settle(Labels& out, std::size_t p, Tag kept, double weight, std::initializer_list<Tag> others) const;

  const TextDoc& doc_;
  bool rules_;  // the constructor's `rules`
  const FeatureExtractor& features_;
  const Model& model_;
  const WordIndex& words_;
  std::array<bool, kFeatureRows> note_evidence_{};  // is_note_evidence, per row
  // The essay's transitions (from start too), with the ones no text can take ruled out:
  // an item's further line follows its item, or nothing would hold its words.
  std::array<std::array<float, kEssayTags>, kTags + 1> essay_transition_{};
  std::vector<std::size_t> line_of_;           // position → line
  std::vector<std::array<float, kTags>> emit_;  // per position: the emission score of each tag
  std::vector<std::array<float, kEssayTags>> forward_;   // essay-only Viterbi scores
  std::vector<std::array<std::uint8_t, kEssayTags>> back_;
  std::vector<BodyOpening> opening_;  // per position from opening_from_: what opens its line
  // What opens the line at position p: from opening_, read once, or read now before it.
  BodyOpening opening_at(std::size_t p) const;
  // The rule of the line that names the comments: the position reading h's bodies (from
  // position r) stop above; positions().size() where the rule stands aside (see decode_notes).
  std::size_t comments_end(const NoteHypothesis& h, std::size_t r, std::size_t last_backlink) const;
  // The lead-in rule (see the constructor): does the line before position p end in ':', so
  // that a body's line there goes on with the same body? Never without the rules.
  bool led_in(std::size_t p) const;
  // The line at position p holds on to the body of the line above: that line leads into it
  // (led_in), or its sentence goes on into it in a text wrapped at a width (wraps_on: "1 The
  // trigger was a long essay … that I could not" over "summarise to a friend …"). No body
  // begins there, and the notes do not end above it. Only with the rules.
  bool holds_on(std::size_t p) const;
  // Line i (of the document) goes on with the sentence of the line above (goes_on) in a text
  // wrapped at a width (TextDoc::hard_wrapped), and opens on no address.
  bool wraps_on(std::size_t i) const;
  // Does the line before position p end in ':' and a back-link arrow, with p's line indented
  // deeper under it? A theme that links back from a body's first paragraph puts the arrow
  // there, over the body's list: the indented lines may go on with the body (not must: the
  // arrow may also end it). Never without the rules.
  bool past_the_arrow(std::size_t p) const;
  // Does the line at position p name a list of references and stand as a heading would
  // (the rule of the references' heading)?
  bool heads_a_reference_list(std::size_t p) const;
  // Does a note's number or name ("1. ", "[1] ", "[^a]:", "† ") open the first non-blank
  // line under line i?
  bool notes_open_below(std::size_t i) const;
  // Does line p end in an opening bracket over a line indented deeper ("interface User {")?
  bool opens_an_indented_block(std::size_t p) const;
  // Does line p, just after a lead-in, head code indented deeper on the line below it, no blank
  // line between ("case "$n" in" over "  1) echo one ;;")? Such a header reads as prose word by
  // word; the block under it does not.
  bool heads_indented_code(std::size_t p) const;
  // The list rule (see the constructor): may a list inside a body open at position p (> 0)?
  // Always, without the rules.
  bool note_list_may_open(std::size_t p) const;
  std::size_t opening_from_ = 0;
  // The position of the last line that names the notes ("Footnotes"), when the rules apply;
  // -1: none. (See decode_notes: the notes begin on the line after it.)
  std::size_t notes_heading_ = static_cast<std::size_t>(-1);
  // The positions of the lines that name the comments (names_the_comments), in order, when
  // the rules apply. (See decode_notes: below the first one among a reading's bodies'
  // lines, with no line naming the notes after it, the notes have ended.)
  std::vector<std::size_t> comments_headings_;
  double essay_total_ = 0;
  std::size_t essay_last_ = 0;
};

}  // namespace essaykit::detail::text

#endif
