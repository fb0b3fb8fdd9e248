// Reading a prose block's markup away (see prose_reading.h).
//
// The rules follow CommonMark's inline syntax where it matters to a reader, simplified:
// - code spans: a run of n backticks up to the next run of exactly n; the ticks go, the
//   code stays and nothing inside it is markup;
// - emphasis and strikethrough: runs of '*', '_', '~' that can open or close by
//   CommonMark's flanking rules ('_' not inside a word), paired nearest first; a run
//   that pairs with nothing is text ("xoshiro256**", "2 * 3"); in Markdown, what a pair
//   of tildes strikes out goes with them (the writer took it back);
// - links and images: "[words](destination "title")" and "[words][label]" read as their
//   words, "[words]" as its words (a shortcut reference); "[^note]" is a footnote mark
//   and goes; in plain text only "[words](url)" with a URL-like destination is a link;
// - Markdown only: a backslash escape, an entity (&amp; &#8212;), an inline HTML tag or
//   comment, an autolink's angle brackets, a quote's '>' on a continuation line;
// - a heading's leading '#'s (and a closing run), and in plain text a list item's marker.
// Every scan ahead is bounded (code spans remember which tick lengths have no closer
// left, destinations and labels have a length cap), so a hostile block stays linear.
#include "prose_reading.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "passes.h"
#include "text_util.h"

namespace essaykit::detail {
namespace {

bool is_ascii_punct(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}
bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
// Does `c` close onto the word before it, so that a space before it, left by markup read
// away ("protected [^n].", "act ~now~."), goes too?
bool closes_onto_word(char c) { return c != 0 && std::strchr(".,;:!?)]", c) != nullptr; }

// A delimiter run: `len` bytes still unpaired (an opener gives them up from its inside
// end, a closer from its front, counted in `consumed`), `original` as written.
using Delim = ProseDelimiter;

constexpr std::size_t kMaxDestination = 2048;  // longer is no link destination
constexpr int kMaxDestinationParens = 32;      // cmark's limit on nested '(' in a destination
constexpr std::size_t kMaxLabel = 999;         // CommonMark's limit on a link label
constexpr std::size_t kMaxFootnoteLabel = 64;
constexpr std::size_t kMaxTag = 1024;
constexpr std::size_t kMaxTicks = 32;          // longer tick runs are text

struct Entity {
  const char* name;
  const char* text;
};
constexpr Entity kEntities[] = {
    {"amp", "&"},       {"lt", "<"},        {"gt", ">"},        {"quot", "\""},     {"apos", "'"},
    {"nbsp", " "},      {"mdash", "\xE2\x80\x94"}, {"ndash", "\xE2\x80\x93"}, {"hellip", "\xE2\x80\xA6"},
    {"lsquo", "\xE2\x80\x98"}, {"rsquo", "\xE2\x80\x99"}, {"ldquo", "\xE2\x80\x9C"}, {"rdquo", "\xE2\x80\x9D"},
    {"copy", "\xC2\xA9"}, {"eacute", "\xC3\xA9"}, {"times", "\xC3\x97"},
};

}  // namespace

namespace {

// The bytes that may start markup ('!' only before '['), or white space other than a
// space; a block without any of those that matter is its own reading.
struct MarkupStarts {
  std::array<bool, 256> markdown{}, text{};
  MarkupStarts() {
    for (unsigned char c : std::string_view("\\`*_~[]<&!\n\r\t\xC2")) markdown[c] = true;
    for (unsigned char c : std::string_view("`*_~[]\n\r\t\xC2")) text[c] = true;
  }
};
const std::array<bool, 256>& markup_starts(bool markdown) {
  static const MarkupStarts starts;  // read-only once built
  return markdown ? starts.markdown : starts.text;
}

bool may_hold_markup(std::string_view b, bool markdown, bool list_item) {
  if (!markdown && list_item) return true;
  const std::string_view t = trim(b);
  if (!t.empty() && t[0] == '#') return true;  // a heading's '#'
  const std::array<bool, 256>& starts = markup_starts(markdown);
  for (char c : b)
    if (starts[static_cast<unsigned char>(c)] && c != '!') return true;
  return false;
}

// The scanner: collects the edits for one block.
class Scanner {
 public:
  using Edit = ProseEdit;
  Scanner(std::string_view b, bool markdown, std::vector<Edit>& edits, std::vector<Delim>& delims,
          std::vector<ProseBracket>& brackets)
      : b_(b), md_(markdown), edits_(edits), delims_(delims), brackets_(brackets) {
    edits_.clear();
    delims_.clear();
    brackets_.clear();
  }

