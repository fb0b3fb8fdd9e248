// analyze(): the pipeline. Bytes → reader → block model → passes → Document.
#include "essaykit/analyze.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "block_model.h"
#include "decode.h"
#include "passes.h"

ESSAYKIT_BEGIN_NAMESPACE

std::string_view format_name(Format format) {
  switch (format) {
    case Format::markdown: return "markdown";
    case Format::text: return "text";
    case Format::html: return "html";
    case Format::automatic: break;
  }
  return "auto";
}

std::string_view error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::binary: return "binary";
    case ErrorCode::too_large: return "too_large";
  }
  return "unknown";
}

ESSAYKIT_END_NAMESPACE

namespace essaykit::detail {
namespace {

// What the binary rule counts, in one pass over the input.
struct ByteCounts {
  bool nul = false;
  std::size_t control = 0;  // control bytes other than white space
  std::size_t invalid = 0;  // bytes of invalid UTF-8
};

ByteCounts count_bytes(std::string_view input) {
  ByteCounts n;
  bool high = false;
  auto look = [&](unsigned char c) {
    n.nul |= c == 0;
    n.control += (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') || c == 0x7F;
    high |= c >= 0x80;
  };
  // Eight bytes at a time: a word of printable ASCII (no byte under 0x20, none 0x7F,
  // no high bit) is skipped whole; any other word is looked at byte by byte.
  constexpr std::uint64_t k01 = 0x0101010101010101, k80 = 0x8080808080808080;
  auto has_below = [](std::uint64_t w, std::uint64_t b) { return (w - k01 * b) & ~w & k80; };
  std::size_t i = 0;
  for (; i + 8 <= input.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, input.data() + i, 8);
    if (!(w & k80) && !has_below(w, 0x20) && !has_below(w ^ (k01 * 0x7F), 1)) continue;
    for (std::size_t k = i; k < i + 8; ++k) look(static_cast<unsigned char>(input[k]));
  }
  for (; i < input.size(); ++i) look(static_cast<unsigned char>(input[i]));
  // Only text with non-ASCII bytes can hold invalid UTF-8.
  if (high) n.invalid = for_each_invalid_utf8(input, [](std::size_t, std::size_t) {});
  return n;
}

bool is_binary(const ByteCounts& n, std::size_t size) { return n.nul || (n.control + n.invalid) * 10 > size; }

}  // namespace

// Evidence of Markdown in the opening of a text: a line that only Markdown writes.
bool sniff_markdown(std::string_view input) {
  std::string_view head = input.substr(0, 64 * 1024);
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  if (head.substr(0, 4) == "---\n" || head.substr(0, 5) == "---\r\n" || head.substr(0, 4) == "+++\n") return true;
  int evidence = 0;
  bool first = true;  // the first line that is not blank
  for (std::size_t pos = 0; pos < head.size();) {
    std::size_t e = head.find('\n', pos);
    if (e == std::string_view::npos) e = head.size();
    std::string_view line = head.substr(pos, e - pos);
    pos = e + 1;
    const bool opening = first && !trim(line).empty();
    if (opening) first = false;
    if (line.substr(0, 3) == "```" || line.substr(0, 3) == "~~~") evidence += 2;
    else if (line.size() > 2 && line[0] == '#') {
      // A text that opens on an ATX heading ("# Title") is Markdown by that alone: a copy
      // of a page keeps no '#', and prose does not open on one.
      std::size_t k = line.find_first_not_of('#');
      if (k != std::string_view::npos && k <= 6 && line[k] == ' ') evidence += opening ? 3 : 2;
    } else if (line.substr(0, 2) == "[^" && line.find("]:") != std::string_view::npos) evidence += 2;
    else if ((line.substr(0, 2) == "- " || line.substr(0, 2) == "* ")) evidence += 1;
    // A block quote, and a line that opens in bold (a paragraph lead or a pseudo-heading
    // such as `**Note:** …`): a copy from a browser keeps neither mark.
    else if (line.substr(0, 2) == "> " || line == ">") evidence += 1;
    else if (line.size() > 4 && line.substr(0, 2) == "**" && line[2] != ' ' && line.find("**", 3) != std::string_view::npos)
      evidence += 1;
    if (line.find("](") != std::string_view::npos) evidence += 1;
    if (line.find("[^") != std::string_view::npos) evidence += 1;
    if (evidence >= 3) return true;
  }
  return false;
}

// An HTML page opens (after a BOM, white space, an XML declaration and comments)
// with its doctype or its <html> tag.
bool sniff_html(std::string_view input) {
  std::string_view s = input.substr(0, 64 * 1024);
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  for (;;) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    std::size_t end = std::string_view::npos;
    if (s.substr(0, 5) == "<?xml") end = s.find("?>");
    else if (s.substr(0, 4) == "<!--") end = s.find("-->");
    if (end == std::string_view::npos) break;
    s.remove_prefix(end + (s[1] == '?' ? 2 : 3));
  }
  return iequals(s.substr(0, 14), "<!doctype html") ||
         (iequals(s.substr(0, 5), "<html") && (s.size() == 5 || s[5] == '>' || is_space(s[5])));
}

