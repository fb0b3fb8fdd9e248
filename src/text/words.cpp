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

// In how many lines each word stands: one open-addressed table of the words' hashes,
// filled line by line, without an allocation per word.
class LineCounts {
 public:
  void add(std::uint64_t w) {
    Entry* e = &table_[place(w)];
    if (e->count == 0) {
      if (2 * (used_ + 1) > table_.size()) {  // (kept at most half full)
        grow();
        e = &table_[place(w)];
      }
      ++used_;
      e->word = w;
    }
    ++e->count;
  }
  std::uint32_t count(std::uint64_t w) const { return table_[place(w)].count; }

 private:
  struct Entry {
    std::uint64_t word = 0;
    std::uint32_t count = 0;  // 0: an empty entry
  };
  // Where w's entry is, or goes. (The hashes are FNV-1a: their low bits are as good an
  // index as any.)
  std::size_t place(std::uint64_t w) const {
    std::size_t i = static_cast<std::size_t>(w) & (table_.size() - 1);
    while (table_[i].count != 0 && table_[i].word != w) i = (i + 1) & (table_.size() - 1);
    return i;
  }
  void grow() {
    std::vector<Entry> old(table_.size() * 2);
    old.swap(table_);
    for (const Entry& e : old)
      if (e.count != 0) table_[place(e.word)] = e;
  }
  std::vector<Entry> table_ = std::vector<Entry>(256);
  std::size_t used_ = 0;
};

}  // namespace

std::vector<std::uint64_t> WordIndex::words_of(std::string_view s, std::size_t max_words) {
  std::vector<std::uint64_t> out;
  sorted_words(s, max_words, out);
  return out;
}

WordIndex::WordIndex(const TextDoc& doc, std::size_t from_line) : from_(from_line) {
  LineCounts df;
  std::vector<std::uint64_t> line_words;
  offsets_.reserve(doc.lines.size() >= from_ ? doc.lines.size() - from_ + 1 : 1);
  for (std::size_t i = 0; i < doc.lines.size(); ++i) {
    if (i >= from_) offsets_.push_back(static_cast<std::uint32_t>(words_.size()));
    if (doc.lines[i].blank) continue;
    ++lines_;
    // (A line's first 200 words say what it is about; the rest cannot change the counts much.)
    sorted_words(doc.text(i), 200, line_words);
    for (std::uint64_t w : line_words) df.add(w);
    if (i >= from_) words_.insert(words_.end(), line_words.begin(), line_words.end());
  }
  offsets_.push_back(static_cast<std::uint32_t>(words_.size()));
  // A word's weight is its rarity in the document's lines (computed once: similarity runs
  // per line and note).
  weights_.reserve(words_.size());
  for (std::uint64_t w : words_) {
    const std::uint32_t count = df.count(w);
    const double lines_with = count == 0 ? 1.0 : static_cast<double>(count);
    weights_.push_back(
        static_cast<float>(std::min(2.0, std::log2(1.0 + static_cast<double>(lines_) / lines_with) / 3.0)));
  }
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
