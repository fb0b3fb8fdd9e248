// analyze() on HTML: no crash, no hang, every span valid, JSON that reads back.
#include "fuzz_analyze.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return fuzz_analyze(data, size, essaykit::Format::html);
}
