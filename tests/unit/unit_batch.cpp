// run_batch's threading contract, the error lines' codes, and what damaged archives give.
#include <archive.h>
#include <archive_entry.h>
#include <zlib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <stdexcept>

#include "helpers.h"

namespace {

// A scratch folder of posts: the first tiny, the others large enough that analysing
// one takes a while.
struct Posts {
  std::string dir;
  Posts(int large, std::size_t large_bytes) {
    char tmpl[] = "/tmp/essaykit-unit-batch.XXXXXX";
    REQUIRE(mkdtemp(tmpl));
    dir = tmpl;
    write("a.md", "# A\n\nTiny.\n");
    std::string body;
    while (body.size() < large_bytes) body += "A sentence of some length about a topic. Another one follows it here.\n\n";
    for (int i = 0; i < large; ++i) write(std::string("b") + char('0' + i) + ".md", "# B\n\n" + body);
  }
  void write(const std::string& name, const std::string& data) {
    std::ofstream(dir + "/" + name, std::ios::binary) << data;
    files.push_back(dir + "/" + name);
  }
  ~Posts() {
    for (const std::string& f : files) std::remove(f.c_str());
    std::remove(dir.c_str());
  }
  std::vector<std::string> files;
};

using Members = std::vector<std::pair<std::string, std::string>>;

// The archive libarchive's writer makes of `members`, in the format `setup` sets.
std::string archive_of(const Members& members, int (*setup)(archive*)) {
  std::string out;
  archive* a = archive_write_new();
  REQUIRE(setup(a) == ARCHIVE_OK);
  auto append = [](archive*, void* to, const void* p, std::size_t n) -> la_ssize_t {
    static_cast<std::string*>(to)->append(static_cast<const char*>(p), n);
    return static_cast<la_ssize_t>(n);
  };
  REQUIRE(archive_write_open(a, &out, nullptr, append, nullptr) == ARCHIVE_OK);
  for (const auto& [name, data] : members) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, name.c_str());
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_entry_set_size(e, static_cast<la_int64_t>(data.size()));
    REQUIRE(archive_write_header(a, e) == ARCHIVE_OK);
    REQUIRE(archive_write_data(a, data.data(), data.size()) == static_cast<la_ssize_t>(data.size()));
    archive_entry_free(e);
  }
  REQUIRE(archive_write_close(a) == ARCHIVE_OK);
  archive_write_free(a);
  return out;
}

int deflated_zip(archive* a) {
  const int r = archive_write_set_format_zip(a);
  return r == ARCHIVE_OK ? archive_write_zip_set_compression_deflate(a) : r;
}
int ustar(archive* a) { return archive_write_set_format_ustar(a); }

// Posts e0.md to e{n-1}.md, each long enough to be deflated.
Members posts_named_e(int n) {
  Members m;
  for (int i = 0; i < n; ++i) {
    std::string text = "# E" + std::to_string(i) + "\n\n";
    for (int k = 0; k < 20; ++k) text += "Some text here, and then some more. ";
    m.emplace_back("e" + std::to_string(i) + ".md", text + "\n");
  }
  return m;
}

// `zip` with the compressed data of the entry named `name` overwritten by 0xff bytes,
// which no deflate stream begins with (block type 3 is reserved).
void damage_zip_entry(std::string& zip, const std::string& name) {
  const std::size_t at = zip.find(name);  // in its local header: the central directory comes last
  REQUIRE(at != std::string::npos);
  REQUIRE(at >= 30);
  const auto u16 = [&](std::size_t i) {
    return static_cast<std::size_t>(static_cast<unsigned char>(zip[i]) | static_cast<unsigned char>(zip[i + 1]) << 8);
  };
  const std::size_t header = at - 30;
  REQUIRE(zip.compare(header, 4, "PK\x03\x04") == 0);
  const std::size_t data = header + 30 + u16(header + 26) + u16(header + 28);
  zip.replace(data, 10, std::string(10, '\xff'));
}

// The gzip of `data`, cut where the first `whole` bytes of it end: a stream that
// inflates to exactly those bytes and then ends, as a .tar.gz cut short does.
std::string gzip_cut_after(const std::string& data, std::size_t whole) {
  z_stream z{};
  REQUIRE(deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(compressBound(static_cast<uLong>(data.size())) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(whole);
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&z, Z_FULL_FLUSH) == Z_OK);  // every byte so far out, byte-aligned
  REQUIRE(z.avail_in == 0);
  const std::size_t cut = out.size() - z.avail_out;
  z.avail_in = static_cast<uInt>(data.size() - whole);
  REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  deflateEnd(&z);
  return out.substr(0, cut);
}

