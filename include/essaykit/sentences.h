// essaykit/sentences.h — sentence boundaries in running text.
//
//   std::string_view text = "Mr. Smith arrived at 5 p.m. He left at 6.";
//   for (const essaykit::Span& s : essaykit::split_sentences(text))
//     std::cout << essaykit::slice(text, s) << "\n";
//   // Mr. Smith arrived at 5 p.m.
//   // He left at 6.
//
// analyze() splits every paragraph, list item and footnote this way (Options::sentences
// keeps the result); this function is the same segmenter on a text of your own, with
// no structure recovered first. It never fails; empty or blank text has no sentences.
#ifndef ESSAYKIT_SENTENCES_H
#define ESSAYKIT_SENTENCES_H

#include <string_view>
#include <vector>

#include "essaykit/config.h"
#include "essaykit/document.h"

ESSAYKIT_BEGIN_NAMESPACE

// The sentences of `text` in order, as spans into it (lines counted from 1 in `text`),
// without surrounding white space or a byte-order mark that opens the text. A blank line
// always ends a sentence; a single line break does not (text wrapped at a width, or
// broken in a PDF, runs on).
ESSAYKIT_API std::vector<Span> split_sentences(std::string_view text);

ESSAYKIT_END_NAMESPACE

#endif
