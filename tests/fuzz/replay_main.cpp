// A main() for the fuzz targets when they are built without libFuzzer: runs the
// target once on every file named (directories are walked), so the seed corpus and
// every input a fuzzer ever found become a plain regression test under any compiler.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  std::string ext;  // --ext=.txt: in directories, take only files ending so
  for (int i = 1; i < argc; ++i) {
    std::error_code ec;
    const std::string arg = argv[i];
    if (arg.rfind("--ext=", 0) == 0) {
      ext = arg.substr(6);
    } else if (fs::is_directory(arg, ec)) {
      for (const auto& e : fs::recursive_directory_iterator(arg)) {
        const std::string name = e.path().filename().string();
        const bool suffix_ok = name.size() >= ext.size() && name.compare(name.size() - ext.size(), ext.size(), ext) == 0;
        if (e.is_regular_file() && suffix_ok) files.push_back(e.path());
      }
    } else {
      files.emplace_back(arg);
    }
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "replay: cannot read %s\n", f.c_str());
      return 1;
    }
    const std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // In a buffer of exactly its size, as libFuzzer gives it: a std::string's terminating
    // NUL would hide a read one byte past the end from AddressSanitizer.
    const std::unique_ptr<std::uint8_t[]> exact(new std::uint8_t[data.size() + (data.empty() ? 1 : 0)]);
    std::memcpy(exact.get(), data.data(), data.size());
    LLVMFuzzerTestOneInput(exact.get(), data.size());
  }
  std::printf("replay: %zu inputs, all checks held\n", files.size());
  return files.empty() ? 1 : 0;
}
