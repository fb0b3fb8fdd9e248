// Batch: files, folders and archives to JSON Lines on a pool of threads.
//
// One thread (the caller's) walks the inputs and reads entries (libarchive streams
// archives without unpacking them); worker threads analyse. A finished line goes into
// an ordered map; whichever worker finds the next line in input order there takes it
// and every finished one after it, and writes them with the pool's lock released, so a
// slow sink holds up only the writing, never the analysing. The reader waits while too
// many entries are in flight (read, analysed or not yet written), so memory stays
// bounded whatever the input size.
#include "essaykit/batch.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <fnmatch.h>
#include <locale.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <exception>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>
#include <unordered_set>

#include "decode.h"
#include "json_lines.h"
#include "text_util.h"

ESSAYKIT_BEGIN_NAMESPACE

std::string_view batch_error_code_name(BatchErrorCode code) {
  switch (code) {
    case BatchErrorCode::binary: return "binary";
    case BatchErrorCode::too_large: return "too_large";
    case BatchErrorCode::ratio_limit: return "ratio_limit";
    case BatchErrorCode::depth_limit: return "depth_limit";
    case BatchErrorCode::unreadable: return "unreadable";
    case BatchErrorCode::corrupt_archive: return "corrupt_archive";
    case BatchErrorCode::symlink: return "symlink";
    case BatchErrorCode::failed: return "failed";
  }
  return "unreadable";
}

std::uint64_t shard_of(std::string_view path, std::uint64_t count) {
  std::uint64_t h = 14695981039346656037ull;
  for (char c : path) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return count ? h % count : 0;
}

namespace {

// Reads the JSON string that starts at line[i] (at its opening quote), as run_batch
// writes them: the escapes json_string emits. Leaves i just past the closing quote.
std::optional<std::string> read_string(std::string_view line, std::size_t& i) {
  if (i >= line.size() || line[i] != '"') return std::nullopt;
  std::string out;
  for (++i; i < line.size(); ++i) {
    char c = line[i];
    if (c == '"') {
      ++i;
      return out;
    }
    if (c != '\\') {
      out.push_back(c);
      continue;
    }
    if (++i >= line.size()) return std::nullopt;
    switch (line[i]) {
      case 'n': out.push_back('\n'); break;
      case 't': out.push_back('\t'); break;
      case 'r': out.push_back('\r'); break;
      case 'u': {  // only control characters are written as \u00XX
        if (i + 4 >= line.size()) return std::nullopt;
        unsigned v = 0;
        for (std::size_t k = i + 1; k <= i + 4; ++k) {
          const char h = line[k];
          const int d = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
          if (d < 0) return std::nullopt;
          v = v * 16 + static_cast<unsigned>(d);
        }
        if (v > 0x7F) return std::nullopt;
        out.push_back(static_cast<char>(v));
        i += 4;
        break;
      }
      default: out.push_back(line[i]);
    }
  }
  return std::nullopt;
}

bool skip(std::string_view line, std::size_t& i, std::string_view literal) {
  if (line.substr(i, literal.size()) != literal) return false;
  i += literal.size();
  return true;
}

}  // namespace

std::optional<std::string> batch_line_path(std::string_view line) {
  std::size_t i = 0;
  if (!skip(line, i, "{\"path\":")) return std::nullopt;
  return read_string(line, i);
}

std::optional<BatchError> batch_line_error(std::string_view line) {
  std::size_t i = 0;
  if (!skip(line, i, "{\"path\":") || !read_string(line, i) || !skip(line, i, ",\"error\":{\"code\":")) return std::nullopt;
  std::optional<std::string> code = read_string(line, i);
  if (!code || !skip(line, i, ",\"message\":")) return std::nullopt;
  std::optional<std::string> message = read_string(line, i);
  if (!message) return std::nullopt;
  for (BatchErrorCode c : {BatchErrorCode::binary, BatchErrorCode::too_large, BatchErrorCode::ratio_limit,
                           BatchErrorCode::depth_limit, BatchErrorCode::unreadable, BatchErrorCode::corrupt_archive,
                           BatchErrorCode::symlink, BatchErrorCode::failed})
    if (batch_error_code_name(c) == *code) return BatchError{c, std::move(*message)};
  return std::nullopt;
}

namespace {

namespace fs = std::filesystem;

struct Entry {
  std::uint64_t seq = 0;
  std::string path;  // the output path (valid UTF-8)
  std::string data;
  std::optional<BatchError> error;  // set for an error line
};

bool is_archive_name(std::string_view name) {
  for (std::string_view ext : {".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz", ".tar.zst", ".zip"})
    if (detail::iends_with(name, ext)) return true;
  return false;
}

// libarchive gives an entry's name in the character set of the locale, and a program
// that links the library may run in the C locale, where a name zip marks as UTF-8
// ("résumé.md") has no reading: the name came back empty and the entry was skipped.
// While it reads a header, the reading thread takes C.UTF-8 (uselocale: this thread
// only; the process's locale is the caller's). Where C.UTF-8 is missing, names are read
// as before, and an entry without one gets an error line.
class Utf8Names {
 public:
  Utf8Names() : utf8_(newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr))) {}
  ~Utf8Names() {
    if (utf8_) freelocale(utf8_);
  }
  Utf8Names(const Utf8Names&) = delete;
  Utf8Names& operator=(const Utf8Names&) = delete;
  // Calls f() with the thread in C.UTF-8, then as it was.
  template <class F>
  auto with(F&& f) const {
    const locale_t before = utf8_ ? uselocale(utf8_) : static_cast<locale_t>(nullptr);
    struct Restore {
      locale_t to;
      ~Restore() {
        if (to) uselocale(to);
      }
    } restore{before};
    return f();
  }

 private:
  locale_t utf8_;
};

