// The prose of a block as a person reads it: what claims and sentences print.
//
// A prose block's source still carries its markup: emphasis (`**`, `_`), code ticks, a
// link's destination, a footnote mark, a heading's `#`, an entity, a quote's `>` on a
// continuation line; in plain text, a list item's marker, and the Markdown some plain
// texts still hold. A ProseReading is the block with that markup taken out (a link as
// its words, an image as its alt text, an entity as its character) and a map from the
// block's source offsets to offsets in what is left. Sentences are found in the source,
// so their spans stay exact; their text is cut out of the reading of the whole block,
// so that markup which opens in one sentence and closes in the next is still paired.
//
// In plain text the footnote references the reader found are marks too: the digits a
// copy glued to a word ("code.1", "Core2team"), "[3]", "¹". They are no part of the
// sentence ("… a sponge.1" reads "… a sponge."), and a digit left in would count as a
// number in the claim finder.
//
// Reading is one pass over the block plus one over its markup; a block without any
// markup byte is its own reading, without a copy.
#ifndef ESSAYKIT_SRC_PROSE_READING_H
#define ESSAYKIT_SRC_PROSE_READING_H

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "essaykit/document.h"

namespace essaykit::detail {

// What the reader of one block collects: kept between blocks for their capacity.
struct ProseEdit {
  std::uint32_t begin, end;  // source bytes [begin, end) of the block are dropped ...
  char insert[4];            // ... and insert_len bytes written in their place
  std::uint8_t insert_len;
};
struct ProseDelimiter {      // a run of '*', '_' or '~' that may open or close emphasis
  std::uint32_t pos, len, consumed, original;
  char c;
  bool open, close;
};
struct ProseBracket {        // a '[' or '![' waiting for its ']'
  std::uint32_t pos;
  bool image;
};

// Footnote references to take out of a reading, as spans of the input sorted by start
// (a reader's RefSite spans), and where the block being read starts in the input.
struct ReferenceMarks {
  const std::vector<Span>* spans = nullptr;
  std::size_t block_start = 0;
};

class ProseReading {
 public:
  // Reads `block`, the source bytes of one prose block, with the markup of `format`.
  // `list_item`: the block is a plain-text list item whose source opens with its marker.
  // `marks`: references to take out with the markup (those that lie inside the block).
  // The reading refers to `block`'s bytes: they must outlive it.
  void read(std::string_view block, Format format, bool list_item = false, ReferenceMarks marks = {});

  // The whole block as read.
  std::string_view text() const { return text_; }

  // What is left of the block's source offsets [begin, end) once read (offsets relative
  // to the block): a sentence's text, given the sentence's span within the block.
  std::string_view range(std::size_t begin, std::size_t end) const;

 private:
  // text_[k] for k in [run.text, next run's text) is block[run.source + (k - run.text)];
  // source bytes between runs were dropped. An entity's one-character replacement is a
  // run of its own.
  struct Run {
    std::uint32_t source;
    std::uint32_t text;
  };
  std::size_t map(std::size_t source) const;

  std::string owned_;
  std::string_view text_;
  std::vector<Run> runs_;  // empty: text_ is the block itself
  std::vector<ProseEdit> edits_;
  std::vector<ProseDelimiter> delims_;
  std::vector<ProseBracket> brackets_;
};

}  // namespace essaykit::detail

#endif
