// The JSON writer: schema "essaykit/document/v1", and the footnotes and outline views.
#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "essaykit/analyze.h"
#include "essaykit/writers.h"
#include "json_lines.h"
#include "passes.h"
#include "text_util.h"

ESSAYKIT_BEGIN_NAMESPACE
namespace {

// A streaming JSON emitter: commas and indentation are its business, so the
// document code below reads as the schema does.
//
// With a FILE*, the text goes to it in pieces of about 64 KiB as it is made, so that
// a large document is never held whole as JSON.
class Json {
 public:
  explicit Json(bool pretty, std::FILE* sink = nullptr) : pretty_(pretty), sink_(sink) {
    if (sink_) out_.reserve(kFlushAt + 4096);
  }

  Json& begin_object() { return open('{'); }
  Json& end_object() { return close('}'); }
  Json& begin_array() { return open('['); }
  Json& end_array() { return close(']'); }
  // `k` is one of the schema's names: ASCII that needs no escaping.
  Json& key(std::string_view k) {
    separate();
    out_.push_back('"');
    out_.append(k);
    out_.append(pretty_ ? "\": " : "\":");
    after_key_ = true;
    return *this;
  }
  Json& value(std::string_view s) { separate(); string(s); return *this; }
  Json& value(const char* s) { return value(std::string_view(s)); }
  Json& value(const std::string& s) { return value(std::string_view(s)); }
  Json& value(bool b) { separate(); out_.append(b ? "true" : "false"); return *this; }
  Json& value(std::size_t n) { separate(); integer(n); return *this; }
  Json& value(int n) { separate(); integer(n); return *this; }
  Json& value(double d) {
    separate();
    if (!std::isfinite(d)) d = 0;
    char buf[64];  // fmt's shortest form of a double is at most 24 characters
    const char* end = fmt::format_to(buf, "{}", std::round(d * 1000) / 1000);
    out_.append(buf, static_cast<std::size_t>(end - buf));
    return *this;
  }
  Json& null() { separate(); out_.append("null"); return *this; }
  Json& value(const std::optional<std::size_t>& n) { return n ? value(*n) : null(); }
  template <class T>
  Json& field(std::string_view k, const T& v) { key(k); return value(v); }
  Json& span_fields(const Span& s) { return field("start", s.start).field("end", s.end).field("line", s.line); }

  std::string take() { return std::move(out_); }
  // With a sink: writes what is left; false if any write failed.
  bool finish() {
    flush();
    return !failed_;
  }

 private:
  template <class Int>
  void integer(Int n) {
    const fmt::format_int digits(n);
    out_.append(digits.data(), digits.size());
  }
  static constexpr std::size_t kFlushAt = std::size_t{64} << 10;
  void flush() {
    if (!out_.empty() && std::fwrite(out_.data(), 1, out_.size(), sink_) != out_.size()) failed_ = true;
    out_.clear();
  }
  // Called between values: a string value is appended whole, then the buffer may go.
  void maybe_flush() {
    if (sink_ && out_.size() >= kFlushAt) flush();
  }
  Json& open(char c) {
    separate();
    out_.push_back(c);
    first_ = true;
    ++depth_;
    return *this;
  }
  Json& close(char c) {
    --depth_;
    if (!first_) newline();
    out_.push_back(c);
    first_ = false;
    return *this;
  }
  void newline() {
    if (!pretty_) return;
    out_.push_back('\n');
    out_.append(static_cast<std::size_t>(depth_) * 2, ' ');
  }
  void separate() {
    maybe_flush();
    if (after_key_) { after_key_ = false; return; }
    if (depth_ > 0) {
      if (!first_) out_.push_back(',');
      newline();
    }
    first_ = false;
  }
  // A JSON string of `s`. Invalid UTF-8 is written as U+FFFD: a Document's texts are
  // valid by construction, but one built by hand need not be.
  void string(std::string_view s) {
    out_.push_back('"');
    std::size_t done = 0;
    detail::for_each_invalid_utf8(s, [&](std::size_t b, std::size_t e) {
      escape(s.substr(done, b - done));
      out_.append("\xEF\xBF\xBD");
      done = e;
    });
    escape(s.substr(done));
    out_.push_back('"');
  }
  void escape(std::string_view s) {
    std::size_t done = 0;
    auto flush = [&](std::size_t i) { out_.append(s.substr(done, i - done)); };
    // Eight bytes at a time while none is a control byte, '"', '\\' or DEL (a word that
    // may hold one is looked at byte by byte).
    constexpr std::uint64_t k01 = 0x0101010101010101, k80 = 0x8080808080808080;
    auto has_below = [](std::uint64_t w, std::uint64_t b) { return (w - k01 * b) & ~w & k80; };
    auto has_byte = [&](std::uint64_t w, std::uint64_t b) { return has_below(w ^ (k01 * b), 1); };
    for (std::size_t i = 0; i < s.size(); ++i) {
      while (i + 8 <= s.size()) {
        std::uint64_t w;
        std::memcpy(&w, s.data() + i, 8);
        if (has_below(w, 0x20) || has_byte(w, '"') || has_byte(w, '\\') || has_byte(w, 0x7F)) break;
        i += 8;
      }
      if (i >= s.size()) break;
      auto c = static_cast<unsigned char>(s[i]);
      if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7F) continue;
      flush(i);
      done = i + 1;
      switch (c) {
        case '"': out_.append("\\\""); break;
        case '\\': out_.append("\\\\"); break;
        case '\n': out_.append("\\n"); break;
        case '\r': out_.append("\\r"); break;
        case '\t': out_.append("\\t"); break;
        default: fmt::format_to(std::back_inserter(out_), "\\u{:04x}", c);
      }
    }
    flush(s.size());
  }

