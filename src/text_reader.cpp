// The plain-text reader: lines with exact spans, the title, and the recovery of
// footnotes (text_footnotes.cpp) and of headings, lists and code
// (text_structure.cpp), into the block model.
#include <algorithm>

#include "block_model.h"
#include "text_lines.h"

namespace essaykit::detail {
namespace {

// The lines, as the LineIndex already found them (a BOM is not content).
void split_lines(TextDoc& doc, std::size_t base) {
  std::string_view in = doc.in;
  const LineIndex& index = *doc.index;
  const std::size_t count = index.line_count();
  doc.lines.reserve(count);
  std::size_t blanks = 0;
  for (std::size_t line = 1; line <= count; ++line) {
    const std::size_t pos = std::max(index.line_start(line), base);
    if (pos >= in.size()) break;  // only a BOM
    const std::size_t next = line < count ? index.line_start(line + 1) : in.size();
    const std::size_t e = next > pos && in[next - 1] == '\n' ? next - 1 : next;
    std::size_t ce = e;
    if (ce > pos && in[ce - 1] == '\r') --ce;
    TextLine l;
    l.start = pos;
    l.end = ce;
    std::size_t k = pos;
    int indent = 0;
    while (k < ce && (in[k] == ' ' || in[k] == '\t' || (in[k] == '\xC2' && k + 1 < ce && in[k + 1] == '\xA0'))) {
      indent += in[k] == '\t' ? 4 : 1;
      k += in[k] == '\xC2' ? 2 : 1;
    }
    l.lstart = k;
    l.indent = indent;
    // Trailing white space (and no-break spaces) is not content.
    while (l.end > l.lstart && (is_space(in[l.end - 1]) ||
                                (l.end - l.lstart >= 2 && in[l.end - 2] == '\xC2' && in[l.end - 1] == '\xA0')))
      l.end -= is_space(in[l.end - 1]) ? 1 : 2;
    l.blank = l.lstart >= l.end;
    l.role = l.blank ? LineRole::blank : LineRole::paragraph;
    if (!l.blank) l.marker = parse_list_marker(in.substr(l.lstart, l.end - l.lstart));
    blanks += l.blank;
    doc.lines.push_back(l);
  }
  // Copies with a blank line between paragraphs read differently from copies without.
  doc.blank_separated = blanks * 8 >= doc.lines.size();
}

// Does this line read as a title: short, not a sentence, not a list lead-in?
bool reads_as_title(std::string_view text) {
  text = trim(text);
  if (text.empty() || text.size() > 200) return false;
  char last = text.back();
  if (last == '.' || last == ',' || last == ';' || last == ':') return false;
  return count_words(text) <= 20;
}

}  // namespace

BlockModel read_text(std::string_view input, const LineIndex& index) {
  BlockModel model;
  TextDoc doc;
  doc.in = input;
  doc.index = &index;
  std::size_t base = input.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  split_lines(doc, base);
  doc.shape.reserve(doc.lines.size());
  for (const TextLine& l : doc.lines) doc.shape.push_back(shape_of(doc.text(l)));

  std::size_t first = doc.next_nonblank(static_cast<std::size_t>(-1));
  if (first != TextDoc::npos && reads_as_title(doc.text(first)) && doc.next_nonblank(first) != TextDoc::npos) {
    doc.lines[first].role = LineRole::title;
    model.title = Title{clean_text(doc.text(first)), doc.span(first, first)};
    // An underline under the title belongs to it.
    std::size_t u = first + 1;
    if (u < doc.lines.size() && !doc.lines[u].blank) {
      std::string_view t = doc.text(u);
      if (t.size() >= 3 && t.find_first_not_of("=-") == std::string_view::npos) doc.lines[u].role = LineRole::underline;
    }
    // The line right under the title, in a copy with blank lines: a heading that
    // repeats or extends the title, or a one-sentence standfirst (the subtitle).
    if (doc.blank_separated && u < doc.lines.size() && !doc.lines[u].blank && doc.lines[u].role == LineRole::paragraph &&
        (u + 1 >= doc.lines.size() || doc.lines[u + 1].blank)) {
      std::string_view t = doc.text(u);
      const LineShape& s = doc.shape[u];
      // A standfirst reads as a sentence, stop or no stop ("Why small teams lose track
      // of money"); a heading there is a label in title case or a question.
      const bool standfirst = s.last == '.' || (s.words >= 5 && s.title_case < 0.5 && s.last != '?' && s.last != ':' &&
                                                !s.sentence_like && s.starts_upper);
      if (s.code < 0.35 && s.starts_upper && s.chars <= 100 && !standfirst && s.last != ':' && s.last != ',') {
        doc.lines[u].role = LineRole::heading;
      } else if (s.chars <= 200 && standfirst && s.code < 0.35) {
        doc.lines[u].role = LineRole::subtitle;
        model.subtitle = Title{clean_text(t), doc.span(u, u)};
      }
    }
  }

  recover_footnotes(doc, model);
  recover_structure(doc, model);
  std::sort(model.prose.begin(), model.prose.end(),
            [](const ProseBlock& a, const ProseBlock& b) { return a.span.start < b.span.start; });
  return model;
}

}  // namespace essaykit::detail
