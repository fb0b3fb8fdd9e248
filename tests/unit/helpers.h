// Helpers shared by the unit tests.
#ifndef ESSAYKIT_TESTS_HELPERS_H
#define ESSAYKIT_TESTS_HELPERS_H

#include <essaykit/essaykit.h>
#include <doctest/doctest.h>

#include <string>
#include <string_view>

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

}  // namespace test

#endif
