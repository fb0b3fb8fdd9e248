// essaykit/analyze.h — the entry point: bytes in, Document (or an Error) out.
//
//   essaykit::Options options;
//   options.name = "post.md";             // used for format detection and in messages
//   essaykit::Result r = essaykit::analyze(input, options);
//   if (!r) { std::cerr << r.error().message << "\n"; return 1; }
//   const essaykit::Document& doc = r.document();
//
// analyze() never throws for bad input: binary data, an input over the size limit
// and the like come back as an Error value. (std::bad_alloc can still escape, as
// from any allocating function.) It keeps no global mutable state, so any number
// of threads may call it at once on different inputs. On an input with a megabyte of
// prose or more, and a machine of two cores or more, it reads the second half of the
// claims' sentences on a thread it starts and joins before it returns: the Document is
// the same as one thread's.
#ifndef ESSAYKIT_ANALYZE_H
#define ESSAYKIT_ANALYZE_H

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "essaykit/config.h"
#include "essaykit/document.h"

ESSAYKIT_BEGIN_NAMESPACE

// How to read the input. Defaults in brackets.
//
//   format     (automatic) Format::markdown, Format::text or Format::html to force a reader;
//              automatic decides with detect_format(name, input)
//   name       ("-")       the input's path, for detection and Source::name
//   sentences  (false)     fill Document::sentences
//   claims     (true)      detect claims and theses; false leaves Document::claims empty
//   max_bytes  (1 GiB)     larger inputs are refused with ErrorCode::too_large
struct Options {
  Format format = Format::automatic;
  std::string name = "-";
  bool sentences = false;
  bool claims = true;
  std::size_t max_bytes = std::size_t{1} << 30;
};

// Why analyze() refused an input. The codes and their names are stable.
enum class ErrorCode {
  // A NUL byte, or over 10% control characters or invalid UTF-8. UTF-16 or UTF-32
  // without a byte-order mark is binary by this rule; the message then names the
  // encoding the bytes look like (or, for an HTML page, the charset it declares).
  binary,
  // More than Options::max_bytes.
  too_large,
};

// The code's stable name, as used in messages and JSON: "binary", "too_large".
ESSAYKIT_API std::string_view error_code_name(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::binary;
  std::string message;  // one line, for a person; does not include the input's name
};

// A Document or an Error. Test with ok() (or in a boolean context) before reading.
class Result {
 public:
  Result(Document document) : value_(std::move(document)) {}
  Result(Error error) : value_(std::move(error)) {}

  bool ok() const { return std::holds_alternative<Document>(value_); }
  explicit operator bool() const { return ok(); }

  // Precondition: ok(). (Checked: calling it otherwise throws std::bad_variant_access.)
  const Document& document() const& { return std::get<Document>(value_); }
  Document&& document() && { return std::get<Document>(std::move(value_)); }
  // Precondition: !ok().
  const Error& error() const { return std::get<Error>(value_); }

 private:
  std::variant<Document, Error> value_;
};

// Reads `input` and recovers its structure.
//
// - Empty input gives an empty Document (no title, no sections, no lines), not an error.
// - Invalid UTF-8 is read as U+FFFD; each run of bad bytes adds a Diagnostic and
//   spans still point at the original bytes.
// - UTF-16 or UTF-32 with a byte-order mark is read through its UTF-8 form (to_utf8):
//   Source::encoding says which it was, a Diagnostic (DiagnosticCode::transcoded) says so,
//   and spans point into the UTF-8 form.
// - Input that is binary (see ErrorCode::binary) or over options.max_bytes is an Error.
ESSAYKIT_API Result analyze(std::string_view input, const Options& options = {});

// The format analyze() would pick for Format::automatic:
// - by the name's extension: .md .markdown .mdown .mkd .mdx → markdown;
//   .txt .text → text; .html .htm .xhtml → html;
// - otherwise (standard input, unknown extensions) by sniffing the first 64 KiB:
//   a page that opens with `<!doctype html` or `<html` (after white space, an XML
//   declaration, comments) is html; front matter, ATX headings, fenced code, `[^n]`
//   footnotes, Markdown links or list markers on several lines make it markdown (an
//   ATX heading on the first line that is not blank is enough alone); else text.
ESSAYKIT_API Format detect_format(std::string_view name, std::string_view input);

// Is this input binary by the contract's rule (a NUL byte, or more than 10% of the
// bytes control characters or invalid UTF-8)? analyze() refuses such input. UTF-16
// and UTF-32 with a byte-order mark are judged by their UTF-8 form (to_utf8).
ESSAYKIT_API bool is_binary(std::string_view input);

// The encoding of `input`, from its byte-order mark: UTF-16 or UTF-32 when it starts
// with one of theirs, else UTF-8 (with or without the UTF-8 BOM).
ESSAYKIT_API Encoding detect_encoding(std::string_view input);

// The UTF-8 form of an input whose byte-order mark says UTF-16 or UTF-32 — the bytes
// analyze() reads and spans point into — or nothing when the input is already UTF-8
// (use it as it is). The BOM becomes the UTF-8 BOM; unpaired surrogates and other
// invalid code units become U+FFFD.
ESSAYKIT_API std::optional<std::string> to_utf8(std::string_view input);

// A whole file's bytes, or why they could not be read.
struct FileBytes {
  std::string bytes;  // the content, exactly as stored (empty on error)
  std::string error;  // empty on success; else the reason for a person, without the
                      // path: "No such file or directory", "is a directory", …
  bool ok() const { return error.empty(); }
  explicit operator bool() const { return ok(); }
};

// Reads the file at `path` ("-": standard input) whole. Never throws for a file that
// cannot be read: the reason is in FileBytes::error.
ESSAYKIT_API FileBytes read_file(const std::string& path);
// The same, reading no more than `max_bytes` and one byte: a larger file, or a stream
// that goes on (a pipe from `yes`, /dev/zero), is an error ("larger than N bytes")
// rather than memory spent on bytes analyze() would refuse (pass Options::max_bytes).
ESSAYKIT_API FileBytes read_file(const std::string& path, std::size_t max_bytes);

ESSAYKIT_END_NAMESPACE

#endif  // ESSAYKIT_ANALYZE_H
