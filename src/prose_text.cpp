// Prose given as text (BlockModel::prose_text): offsets back to the source, and the
// sentences and claims of such prose.
//
// A run of text and its source are the same characters, except that the source may
// write a character as a reference ("&amp;", "&#8217;"), a line end as CR LF, an
// invalid byte where the text has U+FFFD, and any white space where the text has a
// space. Most runs have none of these and map byte for byte; the others are aligned
// character by character up to the offset asked for.
#include <algorithm>
#include <unordered_map>

#include "block_model.h"
#include "passes.h"

namespace essaykit::detail {
namespace {

std::size_t utf8_length(unsigned char c) { return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }
bool alnum(char c) { return is_ascii_alpha(c) || is_ascii_digit(c); }

// The offset in `src` where the text `dec` has reached `target` bytes.
std::size_t align(std::string_view src, std::string_view dec, std::size_t target) {
  std::size_t i = 0, j = 0;
  while (j < target && i < src.size() && j < dec.size()) {
    const char c = src[i];
    if (c == '\r') {  // CR LF or a lone CR: one line end in the text
      i += i + 1 < src.size() && src[i + 1] == '\n' ? 2 : 1;
      ++j;
    } else if (c == '&') {
      // A character reference: "&name;", "&#123;", "&#x1F;" (the ';' may be missing).
      std::size_t k = i + 1;
      const bool numeric = k < src.size() && src[k] == '#';
      if (numeric) {
        ++k;
        const bool hex = k < src.size() && (src[k] == 'x' || src[k] == 'X');
        if (hex) ++k;
        while (k < src.size() && k - i < 40 && (hex ? alnum(src[k]) : is_ascii_digit(src[k]))) ++k;
      } else {
        while (k < src.size() && k - i < 40 && alnum(src[k])) ++k;
      }
      const bool semicolon = k < src.size() && src[k] == ';';
      if (semicolon) ++k;
      if (k == i + 1 || (numeric && k == i + 2) || dec.compare(j, k - i, src, i, k - i) == 0) {
        ++i, ++j;  // an '&' written as itself
        continue;
      }
      j += utf8_length(static_cast<unsigned char>(dec[j]));
      // A named reference without ';' may have matched a prefix of the letters
      // ("&copy2024" is "©2024"): the rest of them are text.
      std::size_t next = k;
      if (!numeric && !semicolon)
        for (std::size_t m = i + 2; m < k; ++m)
          if (dec.compare(j, k - m, src, m, k - m) == 0) { next = m; break; }
      i = next;
      // Two code points for one reference (a few named ones): the next does not match.
      if (i < src.size() && j < dec.size() && j < target && src[i] != dec[j] && src[i] != '&' && src[i] != '\r' &&
          !(is_space(src[i]) && is_space(dec[j])))
        j += utf8_length(static_cast<unsigned char>(dec[j]));
    } else if (c == dec[j] || (is_space(c) && is_space(dec[j]))) {
      ++i, ++j;
    } else {
      // An invalid sequence read as U+FFFD, or a difference we cannot explain: one
      // character of text for one of source.
      j += utf8_length(static_cast<unsigned char>(dec[j]));
      ++i;
      while (i < src.size() && (static_cast<unsigned char>(src[i]) & 0xC0) == 0x80) ++i;
    }
  }
  return std::min(i, src.size());
}

// The piece holding text offset `t`: the last that starts at or before it.
std::size_t piece_at(const ProseText& p, std::size_t t) {
  auto it = std::upper_bound(p.pieces.begin(), p.pieces.end(), t,
                             [](std::size_t off, const TextPiece& q) { return off < q.text; });
  return it == p.pieces.begin() ? 0 : static_cast<std::size_t>(it - p.pieces.begin()) - 1;
}

std::size_t source_at(const ProseText& p, std::string_view input, std::size_t k, std::size_t rel) {
  const TextPiece& q = p.pieces[k];
  const std::size_t text_end = k + 1 < p.pieces.size() ? p.pieces[k + 1].text : p.text.size();
  const std::size_t stop = std::min(q.stop, input.size()), start = std::min(q.start, stop);
  const std::string_view src = input.substr(start, stop - start);
  const std::string_view dec = std::string_view(p.text).substr(q.text, text_end - q.text);
  if (src.size() == dec.size()) return start + std::min(rel, src.size());
  return start + align(src, dec, rel);
}

}  // namespace

std::size_t source_start(const ProseText& p, std::string_view input, std::size_t t) {
  if (p.pieces.empty()) return 0;
  const std::size_t k = piece_at(p, t);
  return source_at(p, input, k, t - std::min(t, p.pieces[k].text));
}

std::size_t source_end(const ProseText& p, std::string_view input, std::size_t t) {
  if (p.pieces.empty()) return 0;
  const std::size_t k = piece_at(p, t > 0 ? t - 1 : 0);
  return source_at(p, input, k, t - std::min(t, p.pieces[k].text));
}

void prose_text_sentences(const ProseText& p, std::string_view input, const LineIndex& lines,
                          const std::vector<ProseBlock>& prose, const std::vector<Section>& sections, bool claims,
                          std::vector<Sentence>& sentences, std::vector<Claim>& found) {
  const LineIndex text_lines(p.text);
  std::vector<ProseBlock> in_text(prose);
  for (ProseBlock& b : in_text) b.span = text_lines.span(b.text_start, std::max(b.text_start, b.text_end));
  std::vector<std::uint32_t> block_of;
  std::vector<Sentence> text_sentences = split_sentences(p.text, in_text, text_lines, block_of);
  // The text is prose as read already (Format::html: no markup in it to take out), so each
  // sentence's text is its piece of it.
  for (Sentence& s : text_sentences) s.text = std::string(p.text.substr(s.span.start, s.span.end - s.span.start));
  if (claims) found = find_claims(p.text, Format::html, in_text, text_sentences, true, block_of, {});

  // Back to the source. A sentence whose source would not follow the one before (the
  // parser moved text, as it does out of tables) is dropped, with any claim it made.
  sentences.clear();
  std::unordered_map<std::size_t, std::size_t> at;  // text start → index in `sentences`
  std::size_t last_end = 0;
  for (const Sentence& s : text_sentences) {
    const std::size_t b = source_start(p, input, s.span.start), e = source_end(p, input, s.span.end);
    if (b >= e || b < last_end || e > input.size()) continue;
    last_end = e;
    at.emplace(s.span.start, sentences.size());
    sentences.push_back({lines.span(b, e), s.text});
  }
  std::size_t kept = 0;
  for (std::size_t k = 0; k < found.size(); ++k) {
    auto it = at.find(found[k].span.start);
    if (it == at.end()) continue;
    found[k].span = sentences[it->second].span;
    found[k].section = section_at(sections, found[k].span.start);
    if (kept != k) found[kept] = std::move(found[k]);
    ++kept;
  }
  found.resize(kept);
}

}  // namespace essaykit::detail
