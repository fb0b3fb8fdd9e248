// bench_notes — is the plain-text footnote model linear? Through the public API.
//
//   bench_notes [--repeat N] [COUNT...]       (default: 200 800 3200)
//
// For each COUNT, builds a browser copy with COUNT references glued to the text
// ("… ledger entries.17") and COUNT unnumbered one-line bodies at the end, and the same
// text with the digits taken out and no bodies; analyses each (plain text, claims off)
// and prints the time per byte of both, their ratio, and how the time per byte grows
// from one COUNT to the next. Also checks that every reference was linked to its body.
// The two texts are timed in turn, round by round, and each keeps its best round.
// (Counts of 10,000 and more leave the model's domain: a five-digit number glued to a
// word is read as a number, not a reference, so the last bodies have no reference.)
#include <essaykit/essaykit.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "bench_util.h"

namespace {

// Words that vary from paragraph to paragraph, so that each body can share rare words
// with its own reference and the similarity has something to find.
const char* const kWords[] = {"ledger", "harbour", "meadow", "lantern", "copper", "violin", "orchard", "granite",
                              "falcon",  "cinder",  "marble", "willow",  "saddle", "quartz", "ember",   "thistle"};
constexpr std::size_t kWordCount = sizeof kWords / sizeof kWords[0];

std::string topic(std::size_t k) {
  return std::string(kWords[k % kWordCount]) + " " + kWords[(k / kWordCount) % kWordCount];
}

// Paragraphs of prose, one reference in each when `refs`; then the bodies.
std::string make_document(std::size_t count, bool refs) {
  std::string doc = "A Long Post With Many Notes\n\n";
  for (std::size_t k = 1; k <= count; ++k) {
    doc += "Most arguments about money are really arguments about records, and the " + topic(k) +
           " case shows how teams keep them.";
    if (refs) doc += std::to_string(k);
    doc += " The rest of the paragraph goes on about how a team writes things down and reads them back.\n\n";
    if (k % 25 == 0) doc += "Section " + topic(k) + "\n\n";
  }
  doc += "That is all there is to say about records.\n\n";
  if (refs)
    for (std::size_t k = 1; k <= count; ++k)
      doc += "On the " + topic(k) + " case, see the appendix of the report it comes from.\n\n";
  return doc;
}

essaykit::Options text_options() {
  essaykit::Options options;
  options.format = essaykit::Format::text;
  options.claims = false;
  return options;
}

// One analysis of `doc` (plain text, claims off), checked: every one of `expect_notes`
// references linked to its body.
void analyse_checked(const std::string& doc, std::size_t expect_notes) {
  const essaykit::Result r = essaykit::analyze(doc, text_options());
  if (!r) {
    std::fprintf(stderr, "bench_notes: %s\n", r.error().message.c_str());
    std::exit(1);
  }
  std::size_t linked = 0;
  for (const essaykit::Footnote& f : r.document().footnotes) linked += f.body && !f.refs.empty();
  if (expect_notes && linked != expect_notes)
    std::fprintf(stderr, "bench_notes: %zu of %zu notes linked\n", linked, expect_notes);
}

// The best time per byte of each document over `repeat` rounds, the two analysed in turn
// in each round: on a shared machine whose speed drifts, timing one after the other
// would read the drift as a difference between them.
std::pair<double, double> seconds_per_byte(const std::string& with, const std::string& without, int repeat) {
  const essaykit::Options options = text_options();
  double best_with = 1e300, best_without = 1e300;
  for (int round = 0; round < repeat; ++round) {
    best_with = std::min(best_with, bench::best_seconds(1, [&] { (void)essaykit::analyze(with, options); }));
    best_without = std::min(best_without, bench::best_seconds(1, [&] { (void)essaykit::analyze(without, options); }));
  }
  return {best_with / static_cast<double>(with.size()), best_without / static_cast<double>(without.size())};
}

}  // namespace

int main(int argc, char** argv) {
  int repeat = 5;
  std::vector<std::size_t> counts;
  for (int k = 1; k < argc; ++k) {
    const std::string a = argv[k];
    if (a == "--repeat" && k + 1 < argc) repeat = std::atoi(argv[++k]);
    else counts.push_back(static_cast<std::size_t>(std::strtoul(argv[k], nullptr, 10)));
  }
  if (counts.empty()) counts = {200, 800, 3200};
  std::printf("  %7s %10s %14s %14s %10s %14s\n", "notes", "bytes", "ns/byte notes", "ns/byte none", "ratio",
              "growth/byte");
  double previous = 0;
  for (std::size_t n : counts) {
    const std::string with = make_document(n, true), without = make_document(n, false);
    analyse_checked(with, n);
    analyse_checked(without, 0);
    const auto [a, b] = seconds_per_byte(with, without, repeat);
    std::printf("  %7zu %10zu %14.1f %14.1f %9.2fx", n, with.size(), a * 1e9, b * 1e9, a / b);
    if (previous > 0) std::printf(" %13.2fx", a / previous);
    std::printf("\n");
    previous = a;
  }
  return 0;
}
