// The passes alone, on block models built by hand.
#include "helpers.h"
#include "passes.h"

using namespace essaykit;
using namespace essaykit::detail;

TEST_CASE("build_sections: parents and ends from levels alone") {
  std::vector<HeadingBlock> h = {{{0, 3, 1}, 2, "a"}, {{10, 13, 3}, 3, "b"}, {{20, 23, 5}, 1, "c"}, {{30, 33, 7}, 3, "d"}};
  auto s = build_sections(std::move(h), 100);
  REQUIRE(s.size() == 4);
  CHECK_FALSE(s[0].parent);
  CHECK(s[1].parent == 0u);
  CHECK(s[0].end_of_section == 20);
  CHECK(s[1].end_of_section == 20);
  CHECK(s[3].parent == 2u);  // a skipped level still nests under the nearest outer heading
  CHECK(s[2].end_of_section == 100);
  CHECK(section_at(s, 5) == 0u);
  CHECK(section_at(s, 15) == 1u);
  CHECK(section_at(s, 0) == 0u);
}

TEST_CASE("section_at before any heading is none") {
  std::vector<HeadingBlock> h = {{{10, 13, 2}, 1, "a"}};
  auto s = build_sections(std::move(h), 50);
  CHECK_FALSE(section_at(s, 3).has_value());
  CHECK(section_at(s, 10) == 0u);
}

TEST_CASE("link_footnotes: order of first reference, orphans both ways") {
  std::string input = "x1 y2 z1 w9\nbody one\nbody two\nbody three\n";
  LineIndex lines(input);
  std::vector<FootnoteBody> bodies = {{"1", {12, 20, 2}, "body one"}, {"2", {21, 29, 3}, "body two"},
                                      {"3", {30, 40, 4}, "body three"}};
  std::vector<RefSite> refs = {{"2", {4, 5, 1}}, {"1", {1, 2, 1}}, {"1", {7, 8, 1}}, {"9", {10, 11, 1}}};
  std::vector<Diagnostic> diags;
  auto f = link_footnotes(std::move(bodies), refs, input, lines, diags);
  REQUIRE(f.size() == 4);
  CHECK(f[0].label == "2");
  CHECK(f[1].label == "1");
  CHECK(f[1].refs.size() == 2);
  CHECK(f[2].label == "9");
  CHECK_FALSE(f[2].body);
  CHECK(f[3].label == "3");
  CHECK(f[3].refs.empty());
  CHECK(diags.size() == 2);
  CHECK(f[0].refs[0].context == "x1 y");
}

namespace {
// The sentences split_sentences finds in `t`, as text.
std::vector<std::string> split(std::string_view t) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  split_sentences(t, spans);
  std::vector<std::string> out;
  for (auto [b, e] : spans) out.emplace_back(t.substr(b, e - b));
  return out;
}
}  // namespace

TEST_CASE("split_sentences: stops, abbreviations, numbers") {
  CHECK(split("Hello World. My name is Jonas.") == std::vector<std::string>{"Hello World.", "My name is Jonas."});
  CHECK(split("What is your name? My name is Jonas.").size() == 2);
  CHECK(split("My name is Jonas E. Smith.").size() == 1);
  CHECK(split("She has $100.00 in her bag.").size() == 1);
  CHECK(split("At 5 p.m. he left.").size() == 1);
  CHECK(split("See e.g. the docs.").size() == 1);
  CHECK(split("It works in PyTorch code.1 That is all.") ==
        std::vector<std::string>{"It works in PyTorch code.1", "That is all."});
  // A bracketed note number after the stop, as a wiki's copy keeps it: the sentence ends
  // after it (the two ran on as one).
  CHECK(split("The air was cleaner.[1] Children breathe it.") ==
        std::vector<std::string>{"The air was cleaner.[1]", "Children breathe it."});
  CHECK(split("It was so.[12][3] Then it changed.") == std::vector<std::string>{"It was so.[12][3]", "Then it changed."});
  CHECK(split("See p.[3] for it.").size() == 1);
  CHECK(split("It was so.[1234] Then.").size() == 1);  // (no note number: four digits)
  // A superscript note mark after the stop, as a page sets it.
  CHECK(split("It costs more than it saves.\u00B9\u00B2 Heart attacks rise.\u2074 Then.") ==
        std::vector<std::string>{"It costs more than it saves.\u00B9\u00B2", "Heart attacks rise.\u2074", "Then."});
  // Abbreviations that stand before a number are words before anything else.
  CHECK(split("See No. 5 and Fig. 3 on Jan. 12 for details.").size() == 1);
  CHECK(split("They say no. Yet it works.") == std::vector<std::string>{"They say no.", "Yet it works."});
  CHECK(split("Wait a sec. Then go.").size() == 2);
  CHECK(split("First para.\n\nsecond para").size() == 2);
  CHECK(split("").empty());
}

