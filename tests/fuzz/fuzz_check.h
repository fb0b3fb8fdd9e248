// What every fuzz target checks, shared by the targets: a strict little JSON reader
// (so that the writers' output is parsed by something other than the writers), and
// the invariants of a Document against its input.
//
// A failed check prints what failed and aborts, which libFuzzer reports as a crash
// and the replay driver as a failed test.
#ifndef ESSAYKIT_TESTS_FUZZ_CHECK_H
#define ESSAYKIT_TESTS_FUZZ_CHECK_H

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "essaykit/document.h"

namespace fuzzcheck {

[[noreturn]] inline void fail(const char* what, std::string_view detail = {}) {
  std::fprintf(stderr, "fuzz check failed: %s %.*s\n", what, static_cast<int>(std::min<std::size_t>(detail.size(), 300)),
               detail.data());
  std::abort();
}
#define FUZZ_CHECK(cond) \
  do {                   \
    if (!(cond)) ::fuzzcheck::fail(#cond); \
  } while (0)
// The same, with a text to show (the value that broke it).
#define FUZZ_CHECK_MSG(cond, detail) \
  do {                               \
    if (!(cond)) ::fuzzcheck::fail(#cond, detail); \
  } while (0)

// Is `s` well-formed UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF)?
inline bool is_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    unsigned lo = 0x80, hi = 0xBF;
    if (c < 0x80) { ++i; continue; }
    if (c >= 0xC2 && c <= 0xDF) n = 1;
    else if (c >= 0xE0 && c <= 0xEF) { n = 2; if (c == 0xE0) lo = 0xA0; if (c == 0xED) hi = 0x9F; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 3; if (c == 0xF0) lo = 0x90; if (c == 0xF4) hi = 0x8F; }
    else return false;
    for (std::size_t k = 1; k <= n; ++k) {
      if (i + k >= s.size()) return false;
      const auto d = static_cast<unsigned char>(s[i + k]);
      if (d < (k == 1 ? lo : 0x80) || d > (k == 1 ? hi : 0xBF)) return false;
    }
    i += n + 1;
  }
  return true;
}

// ---------------------------------------------------------------------------
// A strict JSON reader (RFC 8259): no trailing commas, no control characters in
// strings, \u escapes decoded (surrogate pairs joined; a lone surrogate is an error).

struct Json {
  enum Kind { null, boolean, number, string, array, object } kind = null;
  bool b = false;
  std::string text;  // number as written, or the decoded string
  std::vector<Json> items;
  std::vector<std::pair<std::string, Json>> members;

  const Json* get(std::string_view key) const {
    for (const auto& m : members)
      if (m.first == key) return &m.second;
    return nullptr;
  }
  const Json& at(std::string_view key) const {
    const Json* j = get(key);
    if (!j) fail("missing key", key);
    return *j;
  }
  std::size_t number_value() const {
    FUZZ_CHECK_MSG(kind == number, text);
    return static_cast<std::size_t>(std::strtoull(text.c_str(), nullptr, 10));
  }
  friend bool operator==(const Json& a, const Json& b) {
    return a.kind == b.kind && a.b == b.b && a.text == b.text && a.items == b.items && a.members == b.members;
  }
};

class JsonReader {
 public:
  explicit JsonReader(std::string_view s) : s_(s) {}

  Json document() {
    Json v = value(0);
    ws();
    if (i_ != s_.size()) fail("JSON: trailing bytes", s_.substr(i_));
    return v;
  }

