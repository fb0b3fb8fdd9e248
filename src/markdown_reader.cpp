// The Markdown reader: CommonMark + GFM through cmark-gfm, into the block model.
//
// cmark-gfm gives every node a line and a byte column; we map those to byte offsets
// of the caller's input. Three things it does not give us we find ourselves:
// front matter (YAML `---`, TOML `+++`, and the `[title]: <> (...)` comment idiom),
// footnote labels (cmark reports only the definition's index), and unreferenced
// footnote definitions (cmark drops them; we make it keep them, see below).
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <optional>

#include <fmt/format.h>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "block_model.h"
#include "cmark_arena.h"
#include "huge_pages.h"

namespace essaykit::detail {
namespace {

// ---------------------------------------------------------------------------
// Front matter

struct FrontMatter {
  std::size_t end = 0;  // offset just past the closing fence line (0: none)
  std::optional<Title> title;
};

// The line [pos, end-of-line) of s, without its LF and CR; next = start of the next line.
std::string_view line_at(std::string_view s, std::size_t pos, std::size_t& next) {
  std::size_t e = s.find('\n', pos);
  next = e == std::string_view::npos ? s.size() : e + 1;
  if (e == std::string_view::npos) e = s.size();
  std::size_t ce = e;
  if (ce > pos && s[ce - 1] == '\r') --ce;
  return s.substr(pos, ce - pos);
}

// The line at `pos` as cmark reads lines: LF, CRLF or a lone CR ends one (line_at ends
// lines at LF, as the contract counts them).
std::string_view cmark_line_at(std::string_view s, std::size_t pos, std::size_t& next) {
  const std::size_t e = line_break_from(s, pos);
  next = e == s.size() ? e : e + 1 + (s[e] == '\r' && e + 1 < s.size() && s[e + 1] == '\n');
  return s.substr(pos, e - pos);
}

bool is_fence(std::string_view line, std::string_view fence) {
  if (line.substr(0, fence.size()) != fence) return false;
  for (char c : line.substr(fence.size()))
    if (c != ' ' && c != '\t') return false;
  return true;
}

// The `n` hex digits at s[i], or nullopt.
std::optional<std::uint32_t> hex_at(std::string_view s, std::size_t i, std::size_t n) {
  if (i + n > s.size()) return std::nullopt;
  std::uint32_t v = 0;
  for (std::size_t k = i; k < i + n; ++k) {
    const int d = hex_value(s[k]);
    if (d < 0) return std::nullopt;
    v = v * 16 + static_cast<std::uint32_t>(d);
  }
  return v;
}

// A double-quoted scalar's text (YAML's escapes; TOML's basic strings use a subset of
// them): `\u00e9`, `\U0001F600` and `\x41` are characters, a surrogate pair one, a line
// break inside the quotes and the indentation after it a space (YAML's folding), and
// `\n` or `\t` a space too: a title is one line.
std::string unescape(std::string_view body) {
  std::string out;
  char buf[4];
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (c == '\n' || c == '\r') {
      while (i + 1 < body.size() && is_space(body[i + 1])) ++i;
      out.push_back(' ');
      continue;
    }
    if (c != '\\' || i + 1 == body.size()) {
      out.push_back(c);
      continue;
    }
    const char e = body[++i];
    const std::size_t digits = e == 'x' ? 2 : e == 'u' ? 4 : e == 'U' ? 8 : 0;
    if (digits) {
      if (std::optional<std::uint32_t> cp = hex_at(body, i + 1, digits)) {
        i += digits;
        if (*cp >= 0xD800 && *cp < 0xDC00 && body.substr(i + 1, 2) == "\\u")
          if (std::optional<std::uint32_t> low = hex_at(body, i + 3, 4); low && *low >= 0xDC00 && *low < 0xE000) {
            cp = 0x10000 + ((*cp - 0xD800) << 10) + (*low - 0xDC00);
            i += 6;
          }
        out.append(buf, encode_utf8(*cp, buf));
        continue;
      }
    }
    switch (e) {
      case 'n': case 't': case 'r': out.push_back(' '); break;
      case '\n': case '\r':  // an escaped line break joins the lines with nothing between
        while (i + 1 < body.size() && is_space(body[i + 1])) ++i;
        break;
      case '_': out.append("\xC2\xA0"); break;
      default: out.push_back(e);
    }
  }
  return out;
}

// The end of the text of `line` (starting at `pos` in the input), trailing blanks left out.
std::size_t text_end(std::string_view line, std::size_t pos) {
  const std::size_t last = line.find_last_not_of(" \t");
  return last == std::string_view::npos ? pos : pos + last + 1;
}

// The indented lines after a key's line that carry its value on (and blank lines between
// them): [first, end) of their text, or nullopt when there are none; `next` moves past them.
std::optional<std::pair<std::size_t, std::size_t>> continuation(std::string_view in, std::size_t& next) {
  std::optional<std::pair<std::size_t, std::size_t>> r;
  for (std::size_t pos = next, after; pos < in.size(); pos = after) {
    std::string_view line = line_at(in, pos, after);
    if (trim(line).empty()) continue;
    if (line[0] != ' ' && line[0] != '\t') break;
    if (!r) r.emplace(pos + line.find_first_not_of(" \t"), 0);
    r->second = text_end(line, pos);
    next = after;
  }
  return r;
}

// The value of a top-level `title` key, its text starting at `at` (just past the ':' or
// '='); `next` is the start of the line after the key's, and moves past the lines the value
// takes. YAML lets a value go on over indented lines (a plain scalar folded, a quoted one
// until its closing quote, a block scalar `>` or `|` below its key), and end in a comment.
std::optional<Title> title_value(std::string_view in, std::size_t at, std::size_t& next, bool yaml,
                                 const LineIndex& lines) {
  std::size_t eol_next = 0;
  const std::string_view line = line_at(in, at, eol_next);
  const std::size_t lead = line.find_first_not_of(" \t");
  if (lead == std::string_view::npos) return std::nullopt;
  const std::size_t v = at + lead;
  auto title = [&](std::string text, std::size_t s, std::size_t e) -> std::optional<Title> {
    text = clean_text(collapse_whitespace(text));
    if (text.empty()) return std::nullopt;
    return Title{std::move(text), lines.span(s, std::max(s, e))};
  };
  const char q = in[v];
  if (q == '"' || q == '\'') {
    // The closing quote, on this line or (YAML) a later one before the closing fence.
    std::size_t c = v + 1;
    for (; c < in.size(); ++c) {
      // (An escape never takes a line break: the next line may be the closing fence.)
      if (q == '"' && in[c] == '\\' && c + 1 < in.size() && in[c + 1] != '\n' && in[c + 1] != '\r') {
        ++c;
        continue;
      }
      if (in[c] == q && !(q == '\'' && c + 1 < in.size() && in[c + 1] == '\'')) break;
      if (q == '\'' && in[c] == '\'') { ++c; continue; }
      if (in[c] == '\n') {
        std::size_t after = 0;
        const std::string_view l = line_at(in, c + 1, after);
        if (!yaml || is_fence(l, "---") || is_fence(l, "...")) { c = in.size(); break; }
      }
    }
    if (c < in.size()) {
      std::size_t after = 0;
      const std::string_view rest = trim(line_at(in, c + 1, after));
      if (rest.empty() || (yaml && rest.front() == '#')) {
        next = std::max(next, after);
        const std::string_view body = in.substr(v + 1, c - v - 1);
        std::string text;
        if (q == '"') {
          text = unescape(body);
        } else {
          for (std::size_t i = 0; i < body.size(); ++i) {
            if (body[i] == '\'' && i + 1 < body.size() && body[i + 1] == '\'') ++i;
            text.push_back(body[i]);
          }
        }
        return title(std::move(text), v + 1, c);
      }
    }
    // No closing quote where one should be: the line as written.
    return title(std::string(trim(line)), v, text_end(line, at));
  }
  std::string_view value = line.substr(lead);
  bool comment = false;
  if (yaml) {
    if (auto hash = value.find(" #"); hash != std::string_view::npos) {
      value = value.substr(0, hash);
      comment = true;
    }
    if (value.front() == '#') return std::nullopt;
    value = trim(value);
    if (value.empty()) return std::nullopt;  // (trim takes \f and \v too: "title: \f")
    // A block scalar: its header (`>`, `|-`, `>+2`), then the lines indented below the key.
    if ((value[0] == '>' || value[0] == '|') && value.size() <= 3 &&
        value.find_first_not_of("+-123456789", 1) == std::string_view::npos) {
      std::optional<std::pair<std::size_t, std::size_t>> body = continuation(in, next);
      if (!body) return std::nullopt;
      return title(std::string(in.substr(body->first, body->second - body->first)), body->first, body->second);
    }
  } else {
    value = trim(value);
    if (value.empty()) return std::nullopt;
  }
  const std::size_t end = v + value.size();
  if (yaml && !comment)
    if (std::optional<std::pair<std::size_t, std::size_t>> more = continuation(in, next))
      return title(std::string(in.substr(v, more->second - v)), v, more->second);
  return title(std::string(value), v, end);
}

FrontMatter find_front_matter(std::string_view in, std::size_t base, const LineIndex& lines) {
  FrontMatter fm;
  std::size_t next = 0;
  std::string_view first = line_at(in, base, next);
  const bool yaml = is_fence(first, "---"), toml = !yaml && is_fence(first, "+++");
  if (yaml || toml) {
    const char sep = yaml ? ':' : '=';
    std::optional<Title> title;
    bool title_seen = false;
    for (std::size_t pos = next; pos < in.size();) {
      std::size_t line_start = pos;
      std::string_view line = line_at(in, pos, pos);
      if (yaml ? (is_fence(line, "---") || is_fence(line, "...")) : is_fence(line, "+++")) {
        fm.end = pos;
        fm.title = std::move(title);
        return fm;
      }
      // A top-level key: `title: ...` or `title = ...` (not indented, so not nested).
      if (!title_seen && line.substr(0, 5) == "title") {
        std::string_view rest = line.substr(5);
        std::size_t k = 0;
        while (k < rest.size() && (rest[k] == ' ' || rest[k] == '\t')) ++k;
        if (k < rest.size() && rest[k] == sep) {
          title_seen = true;
          title = title_value(in, line_start + 5 + k + 1, pos, yaml, lines);
        }
      }
    }
    return fm;  // never closed: not front matter
  }
  // `[title]: <> (Some title)` lines: link reference definitions that render as
  // nothing, used as metadata by some blogs. Only a leading run of them counts.
  for (std::size_t pos = base; pos < in.size();) {
    std::size_t line_start = pos;
    std::string_view line = line_at(in, pos, pos);
    if (trim(line).empty()) continue;
    if (line.size() < 4 || line[0] != '[') break;
    std::size_t close = line.find("]:");
    if (close == std::string_view::npos) break;
    std::string_view rest = trim(line.substr(close + 2));
    if (rest.substr(0, 2) != "<>") break;
    rest = trim(rest.substr(2));
    if (rest.size() < 2 || rest.front() != '(' || rest.back() != ')') break;
    if (line.substr(1, close - 1) == "title" && !fm.title) {
      std::string_view value = rest.substr(1, rest.size() - 2);
      std::size_t off = line_start + static_cast<std::size_t>(value.data() - line.data());
      if (!trim(value).empty()) fm.title = Title{clean_text(value), lines.span(off, off + value.size())};
    }
  }
  return fm;
}

// ---------------------------------------------------------------------------
// cmark positions → byte offsets

// Calls f(offset) with the start of every line of `s` after its first, as cmark counts
// lines: LF, CR and CRLF end one. (Most inputs hold no CR: then memchr finds the LFs.)
template <class F>
void for_each_cmark_line_start(std::string_view s, F&& f) {
  if (s.empty()) return;  // (memchr may not be given an empty view's null pointer)
  if (std::memchr(s.data(), '\r', s.size()) == nullptr) {
    for (std::size_t i = s.find('\n'); i != std::string_view::npos; i = s.find('\n', i + 1)) f(i + 1);
    return;
  }
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == s.size() || s[i + 1] != '\n'))) f(i + 1);
}

