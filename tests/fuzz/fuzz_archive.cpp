// The batch reader on arbitrary archive bytes (tar, gzip/bzip2/xz/zstd-compressed
// tar, zip, and archives inside them): every line is strict JSON naming an entry of
// this archive, with a document or an error of a known code; nothing crashes or hangs.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "essaykit/essaykit.h"
#include "fuzz_check.h"

namespace {

// One scratch file per process, removed at exit.
const std::string& scratch_path() {
  static const std::string path = [] {
    char dir[] = "/tmp/essaykit-fuzz-archive.XXXXXX";
    if (!mkdtemp(dir)) fuzzcheck::fail("cannot make a scratch directory");
    static std::string d = dir;
    std::atexit([] {
      std::remove((d + "/input.tar").c_str());
      rmdir(d.c_str());
    });
    return d + "/input.tar";
  }();
  return path;
}

bool known_code(std::string_view code) {
  for (essaykit::BatchErrorCode k :
       {essaykit::BatchErrorCode::binary, essaykit::BatchErrorCode::too_large, essaykit::BatchErrorCode::ratio_limit,
        essaykit::BatchErrorCode::depth_limit, essaykit::BatchErrorCode::unreadable,
        essaykit::BatchErrorCode::corrupt_archive, essaykit::BatchErrorCode::symlink, essaykit::BatchErrorCode::failed})
    if (code == essaykit::batch_error_code_name(k)) return true;
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string& path = scratch_path();
  {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) fuzzcheck::fail("cannot write the scratch file");
    if (size) std::fwrite(data, 1, size, f);
    std::fclose(f);
  }
  essaykit::BatchOptions options;
  options.threads = 1;
  options.limits.max_entry_bytes = 1 << 20;
  options.limits.max_depth = 4;
  std::size_t lines = 0;
  const essaykit::BatchStats stats = essaykit::run_batch({path}, options, [&](std::string_view line) {
    ++lines;
    const fuzzcheck::Json j = fuzzcheck::parse_json(line);
    const std::string& shown = j.at("path").text;
    FUZZ_CHECK_MSG(shown.compare(0, path.size(), path) == 0, shown);
    FUZZ_CHECK(essaykit::batch_line_path(line) == shown);
    if (const fuzzcheck::Json* doc = j.get("document")) {
      FUZZ_CHECK(doc->at("schema").text == "essaykit/document/v1");
      FUZZ_CHECK(!essaykit::batch_line_error(line));
    } else {
      FUZZ_CHECK_MSG(known_code(j.at("error").at("code").text), line);
      // The line reads back through the API as the error it is.
      const std::optional<essaykit::BatchError> e = essaykit::batch_line_error(line);
      FUZZ_CHECK_MSG(e && essaykit::batch_error_code_name(e->code) == j.at("error").at("code").text &&
                         e->message == j.at("error").at("message").text,
                     line);
    }
  });
  FUZZ_CHECK(stats.documents + stats.errors == lines);
  return 0;
}