 private:
  void ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\t' || s_[i_] == '\r')) ++i_;
  }
  char peek() { return i_ < s_.size() ? s_[i_] : '\0'; }
  void expect(char c) {
    if (peek() != c) fail("JSON: unexpected byte", s_.substr(i_, 40));
    ++i_;
  }
  bool literal(std::string_view w) {
    if (s_.substr(i_, w.size()) != w) return false;
    i_ += w.size();
    return true;
  }
  // The elements of an object or an array, from its opening bracket to `close`,
  // separated by commas; `element` reads one.
  template <class F>
  void elements(char close, F element) {
    ++i_;
    ws();
    if (peek() == close) { ++i_; return; }
    for (;;) {
      element();
      ws();
      if (peek() != ',') break;
      ++i_;
    }
    expect(close);
  }
  Json value(int depth) {
    if (depth > 200) fail("JSON: nested too deep");
    ws();
    Json v;
    const char c = peek();
    if (c == '{') {
      v.kind = Json::object;
      elements('}', [&] {
        ws();
        Json k = string_value();
        ws();
        expect(':');
        v.members.emplace_back(std::move(k.text), value(depth + 1));
      });
      return v;
    }
    if (c == '[') {
      v.kind = Json::array;
      elements(']', [&] { v.items.push_back(value(depth + 1)); });
      return v;
    }
    if (c == '"') return string_value();
    if (literal("null")) return v;
    if (literal("true")) { v.kind = Json::boolean; v.b = true; return v; }
    if (literal("false")) { v.kind = Json::boolean; return v; }
    return number_value();
  }
  Json number_value() {
    const std::size_t start = i_;
    if (peek() == '-') ++i_;
    auto digits = [&] {
      const std::size_t d = i_;
      while (peek() >= '0' && peek() <= '9') ++i_;
      if (i_ == d) fail("JSON: number without digits", s_.substr(start, 40));
    };
    if (peek() == '0') ++i_;
    else digits();
    if (peek() == '.') { ++i_; digits(); }
    if (peek() == 'e' || peek() == 'E') {
      ++i_;
      if (peek() == '+' || peek() == '-') ++i_;
      digits();
    }
    Json v;
    v.kind = Json::number;
    v.text = std::string(s_.substr(start, i_ - start));
    return v;
  }
  unsigned hex4() {
    if (i_ + 4 > s_.size()) fail("JSON: short \\u escape");
    unsigned u = 0;
    for (int k = 0; k < 4; ++k) {
      const char h = s_[i_++];
      u <<= 4;
      if (h >= '0' && h <= '9') u |= static_cast<unsigned>(h - '0');
      else if (h >= 'a' && h <= 'f') u |= static_cast<unsigned>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F') u |= static_cast<unsigned>(h - 'A' + 10);
      else fail("JSON: bad hex digit");
    }
    return u;
  }
  static void put_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) out += static_cast<char>(cp);
    else if (cp < 0x800) { out += static_cast<char>(0xC0 | (cp >> 6)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
    else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  Json string_value() {
    expect('"');
    Json v;
    v.kind = Json::string;
    for (;;) {
      if (i_ >= s_.size()) fail("JSON: unterminated string");
      const auto c = static_cast<unsigned char>(s_[i_++]);
      if (c == '"') break;
      if (c < 0x20) fail("JSON: raw control character in a string");
      if (c != '\\') { v.text += static_cast<char>(c); continue; }
      if (i_ >= s_.size()) fail("JSON: unterminated escape");
      const char e = s_[i_++];
      switch (e) {
        case '"': v.text += '"'; break;
        case '\\': v.text += '\\'; break;
        case '/': v.text += '/'; break;
        case 'b': v.text += '\b'; break;
        case 'f': v.text += '\f'; break;
        case 'n': v.text += '\n'; break;
        case 'r': v.text += '\r'; break;
        case 't': v.text += '\t'; break;
        case 'u': {
          unsigned cp = hex4();
          if (cp >= 0xDC00 && cp <= 0xDFFF) fail("JSON: lone low surrogate");
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (!literal("\\u")) fail("JSON: lone high surrogate");
            const unsigned lo = hex4();
            if (lo < 0xDC00 || lo > 0xDFFF) fail("JSON: bad surrogate pair");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          }
          put_utf8(v.text, cp);
          break;
        }
        default: fail("JSON: unknown escape");
      }
    }
    if (!is_utf8(v.text)) fail("JSON: string is not UTF-8");
    return v;
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

inline Json parse_json(std::string_view s) { return JsonReader(s).document(); }

// ---------------------------------------------------------------------------
// Document invariants

// Line numbers of byte offsets, by the contract's rule (1-based; LF ends a line).
class Lines {
 public:
  explicit Lines(std::string_view input) {
    for (std::size_t i = 0; i < input.size(); ++i)
      if (input[i] == '\n') newlines_.push_back(i);
  }
  std::size_t line_of(std::size_t offset) const {
    return 1 + static_cast<std::size_t>(std::lower_bound(newlines_.begin(), newlines_.end(), offset) - newlines_.begin());
  }

 private:
  std::vector<std::size_t> newlines_;
};

inline void check_span(const essaykit::Span& s, std::string_view input, const Lines& lines, const char* what) {
  if (!(s.start <= s.end && s.end <= input.size())) fail("span out of the input", what);
  if (s.line != lines.line_of(s.start)) fail("span's line is not the line of its start", what);
}

inline void check_text(std::string_view s, const char* what) {
  if (!is_utf8(s)) fail("derived text is not UTF-8", what);
}

// Every span slices the input and names its line; every derived text is UTF-8;
// sections nest; claims are single sentences; ids are indices.
inline void check_document(const essaykit::Document& d, std::string_view input) {
  const Lines lines(input);
  FUZZ_CHECK(d.source.bytes == input.size());
  if (d.title) { check_span(d.title->span, input, lines, "title"); check_text(d.title->text, "title"); }
  if (d.subtitle) { check_span(d.subtitle->span, input, lines, "subtitle"); check_text(d.subtitle->text, "subtitle"); }
  for (std::size_t i = 0; i < d.sections.size(); ++i) {
    const essaykit::Section& s = d.sections[i];
    FUZZ_CHECK(s.id == i);
    check_span(s.span, input, lines, "section");
    check_text(s.title, "section title");
    FUZZ_CHECK(s.end_of_section >= s.span.end && s.end_of_section <= input.size());
    if (s.parent) {
      FUZZ_CHECK(*s.parent < i);
      const essaykit::Section& p = d.sections[*s.parent];
      FUZZ_CHECK(p.level < s.level);
      FUZZ_CHECK(s.span.start >= p.span.end && s.end_of_section <= p.end_of_section);
    }
    if (i > 0) FUZZ_CHECK(d.sections[i - 1].span.start < s.span.start);
  }
  for (std::size_t i = 0; i < d.lists.size(); ++i) {
    const essaykit::List& l = d.lists[i];
    FUZZ_CHECK(l.id == i);
    FUZZ_CHECK(!l.items.empty());
    check_span(l.span, input, lines, "list");
    if (l.section) FUZZ_CHECK(*l.section < d.sections.size());
    if (l.parent_item) {
      FUZZ_CHECK(l.parent_item->list < d.lists.size() && l.parent_item->list != i);
      FUZZ_CHECK(l.parent_item->item < d.lists[l.parent_item->list].items.size());
    }
    for (const essaykit::ListItem& it : l.items) {
      check_span(it.span, input, lines, "list item");
      check_text(it.text, "list item");
      FUZZ_CHECK(it.span.start >= l.span.start && it.span.end <= l.span.end);
    }
  }
  for (const essaykit::Footnote& f : d.footnotes) {
    check_text(f.label, "footnote label");
    check_text(f.text, "footnote text");
    if (f.body) check_span(*f.body, input, lines, "footnote body");
    FUZZ_CHECK(f.body || !f.refs.empty());
    for (const essaykit::FootnoteRef& r : f.refs) {
      check_span(r.span, input, lines, "footnote ref");
      check_text(r.context, "footnote ref context");
    }
  }
  for (std::size_t i = 0; i < d.sentences.size(); ++i) {
    check_span(d.sentences[i].span, input, lines, "sentence");
    check_text(d.sentences[i].text, "sentence");
    FUZZ_CHECK(d.sentences[i].span.start < d.sentences[i].span.end);
    if (i > 0) FUZZ_CHECK(d.sentences[i - 1].span.end <= d.sentences[i].span.start);
  }
  std::map<std::size_t, std::size_t> sentence_at;
  for (const essaykit::Sentence& s : d.sentences) sentence_at[s.span.start] = s.span.end;
  for (const essaykit::Claim& c : d.claims) {
    check_span(c.span, input, lines, "claim");
    check_text(c.text, "claim");
    FUZZ_CHECK(c.score >= 0.0 && c.score <= 1.0);
    if (c.section) FUZZ_CHECK(*c.section < d.sections.size());
    for (const std::string& cue : c.cues) check_text(cue, "cue");
    // A claim is one sentence, never more.
    if (d.has_sentences) {
      auto it = sentence_at.find(c.span.start);
      if (it == sentence_at.end() || it->second != c.span.end) fail("claim is not a sentence");
    }
  }
  for (const essaykit::Diagnostic& g : d.diagnostics) {
    check_span(g.span, input, lines, "diagnostic");
    check_text(g.message, "diagnostic");
  }
}

inline void check_span_json(const Json& j, const essaykit::Span& s) {
  FUZZ_CHECK(j.at("start").number_value() == s.start);
  FUZZ_CHECK(j.at("end").number_value() == s.end);
  FUZZ_CHECK(j.at("line").number_value() == s.line);
}

// The JSON of a Document, read back, says what the Document says.
inline void check_round_trip(const essaykit::Document& d, const Json& j) {
  FUZZ_CHECK(j.kind == Json::object);
  FUZZ_CHECK(j.at("source").at("bytes").number_value() == d.source.bytes);
  const Json& title = j.at("title");
  if (d.title) {
    FUZZ_CHECK(title.at("text").text == d.title->text);
    check_span_json(title, d.title->span);
  } else FUZZ_CHECK(title.kind == Json::null);
  const Json& sections = j.at("sections");
  FUZZ_CHECK(sections.items.size() == d.sections.size());
  for (std::size_t i = 0; i < d.sections.size(); ++i) {
    FUZZ_CHECK_MSG(sections.items[i].at("title").text == d.sections[i].title, d.sections[i].title);
    check_span_json(sections.items[i], d.sections[i].span);
  }
  const Json& lists = j.at("lists");
  FUZZ_CHECK(lists.items.size() == d.lists.size());
  for (std::size_t i = 0; i < d.lists.size(); ++i) {
    const Json& items = lists.items[i].at("items");
    FUZZ_CHECK(items.items.size() == d.lists[i].items.size());
    for (std::size_t k = 0; k < items.items.size(); ++k)
      FUZZ_CHECK(items.items[k].at("text").text == d.lists[i].items[k].text);
  }
  const Json& notes = j.at("footnotes");
  FUZZ_CHECK(notes.items.size() == d.footnotes.size());
  for (std::size_t i = 0; i < d.footnotes.size(); ++i) {
    FUZZ_CHECK(notes.items[i].at("label").text == d.footnotes[i].label);
    FUZZ_CHECK(notes.items[i].at("text").text == d.footnotes[i].text);
    const Json& refs = notes.items[i].at("refs");
    FUZZ_CHECK(refs.items.size() == d.footnotes[i].refs.size());
    for (std::size_t k = 0; k < refs.items.size(); ++k) {
      check_span_json(refs.items[k], d.footnotes[i].refs[k].span);
      FUZZ_CHECK(refs.items[k].at("context").text == d.footnotes[i].refs[k].context);
    }
  }
  const Json& claims = j.at("claims");
  FUZZ_CHECK(claims.items.size() == d.claims.size());
  for (std::size_t i = 0; i < d.claims.size(); ++i) {
    FUZZ_CHECK(claims.items[i].at("text").text == d.claims[i].text);
    check_span_json(claims.items[i], d.claims[i].span);
  }
  FUZZ_CHECK(j.at("diagnostics").items.size() == d.diagnostics.size());
}

}  // namespace fuzzcheck

#endif  // ESSAYKIT_TESTS_FUZZ_CHECK_H
