// essaykit/essaykit.h — everything: include this one header.
//
// essaykit reads an essay — a blog post, an article, a student essay — in Markdown
// or in plain text whose formatting was lost, and recovers its structure: title,
// nested sections, lists, footnotes with every reference linked to its body,
// sentences and claims.
//
// ---------------------------------------------------------------------------
// OUTLINE
//
//   #include <essaykit/essaykit.h>
//
//   std::string input = ...;                      // the caller owns the bytes
//   essaykit::Result r = essaykit::analyze(input);
//   if (!r) return fail(r.error().message);       // binary or too large
//   for (const essaykit::Section& s : r.document().sections)
//     printf("%*s%s (line %zu)\n", 2 * s.level, "", s.title.c_str(), s.span.line);
//
// ---------------------------------------------------------------------------
// FOOTNOTES
//
//   for (const essaykit::Footnote& f : r.document().footnotes)
//     for (const essaykit::FootnoteRef& ref : f.refs)
//       // essaykit::slice(input, ref.span) is the marker as written: "[^1]", "¹", "1"
//       printf("%s at line %zu -> %s\n", f.label.c_str(), ref.span.line, f.text.c_str());
//
// ---------------------------------------------------------------------------
// POSITIONS
//
// Every element has a Span: byte offsets [start, end) into the input exactly as
// given, and the 1-based line of start. essaykit::slice(input, span) is the
// element's source text. The Document holds no pointers into the input, so it
// stays valid after the input is gone; spans then mean nothing until you have
// the same bytes again.
//
// ---------------------------------------------------------------------------
// ERRORS
//
// analyze() returns errors as values (essaykit::Result), never by throwing, and
// reports what it doubted as Document::diagnostics. Nothing is global: threads may
// analyse different documents at the same time.
//
// ---------------------------------------------------------------------------
// OUTPUT
//
//   std::string json = essaykit::to_json(r.document());   // schema essaykit/document/v1
//   std::string tree = essaykit::to_outline(r.document());
#ifndef ESSAYKIT_ESSAYKIT_H
#define ESSAYKIT_ESSAYKIT_H

#include "essaykit/analyze.h"
#include "essaykit/batch.h"
#include "essaykit/document.h"
#include "essaykit/sentences.h"
#include "essaykit/version.h"
#include "essaykit/writers.h"

#endif