  std::string out_;
  bool pretty_;
  std::FILE* sink_;
  bool failed_ = false;
  bool first_ = true;
  bool after_key_ = false;
  int depth_ = 0;
};

void write_source(Json& j, const Source& s) {
  j.key("source").begin_object()
      .field("name", s.name)
      .field("format", format_name(s.format))
      .field("bytes", s.bytes)
      .field("lines", s.lines);
  // Only a transcoded input says so: UTF-8 is the rule, and its JSON stays as it was.
  if (s.encoding != Encoding::utf8) j.field("encoding", encoding_name(s.encoding));
  j.end_object();
}

void write_title(Json& j, std::string_view key, const std::optional<Title>& t) {
  j.key(key);
  if (!t) { j.null(); return; }
  j.begin_object().field("text", t->text).span_fields(t->span).end_object();
}

// Title, subtitle and sections; with `counts` (the outline view), each section also
// says how many lists and footnote references it holds directly.
void write_heads(Json& j, const Document& d, const std::vector<detail::SectionCounts>* counts) {
  write_title(j, "title", d.title);
  write_title(j, "subtitle", d.subtitle);
  j.key("sections").begin_array();
  for (const Section& s : d.sections) {
    j.begin_object().field("id", s.id).field("level", s.level).field("title", s.title);
    j.field("parent", s.parent).span_fields(s.span).field("end_of_section", s.end_of_section);
    j.field("confidence", s.confidence);
    if (counts) j.field("lists", (*counts)[s.id].lists).field("footnote_refs", (*counts)[s.id].footnote_refs);
    j.end_object();
  }
  j.end_array();
}

void write_footnotes(Json& j, const std::vector<Footnote>& notes) {
  j.key("footnotes").begin_array();
  for (const Footnote& f : notes) {
    j.begin_object().field("label", f.label).field("text", f.text);
    if (f.body) j.span_fields(*f.body);
    else { j.key("start").null(); j.key("end").null(); j.key("line").null(); }
    j.key("refs").begin_array();
    for (const FootnoteRef& r : f.refs)
      j.begin_object().span_fields(r.span).field("context", r.context).end_object();
    j.end_array().field("confidence", f.confidence).end_object();
  }
  j.end_array();
}

void write_diagnostics(Json& j, const std::vector<Diagnostic>& diags) {
  j.key("diagnostics").begin_array();
  for (const Diagnostic& d : diags)
    j.begin_object()
        .field("severity", d.severity == Severity::error ? "error" : "warning")
        .field("message", d.message)
        .span_fields(d.span)
        .end_object();
  j.end_array();
}