  void run(bool list_item) {
    std::size_t i = 0;
    while (i < b_.size() && (b_[i] == ' ' || b_[i] == '\t')) ++i;
    i = leading_marker(i, list_item);
    std::array<bool, kMaxTicks + 1> no_closer{};  // no run of this many ticks after here
    const std::array<bool, 256>& starts = markup_starts(md_);
    const char* const data = b_.data();
    const std::size_t size = b_.size();
    while (i < size) {
      while (i < size && !starts[static_cast<unsigned char>(data[i])]) ++i;
      if (i == size) break;
      const char c = data[i];
      if (c == '\\' && md_ && i + 1 < b_.size() && (is_ascii_punct(b_[i + 1]) || b_[i + 1] == '\n')) {
        drop(i, i + 1);
        i += 2;  // the escaped byte is text
      } else if (c == '`') {
        std::size_t n = run_length(i, '`');
        std::size_t close = n <= kMaxTicks && !no_closer[n] ? find_ticks(i + n, n) : std::string_view::npos;
        if (close == std::string_view::npos) {
          if (n <= kMaxTicks) no_closer[n] = true;
          i += n;
          continue;
        }
        drop(i, i + n);
        drop(close, close + n);
        i = close + n;
      } else if (c == '*' || c == '_' || c == '~') {
        i = delimiter_run(i, c);
      } else if (c == '[' || (c == '!' && md_ && i + 1 < b_.size() && b_[i + 1] == '[')) {
        i = open_bracket(i);
      } else if (c == ']') {
        i = close_bracket(i);
      } else if (c == '<' && md_) {
        i = angle(i);
      } else if (c == '&' && md_) {
        i = entity(i);
      } else if (c == '\n' || c == '\r' || c == '\t' || (c == '\xC2' && i + 1 < size && data[i + 1] == '\xA0')) {
        i = white_space(i);
      } else {
        ++i;
      }
    }
    pair_emphasis();
  }

 private:
  // Drops [from, to), markup read away with what it holds, and the space it leaves double:
  // the spaces after it where it opens the block, one of a space on each side, the space
  // before it where a stop follows ("act ~now~." reads "act.").
  void drop_spaced(std::size_t from, std::size_t to) {
    drop(from, to);
    std::size_t before = from, after = to;
    while (before > 0 && is_ws(b_[before - 1])) --before;
    while (after < b_.size() && b_[after] == ' ') ++after;
    if (before == 0) drop(to, after);
    else if (b_[from - 1] == ' ' && after > to) drop(to, to + 1);
    else if (b_[from - 1] == ' ' && to < b_.size() && closes_onto_word(b_[to])) drop(from - 1, from);
  }

  void drop(std::size_t begin, std::size_t end, std::string_view insert = {}) {
    Edit e{static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end), {}, 0};
    if (!insert.empty()) std::memcpy(e.insert, insert.data(), std::min<std::size_t>(insert.size(), 4));
    e.insert_len = static_cast<std::uint8_t>(std::min<std::size_t>(insert.size(), 4));
    edits_.push_back(e);
  }

  // A run of white space holding a line break, a tab or a no-break space reads as one
  // space (none at the block's ends); in Markdown, with the '>' markers a quote repeats
  // on its continuation lines.
  std::size_t white_space(std::size_t i) {
    std::size_t b = i;
    while (b > 0 && b_[b - 1] == ' ') --b;
    std::size_t e = i;
    bool line_start = false;
    while (e < b_.size()) {
      const char c = b_[e];
      if (c == '\n') line_start = true;
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') ++e;
      else if (c == '\xC2' && e + 1 < b_.size() && b_[e + 1] == '\xA0') e += 2;
      else if (c == '>' && md_ && line_start) ++e;
      else break;
    }
    const bool at_end = b == 0 || e == b_.size();
    drop(b, e, at_end || hyphen_at_line_end(b, e, line_start) ? "" : " ");
    return e;
  }