// cmark counts lines at LF, CR and CRLF, and columns in bytes from 1. The lines of what
// it is fed from the input (`buf`, at `base` in the input), found once: the scan for
// footnote definitions reads them, and so does every position cmark gives.
class CmarkPositions {
 public:
  // `lines`: how many lines LF ends in the input, which holds `buf` (a lone CR ends more).
  CmarkPositions(std::string_view buf, std::size_t base, std::size_t lines)
      : buf_(buf), base_(base), size_(buf.size()) {
    // (Reserved so, a large input's starts are written once.)
    reserve_in_huge_pages(starts_, lines + 1, buf.size() >= kHugePageThreshold);
    starts_.push_back(0);
    for_each_cmark_line_start(buf, [&](std::size_t start) { starts_.push_back(start); });
  }
  std::size_t line_count() const { return starts_.size(); }
  // Line i (0-based) of `buf`: where it starts, and its text without its line end.
  std::size_t line_start(std::size_t i) const { return starts_[i]; }
  std::string_view line(std::size_t i) const {
    std::size_t e = i + 1 < starts_.size() ? starts_[i + 1] : size_;
    if (e > starts_[i] && buf_[e - 1] == '\n') --e;
    if (e > starts_[i] && buf_[e - 1] == '\r') --e;
    return buf_.substr(starts_[i], e - starts_[i]);
  }
  // The first line that starts at `offset` of `buf` or after it.
  std::size_t first_line_from(std::size_t offset) const {
    return static_cast<std::size_t>(std::lower_bound(starts_.begin(), starts_.end(), offset) - starts_.begin());
  }
  // Offset (into the caller's input) of a 1-based line and column.
  std::size_t at(int line, int column) const {
    if (line < 1) return base_;
    if (static_cast<std::size_t>(line) > starts_.size()) return base_ + size_;  // past the input: ours
    std::size_t l = static_cast<std::size_t>(line) - 1;
    std::size_t off = starts_[l] + static_cast<std::size_t>(std::max(column, 1)) - 1;
    return base_ + std::min(off, size_);
  }
  // Is a 1-based line past the input's lines (on what was fed after it)?
  bool past_input(int line) const { return line > 0 && static_cast<std::size_t>(line) > starts_.size(); }
  std::size_t start(cmark_node* n) const { return at(cmark_node_get_start_line(n), cmark_node_get_start_column(n)); }
  // End column is inclusive; column 0 means "before the first byte of the line".
  std::size_t end(cmark_node* n) const {
    int line = cmark_node_get_end_line(n), col = cmark_node_get_end_column(n);
    if (col == 0) return at(line, 1);
    return at(line, col) + 1 <= base_ + size_ ? at(line, col) + 1 : base_ + size_;
  }

 private:
  std::vector<std::size_t> starts_;
  std::string_view buf_;
  std::size_t base_, size_;
};

// ---------------------------------------------------------------------------
// Blocks of dense inline markup
//
// Every inline markup character cmark-gfm meets — a bracket, an emphasis mark, an
// entity's `&`, a `<`, a backslash, and `:`, `w` and `.` for the autolink extension —
// becomes a node of its own, about 200 bytes: a megabyte of nested brackets takes
// 240 MB. Posts have a few per hundred bytes (at most 11% in any block of the corpus);
// a block where they are a quarter or more is not prose, and when such blocks hold
// thousands of them, cmark is given a copy of those blocks with each such character
// replaced by an unused control byte — the same length, so every position holds —
// which it reads as plain text. The walk puts the characters back into derived texts.

constexpr std::string_view kInlineMarks = "[]!*_~&<\\:w.`";
constexpr std::size_t kDenseShare = 4;         // a block is dense from 1/4 markup characters
constexpr std::size_t kDenseTotal = 8192;      // and flattened when dense blocks hold this many

constexpr std::array<bool, 256> kIsInlineMark = [] {
  std::array<bool, 256> t{};
  for (char c : kInlineMarks) t[static_cast<unsigned char>(c)] = true;
  return t;
}();

// Where a line's text starts inside its containers: after indentation, block quote and
// list markers.
std::size_t container_prefix(std::string_view line) {
  std::size_t k = 0;
  for (;;) {
    while (k < line.size() && (line[k] == ' ' || line[k] == '\t')) ++k;
    if (k < line.size() && line[k] == '>') { ++k; continue; }
    if (k + 1 < line.size() && (line[k] == '-' || line[k] == '+' || line[k] == '*') &&
        (line[k + 1] == ' ' || line[k + 1] == '\t')) { k += 2; continue; }
    std::size_t d = k;
    while (d < line.size() && d - k < 9 && is_ascii_digit(line[d])) ++d;
    if (d > k && d + 1 < line.size() && (line[d] == '.' || line[d] == ')') && (line[d + 1] == ' ' || line[d + 1] == '\t')) {
      k = d + 2;
      continue;
    }
    break;
  }
  return k;
}

