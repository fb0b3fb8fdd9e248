// The plain-text reader: lines and paragraphs with exact spans, and the title.
//
// Recovering headings, lists and footnotes from text whose formatting was lost is
// layered on top of this (see text_recovery.cpp once it exists); this file owns the
// line model every later step works from.
#include <algorithm>

#include "block_model.h"

namespace essaykit::detail {
namespace {

struct Line {
  std::size_t start, end;  // content without the line end (CR stripped)
  bool blank;
};

std::vector<Line> split_lines(std::string_view in, std::size_t base) {
  std::vector<Line> lines;
  std::size_t pos = base;
  while (pos < in.size()) {
    std::size_t e = in.find('\n', pos);
    std::size_t next = e == std::string_view::npos ? in.size() : e + 1;
    if (e == std::string_view::npos) e = in.size();
    std::size_t ce = e;
    if (ce > pos && in[ce - 1] == '\r') --ce;
    bool blank = trim(in.substr(pos, ce - pos)).empty();
    lines.push_back({pos, ce, blank});
    pos = next;
  }
  return lines;
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
  std::size_t base = input.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  std::vector<Line> lines = split_lines(input, base);

  std::size_t first = 0;
  while (first < lines.size() && lines[first].blank) ++first;
  std::size_t body = first;
  if (first < lines.size()) {
    std::string_view t = input.substr(lines[first].start, lines[first].end - lines[first].start);
    if (reads_as_title(t) && first + 1 < lines.size()) {
      std::string_view tt = trim(t);
      std::size_t s = static_cast<std::size_t>(tt.data() - input.data());
      model.title = Title{valid_utf8(tt), index.span(s, s + tt.size())};
      body = first + 1;
    }
  }

  // Paragraphs: runs of non-blank lines. A copy without blank lines puts each
  // paragraph on one long line, so there a long line is a paragraph by itself.
  for (std::size_t i = body; i < lines.size();) {
    if (lines[i].blank) { ++i; continue; }
    std::size_t j = i + 1;
    while (j < lines.size() && !lines[j].blank && (lines[j - 1].end - lines[j - 1].start) < 200) ++j;
    std::string_view para = input.substr(lines[i].start, lines[j - 1].end - lines[i].start);
    std::string_view tp = trim(para);
    std::size_t s = static_cast<std::size_t>(tp.data() - input.data());
    model.prose.push_back({index.span(s, s + tp.size()), ProseRole::paragraph, count_words(tp)});
    i = j;
  }
  return model;
}

}  // namespace essaykit::detail
