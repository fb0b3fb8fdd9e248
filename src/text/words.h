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

// A table from words (their hashes) to a small value, open-addressed and kept at most
// half full: built per document or per reading of the references, so without an
// allocation per word. (The hashes are FNV-1a: their low bits are as good an index as
// any.)
template <class Value>
class WordMap {
 public:
  // w's value, made (value-initialised) if w has none.
  Value& operator[](std::uint64_t w) {
    std::size_t i = place(w);
    if (!table_[i].used) {
      if (2 * (used_ + 1) > table_.size()) {
        grow();
        i = place(w);
      }
      ++used_;
      table_[i].used = true;
      table_[i].word = w;
    }
    return table_[i].value;
  }
  const Value* find(std::uint64_t w) const {
    const Entry& e = table_[place(w)];
    return e.used ? &e.value : nullptr;
  }
  // f(value) for each word's value, in the table's order.
  template <class F>
  void for_each_value(F&& f) {
    for (Entry& e : table_)
      if (e.used) f(e.value);
  }

 private:
  struct Entry {
    std::uint64_t word = 0;
    bool used = false;
    Value value{};
  };
  std::size_t place(std::uint64_t w) const {
    std::size_t i = static_cast<std::size_t>(w) & (table_.size() - 1);
    while (table_[i].used && table_[i].word != w) i = (i + 1) & (table_.size() - 1);
    return i;
  }
  void grow() {
    std::vector<Entry> old(table_.size() * 2);
    old.swap(table_);
    for (const Entry& e : old)
      if (e.used) table_[place(e.word)] = e;
  }
  std::vector<Entry> table_ = std::vector<Entry>(64);
  std::size_t used_ = 0;
};

// Per line: how many of its first 60 content words the non-blank line before has in
// its first 60 (0 for blank lines and the first non-blank line): how closely a line
// follows on.
std::vector<std::uint8_t> words_shared_with_prev(const TextDoc& doc);

class WordIndex {
 public:
  WordIndex() = default;
  // Counts in how many lines each word stands, and keeps the word sets of the lines
  // from `from_line` on (where bodies may be). When `shared_with_prev` is given, fills
  // it as words_shared_with_prev(doc) would, from the same reading of the words.
  WordIndex(const TextDoc& doc, std::size_t from_line, std::vector<std::uint8_t>* shared_with_prev = nullptr);
  bool empty() const { return lines_ == 0; }
  std::size_t from_line() const { return from_; }

  // Line `line` (at or after from_line) has two content words or more and none of them
  // recurs in the document: none stands on kTopicLines lines or more, its own among them.
  // The words a text is about come back; a comment's thanks and praise do not.
  bool off_topic(std::size_t line) const {
    return line >= from_ && line - from_ < off_topic_.size() && off_topic_[line - from_] != 0;
  }
  static constexpr std::uint32_t kTopicLines = 4;

  // Calls f(word, weight) for each content word of line `line` (at or after from_line),
  // a word weighing by its rarity in the document's lines: for scoring one line against
  // many contexts at once (the similarity of a line and a context is log(1 + the weights
  // of the words they share)).
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
  std::vector<float> weights_;  // words_[k]'s weight, computed once: similarity runs per line and note
  std::vector<std::uint8_t> off_topic_;  // per line from from_
};

}  // namespace essaykit::detail::text

#include "text/words_inl.h"

#endif