  // Plain text wrapped at a width breaks a hyphenated word at its hyphen ("a well-" over
  // "known result"): the two halves are one word, read without the space the line break
  // would make. The hyphen stays: a text wrapped by an editor or a mail program breaks
  // lines at spaces and hyphens, never inside a word, so the hyphen is the word's own
  // ("care-" over "ful" is a PDF's, and reads "care-ful"). Not in Markdown, whose line
  // break is a space on the page.
  bool hyphen_at_line_end(std::size_t b, std::size_t e, bool line_break) const {
    if (md_ || !line_break || b < 2 || e >= b_.size() || b_[b - 1] != '-') return false;
    auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    return letter(b_[b - 2]) && letter(b_[e]);
  }

  // The first `c` in [from, limit), or npos: every look ahead stops at its cap, so that a
  // block of openers without a closer ("<!-- <!-- …", "[^[^…") is not read again at each.
  std::size_t find_within(char c, std::size_t from, std::size_t limit) const {
    if (from >= b_.size()) return std::string_view::npos;
    const std::size_t e = b_.substr(from, std::min(limit, b_.size()) - std::min(from, limit)).find(c);
    return e == std::string_view::npos ? e : from + e;
  }

  std::size_t run_length(std::size_t i, char c) const {
    std::size_t j = i;
    while (j < b_.size() && b_[j] == c) ++j;
    return j - i;
  }

  // The next run of exactly n ticks at or after `from`.
  std::size_t find_ticks(std::size_t from, std::size_t n) const {
    for (std::size_t k = b_.find('`', from); k != std::string_view::npos; k = b_.find('`', k)) {
      std::size_t m = run_length(k, '`');
      if (m == n) return k;
      k += m;
    }
    return std::string_view::npos;
  }

  // A heading's '#'s, or a plain-text item's marker, at the block's start.
  std::size_t leading_marker(std::size_t i, bool list_item) {
    std::size_t k = i;
    while (k < b_.size() && b_[k] == '#' && k - i < 6) ++k;
    if (k > i && (k == b_.size() || b_[k] == ' ' || b_[k] == '\t')) {
      while (k < b_.size() && (b_[k] == ' ' || b_[k] == '\t')) ++k;
      drop(0, k);
      // A closing run of '#'s ("## Title ##") on the heading's line.
      std::size_t eol = std::min(b_.find('\n', k), b_.size());
      std::size_t e = eol;
      while (e > k && is_ws(b_[e - 1])) --e;
      std::size_t h = e;
      while (h > k && b_[h - 1] == '#') --h;
      if (h < e && h > k && (b_[h - 1] == ' ' || b_[h - 1] == '\t')) drop(h - 1, e);
      return k;
    }
    if (md_ || !list_item) return i;
    k = i;
    if (k < b_.size() && (b_[k] == '-' || b_[k] == '*' || b_[k] == '+')) {
      ++k;
    } else if (b_.substr(k, 3) == "\xE2\x80\xA2" || b_.substr(k, 3) == "\xE2\x81\x83" || b_.substr(k, 3) == "\xE2\x97\xA6") {
      k += 3;  // • ⁃ ◦
    } else {
      const bool paren = k < b_.size() && b_[k] == '(';
      if (paren) ++k;
      std::size_t d = k;
      while (d < b_.size() && is_ascii_digit(b_[d]) && d - k < 3) ++d;
      if (d == k && d < b_.size() && is_ascii_alpha(b_[d])) ++d;
      if (d == k || d >= b_.size() || !(b_[d] == '.' || b_[d] == ')')) return i;
      if (paren && b_[d] != ')') return i;
      k = d + 1;
    }
    if (k >= b_.size() || !(b_[k] == ' ' || b_[k] == '\t')) return i;
    while (k < b_.size() && (b_[k] == ' ' || b_[k] == '\t')) ++k;
    drop(0, k);
    return k;
  }

