// The evidence a careful reader uses to tell what a line of plain text is: its
// shape (length, closing punctuation, capitals, markers, how much it reads as code),
// its place (blank lines around it, the block it sits in, the start or end of the
// document) and its neighbours (a lead-in before it, lines of the same shape beside
// it, a longer line after it). Each is a named feature; the line labeller
// (labeller.h) weighs them with weights fitted on annotated posts (weights.inc,
// written by tools/fit/fit_text_model.py), so no feature decides anything alone.
//
// Every feature is emitted twice: as itself, and once more conjoined with "the copy
// has no blank lines" (the `_nb` rows of the weights), because the same shape means
// different things in the two kinds of copy: a short line between long ones is a
// heading or an item where paragraphs are single lines, and little where blank lines
// separate everything.
#ifndef ESSAYKIT_SRC_TEXT_FEATURES_H
#define ESSAYKIT_SRC_TEXT_FEATURES_H

#include <cstddef>
#include <cstdint>
#include <vector>

#include "text/lines.h"
#include "text/words.h"

namespace essaykit::detail::text {

// X(name, what it says). Binary unless the description gives a range.
#define ESSAYKIT_LINE_FEATURES(X)                                                                     \
  X(bias, "always 1: the prior of each label")                                                          \
  /* length, in code points and words */                                                                \
  X(len_le3, "at most 3 characters")                                                                    \
  X(len_le10, "4-10 characters")                                                                        \
  X(len_le20, "11-20 characters")                                                                       \
  X(len_le40, "21-40 characters")                                                                       \
  X(len_le60, "41-60 characters")                                                                       \
  X(len_le80, "61-80 characters")                                                                       \
  X(len_le120, "81-120 characters")                                                                     \
  X(len_le200, "121-200 characters")                                                                    \
  X(len_gt200, "over 200 characters")                                                                  \
  X(words_1, "one word")                                                                                \
  X(words_2_3, "two or three words")                                                                    \
  X(words_4_6, "four to six words")                                                                     \
  X(words_7_12, "seven to twelve words")                                                                \
  X(words_gt12, "more than twelve words")                                                               \
  X(shorter_than_half_median, "under half the median line length (above a page's comments)")            \
  X(longer_than_median, "over the median line length (above a page's comments)")                        \
  /* how it ends */                                                                                     \
  X(ends_period, "ends in '.'")                                                                         \
  X(ends_colon, "ends in ':' (a lead-in)")                                                              \
  X(ends_question, "ends in '?'")                                                                       \
  X(ends_exclaim, "ends in '!'")                                                                        \
  X(ends_comma, "ends in ','")                                                                          \
  X(ends_semicolon, "ends in ';'")                                                                      \
  X(ends_bracket, "ends in ')' or ']'")                                                                 \
  X(ends_quote, "ends in a closing quote")                                                              \
  X(ends_letter, "ends in a letter (no punctuation)")                                                   \
  X(ends_digit, "ends in a digit")                                                                      \
  X(ends_non_ascii, "ends in a non-ASCII character")                                                    \
  X(closes_sentence, "ends a sentence (. ! ? before closing quotes and brackets)")                      \
  X(several_sentences, "holds a sentence stop followed by a capital: more than one sentence")           \
  /* how it starts */                                                                                   \
  X(starts_upper, "first letter upper case (or a digit)")                                               \
  X(starts_lower, "first letter lower case")                                                            \
  X(starts_digit, "opens with a digit")                                                                 \
  X(starts_quote, "opens with a quotation mark")                                                        \
  X(starts_bracket, "opens with '(' or '['")                                                            \
  X(starts_symbol, "opens with another symbol")                                                         \
  X(starts_function_word, "first word is an article, pronoun, conjunction or preposition")              \
  X(starts_connective, "first word links to what came before (So, But, And, However, Also, Then ...)") \
  X(starts_pronoun_it, "opens with a pronoun that points back (It, This, That, These, They)")           \
  /* case and code */                                                                                   \
  X(title_case, "most longer words capitalised (two words or more)")                                    \
  X(all_caps, "in capitals")                                                                            \
  X(code_low, "reads a little as code (0.2-0.35)")                                                      \
  X(code_mid, "reads as code (0.35-0.6)")                                                               \
  X(code_high, "reads strongly as code (0.6 and over)")                                                 \
  X(identifier, "a name or command from code in a short line (Sauce<T>, cc -o a a.c, $x$)")             \
  X(sentence_like, "a piece of a sentence: ends on 'the'/'and'/a dash, '; ', 'Here are ...'")           \
  X(ends_function_word, "ends on a word that needs more after it (of, to, like, with, is, the ...)")     \
  X(has_call, "a name glued to '(' (f(x), library(brms), set.seed(1))")                                 \
  X(has_assignment, "an assignment or binding (x = 1, a <- b, x := y, =>)")                              \
  X(starts_prompt, "opens with a shell or REPL prompt ($ , > , >>> , ghci> , ❯ )")                      \
  X(has_identifier, "a word joined by _ . :: or in camelCase (ptr::write, set_seed, typeOf)")           \
  X(title_isolated, "a title's shape, alone between blank lines")                                      \
  X(title_over_text, "a title's shape, glued above a longer line after a blank line")                   \
  X(title_between_long, "a title's shape between two long lines")                                      \
  X(heading_shaped, "short, capitalised, no closing punctuation, not code: a title's shape")            \
  /* markers and numbers */                                                                             \
  X(marker_bullet, "opens with a bullet (- * • ...)")                                                   \
  X(marker_number, "opens with a list number (1. 1) (1))")                                              \
  X(marker_letter, "opens with a list letter (a. a) (a))")                                              \
  X(marker_roman, "opens with a roman numeral (iv.)")                                                   \
  X(heading_number, "opens with a heading number (2., II., A.)")                                        \
  X(heading_number_deep, "opens with a numbered subsection (2.3)")                                      \
  X(heading_number_named, "opens with a stage named in words (Step 2:, Part 3 -)")                      \
  X(note_marker, "opens with a footnote number ([1], ^1, ¹, 1.)")                                       \
  X(note_marker_bracketed, "opens with an unambiguous footnote number ([1], ^1, ¹)")                    \
  X(note_label_definition, "opens with a labelled footnote definition [^x]:")                           \
  X(symbol_opener, "opens with a note symbol and a space (* † ‡ §)")                                  \
  /* indentation */                                                                                     \
  X(indented, "indented two columns or more")                                                          \
  X(indent_deeper, "indented deeper than the line before")                                              \
  X(indent_shallower, "indented less than the line before")                                             \
  /* words and kinds of line */                                                                         \
  X(section_name, "a standard section name (Introduction, Conclusion, Further reading ...)")            \
  X(notes_heading, "Notes / Footnotes / Endnotes")                                                      \
  X(byline, "a post's metadata line (By ..., Posted ..., fields separated by · or |)")                  \
  X(file_or_url, "a file name or an address alone")                                                     \
  X(has_url, "holds an address (://)")                                                                  \
  X(anchor_end, "ends with the heading's anchor link (#name)")                                          \
  X(backlink_end, "ends with a footnote's back-link arrow")                                             \
  X(has_question, "holds a question mark")                                                              \
  X(term_colon, "opens with a short term and ': ' (Mentor: Kim Yu)")                                    \
  X(term_dash, "opens with a short term and a dash (Term - explanation)")                               \
  X(second_person, "speaks to the reader or the author (you, your)")                                    \
  X(first_person, "speaks as the writer (I, my, we)")                                                   \
  X(praise, "praises or thanks (great, love, thanks, helpful ...)")                                     \
  X(repeated_earlier, "the same text stands on an earlier line (a table of contents, then the section)") \
  X(repeated_later, "the same text stands on a later line")                                             \
  X(tab_columns, "holds a tab or a run of spaces between words: a table row or aligned code")           \
  /* place */                                                                                           \
  X(after_title, "the first line after the title")                                                      \
  X(in_last_tenth, "in the last tenth of the document's lines")                                         \
  X(last_line, "the document's last non-blank line")                                                    \
  X(blank_before, "a blank line before it")                                                             \
  X(blank_after, "a blank line after it")                                                               \
  X(isolated, "blank lines before and after it")                                                        \
  X(block_1, "alone in its block of consecutive lines")                                                 \
  X(block_2, "in a block of two lines")                                                                 \
  X(block_3_5, "in a block of three to five lines")                                                     \
  X(block_6, "in a block of six lines or more")                                                         \
  X(block_first, "first line of its block (of two or more)")                                            \
  X(block_last, "last line of its block (of two or more)")                                              \
  X(block_mostly_short, "most lines of its block are short (under 80 characters)")                      \
  X(block_has_code, "another line of its block reads as code")                                          \
  /* the line before */                                                                                 \
  X(prev_none, "no line before it (after the title, nothing)")                                          \
  X(prev_ends_colon, "the line before ends in ':' (a lead-in)")                                         \
  X(prev_closes_sentence, "the line before ends a sentence")                                            \
  X(prev_ends_question, "the line before ends in '?'")                                                  \
  X(prev_short, "the line before is short (under 60 characters)")                                       \
  X(prev_long, "the line before is long (100 characters or more)")                                      \
  X(prev_heading_shaped, "the line before has a title's shape")                                         \
  X(prev_marker, "the line before opens with a list marker")                                            \
  X(prev_code, "the line before reads as code")                                                         \
  X(prev_notes_heading, "the line before is Notes / Footnotes")                                         \
  X(prev_backlink_end, "the line before ends with a back-link arrow")                                   \
  X(prev_is_title, "the line before is the title")                                                      \
  /* the line after */                                                                                  \
  X(next_none, "no line after it")                                                                      \
  X(next_ends_colon, "the line after ends in ':'")                                                      \
  X(next_closes_sentence, "the line after ends a sentence")                                             \
  X(next_short, "the line after is short (under 60 characters)")                                        \
  X(next_long, "the line after is long (100 characters or more)")                                       \
  X(next_much_longer, "the line after is at least 40 characters longer")                                \
  X(next_heading_shaped, "the line after has a title's shape")                                          \
  X(next_marker, "the line after opens with a list marker")                                             \
  X(next_code, "the line after reads as code")                                                          \
  X(next_note_marker, "the line after opens with a footnote number")                                    \
  X(underlined_eq, "the line after underlines it with '='")                                             \
  X(underlined_dash, "the line after underlines it with '-'")                                           \
  /* runs of alike lines */                                                                             \
  X(parallel_prev, "opens or ends like the line before (same first word, same marker, same shape)")     \
  X(parallel_next, "opens or ends like the line after")                                                 \
  X(same_first_word_prev, "opens with the same word (or two) as the line before")                                     \
  X(same_first_word_next, "opens with the same word (or two) as the line after")                                      \
  X(touches_code, "the line just before or after it, no blank line between, reads as code (a call, an assignment, a prompt, symbols)") \
  X(in_lead_in_run, "one of three or more alike lines that a lead-in ending in ':' opens (its items, however long)") \
  X(in_lead_in_pair, "one of two alike lines that a lead-in ending in ':' opens")                      \
  X(in_opening_run, "one of three or more lines in a row that open with the same words (Use ..., Use ...)") \
  X(in_announced_count, "within the count a lead-in announced (three reasons:, all four)")              \
  X(past_announced_count, "just past the count a lead-in announced")                                    \
  X(short_between_long, "a short line between two long ones")                                           \
  X(coheres_prev, "shares two or more content words with the line before: the same thread goes on")     \
  X(apart_from_prev, "shares no content word with the line before (both long enough to)")               \
  X(coheres_next, "shares two or more content words with the line after")                               \
  X(doc_marks_lists, "the document marks its lists with bullets or numbers")                            \
  X(doc_underlines, "the document underlines its headings")                                             \
  X(doc_hard_wrapped, "the document breaks its prose at a width")                                       \
  X(runs_on_from_prev, "the line before, with no blank between, stops mid-sentence and this one goes on in lower case or after a function word") \
  X(marker_sequence, "a list marker whose neighbour line carries the next or previous marker of the same kind")                   \
  X(wrapped_continuation, "in a document wrapped at a width: the line before stops mid-sentence at the width") \
  /* what the line is about: weighed for `after` only, by counting (essaykit_fit's                    \
     calibrate_after_matter), not by the perceptron (see is_essay_evidence) */                         \
  X(off_topic, "in the notes' region: none of its content words (two or more) stands on three other lines")

enum class Feature : std::uint16_t {
#define ESSAYKIT_FEATURE_ENUM(name, doc) name,
  ESSAYKIT_LINE_FEATURES(ESSAYKIT_FEATURE_ENUM)
#undef ESSAYKIT_FEATURE_ENUM
      count_
};
constexpr std::size_t kBaseFeatures = static_cast<std::size_t>(Feature::count_);
// Feature f of a line in a copy without blank lines also fires as row f + kBaseFeatures.
constexpr std::size_t kFeatureRows = 2 * kBaseFeatures;

// Does row r weigh for the note tags (note_begin, note_more, note_item, after)? A
// footnote body is told from the essay around it by a few kinds of evidence — its
// opening, what leads into a continuation, its place at the end, how a comment speaks
// — not by every trait of a line: the note tags see only those, so that what they
// learn from one blog's notes carries over to another's.
bool is_note_evidence(std::size_t row);

// Does row r weigh for the essay tags? Every row but those measured only where bodies
// may be (off_topic: the words of the lines before the notes' region are not kept),
// which would tell the essay's lines apart by where they are rather than what they are.
// (off_topic is no note evidence either: the fitting tool weighs it for `after` alone.)
bool is_essay_evidence(std::size_t row);

// Line i goes on with a sentence the line just before it (no blank between) left open:
// that line stops without a stop, and this one opens in lower case or follows a
// function word or a comma. Such lines are one paragraph, however the copy broke them.
bool runs_on(const TextDoc& doc, std::size_t i);

// Line i goes on with the sentence the line before left open, as a wrapped line does: it
// runs on (runs_on) and its first character is a small letter ("<vague mumbling>" under "…is
// defined for" is an item).
bool goes_on(const TextDoc& doc, std::size_t i);

// Per line: it goes on with a sentence that the line before broke at its end, surely so.
// It runs on (runs_on), opens on a small letter, neither it nor the line before ends in ','
// or ';', it reads as the rest of a paragraph (it ends the sentence, or is six tenths as long
// as the line before or more: "buy milk" under "…I still need to" is an item); and the line
// before either ends a sentence inside it and leaves the next, two
// words or more of it, open ("…a night. Students need" over "time to rest …"), or is such a
// line itself (the rest of the paragraph, "open a few" over "files) so that …"). Lines that
// run on without such a stop above them may be a list's items in small letters ("can be
// used less than once" over "can be used more than once", a poem's lines, "equality,
// comparison, and hashing," under "…applications include"), which a copy keeps one a line
// as it keeps a wrapped paragraph's lines.
std::vector<bool> sentences_broken(const TextDoc& doc);

// Line i carries a list marker, and the nearest line before or after it the next or the
// previous marker of the same kind ("1)" then "2)", or two bullets). What markup survives
// is the strongest evidence a copy has: such a line opens an item (of the essay or of a
// note) or a note, and the labeller decodes it so.
bool in_marker_sequence(const TextDoc& doc, std::size_t i);

// The name of row r ("ends_colon", "ends_colon_nb").
std::string_view feature_name(std::size_t row, std::string& scratch);

// Computes the features of any line on demand, so that a decoder can score a
// line, move on and score it again on its way back without storing them: a
// document's features would take as much memory as the document. What the features
// need of the whole document (its median line length, its blocks, repeated lines,
// announced counts) is measured once by the constructor.
class FeatureExtractor {
 public:
  // `title`: the title line, or TextDoc::npos. `shared_with_prev`: the counts of
  // words_shared_with_prev(doc), one per line, when the caller has them (a WordIndex
  // reads them in the same pass); empty, they are counted here.
  // `words`: the words of the notes' region, for off_topic (nullptr: no such region).
  // It is read when a line is asked for, so a caller may index the words again later.
  FeatureExtractor(const TextDoc& doc, std::size_t title, std::vector<std::uint8_t> shared_with_prev = {},
                   const WordIndex* words = nullptr);
  // Appends the active rows of line i (not blank) to `rows`, each once, in
  // increasing order.
  void line(std::size_t i, std::vector<std::uint16_t>& rows) const;
  // How many lines of the document hold line i's text exactly (trimmed): 1 for a line that
  // stands once, and for a line of more than 100 characters, which is not compared.
  std::uint32_t times_written(std::size_t i) const;
  // Line i reads as code: symbols in most of it and no finished sentence, or a call, an
  // assignment or a prompt (what prev_code and touches_code ask of a neighbour).
  bool line_reads_as_code(std::size_t i) const;
  // Line i goes on alike after a line that leads in (ends in ':'), as a list's items do
  // under their lead-in (the run the in_lead_in_run and in_lead_in_pair features say).
  bool in_lead_in_run(std::size_t i) const { return lead_run_[i] != 0; }