TEST_CASE("split_sentences: 'etc.' before a capital ends its sentence; a bracket holds one where a stop closes it") {
  CHECK(split("We bought fruit, bread, etc. Then we went home.") ==
        std::vector<std::string>{"We bought fruit, bread, etc.", "Then we went home."});
  CHECK(split("Tools such as make, ninja, etc. are fast.").size() == 1);
  CHECK(split("We bought apples, pears, etc. 20 kilos in all.").size() == 1);
  // (Other abbreviations still need a word that opens sentences: "cf. Smith" goes on.)
  CHECK(split("See the survey, cf. Smith and Jones for more.").size() == 1);
  // A word that links a sentence to the one before opens one after an abbreviation as a
  // pronoun does; a name does not.
  CHECK(split("We met at 5 p.m. Afterwards we went home.") ==
        std::vector<std::string>{"We met at 5 p.m.", "Afterwards we went home."});
  CHECK(split("It runs on a MacBook M1 Max. With 64GB of memory it is fast.").size() == 2);
  CHECK(split("The meeting starts at 9 a.m. Eastern time.").size() == 1);
  CHECK(split("He works for the U.S. Army now.").size() == 1);
  // A note's number glued to a year's stop, before a word that opens sentences; a decimal,
  // and a list's or a heading's letter, end none.
  CHECK(split("It was founded in 2010.1 It grew slowly. Nobody minded.") ==
        std::vector<std::string>{"It was founded in 2010.1", "It grew slowly.", "Nobody minded."});
  CHECK(split("The hall cost 2010.5 Euros a month.").size() == 1);
  CHECK(split("The value was 3.14 Then it rose.").size() == 1);
  CHECK(split("b. Something else is here.").size() == 1);
  CHECK(split("### b. Something else is here").size() == 1);  // (a Markdown heading's source)
  CHECK(split("Read p. Then go.").size() == 2);
  CHECK(split("Cities should make buses free. (Some disagree. They say it costs too much.) But the cost is small.") ==
        std::vector<std::string>{"Cities should make buses free.", "(Some disagree.", "They say it costs too much.)",
                                 "But the cost is small."});
  CHECK(split("I like it. (Book recommendations \u201Cwelcome!\u201D) Next year more.") ==
        std::vector<std::string>{"I like it.", "(Book recommendations \u201Cwelcome!\u201D)", "Next year more."});
  // What no stop closes, or no capital opens, is no sentence of its own.
  CHECK(split("Have We Already Lost? (Across the Seas #2, February 2)").size() == 1);
  CHECK(split("As shown by Smith et al. (2003) the effect holds.").size() == 1);
  CHECK(split("It ended. (a) is the first case.").size() == 1);
  CHECK(split("It ended. (Then it went on and on").size() == 1);
}

TEST_CASE("split_sentences: a letter after an apostrophe ends a word, not an abbreviation") {
  // "don't." and "Chris's." end sentences before any capitalised word, as "p." does not.
  CHECK(split("Some people agree and some don't. People differ.") ==
        std::vector<std::string>{"Some people agree and some don't.", "People differ."});
  CHECK(split("The idea was Chris's. Nobody else had it.") ==
        std::vector<std::string>{"The idea was Chris's.", "Nobody else had it."});
  CHECK(split("It isn\xE2\x80\x99t. Venus is hot.") == std::vector<std::string>{"It isn\xE2\x80\x99t.", "Venus is hot."});
  // A single letter without one is still read as an abbreviation before a word that
  // opens no sentence (a name), and ends one before a word that does (a pronoun).
  CHECK(split("We chose option b. Smith liked it.").size() == 1);
  CHECK(split("We chose option b. Nobody liked it.").size() == 2);
}

TEST_CASE("split_sentences: a no-break or other Unicode space after a stop parts sentences") {
  // Editors write two spaces after a period as "&nbsp; ", and pages use &emsp; or &thinsp;:
  // the stop ended no sentence, since only an ASCII space followed it.
  CHECK(split("One is here.\xC2\xA0 Two is here.\xC2\xA0Three is here.") ==
        std::vector<std::string>{"One is here.", "Two is here.", "Three is here."});
  CHECK(split("Four is here.\xE2\x80\x83" "Five is here.\xE2\x80\x89Six.\xE3\x80\x80Seven.") ==
        std::vector<std::string>{"Four is here.", "Five is here.", "Six.", "Seven."});
  // A glued note number, then a no-break space; and the rules still hold after one.
  CHECK(split("It works in code.1\xC2\xA0That is all.") == std::vector<std::string>{"It works in code.1", "That is all."});
  CHECK(split("Ask Dr.\xC2\xA0Smith now. Then go.") == std::vector<std::string>{"Ask Dr.\xC2\xA0Smith now.", "Then go."});
  CHECK(split("We stop.\xC2\xA0then go on.").size() == 1);
  // A word joined by a no-break space is one sentence, not cut.
  CHECK(split("Grace\xC2\xA0Hopper wrote it.").size() == 1);
}

