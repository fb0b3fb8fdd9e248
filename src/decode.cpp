// Encodings: byte-order marks, transcoding UTF-16 and UTF-32 to UTF-8 (ICU), and reading
// a file whole.
#include "decode.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unicode/ucnv.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <cstdint>
#include <memory>
#include <new>
#include <string>

#include "huge_pages.h"
#include "text_util.h"

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

FileBytes read_file(const std::string& path) { return read_file(path, std::string().max_size() - 1); }

FileBytes read_file(const std::string& path, std::size_t max_bytes) {
  FileBytes r;
  try {
    if (path.find('\0') != std::string::npos) {
      // (open() would read the path only up to it: another file, or the same under
      // another name.)
      r.error = "a path with a NUL byte in it";
      return r;
    }
    if (path != "-") {
      detail::WholeFile f = detail::read_whole_file(path.c_str(), max_bytes);
      if (f.error) r.error = f.error == EISDIR ? "is a directory" : std::strerror(f.error);
      else if (f.over_limit) r.error = "larger than " + std::to_string(max_bytes) + " bytes";
      else r.bytes = std::move(f.bytes);
      return r;
    }
    char buf[1 << 16];
    // The buffer doubles as append would, but its last step is to what the limit lets in
    // and one read: a stream that runs on (`yes | essaykit analyze -`) is refused with
    // max_bytes in memory, not twice that. (The string doubles a request under twice its
    // capacity itself, so the last step is taken from a quarter of it, whole.)
    const std::size_t most = max_bytes > r.bytes.max_size() - sizeof buf ? r.bytes.max_size() : max_bytes + sizeof buf;
    for (std::size_t n; r.bytes.size() <= max_bytes && (n = std::fread(buf, 1, sizeof buf, stdin)) > 0;) {
      if (r.bytes.size() + n > r.bytes.capacity()) {
        const std::size_t cap = r.bytes.capacity();
        r.bytes.reserve(cap > most / 4 ? most : std::max(r.bytes.size() + n, 2 * cap));
      }
      r.bytes.append(buf, n);
    }
    if (std::ferror(stdin)) r.error = std::strerror(errno);
    else if (r.bytes.size() > max_bytes) r.error = "larger than " + std::to_string(max_bytes) + " bytes";
  } catch (const std::bad_alloc&) {
    r.error = "too large to read into memory";
  }
  if (!r.error.empty()) r.bytes.clear();
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

bool looks_like_single_byte_text(std::string_view input) {
  std::size_t control = 0, high = 0;
  for (char ch : input) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == 0) return false;
    control += (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') || c == 0x7F;
    high += c >= 0x80;
  }
  return high > 0 && control * 100 <= input.size() && high * 3 <= input.size();
}

