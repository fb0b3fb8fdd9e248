// Writers for people: the outline tree and the footnotes listing.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "essaykit/writers.h"
#include "passes.h"
#include "text_util.h"

ESSAYKIT_BEGIN_NAMESPACE
namespace {

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace

std::string to_outline(const Document& d, const OutlineOptions& options) {
  std::string out;
  auto it = std::back_inserter(out);
  if (d.title) fmt::format_to(it, "{}\n", d.title->text);
  if (d.subtitle) fmt::format_to(it, "{}\n", d.subtitle->text);
  // The strongest claim of a section, or (nullopt) of the text before the first heading.
  auto strongest = [&](std::optional<std::size_t> section) {
    const Claim* best = nullptr;
    for (const Claim& c : d.claims)
      if (c.section == section && (!best || c.score > best->score)) best = &c;
    return best;
  };
  // The text before the first heading is no section, but it holds a post's lead and the
  // whole of an essay without headings, where the thesis stands: its strongest claim goes
  // under the title, as a section's goes under its heading. (Without it, --claims gave a
  // school essay's title alone.)
  if (options.claims)
    if (const Claim* lead = strongest(std::nullopt)) fmt::format_to(it, "  > {}\n", lead->text);
  const std::vector<detail::SectionCounts> counts = detail::count_per_section(d);
  std::vector<int> depth(d.sections.size(), 0);
  for (const Section& s : d.sections) {
    if (s.parent) depth[s.id] = depth[*s.parent] + 1;
    std::string head = fmt::format("{:{}}L{:<5} {} {}", "", 2 + 2 * depth[s.id], s.span.line,
                                   std::string(static_cast<std::size_t>(std::max(s.level, 1)), '#'), s.title);
    std::vector<std::string> holds;
    if (counts[s.id].lists) holds.push_back(plural(counts[s.id].lists, "list", "lists"));
    if (counts[s.id].footnote_refs) holds.push_back(plural(counts[s.id].footnote_refs, "footnote ref", "footnote refs"));
    if (holds.empty()) fmt::format_to(it, "{}\n", head);
    else fmt::format_to(it, "{:<60} ({})\n", head, fmt::join(holds, ", "));
    if (options.claims)
      if (const Claim* best = strongest(s.id)) fmt::format_to(it, "{:{}}> {}\n", "", 4 + 2 * depth[s.id], best->text);
  }
  // A Document built by hand may hold invalid UTF-8; what we print never does.
  return detail::valid_utf8(out);
}

std::string claims_to_text(const Document& d) {
  std::string out;
  auto it = std::back_inserter(out);
  for (const Claim& c : d.claims)
    fmt::format_to(it, "L{:<5} {:<6} {:.2f}  {}  [{}]\n", c.span.line, c.kind == ClaimKind::thesis ? "thesis" : "claim",
                   c.score, c.text, fmt::join(c.cues, ", "));
  return detail::valid_utf8(out);
}

std::string footnotes_to_text(const Document& d) {
  std::string out;
  auto it = std::back_inserter(out);
  for (const Footnote& f : d.footnotes) {
    // A body of several lines or paragraphs goes on indented, as its references are, so
    // that its lines are not read as entries of their own (a body's line may open with "[").
    std::string text;
    for (std::size_t i = 0; i < f.text.size(); ++i) {
      text += f.text[i];
      if (f.text[i] == '\n' && i + 1 < f.text.size() && f.text[i + 1] != '\n') text += "    ";
    }
    if (f.body) fmt::format_to(it, "[{}] (line {}) {}\n", f.label, f.body->line, text);
    else fmt::format_to(it, "[{}] (no body)\n", f.label);
    for (const FootnoteRef& r : f.refs) fmt::format_to(it, "    ref line {}: ...{}\n", r.span.line, r.context);
    if (f.refs.empty()) fmt::format_to(it, "    (no reference)\n");
  }
  return detail::valid_utf8(out);
}

ESSAYKIT_END_NAMESPACE
