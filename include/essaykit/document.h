// essaykit/document.h — the document model: what essaykit finds in an essay.
//
// These are plain value types, one per element of the output contract
// "essaykit/document/v1" (schema/document-v1.schema.json in the source tree,
// installed under share/essaykit/). A Document does not keep the input: every
// element carries a Span of byte offsets into the input exactly as it was given
// to analyze(), so the caller's buffer is the single source of text.
//
//   std::string input = essaykit::read_file("post.md").bytes;  // (FileBytes::error says why not)
//   essaykit::Result r = essaykit::analyze(input);
//   for (const essaykit::Section& s : r.document().sections)
//     std::cout << s.level << " " << essaykit::slice(input, s.span) << "\n";
//
// Texts that are *derived* (a heading's title with its markup removed, a footnote
// body with its paragraphs joined) are owned std::strings and always valid UTF-8:
// invalid input bytes become U+FFFD there, while spans still point at the bytes.
#ifndef ESSAYKIT_DOCUMENT_H
#define ESSAYKIT_DOCUMENT_H

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "essaykit/config.h"

ESSAYKIT_BEGIN_NAMESPACE

// ---------------------------------------------------------------------------
// Positions

// A half-open byte range [start, end) of the input as given (UTF-8, BOM and CR
// bytes included), and the 1-based line of `start`. Lines end at LF; a CRLF
// counts as one line end.
struct Span {
  std::size_t start = 0;
  std::size_t end = 0;
  std::size_t line = 0;

  std::size_t size() const { return end - start; }
  friend bool operator==(const Span& a, const Span& b) {
    return a.start == b.start && a.end == b.end && a.line == b.line;
  }
  friend bool operator!=(const Span& a, const Span& b) { return !(a == b); }
};

// The source text of `span` in `input`: input.substr(span.start, span.size()),
// clamped so that a span from another input can never read out of bounds.
inline std::string_view slice(std::string_view input, const Span& span) {
  if (span.start >= input.size() || span.end <= span.start) return {};
  return input.substr(span.start, span.end - span.start);
}

// ---------------------------------------------------------------------------
// Elements

// How the input was read.
enum class Format {
  automatic,  // (an Options value only) decide from the name and the bytes
  markdown,   // CommonMark + GFM (footnotes, tables, strikethrough, autolinks)
  text,       // plain text, formatting lost; structure is recovered
  html,       // an HTML page as a blog publishes it: the article is found, the theme left out
};

// "markdown", "text" or "html" ("auto" for Format::automatic).
ESSAYKIT_API std::string_view format_name(Format format);

// The encoding the input came in. analyze() reads UTF-8 (with or without a BOM), and
// UTF-16 or UTF-32 that starts with a byte-order mark (Notepad's "Unicode"), which it
// transcodes to UTF-8 first (essaykit::to_utf8 gives the same bytes): every Span, and
// Source::bytes and Source::lines, then describe that UTF-8 form, not the bytes as given.
enum class Encoding {
  utf8,
  utf16le,
  utf16be,
  utf32le,
  utf32be,
};

// "UTF-8", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE".
ESSAYKIT_API std::string_view encoding_name(Encoding encoding);

struct Source {
  std::string name;     // the path given, or "-" for standard input
  Format format = Format::text;
  std::size_t bytes = 0;  // size of the input (of its UTF-8 form, when transcoded)
  std::size_t lines = 0;  // number of lines: count_lines() of the input (0 when empty)
  Encoding encoding = Encoding::utf8;  // as given; in JSON only when not UTF-8
};

// The number of lines of `input` as Source::lines counts them: each LF ends one, and
// a final line without LF counts too. Empty input has none.
ESSAYKIT_API std::size_t count_lines(std::string_view input);

// The document's title (or a text post's subtitle).
struct Title {
  std::string text;  // markup removed
  Span span;         // the title's source: the heading line, or the front-matter value
};

// A heading. Markdown: every heading, including a first-level heading that also
// serves as the title. Plain text: every recovered heading except the title and
// subtitle lines. HTML: the article's headings, outside notes and tables; a title
// <h1> that the page's template adds is the title only, one the post's text holds (it
// has an id) is also a section.
struct Section {
  std::size_t id = 0;                  // index in Document::sections
  int level = 1;                       // Markdown: as written (1 for `#`); HTML: the tag's (2 for <h2>);
                                       // text: as its '#' marks say where the text writes
                                       // them ("## Part" is 2), else an inferred rank, 1 = outermost
  std::string title;                   // heading text, markup removed
  std::optional<std::size_t> parent;   // id of the enclosing section
  Span span;                           // the heading itself (for setext, both lines)
  std::size_t end_of_section = 0;      // byte offset where this section's content ends
  double confidence = 1.0;             // 0..1: how sure the reader is that this line is a heading
                                       // (1 where the markup says so: Markdown, HTML)
};