std::optional<DeclaredCharset> declared_charset(std::string_view input) {
  if (input.substr(0, 3) == "\xEF\xBB\xBF") return std::nullopt;
  auto lower = [](std::string_view s) {
    std::string out(s);
    for (char& c : out) c = to_lower_ascii(c);
    return out;
  };
  // (Lowered once: the tags and attributes are matched in any case.)
  const std::string head = lower(input.substr(0, 1024 + 512));  // a tag that opens in the 1024 may end after
  for (std::size_t at = head.find("<meta"); at != std::string::npos && at < 1024; at = head.find("<meta", at + 5)) {
    if (at + 5 >= head.size() || !(is_space(head[at + 5]) || head[at + 5] == '/')) continue;
    const std::size_t close = head.find('>', at);
    if (close == std::string::npos) break;
    const std::string_view tag = std::string_view(head).substr(at, close - at);
    // As the HTML prescan reads a <meta>: a charset attribute, or a content attribute's
    // "…; charset=" when http-equiv says it is the content type; not "charset" in other
    // words ("<meta name=description content='charset = koi8-r is old'>").
    const bool content_type = tag.find("http-equiv") != std::string_view::npos &&
                              tag.find("content-type") != std::string_view::npos;
    std::size_t k = std::string_view::npos;
    for (std::size_t f = tag.find("charset"); f != std::string_view::npos; f = tag.find("charset", f + 7)) {
      std::size_t b = f;
      while (b > 0 && is_space(tag[b - 1])) --b;
      if ((f > 0 && (is_space(tag[f - 1]) || tag[f - 1] == '/')) || (content_type && b > 0 && tag[b - 1] == ';')) {
        k = f;
        break;
      }
    }
    if (k == std::string_view::npos) continue;
    k += 7;
    while (k < tag.size() && is_space(tag[k])) ++k;
    if (k >= tag.size() || tag[k] != '=') continue;
    ++k;
    while (k < tag.size() && is_space(tag[k])) ++k;
    if (k < tag.size() && (tag[k] == '"' || tag[k] == '\'')) ++k;
    std::size_t e = k;
    while (e < tag.size() && !is_space(tag[e]) && tag[e] != '"' && tag[e] != '\'' && tag[e] != ';' && tag[e] != '/') ++e;
    if (e == k || e - k > 40) continue;
    const std::string label(input.substr(at + k, e - k));
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UConverter, decltype(&ucnv_close)> cnv(ucnv_open(label.c_str(), &status), &ucnv_close);
    if (U_FAILURE(status) || !cnv) return std::nullopt;  // the first declaration decides, as in a browser
    status = U_ZERO_ERROR;
    const std::string_view name = ucnv_getName(cnv.get(), &status);
    if (U_FAILURE(status) || name.substr(0, 5) == "UTF-8" || name.substr(0, 6) == "UTF-16" || name.substr(0, 6) == "UTF-32")
      return std::nullopt;
    DeclaredCharset d;
    d.label = label;
    if (name == "ISO-8859-1" || name == "US-ASCII") {
      d.iconv_name = "WINDOWS-1252";
    } else {
      d.iconv_name = label;
      for (char& c : d.iconv_name) c = c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c;
    }
    d.start = at;
    d.end = close + 1;
    return d;
  }
  return std::nullopt;
}

WholeFile read_whole_file(const char* path, std::size_t limit) {
  WholeFile f;
  int fd;
  while ((fd = ::open(path, O_RDONLY | O_CLOEXEC)) < 0 && errno == EINTR) {
  }
  if (fd < 0) {
    f.error = errno;
    return f;
  }
  struct Close {
    int fd;
    ~Close() { ::close(fd); }
  } close_fd{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    f.error = errno;
    return f;
  }
  if (S_ISDIR(st.st_mode)) {
    f.error = EISDIR;
    return f;
  }
  f.size = S_ISREG(st.st_mode) ? static_cast<std::size_t>(st.st_size) : 0;
  if (f.size > limit) {
    f.over_limit = true;
    return f;
  }
  // The file's size and one byte more, so that its end is seen without regrowing (resize
  // zeroes the bytes first: one pass over memory the read then fills). A file that grew
  // meanwhile, a pipe or a file that says it is empty (as /proc's do) doubles the
  // buffer, never past one byte over the limit.
  const std::size_t cap = limit < SIZE_MAX ? limit + 1 : limit;
  std::size_t have = 0;
  const std::size_t first_size = f.size > 0 ? f.size + 1 : std::min<std::size_t>(4096, cap);
  // (Reserved first, so that a large file's pages are advised before resize touches them.)
  reserve_in_huge_pages(f.bytes, first_size);
  f.bytes.resize(first_size);
  for (;;) {
    if (have == f.bytes.size()) {
      if (have >= cap) break;
      f.bytes.resize(have > cap / 2 ? cap : have * 2);
    }
    const ssize_t n = ::read(fd, f.bytes.data() + have, f.bytes.size() - have);
    if (n < 0) {
      if (errno == EINTR) continue;
      f.error = errno;
      f.bytes.clear();
      return f;
    }
    if (n == 0) break;
    have += static_cast<std::size_t>(n);
  }
  f.bytes.resize(have);
  if (have > limit) f.over_limit = true;
  return f;
}

}  // namespace essaykit::detail