const std::vector<std::string>& default_include() {
  // (Never destroyed, as claims.cpp's cue sets: a batch thread may outlive exit's destructors.)
  static const std::vector<std::string>& patterns = *new std::vector<std::string>{
      "*.md", "*.markdown", "*.mdown", "*.mkd", "*.mdx", "*.txt", "*.text", "*.html", "*.htm", "*.xhtml"};
  return patterns;
}

// Whether a path matches one of `pats`, whole or by its last part, in any case.
bool matches(std::string_view rel, const std::vector<std::string>& pats) {
  const std::string r(rel);
  const std::string base = r.substr(r.rfind('/') == std::string::npos ? 0 : r.rfind('/') + 1);
  for (const std::string& p : pats)
    if (fnmatch(p.c_str(), r.c_str(), FNM_CASEFOLD) == 0 || fnmatch(p.c_str(), base.c_str(), FNM_CASEFOLD) == 0)
      return true;
  return false;
}

bool excluded(std::string_view rel, const BatchOptions& o) { return matches(rel, o.exclude); }

// Whether a path inside a folder or an archive names a file without an extension
// ("essay", "posts/README"), which the default patterns take: named alone such a file is
// read, its format sniffed (detect_format), and a folder of them must not be skipped
// without a word. Not inside a hidden folder, nor a hidden file (".git/HEAD" is a tool's,
// not a document); "." and ".." are no hidden names ("./essay", as `tar cf x.tar .` writes).
bool extensionless(std::string_view inside) {
  const std::size_t slash = inside.rfind('/');
  const std::string_view base = inside.substr(slash == std::string_view::npos ? 0 : slash + 1);
  if (base.empty() || base.find('.') != std::string_view::npos) return false;
  for (std::size_t b = 0; b < inside.size();) {
    std::size_t e = inside.find('/', b);
    if (e == std::string_view::npos) e = inside.size();
    const std::string_view part = inside.substr(b, e - b);
    if (!part.empty() && part.front() == '.' && part != "." && part != "..") return false;
    b = e + 1;
  }
  return true;
}

// Whether a file is read, and why: as a document (an include pattern takes it) or as an
// archive (by its name), and no exclude pattern takes it. A folder's entry is matched by
// the path shown ("posts/drafts/a.md" for the input "posts") and by its path inside the
// folder given ("drafts/a.md"), which batch.h promises, as inside an archive, where the
// two are one. `bare`: taken only for having no extension, no pattern naming it; such a
// file is read when it is a regular file, and a link or a device without an extension (a
// repository's bin/tool, a socket) is passed over, not reported, as a file with an
// extension no pattern takes is: nothing says it is a document.
enum class Taken { no, named, bare };
Taken taken(std::string_view shown, std::string_view inside, const BatchOptions& o) {
  if (excluded(shown, o) || excluded(inside, o)) return Taken::no;
  const std::vector<std::string>& include = o.include.empty() ? default_include() : o.include;
  if (matches(shown, include) || matches(inside, include) || is_archive_name(shown)) return Taken::named;
  return o.include.empty() && extensionless(inside) ? Taken::bare : Taken::no;
}

// libarchive's UTF-8 form of a name, else the locale's, else "".
std::string name_text(const char* utf8, const char* raw) { return utf8 ? utf8 : raw ? raw : ""; }

struct ArchiveFree {
  void operator()(archive* a) const { archive_read_free(a); }
};

std::string archive_error(archive* a, const char* otherwise) {
  const char* e = archive_error_string(a);
  return e ? e : otherwise;
}

// Do the n bytes at p begin a gzip member (its magic, and deflate)?
bool gzip_magic(const unsigned char* p, std::size_t n) { return n >= 3 && p[0] == 0x1f && p[1] == 0x8b && p[2] == 8; }

// A gzip stream inflated here and handed to libarchive as the archive's own bytes.
// libarchive's gzip filter fills 64 KiB of output before it hands any over, and when the
// input ends early it drops that block with the error: a truncated .tar.gz lost the
// complete members of its last 64 KiB, all of them in a small one. This hands over what
// it inflated, and the error after it.
class Gunzip {
 public:
  // Reads the file open on `fd` (and closes it), or `data` when fd is -1.
  Gunzip(int fd, std::string_view data) : fd_(fd), rest_(data), in_(fd >= 0 ? kBlock : 0), out_(kBlock) {
    if (inflateInit2(&z_, 16 + MAX_WBITS) != Z_OK) error_ = "cannot start the gzip decompressor";  // 16: gzip's wrapper
    z_.next_in = fd >= 0 ? in_.data() : reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  }
  ~Gunzip() {
    inflateEnd(&z_);
    if (fd_ >= 0) ::close(fd_);
  }
  Gunzip(const Gunzip&) = delete;
  Gunzip& operator=(const Gunzip&) = delete;