  std::size_t delimiter_run(std::size_t i, char c) {
    const std::size_t n = run_length(i, c);
    const char before = i > 0 ? b_[i - 1] : ' ', after = i + n < b_.size() ? b_[i + n] : ' ';
    const bool left = !is_ws(after) && (!is_ascii_punct(after) || is_ws(before) || is_ascii_punct(before));
    const bool right = !is_ws(before) && (!is_ascii_punct(before) || is_ws(after) || is_ascii_punct(after));
    bool open = left, close = right;
    if (c == '_') {
      open = left && (!right || is_ascii_punct(before));
      close = right && (!left || is_ascii_punct(after));
    }
    if (c == '~' && n > 2) open = close = false;  // GFM strikethrough is one or two tildes
    if (open || close)
      delims_.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(n), 0, static_cast<std::uint32_t>(n), c,
                         open, close});
    return i + n;
  }

  // Pairs emphasis delimiters, nearest opener first (CommonMark's process_emphasis,
  // without the rule of three): each pair drops the bytes it uses.
  void pair_emphasis() {
    std::vector<std::size_t> stack;  // indices into delims_ of openers still waiting
    std::array<std::size_t, 3> bottom{};  // per character: no opener below this stack depth
    auto slot = [](char c) { return c == '*' ? 0 : c == '_' ? 1 : 2; };
    for (std::size_t k = 0; k < delims_.size(); ++k) {
      Delim& d = delims_[k];
      while (d.close && d.len > 0) {
        std::size_t p = stack.size();
        while (p > bottom[slot(d.c)]) {
          const Delim& o = delims_[stack[p - 1]];
          if (o.c == d.c && o.len > 0 && (d.c != '~' || o.original == d.original)) break;
          --p;
        }
        if (p == bottom[slot(d.c)]) {
          bottom[slot(d.c)] = stack.size();
          break;
        }
        Delim& o = delims_[stack[p - 1]];
        const std::uint32_t use = d.c == '~' ? d.len : (o.len >= 2 && d.len >= 2 ? 2 : 1);
        if (d.c == '~' && md_) {
          // Struck out is taken back: "We ~~should~~ must act." reads "We must act.", with
          // one space where a space stood on each side.
          drop_spaced(o.pos + o.len - use, d.pos + d.consumed + use);
        } else {
          drop(o.pos + o.len - use, o.pos + o.len);
          drop(d.pos + d.consumed, d.pos + d.consumed + use);
        }
        o.len -= use;
        d.len -= use;
        d.consumed += use;
        stack.resize(o.len > 0 ? p : p - 1);  // openers inside the pair are text now
        for (std::size_t& bt : bottom) bt = std::min(bt, stack.size());
      }
      if (d.open && d.len > 0 && d.consumed == 0) stack.push_back(k);
    }
  }

  std::size_t open_bracket(std::size_t i) {
    const bool image = b_[i] == '!';
    const std::size_t b = image ? i + 1 : i;
    if (b + 1 < b_.size() && b_[b + 1] == '^') {  // a footnote mark "[^note]"
      const std::size_t close = find_within(']', b + 2, b + kMaxFootnoteLabel + 1);
      // After '!' it is still a mark, unless a destination or a label follows as an
      // image's would: "a great improvement![^2]" ends on its '!', as cmark-gfm reads it.
      const bool mark_after_bang =
          close != std::string_view::npos && (close + 1 == b_.size() || (b_[close + 1] != '(' && b_[close + 1] != '['));
      if (close != std::string_view::npos && (!image || mark_after_bang) &&
          b_.substr(b + 2, close - b - 2).find_first_of(" \t\n[") == std::string_view::npos && close > b + 2) {
        // (With the space before it where a stop, a closing bracket or another space follows:
        // "protected [^n]." reads "protected.", not "protected .", and "kept [^m] open" one
        // space between its words.)
        const bool closes =
            close + 1 == b_.size() || b_[close + 1] == ' ' || closes_onto_word(b_[close + 1]);
        drop(b > 0 && b_[b - 1] == ' ' && closes && !image ? b - 1 : b, close + 1);
        return close + 1;
      }
    }
    brackets_.push_back(Bracket{static_cast<std::uint32_t>(i), image});
    return b + 1;
  }

  std::size_t close_bracket(std::size_t i) {
    if (brackets_.empty()) return i + 1;
    const Bracket o = brackets_.back();
    brackets_.pop_back();
    const std::size_t inner = o.pos + (o.image ? 2 : 1);
    std::size_t k = i + 1;
    // A link reads as its words, and so does an image inside a sentence ("Read the docs and
    // ![a chart](c.png)."); an image between sentences, or opening the block, reads as
    // nothing, as the tree's text has it: its description is no sentence of the page ("well.
    // ![a bus](bus.png) Buses …" is not "a bus Buses …"). A space on each side leaves one.
    auto read_away = [&](std::size_t end) {
      std::size_t before = o.pos;
      while (before > 0 && is_ws(b_[before - 1])) --before;
      if (!o.image || (before > 0 && b_[before - 1] != '.' && b_[before - 1] != '!' && b_[before - 1] != '?')) {
        drop(o.pos, inner);
        drop(i, end);
        return;
      }
      drop_spaced(o.pos, end);
    };
    if (k < b_.size() && b_[k] == '(') {
      std::size_t end = destination(k + 1);
      if (end != std::string_view::npos) {
        read_away(end);
        return end;
      }
      return i + 1;
    }
    if (!md_) return i + 1;
    if (k < b_.size() && b_[k] == '[') {  // "[words][label]", "[words][]"
      const std::size_t close = find_within(']', k + 1, k + kMaxLabel + 1);
      if (close != std::string_view::npos &&
          b_.substr(k + 1, close - k - 1).find('[') == std::string_view::npos) {
        read_away(close + 1);
        return close + 1;
      }
      return i + 1;
    }
    // "[words]": a shortcut reference when it holds words (not "[x]", "[1]", "[ ]").
    if (i - inner <= kMaxLabel && letters_from(inner, i) >= 2) {
      drop(o.pos, inner);
      drop(i, i + 1);
    }
    return i + 1;
  }

  // After "](": the end of "destination "title")", or npos when it is no destination.
  std::size_t destination(std::size_t k) const {
    const std::size_t limit = std::min(b_.size(), k + kMaxDestination);
    while (k < limit && (b_[k] == ' ' || b_[k] == '\t' || b_[k] == '\n')) ++k;
    const std::size_t start = k;
    bool url_like = false;
    if (k < limit && b_[k] == '<') {
      while (k < limit && b_[k] != '>' && b_[k] != '\n') ++k;
      if (k >= limit || b_[k] != '>') return std::string_view::npos;
      ++k;
      url_like = true;
    } else {
      int depth = 0;
      for (; k < limit && !is_ws(b_[k]); ++k) {
        if (b_[k] == '(' && ++depth > kMaxDestinationParens) return std::string_view::npos;
        else if (b_[k] == ')' && depth-- == 0) break;
        url_like |= b_[k] == '/' || b_[k] == '.' || b_[k] == ':' || b_[k] == '#';
      }
    }
    while (k < limit && (b_[k] == ' ' || b_[k] == '\t' || b_[k] == '\n')) ++k;
    if (k < limit && (b_[k] == '"' || b_[k] == '\'' || b_[k] == '(') && k > start) {
      const char close = b_[k] == '(' ? ')' : b_[k];
      const std::size_t e = find_within(close, k + 1, limit);
      if (e == std::string_view::npos) return std::string_view::npos;
      k = e + 1;
      while (k < limit && (b_[k] == ' ' || b_[k] == '\t' || b_[k] == '\n')) ++k;
    }
    if (k >= limit || b_[k] != ')') return std::string_view::npos;
    // Plain text has no links: only a destination that looks like one makes it a link.
    if (!md_ && (!url_like || k == start)) return std::string_view::npos;
    return k + 1;
  }

  // '<' in Markdown: an autolink loses its brackets; a tag or a comment goes.
  std::size_t angle(std::size_t i) {
    const std::size_t limit = std::min(b_.size(), i + kMaxTag);
    if (b_.substr(i, 4) == "<!--") {
      const std::size_t e = b_.substr(0, limit + 2).find("-->", i + 4);
      if (e != std::string_view::npos && e < limit) {
        drop(i, e + 3);
        return e + 3;
      }
      return i + 1;
    }
    std::size_t k = i + 1;
    const bool closing = k < limit && b_[k] == '/';
    if (closing) ++k;
    if (k >= limit || !is_ascii_alpha(b_[k])) return i + 1;
    while (k < limit && (is_ascii_alpha(b_[k]) || is_ascii_digit(b_[k]) || b_[k] == '-' || b_[k] == '+' || b_[k] == '.')) ++k;
    if (!closing && k < limit && b_[k] == ':') {  // an autolink "<https://…>"
      std::size_t e = k;
      while (e < limit && b_[e] != '>' && b_[e] != '<' && !is_ws(b_[e])) ++e;
      if (e < limit && b_[e] == '>') {
        drop(i, i + 1);
        drop(e, e + 1);
        return e + 1;
      }
      return i + 1;
    }
    if (!closing && k < limit && b_[k] == '@') {  // "<name@example.com>"
      const std::size_t e = find_within('>', k, limit);
      if (e != std::string_view::npos && b_.substr(k, e - k).find_first_of(" \t\n<") == std::string_view::npos) {
        drop(i, i + 1);
        drop(e, e + 1);
        return e + 1;
      }
      return i + 1;
    }
    // A tag: attributes (quoted values may hold '>') up to '>'.
    char quote = 0;
    for (; k < limit; ++k) {
      const char ch = b_[k];
      if (quote) {
        if (ch == quote) quote = 0;
      } else if (ch == '"' || ch == '\'') {
        quote = ch;
      } else if (ch == '<') {
        return i + 1;
      } else if (ch == '>') {
        drop(i, k + 1);
        return k + 1;
      }
    }
    return i + 1;
  }

  std::size_t entity(std::size_t i) {
    std::size_t k = i + 1;
    char buf[4];
    if (k < b_.size() && b_[k] == '#') {
      ++k;
      const bool hex = k < b_.size() && (b_[k] == 'x' || b_[k] == 'X');
      if (hex) ++k;
      std::uint32_t cp = 0;
      std::size_t d = k;
      for (; d < b_.size() && d - k < (hex ? 6u : 7u); ++d) {
        const int v = hex ? hex_value(b_[d]) : is_ascii_digit(b_[d]) ? b_[d] - '0' : -1;
        if (v < 0) break;
        cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(v);
      }
      if (d == k || d >= b_.size() || b_[d] != ';') return i + 1;
      drop(i, d + 1, std::string_view(buf, encode_utf8(cp, buf)));
      return d + 1;
    }
    std::size_t e = k;
    while (e < b_.size() && e - k < 32 && (is_ascii_alpha(b_[e]) || is_ascii_digit(b_[e]))) ++e;
    if (e == k || e >= b_.size() || b_[e] != ';') return i + 1;
    const std::string_view name = b_.substr(k, e - k);
    for (const Entity& en : kEntities)
      if (name == en.name) {
        drop(i, e + 1, en.text);
        return e + 1;
      }
    return i + 1;
  }

  // How many letters (ASCII or any byte of a non-ASCII character) t[begin, end) holds, up
  // to two. Asked at increasing `end`, each byte is looked at once: nested brackets
  // ("[[[…]]]") ask about overlapping spans.
  int letters_from(std::size_t begin, std::size_t end) {
    for (; letters_at_ < end; ++letters_at_) {
      const char ch = b_[letters_at_];
      if (is_ascii_alpha(ch) || static_cast<unsigned char>(ch) >= 0x80) {
        second_letter_ = last_letter_;
        last_letter_ = letters_at_;
      }
    }
    if (last_letter_ == std::string_view::npos || last_letter_ < begin) return 0;
    return second_letter_ != std::string_view::npos && second_letter_ >= begin ? 2 : 1;
  }

  using Bracket = ProseBracket;
  std::size_t letters_at_ = 0, last_letter_ = std::string_view::npos, second_letter_ = std::string_view::npos;
  std::string_view b_;
  bool md_;
  std::vector<Edit>& edits_;
  std::vector<Delim>& delims_;
  std::vector<Bracket>& brackets_;
};

}  // namespace