void report_invalid_utf8(std::string_view input, const LineIndex& lines, std::vector<Diagnostic>& out) {
  // One diagnostic per run, up to a cap: a mostly-broken file should not bury the rest.
  constexpr std::size_t kMaxReported = 100;
  std::size_t runs = 0;
  for_each_invalid_utf8(input, [&](std::size_t b, std::size_t e) {
    if (++runs <= kMaxReported)
      out.push_back({DiagnosticCode::invalid_utf8, Severity::warning,
                     fmt::format("invalid UTF-8 ({} byte{}) read as U+FFFD", e - b, e - b == 1 ? "" : "s"),
                     lines.span(b, e)});
  });
  if (runs > kMaxReported)
    out.push_back({DiagnosticCode::invalid_utf8, Severity::warning,
                   fmt::format("{} more runs of invalid UTF-8 read as U+FFFD", runs - kMaxReported), lines.span(0, 0)});
}

// The first CR that no LF follows, when such CRs end more lines than LF does (and more
// than one: a stray CR at the end of a line of text is no line ending); else npos.
std::size_t first_lone_cr_if_most(std::string_view in) {
  std::size_t lone = 0, first = std::string_view::npos;
  for (const char* p = in.data(), *end = in.data() + in.size();
       (p = static_cast<const char*>(std::memchr(p, '\r', static_cast<std::size_t>(end - p)))) != nullptr; ++p)
    if (p + 1 == end || p[1] != '\n') {
      if (lone++ == 0) first = static_cast<std::size_t>(p - in.data());
    }
  if (lone < 2) return std::string_view::npos;
  const auto lf = static_cast<std::size_t>(std::count(in.begin(), in.end(), '\n'));
  return lone > lf ? first : std::string_view::npos;
}

}  // namespace essaykit::detail

ESSAYKIT_BEGIN_NAMESPACE

bool is_binary(std::string_view input) {
  // UTF-16 and UTF-32 with a BOM are judged by their UTF-8 form, as analyze() reads them.
  if (std::optional<std::string> utf8 = to_utf8(input)) return detail::is_binary(detail::count_bytes(*utf8), utf8->size());
  return detail::is_binary(detail::count_bytes(input), input.size());
}

Format detect_format(std::string_view name, std::string_view input) {
  for (std::string_view ext : {".md", ".markdown", ".mdown", ".mkd", ".mdx"})
    if (detail::iends_with(name, ext)) return Format::markdown;
  for (std::string_view ext : {".txt", ".text"})
    if (detail::iends_with(name, ext)) return Format::text;
  for (std::string_view ext : {".html", ".htm", ".xhtml"})
    if (detail::iends_with(name, ext)) return Format::html;
  if (detail::sniff_html(input)) return Format::html;
  return detail::sniff_markdown(input) ? Format::markdown : Format::text;
}