  // The compressed bytes inflated so far: what the ratio limit measures against, as
  // libarchive's count of its input would be (its count here is of the inflated bytes).
  la_int64_t packed() const { return packed_; }

  // libarchive's read callback.
  static la_ssize_t read(archive* a, void* self, const void** out) { return static_cast<Gunzip*>(self)->next(a, out); }

 private:
  static constexpr std::size_t kBlock = 1 << 16;

  la_ssize_t next(archive* a, const void** out) {
    z_.next_out = out_.data();
    z_.avail_out = static_cast<uInt>(out_.size());
    while (z_.avail_out > 0 && error_.empty() && !ended_) step();
    const std::size_t made = out_.size() - z_.avail_out;
    if (made > 0) {  // an error waits for the next call
      *out = out_.data();
      return static_cast<la_ssize_t>(made);
    }
    if (error_.empty()) return 0;
    archive_set_error(a, EIO, "%s", error_.c_str());
    return ARCHIVE_FATAL;
  }

  void step() {
    if (z_.avail_in == 0) top_up(kBlock);
    if (z_.avail_in == 0) {  // the end of the input, or a read error (error_)
      if (error_.empty()) {
        if (between_) ended_ = true;
        else error_ = "truncated gzip input";
      }
      return;
    }
    if (between_) {
      // After a member another may follow, as gzip -d reads concatenated ones; bytes that
      // cannot begin one (its three bytes of magic, which may straddle two reads) are
      // padding, passed over as libarchive's filter passes them.
      top_up(3);
      if (!error_.empty()) return;
      if (!gzip_magic(z_.next_in, z_.avail_in)) {
        ended_ = true;
        return;
      }
      inflateReset(&z_);
      between_ = false;
    }
    const uInt before = z_.avail_in;
    const int r = inflate(&z_, Z_NO_FLUSH);
    packed_ += before - z_.avail_in;
    if (r == Z_STREAM_END) between_ = true;
    else if (r != Z_OK && r != Z_BUF_ERROR)  // Z_BUF_ERROR: it needs more input, which the next step fills
      error_ = fmt::format("gzip data damaged ({})", z_.msg ? z_.msg : "zlib error " + std::to_string(r));
  }

  // At least n bytes in z_ (up to kBlock) where the input still holds them: the memory's next
  // bytes, which follow z_'s, or the file's read after what z_ has left.
  void top_up(std::size_t n) {
    if (z_.avail_in >= n) return;
    if (fd_ < 0) {
      const std::size_t more = std::min(rest_.size(), n - z_.avail_in);  // (zlib counts in 32 bits)
      z_.avail_in += static_cast<uInt>(more);
      rest_.remove_prefix(more);
      return;
    }
    std::memmove(in_.data(), z_.next_in, z_.avail_in);
    z_.next_in = in_.data();
    while (z_.avail_in < n) {
      const ssize_t got = ::read(fd_, in_.data() + z_.avail_in, in_.size() - z_.avail_in);
      if (got > 0) {
        z_.avail_in += static_cast<uInt>(got);
        continue;
      }
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) error_ = std::strerror(errno);
      return;
    }
  }

  int fd_;
  std::string_view rest_;
  std::vector<Bytef> in_, out_;
  z_stream z_{};
  la_int64_t packed_ = 0;
  bool between_ = true;  // before the first member, or after one
  bool ended_ = false;
  std::string error_;
};

// An archive being read: libarchive's reader, and the Gunzip it reads from when the input
// is gzip.
struct Opened {
  std::unique_ptr<Gunzip> gz;  // (declared first: the reader may read from it until freed)
  std::unique_ptr<archive, ArchiveFree> a;
  la_int64_t packed() const { return gz ? gz->packed() : archive_filter_bytes(a.get(), -1); }
};

// Where an archive's bytes are: the file at `path`, else `data`.
struct ArchiveSource {
  const std::string* path = nullptr;
  std::string_view data;
  bool reopenable = true;  // (a FIFO's bytes are gone once read)
};

// libarchive's reader for the formats batch reads, opened on `s`; false (the reason in
// archive_error) when it will not open.
bool open_archive(const ArchiveSource& s, Opened& o) {
  o.a.reset(archive_read_new());
  archive_read_support_filter_all(o.a.get());
  archive_read_support_format_tar(o.a.get());
  archive_read_support_format_gnutar(o.a.get());
  archive_read_support_format_zip(o.a.get());
  if (s.path && s.reopenable) {  // (a FIFO is left to libarchive: a look at its head would take its bytes)
    const int fd = ::open(s.path->c_str(), O_RDONLY | O_CLOEXEC);
    unsigned char head[3];
    if (fd >= 0 && ::pread(fd, head, sizeof head, 0) == sizeof head && gzip_magic(head, sizeof head))
      o.gz = std::make_unique<Gunzip>(fd, std::string_view());
    else if (fd >= 0)
      ::close(fd);  // libarchive opens it (and says why it cannot)
  } else if (!s.path && gzip_magic(reinterpret_cast<const unsigned char*>(s.data.data()), s.data.size())) {
    o.gz = std::make_unique<Gunzip>(-1, s.data);
  }
  const int r = o.gz     ? archive_read_open(o.a.get(), o.gz.get(), nullptr, &Gunzip::read, nullptr)
                : s.path ? archive_read_open_filename(o.a.get(), s.path->c_str(), 1 << 16)
                         : archive_read_open_memory(o.a.get(), s.data.data(), s.data.size());
  return r == ARCHIVE_OK;
}

