// JSON Lines for batch output: one document or one error per line.
#ifndef ESSAYKIT_SRC_JSON_LINES_H
#define ESSAYKIT_SRC_JSON_LINES_H

#include <string>
#include <string_view>

#include "essaykit/document.h"

namespace essaykit::detail {

// `s` as a JSON string literal, quotes included; invalid UTF-8 becomes U+FFFD.
std::string json_string(std::string_view s);

// {"path":…,"document":{…}}
std::string document_line(std::string_view path, const Document& document);
// {"path":…,"error":{"code":…,"message":…}}
std::string error_line(std::string_view path, std::string_view code, std::string_view message);

}  // namespace essaykit::detail

#endif