TEST_CASE("split_sentences: white space and zero-width characters alone are no sentence") {
  // A paragraph of &nbsp;, &emsp; or &#8203; (a zero-width space) showed as a sentence.
  CHECK(split("\xC2\xA0").empty());
  CHECK(split("\xE3\x80\x80 \xE2\x80\x83").empty());
  CHECK(split("\xE2\x80\x8B\xEF\xBB\xBF").empty());
  CHECK(split("\xC2\xA0Real text.\xC2\xA0\n\n\xE2\x80\x8B\n\nMore.") == std::vector<std::string>{"Real text.", "More."});
}

TEST_CASE("split_sentences: lines without a stop are fragments, unless they end on a colon") {
  // A list of fragments, as a plain-text copy gives a menu or a feature list.
  CHECK(split("features\ncontact manager\ncalendar") ==
        std::vector<std::string>{"features", "contact manager", "calendar"});
  // A lead-in wrapped over lines: one sentence, announcing what follows it.
  CHECK(split("So, to restate the last section in more formal terms, the\nidea is that we have:") ==
        std::vector<std::string>{"So, to restate the last section in more formal terms, the\nidea is that we have:"});
}

TEST_CASE("split_sentences: a CJK full stop, exclamation or question mark ends a sentence") {
  // Chinese and Japanese put no space after 。！？, so a stop followed by the next
  // sentence's first character never ended one: a paragraph was one sentence.
  CHECK(split("\xE4\xBB\x8A\xE5\xA4\xA9\xE4\xB8\x8B\xE9\x9B\xA8\xE3\x80\x82\xE6\x88\x91\xE4\xB8\x8D\xE5\x8E\xBB\xEF\xBC\x81"
              "\xE4\xBD\xA0\xE5\x91\xA2\xEF\xBC\x9F") ==  // 今天下雨。我不去！你呢？
        std::vector<std::string>{"\xE4\xBB\x8A\xE5\xA4\xA9\xE4\xB8\x8B\xE9\x9B\xA8\xE3\x80\x82",
                                 "\xE6\x88\x91\xE4\xB8\x8D\xE5\x8E\xBB\xEF\xBC\x81", "\xE4\xBD\xA0\xE5\x91\xA2\xEF\xBC\x9F"});
  // A closing quote or bracket after the stop stays with its sentence (「好。」), a run of
  // stops is one end (！？), and Latin text after a stop opens the next sentence.
  CHECK(split("\xE4\xBB\x96\xE8\xAF\xB4\xE3\x80\x8C\xE5\xA5\xBD\xE3\x80\x82\xE3\x80\x8D\xE7\x9C\x9F\xE7\x9A\x84\xEF\xBC\x81"
              "\xEF\xBC\x9FiPhone \xE5\xBE\x88\xE8\xB4\xB5\xE3\x80\x82") ==  // 他说「好。」真的！？iPhone 很贵。
        std::vector<std::string>{"\xE4\xBB\x96\xE8\xAF\xB4\xE3\x80\x8C\xE5\xA5\xBD\xE3\x80\x82\xE3\x80\x8D",
                                 "\xE7\x9C\x9F\xE7\x9A\x84\xEF\xBC\x81\xEF\xBC\x9F",
                                 "iPhone \xE5\xBE\x88\xE8\xB4\xB5\xE3\x80\x82"});
  // Lines whose only stops are CJK ones are sentences, not a list of fragments.
  CHECK(split("\xE7\xAC\xAC\xE4\xB8\x80\xE5\x8F\xA5\xE3\x80\x82\n\xE7\xAC\xAC\xE4\xBA\x8C\xE5\x8F\xA5\xE3\x80\x82") ==
        std::vector<std::string>{"\xE7\xAC\xAC\xE4\xB8\x80\xE5\x8F\xA5\xE3\x80\x82",
                                 "\xE7\xAC\xAC\xE4\xBA\x8C\xE5\x8F\xA5\xE3\x80\x82"});  // 第一句。\n第二句。
  // Other characters that share the stops' lead bytes (、 U+3001, ， U+FF0C) end nothing.
  CHECK(split("\xE4\xB8\x80\xE3\x80\x81\xE4\xBA\x8C\xEF\xBC\x8C\xE4\xB8\x89\xE3\x80\x82").size() == 1);  // 一、二，三。
  // A quote or emphasis mark that opens the next sentence stays with it: 他说。"你好。"
  CHECK(split("\xE4\xBB\x96\xE8\xAF\xB4\xE3\x80\x82\"\xE4\xBD\xA0\xE5\xA5\xBD\xE3\x80\x82\"") ==
        std::vector<std::string>{"\xE4\xBB\x96\xE8\xAF\xB4\xE3\x80\x82", "\"\xE4\xBD\xA0\xE5\xA5\xBD\xE3\x80\x82\""});
  CHECK(split("\xE7\xAC\xAC\xE4\xB8\x80\xE3\x80\x82**\xE7\xAC\xAC\xE4\xBA\x8C**\xE3\x80\x82") ==  // 第一。**第二**。
        std::vector<std::string>{"\xE7\xAC\xAC\xE4\xB8\x80\xE3\x80\x82", "**\xE7\xAC\xAC\xE4\xBA\x8C**\xE3\x80\x82"});
}