// The reading side: turns inputs into a sequence of entries, in order.
class Reader {
 public:
  // Bytes of the inputs consumed so far; written by the reading thread, read by others.
  std::atomic<std::size_t> consumed{0};

  Reader(const BatchOptions& o, std::function<void(Entry&&)> emit) : o_(o), emit_(std::move(emit)) {}

  void input(const std::string& path) {
    if (path == "-") {  // a list of paths on standard input, one per line, of any length
      char* line = nullptr;
      std::size_t cap = 0;
      struct Free {
        char*& p;
        ~Free() { std::free(p); }
      } free_line{line};
      for (ssize_t n; (n = ::getline(&line, &cap, stdin)) > 0;) {
        std::string p(line, static_cast<std::size_t>(n));
        while (!p.empty() && (p.back() == '\n' || p.back() == '\r')) p.pop_back();
        if (!p.empty()) input(p);
      }
      return;
    }
    // The system reads a path up to its first NUL: 'a.md<NUL>junk' would read a.md under
    // another name, and a list from find -print0 (one line) its first file alone.
    if (path.find('\0') != std::string::npos)
      return error(path, BatchErrorCode::unreadable,
                   "a path cannot hold a NUL byte (a list of paths is one per line: find -print, not -print0)");
    std::error_code ec;
    fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st))
      return error(path, BatchErrorCode::unreadable, ec ? ec.message() : "no such file or directory");
    if (fs::is_directory(st)) {
      fs::path root = fs::weakly_canonical(path, ec);
      std::vector<fs::path> walking{root};
      return directory(path, root, path, "", 0, walking);
    }
    const std::size_t before = base_;
    top_level_ = true;
    file(path, path, 0);
    top_level_ = false;
    std::error_code e2;
    base_ = before + static_cast<std::size_t>(fs::file_size(path, e2));
    consumed = base_;
  }

 private:

  void error(std::string_view path, BatchErrorCode code, std::string message) {
    Entry e;
    e.path = detail::valid_utf8(path);
    e.error = BatchError{code, std::move(message)};
    emit_(std::move(e));
  }

  // `walking` holds the real paths of the folders from the input's root down to `dir`:
  // a link back to one of them is a loop. `inside` is `dir`'s path under the input folder
  // ("" at its root), which the patterns are matched against as well as the path shown.
  void directory(const fs::path& dir, const fs::path& root, const std::string& shown, const std::string& inside,
                 std::size_t depth, std::vector<fs::path>& walking) {
    if (depth > o_.limits.max_depth) return error(shown, BatchErrorCode::depth_limit, "folders nested too deep");
    std::vector<fs::directory_entry> children;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) children.push_back(*it);
    if (ec) return error(shown, BatchErrorCode::unreadable, ec.message());
    std::sort(children.begin(), children.end(),
              [](const fs::directory_entry& a, const fs::directory_entry& b) { return a.path().filename() < b.path().filename(); });
    for (const fs::directory_entry& c : children) {
      const std::string name = c.path().filename().string();
      const std::string child_shown = shown + (shown.empty() || shown.back() == '/' ? "" : "/") + name;
      const std::string child_inside = inside.empty() ? name : inside + "/" + name;
      std::error_code st_ec, e2;
      const fs::file_status st = c.status(st_ec);  // follows a link
      const bool is_dir = !st_ec && fs::is_directory(st);
      const bool is_file = !st_ec && fs::is_regular_file(st);
      const Taken take = taken(child_shown, child_inside, o_);
      const bool entry = take != Taken::no;  // a file here would be an entry
      // (A folder's name has no extension either: folders are walked as before.)
      if (take == Taken::bare && !is_dir && (c.is_symlink(e2) || !is_file)) continue;
      if (c.is_symlink(e2)) {
        std::error_code e3;
        const fs::path target = fs::canonical(c.path(), e3);
        if (e3 || !fs::exists(st)) {
          if (entry) error(child_shown, BatchErrorCode::unreadable, "a symbolic link to nothing");
          continue;
        }
        if (!is_dir && !entry) continue;  // a link to a file of no interest, as a file would be
        const fs::path rel = target.lexically_relative(root);
        if (rel.empty() || *rel.begin() == "..") {
          error(child_shown, BatchErrorCode::symlink,
                fmt::format("a symbolic link to {}, outside {}: not followed", target.string(), root.string()));
          continue;
        }
        if (is_dir && std::find(walking.begin(), walking.end(), target) != walking.end()) {
          error(child_shown, BatchErrorCode::symlink,
                fmt::format("a symbolic link to {}, a folder it is inside of (a loop): not followed", target.string()));
          continue;
        }
      }
      if (is_dir) {
        std::error_code e3;
        walking.push_back(fs::canonical(c.path(), e3));
        directory(c.path(), root, child_shown, child_inside, depth + 1, walking);
        walking.pop_back();
      } else if (is_file) {
        if (entry) file(c.path().string(), child_shown, depth + 1);
      } else if (entry) {
        error(child_shown, BatchErrorCode::unreadable,
              st_ec ? st_ec.message() : "not a regular file (a FIFO, a socket or a device): not read");
      }
    }
  }

  void file(const std::string& path, const std::string& shown, std::size_t depth) {
    if (is_archive_name(path)) return archive_file(path, shown, depth);
    detail::WholeFile f = detail::read_whole_file(path.c_str(), o_.limits.max_entry_bytes);
    if (f.error) return error(shown, BatchErrorCode::unreadable, std::strerror(f.error));
    if (f.size > o_.limits.max_entry_bytes)
      return error(shown, BatchErrorCode::too_large,
                   fmt::format("{} bytes, over the limit of {}", f.size, o_.limits.max_entry_bytes));
    Entry e;
    e.path = detail::valid_utf8(shown);
    e.data = std::move(f.bytes);
    if (f.over_limit)
      return error(shown, BatchErrorCode::too_large, "grew past the size limit while read");
    emit_(std::move(e));
  }

  // An entry whose data stopped a zip reader (libarchive's ARCHIVE_FATAL): the reader is
  // done, and the entries after it are read with a new one.
  struct LostEntry {
    std::size_t index;  // of its header, counting from the archive's first
    std::string name, member, why;
  };
  // The readers one archive may take. Each starts after the entry that stopped the one
  // before, so they always end; this bounds the cost of an archive whose entries are all
  // damaged, as each new reader walks the whole central directory again (some 5 us an
  // entry, about a seventh of reading the archive).
  static constexpr std::size_t kReaders = 32;
  // And the headers they may walk again in all: a few times the archive's as far as the
  // damage, and some over. Where the entries are mostly ones batch does not take, each new
  // reader costs about a whole read, and 32 of them at the end of 60,000 entries took 25 s
  // where the archive reads in one.
  static constexpr std::size_t kWalkedAgainPerEntry = 4;
  static constexpr std::size_t kWalkedAgainFree = 1 << 16;

  // The members are read, or one corrupt_archive line stands for an archive that will not open.
  void archive_at(const ArchiveSource& s, const std::string& shown, std::size_t depth) {
    Opened o;
    if (!open_archive(s, o)) return error(shown, BatchErrorCode::corrupt_archive, archive_error(o.a.get(), "cannot open"));
    if (depth > o_.limits.max_depth) return error(shown, BatchErrorCode::depth_limit, "archives nested too deep");
    std::size_t next = 0;
    std::optional<Header> first;  // on a new reader, the header after the lost entry
    std::size_t walked_again = 0;  // headers the new readers have walked to get past the damage
    for (std::size_t readers = 1;; ++readers) {
      const std::optional<LostEntry> lost = members(o, shown, depth, next, std::move(first));
      if (!lost) return;
      walked_again += lost->index + 1;
      if (readers == kReaders || walked_again > kWalkedAgainPerEntry * (lost->index + 1) + kWalkedAgainFree)
        return error(lost->member, BatchErrorCode::corrupt_archive,
                     fmt::format("{}: too many damaged entries in this archive ({} read past); it and any "
                                 "entries after it are not read",
                                 lost->why, readers - 1));
      Opened again;
      if (!s.reopenable || !(first = open_past(s, lost->index + 1, lost->name, again)))
        return error(lost->member, BatchErrorCode::corrupt_archive, damaged_in(lost->why));
      error(lost->member, BatchErrorCode::unreadable,
            "damaged entry: its data is damaged and cannot be read (" + lost->why + ")");
      o.a.reset();  // (before the Gunzip it reads from)
      o = std::move(again);
      next = lost->index + 1;
    }
  }
  void archive_file(const std::string& path, const std::string& shown, std::size_t depth) {
    std::error_code ec;
    archive_at(ArchiveSource{&path, {}, fs::is_regular_file(path, ec)}, shown, depth);
  }
  void archive_memory(const std::string& data, const std::string& shown, std::size_t depth) {
    archive_at(ArchiveSource{nullptr, data, true}, shown, depth);
  }

  // A header as archive_read_next_header gave it; `name` when it gave one.
  struct Header {
    int r = ARCHIVE_OK;
    archive_entry* ent = nullptr;
    std::string name;
  };
  Header next_header(archive* a) {
    Header h;
    h.r = names_.with([&] { return archive_read_next_header(a, &h.ent); });
    // The name as written: zip marks UTF-8 names as such (see Utf8Names).
    if (h.r >= ARCHIVE_WARN && h.r != ARCHIVE_EOF)
      h.name = names_.with([&] { return name_text(archive_entry_pathname_utf8(h.ent), archive_entry_pathname(h.ent)); });
    return h;
  }

  // `again` opened on `s` and moved past its first `count` entries without reading their
  // data (a zip reader finds each in the central directory), and the header after them:
  // a reader that cannot read that one has not got past the damage (a zip read as a
  // stream, without its central directory, inflates an entry to find its end). None
  // when it fails, or when the last of the `count` is not named `last` (the file changed
  // since).
  std::optional<Header> open_past(const ArchiveSource& s, std::size_t count, const std::string& last, Opened& again) {
    if (!open_archive(s, again)) return std::nullopt;
    for (std::size_t passed = 0; passed < count;) {
      const Header h = next_header(again.a.get());
      if (h.r == ARCHIVE_RETRY) continue;  // not counted in members either
      if (h.r == ARCHIVE_EOF || h.r < ARCHIVE_WARN) return std::nullopt;
      if (++passed == count && h.name != last) return std::nullopt;
    }
    Header after = next_header(again.a.get());
    if (after.r < ARCHIVE_WARN) return std::nullopt;
    return after;
  }

  static std::string damaged_in(const std::string& why) {
    return why + ": the archive is truncated or damaged in this entry; it and any entries after it are not read";
  }
  static std::string damaged_here(const std::string& why) {
    return why + ": the archive is truncated or damaged from here on; any entries after this point are not read";
  }

  // Reads the headers from the one numbered `next` on (`first`, when it has been read). A
  // lost entry is returned, its line not yet written: whether the entries after it can be
  // read decides what the line says.
  std::optional<LostEntry> members(Opened& o, const std::string& shown, std::size_t depth, std::size_t& next,
                                   std::optional<Header> first) {
    archive* a = o.a.get();
    bool skipping = false;  // in a run of damaged headers
    for (;;) {
      Header h = first ? std::move(*first) : next_header(a);
      first.reset();
      const int r = h.r;
      archive_entry* ent = h.ent;
      const std::string& name = h.name;
      if (r == ARCHIVE_EOF) return std::nullopt;
      if (r == ARCHIVE_RETRY) {
        // A damaged header that libarchive skips (tar looks for the next good one): one
        // line for a run of them, however many blocks it spans.
        if (!skipping) error(shown, BatchErrorCode::corrupt_archive,
                             archive_error(a, "damaged header") + "; skipped, and reading went on after it");
        skipping = true;
        continue;
      }
      skipping = false;
      if (r < ARCHIVE_WARN) {
        // The damage: the entries read so far stand; one line stands for the rest.
        error(shown, BatchErrorCode::corrupt_archive, damaged_here(archive_error(a, "damaged archive")));
        return std::nullopt;
      }
      const std::size_t index = next++;
      const std::string member = shown + "!" + name;
      if (archive_entry_filetype(ent) == AE_IFDIR) continue;
      if (name.empty()) {
        error(member, BatchErrorCode::unreadable, "an entry whose name cannot be read: not read");
        continue;
      }
      const Taken take = taken(name, name, o_);
      if (take == Taken::no) continue;
      if (take == Taken::bare && (archive_entry_filetype(ent) != AE_IFREG || archive_entry_hardlink(ent) != nullptr))
        continue;
      const bool nested = is_archive_name(name);
      // Links are not followed: a symbolic one may lead anywhere, and a hard one holds
      // the same bytes as the entry it names, which is read as itself.
      const auto [hard, soft] = names_.with([&] {
        return std::pair(name_text(archive_entry_hardlink_utf8(ent), archive_entry_hardlink(ent)),
                         name_text(archive_entry_symlink_utf8(ent), archive_entry_symlink(ent)));
      });
      if (!hard.empty()) {
        error(member, BatchErrorCode::symlink,
              fmt::format("a hard link to {}: the same bytes as that entry, not read again", detail::valid_utf8(hard)));
        continue;
      }
      if (archive_entry_filetype(ent) == AE_IFLNK) {
        error(member, BatchErrorCode::symlink,
              fmt::format("a symbolic link in the archive (to {}): not followed", detail::valid_utf8(soft)));
        continue;
      }
      if (archive_entry_filetype(ent) != AE_IFREG) {
        error(member, BatchErrorCode::unreadable, "not a regular file (a FIFO, a socket or a device): not read");
        continue;
      }
      if (archive_entry_is_encrypted(ent)) {
        error(member, BatchErrorCode::unreadable, "encrypted (it needs a passphrase): not read");
        continue;
      }
      if (archive_entry_size_is_set(ent) && static_cast<std::size_t>(archive_entry_size(ent)) > o_.limits.max_entry_bytes) {
        error(member, BatchErrorCode::too_large,
              fmt::format("{} bytes, over the limit of {}", archive_entry_size(ent), o_.limits.max_entry_bytes));
        continue;
      }
      Entry e;
      e.path = detail::valid_utf8(member);
      const la_int64_t before = o.packed();
      std::optional<std::pair<BatchErrorCode, std::string>> problem;  // (and its line's message)
      int got;
      // Block by block: archive_read_data drops the bytes it has copied when the block
      // after them fails, and an entry whose data had all come before the damage was lost.
      for (;;) {
        const void* block = nullptr;
        std::size_t size = 0;
        la_int64_t offset = 0;
        if ((got = archive_read_data_block(a, &block, &size, &offset)) != ARCHIVE_OK) break;
        if (offset < static_cast<la_int64_t>(e.data.size())) {
          // A sparse entry's blocks out of order or overlapping: its map is damaged (as
          // archive_read_data said when batch read through it).
          problem = {BatchErrorCode::unreadable, "damaged entry: its sparse blocks are out of order"};
          break;
        }
        if (offset > static_cast<la_int64_t>(e.data.size())) {  // a hole in a sparse entry: zeros
          if (static_cast<std::uint64_t>(offset) > o_.limits.max_entry_bytes) {
            problem = {BatchErrorCode::too_large, "grew past the size limit while read"};
            break;
          }
          e.data.resize(static_cast<std::size_t>(offset));
        }
        e.data.append(static_cast<const char*>(block), size);
        if (e.data.size() > o_.limits.max_entry_bytes) {
          problem = {BatchErrorCode::too_large, "grew past the size limit while read"};
          break;
        }
        const double packed = static_cast<double>(std::max<la_int64_t>(o.packed() - before, 1));
        if (e.data.size() > (1u << 20) && static_cast<double>(e.data.size()) > o_.limits.max_ratio * packed) {
          problem = {BatchErrorCode::ratio_limit,
                     fmt::format("expands more than {} times its compressed size", o_.limits.max_ratio)};
          break;
        }
      }
      if (problem) {
        error(member, problem->first, problem->second);
        continue;
      }
      if (got == ARCHIVE_FATAL) {
        const std::string why = archive_error(a, "damaged entry");
        // A zip's entries each stand alone: past this one the others may be whole.
        if ((archive_format(a) & ARCHIVE_FORMAT_BASE_MASK) == ARCHIVE_FORMAT_ZIP) return LostEntry{index, name, member, why};
        // A stream's damage: an entry whose bytes all came before it (the damage is in the
        // padding after them, or in the next block) stands, and one line for the rest.
        if (archive_entry_size_is_set(ent) && e.data.size() == static_cast<std::size_t>(archive_entry_size(ent))) {
          found(std::move(e), o, member, nested, depth);
          error(shown, BatchErrorCode::corrupt_archive, damaged_here(why));
        } else {
          error(member, BatchErrorCode::corrupt_archive, damaged_in(why));
        }
        return std::nullopt;
      }
      if (got < 0) {
        // This entry's own damage (a zip entry's checksum, say): the next header says
        // whether the rest can be read.
        error(member, BatchErrorCode::unreadable, "damaged entry: " + archive_error(a, "cannot be read"));
        continue;
      }
      found(std::move(e), o, member, nested, depth);
    }
  }

  void found(Entry&& e, const Opened& o, const std::string& member, bool nested, std::size_t depth) {
    if (top_level_ && depth == 0) consumed = base_ + static_cast<std::size_t>(std::max<la_int64_t>(o.packed(), 0));
    if (nested) archive_memory(e.data, member, depth + 1);
    else emit_(std::move(e));
  }

  const BatchOptions& o_;
  Utf8Names names_;
  std::function<void(Entry&&)> emit_;
  std::size_t base_ = 0;     // bytes of the inputs finished before the current one
  bool top_level_ = false;   // reading a file named as an input (not one inside a folder)
};