void write_claims(Json& j, const std::vector<Claim>& claims) {
  j.key("claims").begin_array();
  for (const Claim& c : claims) {
    j.begin_object().field("text", c.text).span_fields(c.span);
    j.field("section", c.section).field("kind", c.kind == ClaimKind::thesis ? "thesis" : "claim").field("score", c.score);
    j.key("cues").begin_array();
    for (const std::string& cue : c.cues) j.value(cue);
    j.end_array().end_object();
  }
  j.end_array();
}

constexpr std::string_view kSchema = "essaykit/document/v1";

// A view: schema and source, then what `body` writes.
template <class Body>
void write_view(Json& j, const Document& d, Body&& body) {
  j.begin_object().field("schema", kSchema);
  write_source(j, d.source);
  body(j);
  j.end_object();
}
template <class Body>
std::string view(const Document& d, const JsonOptions& options, Body&& body) {
  Json j(options.pretty);
  write_view(j, d, body);
  return j.take();
}

void write_sentences(Json& j, const std::vector<Sentence>& sentences) {
  j.key("sentences").begin_array();
  for (const Sentence& s : sentences) j.begin_object().span_fields(s.span).end_object();
  j.end_array();
}

void write_document(Json& j, const Document& d) {
  write_view(j, d, [&](Json&) {
    write_heads(j, d, nullptr);

    j.key("lists").begin_array();
    for (const List& l : d.lists) {
      j.begin_object().field("id", l.id).field("ordered", l.ordered);
      j.field("section", l.section).key("parent_item");
      if (l.parent_item) j.begin_array().value(l.parent_item->list).value(l.parent_item->item).end_array();
      else j.null();
      j.span_fields(l.span).key("items").begin_array();
      for (const ListItem& it : l.items)
        j.begin_object().field("text", it.text).field("depth", it.depth).span_fields(it.span)
            .field("confidence", it.confidence).end_object();
      j.end_array().field("confidence", l.confidence).end_object();
    }
    j.end_array();

    write_footnotes(j, d.footnotes);

    write_claims(j, d.claims);

    if (d.has_sentences) write_sentences(j, d.sentences);

    j.key("stats").begin_object()
        .field("words", d.stats.words)
        .field("sentences", d.stats.sentences)
        .field("paragraphs", d.stats.paragraphs)
        .field("reading_minutes", d.stats.reading_minutes)
        .end_object();
    write_diagnostics(j, d.diagnostics);
  });
}

}  // namespace

std::string to_json(const Document& d, const JsonOptions& options) {
  Json j(options.pretty);
  write_document(j, d);
  return j.take();
}

bool write_json(const Document& d, std::FILE* out, const JsonOptions& options) {
  Json j(options.pretty, out);
  write_document(j, d);
  return j.finish();
}

std::string footnotes_to_json(const Document& d, const JsonOptions& options) {
  return view(d, options, [&](Json& j) {
    write_footnotes(j, d.footnotes);
    write_diagnostics(j, d.diagnostics);
  });
}

std::string claims_to_json(const Document& d, const JsonOptions& options) {
  return view(d, options, [&](Json& j) { write_claims(j, d.claims); });
}

std::string sentences_to_json(const Document& d, const JsonOptions& options) {
  return view(d, options, [&](Json& j) { write_sentences(j, d.sentences); });
}

std::string outline_to_json(const Document& d, const JsonOptions& options) {
  const std::vector<detail::SectionCounts> counts = detail::count_per_section(d);
  return view(d, options, [&](Json& j) { write_heads(j, d, &counts); });
}

ESSAYKIT_END_NAMESPACE

namespace essaykit::detail {

std::string json_string(std::string_view s) {
  Json j(false);
  j.value(s);
  return j.take();
}

std::string document_line(std::string_view path, const Document& document) {
  std::string out = "{\"path\":";
  out += json_string(path);
  out += ",\"document\":";
  out += to_json(document);
  out += '}';
  return out;
}

std::string error_line(std::string_view path, std::string_view code, std::string_view message) {
  std::string out = "{\"path\":";
  out += json_string(path);
  out += ",\"error\":{\"code\":";
  out += json_string(code);
  out += ",\"message\":";
  out += json_string(message);
  out += "}}";
  return out;
}

}  // namespace essaykit::detail