// Each entry's path (after the archive's), and its error code or "document".
std::vector<std::pair<std::string, std::string>> batch_of(const std::string& path, std::vector<essaykit::BatchEntry>& entries) {
  essaykit::BatchOptions o;
  o.threads = 2;
  entries.clear();
  essaykit::run_batch_entries({path}, o, [&](essaykit::BatchEntry&& e) { entries.push_back(std::move(e)); });
  std::vector<std::pair<std::string, std::string>> got;
  for (const essaykit::BatchEntry& e : entries) {
    std::string shown = e.path.substr(e.path.rfind('/') + 1);
    got.emplace_back(shown, e.error ? std::string(essaykit::batch_error_code_name(e.error->code)) : "document");
  }
  return got;
}

}  // namespace

TEST_CASE("batch error codes have stable names, and error lines read back") {
  using essaykit::BatchErrorCode;
  const std::pair<BatchErrorCode, const char*> names[] = {
      {BatchErrorCode::binary, "binary"},           {BatchErrorCode::too_large, "too_large"},
      {BatchErrorCode::ratio_limit, "ratio_limit"}, {BatchErrorCode::depth_limit, "depth_limit"},
      {BatchErrorCode::unreadable, "unreadable"},   {BatchErrorCode::corrupt_archive, "corrupt_archive"},
      {BatchErrorCode::symlink, "symlink"},         {BatchErrorCode::failed, "failed"},
  };
  for (const auto& [code, name] : names) CHECK(essaykit::batch_error_code_name(code) == name);

  Posts posts(0, 0);
  posts.write("bin.md", std::string("x\0y", 3));
  std::vector<std::string> lines;
  essaykit::BatchOptions o;
  o.threads = 1;
  essaykit::run_batch({posts.dir}, o, [&](std::string_view l) { lines.emplace_back(l); });
  REQUIRE(lines.size() == 2);
  CHECK_FALSE(essaykit::batch_line_error(lines[0]));  // a.md: a document
  auto e = essaykit::batch_line_error(lines[1]);
  REQUIRE(e);
  CHECK(e->code == BatchErrorCode::binary);
  CHECK(e->message.find("binary data") == 0);
  CHECK(essaykit::batch_line_path(lines[1]) == posts.dir + "/bin.md");
  CHECK_FALSE(essaykit::batch_line_error("not a line"));
  CHECK_FALSE(essaykit::batch_line_error(R"({"path":"x","error":{"code":"nonsense","message":"m"}})"));
  auto odd = essaykit::batch_line_error(R"({"path":"x\"y","error":{"code":"unreadable","message":"a \"b\"\n\u0001"}})");
  REQUIRE(odd);
  CHECK(odd->message == "a \"b\"\n\x01");
}

TEST_CASE("a slow sink does not stall the workers") {
  // The sink holds the first line until the progress callback has seen the other
  // documents analysed: workers must go on while the sink runs. (When the sink ran under
  // the pool's lock, no worker could finish and no progress came: this waited out.)
  Posts posts(4, 4 << 20);
  std::mutex m;
  std::condition_variable cv;
  std::size_t seen = 0;
  bool released = false;
  essaykit::BatchOptions o;
  o.threads = 2;
  std::vector<std::string> paths;
  const essaykit::BatchStats stats = essaykit::run_batch(
      {posts.dir}, o,
      [&](std::string_view line) {
        paths.push_back(*essaykit::batch_line_path(line));
        if (paths.size() != 1) return;
        std::unique_lock<std::mutex> lock(m);
        released = cv.wait_for(lock, std::chrono::seconds(120), [&] { return seen >= 2; });
      },
      [&](const essaykit::BatchStats& s) {
        std::lock_guard<std::mutex> lock(m);
        seen = std::max(seen, s.documents);
        cv.notify_all();
      });
  CHECK(released);
  CHECK(stats.documents == 5);
  REQUIRE(paths.size() == 5);
  CHECK(paths[0] == posts.dir + "/a.md");  // and still in input order
  CHECK(paths[4] == posts.dir + "/b3.md");
}

TEST_CASE("an exception from the sink or the progress callback comes back to the caller") {
  Posts posts(3, 1 << 10);
  essaykit::BatchOptions o;
  o.threads = 2;
  CHECK_THROWS_WITH_AS(essaykit::run_batch({posts.dir}, o, [](std::string_view) { throw std::runtime_error("disk full"); }),
                       "disk full", std::runtime_error);
  Posts slow(4, 4 << 20);  // long enough for a progress call (they come at most every 200 ms)
  CHECK_THROWS_WITH_AS(essaykit::run_batch(
                           {slow.dir}, o, [](std::string_view) {},
                           [](const essaykit::BatchStats&) { throw std::runtime_error("no terminal"); }),
                       "no terminal", std::runtime_error);
}

