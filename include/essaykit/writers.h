// essaykit/writers.h — turning a Document into text: JSON and an outline.
//
//   std::string json = essaykit::to_json(doc);          // one line, schema v1
//   essaykit::write_json(doc, stdout);                  // the same, written as it is made
//   std::string tree = essaykit::to_outline(doc);       // indented, for people
//   std::string page = essaykit::to_html(doc, input);   // the map: one HTML page
//
// Writers only read the Document. Those that return a string never fail; write_json
// fails only when writing to its FILE* does. Every string they emit is valid UTF-8 (the
// Document's texts already are).
#ifndef ESSAYKIT_WRITERS_H
#define ESSAYKIT_WRITERS_H

#include <cstdio>
#include <string>
#include <string_view>

#include "essaykit/config.h"
#include "essaykit/document.h"

ESSAYKIT_BEGIN_NAMESPACE

struct JsonOptions {
  bool pretty = false;  // indent by two spaces; false gives one line (for JSON Lines)
};

// The whole document as JSON, schema "essaykit/document/v1". No trailing newline.
ESSAYKIT_API std::string to_json(const Document& document, const JsonOptions& options = {});

// The same bytes as to_json(), written to `out` as they are made (in pieces of about
// 64 KiB), so that a large document's JSON is never held whole in memory (one string value —
// a long footnote's text, say — is held whole before it is written). No trailing
// newline. Returns false when a write to `out` failed (errno says why); what was
// written before the failure stays written. `out` is not flushed.
ESSAYKIT_API bool write_json(const Document& document, std::FILE* out, const JsonOptions& options = {});

// The footnotes view (`essaykit footnotes --json`): schema, source, footnotes and
// diagnostics of the document, each as in to_json().
ESSAYKIT_API std::string footnotes_to_json(const Document& document, const JsonOptions& options = {});

// The outline view (`essaykit outline --json`): schema, source, title, subtitle and
// the sections, each with the number of lists and footnote references it holds
// directly ("lists", "footnote_refs").
ESSAYKIT_API std::string outline_to_json(const Document& document, const JsonOptions& options = {});

// The sentences view (`essaykit sentences --json`): schema, source and the sentence spans.
ESSAYKIT_API std::string sentences_to_json(const Document& document, const JsonOptions& options = {});

// The claims view (`essaykit claims --json`): schema, source and the claims.
ESSAYKIT_API std::string claims_to_json(const Document& document, const JsonOptions& options = {});

// Claims for people, one per line: its line, kind, score, text and cues.
//
//   L3    thesis 0.82  Cities should ban cars from their centres.  [stance, obligation]
ESSAYKIT_API std::string claims_to_text(const Document& document);

struct OutlineOptions {
  bool claims = false;  // under each section, its strongest claim (under the title, that of
                        // the text before the first heading)
};

// An indented tree of the sections, one per line:
//
//   Unification in Chalk, part 1
//     L7    ### What is unification?                  (1 list)
//     L22   ### Basic unification                     (2 lists, 1 footnote)
//
// Each line has the heading's line number, its level as '#' marks, its title and
// what the section holds directly. Ends with a newline (empty for an empty document).
ESSAYKIT_API std::string to_outline(const Document& document, const OutlineOptions& options = {});

// Footnotes for people: each label, its body, and every reference with its line
// and context.
ESSAYKIT_API std::string footnotes_to_text(const Document& document);

// The map of a document (`essaykit outline --html`): one self-contained HTML page,
// inline CSS, SVG and a small script, nothing fetched, readable with scripts off:
//   - a strip across the top: the document as a band, each section a segment as wide
//     as its words (nested sections in layers below), ticks where footnote references,
//     lists and claims stand, the thesis marked;
//   - the outline: each section with its line, words, lists, notes and strongest claim,
//     each a link to the heading in the text;
//   - the text as essaykit read it: headings, lists, footnote bodies; claims shaded by
//     score (<mark>, the score and cues in its title); every footnote reference a link
//     to its body and every body a link back to each reference; plain text's recovered
//     headings, lists and notes marked as recovered with their confidence, and a note
//     placed with little confidence (under 0.5, as the footnote_uncertain diagnostic
//     says) flagged; an HTML page's article shown without its tags (from its first
//     element found to its last; analyze it with Options::sentences, as the CLI does, and
//     the article's prose past its last heading, list, note or claim is shown too);
//   - the diagnostics.
//
// `input` is the text the document was read from: the bytes given to analyze() (their
// UTF-8 form, to_utf8(), when they were UTF-16 or UTF-32). Spans outside it are clamped,
// and an element the text could not hold is listed after it, so every link has its
// target whatever Document is given.
//
// Everything from the input or the Document is escaped: the page runs only its own
// script (a Content-Security-Policy allows that one by its hash), and invalid UTF-8 and
// control bytes show as U+FFFD. Ids, for programs and links into the page: "s-N"
// section N, "l-N" list N, "fn-K" footnote K's body, "ref-K-J" its J-th reference, "c-N"
// claim N (0-based indices into the Document's vectors). The page has one element per
// block, claim and reference, none per word, and is written in one pass.
ESSAYKIT_API std::string to_html(const Document& document, std::string_view input);

ESSAYKIT_END_NAMESPACE

#endif  // ESSAYKIT_WRITERS_H