Result analyze(std::string_view given, const Options& options) {
  if (given.size() > options.max_bytes)
    return Error{ErrorCode::too_large,
                 fmt::format("input is {} bytes, over the limit of {} bytes", given.size(), options.max_bytes)};
  // UTF-16 and UTF-32 with a BOM are read through their UTF-8 form, which spans index.
  const Encoding encoding = detect_encoding(given);
  std::optional<std::string> utf8;
  if (encoding != Encoding::utf8) utf8 = to_utf8(given);
  const std::string_view input = utf8 ? std::string_view(*utf8) : given;
  if (input.size() > options.max_bytes)
    return Error{ErrorCode::too_large, fmt::format("input is {} bytes as UTF-8, over the limit of {} bytes",
                                                   input.size(), options.max_bytes)};
  const detail::ByteCounts bytes = detail::count_bytes(input);
  if (detail::is_binary(bytes, input.size())) {
    if (std::optional<Encoding> looks = detail::looks_like_bomless_utf16_or_32(input))
      return Error{ErrorCode::binary,
                   fmt::format("binary data, not text: it looks like {} without a byte-order mark; convert it to "
                               "UTF-8 (iconv -f {} -t UTF-8), or save it with a BOM",
                               encoding_name(*looks), encoding_name(*looks))};
    // A page that says what it is in (its <meta> charset) gets the command for that charset.
    if (options.format == Format::html || (options.format == Format::automatic && detect_format(options.name, input) == Format::html))
      if (std::optional<detail::DeclaredCharset> charset = detail::declared_charset(input))
        return Error{ErrorCode::binary,
                     fmt::format("binary data, not text: over 10% of it is invalid UTF-8, and the page declares "
                                 "charset {}; convert it to UTF-8 (iconv -f {} -t UTF-8)",
                                 charset->label, charset->iconv_name)};
    if (detail::looks_like_single_byte_text(input))
      return Error{ErrorCode::binary,
                   "binary data, not text: over 10% of it is invalid UTF-8, and it looks like text in a single-byte "
                   "encoding such as Latin-1 or Windows-1252; convert it to UTF-8 (iconv -f WINDOWS-1252 -t UTF-8)"};
    return Error{ErrorCode::binary, "binary data (a NUL byte, or over 10% control bytes or invalid UTF-8), not text"};
  }

  Document doc;
  doc.source.name = detail::valid_utf8(options.name);
  doc.source.format = options.format == Format::automatic ? detect_format(options.name, input) : options.format;
  doc.source.bytes = input.size();
  doc.source.encoding = encoding;
  detail::LineIndex lines(input);
  doc.source.lines = input.empty() ? 0 : lines.line_count();  // count_lines(input), counted once

  detail::BlockModel model = doc.source.format == Format::markdown ? detail::read_markdown(input, lines)
                             : doc.source.format == Format::html   ? detail::read_html(input, lines)
                                                                    : detail::read_text(input, lines);
  if (bytes.invalid) detail::report_invalid_utf8(input, lines, model.diagnostics);
  // A page in the charset it declares (Windows-1252, say) is not transcoded, as UTF-16 with
  // a BOM is: spans point into the bytes as given, and Source::encoding names only the
  // encodings to_utf8 reads. Its bytes that are no UTF-8 are U+FFFD, as in any input; one
  // more diagnostic, at the declaration, says why and how to convert it.
  if (bytes.invalid && doc.source.format == Format::html)
    if (std::optional<detail::DeclaredCharset> charset = detail::declared_charset(input))
      model.diagnostics.push_back(
          {DiagnosticCode::invalid_utf8, Severity::warning,
           fmt::format("the page declares charset {}, but is read as UTF-8 (spans point into the bytes as given): "
                       "its bytes that are no UTF-8 are read as U+FFFD; convert it to UTF-8 to read its text "
                       "(iconv -f {} -t UTF-8)",
                       charset->label, charset->iconv_name),
           lines.span(charset->start, charset->end)});
  if (encoding != Encoding::utf8)
    model.diagnostics.push_back({DiagnosticCode::transcoded, Severity::warning,
                                 fmt::format("read as UTF-8 from {}: spans and byte counts are of the UTF-8 form, "
                                             "not of the bytes as given",
                                             encoding_name(encoding)),
                                 lines.span(0, 0)});
  if (doc.source.format != Format::html)
    if (const std::size_t cr = detail::first_lone_cr_if_most(input); cr != std::string_view::npos)
      model.diagnostics.push_back(
          {DiagnosticCode::cr_line_endings, Severity::warning,
           "lines end in a lone CR (classic Mac OS) more often than in LF: lines end at LF, so front matter and "
           "plain-text structure are not found; convert it first (tr '\\r' '\\n' < in > out)",
           lines.span(cr, cr + 1)});
  detail::run_passes(input, lines, options, std::move(model), doc);
  return doc;
}