// One item of a list. Its text excludes nested lists, which are Lists of their own
// whose parent_item points back here.
struct ListItem {
  std::string text;  // markup removed
  int depth = 0;     // 0 = top-level list
  Span span;         // the whole item, marker included
  double confidence = 1.0;  // 0..1: how sure the reader is that this is an item (1 with markup)
};

// Which item of which list a nested list belongs to.
struct ItemRef {
  std::size_t list = 0;  // List::id
  std::size_t item = 0;  // index into that list's items
};

struct List {
  std::size_t id = 0;                  // index in Document::lists
  bool ordered = false;
  std::optional<std::size_t> section;  // Section::id of the section holding the list
  std::optional<ItemRef> parent_item;  // set for a nested list
  Span span;                           // the whole list; a plain-text lead-in line is not part of it
  std::vector<ListItem> items;
  double confidence = 1.0;             // 0..1: how sure the reader is that this is a list (1 with markup)
};

// One reference to a footnote, as written: `[^note]`, `[1]`, `¹`, or — for a digit
// glued to the text, as in "code.1" — just the `1`.
struct FootnoteRef {
  Span span;
  // Up to 60 characters of the text before the marker, as read. Markdown and HTML: the
  // marker's paragraph, heading or item with markup removed, a link as its words and
  // other notes' markers left out (a "[^x]" with no definition is text, and stays),
  // back over the block's earlier lines; in a table's cell, the source line before the
  // marker. Plain text: the marker's own line.
  std::string context;
};

// A footnote: its body and every reference to it. A body that nothing references,
// and a reference with no body, both stay here and add a Diagnostic; the latter has
// an empty text and no body span.
struct Footnote {
  std::string label;           // as written: "1", "note", "*"
  std::string text;            // the body, markup removed, paragraphs joined by a blank line
  std::optional<Span> body;    // the body's source, when there is one
  std::vector<FootnoteRef> refs;
  double confidence = 1.0;     // 0..1: how sure the reader is of this note's references and of
                               // where its body begins and ends (1 where labels say so; in
                               // plain text, each body its own, from where else it could lie)
};

enum class ClaimKind {
  claim,   // an arguable assertion the author stands behind
  thesis,  // the essay's central claim (usually stated early, restated at the end)
};

// A sentence that makes a claim. A claim is always exactly one sentence.
struct Claim {
  std::string text;                    // the sentence as read (see Sentence::text)
  Span span;                           // the whole sentence
  std::optional<std::size_t> section;  // Section::id
  ClaimKind kind = ClaimKind::claim;
  double score = 0.0;                  // 0..1, higher = more confident
  // What made it a claim, by name, sorted: the cues it holds that weigh for a claim
  // ("stance", "enumeration", "obligation", "evaluation", "generalisation", "conclusion",
  // "counter", "concession", "rebuttal", "modal", "reason"), where it stands
  // ("position:first-in-paragraph", "position:end-of-introduction" or "position:end-of-lead",
  // "position:start-of-conclusion" or "position:start-of-closing-section",
  // "position:preview-of-reasons": after an essay's thesis in its introduction,
  // "position:after-others-view": in a paragraph that opens on others' view), what it does
  // ("run-on-paragraph": a body paragraph of one long sentence, "echoes-thesis": a body
  // paragraph's opening in the thesis's words, "restates-thesis"), and "particulars" where
  // naming particular people or places weighed against it.
  std::vector<std::string> cues;
};

// A sentence. Its source is slice(input, span); `text` is the sentence as a person reads
// it: inline markup removed (emphasis, code ticks, a heading's '#', a footnote mark, a
// plain-text item's marker), a link as its words, an entity as its character, white
// space collapsed, NFC. analyze() fills it; split_sentences() gives spans only.
struct Sentence {
  Span span;
  std::string text;
};

// A sentence's source with every run of white space (line breaks included) made one
// space, markup kept, as `essaykit sentences --raw` prints it (Sentence::text is the
// sentence as read). Invalid UTF-8 becomes U+FFFD.
ESSAYKIT_API std::string sentence_text(std::string_view input, const Sentence& sentence);

struct Stats {
  // The prose's words, footnotes aside: tokens between white space, and in a script
  // written without spaces (Japanese, Chinese, Thai, …) the words ICU's word break
  // iterator finds.
  std::size_t words = 0;
  std::size_t sentences = 0;
  std::size_t paragraphs = 0;
  double reading_minutes = 0.0;  // words / 238
};