// The inputs' total size, when every input is a file.
std::size_t total_input_bytes(const std::vector<std::string>& inputs) {
  std::size_t total = 0;
  for (const std::string& in : inputs) {
    std::error_code ec;
    if (in == "-" || !fs::is_regular_file(in, ec)) return 0;
    total += static_cast<std::size_t>(fs::file_size(in, ec));
  }
  return total;
}

// The entry's line, and with `keep` its Document and bytes. Whatever analysing it throws
// becomes a "failed" line: one entry must not take the batch down.
BatchEntry entry_of(Entry& e, const Options& analyze_options, bool keep, bool& ok, std::size_t& bytes) {
  ok = false;
  bytes = 0;
  BatchEntry out;
  out.path = e.path;
  auto fail = [&](BatchErrorCode code, std::string message) {
    out.line = detail::error_line(e.path, batch_error_code_name(code), message);
    if (keep) out.error = BatchError{code, std::move(message)};
    return std::move(out);
  };
  if (e.error) return fail(e.error->code, e.error->message);
  try {
    Options ao = analyze_options;
    ao.name = e.path;
    Result r = analyze(e.data, ao);
    bytes = e.data.size();
    if (!r) {
      const BatchErrorCode code = r.error().code == ErrorCode::too_large ? BatchErrorCode::too_large : BatchErrorCode::binary;
      return fail(code, r.error().message);
    }
    out.line = detail::document_line(e.path, r.document());
    if (keep) {
      out.document = std::move(r).document();
      out.input = std::move(e.data);
    }
    ok = true;
    return out;
  } catch (const std::exception& x) {
    out.document.reset();
    return fail(BatchErrorCode::failed, fmt::format("analysis failed: {}", x.what()));
  } catch (...) {
    out.document.reset();
    return fail(BatchErrorCode::failed, "analysis failed");
  }
}