// The characters at the start of a line that make block structure, which stay: its
// container prefix, then a run of one heading, fence, rule or table character
// (`###`, "```", `~~~`, `---`, `|`), a `<` opening HTML, or the `[` of a `[^note]:`.
std::size_t block_prefix(std::string_view line) {
  std::size_t k = container_prefix(line);
  if (k >= line.size()) return k;
  const char c = line[k];
  if (c == '<' || (c == '[' && k + 1 < line.size() && line[k + 1] == '^')) return k + 1;
  if (std::string_view("#`~-=_*+|").find(c) != std::string_view::npos)
    while (k < line.size() && line[k] == c) ++k;
  return k;
}

struct DenseBlock {
  std::size_t start, end;  // offsets into the reader's body
  std::size_t marks;
};

// The blocks (runs of non-blank lines) of `body` from `from` on that are dense in markup
// characters, when together they hold enough of them to matter; else none.
std::vector<DenseBlock> find_dense_blocks(std::string_view body, std::size_t from) {
  std::vector<DenseBlock> dense;
  std::size_t total = 0;
  DenseBlock cur{from, from, 0};
  auto close = [&](std::size_t end) {
    cur.end = end;
    if (cur.marks && cur.marks * kDenseShare >= cur.end - cur.start) {
      dense.push_back(cur);
      total += cur.marks;
    }
  };
  for (std::size_t pos = from; pos < body.size();) {
    std::size_t next;
    std::string_view line = line_at(body, pos, next);
    if (trim(line).empty()) {
      close(pos);
      cur = {next, next, 0};
    } else {
      for (char c : line.substr(block_prefix(line))) cur.marks += kIsInlineMark[static_cast<unsigned char>(c)];
    }
    pos = next;
  }
  close(body.size());
  if (total < kDenseTotal) dense.clear();
  return dense;
}

// Which control byte stands for which markup character in a flattened block: bytes the
// input does not hold, so that each maps back to one character.
struct Flattening {
  std::array<char, 256> to{};    // markup character → control byte (0: kept)
  std::array<char, 32> back{};   // control byte → markup character (0: none)

  explicit Flattening(std::string_view input) {
    std::array<bool, 32> used{};
    for (char c : input)
      if (static_cast<unsigned char>(c) < 32) used[static_cast<unsigned char>(c)] = true;
    std::size_t b = 1;
    for (char m : kInlineMarks) {
      // Never white space or a line end: 1-8 and 14-31 only.
      while (b < 32 && (used[b] || (b >= 9 && b <= 13))) ++b;
      if (b >= 32) break;
      to[static_cast<unsigned char>(m)] = static_cast<char>(b);
      back[b] = m;
      ++b;
    }
  }
  std::string flatten(std::string_view block) const {
    std::string out(block);
    for (std::size_t pos = 0; pos < out.size();) {
      std::size_t e = out.find('\n', pos);
      if (e == std::string::npos) e = out.size();
      for (std::size_t i = pos + block_prefix(std::string_view(out).substr(pos, e - pos)); i < e; ++i)
        if (char t = to[static_cast<unsigned char>(out[i])]) out[i] = t;
      pos = e + 1;
    }
    return out;
  }
  // Puts the markup characters back into text[from, end).
  void restore(std::string& text, std::size_t from) const {
    for (std::size_t i = from; i < text.size(); ++i)
      if (static_cast<unsigned char>(text[i]) < 32 && back[static_cast<unsigned char>(text[i])])
        text[i] = back[static_cast<unsigned char>(text[i])];
  }
};

// ---------------------------------------------------------------------------
// The walk

// Text is gathered into collectors on a stack: a leaf's text goes to every collector
// above the nearest container (item, heading, footnote), so a paragraph inside an
// item feeds both its own word count and the item's text. An item of a list inside
// a footnote (note_item) is a list item and part of the footnote's text: its text
// goes on up to the footnote.
enum class Sink { paragraph, heading, item, note_item, footnote, barrier };
struct Collector {
  Sink sink;
  std::string text;
  cmark_node* node;
};

// What cmark allocated goes with the arena when it owns the tree: nothing to free.
struct NodeDeleter {
  void operator()(cmark_node* n) const {
    if (!CmarkArena::owns_tree()) cmark_node_free(n);
  }
};
struct ParserDeleter {
  void operator()(cmark_parser* p) const {
    if (!CmarkArena::owns_tree()) cmark_parser_free(p);
  }
};
struct IterDeleter {
  void operator()(cmark_iter* i) const {
    if (!CmarkArena::owns_tree()) cmark_iter_free(i);
  }
};

bool is_table(cmark_node* n) {
  const char* t = cmark_node_get_type_string(n);
  return t && std::string_view(t) == "table";
}

bool is_container_sink(Sink s) { return s != Sink::paragraph; }

// A whole line of the form `[label]: destination` with an optional title.
bool is_link_definition(std::string_view line) {
  line = trim(line);
  if (line.size() < 5 || line[0] != '[' || line[1] == '^') return false;
  std::size_t close = line.find("]:");
  if (close == std::string_view::npos || close < 2) return false;
  std::string_view rest = trim(line.substr(close + 2));
  if (rest.empty()) return false;
  std::size_t dest_end = rest.find_first_of(" \t");
  if (dest_end == std::string_view::npos) return true;
  std::string_view title = trim(rest.substr(dest_end));
  return title.size() >= 2 && ((title.front() == '"' && title.back() == '"') ||
                               (title.front() == '\'' && title.back() == '\'') ||
                               (title.front() == '(' && title.back() == ')'));
}

// What the runs of non-space characters of a block's source that hold a `www.` or a
// `://` hold that their text as read does not: the only runs where the autolink
// extension could take a link (a run holds the whole of one) and, by keeping its raw
// characters, read otherwise than cmark without it.
struct LinkRuns {
  bool escape = false;       // a backslash escape, or a backslash hard break
  bool note_escape = false;  // an escaped `[`, `]` or `^`, or `[^` beside an escape
  bool entity = false;       // what may be an entity reference (`&name;`, `&#123;`)
  bool escaped_lt = false;   // `\<`: the extension's link ends at the `<`, and what follows may
                             // read as a raw tag (no words) where the escape made it text
};
// Calls f(a, b) for each run [a, b) of non-space characters of `text` that holds a `://`
// (and then for each that holds a `www.`): where the autolink extension looks for a link.
// Returns early when f returns true. The search goes on after the run, not after the
// trigger: a run of many triggers is looked at once per kind, not once per trigger
// (which made a long line of them quadratic).
template <class F>
void for_each_link_run(std::string_view text, F&& f) {
  for (std::string_view trigger : {std::string_view("://"), std::string_view("www.")}) {
    std::size_t at = text.find(trigger);
    while (at != std::string_view::npos) {
      std::size_t a = at, b = at;
      while (a > 0 && !is_space(text[a - 1])) --a;
      while (b < text.size() && !is_space(text[b])) ++b;
      if (f(a, b)) return;
      at = b < text.size() ? text.find(trigger, b) : std::string_view::npos;
    }
  }
}

LinkRuns link_runs(std::string_view block) {
  LinkRuns r;
  for_each_link_run(block, [&](std::size_t a, std::size_t b) {
    bool escape = false;
    for (std::size_t i = a; i < b; ++i) {
      if (block[i] == '\\') {
        const char next = i + 1 < block.size() ? block[i + 1] : '\n';
        if (next == '\n' || next == '\r' ||
            std::string_view("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~").find(next) != std::string_view::npos)
          escape = true;
        if (next == '[' || next == ']' || next == '^') r.note_escape = true;
        if (next == '<') r.escaped_lt = true;
      } else if (block[i] == '&') {
        std::size_t k = i + 1;
        while (k < b && k - i <= 40 && (is_ascii_alpha(block[k]) || is_ascii_digit(block[k]) || block[k] == '#')) ++k;
        if (k > i + 1 && k < b && block[k] == ';') r.entity = true;
      }
    }
    const std::string_view run = block.substr(a, b - a);
    if (escape && run.find("[^") != std::string_view::npos) r.note_escape = true;
    r.escape |= escape;
    return false;
  });
  return r;
}

