// Footnote references in plain text. A copy keeps a superscript as digits glued to
// the text ("code.1", "Tulloch4", "Core2team", "95%27"), or as ¹²³, [n] or [^n];
// footnote symbols (* † ‡ §) glue the same way. What separates references from the
// many numbers of prose is that they count 1, 2, 3… in order of first use: every
// place that could be one becomes a candidate with a strength (how much it looks like
// a superscript), and the chains 1, 2, …, n of increasing position with the greatest
// total strength are the readings of the references (a linear dynamic program).
// Which reading is right — and whether there are notes at all — is for the line
// labeller to decide, by placing the bodies each reading expects (labeller.h).
#ifndef ESSAYKIT_SRC_TEXT_REFS_H
#define ESSAYKIT_SRC_TEXT_REFS_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "text/lines.h"

namespace essaykit::detail::text {

struct Candidate {
  std::size_t start, end;  // the marker's bytes
  std::size_t line;        // index into doc.lines
  long value;              // the number; -1 for a [^label] that is not one
  double strength;         // ~1 weak … 4 unambiguous
  bool explicit_marker;    // [n], [^n], superscripts
  std::string label;       // for [^label]
  // The length of the word in capitals the digits are glued to, where they read as its
  // name's number ("GPT3": 3); 0 otherwise. strengthen_acronyms reads it.
  std::uint32_t capitals = 0;
};

// Every candidate in the lines that `scan[i]` allows, in document order.
std::vector<Candidate> find_candidates(const TextDoc& doc, const std::vector<bool>& scan);

// For every value v, the strongest chain 1..v of increasing position among the
// candidates before line `before_line`. A chain may skip one value (a marker the
// copy lost, or one glued to a number beyond recognition) at a cost.
class Chains {
 public:
  Chains(const std::vector<Candidate>& cands, std::size_t before_line);
  std::size_t longest() const;
  // The chain ending in value n, indexed by value - 1; npos where a value was skipped.
  std::vector<std::size_t> chain(std::size_t n, const std::vector<Candidate>& cands) const;
  // What the chain's references say by themselves: a weak link weakens the whole
  // chain, a skipped value costs. Below zero, a chain reads as numbers of prose.
  static double evidence(const std::vector<std::size_t>& chain, const std::vector<Candidate>& cands);
  // Two or three numbers in a row happen in prose ("Python 2", "round 1"): a chain of
  // references needs its links to be, on the whole, glued like superscripts.
  static bool plausible(const std::vector<std::size_t>& chain, const std::vector<Candidate>& cands);
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  static constexpr double kGapCost = 2.5;

 private:
  std::vector<double> best_score_;
  std::vector<std::size_t> best_at_;
  std::vector<std::size_t> pred_;
};

// Footnote symbols: a run of one of * † ‡ § (up to three) at s[i], or empty.
std::string_view symbol_run(std::string_view s, std::size_t i);

}  // namespace essaykit::detail::text

#endif