TEST_CASE("run_batch_entries hands over each entry's Document and bytes with run_batch's line") {
  Posts posts(2, 1 << 10);
  posts.write("bin.md", std::string("x\0y", 3));
  essaykit::BatchOptions o;
  o.threads = 2;
  std::vector<std::string> lines;
  essaykit::run_batch({posts.dir}, o, [&](std::string_view l) { lines.emplace_back(l); });
  std::vector<essaykit::BatchEntry> entries;
  essaykit::run_batch_entries({posts.dir}, o, [&](essaykit::BatchEntry&& e) { entries.push_back(std::move(e)); });
  REQUIRE(entries.size() == 4);
  REQUIRE(lines.size() == 4);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    CHECK(entries[i].line == lines[i]);
    CHECK(essaykit::batch_line_path(lines[i]) == entries[i].path);
  }
  // a.md, b0.md, b1.md, bin.md: three documents, then the binary file's error.
  for (std::size_t i = 0; i < 3; ++i) {
    REQUIRE(entries[i].document);
    CHECK_FALSE(entries[i].error);
    CHECK(entries[i].document->source.name == entries[i].path);
    CHECK(entries[i].input.size() == entries[i].document->source.bytes);
    REQUIRE(entries[i].document->title);
    CHECK(essaykit::slice(entries[i].input, entries[i].document->title->span) == (i == 0 ? "# A" : "# B"));
  }
  CHECK(entries[0].input == "# A\n\nTiny.\n");
  CHECK_FALSE(entries[3].document);
  REQUIRE(entries[3].error);
  CHECK(entries[3].error->code == essaykit::BatchErrorCode::binary);
  CHECK(entries[3].input.empty());
  CHECK(entries[3].path == posts.dir + "/bin.md");
}

TEST_CASE("a path to skip skips its first entry only: entries sharing a path are not all lost") {
  // An archive may hold one name twice, and one file may be given twice: both entries have
  // one output path. Resuming a run cut after the first of them listed the path, and
  // every entry with it was skipped: the second was never written.
  Posts posts(0, 0);
  posts.write("a.md", "# A\n");
  posts.write("c.md", "# C\n");
  const std::string a = posts.dir + "/a.md", c = posts.dir + "/c.md";
  essaykit::BatchOptions o;
  o.threads = 2;
  o.skip = {a};
  std::vector<std::string> paths;
  essaykit::run_batch({a, a, c, a}, o, [&](std::string_view l) { paths.push_back(*essaykit::batch_line_path(l)); });
  CHECK(paths == std::vector<std::string>{a, c, a});
  paths.clear();
  o.skip = {a, c};
  essaykit::run_batch({a, c, a, c}, o, [&](std::string_view l) { paths.push_back(*essaykit::batch_line_path(l)); });
  CHECK(paths == std::vector<std::string>{a, c});
}

