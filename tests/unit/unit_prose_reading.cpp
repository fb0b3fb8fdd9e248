// ProseReading: a block's prose as read, and the map from its source offsets.
#include "helpers.h"
#include "prose_reading.h"

using essaykit::Format;
using essaykit::detail::ProseReading;

namespace {
std::string read(std::string_view block, Format format = Format::markdown, bool item = false) {
  ProseReading r;
  r.read(block, format, item);
  return std::string(r.text());
}
}  // namespace

TEST_CASE("Markdown inline markup reads as its words") {
  CHECK(read("We **must** act _now_.") == "We must act now.");
  CHECK(read("Read [the docs](https://example.com/a_b) and ![a chart](c.png).") == "Read the docs and a chart.");
  CHECK(read("See [the PR][pr] and [the issue][].") == "See the PR and the issue.");
  CHECK(read("See [the tracker] for more.") == "See the tracker for more.");  // a shortcut reference
  CHECK(read("Call `f(*x, _y_)` here.") == "Call f(*x, _y_) here.");          // code keeps its text
  CHECK(read("Records.[^1] Ledgers.[^note]") == "Records. Ledgers.");
  // A mark after a space, before a stop or a space, goes with the space before it.
  CHECK(read("Parks should be protected [^n]. And kept [^m], too [^n]") == "Parks should be protected. And kept, too");
  CHECK(read("Kept [^m] open.") == "Kept open.");
  // An image between sentences, or opening the block, reads as nothing; inside one, as its words.
  CHECK(read("Fund transit well. ![a bus](bus.png) Buses should be free.") == "Fund transit well. Buses should be free.");
  CHECK(read("![a chart](c.png)") == "");
  CHECK(read("![a chart][fig] Sales rose.") == "Sales rose.");
  // A footnote mark after '!' is no image: the '!' ends the sentence.
  CHECK(read("What a relief![^2] It works.") == "What a relief! It works.");
  CHECK(read("It works![^2]") == "It works!");  // at the end of the text
  // An image's forms are still images, its alt words kept.
  CHECK(read("See ![^2](c.png) and ![^3][fig] here.") == "See ^2 and ^3 here.");
  CHECK(read("## Why it matters ##") == "Why it matters");
  CHECK(read("A &amp; B &mdash; &#x263A; &#65;") == "A & B \xE2\x80\x94 \xE2\x98\xBA A");
  CHECK(read("An <em>inline</em> tag<!-- a note --> and <https://example.com>.") == "An inline tag and https://example.com.");
  CHECK(read("Escaped \\*stars\\* stay.") == "Escaped *stars* stay.");
  // What is struck out is taken back: it goes, with one of the spaces around it.
  CHECK(read("~~Struck~~ text.") == "text.");
  CHECK(read("We ~~should~~ must act ~now~.") == "We must act.");
}

TEST_CASE("what only looks like markup stays") {
  CHECK(read("xoshiro256** is fast.") == "xoshiro256** is fast.");  // a run that pairs with nothing
  CHECK(read("2 * 3 * 4 is 24.") == "2 * 3 * 4 is 24.");
  CHECK(read("snake_case_name and __init__") == "snake_case_name and init");  // '_' inside a word is text
  CHECK(read("The backtick (`) quotes code.") == "The backtick (`) quotes code.");
  CHECK(read("Tasks: [x] done, [1] cited.") == "Tasks: [x] done, [1] cited.");
  CHECK(read("#hashtag is no heading") == "#hashtag is no heading");
}

TEST_CASE("white space reads as single spaces, and a quote's markers go") {
  CHECK(read("one\ntwo\n> three\n>four", Format::markdown) == "one two three four");
  CHECK(read("a\xC2\xA0" "b\tc", Format::text) == "a b c");
}

