// Encodings other than UTF-8: telling them apart, and what analyze() says of them.
#ifndef ESSAYKIT_SRC_DECODE_H
#define ESSAYKIT_SRC_DECODE_H

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "essaykit/analyze.h"

namespace essaykit::detail {

// For input already judged binary: the encoding it looks like when it is UTF-16 or
// UTF-32 that lost its byte-order mark (zero bytes in the places those encodings put
// them for Latin text), so that the refusal can say so; nothing otherwise.
std::optional<Encoding> looks_like_bomless_utf16_or_32(std::string_view input);

// For input already judged binary: whether it reads as text in a single-byte encoding
// (Latin-1, Windows-1252: a French or German essay saved by an old editor) rather than
// as data: no NUL, hardly a control byte, ASCII for two thirds or more, the rest high
// bytes (which do not make UTF-8, or it would not have been judged binary).
bool looks_like_single_byte_text(std::string_view input);

// The charset an HTML page declares, when it is not UTF-8: <meta charset=…>, or the
// charset of <meta http-equiv=content-type content="text/html; charset=…">, looked for
// where the HTML standard's prescan looks (the first 1024 bytes; a UTF-8 byte-order mark
// wins over it). Only a charset ICU knows counts; UTF-16 and UTF-32 labels do not (a page
// declaring them is read as UTF-8 by browsers too).
struct DeclaredCharset {
  std::string label;       // as written: "windows-1252", "ISO-8859-1"
  std::string iconv_name;  // what to convert it from: WINDOWS-1252 for the Latin-1 and
                           // ASCII labels (browsers read those as Windows-1252), else the label
  std::size_t start = 0, end = 0;  // the <meta> tag
};
std::optional<DeclaredCharset> declared_charset(std::string_view input);

// A file read whole: its bytes, or why not. `error` is 0 or the errno of the failure
// (EISDIR for a folder); `over_limit` says the file holds more than the limit, and then
// `bytes` is empty when its size said so before reading (`size`), or holds what was read
// up to the point it grew past the limit.
struct WholeFile {
  std::string bytes;
  int error = 0;
  std::size_t size = 0;  // as fstat gave it before reading
  bool over_limit = false;
};

// One open, one fstat and reads straight into a string of the file's size: the batch
// reader and read_file read every file this way (a stdio stream would copy each byte
// through its buffer, and a string grown by appends would copy it again). A file that
// changes size while read is read to its end, or until it holds one byte more than
// `limit` (then over_limit). Throws std::bad_alloc when memory runs out.
WholeFile read_whole_file(const char* path, std::size_t limit);

}  // namespace essaykit::detail

#endif