class Walker {
 public:
  Walker(std::string_view input, std::string_view buf, const CmarkPositions& positions, const LineIndex& lines,
         BlockModel& model, const Flattening* flattening, bool autolinks_off)
      : in_(input), buf_(buf), pos_(positions), lines_(lines), m_(model), flattening_(flattening),
        autolinks_off_(autolinks_off) {
    // Room for a block a line, or a block per 32 bytes of input where that is fewer (a
    // block of code holds many lines and no prose block; where there are more blocks, the
    // vector grows past it): reserved so, a large input's blocks are written once, not
    // copied as the vector doubles.
    reserve_in_huge_pages(m_.prose, m_.prose.size() + std::min(positions.line_count(), buf.size() / 32 + 16),
                          buf.size() >= kHugePageThreshold);
  }

  void walk(cmark_node* doc, const std::vector<std::pair<std::string, std::size_t>>& def_labels);
  void report_dropped_definitions(cmark_node* doc, const std::vector<std::pair<std::string, std::size_t>>& def_labels);

  // Read without the autolink extension: did the tree hold text that the extension might
  // have read otherwise? (Then the walk's results may differ; read again with it.)
  bool autolinks_might_differ() const { return autolinks_might_differ_; }

 private:
  Span span_of(cmark_node* n) const {
    std::size_t s = pos_.start(n), e = pos_.end(n);
    if (cmark_node_get_start_line(n) == 0) lost_paragraph(n, s, e);
    // A heading's span is its source: an ATX heading's whole line, closing '#'s
    // included (cmark ends it at its text), a setext heading's lines and underline.
    if (cmark_node_get_type(n) == CMARK_NODE_HEADING) e = heading_end(n, s, e);
    while (e > s && is_space(in_[e - 1])) --e;
    return lines_.span(s, std::max(s, e), line_hint_);
  }
  // cmark-gfm's table extension, when a table's header row ends a paragraph ("text[^a]"
  // on the line before "| x | y |"), makes the lines before it a new paragraph without a
  // source position, and gives the table the paragraph's first line. Those lines are the
  // paragraph's: as many as its line breaks say, from the table's first line (after any
  // container prefix). Without them its text, and its references, would be lost.
  void lost_paragraph(cmark_node* n, std::size_t& s, std::size_t& e) const {
    cmark_node* table = cmark_node_next(n);
    if (cmark_node_get_type(n) != CMARK_NODE_PARAGRAPH || !table || cmark_node_get_start_line(table) < 1 ||
        std::string_view(cmark_node_get_type_string(table)) != "table")
      return;
    int breaks = 0;  // (inside emphasis and links too)
    std::unique_ptr<cmark_iter, IterDeleter> it(cmark_iter_new(n));
    for (cmark_event_type ev; (ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE;) {
      const cmark_node_type t = cmark_node_get_type(cmark_iter_get_node(it.get()));
      breaks += ev == CMARK_EVENT_ENTER && (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK);
    }
    const int first = cmark_node_get_start_line(table);
    if (pos_.past_input(first + breaks)) return;
    s = pos_.at(first, 1);
    std::size_t after = 0;
    s += container_prefix(line_at(in_, s, after));
    const std::size_t last = pos_.at(first + breaks, 1);
    e = std::max(s, line_break_from(in_, last));
  }
  // A heading's text, without a setext underline or an ATX closing sequence: sentences
  // are taken from it.
  Span heading_text_span(cmark_node* n, const Span& h) const {
    std::size_t e = h.end;
    if (atx_heading(n)) {
      // (An empty heading in a container, "- #", ends before it starts in cmark's positions.)
      e = std::max(h.start, std::min(e, pos_.end(n)));
    } else {
      std::size_t last = in_.find_last_of("\r\n", h.end > 0 ? h.end - 1 : 0);
      if (last == std::string_view::npos || last < h.start) return h;  // one line
      e = last;
    }
    while (e > h.start && is_space(in_[e - 1])) --e;
    return lines_.span(h.start, e);
  }
  // cmark ends a setext heading on a later line than it starts (its underline), an ATX
  // heading on its one line; the text cannot tell them apart ("#tag" may be a setext
  // heading's first line).
  static bool atx_heading(cmark_node* n) { return cmark_node_get_end_line(n) <= cmark_node_get_start_line(n); }
  // The end of the heading `n` starting at `s` (cmark says it ends by `e`): the end of its
  // line for an ATX heading, else of the first line of only '=' or only '-' (after any
  // container prefix of spaces and '>'). cmark-gfm 0.29 can give a setext heading the end
  // line of a block after it (an ATX heading, a paragraph after the list holding it, a
  // footnote definition), so the underline is found in the source.
  std::size_t heading_end(cmark_node* n, std::size_t s, std::size_t e) const {
    // Lines as cmark sees them: LF, CRLF or a lone CR ends one.
    std::size_t next = 0;
    const std::string_view first = cmark_line_at(in_, s, next);
    if (atx_heading(n)) return s + first.size();
    for (std::size_t pos = next; pos < e && pos < in_.size(); pos = next) {
      const std::string_view whole = cmark_line_at(in_, pos, next);
      std::string_view line = whole;
      while (!line.empty() && (line.front() == ' ' || line.front() == '\t' || line.front() == '>')) line.remove_prefix(1);
      while (!line.empty() && is_space(line.back())) line.remove_suffix(1);
      if (!line.empty() && (line.find_first_not_of('=') == std::string_view::npos ||
                            line.find_first_not_of('-') == std::string_view::npos))
        return std::min(e, pos + whole.size());
    }
    return e;
  }
  // Ours: the references appended after the input, on lines past its own. By line, not
  // offset: an inline's column drifts (a footnote's lazy line takes the column of the
  // definition's text), and a reference at the end of the input could seem past it.
  bool synthetic(cmark_node* n) const { return pos_.past_input(cmark_node_get_start_line(n)); }

  // An item of a list in a note passes its text on to the note, but not to the item its
  // list is nested in: an item's text leaves its nested lists out, in a note or not.
  void add_text(std::string_view t) {
    // A reference read away between two spaces ("cites [^b] inline") leaves one of them.
    const bool after_reference = std::exchange(after_reference_, false);
    bool item_took_it = false;
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
      if (it->sink == Sink::barrier) break;
      if (it->sink == Sink::note_item && std::exchange(item_took_it, true)) continue;
      const std::size_t from = it->text.size();
      it->text.append(after_reference && !t.empty() && t.front() == ' ' && !it->text.empty() && it->text.back() == ' '
                          ? t.substr(1)
                          : t);
      if (flattening_) flattening_->restore(it->text, from);
      if (is_container_sink(it->sink) && it->sink != Sink::note_item) break;
    }
  }
  // Separates blocks inside an item or footnote by a blank line.
  void start_block() {
    bool item_took_it = false;
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
      if (it->sink == Sink::barrier) break;
      if (it->sink == Sink::note_item && std::exchange(item_took_it, true)) continue;
      if (is_container_sink(it->sink)) {
        if (!it->text.empty() && it->text.back() != '\n') it->text.append("\n\n");
        if (it->sink != Sink::note_item) break;
      }
    }
  }
  void enter(cmark_node* n, cmark_iter* iter);
  void exit(cmark_node* n);
  void enter_leaf_block(cmark_node* n) {
    block_ = span_of(n);
    cursor_ = block_.start;
    // (Where the block's text begins: a paragraph or heading pushes a collector of its own,
    // but a heading inside a footnote writes into the footnote's, after its earlier blocks.)
    leaf_depth_ = stack_.size();
    leaf_from_ = stack_.empty() ? 0 : stack_.back().text.size();
  }
  std::size_t find_in_block(std::string_view marker) const {
    std::string_view b = in_.substr(0, block_.end);
    std::size_t at = b.find(marker, cursor_);
    return at;
  }
  void footnote_reference(cmark_node* n);
  // A reference's context: up to 60 characters of the text as read before it (the block's
  // text so far, then `pending`, the text node's characters before it), or none in a
  // table's cell, which collects no text.
  std::optional<std::string> context_as_read(std::string_view pending, std::size_t at) const;
  void unresolved_references(std::string_view literal);
  void check_autolink_text(cmark_node* text, std::string_view literal);
  bool line_is_link_definition(cmark_node* softbreak) const;

  std::string_view in_, buf_;
  bool after_reference_ = false;  // the last node read was a footnote reference (add_text)
  const CmarkPositions& pos_;
  const LineIndex& lines_;
  mutable std::size_t line_hint_ = 1;  // the line span_of found last: the walk goes in order, mostly
  BlockModel& m_;
  const Flattening* flattening_;  // set when some blocks were given to cmark flattened
  const bool autolinks_off_;
  bool autolinks_might_differ_ = false;
  int in_link_ = 0;  // inside a link's text, where the autolink extension never reads
  std::optional<LinkRuns> link_runs_;  // of the block at link_runs_at_
  std::size_t link_runs_at_ = 0;
  std::vector<Collector> stack_;
  std::vector<std::pair<std::size_t, std::size_t>> list_stack_;  // (list index, current item index)
  int in_footnote_ = 0;
  bool skipping_line_ = false;  // inside a footnote line that is a link definition
  // The leaf block whose inlines we are in, and how far into it references were found.
  // cmark's inline positions drift inside containers (a footnote's continuation
  // lines, list items), but block positions do not; so markers are searched for in
  // the block, in order.
  Span block_{};
  std::size_t leaf_depth_ = 0;  // stack_.size() when the current leaf block began
  std::size_t leaf_from_ = 0;   // the size of the top collector's text then (enter_leaf_block)
  std::size_t cursor_ = 0;
  std::vector<std::string> def_label_by_index_;  // cmark's 1-based definition index → label
  std::vector<std::size_t> def_marker_by_index_;  // and → the offset of its `[^label]:` (npos: not found)
  std::vector<bool> kept_def_;  // by index in def_labels: the `[^label]:` of a definition in cmark's tree
  std::unordered_set<std::string> defined_;  // folded labels of the definitions in cmark's tree
  std::size_t def_seen_ = 0;
};