TEST_CASE("a zip entry whose data will not inflate is its own unreadable line, and the entries after it are read") {
  // libarchive's zip reader gives up on the archive there (ARCHIVE_FATAL): e3 and e4 were
  // lost behind one corrupt_archive line for e2.
  Posts posts(0, 0);
  std::string zip = archive_of(posts_named_e(5), deflated_zip);
  damage_zip_entry(zip, "e2.md");
  posts.write("m.zip", zip);
  std::vector<essaykit::BatchEntry> entries;
  using Got = std::vector<std::pair<std::string, std::string>>;
  REQUIRE(batch_of(posts.dir + "/m.zip", entries) == Got{{"m.zip!e0.md", "document"}, {"m.zip!e1.md", "document"},
                                                          {"m.zip!e2.md", "unreadable"}, {"m.zip!e3.md", "document"},
                                                          {"m.zip!e4.md", "document"}});
  REQUIRE(entries[2].error);
  CHECK(entries[2].error->message.rfind("damaged entry: its data is damaged and cannot be read (", 0) == 0);
  CHECK(entries[2].error->message.find("ZIP decompression failed") != std::string::npos);
  REQUIRE(entries[4].document);
  CHECK(entries[4].input.rfind("# E4\n", 0) == 0);

  // The same zip inside a tar: read again from memory.
  posts.write("outer.tar", archive_of({{"a.md", "# A\n"}, {"m.zip", zip}, {"b.md", "# B\n"}}, ustar));
  CHECK(batch_of(posts.dir + "/outer.tar", entries) ==
        Got{{"outer.tar!a.md", "document"}, {"outer.tar!m.zip!e0.md", "document"}, {"outer.tar!m.zip!e1.md", "document"},
            {"outer.tar!m.zip!e2.md", "unreadable"}, {"outer.tar!m.zip!e3.md", "document"},
            {"outer.tar!m.zip!e4.md", "document"}, {"outer.tar!b.md", "document"}});

  // Without its central directory the zip is read as a stream, where passing e2 means
  // inflating it: no new reader gets past it, and one line stands for the rest.
  posts.write("nodir.zip", zip.substr(0, zip.find("PK\x01\x02")));
  REQUIRE(batch_of(posts.dir + "/nodir.zip", entries) ==
          Got{{"nodir.zip!e0.md", "document"}, {"nodir.zip!e1.md", "document"}, {"nodir.zip!e2.md", "corrupt_archive"}});
  CHECK(entries[2].error->message.find(": the archive is truncated or damaged in this entry; it and any entries "
                                       "after it are not read") != std::string::npos);

  // Every entry damaged: 31 are read past, and the 32nd stands for the rest.
  std::string all = archive_of(posts_named_e(40), deflated_zip);
  for (int i = 0; i < 40; ++i) damage_zip_entry(all, "e" + std::to_string(i) + ".md");
  posts.write("all.zip", all);
  const Got got = batch_of(posts.dir + "/all.zip", entries);
  REQUIRE(got.size() == 32);
  for (int i = 0; i < 31; ++i) CHECK(got[i] == Got::value_type("all.zip!e" + std::to_string(i) + ".md", "unreadable"));
  CHECK(got[31] == Got::value_type("all.zip!e31.md", "corrupt_archive"));
  CHECK(entries[31].error->message.find("too many damaged entries in this archive (31 read past)") != std::string::npos);
}

TEST_CASE("a .tar.gz cut short gives every member read whole, then one line for the damage") {
  // libarchive's gzip filter inflates 64 KiB before it hands any over and drops them when
  // the input ends: these members were all lost.
  Members members;
  for (int i = 0; i < 10; ++i) {
    std::string text = "# Post " + std::to_string(i) + "\n\n";
    while (text.size() < 700) text += "A sentence of some length about a topic. ";
    members.emplace_back("p" + std::to_string(i) + ".md", text + "\n");
  }
  const std::string tar = archive_of(members, ustar);
  const std::size_t member = 512 + 1024;  // a header and two blocks of data
  REQUIRE(tar.compare(member, 2, "p1") == 0);
  Posts posts(0, 0);
  using Got = std::vector<std::pair<std::string, std::string>>;
  const auto first = [](int n, const std::string& name) {
    Got g;
    for (int i = 0; i < n; ++i) g.emplace_back(name + "!p" + std::to_string(i) + ".md", "document");
    return g;
  };
  std::vector<essaykit::BatchEntry> entries;
  const std::string here =
      "truncated gzip input: the archive is truncated or damaged from here on; any entries after this point are not read";

  SUBCASE("cut after a member") {
    posts.write("cut.tar.gz", gzip_cut_after(tar, 4 * member));
    Got want = first(4, "cut.tar.gz");
    want.emplace_back("cut.tar.gz", "corrupt_archive");
    REQUIRE(batch_of(posts.dir + "/cut.tar.gz", entries) == want);
    CHECK(entries.back().error->message == here);
  }
  SUBCASE("cut in the padding after a member's data: the member is whole") {
    posts.write("cut.tar.gz", gzip_cut_after(tar, 4 * member + 512 + members[4].second.size() + 10));
    Got want = first(5, "cut.tar.gz");
    want.emplace_back("cut.tar.gz", "corrupt_archive");
    REQUIRE(batch_of(posts.dir + "/cut.tar.gz", entries) == want);
    // (libarchive's words for the padding it could not pass, before batch's)
    const std::string& m = entries.back().error->message;
    CHECK(m.substr(m.find(':')) == here.substr(here.find(':')));
    CHECK(entries[4].input == members[4].second);
  }
  SUBCASE("cut in a member's data: its line says so") {
    posts.write("cut.tar.gz", gzip_cut_after(tar, 4 * member + 512 + 300));
    Got want = first(4, "cut.tar.gz");
    want.emplace_back("cut.tar.gz!p4.md", "corrupt_archive");
    REQUIRE(batch_of(posts.dir + "/cut.tar.gz", entries) == want);
    CHECK(entries.back().error->message ==
          "truncated gzip input: the archive is truncated or damaged in this entry; it and any entries after it are not read");
  }
}
