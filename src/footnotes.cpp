// The footnotes pass: link_footnotes.
#include <fmt/format.h>

#include <unordered_map>

#include "passes.h"

namespace essaykit::detail {

namespace {
// Up to 60 characters of the text before a marker, on the marker's own line.
std::string context_before(std::string_view input, const LineIndex& lines, const Span& marker) {
  std::size_t line_start = lines.line_start(marker.line);
  return tail_chars(input.substr(line_start, marker.start - line_start), 60);
}
}  // namespace

std::vector<Footnote> link_footnotes(std::vector<FootnoteBody>&& bodies, const std::vector<RefSite>& refs,
                                     std::string_view input, const LineIndex& lines,
                                     std::vector<Diagnostic>& diagnostics) {
  std::unordered_map<std::string_view, std::size_t> body_of;  // label → index in bodies
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    if (!body_of.emplace(bodies[i].label, i).second)
      diagnostics.push_back({DiagnosticCode::footnote_defined_twice, Severity::warning,
                             fmt::format("footnote '{}' is defined more than once; the first body is used",
                                         valid_utf8(bodies[i].label)),
                             bodies[i].span});
  }
  std::vector<Footnote> out;
  std::unordered_map<std::string_view, std::size_t> note_of;  // label → index in out
  std::vector<bool> used(bodies.size(), false);
  for (const RefSite& r : refs) {
    auto [it, added] = note_of.emplace(r.label, out.size());
    if (added) {
      Footnote f;
      f.label = valid_utf8(r.label);
      if (auto b = body_of.find(r.label); b != body_of.end()) {
        used[b->second] = true;
        f.text = bodies[b->second].text;
        f.body = bodies[b->second].span;
        f.confidence = bodies[b->second].confidence;
      } else {
        diagnostics.push_back({DiagnosticCode::footnote_without_body, Severity::warning,
                               fmt::format("footnote reference '{}' has no body", f.label), r.span});
      }
      out.push_back(std::move(f));
    }
    out[it->second].refs.push_back({r.span, r.context ? *r.context : context_before(input, lines, r.span)});
  }
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    if (used[i] || body_of[bodies[i].label] != i) continue;
    diagnostics.push_back({DiagnosticCode::footnote_without_reference, Severity::warning,
                           fmt::format("footnote '{}' has a body but no reference", valid_utf8(bodies[i].label)),
                           bodies[i].span});
    Footnote f;
    f.label = valid_utf8(bodies[i].label);
    f.text = std::move(bodies[i].text);
    f.body = bodies[i].span;
    f.confidence = bodies[i].confidence;
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace essaykit::detail
