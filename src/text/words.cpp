// Rare words shared between a reference and a body (see words.h).
#include "text/words.h"

#include <algorithm>
#include <cmath>

namespace essaykit::detail::text {

namespace {

// The sorted, distinct content words of `s` (at most `max_words`), into `out`.
void sorted_words(std::string_view s, std::size_t max_words, std::vector<std::uint64_t>& out) {
  out.clear();
  for_each_content_word(s, [&](std::uint64_t h) {
    out.push_back(h);
    return out.size() < max_words;
  });
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

}  // namespace

WordIndex::WordIndex(const TextDoc& doc, std::size_t from_line) : from_(from_line) {
  WordMap<std::uint32_t> df;  // in how many lines each word stands
  std::vector<std::uint64_t> line_words;
  offsets_.reserve(doc.lines.size() >= from_ ? doc.lines.size() - from_ + 1 : 1);
  for (std::size_t i = 0; i < doc.lines.size(); ++i) {
    if (i >= from_) offsets_.push_back(static_cast<std::uint32_t>(words_.size()));
    if (doc.lines[i].blank) continue;
    ++lines_;
    // (A line's first 200 words say what it is about; the rest cannot change the counts much.)
    sorted_words(doc.text(i), 200, line_words);
    for (std::uint64_t w : line_words) ++df[w];
    if (i >= from_) words_.insert(words_.end(), line_words.begin(), line_words.end());
  }
  offsets_.push_back(static_cast<std::uint32_t>(words_.size()));
  // A word's weight is its rarity in the document's lines (computed once: similarity runs
  // per line and note).
  weights_.reserve(words_.size());
  for (std::uint64_t w : words_) {
    const std::uint32_t* count = df.find(w);
    const double lines_with = count ? static_cast<double>(*count) : 1.0;
    weights_.push_back(
        static_cast<float>(std::min(2.0, std::log2(1.0 + static_cast<double>(lines_) / lines_with) / 3.0)));
  }
}

}  // namespace essaykit::detail::text
