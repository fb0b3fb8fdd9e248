// The block model: what a reader hands to the passes.
//
// Each reader (markdown_reader.cpp, text_reader.cpp) turns the input into this one
// shape — headings, lists, footnote bodies, reference sites and prose blocks, all
// with byte spans into the input — and the passes (sections, lists, footnotes,
// sentences, claims, stats) build the Document from it without knowing the format.
#ifndef ESSAYKIT_SRC_BLOCK_MODEL_H
#define ESSAYKIT_SRC_BLOCK_MODEL_H

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "essaykit/document.h"
#include "text_util.h"

namespace essaykit::detail {

struct HeadingBlock {
  Span span;
  int level = 1;
  std::string title;
  double confidence = 1.0;
};

struct ListBlock {
  bool ordered = false;
  Span span;
  std::optional<ItemRef> parent_item;  // indices into BlockModel::lists
  std::vector<ListItem> items;
  double confidence = 1.0;
};

// A footnote body found by the reader, with the label it was defined under.
struct FootnoteBody {
  std::string label;
  Span span;
  std::string text;
  double confidence = 1.0;
};

// A place where the text refers to a footnote.
struct RefSite {
  std::string label;
  Span span;
};

// A unit of prose: sentences, claims and the word count are taken from these.
enum class ProseRole { paragraph, heading, list_item, footnote };
struct ProseBlock {
  Span span;
  ProseRole role = ProseRole::paragraph;
  std::size_t words = 0;
};

struct BlockModel {
  std::optional<Title> title;
  std::optional<Title> subtitle;
  std::vector<HeadingBlock> headings;  // document order
  std::vector<ListBlock> lists;        // document (pre-)order
  std::vector<FootnoteBody> bodies;    // document order
  std::vector<RefSite> refs;           // document order
  std::vector<ProseBlock> prose;       // document order
  std::vector<Diagnostic> diagnostics;
};

// Readers. Both take the whole input (BOM included) and never fail: anything that
// is not binary is some document.
BlockModel read_markdown(std::string_view input, const LineIndex& lines);
BlockModel read_text(std::string_view input, const LineIndex& lines);

// Adds one diagnostic per run of invalid UTF-8 bytes.
void report_invalid_utf8(std::string_view input, const LineIndex& lines, std::vector<Diagnostic>& out);

}  // namespace essaykit::detail

#endif
