// bench_sentences — essaykit's sentence segmenter beside ICU's sentence BreakIterator,
// on the same UTF-8 text in the same run.
//
//   bench_sentences FILE [--repeat N]
//
// ICU reads the UTF-8 directly through a UText (no conversion to UTF-16 is timed), so
// both sides do the same job: find every sentence boundary of the text.
#include <essaykit/sentences.h>
#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "bench_util.h"

using bench::best_seconds;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_sentences FILE [--repeat N]\n");
    return 2;
  }
  int repeat = 3;
  for (int i = 2; i + 1 < argc; ++i)
    if (!std::strcmp(argv[i], "--repeat")) repeat = std::max(1, std::atoi(argv[i + 1]));
  const std::optional<std::string> file = bench::read_file("bench_sentences", argv[1]);
  if (!file) return 1;
  const std::string& text = *file;

  std::size_t ours = 0;
  double t_ours = best_seconds(repeat, [&] { ours = essaykit::split_sentences(text).size(); });

  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> bi(icu::BreakIterator::createSentenceInstance(icu::Locale::getEnglish(), status));
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status)) {
    std::fprintf(stderr, "bench_sentences: ICU: %s\n", u_errorName(status));
    return 1;
  }
  std::size_t icu_count = 0;
  double t_icu = best_seconds(repeat, [&] {
    bi->setText(ut, status);
    icu_count = 0;
    for (int32_t p = bi->first(); (p = bi->next()) != icu::BreakIterator::DONE;) ++icu_count;
  });
  utext_close(ut);

  const double mb = static_cast<double>(text.size()) / 1e6;
  std::printf("%s: %.1f MB\n", argv[1], mb);
  std::printf("  essaykit split_sentences  %8.1f MB/s  %zu sentences\n", mb / t_ours, ours);
  std::printf("  ICU BreakIterator         %8.1f MB/s  %zu sentences\n", mb / t_icu, icu_count);
  std::printf("  ratio essaykit / ICU      %8.2f\n", t_icu / t_ours);
  return 0;
}