ESSAYKIT_END_NAMESPACE

namespace essaykit::detail {

void run_passes(std::string_view input, const LineIndex& lines, const Options& options, BlockModel&& model,
                Document& doc) {
  doc.diagnostics = std::move(model.diagnostics);
  doc.title = std::move(model.title);
  doc.subtitle = std::move(model.subtitle);
  doc.sections = build_sections(std::move(model.headings), input.size());
  doc.lists = place_lists(std::move(model.lists), doc.sections);
  doc.footnotes = link_footnotes(std::move(model.bodies), model.refs, input, lines, doc.diagnostics);
  // A plain-text reference is digits or a mark in the prose itself ("a sponge.1"): read
  // away from the sentences' and claims' text, as Markdown's [^1] is with the markup.
  // (Sorted: a reader gives an explicit marker used again after the chain's first uses.)
  std::vector<Span> references;
  if (doc.source.format == Format::text) {
    references.reserve(model.refs.size());
    for (const RefSite& r : model.refs) references.push_back(r.span);
    std::sort(references.begin(), references.end(), [](const Span& a, const Span& b) { return a.start < b.start; });
  }

  std::vector<Sentence> sentences;
  std::size_t sentence_count = 0;
  if (model.prose_text) {
    // (Prose the reader gives as text — an HTML page's — has no markup left to read.)
    prose_text_sentences(*model.prose_text, input, lines, model.prose, doc.sections, options.claims, sentences,
                         doc.claims);
    sentence_count = sentences.size();
  } else if (options.sentences) {
    std::vector<std::uint32_t> block_of;
    sentences = split_sentences(input, model.prose, lines, block_of);
    read_sentence_texts(input, doc.source.format, model.prose, sentences, block_of, references);
    if (options.claims)
      doc.claims =
          find_claims(input, doc.source.format, model.prose, sentences, true, block_of, doc.sections, references);
    sentence_count = sentences.size();
  } else if (options.claims) {
    // Only their number is printed: the claim finder splits the blocks and keeps none.
    doc.claims = find_claims(input, doc.source.format, model.prose, lines, doc.sections, sentence_count, references);
  } else {
    sentence_count = count_sentences(input, model.prose);
  }
  for (const ProseBlock& b : model.prose) {
    if (b.role == ProseRole::footnote) continue;
    doc.stats.words += b.words;
    if (b.role == ProseRole::paragraph) ++doc.stats.paragraphs;
  }
  doc.stats.sentences = sentence_count;
  doc.stats.reading_minutes = static_cast<double>(doc.stats.words) / 238.0;
  if (options.sentences) {
    doc.has_sentences = true;
    doc.sentences = std::move(sentences);
  }
  std::stable_sort(doc.diagnostics.begin(), doc.diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.span.start < b.span.start; });
}

}  // namespace essaykit::detail
