#include "helpers.h"
#include "text_util.h"

using namespace essaykit::detail;

TEST_CASE("LineIndex counts lines at LF, CRLF as one end") {
  LineIndex idx("a\r\nbb\nccc");
  CHECK(idx.line_count() == 3);
  CHECK(idx.line_of(0) == 1);
  CHECK(idx.line_of(2) == 1);  // the LF of the CRLF is still line 1
  CHECK(idx.line_of(3) == 2);
  CHECK(idx.line_of(6) == 3);
  CHECK(idx.line_start(3) == 6);
  CHECK(LineIndex("x\n").line_count() == 1);
  CHECK(LineIndex("").line_count() == 1);
}

TEST_CASE("invalid UTF-8 runs are found and replaced") {
  std::string s = "ok \xC0\xAF then \xED\xA0\x80 and \xE2\x82";  // overlong, surrogate, truncated
  std::vector<std::pair<std::size_t, std::size_t>> runs;
  for_each_invalid_utf8(s, [&](std::size_t b, std::size_t e) { runs.emplace_back(b, e); });
  REQUIRE(runs.size() == 3);
  CHECK(runs[0] == std::make_pair<std::size_t, std::size_t>(3, 5));
  CHECK(runs[2].second == s.size());
  std::string v = valid_utf8(s);
  CHECK(v.find("\xEF\xBF\xBD") != std::string::npos);
  std::size_t bad = for_each_invalid_utf8(v, [](std::size_t, std::size_t) {});
  CHECK(bad == 0);
}

TEST_CASE("clean_text composes to NFC") {
  CHECK(clean_text("Le\xCC\x81o") == "L\xC3\xA9o");
  CHECK(clean_text("plain") == "plain");
}

TEST_CASE("tail_chars keeps whole code points and collapses spaces") {
  CHECK(tail_chars("abc  d\xC3\xA9" "f", 4) == "d\xC3\xA9" "f");
  CHECK(tail_chars("a  b", 60) == "a b");
}

TEST_CASE("count_words skips punctuation-only tokens") {
  CHECK(count_words("Hello, world -- it's me.") == 4);
  CHECK(count_words("") == 0);
}
