// Batch: files, folders and archives to JSON Lines on a pool of threads.
//
// One thread walks the inputs and reads entries (libarchive streams archives without
// unpacking them); worker threads analyse; whichever worker completes the next entry
// in input order writes it and every completed one after it. The reader waits while
// too many entries are in flight, so memory stays bounded whatever the input size.
#include "essaykit/batch.h"

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>
#include <fnmatch.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

#include "json_lines.h"
#include "text_util.h"

namespace essaykit {

std::uint64_t shard_of(std::string_view path, std::uint64_t count) {
  std::uint64_t h = 14695981039346656037ull;
  for (char c : path) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return count ? h % count : 0;
}

std::optional<std::string> batch_line_path(std::string_view line) {
  constexpr std::string_view prefix = "{\"path\":\"";
  if (line.substr(0, prefix.size()) != prefix) return std::nullopt;
  std::string out;
  for (std::size_t i = prefix.size(); i < line.size(); ++i) {
    char c = line[i];
    if (c == '"') return out;
    if (c != '\\') { out.push_back(c); continue; }
    if (++i >= line.size()) return std::nullopt;
    switch (line[i]) {
      case 'n': out.push_back('\n'); break;
      case 't': out.push_back('\t'); break;
      case 'r': out.push_back('\r'); break;
      case 'u': {  // only control characters are written as \u00XX
        if (i + 4 >= line.size()) return std::nullopt;
        out.push_back(static_cast<char>(std::stoi(std::string(line.substr(i + 1, 4)), nullptr, 16)));
        i += 4;
        break;
      }
      default: out.push_back(line[i]);
    }
  }
  return std::nullopt;
}

namespace {

namespace fs = std::filesystem;

struct Entry {
  std::uint64_t seq = 0;
  std::string path;  // the output path (valid UTF-8)
  std::string data;
  std::string error_code, error_message;  // set for an error line
};

bool is_archive_name(std::string_view name) {
  for (std::string_view ext : {".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz", ".tar.zst", ".zip"})
    if (detail::iends_with(name, ext)) return true;
  return false;
}

// The reading side: turns inputs into a sequence of entries, in order.
class Reader {
 public:
  // Bytes of the inputs consumed so far; written by the reading thread, read by others.
  std::atomic<std::size_t> consumed{0};

  Reader(const BatchOptions& o, std::function<void(Entry&&)> emit) : o_(o), emit_(std::move(emit)) {
    include_ = o.include.empty()
                   ? std::vector<std::string>{"*.md", "*.markdown", "*.mdown", "*.mkd", "*.mdx", "*.txt", "*.text"}
                   : o.include;
  }

  void input(const std::string& path) {
    if (path == "-") {  // a list of paths on standard input
      char buf[4096];
      while (std::fgets(buf, sizeof buf, stdin)) {
        std::string p(buf);
        while (!p.empty() && (p.back() == '\n' || p.back() == '\r')) p.pop_back();
        if (!p.empty()) input(p);
      }
      return;
    }
    std::error_code ec;
    fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) return error(path, "unreadable", ec ? ec.message() : "no such file or directory");
    if (fs::is_directory(st)) {
      fs::path root = fs::weakly_canonical(path, ec);
      return directory(path, root, path, 0);
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
  bool wanted(std::string_view rel) const {
    std::string r(rel);
    std::string base = r.substr(r.rfind('/') == std::string::npos ? 0 : r.rfind('/') + 1);
    auto any = [&](const std::vector<std::string>& pats) {
      for (const std::string& p : pats)
        if (fnmatch(p.c_str(), r.c_str(), 0) == 0 || fnmatch(p.c_str(), base.c_str(), 0) == 0) return true;
      return false;
    };
    return any(include_) && !any(o_.exclude);
  }

  void error(std::string_view path, std::string_view code, std::string message) {
    Entry e;
    e.path = detail::valid_utf8(path);
    e.error_code = code;
    e.error_message = std::move(message);
    emit_(std::move(e));
  }

  void directory(const fs::path& dir, const fs::path& root, const std::string& shown, std::size_t depth) {
    if (depth > o_.limits.max_depth) return error(shown, "depth_limit", "folders nested too deep");
    std::vector<fs::directory_entry> children;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) children.push_back(*it);
    if (ec) return error(shown, "unreadable", ec.message());
    std::sort(children.begin(), children.end(),
              [](const fs::directory_entry& a, const fs::directory_entry& b) { return a.path().filename() < b.path().filename(); });
    for (const fs::directory_entry& c : children) {
      const std::string name = c.path().filename().string();
      const std::string child_shown = shown + (shown.empty() || shown.back() == '/' ? "" : "/") + name;
      std::error_code e2;
      const bool link = c.is_symlink(e2);
      if (link) {
        // A link is followed only to a file inside the input's root.
        fs::path target = fs::weakly_canonical(c.path(), e2);
        auto rel = target.lexically_relative(root);
        if (e2 || rel.empty() || *rel.begin() == "..") continue;
        if (!fs::is_regular_file(target, e2)) continue;
      }
      if (c.is_directory(e2) && !link) {
        directory(c.path(), root, child_shown, depth + 1);
      } else if (c.is_regular_file(e2)) {
        if (is_archive_name(name)) file(c.path().string(), child_shown, depth + 1);
        else if (wanted(child_shown)) file(c.path().string(), child_shown, depth + 1);
      }
    }
  }

