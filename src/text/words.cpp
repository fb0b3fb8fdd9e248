// Rare words shared between a reference and a body (see words.h).
#include "text/words.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <type_traits>

namespace essaykit::detail::text {

namespace {

// The sorted, distinct words of [first, last) into `out` (which may be where they are).
std::size_t sorted_distinct(const std::uint64_t* first, const std::uint64_t* last, std::uint64_t* out) {
  if (out != first) std::copy(first, last, out);
  const std::size_t n = static_cast<std::size_t>(last - first);
  std::sort(out, out + n);
  return static_cast<std::size_t>(std::unique(out, out + n) - out);
}

std::size_t count_shared(const std::uint64_t* a, std::size_t na, const std::uint64_t* b, std::size_t nb) {
  std::size_t shared = 0;
  for (std::size_t i = 0, j = 0; i < na && j < nb;) {
    if (a[i] == b[j]) ++shared, ++i, ++j;
    else if (a[i] < b[j]) ++i;
    else ++j;
  }
  return shared;
}

constexpr std::size_t kIndexWords = 200;  // a line's first 200 words say what it is about
constexpr std::size_t kSharedWords = 60;  // (kept under 256: the counts are bytes)

// Reads each non-blank line's content words once, for two uses:
// - index_line(i, words, n): its first kIndexWords, sorted and distinct (unless
//   index_line is nullptr);
// - (*shared)[i], when `shared` is given: how many of its first kSharedWords the
//   non-blank line before also has in its first kSharedWords.
template <class IndexLine>
void read_line_words(const TextDoc& doc, std::vector<std::uint8_t>* shared, IndexLine&& index_line) {
  constexpr bool kIndex = !std::is_same_v<std::decay_t<IndexLine>, std::nullptr_t>;
  std::vector<std::uint64_t> words(kIndex ? kIndexWords : 0);  // (in the text's order until sorted)
  std::uint64_t head[2][kSharedWords];  // the line's and the line before's first words, sorted
  std::size_t heads[2] = {0, 0}, cur = 0;
  bool have_prev = false;
  if (shared) shared->assign(doc.lines.size(), 0);
  for (std::size_t i = 0; i < doc.lines.size(); ++i) {
    if (doc.lines[i].blank) continue;
    // (Without an index, the words go straight where they are counted.)
    std::uint64_t* const read = kIndex ? words.data() : head[cur];
    const std::size_t max_words = kIndex ? kIndexWords : kSharedWords;
    std::size_t n = 0;
    for_each_content_word(doc.text(i), [&](std::uint64_t h) {
      read[n++] = h;
      return n < max_words;
    });
    if (shared) {
      heads[cur] = sorted_distinct(read, read + std::min(n, kSharedWords), head[cur]);
      if (have_prev)
        (*shared)[i] = static_cast<std::uint8_t>(count_shared(head[1 - cur], heads[1 - cur], head[cur], heads[cur]));
      have_prev = true;
    }
    if constexpr (kIndex) {
      if (shared && n <= kSharedWords) {  // (the same words: sorted once)
        std::copy(head[cur], head[cur] + heads[cur], words.data());
        n = heads[cur];
      } else {
        n = sorted_distinct(words.data(), words.data() + n, words.data());
      }
      index_line(i, words.data(), n);
    }
    cur = 1 - cur;
  }
}

}  // namespace

std::vector<std::uint8_t> words_shared_with_prev(const TextDoc& doc) {
  std::vector<std::uint8_t> shared;
  read_line_words(doc, &shared, nullptr);
  return shared;
}

WordIndex::WordIndex(const TextDoc& doc, std::size_t from_line, std::vector<std::uint8_t>* shared_with_prev)
    : from_(from_line) {
  WordMap<std::uint32_t> df;  // in how many lines each word stands
  offsets_.reserve(doc.lines.size() >= from_ ? doc.lines.size() - from_ + 1 : 1);
  std::size_t next = 0;  // the next line whose offset is due
  read_line_words(doc, shared_with_prev, [&](std::size_t i, const std::uint64_t* line_words, std::size_t n) {
    for (; next <= i; ++next)
      if (next >= from_) offsets_.push_back(static_cast<std::uint32_t>(words_.size()));
    ++lines_;
    for (std::size_t k = 0; k < n; ++k) ++df[line_words[k]];
    if (i >= from_) words_.insert(words_.end(), line_words, line_words + n);
  });
  for (; next < doc.lines.size(); ++next)
    if (next >= from_) offsets_.push_back(static_cast<std::uint32_t>(words_.size()));
  offsets_.push_back(static_cast<std::uint32_t>(words_.size()));
  // A word's weight is its rarity in the document's lines (computed once: similarity runs
  // per line and note).
  weights_.reserve(words_.size());
  off_topic_.assign(offsets_.size() - 1, 0);
  for (std::size_t l = 0; l + 1 < offsets_.size(); ++l) {
    const std::uint32_t b = offsets_[l], e = offsets_[l + 1];
    if (e - b < 2) continue;
    bool recurs = false;
    for (std::uint32_t k = b; k < e && !recurs; ++k) recurs = *df.find(words_[k]) >= kTopicLines;
    off_topic_[l] = !recurs;
  }
  for (std::uint64_t w : words_) {
    const std::uint32_t* count = df.find(w);
    const double lines_with = count ? static_cast<double>(*count) : 1.0;
    weights_.push_back(
        static_cast<float>(std::min(2.0, std::log2(1.0 + static_cast<double>(lines_) / lines_with) / 3.0)));
  }
}

}  // namespace essaykit::detail::text