 private:
  bool parallel(std::size_t a, std::size_t b) const;
  struct Repeat;
  // The entry of repeated_ that holds line i's text, or nullptr (it stands once, or is long).
  const Repeat* repeat_of(std::size_t i) const;
  const TextDoc& doc_;
  std::size_t title_;
  const WordIndex* words_;
  std::uint32_t median_chars_ = 0;
  std::uint32_t wrap_width_ = 0;
  bool marks_lists_ = false;
  std::vector<std::uint32_t> block_start_;       // per line: first line of its block of non-blank lines
  std::vector<std::uint32_t> block_end_;         // per block start: one past its last line
  struct Repeat {
    std::uint32_t first, last;  // the first and last line holding it
    std::uint32_t count;        // how many lines hold it
  };
  static constexpr std::uint32_t kNoRepeat = static_cast<std::uint32_t>(-1);
  std::vector<Repeat> repeated_;                 // short lines that stand more than once (same text hash)
  std::vector<std::uint32_t> repeat_of_line_;    // per line: its entry in repeated_, or kNoRepeat (empty: none)
  std::vector<std::uint8_t> announced_;          // per line: 1 inside an announced count, 2 just past it
  std::vector<std::uint8_t> code_;               // per line: its code traits, and whether it reads as code (CodeTrait)
  std::vector<std::uint8_t> lead_run_;           // per line: the length (2, or 3 for more) of the lead-in's run it is in
  std::vector<std::uint8_t> opening_run_;        // per line: 1 in a run of three or more lines that open alike
  std::vector<std::uint8_t> shared_with_prev_;   // per line: content words shared with the line before (<= 60)
};

}  // namespace essaykit::detail::text

#endif