// Thrown through the reader when the batch has been stopped (by an exception from the
// sink or the progress callback), to leave its walk at once.
struct Stopped {};

// run_batch and run_batch_entries: `keep` says whether entries carry their Document and bytes.
BatchStats run_pool(const std::vector<std::string>& inputs, const BatchOptions& options, bool keep,
                    const BatchEntrySink& sink, const BatchProgress& progress) {
  const auto t0 = std::chrono::steady_clock::now();
  // More threads than this would only be a mistake (an option read as a huge number).
  constexpr unsigned kMaxThreads = 1024;
  unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = std::min(threads, kMaxThreads);
  const std::size_t max_in_flight = 4 * static_cast<std::size_t>(threads);

  std::mutex m;  // guards everything below up to `progress_mutex`
  std::condition_variable work_cv, room_cv;
  std::deque<Entry> queue;
  std::map<std::uint64_t, BatchEntry> done;  // finished entries not yet taken by the writer
  std::uint64_t next_seq = 0;  // entries read
  std::uint64_t taken = 0;     // lines taken by the writer, in order
  std::uint64_t written = 0;   // lines the sink has had
  bool writing = false;        // a worker is writing: the others leave their lines in `done`
  bool finished = false;       // the reader is done
  bool stopped = false;        // the sink or the progress callback threw: stop everything
  std::exception_ptr failure;
  BatchStats stats;
  stats.input_total = total_input_bytes(inputs);
  auto last_progress = t0;
  const std::atomic<std::size_t>* consumed = nullptr;
  std::mutex progress_mutex;  // one progress call at a time, outside `m`

  auto stop = [&](std::exception_ptr e) {
    std::lock_guard<std::mutex> lock(m);
    if (!failure) failure = std::move(e);
    stopped = true;
    work_cv.notify_all();
    room_cv.notify_all();
  };

  // Takes the finished lines that come next in order and writes them, the lock released
  // while the sink runs; repeats while workers add more. Called with `lock` held.
  auto write_ready = [&](std::unique_lock<std::mutex>& lock) {
    if (writing) return;  // the writer will find this line too
    writing = true;
    std::vector<BatchEntry> ready;
    while (!stopped) {
      ready.clear();
      for (auto it = done.begin(); it != done.end() && it->first == taken; it = done.erase(it), ++taken)
        ready.push_back(std::move(it->second));
      if (ready.empty()) break;
      lock.unlock();
      try {
        for (BatchEntry& entry : ready) sink(std::move(entry));
      } catch (...) {
        lock.lock();
        writing = false;
        lock.unlock();
        stop(std::current_exception());
        lock.lock();
        return;
      }
      lock.lock();
      written += ready.size();
      room_cv.notify_all();
    }
    writing = false;
  };

  auto report_progress = [&](std::unique_lock<std::mutex>& lock) {
    if (!progress) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_progress <= std::chrono::milliseconds(200)) return;
    last_progress = now;
    stats.seconds = std::chrono::duration<double>(now - t0).count();
    if (consumed) stats.input_done = consumed->load();
    const BatchStats snapshot = stats;
    lock.unlock();
    std::unique_lock<std::mutex> one(progress_mutex, std::try_to_lock);
    if (one.owns_lock()) {
      try {
        progress(snapshot);
      } catch (...) {
        one.unlock();
        stop(std::current_exception());
      }
    }
    lock.lock();
  };

  auto worker = [&] {
    try {
      for (;;) {
        Entry e;
        {
          std::unique_lock<std::mutex> lock(m);
          work_cv.wait(lock, [&] { return !queue.empty() || finished || stopped; });
          if (stopped || queue.empty()) return;
          e = std::move(queue.front());
          queue.pop_front();
        }
        bool ok = false;
        std::size_t bytes = 0;
        BatchEntry entry = entry_of(e, options.analyze, keep, ok, bytes);
        std::unique_lock<std::mutex> lock(m);
        (ok ? stats.documents : stats.errors)++;
        stats.bytes += bytes;
        done.emplace(e.seq, std::move(entry));
        write_ready(lock);
        report_progress(lock);
      }
    } catch (...) {
      stop(std::current_exception());
    }
  };

  std::vector<std::thread> pool;
  pool.reserve(threads);
  try {
    for (unsigned i = 0; i < threads; ++i) pool.emplace_back(worker);
  } catch (const std::system_error&) {
    if (pool.empty()) throw;  // not one thread: nothing to stop
  }

  // The paths of options.skip whose first entry has been skipped: an archive may hold a
  // name twice (or an input be given twice), and a run cut between two entries of one
  // path wrote only the first; the later ones are read. (Pointers into options.skip: the
  // set is not copied.)
  std::unordered_set<const std::string*> skipped;
  Reader reader(options, [&](Entry&& e) {
    if (auto it = options.skip.find(e.path); it != options.skip.end() && skipped.insert(&*it).second) return;
    if (options.shard && shard_of(e.path, options.shard->second) != options.shard->first) return;
    std::unique_lock<std::mutex> lock(m);
    room_cv.wait(lock, [&] { return next_seq - written < max_in_flight || stopped; });
    if (stopped) throw Stopped{};
    e.seq = next_seq++;
    queue.push_back(std::move(e));
    work_cv.notify_one();
  });
  {
    std::lock_guard<std::mutex> lock(m);
    consumed = &reader.consumed;
  }
  try {
    for (const std::string& in : inputs) reader.input(in);
  } catch (const Stopped&) {
  } catch (...) {
    stop(std::current_exception());
  }
  {
    std::lock_guard<std::mutex> lock(m);
    finished = true;
  }
  work_cv.notify_all();
  for (std::thread& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
  stats.input_done = reader.consumed.load();
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return stats;
}

}  // namespace

BatchStats run_batch(const std::vector<std::string>& inputs, const BatchOptions& options, const BatchSink& sink,
                     const BatchProgress& progress) {
  return run_pool(inputs, options, false, [&](BatchEntry&& e) { sink(e.line); }, progress);
}

BatchStats run_batch_entries(const std::vector<std::string>& inputs, const BatchOptions& options,
                             const BatchEntrySink& sink, const BatchProgress& progress) {
  return run_pool(inputs, options, true, sink, progress);
}

bool batch_reads_name(std::string_view path, const BatchOptions& options, std::string_view inside) {
  return taken(path, inside.empty() ? path : inside, options) != Taken::no;
}

ESSAYKIT_END_NAMESPACE