// find_claims reads a large text's second half on a second thread (kClaimsTwoThreadsFrom)
// and joins the halves: the claims must be the same as one thread's, with the sentences
// and without, the texts it keeps (a claim's text read out of its markup) and the sentence
// numbers of the second half included.
TEST_CASE("find_claims: two threads find what one finds") {
  std::string input = "# Time to rest\n\n";
  for (int i = 0; i < 60; ++i) {
    if (i % 20 == 10) input += "## Part " + std::to_string(i / 20 + 1) + "\n\n";
    input += "Schools **should** give students more time to rest, and change number " + std::to_string(i) +
             " is the first step. [Studies](https://example.org/" + std::to_string(i) +
             ") show that tired students learn less than rested ones. Some say that homework builds "
             "discipline. However, I believe that sleep matters more than any worksheet.\n\n";
    if (i % 15 == 7) input += "- Parents *must* set a bedtime.\n- Teachers should set less homework.\n\n";
  }
  input += "In conclusion, schools should start later, because rested students learn more.\n";
  const LineIndex lines(input);
  BlockModel model = read_markdown(input, lines);
  const std::vector<Section> sections = build_sections(std::move(model.headings), input.size());
  auto same = [](const std::vector<Claim>& a, const std::vector<Claim>& b) {
    REQUIRE(a.size() == b.size());
    for (std::size_t k = 0; k < a.size(); ++k) {
      CAPTURE(k);
      CHECK(a[k].text == b[k].text);
      CHECK(a[k].span == b[k].span);
      CHECK(a[k].section == b[k].section);
      CHECK(a[k].kind == b[k].kind);
      CHECK(a[k].score == b[k].score);
      CHECK(a[k].cues == b[k].cues);
    }
  };
  const std::size_t one_thread = SIZE_MAX, two_threads = 0;
  std::size_t count_one = 0, count_two = 0;
  const std::vector<Claim> one = find_claims(input, Format::markdown, model.prose, lines, sections, count_one, {}, one_thread);
  const std::vector<Claim> two = find_claims(input, Format::markdown, model.prose, lines, sections, count_two, {}, two_threads);
  same(one, two);
  CHECK(count_one == count_two);
  // Claims in the second half, one read out of its markup (a text the finder keeps).
  REQUIRE(one.size() > 20);
  bool kept_in_second_half = false;
  for (const Claim& c : one)
    kept_in_second_half |= c.span.start > input.size() / 2 && c.text.find("should give") != std::string::npos &&
                           slice(input, c.span).find("**") != std::string_view::npos;
  CHECK(kept_in_second_half);
  CHECK(std::count_if(one.begin(), one.end(), [](const Claim& c) { return c.kind == ClaimKind::thesis; }) >= 1);
  // With the sentences, read as analyze() reads them.
  std::vector<std::uint32_t> block_of;
  std::vector<Sentence> sentences = split_sentences(input, model.prose, lines, block_of);
  read_sentence_texts(input, Format::markdown, model.prose, sentences, block_of);
  CHECK(sentences.size() == count_one);
  same(find_claims(input, Format::markdown, model.prose, sentences, true, block_of, sections, {}, one_thread),
       find_claims(input, Format::markdown, model.prose, sentences, true, block_of, sections, {}, two_threads));
  same(one, find_claims(input, Format::markdown, model.prose, sentences, true, block_of, sections, {}, two_threads));
}