void Walker::walk(cmark_node* doc, const std::vector<std::pair<std::string, std::size_t>>& def_labels) {
  // Definitions sit at the end of cmark's tree in index order; their labels come
  // from the source, found by position.
  std::unordered_map<std::size_t, std::string> label_at;
  for (const auto& [label, off] : def_labels) label_at.emplace(off, label);
  for (cmark_node* c = cmark_node_first_child(doc); c; c = cmark_node_next(c)) {
    if (cmark_node_get_type(c) != CMARK_NODE_FOOTNOTE_DEFINITION) continue;
    // The node starts at its content; the label is the last `[^` before it on its line.
    std::size_t content = pos_.start(c);
    std::size_t line_start = lines_.line_start(lines_.line_of(std::min(content, in_.size() ? in_.size() - 1 : 0)));
    // def_labels are in source order: the last one before the content, if on its line.
    std::string label;
    std::size_t marker = std::string_view::npos;
    auto after = std::partition_point(def_labels.begin(), def_labels.end(),
                                      [&](const auto& d) { return d.second < content; });
    if (after != def_labels.begin() && std::prev(after)->second >= line_start) {
      label = std::prev(after)->first;
      marker = std::prev(after)->second;
      kept_def_.resize(def_labels.size());
      kept_def_[static_cast<std::size_t>(std::prev(after) - def_labels.begin())] = true;
    }
    def_label_by_index_.push_back(label);
    def_marker_by_index_.push_back(marker);
    defined_.insert(folded_label(label));
  }

  std::unique_ptr<cmark_iter, IterDeleter> iter(cmark_iter_new(doc));
  for (cmark_event_type ev; (ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(iter.get());
    if (ev == CMARK_EVENT_ENTER)
      enter(n, iter.get());
    else
      exit(n);
  }
  report_dropped_definitions(doc, def_labels);
}

// cmark keeps the first of the definitions whose labels match (case folded, as it
// matches references to them) and drops the others from its tree, so the walk never
// meets them. They are the `[^label]:` lines that no block of the tree holds (a code
// block or a paragraph would) and whose label folds as an earlier kept definition's.
void Walker::report_dropped_definitions(cmark_node* doc,
                                        const std::vector<std::pair<std::string, std::size_t>>& def_labels) {
  const std::size_t kept = static_cast<std::size_t>(std::count(kept_def_.begin(), kept_def_.end(), true));
  if (kept == def_labels.size()) return;  // (the common case: no tree walk, no folding)
  std::unordered_map<std::string, std::size_t> first;  // folded label → the kept definition's index in def_labels
  for (std::size_t i = 0; i < kept_def_.size(); ++i)
    if (kept_def_[i]) first.emplace(folded_label(def_labels[i].first), i);
  if (first.empty()) return;

  // The blocks that hold lines of text; a definition's own paragraphs go with it.
  std::vector<std::pair<std::size_t, std::size_t>> blocks;  // [start, end), then end as the furthest so far
  blocks.reserve(m_.prose.size());  // (about as many: each holds prose, or code, a rule, HTML)
  std::unique_ptr<cmark_iter, IterDeleter> iter(cmark_iter_new(doc));
  for (cmark_event_type ev; (ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(iter.get());
    if (ev != CMARK_EVENT_ENTER) continue;
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_DOCUMENT:
      case CMARK_NODE_BLOCK_QUOTE:
      case CMARK_NODE_LIST:
      case CMARK_NODE_ITEM:
      case CMARK_NODE_FOOTNOTE_DEFINITION:
        continue;
      default:
        if (!synthetic(n)) {
          const Span b = span_of(n);
          blocks.emplace_back(b.start, b.end);
        }
        cmark_iter_reset(iter.get(), n, CMARK_EVENT_EXIT);  // its inlines (or a table's rows) lie inside it
    }
  }
  std::sort(blocks.begin(), blocks.end());
  for (std::size_t i = 1; i < blocks.size(); ++i) blocks[i].second = std::max(blocks[i].second, blocks[i - 1].second);

  for (std::size_t i = 0; i < def_labels.size(); ++i) {
    const std::string& label = def_labels[i].first;
    const std::size_t at = def_labels[i].second;
    if (i < kept_def_.size() && kept_def_[i]) continue;
    auto b = std::partition_point(blocks.begin(), blocks.end(), [&](const auto& x) { return x.first <= at; });
    if (b != blocks.begin() && std::prev(b)->second > at) continue;
    auto f = first.find(folded_label(label));
    if (f == first.end() || def_labels[f->second].second > at) continue;
    const std::string& as_first = def_labels[f->second].first;
    // The span is the definition's first line: where a dropped body ends, the tree does not say.
    std::size_t end = line_break_from(in_, at);
    while (end > at && is_space(in_[end - 1])) --end;
    m_.diagnostics.push_back(
        {DiagnosticCode::footnote_defined_twice, Severity::warning,
         fmt::format("footnote '{}' is defined more than once{}; the first body is used", valid_utf8(label),
                     label == as_first ? std::string() : fmt::format(" (first as '{}')", valid_utf8(as_first))),
         lines_.span(at, end)});
  }
}

void Walker::enter(cmark_node* n, cmark_iter* iter) {
  switch (cmark_node_get_type(n)) {
    case CMARK_NODE_HEADING:
      start_block();
      enter_leaf_block(n);
      if (!in_footnote_) stack_.push_back({Sink::heading, {}, n});
      return;
    case CMARK_NODE_PARAGRAPH:
      start_block();
      enter_leaf_block(n);
      skipping_line_ = false;
      stack_.push_back({Sink::paragraph, {}, n});
      return;
    case CMARK_NODE_LIST:
      start_block();
      {
        ListBlock list;
        list.ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
        list.span = span_of(n);
        if (!list_stack_.empty() && list_stack_.back().second > 0)
          list.parent_item = ItemRef{list_stack_.back().first, list_stack_.back().second - 1};
        list_stack_.emplace_back(m_.lists.size(), 0);
        m_.lists.push_back(std::move(list));
        // (A list in a footnote is part of the footnote's text as well: no barrier.)
        if (!in_footnote_) stack_.push_back({Sink::barrier, {}, n});
      }
      return;
    case CMARK_NODE_ITEM:
      if (in_footnote_) start_block();
      ++list_stack_.back().second;
      stack_.push_back({in_footnote_ ? Sink::note_item : Sink::item, {}, n});
      return;
    case CMARK_NODE_FOOTNOTE_DEFINITION:
      ++in_footnote_;
      stack_.push_back({Sink::footnote, {}, n});
      return;
    case CMARK_NODE_CODE_BLOCK:
      // Code is text of an item or footnote that holds it, never prose of its own.
      start_block();
      add_text(trim(cmark_node_get_literal(n) ? cmark_node_get_literal(n) : ""));
      return;
    case CMARK_NODE_IMAGE:
      // An image's description is no visible text, but a reference in it refers to its
      // note as cmark-gfm counts it (the note is listed, not reported unreferenced).
      for (cmark_node* d = cmark_node_first_child(n); d && d != n;) {
        if (cmark_node_get_type(d) == CMARK_NODE_FOOTNOTE_REFERENCE) footnote_reference(d);
        if (cmark_node* c = cmark_node_first_child(d)) {
          d = c;
          continue;
        }
        while (d != n && !cmark_node_next(d)) d = cmark_node_parent(d);
        if (d != n) d = cmark_node_next(d);
      }
      after_reference_ = false;
      cmark_iter_reset(iter, n, CMARK_EVENT_EXIT);
      return;
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_HTML_INLINE:
      cmark_iter_reset(iter, n, CMARK_EVENT_EXIT);  // contributes no visible text
      return;
    case CMARK_NODE_LINK:
      ++in_link_;
      return;
    case CMARK_NODE_TEXT:
    case CMARK_NODE_CODE: {
      const char* lit = cmark_node_get_literal(n);
      if (!lit) return;
      std::string_view t(lit);
      if (autolinks_off_ && cmark_node_get_type(n) == CMARK_NODE_TEXT) check_autolink_text(n, t);
      if (skipping_line_) return;
      if (cmark_node_get_type(n) == CMARK_NODE_TEXT && t.find("[^") != std::string_view::npos)
        unresolved_references(t);
      add_text(t);
      return;
    }
    case CMARK_NODE_SOFTBREAK:
      // Inside a footnote, a line that is a whole link reference definition is read
      // as one (as pandoc, kramdown and the authors who write them do), though
      // CommonMark makes it paragraph text because it cannot interrupt a paragraph.
      skipping_line_ = in_footnote_ && line_is_link_definition(n);
      if (!skipping_line_) add_text(" ");
      return;
    case CMARK_NODE_LINEBREAK:
      skipping_line_ = false;
      add_text("\n");
      return;
    case CMARK_NODE_FOOTNOTE_REFERENCE:
      footnote_reference(n);
      return;
    default:
      // Tables: their cells are not prose, but a reference in a cell is still one.
      if (is_table(n)) {
        enter_leaf_block(n);
        stack_.push_back({Sink::barrier, {}, n});
      }
      return;
  }
}

void Walker::exit(cmark_node* n) {
  switch (cmark_node_get_type(n)) {
    case CMARK_NODE_HEADING: {
      if (in_footnote_) return;
      Collector c = std::move(stack_.back());
      stack_.pop_back();
      // A heading inside a list item ("1. ### Install") is the item's text as well.
      if (!stack_.empty() && stack_.back().sink == Sink::item) add_text(c.text);
      HeadingBlock h;
      h.span = span_of(n);
      h.level = cmark_node_get_heading_level(n);
      h.title = clean_text(collapse_whitespace(c.text));
      // (An empty heading, "##" alone, is a section with no title and no prose: its marks
      // were read as a sentence of their own.)
      if (!trim(c.text).empty())
        m_.prose.push_back({heading_text_span(n, h.span), ProseRole::heading, count_words(c.text)});
      m_.headings.push_back(std::move(h));
      return;
    }
    case CMARK_NODE_PARAGRAPH: {
      Collector c = std::move(stack_.back());
      stack_.pop_back();
      if (synthetic(n)) return;
      ProseRole role = ProseRole::paragraph;
      for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
        if (it->sink == Sink::item) { role = ProseRole::list_item; break; }
        if (it->sink == Sink::footnote) { role = ProseRole::footnote; break; }
      }
      m_.prose.push_back({span_of(n), role, count_words(c.text)});
      return;
    }
    case CMARK_NODE_LIST:
      list_stack_.pop_back();
      if (!in_footnote_) stack_.pop_back();
      return;
    case CMARK_NODE_LINK:
      --in_link_;
      return;
    case CMARK_NODE_ITEM: {
      Collector c = std::move(stack_.back());
      stack_.pop_back();
      ListItem item;
      item.text = clean_text(trim(c.text));
      item.depth = static_cast<int>(list_stack_.size()) - 1;
      item.span = span_of(n);
      m_.lists[list_stack_.back().first].items.push_back(std::move(item));
      return;
    }
    case CMARK_NODE_FOOTNOTE_DEFINITION: {
      --in_footnote_;
      Collector c = std::move(stack_.back());
      stack_.pop_back();
      std::size_t idx = def_seen_++;
      FootnoteBody body;
      body.label = idx < def_label_by_index_.size() ? def_label_by_index_[idx] : std::string();
      Span s = span_of(n);
      // Start the body at its `[^label]:` marker, found with the label: the last `[^`
      // before the node's start may be a reference its text opens with ("[^a]: [^b] …").
      std::size_t mark = idx < def_marker_by_index_.size() ? def_marker_by_index_[idx] : std::string_view::npos;
      if (mark == std::string_view::npos) {
        mark = in_.rfind("[^", s.start);
        if (mark != std::string_view::npos && mark < lines_.line_start(s.line)) mark = std::string_view::npos;
      }
      if (mark != std::string_view::npos && mark <= s.start) s = lines_.span(mark, s.end);
      body.span = s;
      body.text = clean_text(trim(c.text));
      m_.bodies.push_back(std::move(body));
      return;
    }
    default:
      if (is_table(n)) stack_.pop_back();
      return;
  }
}