enum class Severity { warning, error };

// What a Diagnostic is about. The codes and their names (diagnostic_code_name) are
// stable: a program may act on them, while messages may be reworded. New codes may be
// added at the end.
enum class DiagnosticCode {
  // A run of bytes that is not UTF-8, read as U+FFFD in derived texts; spans still point
  // at the bytes. Reported for the first 100 runs, then once with the number of the rest.
  // An HTML page that declares another charset (<meta charset="windows-1252">) is not
  // transcoded: one more, at its <meta> tag, names the charset and how to convert it.
  invalid_utf8,
  // The input was UTF-16 or UTF-32 with a byte-order mark and was read as UTF-8: every
  // span points into that UTF-8 form (to_utf8), not into the bytes as given.
  transcoded,
  // A footnote label defined more than once; the first body is used.
  footnote_defined_twice,
  // A footnote reference whose label has no body. Plain text: also a number glued after a
  // stop below the references that would be the next note's, with no body left for it
  // (read as text; the span is the number).
  footnote_without_body,
  // A footnote body that nothing references. Plain text: also a line that names the notes
  // ("Footnotes") with no footnote placed under it (its lines read as the essay's; the span
  // is that line).
  footnote_without_reference,
  // A Markdown table too wide to read as a table (over 256 columns): read as text.
  table_too_wide,
  // A Markdown block so dense in inline markup characters (brackets, emphasis, entities,
  // autolinks) that parsing it would take hundreds of times its size in memory: its
  // links, emphasis and footnote references are read as plain text.
  markup_read_as_text,
  // Plain text: lines after the footnote bodies that read as no part of the essay
  // (reader comments, share and subscribe lines, link lists); they are left out of its
  // sections, lists and prose. Also, in a text with no notes, the lines from one that
  // heads its readers' comments or its sharing block ("3 Responses", "Leave a Reply",
  // "Share this:" over its buttons) to the end.
  after_notes,
  // Plain text: a footnote whose body the reader placed with little confidence (see
  // Footnote::confidence): check where it begins and ends.
  footnote_uncertain,
  // HTML start tags nested deeper than 256 elements (or past 64 open formatting
  // elements) read as if absent, their text kept: the bound that keeps tree building
  // linear, as browsers bound it.
  html_too_deep,
  // HTML attributes past the 64th of one tag ignored.
  html_too_many_attributes,
  // Markdown or plain text whose lines end in a lone CR (classic Mac OS) more often than
  // in LF: lines end at LF (the contract), so the readers see few lines, and front
  // matter and plain-text structure are not found (Markdown's other blocks and its
  // footnotes are: cmark reads a lone CR as a line end). The message says how to
  // convert it; the span is the first lone CR.
  cr_line_endings,
  // Plain text: a page copied whole that opens on its site's chrome above the post's title
  // (a skip link, the site's name, the menu's labels): those lines are left out of the
  // essay, as front matter is. The span covers them.
  page_chrome,
};

// The code's stable name, for logs and for programs that report it: "invalid_utf8", …
ESSAYKIT_API std::string_view diagnostic_code_name(DiagnosticCode code);

// Something the reader doubted or could not resolve: an orphan footnote body, a
// reference with no body, invalid UTF-8 replaced, an input bound that was hit.
struct Diagnostic {
  DiagnosticCode code = DiagnosticCode::invalid_utf8;
  Severity severity = Severity::warning;
  std::string message;  // one line, for a person
  Span span;
};

// Everything essaykit found in one input. Elements of each vector are in document
// order, except footnotes, which are in order of first reference.
struct Document {
  Source source;
  std::optional<Title> title;
  std::optional<Title> subtitle;  // a standfirst: plain text's second line, HTML's heading under the title
  std::vector<Section> sections;
  std::vector<List> lists;
  std::vector<Footnote> footnotes;
  std::vector<Claim> claims;
  // Filled only when Options::sentences is set; otherwise empty and has_sentences false.
  bool has_sentences = false;
  std::vector<Sentence> sentences;
  Stats stats;
  std::vector<Diagnostic> diagnostics;
};

// What a section holds directly — not counting its subsections, as the outline counts:
// its lists (List::section == section), and the footnotes referenced from its own text,
// each once, in the order of Document::footnotes. `section` is a Section::id; an id out
// of range holds nothing.
ESSAYKIT_API std::vector<const List*> lists_in(const Document& document, std::size_t section);
ESSAYKIT_API std::vector<const Footnote*> footnotes_in(const Document& document, std::size_t section);

ESSAYKIT_END_NAMESPACE

#endif  // ESSAYKIT_DOCUMENT_H
