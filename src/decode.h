// Encodings other than UTF-8: telling them apart, and what analyze() says of them.
#ifndef ESSAYKIT_SRC_DECODE_H
#define ESSAYKIT_SRC_DECODE_H

#include <optional>
#include <string_view>

#include "essaykit/analyze.h"

namespace essaykit::detail {

// For input already judged binary: the encoding it looks like when it is UTF-16 or
// UTF-32 that lost its byte-order mark (zero bytes in the places those encodings put
// them for Latin text), so that the refusal can say so; nothing otherwise.
std::optional<Encoding> looks_like_bomless_utf16_or_32(std::string_view input);

}  // namespace essaykit::detail

#endif