// The longest footnote label cmark reads (CommonMark's link label bound).
constexpr std::size_t kMaxLabel = 999;

void Walker::footnote_reference(cmark_node* n) {
  if (synthetic(n)) return;
  after_reference_ = true;
  const char* lit = cmark_node_get_literal(n);
  std::size_t index = lit ? static_cast<std::size_t>(std::strtoul(lit, nullptr, 10)) : 0;
  std::string label = index >= 1 && index <= def_label_by_index_.size() ? def_label_by_index_[index - 1] : std::string();
  Span s = span_of(n);
  // cmark matches labels as CommonMark does (case folded): "[^Note]" refers to "[^note]:",
  // and the text holds the reference as written.
  const std::string_view seen = slice(in_, s);
  const bool as_written = seen.size() > 3 && starts_with(seen, "[^") && seen.back() == ']' &&
                          same_label(seen.substr(2, seen.size() - 3), label);
  if (!as_written || s.start < cursor_ || s.end > block_.end) {
    // The next reference of the block to this note, its label in any case (as cmark
    // matched it: "[^NOTE]" refers to "[^note]:").
    // (A label is at most 999 characters and holds no bracket, as cmark reads one: each
    // candidate is looked at over that much at most, so the search stays linear.)
    const std::string_view b = in_.substr(0, block_.end);
    std::size_t at = b.find("[^", cursor_), close = std::string_view::npos;
    for (; at != std::string_view::npos; at = b.find("[^", at + 2)) {
      const std::size_t limit = std::min(b.size(), at + 2 + kMaxLabel);
      close = at + 2;
      while (close < limit && b[close] != ']' && b[close] != '[') ++close;
      if (close < limit && b[close] == ']' && same_label(b.substr(at + 2, close - at - 2), label)) break;
    }
    if (at == std::string_view::npos) return;  // cannot place it; never report a wrong span
    s = lines_.span(at, close + 1);
  }
  cursor_ = s.end;
  // The context is the prose as read before the reference (link words, no markup, no
  // other note's marker), as the HTML reader gives it; in a table's cell, which collects
  // no text, the cell's source before it.
  m_.refs.push_back({std::move(label), s, context_as_read({}, s.start)});
}

