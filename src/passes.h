// The passes: each builds one part of the Document from the block model.
#ifndef ESSAYKIT_SRC_PASSES_H
#define ESSAYKIT_SRC_PASSES_H

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "block_model.h"
#include "essaykit/analyze.h"

namespace essaykit::detail {

// sections.cpp — the section tree: parents from levels, end_of_section from the next
// heading at the same or an outer level.
std::vector<Section> build_sections(std::vector<HeadingBlock>&& headings, std::size_t input_size);

// The innermost section holding `offset`: the last heading that starts at or before it.
std::optional<std::size_t> section_at(const std::vector<Section>& sections, std::size_t offset);

// What each section holds directly (not counting its subsections), for the outline.
struct SectionCounts {
  std::size_t lists = 0;
  std::size_t footnote_refs = 0;
};
std::vector<SectionCounts> count_per_section(const Document& document);

// lists.cpp — numbers the lists and places each in its section.
std::vector<List> place_lists(std::vector<ListBlock>&& lists, const std::vector<Section>& sections);

// footnotes.cpp — links every reference to the body with its label, in order of
// first reference; orphans on either side stay and get a diagnostic.
std::vector<Footnote> link_footnotes(std::vector<FootnoteBody>&& bodies, const std::vector<RefSite>& refs,
                                     std::string_view input, const LineIndex& lines,
                                     std::vector<Diagnostic>& diagnostics);

// sentences.cpp — the sentences of every prose block, in document order, with the
// index of the block each comes from (block_of[i] for sentences[i]).
std::vector<Sentence> split_sentences(std::string_view input, const std::vector<ProseBlock>& prose,
                                      const LineIndex& lines, std::vector<std::uint32_t>& block_of);
// The sentence spans of one piece of text, as offsets relative to `text`.
void split_sentences(std::string_view text, std::vector<std::pair<std::size_t, std::size_t>>& out);
// Is `word` (without its stop, any case) an abbreviation the splitter never ends a sentence
// on before a small letter: a title before a name ("Mr"), or "etc", "al", "vs" and the like?
bool is_abbreviation(std::string_view word);
// How many sentences split_sentences would give, none of them kept.
std::size_t count_sentences(std::string_view input, const std::vector<ProseBlock>& prose);
// f(block, start, end) for each sentence of each prose block, in document order, as
// offsets into `input`: the walk the three above share, for a caller that keeps what
// it needs of each sentence and nothing else.
// (Of the blocks [first_block, end_block) only, where they are given.)
template <class F>
void for_each_sentence(std::string_view input, const std::vector<ProseBlock>& prose, std::size_t first_block,
                       std::size_t end_block, F&& f) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  for (std::size_t k = first_block; k < end_block; ++k) {
    const Span& b = prose[k].span;
    spans.clear();
    split_sentences(input.substr(b.start, b.end - b.start), spans);
    for (auto [s, e] : spans) f(k, b.start + s, b.start + e);
  }
}
template <class F>
void for_each_sentence(std::string_view input, const std::vector<ProseBlock>& prose, F&& f) {
  for_each_sentence(input, prose, 0, prose.size(), std::forward<F>(f));
}

// prose_reading.cpp — each sentence's text as read (Sentence::text): every block is read
// once (markup removed, see ProseReading), and each of its sentences cut out of it.
// `references`: the footnote references to read away (plain text's; see ReferenceMarks).
void read_sentence_texts(std::string_view input, Format format, const std::vector<ProseBlock>& prose,
                         std::vector<Sentence>& sentences, const std::vector<std::uint32_t>& block_of,
                         const std::vector<Span>& references = {});

// claims.cpp — the sentences that make a claim, and the thesis among them.
// It reads the sentences split_sentences found, so that each is segmented once, and
// their text as read: Sentence::text when `sentence_texts` says read_sentence_texts
// filled it, else it reads each block itself, `references` read away as
// read_sentence_texts does.
// From `two_threads_from` bytes of prose on (and where the machine has two cores or more),
// a second thread reads the second half of the blocks: the claims are the same, one
// thread or two. (0: always two, whatever the machine, for the tests.)
constexpr std::size_t kClaimsTwoThreadsFrom = std::size_t{1} << 20;
std::vector<Claim> find_claims(std::string_view input, Format format, const std::vector<ProseBlock>& prose,
                               const std::vector<Sentence>& sentences, bool sentence_texts,
                               const std::vector<std::uint32_t>& block_of, const std::vector<Section>& sections,
                               const std::vector<Span>& references = {},
                               std::size_t two_threads_from = kClaimsTwoThreadsFrom);
// The same without the sentences kept: it splits each block as split_sentences does, and
// gives the number of sentences in `sentence_count`.
std::vector<Claim> find_claims(std::string_view input, Format format, const std::vector<ProseBlock>& prose,
                               const LineIndex& lines, const std::vector<Section>& sections,
                               std::size_t& sentence_count, const std::vector<Span>& references = {},
                               std::size_t two_threads_from = kClaimsTwoThreadsFrom);

// analyze.cpp — every pass above over a reader's block model, into `doc` (whose
// source is already filled): the pipeline after the reader.
void run_passes(std::string_view input, const LineIndex& lines, const Options& options, BlockModel&& model,
                Document& doc);

// prose_text.cpp — the sentences (and, with `claims`, the claims) of prose given as
// text, their spans taken back to the input: what split_sentences and find_claims
// give for prose whose source is its text.
void prose_text_sentences(const ProseText& text, std::string_view input, const LineIndex& lines,
                          const std::vector<ProseBlock>& prose, const std::vector<Section>& sections, bool claims,
                          std::vector<Sentence>& sentences, std::vector<Claim>& found);

}  // namespace essaykit::detail

#endif