void ProseReading::read(std::string_view block, Format format, bool list_item, ReferenceMarks marks) {
  runs_.clear();
  owned_.clear();
  const bool markdown = format == Format::markdown;
  // (HTML prose comes as text, its markup read by the HTML reader: nothing to take out.)
  if (format == Format::html) {
    text_ = block;
    return;
  }
  // The references that lie inside the block.
  static const std::vector<Span> kNone;
  const std::vector<Span>& all = marks.spans ? *marks.spans : kNone;
  const std::size_t from = marks.block_start, to = marks.block_start + block.size();
  const auto first_mark =
      std::lower_bound(all.begin(), all.end(), from, [](const Span& m, std::size_t at) { return m.start < at; });
  const auto last_mark =
      std::lower_bound(first_mark, all.end(), to, [](const Span& m, std::size_t at) { return m.start < at; });
  // (No span of ours is 4 GB long; such a block is read as it is.)
  if (block.size() >= UINT32_MAX || (first_mark == last_mark && !may_hold_markup(block, markdown, list_item))) {
    text_ = block;
    return;
  }
  Scanner(block, markdown, edits_, delims_, brackets_).run(list_item);
  for (auto m = first_mark; m != last_mark; ++m)
    if (m->start < m->end && m->end <= to)
      edits_.push_back({static_cast<std::uint32_t>(m->start - from), static_cast<std::uint32_t>(m->end - from), {}, 0});
  if (edits_.empty()) {
    text_ = block;
    return;
  }
  std::sort(edits_.begin(), edits_.end(), [](const ProseEdit& a, const ProseEdit& b) { return a.begin < b.begin; });
  owned_.reserve(block.size());
  std::size_t pos = 0;
  for (const ProseEdit& e : edits_) {
    if (e.begin < pos) {  // overlaps an edit already made: keep what it drops beyond
      pos = std::max<std::size_t>(pos, e.end);
      continue;
    }
    if (e.begin > pos) {
      runs_.push_back({static_cast<std::uint32_t>(pos), static_cast<std::uint32_t>(owned_.size())});
      owned_.append(block.substr(pos, e.begin - pos));
    }
    if (e.insert_len) {
      runs_.push_back({e.begin, static_cast<std::uint32_t>(owned_.size())});
      owned_.append(e.insert, e.insert_len);
    }
    pos = e.end;
  }
  if (pos < block.size()) {
    runs_.push_back({static_cast<std::uint32_t>(pos), static_cast<std::uint32_t>(owned_.size())});
    owned_.append(block.substr(pos));
  }
  text_ = owned_;
}