std::optional<std::string> Walker::context_as_read(std::string_view pending, std::size_t at) const {
  if (stack_.empty()) return std::nullopt;
  if (stack_.back().sink == Sink::barrier) {
    if (!stack_.back().node || !is_table(stack_.back().node) || at > in_.size()) return std::nullopt;
    // A cell collects no text: its source on the reference's line, from the last pipe
    // before the reference that no backslash escapes ("| a | cell text[^1] |" gives
    // "cell text", not the row's pipes and the cells before it).
    // (Looked for over 240 bytes at most, 60 characters' worth: a row of a thousand
    // references costs no more per reference than a row of one.)
    std::size_t from = at;
    const std::size_t limit = at > 240 ? at - 240 : 0;
    while (from > limit && in_[from - 1] != '\n' && in_[from - 1] != '\r') --from;
    while (from < at && (static_cast<unsigned char>(in_[from]) & 0xC0) == 0x80) ++from;  // (a character's start)
    for (std::size_t k = at; k > from; --k)
      if (in_[k - 1] == '|' && (k - 1 == from || in_[k - 2] != '\\')) {
        from = k;
        break;
      }
    return clean_text(tail_chars(trim(in_.substr(from, at - from)), 60));
  }
  // (60 characters are at most 240 bytes: the tails keep the cost per reference bounded.)
  constexpr std::size_t kBytes = 60 * 4;
  std::string_view block = stack_.back().text;
  if (stack_.size() <= leaf_depth_) block.remove_prefix(std::min(leaf_from_, block.size()));
  std::string before = tail_chars(block, 60);
  // (The text is its nodes' characters end to end: `pending` joins it as they would.)
  const bool space_before = !block.empty() && is_space(block.back());
  if (space_before && !before.empty()) before += ' ';
  before.append(pending.substr(pending.size() > kBytes ? pending.size() - kBytes : 0));
  return clean_text(tail_chars(before, 60));
}

// `[^x]` left as text: cmark found no definition for it.
void Walker::unresolved_references(std::string_view literal) {
  for (std::size_t i = literal.find("[^"); i != std::string_view::npos; i = literal.find("[^", i + 2)) {
    std::size_t close = literal.find(']', i);
    if (close == std::string_view::npos) break;
    std::string_view label = literal.substr(i + 2, close - i - 2);
    if (label.empty() || label.find_first_of(" \t\r\n[") != std::string_view::npos) continue;
    if (close + 1 < literal.size() && literal[close + 1] == ':') continue;
    std::string_view marker = literal.substr(i, close - i + 1);
    std::size_t at = find_in_block(marker);
    if (at == std::string_view::npos || at >= in_.size()) continue;
    cursor_ = at + marker.size();
    // `\[^x]` is how an author writes those characters as text, and a label cmark has a
    // definition for was left as text only where it read no reference (an escape, an
    // entity): neither is a reference, with a body or without.
    std::size_t slashes = 0;
    while (slashes < at && in_[at - slashes - 1] == '\\') ++slashes;
    if (slashes % 2 == 1 || defined_.count(folded_label(label))) continue;
    m_.refs.push_back({std::string(label), lines_.span(at, cursor_), context_as_read(literal.substr(0, i), at)});
  }
}

// The autolink extension (GFM's bare `www.`, `http://`, `https://`, `ftp://` links and
// e-mail addresses) costs a node at every `w` and `:` of the text until cmark merges
// them: on the corpus's posts, a quarter of the parse's peak memory and of its time. It
// changes what the walk reads only where the extension would take a link whose raw
// characters are not their text as read, or whose characters made a node of their own
// without it; and, for an e-mail address, where it splits a `[^…]` in two. So the input
// is read without it first, and again with it when the walk meets such a place:
// - a `www.` or `://` whose run of non-space characters reaches the end of its text node,
//   unless a line break or the end of its block follows (else markup inside the run
//   made a node: emphasis, code, a link, a footnote reference);
// - where the text is kept (headings, items, footnotes), a `www.` or `://` run of the
//   block's source with a backslash escape or an entity; where only its words are
//   counted (paragraphs), one with an entity (which may read as a space) or an escape
//   near a `[^` (which footnote references are found by);
// - an `@` in a text node that holds a `[^`.
// Link text is never read by the extension (it does not look inside brackets).
void Walker::check_autolink_text(cmark_node* text, std::string_view literal) {
  if (autolinks_might_differ_) return;
  if (literal.find('@') != std::string_view::npos && literal.find("[^") != std::string_view::npos) {
    autolinks_might_differ_ = true;
    return;
  }
  if (in_link_) return;
  bool any_run = false;
  for_each_link_run(literal, [&](std::size_t, std::size_t end) {
    any_run = true;
    if (end < literal.size()) return false;
    cmark_node* next = cmark_node_next(text);
    if (next) {
      const cmark_node_type t = cmark_node_get_type(next);
      if (t != CMARK_NODE_SOFTBREAK && t != CMARK_NODE_LINEBREAK) autolinks_might_differ_ = true;
    } else {
      cmark_node* parent = cmark_node_parent(text);
      const cmark_node_type t = parent ? cmark_node_get_type(parent) : CMARK_NODE_NONE;
      const char* name = parent ? cmark_node_get_type_string(parent) : nullptr;
      if (t != CMARK_NODE_PARAGRAPH && t != CMARK_NODE_HEADING && !(name && std::string_view(name) == "table_cell"))
        autolinks_might_differ_ = true;
    }
    return autolinks_might_differ_;
  });
  if (!any_run || autolinks_might_differ_) return;
  // Where the text goes: only to a paragraph's word count, or (in a table) nowhere?
  // (add_text stops at a barrier, and gives a paragraph's text to the container below it.)
  const std::size_t depth = stack_.size();
  const bool counted_only =
      depth > 0 && (stack_.back().sink == Sink::barrier ||
                    (stack_.back().sink == Sink::paragraph && (depth == 1 || stack_[depth - 2].sink == Sink::barrier)));
  if (link_runs_at_ != block_.start || !link_runs_) {
    link_runs_ = link_runs(slice(in_, block_));
    link_runs_at_ = block_.start;
  }
  if (link_runs_->entity || link_runs_->note_escape || link_runs_->escaped_lt ||
      (!counted_only && link_runs_->escape))
    autolinks_might_differ_ = true;
}

// Is the source line after this soft break a link reference definition? The line's
// text is gathered from the inline nodes up to the next break (their positions are
// not reliable enough to slice the input).
bool Walker::line_is_link_definition(cmark_node* softbreak) const {
  std::string line;
  for (cmark_node* m = cmark_node_next(softbreak); m; m = cmark_node_next(m)) {
    cmark_node_type t = cmark_node_get_type(m);
    if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) break;
    if (const char* lit = cmark_node_get_literal(m)) line += lit;
    else if (t == CMARK_NODE_LINK) {
      if (const char* url = cmark_node_get_url(m)) line += url;  // an autolinked destination
    } else {
      return false;  // emphasis, images, …: prose, not a definition
    }
  }
  return is_link_definition(line);
}

// What ends the block that the input leaves open at its end, when that block would take
// the references appended after the input as its own lines: a code fence or an HTML block
// of the kinds that end at a marker, not at a blank line (a comment, `<pre>`, `<?`,
// `<!X`, `<![CDATA[`). Every other open block ends at the blank line before them. Empty
// when the last block of the document (footnote definitions aside: cmark moves them to
// the end) ends within the input's `lines` lines.
std::string closer_of_open_block(cmark_node* doc, int lines) {
  cmark_node* last = cmark_node_last_child(doc);
  while (last && cmark_node_get_type(last) == CMARK_NODE_FOOTNOTE_DEFINITION) last = cmark_node_previous(last);
  if (!last || cmark_node_get_end_line(last) <= lines) return {};
  switch (cmark_node_get_type(last)) {
    case CMARK_NODE_CODE_BLOCK: {
      int length = 0, offset = 0;
      char fence = 0;
      if (!cmark_node_get_fenced(last, &length, &offset, &fence) || length <= 0) return {};
      return std::string(static_cast<std::size_t>(length), fence);
    }
    case CMARK_NODE_HTML_BLOCK:
      // A line holding any one of these ends such a block, whichever it is.
      return "]]> --> ?> </script> </pre> </style> </textarea>";
    default:
      return {};
  }
}

std::once_flag extensions_registered;

}  // namespace

std::size_t front_matter_end(std::string_view input, const LineIndex& lines, std::optional<Title>& title) {
  const std::size_t base = input.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  FrontMatter fm = find_front_matter(input, base, lines);
  if (fm.end == 0) return 0;  // (the `[title]: <> (…)` idiom sets no end: Markdown's own)
  title = std::move(fm.title);
  return fm.end;
}

