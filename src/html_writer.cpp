// The map: one self-contained HTML page of a document (essaykit outline --html).
//
// The page is built in one pass over the input, in document order: the blocks essaykit
// found (title, headings, lists and their items, footnote bodies) become elements, the
// text between them paragraphs, and inside any run of text the claims become <mark>s and
// the footnote references links. Nothing of the input reaches the page unescaped: every
// byte of it goes through append_text, which escapes markup characters and turns invalid
// UTF-8 and control bytes into U+FFFD. The page makes one element per block, claim and
// reference, never one per word, so that a 5 MB document stays a page a browser opens.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "essaykit/version.h"
#include "essaykit/writers.h"
#include "passes.h"
#include "text_util.h"

ESSAYKIT_BEGIN_NAMESPACE
namespace {

// The page's script. It only adds to a page that is complete without it: it marks the
// outline entry of the section being read, and says it ran (data-map="ready", which the
// browser test checks). The Content-Security-Policy allows this script and no other, by
// its hash: if it changes, kScriptHash must change with it (the browser test fails with a
// CSP error in the console otherwise). sha256 of the bytes between <script> and </script>,
// base64: printf %s "$SCRIPT" | openssl dgst -sha256 -binary | base64
constexpr std::string_view kScript =
    R"JS((function(){var d=document,l={};d.querySelectorAll('nav a[href^="#s-"]').forEach(function(a){l[a.getAttribute('href').slice(1)]=a;});if('IntersectionObserver' in window){var c=null,o=new IntersectionObserver(function(es){es.forEach(function(e){if(e.isIntersecting&&l[e.target.id]){if(c)c.removeAttribute('aria-current');c=l[e.target.id];c.setAttribute('aria-current','location');}});},{rootMargin:'0px 0px -70% 0px'});d.querySelectorAll('main .sec').forEach(function(h){o.observe(h);});}d.documentElement.setAttribute('data-map','ready');})();)JS";
constexpr std::string_view kScriptHash = "sha256-9Q5OdsdhIzNe1vW4brXRRAy6MGz5WGS2SQZmTmj9TIU=";

constexpr std::string_view kStyle = R"CSS(
:root{--fg:#1b1b1b;--muted:#4a4a4a;--line:#c8c8c8;--bg:#fff;--link:#0b4f9c;--warn:#8a3b00;--rec:#5b2c83}
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--link)}
header.top{padding:1rem 1.5rem .5rem;border-bottom:1px solid var(--line)}
header.top h1{margin:0 0 .25rem;font-size:1.5rem;line-height:1.25}
.subtitle{margin:0 0 .25rem;color:var(--muted)}
.facts{margin:0 0 .5rem;color:var(--muted);font-size:.875rem}
.strip{display:block;width:100%;height:auto;max-height:14rem}
.strip .band{fill:#e9e9e9}
.strip .seg{stroke:#fff;stroke-width:.6}
.strip .d0{fill:#6b8fb8}.strip .d1{fill:#8fb0d3}.strip .d2{fill:#b3cbe4}.strip .d3{fill:#cfdcec}
.strip a:hover .seg,.strip a:focus .seg{fill:#e0a640}
.strip .tick{stroke-width:1}
.strip .t-ref{stroke:#0b4f9c}.strip .t-list{stroke:#2f7d32}.strip .t-claim{stroke:#b36b00}
.strip .thesis{fill:#b00020}
.legend{margin:.25rem 0 0;font-size:.8125rem;color:var(--muted)}
.legend span{white-space:nowrap;margin-right:1rem}
.legend i{display:inline-block;width:.9rem;height:.6rem;margin-right:.3rem;vertical-align:middle}
.cols{display:grid;grid-template-columns:minmax(14rem,24rem) minmax(0,1fr);gap:2rem;padding:0 1.5rem}
@media (max-width:50rem){.cols{grid-template-columns:1fr}}
nav.outline{position:sticky;top:0;max-height:100vh;overflow:auto;padding:1rem 0;font-size:.875rem}
nav.outline h2,#diagnostics h2{font-size:1rem;margin:0 0 .5rem}
nav.outline ol{list-style:none;margin:0;padding-left:1rem}
nav.outline>ol{padding-left:0}
nav.outline li{margin:.35rem 0}
nav.outline .n{display:block;color:var(--muted);font-size:.8125rem}
nav.outline .best{display:block;font-style:italic;color:var(--muted);font-size:.8125rem}
nav.outline a[aria-current]{font-weight:700}
main{max-width:48rem;padding:1rem 0 3rem}
main p,main li,main .note{overflow-wrap:anywhere}
main.text p,main.text li,main.text .note{white-space:pre-wrap}
main .sec{scroll-margin-top:1rem}
.rec{border-left:3px dashed var(--rec);padding-left:.5rem}
.conf{font-size:.75rem;font-weight:400;color:var(--rec);margin-left:.5rem;white-space:nowrap}
mark.claim{color:var(--fg);border-radius:2px}
mark.s1{background:#fff6d6}mark.s2{background:#ffeaa3}mark.s3{background:#ffd866}mark.s4{background:#ffc233}
mark.thesis{text-decoration:underline 2px #b00020;text-underline-offset:3px;text-decoration-skip-ink:none}
.fnref{font-size:.8em;vertical-align:super;line-height:0}
.fnref.missing{color:var(--warn)}
.note{border-top:1px solid var(--line);margin:1rem 0;padding:.5rem 0 0;font-size:.9375rem}
.note.uncertain{border:2px dashed var(--warn);padding:.5rem}
.note .label{font-weight:700;margin-right:.5rem}
.flag{color:var(--warn);font-size:.8125rem;margin-left:.5rem}
.back{margin-left:.4rem;text-decoration:none}
:target{background:#e6f0fb}
.front{color:var(--muted);font-size:.8125rem;white-space:pre-wrap;margin:0 0 1rem}
#diagnostics{border-top:1px solid var(--line);padding:1rem 1.5rem 2rem;font-size:.875rem}
#diagnostics code{font-size:.8125rem}
)CSS";

// Appends `s` as HTML text (also safe inside a double-quoted attribute): markup
// characters escaped, invalid UTF-8 and control bytes (other than tab, LF and CR) as
// U+FFFD. With `entities`, an '&' is kept as it is: the HTML reader's text is HTML, and
// its character references are what the page shows (an entity cannot open a tag).
void append_text(std::string& out, std::string_view s, bool entities = false) {
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '&': out += entities ? "&" : "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        case '\t':
        case '\n':
        case '\r': out.push_back(static_cast<char>(c)); break;
        default:
          if (c < 0x20 || c == 0x7f) out += "\xEF\xBF\xBD";
          else out.push_back(static_cast<char>(c));
      }
      ++i;
      continue;
    }
    const std::size_t start = i;
    const std::uint32_t cp = detail::next_code_point(s, i);
    if (i == start) ++i;  // never stall
    if (cp == 0xFFFD || (cp >= 0x80 && cp < 0xA0)) out += "\xEF\xBF\xBD";
    else out.append(s.substr(start, i - start));
  }
}

// A reference as the page links it: note k's j-th reference.
struct RefSite {
  std::size_t start, end, note, index;
};

class MapWriter {
 public:
  MapWriter(const Document& d, std::string_view input) : d_(d), in_(input), html_(d.source.format == Format::html) {
    index_words();
    for (std::size_t k = 0; k < d.footnotes.size(); ++k)
      for (std::size_t j = 0; j < d.footnotes[k].refs.size(); ++j)
        refs_.push_back({d.footnotes[k].refs[j].span.start, d.footnotes[k].refs[j].span.end, k, j});
    std::sort(refs_.begin(), refs_.end(), [](const RefSite& a, const RefSite& b) { return a.start < b.start; });
    claims_.reserve(d.claims.size());
    for (std::size_t i = 0; i < d.claims.size(); ++i) claims_.push_back(i);
    std::sort(claims_.begin(), claims_.end(),
              [&](std::size_t a, std::size_t b) { return d.claims[a].span.start < d.claims[b].span.start; });
    depth_.assign(d.sections.size(), 0);
    // Sections are in document order, each after its parent; ids are their indices.
    for (std::size_t i = 0; i < d.sections.size(); ++i)
      if (const auto& p = d.sections[i].parent; p && *p < i) depth_[i] = std::min(depth_[*p] + 1, 8);
    section_done_.assign(d.sections.size(), false);
    list_done_.assign(d.lists.size(), false);
    note_done_.assign(d.footnotes.size(), false);
    ref_done_.assign(refs_.size(), false);
    claim_open_.assign(d.claims.size(), false);
    nested_.resize(d.lists.size());
    for (std::size_t i = 0; i < d.lists.size(); ++i)
      if (const auto& p = d.lists[i].parent_item; p && p->list < d.lists.size() && p->list != i) nested_[p->list].push_back(i);
  }

  std::string page() {
    out_.reserve(in_.size() + in_.size() / 4 + 16384);
    head();
    out_ += "<body>\n<header class=\"top\">\n";
    out_ += "<h1>";
    append_text(out_, d_.title ? std::string_view(d_.title->text) : std::string_view(d_.source.name));
    out_ += "</h1>\n";
    if (d_.subtitle) {
      out_ += "<p class=\"subtitle\">";
      append_text(out_, d_.subtitle->text);
      out_ += "</p>\n";
    }
    facts();
    strip();
    out_ += "</header>\n<div class=\"cols\">\n";
    outline();
    text();
    out_ += "</div>\n";
    diagnostics();
    out_ += "<script>";
    out_ += kScript;
    out_ += "</script>\n</body>\n</html>\n";
    return std::move(out_);
  }

 private:
  // ---- words: where each word starts, so that a byte offset becomes a word position.
  void index_words() {
    word_starts_.reserve(in_.size() / 6 + 1);
    bool in_word = false;
    for (std::size_t i = 0; i < in_.size(); ++i) {
      const bool w = !detail::is_space(in_[i]);
      if (w && !in_word) word_starts_.push_back(i);
      in_word = w;
    }
  }
  std::size_t words_before(std::size_t offset) const {
    return static_cast<std::size_t>(std::lower_bound(word_starts_.begin(), word_starts_.end(), offset) -
                                    word_starts_.begin());
  }
  std::size_t words_in(std::size_t a, std::size_t b) const { return b > a ? words_before(b) - words_before(a) : 0; }
  // A byte offset as an x on the strip (0..kWidth), by words; by bytes when there are none.
  double x_of(std::size_t offset) const {
    if (!word_starts_.empty())
      return kWidth * static_cast<double>(words_before(offset)) / static_cast<double>(word_starts_.size());
    return in_.empty() ? 0.0 : kWidth * static_cast<double>(std::min(offset, in_.size())) / static_cast<double>(in_.size());
  }
  std::size_t section_end(const Section& s) const { return std::max(s.end_of_section, s.span.end); }

  // ---- head
  void head() {
    out_ += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    // Nothing leaves the page and nothing runs but the page's own script.
    out_ += fmt::format(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "script-src '{}'; img-src data:; base-uri 'none'; form-action 'none'\">\n",
        kScriptHash);
    out_ += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out_ += "<meta name=\"generator\" content=\"essaykit ";
    append_text(out_, version());
    out_ += "\">\n<title>";
    append_text(out_, d_.title ? std::string_view(d_.title->text) : std::string_view(d_.source.name));
    out_ += " — essaykit map</title>\n<style>";
    out_ += kStyle;
    out_ += "</style>\n</head>\n";
  }

  void facts() {
    std::size_t refs = 0;
    for (const Footnote& f : d_.footnotes) refs += f.refs.size();
    std::size_t theses = 0;
    for (const Claim& c : d_.claims) theses += c.kind == ClaimKind::thesis;
    out_ += "<p class=\"facts\">";
    append_text(out_, d_.source.name);
    out_ += fmt::format(
        " · read as {} · {} words · {} sections · {} lists · {} notes, {} references · {} claims{} · {} diagnostics",
        format_name(d_.source.format), d_.stats.words, d_.sections.size(), d_.lists.size(), d_.footnotes.size(), refs,
        d_.claims.size(), theses ? fmt::format(" ({} thesis)", theses) : std::string(), d_.diagnostics.size());
    if (d_.source.format == Format::text)
      out_ += " · plain text: headings, lists and notes were recovered, each marked with the reader's confidence";
    out_ += "</p>\n";
  }

  // ---- the strip: the document as a band, sections as segments in layers by depth,
  // ticks where references, lists and claims stand, the thesis marked.
  static constexpr double kWidth = 1000.0;
  void strip() {
    int layers = 0;
    for (int dp : depth_) layers = std::max(layers, dp + 1);
    const double row = 14, band_y = 0, first_layer = row + 2;
    const double ticks_y = first_layer + layers * row + 4;
    const double height = ticks_y + 3 * 10 + 12;
    out_ += fmt::format(
        "<svg class=\"strip\" viewBox=\"0 0 {} {}\" preserveAspectRatio=\"none\" role=\"group\" "
        "aria-label=\"The document as a band: each section a segment as wide as its words\">\n",
        kWidth, height);
    out_ += fmt::format("<rect class=\"band\" x=\"0\" y=\"{}\" width=\"{}\" height=\"{}\"/>\n", band_y, kWidth, row);
    for (std::size_t i = 0; i < d_.sections.size(); ++i) {
      const Section& s = d_.sections[i];
      const double x0 = x_of(s.span.start), x1 = x_of(section_end(s));
      const int dp = depth_[i];
      out_ += fmt::format("<a href=\"#s-{}\" aria-label=\"", i);
      append_text(out_, s.title);
      out_ += fmt::format(", {} words\"><rect class=\"seg d{}\" x=\"{:.2f}\" y=\"{}\" width=\"{:.2f}\" height=\"{}\"><title>",
                          words_in(s.span.start, section_end(s)), std::min(dp, 3), x0, first_layer + dp * row,
                          std::max(x1 - x0, 0.5), row - 1);
      append_text(out_, s.title);
      out_ += fmt::format(" — {} words</title></rect></a>\n", words_in(s.span.start, section_end(s)));
    }
    // Ticks: one path per kind, one vertical stroke per occupied unit of the band.
    auto ticks = [&](std::string_view cls, double y, auto&& each) {
      std::vector<char> at(static_cast<std::size_t>(kWidth) + 1, 0);
      each([&](std::size_t offset) { at[static_cast<std::size_t>(std::lround(x_of(offset)))] = 1; });
      std::string d;
      for (std::size_t x = 0; x < at.size(); ++x)
        if (at[x]) d += fmt::format("M{} {}v8", x, y);
      if (!d.empty()) out_ += fmt::format("<path class=\"tick {}\" d=\"{}\"/>", cls, d);
      out_ += "\n";
    };
    ticks("t-ref", ticks_y, [&](auto&& mark) {
      for (const RefSite& r : refs_) mark(r.start);
    });
    ticks("t-list", ticks_y + 10, [&](auto&& mark) {
      for (const List& l : d_.lists) mark(l.span.start);
    });
    ticks("t-claim", ticks_y + 20, [&](auto&& mark) {
      for (const Claim& c : d_.claims) mark(c.span.start);
    });
    for (std::size_t i = 0; i < d_.claims.size(); ++i) {
      const Claim& c = d_.claims[i];
      if (c.kind != ClaimKind::thesis) continue;
      const double x = x_of(c.span.start);
      out_ += fmt::format("<a href=\"#c-{}\" aria-label=\"the thesis, line {}\"><path class=\"thesis\" d=\"M{:.2f} {}l-5 8h10z\"><title>thesis: ",
                          i, c.span.line, x, ticks_y + 30);
      append_text(out_, c.text);
      out_ += "</title></path></a>\n";
    }
    out_ += "</svg>\n";
    out_ +=
        "<p class=\"legend\"><span><i style=\"background:#6b8fb8\"></i>sections (nested ones below)</span>"
        "<span><i style=\"background:#0b4f9c\"></i>footnote references</span>"
        "<span><i style=\"background:#2f7d32\"></i>lists</span>"
        "<span><i style=\"background:#b36b00\"></i>claims</span>"
        "<span><i style=\"background:#b00020\"></i>thesis</span></p>\n";
  }

  // ---- the outline: every section with its words, lists, notes and strongest claim.
  void outline() {
    out_ += "<nav class=\"outline\" aria-label=\"Outline\">\n<h2>Outline</h2>\n";
    if (d_.sections.empty()) {
      out_ += "<p>No sections.</p>\n</nav>\n";
      return;
    }
    std::vector<const Claim*> best(d_.sections.size(), nullptr);
    std::vector<std::size_t> best_index(d_.sections.size(), 0);
    for (std::size_t i = 0; i < d_.claims.size(); ++i) {
      const Claim& c = d_.claims[i];
      if (c.section && *c.section < best.size() && (!best[*c.section] || c.score > best[*c.section]->score)) {
        best[*c.section] = &c;
        best_index[*c.section] = i;
      }
    }
    // What each section holds directly, as lists_in() and footnotes_in() count, in one pass.
    std::vector<std::size_t> lists(d_.sections.size(), 0), notes(d_.sections.size(), 0);
    for (const List& l : d_.lists)
      if (l.section && *l.section < lists.size() && !l.parent_item) ++lists[*l.section];
    std::vector<std::size_t> last_note(d_.sections.size(), SIZE_MAX);
    for (std::size_t k = 0; k < d_.footnotes.size(); ++k)
      for (const FootnoteRef& r : d_.footnotes[k].refs)
        if (std::optional<std::size_t> at = detail::section_at(d_.sections, r.span.start);
            at && *at < notes.size() && last_note[*at] != k) {
          last_note[*at] = k;
          ++notes[*at];
        }
    int open = 0;  // <ol>s open below the top one
    out_ += "<ol>\n";
    for (std::size_t i = 0; i < d_.sections.size(); ++i) {
      const Section& s = d_.sections[i];
      const int dp = depth_[i];
      if (i > 0) {
        if (dp > open) {
          for (; open < dp; ++open) out_ += "<ol>\n";
        } else {
          out_ += "</li>\n";
          for (; open > dp; --open) out_ += "</ol></li>\n";
        }
      }
      out_ += fmt::format("<li><a href=\"#s-{}\">", i);
      append_text(out_, s.title.empty() ? std::string_view("(untitled)") : std::string_view(s.title));
      out_ += "</a>";
      out_ += fmt::format("<span class=\"n\">line {} · {} words{}{}{}</span>", s.span.line,
                          words_in(s.span.start, section_end(s)),
                          lists[i] ? fmt::format(" · {} list{}", lists[i], lists[i] == 1 ? "" : "s") : std::string(),
                          notes[i] ? fmt::format(" · {} note{}", notes[i], notes[i] == 1 ? "" : "s") : std::string(),
                          d_.source.format == Format::text ? fmt::format(" · recovered {:.2f}", s.confidence)
                                                           : std::string());
      if (best[i]) {
        out_ += fmt::format("<a class=\"best\" href=\"#c-{}\">", best_index[i]);
        append_text(out_, best[i]->text);
        out_ += "</a>";
      }
    }
    out_ += "</li>\n";
    for (; open > 0; --open) out_ += "</ol></li>\n";
    out_ += "</ol>\n</nav>\n";
  }

  // ---- the text
  enum class Kind { title, subtitle, heading, list, note };
  struct Block {
    std::size_t start, end;
    Kind kind;
    std::size_t id;
  };

  void text() {
    // Plain text keeps its line breaks (they may be all the structure it has); Markdown's
    // and HTML's flow, as their readers show them.
    out_ += fmt::format("<main class=\"{}\" aria-label=\"The text\">\n", format_name(d_.source.format));
    std::vector<Block> blocks;
    if (d_.title) blocks.push_back({d_.title->span.start, d_.title->span.end, Kind::title, 0});
    if (d_.subtitle) blocks.push_back({d_.subtitle->span.start, d_.subtitle->span.end, Kind::subtitle, 0});
    for (std::size_t i = 0; i < d_.sections.size(); ++i)
      blocks.push_back({d_.sections[i].span.start, d_.sections[i].span.end, Kind::heading, i});
    for (std::size_t i = 0; i < d_.lists.size(); ++i)
      if (!d_.lists[i].parent_item) blocks.push_back({d_.lists[i].span.start, d_.lists[i].span.end, Kind::list, i});
    for (std::size_t k = 0; k < d_.footnotes.size(); ++k)
      if (d_.footnotes[k].body) blocks.push_back({d_.footnotes[k].body->start, d_.footnotes[k].body->end, Kind::note, k});
    std::stable_sort(blocks.begin(), blocks.end(), [](const Block& a, const Block& b) { return a.start < b.start; });
    // An HTML page's text is its article: what lies before the first thing found and
    // after the last is the theme. (Its sentences, when the Document has them, are found
    // things too; without them a closing paragraph that holds no claim is left out.)
    std::size_t pos = 0, stop = in_.size();
    if (html_) {
      std::size_t first = in_.size(), last = 0;
      auto see = [&](std::size_t a, std::size_t b) {
        if (b > a) first = std::min(first, a), last = std::max(last, b);
      };
      for (const Block& b : blocks) see(b.start, b.end);
      for (const Claim& c : d_.claims) see(c.span.start, c.span.end);
      for (const RefSite& r : refs_) see(r.start, r.end);
      // (With sentences, all the article's prose: a last paragraph that holds no claim.)
      for (const Sentence& s : d_.sentences) see(s.span.start, s.span.end);
      if (first < last) pos = std::min(first, in_.size()), stop = std::min(last, in_.size());
      else stop = 0;
    }
    if (d_.source.format == Format::markdown) pos = front_matter();
    for (const Block& b : blocks) {
      const std::size_t start = std::min(std::max(b.start, pos), stop);
      if (start > pos) paragraphs(pos, start);
      pos = std::max(pos, start);
      const std::size_t end = std::min(std::max(b.end, pos), std::max(stop, pos));
      block(b, pos, end);
      pos = std::max(pos, end);
    }
    if (pos < stop) paragraphs(pos, stop);
    leftovers();
    out_ += "</main>\n";
  }

  // Markdown's front matter (YAML `---`, TOML `+++`) as it is, set apart; returns where it
  // ends (0 without one). A reference or claim cannot stand there.
  std::size_t front_matter() {
    std::string_view fence;
    if (detail::starts_with(in_, "---\n") || detail::starts_with(in_, "---\r\n")) fence = "---";
    else if (detail::starts_with(in_, "+++\n") || detail::starts_with(in_, "+++\r\n")) fence = "+++";
    else return 0;
    for (std::size_t i = in_.find('\n') + 1; i < in_.size();) {
      std::size_t nl = in_.find('\n', i);
      const std::size_t e = nl == std::string_view::npos ? in_.size() : nl + 1;
      std::string_view line = in_.substr(i, e - i);
      while (!line.empty() && detail::is_space(line.back())) line.remove_suffix(1);
      if (line == fence || (fence == "---" && line == "...")) {
        out_ += "<pre class=\"front\" aria-label=\"front matter\">";
        append_text(out_, in_.substr(0, e));
        out_ += "</pre>\n";
        return e;
      }
      i = e;
    }
    return 0;
  }

  // One block over [a, b) of the input (a part of its span when an earlier block overlapped it).
  void block(const Block& b, std::size_t a, std::size_t e) {
    switch (b.kind) {
      case Kind::title:  // shown as the page's h1; a reference in it still links
        refs_within(a, e);
        break;
      case Kind::subtitle:
        out_ += "<p class=\"subtitle\">";
        append_text(out_, d_.subtitle->text);
        refs_within(a, e);
        out_ += "</p>\n";
        break;
      case Kind::heading: heading(b.id, a, e); break;
      case Kind::list: list(b.id, a, e); break;
      case Kind::note: note(b.id, a, e); break;
    }
  }

  void heading(std::size_t i, std::size_t a, std::size_t e) {
    const Section& s = d_.sections[i];
    section_done_[i] = true;
    const int level = std::min(2 + depth_[i], 6);
    const bool recovered = d_.source.format == Format::text;
    out_ += fmt::format("<h{} class=\"sec{}\" id=\"s-{}\"", level, recovered ? " rec" : "", i);
    if (recovered) out_ += fmt::format(" title=\"heading recovered from plain text, confidence {:.2f}\"", s.confidence);
    out_ += ">";
    append_text(out_, s.title);
    refs_within(a, e);
    if (recovered) out_ += fmt::format("<span class=\"conf\">recovered {:.2f}</span>", s.confidence);
    out_ += fmt::format("</h{}>\n", level);
  }

  // A list, its items, and the lists nested in them, each where it stands in its item.
  // Lists nested deeper than this are shown flat after the text (leftovers): the page's
  // nesting, and this writer's recursion, stay bounded (Markdown allows 100,000 levels).
  static constexpr int kMaxListDepth = 32;

  void list(std::size_t li, std::size_t a, std::size_t e, int level = 0) {
    const List& l = d_.lists[li];
    list_done_[li] = true;
    const bool recovered = d_.source.format == Format::text;
    const char* tag = l.ordered ? "ol" : "ul";
    out_ += fmt::format("<{} class=\"list{}\" id=\"l-{}\"", tag, recovered ? " rec" : "", li);
    if (recovered) out_ += fmt::format(" title=\"list recovered from plain text, confidence {:.2f}\"", l.confidence);
    out_ += ">\n";
    std::size_t pos = a;
    for (std::size_t i = 0; i < l.items.size(); ++i) {
      const ListItem& item = l.items[i];
      // The item runs to the next item (what lies between belongs to the one before).
      const std::size_t item_end =
          std::min(e, std::max(i + 1 < l.items.size() ? l.items[i + 1].span.start : e, item.span.end));
      // A list whose span opens before its first item: that text goes with the first item.
      const std::size_t ia = i == 0 ? pos : std::max(pos, std::min(item.span.start, item_end));
      out_ += "<li>";
      std::size_t p = skip_marker(ia, item_end);  // the marker is what <li> shows
      for (std::size_t ni : level < kMaxListDepth ? nested_[li] : no_lists_) {
        const List& nested = d_.lists[ni];
        if (list_done_[ni] || !nested.parent_item || nested.parent_item->list != li || nested.parent_item->item != i) continue;
        const std::size_t na = std::min(std::max(nested.span.start, p), item_end);
        inline_text(p, na);
        list(ni, na, std::min(std::max(nested.span.end, na), item_end), level + 1);
        p = std::min(std::max(nested.span.end, na), item_end);
      }
      inline_text(p, item_end);
      if (recovered && item.confidence < 0.5) out_ += fmt::format("<span class=\"conf\">item? {:.2f}</span>", item.confidence);
      out_ += "</li>\n";
      pos = std::max(pos, item_end);
    }
    if (l.items.empty()) out_ += "<li></li>\n";
    out_ += fmt::format("</{}>\n", tag);
  }

  // Past an item's marker ("- ", "* ", "1. ", "a) ") and the blank before it.
  std::size_t skip_marker(std::size_t a, std::size_t b) const {
    std::size_t i = a;
    while (i < b && (in_[i] == ' ' || in_[i] == '\t')) ++i;
    std::size_t j = i;
    const std::string_view rest = in_.substr(i, std::min<std::size_t>(b - i, 8));
    if (!rest.empty() && (rest[0] == '-' || rest[0] == '*' || rest[0] == '+')) {
      j = i + 1;
    } else if (detail::starts_with(rest, "\xE2\x80\xA2")) {  // •
      j = i + 3;
    } else {
      std::size_t k = 0;
      while (k < rest.size() && k < 4 && (detail::is_ascii_digit(rest[k]) || (k == 0 && detail::is_ascii_alpha(rest[k])))) ++k;
      if (k > 0 && k < rest.size() && (rest[k] == '.' || rest[k] == ')')) j = i + k + 1;
    }
    if (j == i || j >= b || (in_[j] != ' ' && in_[j] != '\t')) return a;
    return j;
  }

  void note(std::size_t k, std::size_t a, std::size_t e) {
    note_done_[k] = true;
    const Footnote& f = d_.footnotes[k];
    const bool recovered = d_.source.format == Format::text;
    const bool uncertain = recovered && f.confidence < 0.5;
    out_ += fmt::format("<div class=\"note{}\" id=\"fn-{}\" role=\"note\" aria-label=\"Note ", uncertain ? " uncertain" : "", k);
    append_text(out_, f.label);
    out_ += "\"";
    if (recovered) out_ += fmt::format(" title=\"note recovered from plain text, confidence {:.2f}\"", f.confidence);
    out_ += "><span class=\"label\">[";
    append_text(out_, f.label);
    out_ += "]</span>";
    if (uncertain)
      out_ += fmt::format("<span class=\"flag\">uncertain: where this note begins and ends was not placed with "
                          "confidence ({:.2f})</span>",
                          f.confidence);
    else if (recovered)
      out_ += fmt::format("<span class=\"conf\">recovered {:.2f}</span>", f.confidence);
    if (f.refs.empty()) out_ += "<span class=\"flag\">nothing refers to this note</span>";
    out_ += "\n";
    paragraphs(a, e);
    back_links(k);
    out_ += "</div>\n";
  }

  void back_links(std::size_t k) {
    const Footnote& f = d_.footnotes[k];
    if (f.refs.empty()) return;
    out_ += "<p class=\"backs\">";
    for (std::size_t j = 0; j < f.refs.size(); ++j) {
      out_ += fmt::format("<a class=\"back\" href=\"#ref-{}-{}\" aria-label=\"Back to reference {} of note ", k, j, j + 1);
      append_text(out_, f.label);
      out_ += fmt::format(" (line {})\">↩{}</a>", f.refs[j].span.line, f.refs.size() > 1 ? std::to_string(j + 1) : "");
    }
    out_ += "</p>\n";
  }

  // [a, b) as paragraphs: split at blank lines (in HTML, at block tags).
  void paragraphs(std::size_t a, std::size_t b) {
    std::size_t start = a;
    std::size_t i = a;
    while (i < b) {
      std::size_t brk_begin = 0, brk_end = 0;
      if (!html_) {
        const std::size_t nl = in_.find('\n', i);
        if (nl == std::string_view::npos || nl >= b) break;
        std::size_t j = nl + 1;
        while (j < b && (in_[j] == ' ' || in_[j] == '\t' || in_[j] == '\r')) ++j;
        if (j < b && in_[j] == '\n') {
          brk_begin = nl, brk_end = j + 1;
        } else {
          i = nl + 1;
          continue;
        }
      } else {
        const std::size_t lt = in_.find('<', i);
        if (lt == std::string_view::npos || lt >= b) break;
        if (!block_tag(lt, b)) {
          i = lt + 1;
          continue;
        }
        const std::size_t gt = in_.find('>', lt);
        brk_begin = lt, brk_end = gt == std::string_view::npos || gt >= b ? b : gt + 1;
      }
      paragraph(start, brk_begin);
      start = i = brk_end;
    }
    paragraph(start, b);
  }

  bool block_tag(std::size_t lt, std::size_t b) const {
    static constexpr std::array<std::string_view, 16> kBlocks = {"p", "div", "br", "li", "ul", "ol", "h1", "h2",
                                                                 "h3", "h4", "h5", "h6", "blockquote", "pre", "section", "tr"};
    std::size_t i = lt + 1;
    if (i < b && in_[i] == '/') ++i;
    std::size_t j = i;
    while (j < b && (detail::is_ascii_alpha(in_[j]) || detail::is_ascii_digit(in_[j]))) ++j;
    std::string name;
    for (std::size_t k = i; k < j; ++k) name.push_back(detail::to_lower_ascii(in_[k]));
    return std::find(kBlocks.begin(), kBlocks.end(), name) != kBlocks.end();
  }

  void paragraph(std::size_t a, std::size_t b) {
    while (a < b && detail::is_space(in_[a])) ++a;
    while (b > a && detail::is_space(in_[b - 1])) --b;
    if (a >= b) return;
    if (html_ && !has_text(a, b)) return;
    out_ += "<p>";
    inline_text(a, b);
    out_ += "</p>\n";
  }

  bool has_text(std::size_t a, std::size_t b) const {
    bool in_tag = false;
    for (std::size_t i = a; i < b; ++i) {
      if (in_[i] == '<') in_tag = true;
      else if (in_[i] == '>') in_tag = false;
      else if (!in_tag && !detail::is_space(in_[i])) return true;
    }
    return false;
  }

  // [a, b) as running text: claims as <mark>s (a claim cut by a block boundary goes on in
  // the next block as a continuation), footnote references as links.
  void inline_text(std::size_t a, std::size_t b) {
    while (a < b && detail::is_space(in_[a])) ++a;
    while (b > a && detail::is_space(in_[b - 1])) --b;
    if (a >= b) return;
    // The first claim that ends after a (claims do not overlap: sorted by start, also by end).
    auto it = std::lower_bound(claims_.begin(), claims_.end(), a,
                               [&](std::size_t c, std::size_t at) { return d_.claims[c].span.end <= at; });
    std::size_t pos = a;
    while (pos < b) {
      if (it != claims_.end() && d_.claims[*it].span.start < b && d_.claims[*it].span.start <= pos) {
        const std::size_t ci = *it;
        const Claim& c = d_.claims[ci];
        const std::size_t stop = std::min(c.span.end, b);
        claim_open(ci);
        refs_text(pos, stop);
        out_ += "</mark>";
        pos = stop;
        if (c.span.end <= b) ++it;
        continue;
      }
      const std::size_t stop = it != claims_.end() ? std::min(b, std::max(pos, d_.claims[*it].span.start)) : b;
      if (stop == pos) {  // a claim that starts before pos and is already past: move on
        ++it;
        continue;
      }
      refs_text(pos, stop);
      pos = stop;
    }
  }

  void claim_open(std::size_t ci) {
    const Claim& c = d_.claims[ci];
    const int shade = c.score >= 0.85 ? 4 : c.score >= 0.7 ? 3 : c.score >= 0.5 ? 2 : 1;
    const bool thesis = c.kind == ClaimKind::thesis;
    std::string cues;
    for (std::size_t i = 0; i < c.cues.size(); ++i) cues += (i ? ", " : "") + c.cues[i];
    if (!claim_open_[ci]) {
      claim_open_[ci] = true;
      out_ += fmt::format("<mark class=\"claim s{}{}\" id=\"c-{}\" title=\"{} {:.2f}", shade, thesis ? " thesis" : "", ci,
                          thesis ? "thesis" : "claim", c.score);
    } else {
      out_ += fmt::format("<mark class=\"claim cont s{}{}\" title=\"{} {:.2f} (continued)", shade,
                          thesis ? " thesis" : "", thesis ? "thesis" : "claim", c.score);
    }
    if (!cues.empty()) {
      out_ += " — cues: ";
      append_text(out_, cues);
    }
    out_ += "\">";
  }

  // Text with the footnote references in it as links.
  void refs_text(std::size_t a, std::size_t b) {
    auto it = std::lower_bound(refs_.begin(), refs_.end(), a, [](const RefSite& r, std::size_t at) { return r.start < at; });
    std::size_t pos = a;
    for (; it != refs_.end() && it->start < b; ++it) {
      if (it->end > b || it->start < pos || it->end <= it->start) continue;  // cut by a boundary: stays text
      source_text(pos, it->start);
      ref(static_cast<std::size_t>(it - refs_.begin()), it->start, it->end);
      pos = it->end;
    }
    source_text(pos, b);
  }

  void ref(std::size_t site, std::size_t a, std::size_t b) {
    if (ref_done_[site]) {  // already linked (a span reached twice): the id must stay unique
      source_text(a, b);
      return;
    }
    ref_done_[site] = true;
    const RefSite& r = refs_[site];
    const Footnote& f = d_.footnotes[r.note];
    std::string shown = html_ ? strip_tags(in_.substr(a, b - a)) : std::string(in_.substr(a, b - a));
    if (shown.empty()) shown = f.label;
    if (f.body) {
      out_ += fmt::format("<a class=\"fnref\" id=\"ref-{}-{}\" href=\"#fn-{}\" title=\"note ", r.note, r.index, r.note);
      append_text(out_, f.label);
      out_ += ": ";
      append_text(out_, f.text.substr(0, std::min<std::size_t>(f.text.size(), 200)));
      out_ += "\">";
      append_text(out_, shown, html_);
      out_ += "</a>";
    } else {
      out_ += fmt::format("<span class=\"fnref missing\" id=\"ref-{}-{}\" title=\"note ", r.note, r.index);
      append_text(out_, f.label);
      out_ += ": no body was found\">";
      append_text(out_, shown, html_);
      out_ += "</span>";
    }
  }

  // The references of a block shown by its derived text (a title, a heading).
  void refs_within(std::size_t a, std::size_t b) {
    auto it = std::lower_bound(refs_.begin(), refs_.end(), a, [](const RefSite& r, std::size_t at) { return r.start < at; });
    for (; it != refs_.end() && it->start < b; ++it)
      if (it->end <= b) ref(static_cast<std::size_t>(it - refs_.begin()), it->start, it->end);
  }

  // Source bytes as text; an HTML page's tags left out (its character references kept).
  void source_text(std::size_t a, std::size_t b) {
    if (a >= b) return;
    if (!html_) {
      append_text(out_, in_.substr(a, b - a));
      return;
    }
    append_text(out_, strip_tags(in_.substr(a, b - a)), true);
  }

  static std::string strip_tags(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
      if (s[i] != '<') {
        const std::size_t lt = s.find('<', i);
        const std::size_t e = lt == std::string_view::npos ? s.size() : lt;
        out.append(s.substr(i, e - i));
        i = e;
        continue;
      }
      if (s.substr(i, 4) == "<!--") {
        const std::size_t c = s.find("-->", i + 4);
        i = c == std::string_view::npos ? s.size() : c + 3;
        continue;
      }
      for (std::string_view raw : {std::string_view("script"), std::string_view("style")}) {
        if (i + 1 + raw.size() <= s.size() && detail::iequals(s.substr(i + 1, raw.size()), raw)) {
          // Skip to the element's end tag: its content is never text.
          std::size_t j = i + 1;
          for (;;) {
            j = s.find("</", j);
            if (j == std::string_view::npos || (j + 2 + raw.size() <= s.size() && detail::iequals(s.substr(j + 2, raw.size()), raw)))
              break;
            j += 2;
          }
          i = j == std::string_view::npos ? s.size() : j;
          break;
        }
      }
      if (i >= s.size()) break;
      const std::size_t gt = s.find('>', i);
      i = gt == std::string_view::npos ? s.size() : gt + 1;
    }
    return out;
  }

  // Whatever the walk could not place (a block outside the text, a hand-made Document
  // whose spans do not fit the input) still gets its element, so that every link of the
  // outline and of the strip has its target.
  void leftovers() {
    bool any = false;
    auto open = [&] {
      if (!any) out_ += "<section class=\"leftovers\" aria-label=\"Not placed in the text\">\n";
      any = true;
    };
    for (std::size_t i = 0; i < d_.sections.size(); ++i)
      if (!section_done_[i]) open(), heading(i, 0, 0);
    for (std::size_t li = 0; li < d_.lists.size(); ++li)
      if (!list_done_[li]) {
        open();
        list_done_[li] = true;
        out_ += fmt::format("<ul class=\"list\" id=\"l-{}\">", li);
        for (const ListItem& item : d_.lists[li].items) {
          out_ += "<li>";
          append_text(out_, item.text);
          out_ += "</li>";
        }
        if (d_.lists[li].items.empty()) out_ += "<li></li>";
        out_ += "</ul>\n";
      }
    for (std::size_t k = 0; k < d_.footnotes.size(); ++k)
      if (d_.footnotes[k].body && !note_done_[k]) {
        open();
        note_done_[k] = true;
        out_ += fmt::format("<div class=\"note\" id=\"fn-{}\" role=\"note\"><span class=\"label\">[", k);
        append_text(out_, d_.footnotes[k].label);
        out_ += "]</span><p>";
        append_text(out_, d_.footnotes[k].text);
        out_ += "</p>\n";
        back_links(k);
        out_ += "</div>\n";
      }
    // Claims the text did not reach (one in a title, or in front matter): the outline links to them.
    for (std::size_t i = 0; i < d_.claims.size(); ++i)
      if (!claim_open_[i]) {
        open();
        out_ += "<p>";
        claim_open(i);
        append_text(out_, d_.claims[i].text);
        out_ += "</mark></p>\n";
      }
    // References the text did not reach: a back-link must have somewhere to return to.
    for (std::size_t i = 0; i < refs_.size(); ++i)
      if (!ref_done_[i]) {
        open();
        out_ += "<p>";
        ref(i, 0, 0);
        out_ += "</p>\n";
      }
    if (any) out_ += "</section>\n";
  }

  // ---- diagnostics
  void diagnostics() {
    out_ += "<section id=\"diagnostics\" aria-labelledby=\"diagnostics-h\">\n<h2 id=\"diagnostics-h\">Diagnostics</h2>\n";
    if (d_.diagnostics.empty()) {
      out_ += "<p>None.</p>\n</section>\n";
      return;
    }
    std::vector<std::pair<std::size_t, std::size_t>> bodies;  // (start, note)
    for (std::size_t k = 0; k < d_.footnotes.size(); ++k)
      if (d_.footnotes[k].body) bodies.emplace_back(d_.footnotes[k].body->start, k);
    std::sort(bodies.begin(), bodies.end());
    out_ += "<ul>\n";
    for (const Diagnostic& g : d_.diagnostics) {
      out_ += fmt::format("<li class=\"diag {}\"><code>{}</code> line {}: ", g.severity == Severity::error ? "error" : "warning",
                          diagnostic_code_name(g.code), g.span.line);
      append_text(out_, g.message);
      // A diagnostic about a note's body links to it.
      auto at = std::lower_bound(bodies.begin(), bodies.end(), std::make_pair(g.span.start, std::size_t{0}));
      if (g.span.end > g.span.start && at != bodies.end() && at->first == g.span.start)
        out_ += fmt::format(" <a href=\"#fn-{}\">the note</a>", at->second);
      out_ += "</li>\n";
    }
    out_ += "</ul>\n</section>\n";
  }

  const Document& d_;
  std::string_view in_;
  bool html_;
  std::string out_;
  std::vector<std::size_t> word_starts_;
  std::vector<RefSite> refs_;
  std::vector<std::size_t> claims_;  // indices into d_.claims, by start
  std::vector<int> depth_;
  std::vector<std::vector<std::size_t>> nested_;  // for each list, the lists nested in its items
  const std::vector<std::size_t> no_lists_;
  std::vector<bool> section_done_, list_done_, note_done_, ref_done_, claim_open_;
};

}  // namespace

std::string to_html(const Document& document, std::string_view input) {
  return MapWriter(document, input).page();
}

ESSAYKIT_END_NAMESPACE
