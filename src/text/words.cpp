// Rare words shared between a reference and a body (see words.h).
#include "text/words.h"

#include <algorithm>
#include <cmath>

namespace essaykit::detail::text {

std::vector<std::uint64_t> WordIndex::words_of(std::string_view s, std::size_t max_words) {
  std::vector<std::uint64_t> out;
  for_each_content_word(s, [&](std::uint64_t h) {
    out.push_back(h);
    return out.size() < max_words;
  });
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

WordIndex::WordIndex(const TextDoc& doc, std::size_t from_line) : from_(from_line) {
  std::vector<std::uint64_t> line_words;
  offsets_.reserve(doc.lines.size() >= from_ ? doc.lines.size() - from_ + 1 : 1);
  for (std::size_t i = 0; i < doc.lines.size(); ++i) {
    if (i >= from_) offsets_.push_back(static_cast<std::uint32_t>(words_.size()));
    if (doc.lines[i].blank) continue;
    ++lines_;
    // (A line's first 200 words say what it is about; the rest cannot change the counts much.)
    line_words = words_of(doc.text(i), 200);
    for (std::uint64_t w : line_words) ++df_[w];
    if (i >= from_) words_.insert(words_.end(), line_words.begin(), line_words.end());
  }
  offsets_.push_back(static_cast<std::uint32_t>(words_.size()));
  weights_.reserve(words_.size());
  for (std::uint64_t w : words_) weights_.push_back(weight(w));
}

float WordIndex::weight(std::uint64_t word) const {
  const auto it = df_.find(word);
  const double df = it == df_.end() ? 1.0 : static_cast<double>(it->second);
  return static_cast<float>(std::min(2.0, std::log2(1.0 + static_cast<double>(lines_) / df) / 3.0));
}

float WordIndex::similarity(const std::vector<std::uint64_t>& context, std::size_t line) const {
  if (line < from_ || line - from_ + 1 >= offsets_.size()) return 0;
  const auto b = words_.begin() + offsets_[line - from_], e = words_.begin() + offsets_[line - from_ + 1];
  float shared = 0;
  auto it = b;
  for (std::uint64_t w : context) {  // both sorted: one merge
    it = std::lower_bound(it, e, w);
    if (it == e) break;
    if (*it == w) shared += weights_[static_cast<std::size_t>(it - words_.begin())];
  }
  return shared / (1.0f + shared);
}

}  // namespace essaykit::detail::text