std::size_t ProseReading::map(std::size_t source) const {
  auto it = std::upper_bound(runs_.begin(), runs_.end(), source,
                             [](std::size_t s, const Run& r) { return s < r.source; });
  if (it == runs_.begin()) return 0;
  const Run& r = *(it - 1);
  const std::size_t len = (it == runs_.end() ? text_.size() : it->text) - r.text;
  return r.text + std::min(source - r.source, len);
}

std::string_view ProseReading::range(std::size_t begin, std::size_t end) const {
  if (runs_.empty()) {
    if (begin >= text_.size() || end <= begin) return {};
    return text_.substr(begin, std::min(end, text_.size()) - begin);
  }
  const std::size_t b = map(begin), e = map(end);
  return e > b ? text_.substr(b, e - b) : std::string_view{};
}

void read_sentence_texts(std::string_view input, Format format, const std::vector<ProseBlock>& prose,
                         std::vector<Sentence>& sentences, const std::vector<std::uint32_t>& block_of,
                         const std::vector<Span>& references) {
  ProseReading reading;
  std::uint32_t current = UINT32_MAX;
  for (std::size_t i = 0; i < sentences.size(); ++i) {
    const ProseBlock& b = prose[block_of[i]];
    if (block_of[i] != current) {
      current = block_of[i];
      reading.read(slice(input, b.span), format, b.role == ProseRole::list_item, {&references, b.span.start});
    }
    const Span& s = sentences[i].span;
    sentences[i].text = clean_text(collapse_whitespace(reading.range(s.start - b.span.start, s.end - b.span.start)));
  }
}

}  // namespace essaykit::detail