// A hyphenated word a wrapped text breaks at its hyphen is one word again; a dash, a
// suspended hyphen before a space, and Markdown's line break (a space on the page) are not.
TEST_CASE("plain text wrapped at a hyphen reads as one word") {
  CHECK(read("a well-\nknown result", Format::text) == "a well-known result");
  CHECK(read("a long-  \n   term plan", Format::text) == "a long-term plan");
  CHECK(read("in 1990-\n1995 and then", Format::text) == "in 1990- 1995 and then");
  CHECK(read("it ended --\nthen began", Format::text) == "it ended -- then began");
  CHECK(read("pre- and\npost-war", Format::text) == "pre- and post-war");
  CHECK(read("a well-\nknown result", Format::markdown) == "a well- known result");
}

TEST_CASE("plain text: the Markdown it may hold, a list item's marker, and no more") {
  CHECK(read("We **must** act.", Format::text) == "We must act.");
  CHECK(read("See [the site](https://example.com).", Format::text) == "See the site.");
  CHECK(read("[T any](addr uintptr) is code", Format::text) == "[T any](addr uintptr) is code");  // no URL
  CHECK(read("A &amp; B <T>", Format::text) == "A &amp; B <T>");  // entities and tags are text here
  CHECK(read("- First item", Format::text, true) == "First item");
  CHECK(read("2) Second item", Format::text, true) == "Second item");
  CHECK(read("\xE2\x80\xA2 Third item", Format::text, true) == "Third item");
  CHECK(read("- Not an item", Format::text, false) == "- Not an item");
  CHECK(read("# A heading in text", Format::text) == "A heading in text");
}

TEST_CASE("plain text: the footnote references the reader found are read away") {
  // The block starts at offset 100 of its input; the references are input spans.
  const std::string_view block = "Ledgers matter.1 A note in a word, Core2team, and one at the end.3";
  const std::size_t at = 100;
  auto span = [&](std::string_view mark, std::size_t from = 0) {
    const std::size_t b = block.find(mark, from);
    REQUIRE(b != std::string_view::npos);
    return essaykit::Span{at + b, at + b + mark.size(), 1};
  };
  // Sorted by start; one before the block and one after it must be left alone.
  const std::vector<essaykit::Span> refs = {{10, 11, 1}, span("1"), span("2"), span("3", 40), {500, 501, 2}};
  ProseReading r;
  r.read(block, Format::text, false, {&refs, at});
  CHECK(r.text() == "Ledgers matter. A note in a word, Coreteam, and one at the end.");
  // A sentence's text drops its reference too, its span unchanged.
  CHECK(std::string(r.range(0, block.find(" A note"))) == "Ledgers matter.");
  // No references in the block: a block without markup is still its own reading.
  const std::vector<essaykit::Span> elsewhere = {{10, 11, 1}};
  r.read(block, Format::text, false, {&elsewhere, at});
  CHECK(r.text().data() == block.data());
}

TEST_CASE("a sentence's text is cut from the block's reading: pairs across sentences, exact ranges") {
  const std::string_view block = "**First claim. Second claim.** Third, [linked](http://x.io/a.b).";
  ProseReading r;
  r.read(block, Format::markdown);
  CHECK(r.text() == "First claim. Second claim. Third, linked.");
  auto range = [&](std::string_view sentence) {
    const std::size_t b = block.find(sentence);
    return std::string(r.range(b, b + sentence.size()));
  };
  CHECK(range("**First claim.") == "First claim.");
  CHECK(range("Second claim.**") == "Second claim.");
  CHECK(range("Third, [linked](http://x.io/a.b).") == "Third, linked.");
  CHECK(r.range(5, 5).empty());
  CHECK(r.range(40, 10).empty());
}

TEST_CASE("a block without markup is its own reading") {
  const std::string_view block = "Plain words, nothing else.";
  ProseReading r;
  r.read(block, Format::markdown);
  CHECK(r.text().data() == block.data());  // no copy
  CHECK(r.range(6, 11) == "words");
}

TEST_CASE("hostile blocks stay linear") {
  // Every kind of opener with no closer, many times over: each is looked for once.
  std::string block;
  for (int i = 0; i < 20000; ++i) block += "` `` ``` [a]( *_ ~ <a ";
  ProseReading r;
  r.read(block, Format::markdown);
  CHECK(r.text().size() <= block.size());
}