  void file(const std::string& path, const std::string& shown, std::size_t depth) {
    if (is_archive_name(path)) return archive_file(path, shown, depth);
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return error(shown, "unreadable", std::strerror(errno));
    if (static_cast<std::size_t>(st.st_size) > o_.limits.max_entry_bytes)
      return error(shown, "too_large", fmt::format("{} bytes, over the limit of {}", st.st_size, o_.limits.max_entry_bytes));
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return error(shown, "unreadable", std::strerror(errno));
    Entry e;
    e.path = detail::valid_utf8(shown);
    char buf[1 << 16];
    bool failed = false;
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) {
      e.data.append(buf, n);
      if (e.data.size() > o_.limits.max_entry_bytes) break;
    }
    failed = std::ferror(f) != 0;
    std::fclose(f);
    if (failed) return error(shown, "unreadable", "read error");
    if (e.data.size() > o_.limits.max_entry_bytes) return error(shown, "too_large", "grew past the size limit while read");
    emit_(std::move(e));
  }

  // A libarchive reader for the formats batch reads, opened by `open`; the members
  // are read, or one corrupt_archive line stands for an archive that will not open.
  template <class Open>
  void archive_with(Open&& open, const std::string& shown, std::size_t depth) {
    archive* a = archive_read_new();
    archive_read_support_filter_all(a);
    archive_read_support_format_tar(a);
    archive_read_support_format_gnutar(a);
    archive_read_support_format_zip(a);
    if (open(a) != ARCHIVE_OK) {
      std::string why = archive_error_string(a) ? archive_error_string(a) : "cannot open";
      archive_read_free(a);
      return error(shown, "corrupt_archive", why);
    }
    members(a, shown, depth);
    archive_read_free(a);
  }
  void archive_file(const std::string& path, const std::string& shown, std::size_t depth) {
    archive_with([&](archive* a) { return archive_read_open_filename(a, path.c_str(), 1 << 16); }, shown, depth);
  }
  void archive_memory(const std::string& data, const std::string& shown, std::size_t depth) {
    archive_with([&](archive* a) { return archive_read_open_memory(a, data.data(), data.size()); }, shown, depth);
  }

  void members(archive* a, const std::string& shown, std::size_t depth) {
    if (depth > o_.limits.max_depth) return error(shown, "depth_limit", "archives nested too deep");
    archive_entry* ent = nullptr;
    for (;;) {
      int r = archive_read_next_header(a, &ent);
      if (r == ARCHIVE_EOF) return;
      if (r < ARCHIVE_WARN) {
        // The damage: the entries read so far stand; one line stands for the rest.
        return error(shown, "corrupt_archive", archive_error_string(a) ? archive_error_string(a) : "damaged archive");
      }
      if (archive_entry_filetype(ent) != AE_IFREG) continue;
      const char* raw = archive_entry_pathname(ent);
      std::string name = raw ? raw : "";
      std::string member = shown + "!" + name;
      const bool nested = is_archive_name(name);
      if (!nested && !wanted(name)) continue;
      if (archive_entry_size_is_set(ent) && static_cast<std::size_t>(archive_entry_size(ent)) > o_.limits.max_entry_bytes) {
        error(member, "too_large", fmt::format("{} bytes, over the limit of {}", archive_entry_size(ent), o_.limits.max_entry_bytes));
        continue;
      }
      Entry e;
      e.path = detail::valid_utf8(member);
      const la_int64_t before = archive_filter_bytes(a, -1);
      char buf[1 << 16];
      la_ssize_t n;
      std::string problem;
      while ((n = archive_read_data(a, buf, sizeof buf)) > 0) {
        e.data.append(buf, static_cast<std::size_t>(n));
        if (e.data.size() > o_.limits.max_entry_bytes) { problem = "too_large"; break; }
        const double packed = static_cast<double>(std::max<la_int64_t>(archive_filter_bytes(a, -1) - before, 1));
        if (e.data.size() > (1u << 20) && static_cast<double>(e.data.size()) > o_.limits.max_ratio * packed) {
          problem = "ratio_limit";
          break;
        }
      }
      if (n < 0) {
        error(member, "corrupt_archive", archive_error_string(a) ? archive_error_string(a) : "damaged entry");
        return;  // the stream cannot be trusted past this point
      }
      if (problem == "too_large") { error(member, problem, "grew past the size limit while read"); continue; }
      if (problem == "ratio_limit") {
        error(member, problem, fmt::format("expands more than {} times its compressed size", o_.limits.max_ratio));
        continue;
      }
      if (top_level_ && depth == 0) consumed = base_ + static_cast<std::size_t>(std::max<la_int64_t>(archive_filter_bytes(a, -1), 0));
      if (nested) archive_memory(e.data, member, depth + 1);
      else emit_(std::move(e));
    }
  }

