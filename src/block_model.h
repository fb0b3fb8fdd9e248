// The block model: what a reader hands to the passes.
//
// Each reader (markdown_reader.cpp, text_reader.cpp, html_reader.cpp) turns the input
// into this one shape — headings, lists, footnote bodies, reference sites and prose blocks, all
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
  // The text before it, when the reader knows it better than the source line does
  // (HTML: the line holds tags); otherwise taken from the line.
  std::optional<std::string> context = std::nullopt;
};

// A unit of prose: sentences, claims and the word count are taken from these.
enum class ProseRole { paragraph, heading, list_item, footnote };
struct ProseBlock {
  Span span;
  ProseRole role = ProseRole::paragraph;
  std::size_t words = 0;
  // The block's text in BlockModel::prose_text, when the reader gives one.
  std::size_t text_start = 0, text_end = 0;
};

// Prose whose text is not its source: in HTML, tags and character references lie
// between the words. A reader that gives this hands over each prose block's text
// (ProseBlock::text_start/text_end) and where each run of it came from; sentences and
// claims are found in the text and their spans taken back to the input
// (prose_text.cpp), so that they read as words and still point at the source.
struct TextPiece {
  std::size_t text = 0;              // where the run starts in ProseText::text; it ends where the next begins
  std::size_t start = 0, stop = 0;   // its source: the same characters, with references
                                     // ("&amp;") and line ends as written; start == stop for text
                                     // with no source (a line break for <br>)
};
struct ProseText {
  std::string text;
  std::vector<TextPiece> pieces;  // in text order
};

struct BlockModel {
  std::optional<Title> title;
  std::optional<Title> subtitle;
  std::vector<HeadingBlock> headings;  // document order
  std::vector<ListBlock> lists;        // document (pre-)order
  std::vector<FootnoteBody> bodies;    // document order
  std::vector<RefSite> refs;           // document order
  std::vector<ProseBlock> prose;       // document order
  std::optional<ProseText> prose_text;
  std::vector<Diagnostic> diagnostics;
};

// Readers. All take the whole input (BOM included) and never fail: anything that
// is not binary is some document.
BlockModel read_markdown(std::string_view input, const LineIndex& lines);
BlockModel read_text(std::string_view input, const LineIndex& lines);
// A YAML (---) or TOML (+++) front matter block that opens the input, closed by its
// fence, as the Markdown reader reads it: the offset just past its closing fence line (0:
// none), and its title: key's value, if any. The plain-text reader sets it aside too: a
// Markdown file read with --from text keeps its metadata out of the prose and its title.
std::size_t front_matter_end(std::string_view input, const LineIndex& lines, std::optional<Title>& title);
BlockModel read_html(std::string_view input, const LineIndex& lines);  // html_reader.cpp

// prose_text.cpp — the source offsets of text offsets of a ProseText: where the
// character at `text_offset` starts in the input, and where the one before
// `text_end` ends.
std::size_t source_start(const ProseText& prose, std::string_view input, std::size_t text_offset);
std::size_t source_end(const ProseText& prose, std::string_view input, std::size_t text_end);

// Adds one diagnostic per run of invalid UTF-8 bytes.
void report_invalid_utf8(std::string_view input, const LineIndex& lines, std::vector<Diagnostic>& out);

}  // namespace essaykit::detail

#endif
