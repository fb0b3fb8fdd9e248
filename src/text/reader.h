// The plain-text reader, in stages: the lines and what is set aside before labelling
// (title, subtitle, rules), the readings of the footnote references, the labelling,
// and the block model built from it. read_text() (block_model.h) runs them all with
// the fitted model; the fitting tool (tools/fit) runs them with others.
#ifndef ESSAYKIT_SRC_TEXT_READER_H
#define ESSAYKIT_SRC_TEXT_READER_H

#include <cstddef>
#include <optional>
#include <vector>

#include "block_model.h"
#include "text/features.h"
#include "text/labeller.h"
#include "text/notes.h"
#include "text/words.h"

namespace essaykit::detail::text {

struct Reading {
  TextDoc doc;
  std::size_t title = TextDoc::npos;
  std::size_t subtitle = TextDoc::npos;
  std::optional<Title> front_title;  // the title: of a front matter block (then `title` is npos)
  std::vector<bool> decoded;  // the lines the labeller labels: not blank, title, subtitle or rule
  // A page's chrome above its title (a skip link, the site's name, the menu): lines
  // [chrome_first, chrome_end), set aside; chrome_end is 0 where there is none.
  std::size_t chrome_first = 0, chrome_end = 0;
  NoteReadings notes;
  WordIndex words;            // from the earliest line a body may begin on
  std::optional<FeatureExtractor> features;

  Reading(std::string_view input, const LineIndex& index);
  Reading(const Reading&) = delete;
  Reading& operator=(const Reading&) = delete;
  // The words from `line` on, when a caller needs them earlier than the readings did.
  void index_words_from(std::size_t line);
};

// Labels the lines with `model` and builds the block model.
BlockModel build(Reading& reading, const Model& model);

}  // namespace essaykit::detail::text

#endif
