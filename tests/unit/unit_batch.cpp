// run_batch's threading contract, and the error lines' codes.
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