BlockModel read_markdown(std::string_view input, const LineIndex& lines) {
  BlockModel model;
  std::size_t base = input.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  FrontMatter fm = find_front_matter(input, base, lines);
  model.title = fm.title;

  // cmark reads the input with the front matter as blank lines, so that lines and
  // columns still match; it is fed in pieces (the blanked front matter, the rest of
  // the input as it is, our appended references) rather than from a copy.
  const std::string_view body = input.substr(base);
  const std::size_t fm_size = fm.end > base ? fm.end - base : 0;
  std::string blanked(body.substr(0, fm_size));
  for (char& c : blanked)
    if (c != '\n' && c != '\r') c = ' ';

  // Footnote definitions: cmark drops those nothing refers to, so we note every
  // `[^label]:` at a line start and append a reference to each after the input.
  // References past the input's end are ours and are ignored.
  std::vector<std::pair<std::string, std::size_t>> def_labels;
  // cmark-gfm 0.29's table extension takes time quadratic in a table's columns (4 s
  // for a 100 KB delimiter row). No real table has hundreds of columns: a delimiter
  // row with more than kMaxTableColumns cells turns the extension off for the input.
  constexpr std::size_t kMaxTableColumns = 256;
  bool tables = true;
  // The lines are cmark's (a lone CR ends one too): a `[^label]:` cmark takes for a
  // definition must be found here, or its note would be labelled '' and unlinked.
  const CmarkPositions positions(body, base, lines.line_count());
  for (std::size_t i = positions.first_line_from(fm_size); i < positions.line_count(); ++i) {
    const std::size_t pos = positions.line_start(i);
    const std::string_view line = positions.line(i);
    if (tables && line.size() > kMaxTableColumns && line.find_first_not_of(" \t|:-") == std::string_view::npos &&
        static_cast<std::size_t>(std::count(line.begin(), line.end(), '|')) > kMaxTableColumns)
      tables = false;
    // A definition may open a list item as well as a block quote (`- [^a]: ...`).
    const std::size_t k = container_prefix(line);
    if (line.substr(k, 2) == "[^") {
      std::size_t close = line.find("]:", k + 2);
      if (close != std::string_view::npos && close > k + 2) {
        std::string_view label = line.substr(k + 2, close - k - 2);
        if (label.size() <= 999 && label.find_first_of(" \t[]") == std::string_view::npos)
          def_labels.emplace_back(std::string(label), base + pos + k);
      }
    }
  }
  // (A block the input leaves open, a fence or a comment, would take them as its lines and
  // the definitions be dropped: the first reading finds such a block, and the closing line
  // that ends it then goes before them; see closer_of_open_block.)
  std::string closing;
  auto appended_refs = [&] {
    std::string appended;
    if (def_labels.empty()) return appended;
    if (!closing.empty()) appended.append("\n").append(closing);
    appended.append("\n\n");
    std::unordered_set<std::string> seen;
    for (const auto& d : def_labels)
      if (seen.insert(d.first).second) appended.append("[^").append(d.first).append("] ");
    appended.push_back('\n');
    return appended;
  };
  // The lines cmark counts in what it is fed before the appended text.
  const int input_lines = static_cast<int>(positions.line_count());

  std::call_once(extensions_registered, cmark_gfm_core_extensions_ensure_registered);
  const std::vector<DenseBlock> dense = find_dense_blocks(body, fm_size);
  std::optional<Flattening> flattening;
  if (!dense.empty()) flattening.emplace(input);

  // One reading; to be made again when it was made without the autolink extension and the
  // walk saw that the extension might have read the text otherwise (see
  // check_autolink_text), or when the appended references need a closing line before them.
  enum class Reading { done, again, again_with_autolinks };
  const BlockModel before = model;
  auto read = [&](bool autolinks) -> Reading {
    const std::string appended = appended_refs();
    model = before;
    // The parser, its tree and the walk's reads of it allocate from `arena`, on this
    // thread; the arena goes, tree and all, when the walk is done.
    CmarkArena arena;
    CmarkArena::Scope in_arena(arena);
    std::unique_ptr<cmark_parser, ParserDeleter> parser(
        cmark_parser_new_with_mem(CMARK_OPT_FOOTNOTES | CMARK_OPT_SOURCEPOS, CmarkArena::mem()));
    for (const char* name : {"table", "strikethrough", "autolink"}) {
      if (!autolinks && std::string_view(name) == "autolink") continue;
      if (!tables && std::string_view(name) == "table") {
        model.diagnostics.push_back({DiagnosticCode::table_too_wide, Severity::warning,
                                     fmt::format("a table of more than {} columns: read as text, not as a table", kMaxTableColumns),
                                     lines.span(0, 0)});
        continue;
      }
      if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
        cmark_parser_attach_syntax_extension(parser.get(), ext);
    }
    auto feed = [&](std::string_view piece) {
      if (!piece.empty()) cmark_parser_feed(parser.get(), piece.data(), piece.size());
    };
    feed(blanked);
    std::size_t fed = fm_size;
    // One diagnostic per block, up to a cap: a file of thousands of such blocks should
    // not bury the rest (as with invalid UTF-8).
    constexpr std::size_t kMaxReported = 100;
    for (std::size_t i = 0; i < dense.size(); ++i) {
      const DenseBlock& d = dense[i];
      feed(body.substr(fed, d.start - fed));
      feed(flattening->flatten(body.substr(d.start, d.end - d.start)));  // cmark copies what it is fed
      fed = d.end;
      if (i >= kMaxReported) continue;
      std::size_t end = d.end;
      while (end > d.start && is_space(body[end - 1])) --end;
      const std::size_t bytes = end - d.start;
      model.diagnostics.push_back(
          {DiagnosticCode::markup_read_as_text, Severity::warning,
           fmt::format("{}% of this block's {} bytes are characters that start inline markup (brackets, emphasis, "
                       "entities, autolinks): read as plain text, to keep memory bounded; links, emphasis and "
                       "footnote references in it are not recognised",
                       d.marks * 100 / bytes, bytes),
           lines.span(base + d.start, base + end)});
    }
    if (dense.size() > kMaxReported)
      model.diagnostics.push_back({DiagnosticCode::markup_read_as_text, Severity::warning,
                                   fmt::format("{} more blocks dense in inline markup read as plain text",
                                               dense.size() - kMaxReported),
                                   lines.span(base + dense[kMaxReported].start, base + dense[kMaxReported].start)});
    feed(body.substr(fed));
    feed(appended);
    std::unique_ptr<cmark_node, NodeDeleter> doc(cmark_parser_finish(parser.get()));
    if (!def_labels.empty() && closing.empty()) {
      closing = closer_of_open_block(doc.get(), input_lines);
      if (!closing.empty()) return Reading::again;
    }

    Walker walker(input, body, positions, lines, model, flattening ? &*flattening : nullptr, !autolinks);
    walker.walk(doc.get(), def_labels);
    if (walker.autolinks_might_differ()) return Reading::again_with_autolinks;
    // cmark moves footnote definitions to the end of its tree; prose is in source order.
    // (Sorted only where it moved them: a stable sort takes a buffer as large as the blocks.)
    const auto by_start = [](const ProseBlock& a, const ProseBlock& b) { return a.span.start < b.span.start; };
    if (!std::is_sorted(model.prose.begin(), model.prose.end(), by_start))
      std::stable_sort(model.prose.begin(), model.prose.end(), by_start);
    // Notes go in order of first reference in the source, as cmark-gfm numbers them: a
    // reference in a definition's body counts where the definition stands, not where
    // the tree moved it.
    std::stable_sort(model.refs.begin(), model.refs.end(),
                     [](const RefSite& a, const RefSite& b) { return a.span.start < b.span.start; });

    // Title: else a lone first-level heading that opens the document.
    if (!model.title && !model.headings.empty() && model.headings.front().level == 1) {
      cmark_node* first = cmark_node_first_child(doc.get());
      while (first && cmark_node_get_type(first) == CMARK_NODE_HTML_BLOCK) first = cmark_node_next(first);
      // Lone among the document's own headings: a "# …" inside a quotation or a list item
      // is a section (pandoc reads it as a heading too) but quotes or lists; it does not
      // compete for the title.
      std::size_t h1 = 0;
      for (cmark_node* c = cmark_node_first_child(doc.get()); c; c = cmark_node_next(c))
        h1 += cmark_node_get_type(c) == CMARK_NODE_HEADING && cmark_node_get_heading_level(c) == 1;
      if (first && cmark_node_get_type(first) == CMARK_NODE_HEADING && h1 == 1)
        model.title = Title{model.headings.front().title, model.headings.front().span};
    }
    return Reading::done;
  };
  // At most three readings: the closing line and the autolink extension are each taken once.
  bool autolinks = false;
  for (Reading r; (r = read(autolinks)) != Reading::done;)
    if (r == Reading::again_with_autolinks) autolinks = true;
  return model;
}

}  // namespace essaykit::detail
