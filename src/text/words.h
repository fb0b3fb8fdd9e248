// The rare words of a document, for telling which footnote body continues which
// reference: a body and the sentence that calls it share names and rare words
// ("… when I met Grace Hopper4" … "Meeting Grace Hopper was …").
#ifndef ESSAYKIT_SRC_TEXT_WORDS_H
#define ESSAYKIT_SRC_TEXT_WORDS_H

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "text/lines.h"

namespace essaykit::detail::text {

// Calls f(hash) for each content word of `s` (three letters or more, not one of the
// commonest function words, lower-cased), until f returns false.
template <class F>
void for_each_content_word(std::string_view s, F&& f);

class WordIndex {
 public:
  WordIndex() = default;
  // Counts in how many lines each word stands, and keeps the word sets of the lines
  // from `from_line` on (where bodies may be).
  WordIndex(const TextDoc& doc, std::size_t from_line);
  bool empty() const { return lines_ == 0; }

  // The sorted, distinct content words of `s` (at most `max_words`).
  static std::vector<std::uint64_t> words_of(std::string_view s, std::size_t max_words);
  // 0..1: how much line `line` (at or after from_line) shares with `context`: each
  // shared word weighs by its rarity in the document.
  float similarity(const std::vector<std::uint64_t>& context, std::size_t line) const;

  // Calls f(word, weight) for each content word of line `line` (at or after from_line):
  // for scoring one line against many contexts at once. similarity() is
  // shared / (1 + shared) of the weights that line and context share.
  template <class F>
  void for_each_word(std::size_t line, F&& f) const {
    if (line < from_ || line - from_ + 1 >= offsets_.size()) return;
    for (std::uint32_t k = offsets_[line - from_]; k < offsets_[line - from_ + 1]; ++k) f(words_[k], weights_[k]);
  }

 private:
  std::size_t from_ = 0;
  std::size_t lines_ = 0;
  std::vector<std::uint32_t> offsets_;  // per line from from_: into words_
  std::vector<std::uint64_t> words_;
  std::vector<float> weights_;  // weight(words_[k]), computed once: similarity runs per line and note
};

}  // namespace essaykit::detail::text

#include "text/words_inl.h"

#endif