  const BatchOptions& o_;
  std::function<void(Entry&&)> emit_;
  std::vector<std::string> include_;
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

}  // namespace

BatchStats run_batch(const std::vector<std::string>& inputs, const BatchOptions& options, const BatchSink& sink,
                     const BatchProgress& progress) {
  const auto t0 = std::chrono::steady_clock::now();
  unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  const std::size_t max_in_flight = 4 * threads;

  std::mutex m;
  std::condition_variable work_cv, room_cv;
  std::deque<Entry> queue;
  std::map<std::uint64_t, std::string> done;  // finished lines not yet written
  std::uint64_t next_seq = 0, written = 0;
  bool finished = false;
  BatchStats stats;
  stats.input_total = total_input_bytes(inputs);
  auto last_progress = t0;
  const std::atomic<std::size_t>* consumed = nullptr;

  // Writes every finished line that is next in order. Called with m held.
  auto flush = [&] {
    for (auto it = done.begin(); it != done.end() && it->first == written; it = done.erase(it)) {
      sink(it->second);
      ++written;
    }
    room_cv.notify_all();
    if (progress) {
      auto now = std::chrono::steady_clock::now();
      if (now - last_progress > std::chrono::milliseconds(200)) {
        last_progress = now;
        stats.seconds = std::chrono::duration<double>(now - t0).count();
        if (consumed) stats.input_done = consumed->load();
        progress(stats);
      }
    }
  };

  auto worker = [&] {
    for (;;) {
      Entry e;
      {
        std::unique_lock<std::mutex> lock(m);
        work_cv.wait(lock, [&] { return !queue.empty() || finished; });
        if (queue.empty()) return;
        e = std::move(queue.front());
        queue.pop_front();
      }
      std::string line;
      bool ok = false;
      std::size_t bytes = 0;
      if (!e.error_code.empty()) {
        line = detail::error_line(e.path, e.error_code, e.error_message);
      } else {
        Options ao = options.analyze;
        ao.name = e.path;
        Result r = analyze(e.data, ao);
        bytes = e.data.size();
        if (r) {
          line = detail::document_line(e.path, r.document());
          ok = true;
        } else {
          line = detail::error_line(e.path, error_code_name(r.error().code), r.error().message);
        }
      }
      std::lock_guard<std::mutex> lock(m);
      (ok ? stats.documents : stats.errors)++;
      stats.bytes += bytes;
      done.emplace(e.seq, std::move(line));
      flush();
    }
  };

  std::vector<std::thread> pool;
  pool.reserve(threads);
  for (unsigned i = 0; i < threads; ++i) pool.emplace_back(worker);

  Reader reader(options, [&](Entry&& e) {
    if (options.skip.count(e.path)) return;
    if (options.shard && shard_of(e.path, options.shard->second) != options.shard->first) return;
    std::unique_lock<std::mutex> lock(m);
    room_cv.wait(lock, [&] { return next_seq - written < max_in_flight; });
    e.seq = next_seq++;
    queue.push_back(std::move(e));
    work_cv.notify_one();
  });
  {
    std::lock_guard<std::mutex> lock(m);
    consumed = &reader.consumed;
  }
  for (const std::string& in : inputs) reader.input(in);
  {
    std::lock_guard<std::mutex> lock(m);
    finished = true;
  }
  work_cv.notify_all();
  for (std::thread& t : pool) t.join();
  stats.input_done = reader.consumed.load();
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return stats;
}

}  // namespace essaykit
