// essaykit/writers.h — turning a Document into text: JSON and an outline.
//
//   std::string json = essaykit::to_json(doc);          // one line, schema v1
//   essaykit::write_json(doc, stdout);                  // the same, written as it is made
//   std::string tree = essaykit::to_outline(doc);       // indented, for people
//
// Writers only read the Document. Those that return a string never fail; write_json
// fails only when writing to its FILE* does. Every string they emit is valid UTF-8 (the
// Document's texts already are).
#ifndef ESSAYKIT_WRITERS_H
#define ESSAYKIT_WRITERS_H

#include <cstdio>
#include <string>

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
  bool claims = false;  // under each section, its strongest claim
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

ESSAYKIT_END_NAMESPACE

#endif  // ESSAYKIT_WRITERS_H
