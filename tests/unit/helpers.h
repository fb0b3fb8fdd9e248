// Helpers shared by the unit tests.
#ifndef ESSAYKIT_TESTS_HELPERS_H
#define ESSAYKIT_TESTS_HELPERS_H

#include <essaykit/essaykit.h>
#include <doctest/doctest.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace test {

inline essaykit::Document analyze(std::string_view input, essaykit::Format format, bool sentences = false) {
  essaykit::Options o;
  o.format = format;
  o.sentences = sentences;
  essaykit::Result r = essaykit::analyze(input, o);
  REQUIRE(r.ok());
  return std::move(r).document();
}
inline essaykit::Document md(std::string_view input) { return analyze(input, essaykit::Format::markdown); }
inline essaykit::Document text(std::string_view input) { return analyze(input, essaykit::Format::text); }
// `input` as a copy without blank lines has it: each run of line breaks one.
inline std::string without_blank_lines(std::string input) {
  for (std::size_t at; (at = input.find("\n\n")) != std::string::npos;) input.erase(at, 1);
  return input;
}

// Each section's title, in order.
inline std::vector<std::string> section_titles(const essaykit::Document& d) {
  std::vector<std::string> out;
  for (const essaykit::Section& s : d.sections) out.push_back(s.title);
  return out;
}
// How many items each list holds, in order: {3, 2} for a list of three and one of two.
inline std::vector<std::size_t> list_sizes(const essaykit::Document& d) {
  std::vector<std::size_t> out;
  for (const essaykit::List& l : d.lists) out.push_back(l.items.size());
  return out;
}

// Checks that `d` has one footnote per entry of `openings`, each body's text opening with
// its entry, in order: one check per body (each named when it fails).
inline void check_bodies_open_with(const essaykit::Document& d, const std::vector<std::string_view>& openings) {
  REQUIRE(d.footnotes.size() == openings.size());
  for (std::size_t k = 0; k < openings.size(); ++k) {
    CAPTURE(k);
    CHECK(d.footnotes[k].text.rfind(openings[k], 0) == 0);
  }
}

}  // namespace test

#endif
