// Small public functions over the model: names of codes, line counts, the text of a
// sentence, what a section holds, and the library's version.
#include <algorithm>

#include "essaykit/document.h"
#include "essaykit/version.h"
#include "passes.h"
#include "text_util.h"

ESSAYKIT_BEGIN_NAMESPACE

std::string_view version() { return ESSAYKIT_VERSION_STRING; }

std::string_view diagnostic_code_name(DiagnosticCode code) {
  switch (code) {
    case DiagnosticCode::invalid_utf8: return "invalid_utf8";
    case DiagnosticCode::transcoded: return "transcoded";
    case DiagnosticCode::footnote_defined_twice: return "footnote_defined_twice";
    case DiagnosticCode::footnote_without_body: return "footnote_without_body";
    case DiagnosticCode::footnote_without_reference: return "footnote_without_reference";
    case DiagnosticCode::table_too_wide: return "table_too_wide";
    case DiagnosticCode::markup_read_as_text: return "markup_read_as_text";
    case DiagnosticCode::after_notes: return "after_notes";
    case DiagnosticCode::footnote_uncertain: return "footnote_uncertain";
    case DiagnosticCode::html_too_deep: return "html_too_deep";
    case DiagnosticCode::html_too_many_attributes: return "html_too_many_attributes";
    case DiagnosticCode::cr_line_endings: return "cr_line_endings";
    case DiagnosticCode::page_chrome: return "page_chrome";
  }
  return "unknown";
}

std::size_t count_lines(std::string_view input) {
  if (input.empty()) return 0;
  return static_cast<std::size_t>(std::count(input.begin(), input.end(), '\n')) + (input.back() != '\n');
}

std::string sentence_text(std::string_view input, const Sentence& sentence) {
  std::string out;
  bool space = false;
  for (char c : slice(input, sentence.span)) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ' || c == '\f' || c == '\v') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return detail::valid_utf8(out);
}

std::vector<const List*> lists_in(const Document& document, std::size_t section) {
  std::vector<const List*> out;
  for (const List& l : document.lists)
    if (l.section == section && !l.parent_item) out.push_back(&l);
  return out;
}

std::vector<const Footnote*> footnotes_in(const Document& document, std::size_t section) {
  std::vector<const Footnote*> out;
  for (const Footnote& f : document.footnotes)
    if (std::any_of(f.refs.begin(), f.refs.end(), [&](const FootnoteRef& r) {
          return detail::section_at(document.sections, r.span.start) == section;
        }))
      out.push_back(&f);
  return out;
}

ESSAYKIT_END_NAMESPACE
