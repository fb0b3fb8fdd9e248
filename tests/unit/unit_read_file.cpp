// Reading a file whole (src/decode.h: read_whole_file, behind read_file and batch):
// sizes at and over the limit, files without a size (a FIFO), folders and missing files.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>

#include <doctest/doctest.h>

#include "decode.h"

using essaykit::detail::read_whole_file;

namespace {

struct TempDir {
  std::string path;
  TempDir() {
    char tmpl[] = "/tmp/essaykit-read-XXXXXX";
    path = mkdtemp(tmpl);
  }
  ~TempDir() { std::system(("rm -rf '" + path + "'").c_str()); }
  std::string file(const std::string& name, const std::string& bytes) const {
    const std::string p = path + "/" + name;
    std::FILE* f = std::fopen(p.c_str(), "wb");
    std::fwrite(bytes.data(), 1, bytes.size(), f);
    std::fclose(f);
    return p;
  }
};

std::string pattern(std::size_t n) {
  std::string s(n, '\0');
  for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>('a' + i % 26);
  return s;
}

}  // namespace

TEST_CASE("read_whole_file: a file's bytes, up to and at the limit; over it, only its size") {
  TempDir dir;
  const std::string big = pattern(100'000);
  const auto whole = read_whole_file(dir.file("big", big).c_str(), 1 << 20);
  CHECK(whole.error == 0);
  CHECK_FALSE(whole.over_limit);
  CHECK(whole.bytes == big);

  const auto at = read_whole_file(dir.file("at", pattern(5000)).c_str(), 5000);
  CHECK_FALSE(at.over_limit);
  CHECK(at.bytes == pattern(5000));

  const auto over = read_whole_file(dir.file("over", pattern(5001)).c_str(), 5000);
  CHECK(over.over_limit);
  CHECK(over.size == 5001);
  CHECK(over.bytes.empty());

  const auto empty = read_whole_file(dir.file("empty", "").c_str(), 5000);
  CHECK(empty.error == 0);
  CHECK(empty.bytes.empty());
}

TEST_CASE("read_whole_file: a FIFO (no size) is read to its end, or to one byte over the limit") {
  TempDir dir;
  const std::string fifo = dir.path + "/fifo";
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  const std::string sent = pattern(300'000);  // many times the first buffer of 4 KiB
  // (The writer may write after the reader has stopped at the limit: an error, no signal.)
  const auto old_pipe = std::signal(SIGPIPE, SIG_IGN);
  for (const std::size_t limit : {std::size_t{1} << 20, std::size_t{50'000}}) {
    CAPTURE(limit);
    std::thread writer([&] {
      const int fd = ::open(fifo.c_str(), O_WRONLY);
      for (std::size_t at = 0; at < sent.size();) {
        const ssize_t n = ::write(fd, sent.data() + at, sent.size() - at);
        if (n <= 0) break;  // (the reader stopped at the limit and closed its end)
        at += static_cast<std::size_t>(n);
      }
      ::close(fd);
    });
    const auto got = read_whole_file(fifo.c_str(), limit);
    writer.join();
    CHECK(got.error == 0);
    if (limit > sent.size()) {
      CHECK_FALSE(got.over_limit);
      CHECK(got.bytes == sent);
    } else {
      CHECK(got.over_limit);
      CHECK(got.bytes.size() == limit + 1);  // never more memory than one byte past it
      CHECK(got.bytes == sent.substr(0, limit + 1));
    }
  }
  std::signal(SIGPIPE, old_pipe);
}

TEST_CASE("read_whole_file: a folder and a missing file are errors, with their errno") {
  TempDir dir;
  CHECK(read_whole_file(dir.path.c_str(), 100).error == EISDIR);
  CHECK(read_whole_file((dir.path + "/missing").c_str(), 100).error == ENOENT);
}

TEST_CASE("read_file: a path with a NUL byte is refused, not read up to the NUL") {
  TempDir dir;
  const std::string real = dir.path + "/a.md";
  { std::ofstream(real) << "# A\n"; }
  const essaykit::FileBytes f = essaykit::read_file(real + std::string("\0.txt", 5));
  CHECK_FALSE(f);
  CHECK(f.error.find("NUL") != std::string::npos);
  CHECK(essaykit::read_file(real));  // (the file itself reads)
}

TEST_CASE("read_file with a limit: at the limit the bytes, over it an error; a stream without end stops") {
  TempDir dir;
  const std::string ten = dir.file("ten.txt", "0123456789");
  const essaykit::FileBytes at = essaykit::read_file(ten, 10);
  REQUIRE(at);
  CHECK(at.bytes == "0123456789");
  const essaykit::FileBytes over = essaykit::read_file(ten, 9);
  CHECK_FALSE(over);
  CHECK(over.error == "larger than 9 bytes");
  CHECK(over.bytes.empty());
  // /dev/zero never ends: without the limit it would be read until memory ran out.
  const essaykit::FileBytes zeros = essaykit::read_file("/dev/zero", 1 << 16);
  CHECK_FALSE(zeros);
  CHECK(zeros.error == "larger than 65536 bytes");
  // Errors come first, as without the limit.
  CHECK(essaykit::read_file(dir.path, 5).error == "is a directory");
}
