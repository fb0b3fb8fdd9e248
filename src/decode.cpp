// Encodings: byte-order marks, transcoding UTF-16 and UTF-32 to UTF-8 (ICU), and reading
// a file whole.
#include "decode.h"

#include <sys/stat.h>
#include <unicode/ucnv.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

ESSAYKIT_BEGIN_NAMESPACE

std::string_view encoding_name(Encoding encoding) {
  switch (encoding) {
    case Encoding::utf8: return "UTF-8";
    case Encoding::utf16le: return "UTF-16LE";
    case Encoding::utf16be: return "UTF-16BE";
    case Encoding::utf32le: return "UTF-32LE";
    case Encoding::utf32be: return "UTF-32BE";
  }
  return "UTF-8";
}

Encoding detect_encoding(std::string_view input) {
  auto starts = [&](std::string_view bom) { return input.substr(0, bom.size()) == bom; };
  // UTF-32LE's mark begins with UTF-16LE's, so it is looked for first.
  if (starts(std::string_view("\xFF\xFE\x00\x00", 4))) return Encoding::utf32le;
  if (starts(std::string_view("\x00\x00\xFE\xFF", 4))) return Encoding::utf32be;
  if (starts("\xFF\xFE")) return Encoding::utf16le;
  if (starts("\xFE\xFF")) return Encoding::utf16be;
  return Encoding::utf8;
}

std::optional<std::string> to_utf8(std::string_view input) {
  const Encoding encoding = detect_encoding(input);
  if (encoding == Encoding::utf8) return std::nullopt;
  // The converter named by its byte order (not "UTF-16", which would eat the BOM) keeps
  // the mark as U+FEFF, so the UTF-8 form starts with the UTF-8 BOM, as a reader expects.
  // Invalid code units (an unpaired surrogate, a cut-off last unit) become U+FFFD: the
  // converters' default substitution.
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> from(ucnv_open(std::string(encoding_name(encoding)).c_str(), &status),
                                                          &ucnv_close);
  std::unique_ptr<UConverter, decltype(&ucnv_close)> to(ucnv_open("UTF-8", &status), &ucnv_close);
  std::string out;
  if (U_FAILURE(status)) return out;
  // A code unit of two bytes gives at most three of UTF-8 (U+FFFD included), one of four
  // at most four: the output never outgrows 1.5 times the input, plus a cut-off unit.
  out.resize(input.size() / 2 * 3 + 16);
  char* target = out.data();
  const char* source = input.data();
  UChar pivot[4096];
  UChar* pivot_source = pivot;
  UChar* pivot_target = pivot;
  ucnv_convertEx(to.get(), from.get(), &target, out.data() + out.size(), &source, input.data() + input.size(), pivot,
                 &pivot_source, &pivot_target, pivot + 4096, true, true, &status);
  out.resize(U_FAILURE(status) ? 0 : static_cast<std::size_t>(target - out.data()));
  return out;
}

FileBytes read_file(const std::string& path) {
  FileBytes r;
  auto fail = [&](std::string why) {
    r.bytes.clear();
    r.error = why.empty() ? "cannot be read" : std::move(why);
    return std::move(r);
  };
  std::FILE* f = stdin;
  if (path != "-") {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return fail(std::strerror(errno));
    if (S_ISDIR(st.st_mode)) return fail("is a directory");
    f = std::fopen(path.c_str(), "rb");
    if (!f) return fail(std::strerror(errno));
    // A regular file's size is known: one allocation instead of a doubling string,
    // whose regrowth would hold the old and the new buffer at once.
    if (::fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode)) r.bytes.reserve(static_cast<std::size_t>(st.st_size) + 1);
  }
  char buf[1 << 16];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) r.bytes.append(buf, n);
  const bool failed = std::ferror(f) != 0;
  const int err = errno;
  if (f != stdin) std::fclose(f);
  if (failed) return fail(std::strerror(err));
  return r;
}

ESSAYKIT_END_NAMESPACE

namespace essaykit::detail {

std::optional<Encoding> looks_like_bomless_utf16_or_32(std::string_view input) {
  const std::size_t n = std::min<std::size_t>(input.size(), 4096) / 4 * 4;
  if (n < 8) return std::nullopt;
  std::size_t zeros[4] = {0, 0, 0, 0};
  for (std::size_t i = 0; i < n; ++i) zeros[i % 4] += input[i] == 0;
  const double q = static_cast<double>(n / 4);
  auto share = [&](std::size_t k) { return static_cast<double>(zeros[k]) / q; };
  // Latin text: the high bytes of each code unit are zero, the low byte never is.
  if (share(2) > 0.9 && share(3) > 0.9 && share(0) < 0.1) return Encoding::utf32le;
  if (share(0) > 0.9 && share(1) > 0.9 && share(3) < 0.1) return Encoding::utf32be;
  const double odd = (share(1) + share(3)) / 2, even = (share(0) + share(2)) / 2;
  if (odd > 0.3 && even < 0.05) return Encoding::utf16le;
  if (even > 0.3 && odd < 0.05) return Encoding::utf16be;
  return std::nullopt;
}

}  // namespace essaykit::detail
