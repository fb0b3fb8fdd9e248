// The plain-text reader's recovery: headings, lists, footnotes — on texts written
// for these tests in the conventions a copied or exported post comes in.
#include <algorithm>

#include "helpers.h"

using essaykit::slice;

using test::section_titles;

namespace {
std::vector<std::string> item_texts(const essaykit::Document& d) {
  std::vector<std::string> out;
  for (const auto& l : d.lists)
    for (const auto& it : l.items) out.push_back(it.text);
  return out;
}
}  // namespace

// A browser copy: blank lines between blocks, headings and items as bare lines,
// superscripts glued to the text, unnumbered bodies at the end.
const char* kBrowserCopy =
    "Why Ledgers Matter\n"
    "\n"
    "Most arguments about money are really arguments about records, and the teams that keep good records argue "
    "less about everything else.1 This post explains why.\n"
    "\n"
    "What a ledger is\n"
    "\n"
    "A ledger is an append-only list of entries, kept in the order things happened, never edited after the fact. "
    "Andrew Tulloch2 once called it the only honest document a company has.\n"
    "\n"
    "Each entry has:\n"
    "\n"
    "A date\n"
    "An amount\n"
    "A reason someone can read a year later\n"
    "\n"
    "Why it matters\n"
    "\n"
    "When two people disagree about a number, the ledger settles it, because every change is visible and dated. "
    "That is the whole trick, and it costs almost nothing to keep up once it is a habit.3\n"
    "\n"
    "Acknowledgements\n"
    "\n"
    "Thanks to everyone who read drafts of this post and argued with me about spreadsheets.\n"
    "\n"
    "The word record comes from the Latin recordari, to remember, which is what records are for.\n"
    "\n"
    "A funny story about Andrew Tulloch and the missing invoice, for another day.\n"
    "\n"
    "The habit is the hard part; the software is easy and cheap.\n";

// Cases marked expected_failures(n) are known misses of the fitted plain-text model (see
// the README's plain-text section): each still asserts the right answer, exactly n of its
// assertions fail today, and the suite fails when that number changes either way — when
// a refit gets one right (take the mark down) or when another assertion of the case breaks.
TEST_CASE("browser copy: title, headings, the lead-in's list") {
  auto d = test::text(kBrowserCopy);
  REQUIRE(d.title);
  CHECK(d.title->text == "Why Ledgers Matter");
  CHECK(section_titles(d) == std::vector<std::string>{"What a ledger is", "Why it matters", "Acknowledgements"});
  CHECK(item_texts(d) == std::vector<std::string>{"A date", "An amount", "A reason someone can read a year later"});
  REQUIRE(d.lists.size() == 1);
  CHECK(d.lists[0].section == 0u);  // under "What a ledger is"
}

TEST_CASE("browser copy: glued references link to the trailing bodies in order") {
  std::string in = kBrowserCopy;
  auto d = test::text(in);
  REQUIRE(d.footnotes.size() == 3);
  const char* starts[] = {"The word record", "A funny story", "The habit is"};
  for (std::size_t k = 0; k < 3; ++k) {
    CAPTURE(k);
    CHECK(d.footnotes[k].label == std::to_string(k + 1));
    REQUIRE(d.footnotes[k].refs.size() == 1);
    CHECK(slice(in, d.footnotes[k].refs[0].span) == std::to_string(k + 1));  // just the digit
    REQUIRE(d.footnotes[k].body);
    CHECK(slice(in, *d.footnotes[k].body).rfind(starts[k], 0) == 0);
  }
  CHECK(d.footnotes[1].refs[0].context.find("Andrew Tulloch") != std::string::npos);
  // The acknowledgements paragraph stays in the text; it is no footnote.
  CHECK(d.stats.paragraphs >= 4);
}

// A reference glued to a year's stop ("founded in 2010.1 It grew") reads as a decimal at
// first sight; a new sentence after it, and the chain of the others, say it is a note's.
TEST_CASE("a reference glued to a year's stop links to its body; a decimal after a year is no reference") {
  const std::string in =
      "A Short History\n\n"
      "The company was founded in 2010.1 It grew slowly at first, and the founders kept their day jobs for "
      "years.2 By the end of the decade it had a hundred staff.\n\n"
      "The second office opened in 2014.3 Nobody expected the move to work, but it did.\n\n"
      "Notes\n\n"
      "The founding date is from the company's own filings.\n"
      "Both founders have said so in interviews.\n"
      "The office was in Leeds.\n";
  auto d = test::text(in);
  REQUIRE(d.footnotes.size() == 3);
  const char* starts[] = {"The founding date", "Both founders", "The office was"};
  for (std::size_t k = 0; k < 3; ++k) {
    CAPTURE(k);
    REQUIRE(d.footnotes[k].refs.size() == 1);
    CHECK(slice(in, d.footnotes[k].refs[0].span) == std::to_string(k + 1));
    REQUIRE(d.footnotes[k].body);
    CHECK(slice(in, *d.footnotes[k].body).rfind(starts[k], 0) == 0);
  }
  // The same figure before a word that goes on with the sentence is a number.
  auto amount = test::text("Costs\n\nThe hall cost 2010.5 Euros a month in rent, and the town paid it.\n\n"
                           "Nobody asked where the money came from.\n");
  CHECK(amount.footnotes.empty());
}

TEST_CASE("each body has a confidence of its own: what ties it to its reference makes it surer") {
  const std::string head =
      "Ledgers and Lighthouses\n\nKeeping the records of a harbour in one ledger was the habit of the old "
      "keepers, who wrote down every ship by hand.1 The lighthouse at Skerry kept such a ledger for ninety years, "
      "and its pages still show the storms.2\n\n"
      "That is all I wanted to say about the harbour today, and I hope it was of some use to you.\n\n";
  // Bodies that share rare words with the text around their references.
  auto tied = test::text(head +
                         "The keepers wrote by hand because the harbour had no typewriter until well after the war.\n\n"
                         "The Skerry lighthouse ledger is now kept in the county archive, where anyone may read it.\n");
  // Lines that nothing ties to either reference: the reader takes the last two, less sure.
  auto loose = test::text(head + "See the page on the museum site.\n\nSee the page on the museum site.\n\n"
                                 "See the page on the museum site.\n");
  REQUIRE(tied.footnotes.size() == 2);
  REQUIRE(loose.footnotes.size() == 2);
  for (std::size_t k = 0; k < 2; ++k) {
    CAPTURE(k);
    REQUIRE(tied.footnotes[k].body);
    REQUIRE(loose.footnotes[k].body);
    CHECK(tied.footnotes[k].confidence > loose.footnotes[k].confidence);
    CHECK(loose.footnotes[k].confidence > 0.0);
    CHECK(tied.footnotes[k].confidence < 1.0);  // (an unmarked body could begin elsewhere)
  }
  // A body named by its reference can begin nowhere else.
  auto named = test::text(
      "Notes on Ledgers\n\nThe old keepers wrote every ship into a ledger by hand.[^keepers] The ledger at Skerry "
      "shows ninety years of storms.[^skerry]\n\n[^keepers]: No typewriter reached the harbour until after the "
      "war.\n\n[^skerry]: It is now in the county archive.\n");
  REQUIRE(named.footnotes.size() == 2);
  for (const auto& f : named.footnotes) CHECK(f.confidence == 1.0);
}

TEST_CASE("back-link arrows end each body, also over several paragraphs") {
  std::string in =
      "Title Here\n\nFirst claim.1 Second claim.2\n\nMore text that is long enough to be a paragraph of its own here.\n\n"
      "Note one.\xE2\x86\xA9\xEF\xB8\x8E\n\nNote two starts here.\n\nAnd goes on.\xE2\x86\xA9\xEF\xB8\x8E\n";
  auto d = test::text(in);
  REQUIRE(d.footnotes.size() == 2);
  CHECK(d.footnotes[0].text == "Note one.");
  CHECK(d.footnotes[1].text == "Note two starts here.\n\nAnd goes on.");
}

TEST_CASE("a back-link arrow after a lead-in's colon ends the body: the notes are still read") {
  // (A lead-in's ':' says the body goes on; the arrow after it says the body ends there. With
  // both binding no reading could place the bodies, and every note was lost.)
  const std::string arrow = "\xE2\x86\xA9\xEF\xB8\x8E";
  const std::string in =
      "The Cost of Forgetting\n\nTeams forget what they decided and why.1 A ledger does not forget, which is the "
      "whole point of keeping one.\n\nWhen a decision is written down with its reasons, the next person can argue "
      "with the reasons instead of guessing them.2\n\nThe ledger holds three things: " + arrow +
      "\n\n    the decision,\n    the people who made it,\n    the evidence they had.\n\n"
      "See the discussion of decision records in the architecture literature. " + arrow + "\n";
  // The items indented under the arrow's line may go on with its body (a theme that links
  // back from a body's first paragraph puts the arrow there); at the margin they cannot.
  for (const std::string& copy : {in, test::without_blank_lines(in)}) {
    CAPTURE(copy);
    const auto d = test::text(copy);
    REQUIRE(d.footnotes.size() == 2);
    CHECK(d.footnotes[0].text.find("things:\n") != std::string::npos);  // (the arrow and its space gone)
    CHECK(d.footnotes[0].text.find("the decision,\nthe people who made it,\nthe evidence they had.") != std::string::npos);
    test::check_bodies_open_with(d, {"The ledger holds three things:", "See the discussion of decision records"});
  }
  std::string margin = in;
  for (std::size_t at; (at = margin.find("\n    ")) != std::string::npos;) margin.erase(at + 1, 4);
  for (const std::string& copy : {margin, test::without_blank_lines(margin)}) {
    CAPTURE(copy);
    const auto d = test::text(copy);
    REQUIRE(d.footnotes.size() == 2);
    CHECK(d.footnotes[0].text == "The ledger holds three things:");
    REQUIRE(d.footnotes[1].body);
  }
}

TEST_CASE("a back-link arrow alone on its line closes the body above it and begins none") {
  // (A theme that puts the arrow after the body's last block, a paragraph or code, copies it
  // onto a line of its own. The arrow links back from the body's end: read as a body of its
  // own, it left the body's text to the essay.)
  const std::string in =
      "Publishing from an Editor\n\nThe editor talks to the blog through its remote procedure call interface, which "
      "the default host configuration blocks outright.1 Two changes to the server fixed that for me.\n\n"
      "Once I had made those two changes, everything worked nicely, and I hope this helps you too.\n\n"
      "It would be nice if the blog offered a modern interface instead of the old remote procedure call one.\n\n"
      "\xE2\x86\xA9\xEF\xB8\x8E\n";
  // (And a note referenced twice, with an arrow for each on that line.)
  std::string twice = in;
  twice.replace(twice.rfind("\xE2\x86\xA9\xEF\xB8\x8E"), 6, "\xE2\x86\xA9\xEF\xB8\x8E \xE2\x86\xA9\xEF\xB8\x8E");
  for (const std::string& copy : {in, test::without_blank_lines(in), twice, test::without_blank_lines(twice)}) {
    CAPTURE(copy);
    test::check_bodies_open_with(test::text(copy), {"It would be nice if the blog"});
  }
}

TEST_CASE("an arrow alone under a body that ends on its own arrow is a note whose text the copy lost") {
  // (An image's or an embed's note: the copy keeps only its arrow. Every note is kept.)
  const std::string in =
      "Rivers and Seas\n\nThe essay says something about rivers and their banks.1 And about the sea.2\n\n"
      "The essay goes on to its end here, with a last word on tides.\n\n"
      "The first note speaks of rivers and banks.\xE2\x86\xA9\xEF\xB8\x8E\n\n\xE2\x86\xA9\xEF\xB8\x8E\n";
  for (const std::string& copy : {in, test::without_blank_lines(in)}) {
    CAPTURE(copy);
    const auto d = test::text(copy);
    REQUIRE(d.footnotes.size() == 2);
    CHECK(d.footnotes[0].text == "The first note speaks of rivers and banks.");
    CHECK(d.footnotes[1].text.empty());
  }
  // An essay of one paragraph whose only note is its arrow keeps the note: the line above
  // holds the reference, no body's line.
  const auto one = test::text("Rivers and Seas\n\nThe essay says something about rivers and the long sea.1\n\n"
                              "\xE2\x86\xA9\xEF\xB8\x8E\n");
  REQUIRE(one.footnotes.size() == 1);
  CHECK(one.footnotes[0].text.empty());
}

// A post of two notes, the bodies unnumbered after its closing paragraph (the tests of what
// follows a page's notes: its comments, its sharing block).
const std::string kGardenLog =
    "Keeping a Garden Log\n\n"
    "I started writing down what I planted, where and when, the spring my tomatoes failed for the third year "
    "running.1 The log is a cheap notebook, and it has paid for itself many times over.\n\n"
    "The surprise was how much the soil mattered.2 Two beds a few metres apart behave like different "
    "climates, and the log showed it within a season.\n\n"
    "If you keep one thing from this post, keep the habit of writing the date.\n\n"
    "A paper notebook works better than an app, because it survives dirt and rain.\n\n"
    "Soil kits measure one spoonful on one day; the log measures the whole bed over years.\n\n";

// A copy of a whole page: the comments under the heading the blog's theme gives them, each
// with its writer's name and date and a link to reply. (Without the rule of the comments'
// heading the bodies went down onto "Reply", a name and a date, one a line to the end.)
TEST_CASE("a page's comments under their heading end the notes: no body on a name, a date or 'Reply'") {
  const std::string comments =
      "\n\nPriya Raman\n\nMarch 3, 2024 at 4:12 pm\n\n"
      "I started a log last year after reading your earlier post, and it changed how I plant.\n\nReply\n\n"
      "Tomasz K.\n\nMay 10, 2024 at 8:13 pm\n\n"
      "Do you write down the weather as well, or only what you did in the beds?\n\nReply\n\nLeave a Reply\n";
  for (const char* heading : {"2 Comments", "2 thoughts on \u201cKeeping a Garden Log\u201d", "Comments", "Responses:"}) {
    const std::string in = kGardenLog + heading + comments;
    for (const std::string& copy : {in, test::without_blank_lines(in)}) {
      CAPTURE(copy);
      const auto d = test::text(copy);
      test::check_bodies_open_with(d, {"A paper notebook", "Soil kits measure"});
      for (const auto& f : d.footnotes) {
        CHECK(f.text.find(heading) == std::string::npos);
        CHECK(f.text.find("Reply") == std::string::npos);
      }
      CHECK(test::section_titles(d) == std::vector<std::string>{});
    }
  }
}

TEST_CASE("a theme's share and like block under the notes ends them: no body on 'Twitter' or 'Like Loading...'") {
  // (A WordPress page copied whole: the sharing buttons and the likes come between the notes
  // and the comments, or stand alone under the notes where the comments are closed.)
  const std::string share = "Share this:\n\nTwitter\n\nFacebook\n\nLike this:\n\nLike Loading...\n\nRelated\n";
  const std::string comments =
      "\n2 Comments\n\nPriya Raman\n\nMarch 3, 2024 at 4:12 pm\n\n"
      "I started a log last year after reading your earlier post, and it changed how I plant.\n\nReply\n";
  for (const std::string& in : {kGardenLog + share, kGardenLog + share + comments}) {
    for (const std::string& copy : {in, test::without_blank_lines(in)}) {
      CAPTURE(copy);
      const auto d = test::text(copy);
      test::check_bodies_open_with(d, {"A paper notebook", "Soil kits measure"});
      for (const auto& f : d.footnotes) {
        CHECK(f.text.find("Share this") == std::string::npos);
        CHECK(f.text.find("Like") == std::string::npos);
      }
    }
  }
}

// (A known miss from the fit that saw after-matter below the notes, 2026-12-06, whose sharing
// lines include "Share this:", until the notes weighed how much of a line is about its
// reference, share_of_line, 2026-12-07: the paragraph after the list in the note was read as
// the matter after the notes.)
TEST_CASE("'Like this:' or 'Share this:' alone leads into an example: the notes go on below it") {
  // (The words of a sharing block's head, without the block: a lead-in to code in the essay
  // after the last reference, a wrapped sentence's end, and a lead-in to a list in a note.)
  const std::string loops =
      "Small Loops\n\n"
      "Most of the loops I write walk a list once and stop.1 The rest are rarer than they look, and each "
      "deserves a comment.\n\n"
      "A loop that counts down is the one I get wrong most often.2 The off-by-one hides at the bottom, where "
      "the index meets zero.\n\n"
      "The fix is to test before the body runs.\n\n"
      "Like this:\n\n"
      "    for (size_t i = n; i-- > 0;)\n"
      "        visit(i);\n\n"
      "Nothing else in the loop needs to change.\n\n"
      "Counted over a year of my own commits, about nine in ten.\n\n"
      "An unsigned index makes it worse, since it wraps instead of going negative.\n";
  const std::string lead_in = "The fix is to test before the body runs.\n\nLike this:";
  std::string wrapped = loops;
  wrapped.replace(wrapped.find(lead_in), lead_in.size(),
                  "The usual fix is to test before the body runs, which in C reads\nlike this:");
  for (const std::string& copy : {loops, wrapped}) {
    CAPTURE(copy);
    test::check_bodies_open_with(test::text(copy), {"Counted over a year", "An unsigned index"});
  }
  const std::string walk =
      "Why I Walk to Work\n\n"
      "I began walking to the office the winter the buses stopped running on time.[1] The walk takes forty "
      "minutes, and I have come to count on it.\n\n"
      "The route passes the river, the market and an old church.[2] Each of them changes with the season.\n\n"
      "Notes\n\n"
      "1. The bus strike lasted eleven weeks that year, the longest in the city's history.\n\n"
      "2. The church was built in 1854 and restored twice since. Its door carries a plaque that reads:\n\n"
      "Share this:\n\n"
      "- the road with those who walk it\n"
      "- the bread with those who bake it\n\n"
      "The plaque is older than the church.\n";
  const auto d = test::text(walk);
  test::check_bodies_open_with(d, {"The bus strike", "The church was built"});
  REQUIRE(d.footnotes.size() == 2);
  CHECK(d.footnotes[1].text.find("The plaque is older") != std::string::npos);
}

TEST_CASE("a 'Comments' section before the notes is the essay's: the bodies follow the line that names them") {
  // (The heading of the essay's last section, pointing readers to a forum; the notes under
  // their own heading. Under "Comments" the notes have not ended, so the rule stands aside.)
  const std::string in =
      "Unification in a Type Checker\n\n"
      "Unification finds a substitution that makes two types equal, and the checker runs it at every call.1 "
      "Most of the cost is in the occurs check.2\n\n"
      "Comments\n\n"
      "Post any comments or questions in the thread on the forum.\n\n"
      "Notes\n\n"
      "Later posts extend the same algorithm with universal type variables.\n\n"
      "The occurs check can be skipped for types that are known to be finite.\n";
  // Nor where the bodies could not all stand above it: the section comes straight after the
  // paragraph of the last reference, and the notes follow it unnamed.
  std::string unnamed = in;
  unnamed.erase(unnamed.find("Notes\n\n"), 7);
  for (const std::string& copy : {in, test::without_blank_lines(in), unnamed, test::without_blank_lines(unnamed)}) {
    CAPTURE(copy);
    const auto d = test::text(copy);
    test::check_bodies_open_with(d, {"Later posts extend", "The occurs check can be skipped"});
  }
}

TEST_CASE("markup below a 'Comments' section says the notes are there: back-links, bracketed numbers") {
  // (The essay's own section, over a forum link, then the notes unnamed, as the markup the
  // copy kept shows them; the essay goes on for two paragraphs before the section, room
  // enough for the bodies above it, so that only the markup tells.)
  const std::string essay =
      "Unification in a Type Checker\n\n"
      "Unification finds a substitution that makes two types equal, and the checker runs it at every call.REF1 "
      "Most of the cost is in the occurs check.REF2\n\n"
      "The rest of the checker is bookkeeping: environments, levels and the order of the constraints.\n\n"
      "Next time: how the same algorithm handles associated types and where-clauses.\n\n"
      "Comments\n\n"
      "Post any comments or questions in the thread on the forum.\n\n";
  const std::string arrow = "\xE2\x86\xA9\xEF\xB8\x8E";
  std::string linked = essay + "Later posts extend the same algorithm with universal type variables." + arrow +
                       "\n\nThe occurs check can be skipped for types that are known to be finite." + arrow + "\n";
  for (const char* ref : {"REF1", "REF2"}) linked.replace(linked.find(ref), 4, ref + 3);
  std::string numbered = essay + "[1] Later posts extend the same algorithm with universal type variables.\n\n"
                                 "[2] The occurs check can be skipped for types that are known to be finite.\n";
  numbered.replace(numbered.find("REF1"), 4, "[1]");
  numbered.replace(numbered.find("REF2"), 4, "[2]");
  for (const std::string& in : {linked, numbered})
    for (const std::string& copy : {in, test::without_blank_lines(in)}) {
      CAPTURE(copy);
      const auto d = test::text(copy);
      REQUIRE(d.footnotes.size() == 2);
      CHECK(d.footnotes[0].text.find("Later posts extend") != std::string::npos);
      CHECK(d.footnotes[1].text.find("The occurs check can be skipped") != std::string::npos);
    }
}

TEST_CASE("a clock's minutes are no reference: '4:23 pm' is no '4:2' and a marker; a verse's may be") {
  for (const char* time : {"until 4:23 pm", "until 4:23 p.m.", "and left at 16:23"}) {
    std::string in =
        "A Long Day\n\n"
        "The first train left early and I was on it, half asleep.1 The meeting began after nine and ran until lunch, "
        "which nobody had planned for.2\n\n"
        "We met again on Friday; the room was booked TIME and we used all of it.\n\n"
        "I walked home the long way, past the river.\n\n"
        "I had been up since five, which I do not recommend.\n\n"
        "Lunch was sandwiches from the place across the road.\n";
    in.replace(in.find("TIME"), 4, time);
    CAPTURE(in);
    test::check_bodies_open_with(test::text(in), {"I had been up since five", "Lunch was sandwiches"});
  }
  // (No word of a clock around it: a verse, 1:1, and the second marker glued to it.)
  const std::string verse =
      "Old Texts\n\n"
      "The first plants are described early on.1 The story goes on, as Genesis 1:12 says, with grass and herbs and "
      "fruit trees after their kind.\n\n"
      "The rivers are named a chapter later.3\n\n"
      "Plants come before the sun in the text, which puzzled readers.\n\n"
      "The same verse is quoted by many later writers on gardens.\n\n"
      "Four rivers, of which two are still known by those names.\n";
  const auto d = test::text(verse);
  test::check_bodies_open_with(d, {"Plants come before", "The same verse", "Four rivers"});
  REQUIRE(d.footnotes[1].refs.size() == 1);
  CHECK(verse.substr(d.footnotes[1].refs[0].span.start, 6) == "2 says");
}

TEST_CASE("numbers in prose, names and dates are not references") {
  struct Case {
    const char* why;
    const char* text;
  };
  const Case cases[] = {
      {"numbers of prose",
       "Numbers Everywhere\n\nIn 2019 we had 10 years of data, 75% of it clean. GPT-3 and version 2.5 shipped; "
       "step 1: read the manual.\n\nA. other things, 1. answer, and 3 more items cost $1,000.\n"},
      // The conclusion repeats the words around "Source 1", which is what a body would
      // do: only the noun tells that the number is the source's name.
      {"a numbered source",
       "Cars and Cities\n\nCities should limit car use because quieter streets are safer streets for everyone. "
       "As stated in Source 1, fewer cars meant cleaner air in Bogota within a single day.\n\n"
       "Some people worry that shops lose customers. Yet the shops on the closed streets reported more visitors "
       "than before.\n\nIn conclusion, limiting car use gives cities cleaner air and safer streets, as Bogota "
       "showed in a single day.\n"},
      {"a date",
       "A Will\n\nHe found a codicil to the will, bearing date March 1, in the drawer of the old desk.\n\n"
       "The codicil left the desk and the drawer to his niece.\n"},
      {"the same name with its number twice",
       "Old Files\n\nMost of our old files were written by tools that stored text in latin1 without saying so.\n\n"
       "Opening them today shows latin1 garbage wherever an accent was, and nobody remembers which tools wrote "
       "which files.\n\nWe fixed it by guessing per file which of the old tools wrote it.\n"},
      {"a quantity after a preposition",
       "Saving Throws\n\nWhen a player does something awesome, raise their save by 1.\n\n"
       "It keeps the table happy and costs nothing.\n"},
      {"a protocol's name and version",
       "Old Clients\n\nWe wrote to every merchant who made a request with SSLv3 in the last six months.\n\n"
       "Most had moved on long before we asked.\n"},
      {"an index in code before an operator",
       "A Generator\n\nThe step function is short:\n\n    uint64_t y = s[0];\n    return s[1] + y;\n\n"
       "It is a lot like the others, but just slow enough to lose out.\n"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.why);
    CHECK(test::text(c.text).footnotes.empty());
  }
}

TEST_CASE("a reference the copy kept apart from its word, beside a number that is none") {
  struct Case {
    const char* why;
    const char* text;
    std::size_t note;   // the footnote whose reference is the spaced number
    const char* at;     // the reference's text and what stands before it
    const char* body;   // the footnote's body opens so
  };
  const Case cases[] = {
      // "(Edit2: …)" names the second edit: one word opening its clause, a number and a
      // colon label what follows. The reference is the spaced "2" after a stop.
      {"a label that opens its clause",
       "Moving Values\n\nDropping a value runs its destructor, and cloning one calls clone.1\n\n"
       "We must get rid of every borrow before we perform a real use. 2\n\n"
       "(Edit1: a reader pointed out that this was wrong.) (Edit2: and then that it was right after all.)\n\n"
       "That is all there is to it.\n\n"
       "Clone is not the same as Copy, which never runs code.\n\n"
       "A real use is a move or a drop, not a borrow.\n",
       1, "use. 2", "A real use is"},
      // "(… Chu Nom 3) all share": the ")" closes the bracket opened before the number, so
      // "3)" with lower case after it is no enumeration ("needs 1) a parser and 2) …").
      {"a bracket closed after the reference",
       "Shared Glyphs\n\nChinese (Hanzi), Japanese (Kanji1), Korean (Hanja2), and Vietnamese (Han tu, along with "
       "Chu Nom 3) all share glyphs, collectively called Han characters.\n\n"
       "These languages borrowed the writing system and changed it to suit them.\n\n"
       "Kanji is what Japanese calls the borrowed characters.\n\n"
       "Hanja is the Korean name for the same characters.\n\n"
       "Chu Nom is the older Vietnamese script, now replaced by the Latin alphabet.\n",
       2, "Nom 3", "Chu Nom is the older"},
  };
  for (const Case& c : cases) {
    const std::string why = c.why, in = c.text;
    CAPTURE(why);
    auto d = test::text(in);
    REQUIRE(d.footnotes.size() == c.note + 1);
    REQUIRE(d.footnotes[c.note].refs.size() == 1);
    const std::string at = c.at;
    CHECK(d.footnotes[c.note].refs[0].span.start == in.find(at) + at.size() - 1);
    CHECK(d.footnotes[c.note].text.rfind(c.body, 0) == 0);
  }
}

TEST_CASE("a word glued to a number once may carry a superscript") {
  // One "menu1" and a last paragraph that reads as an aside: a note, though it shares
  // no word with the sentence of its reference.
  std::string in =
      "A Quiet Sync Tool\n\nThe program does one thing and does it well. Its menu1 looks exactly like the old "
      "ones did, years ago.\n\nThat restraint is rare in software that someone sells.\n\n"
      "If you choose to install it from the store.\n";
  auto noted = test::text(in);
  REQUIRE(noted.footnotes.size() == 1);
  REQUIRE(noted.footnotes[0].refs.size() == 1);
  CHECK(slice(in, noted.footnotes[0].refs[0].span) == "1");
  CHECK(noted.footnotes[0].text == "If you choose to install it from the store.");
}

// A word in capitals with a digit glued to it is mostly a name ("MD5", "GPT3"); where the
// text also writes the word alone, the digit is no part of it. Here the spaced "1" of
// "represents 1." had been the first reference, as strong as "TLC1" at its name's reading.
TEST_CASE("a word in capitals the text also writes alone carries a superscript: 'TLC1' beside 'TLC'") {
  const std::string in =
      "Counting With Types\n\n"
      "Type-level counting (henceforth TLC1) lets the compiler check sizes that a program would otherwise "
      "check at run time.\n\n"
      "The idea is old. TLC shows up in papers from the nineties, and most of what follows retells them.\n\n"
      "We need a way to write numbers as types. Zero is a type of its own:\n\n"
      "Z is a type that represents 0.\n\nS Z is a type that represents 1.\n\nS (S Z) is a type that represents 2.\n\n"
      "With these, a vector can carry its length in its type.2 Appending two vectors adds their lengths, and the "
      "compiler checks the sum.3\n\n"
      "I borrowed the name from a friend's thesis; it has no standard name.\n\n"
      "Some compilers check this only when asked to.\n\n"
      "The addition is itself a small program that runs at compile time.\n";
  auto d = test::text(in);
  REQUIRE(d.footnotes.size() == 3);
  REQUIRE(d.footnotes[0].refs.size() == 1);
  CHECK(d.footnotes[0].refs[0].span.start == in.find("TLC1") + 3);
  test::check_bodies_open_with(d, {"I borrowed the name", "Some compilers", "The addition is"});
  // A text without notes gains none: a label opening its line ("UPDATE2 (14 March): …", with
  // UPDATE alone above it) and a name whose word stands alone too ("HTML5" beside "HTML").
  const std::string notes_of_a_release =
      "Release Notes for the Spring\n\nThe UPDATE statement now runs twice as fast on large tables.\n\n"
      "UPDATE2 (14 March): the fix shipped to every server.\n\n"
      "The video on the release page plays natively in HTML5, since HTML is all the page needs.\n\n"
      "That is all for this spring.\n";
  CHECK(test::text(notes_of_a_release).footnotes.empty());
  // Nor where such a word would be the whole chain: a post without notes about a console
  // (a review's case, which gained a note on "PS1" and lost its last paragraph to it).
  const std::string consoles =
      "Twenty Years of Couch Co-op\n\n"
      "My brother and I saved for a year to buy our PS1, and we played it until the lid broke.\n\n"
      "Every PS after it was faster and louder, and none of them made us sit on the same couch again.\n\n"
      "Some things from those years are better left where they are.\n";
  CHECK(test::text(consoles).footnotes.empty());
}

TEST_CASE("symbol notes: * and \xE2\x80\xA0 glued to the text, bodies opening with the same symbol") {
  const std::string in =
      "The Ledger Problem\n\n"
      "Most small teams keep their accounts in a spreadsheet that nobody owns.* The result is predictable: numbers "
      "drift, and nobody can say which one is right.\xE2\x80\xA0\n\n"
      "Keep a ledger and read it once a month.\n\n"
      "* By owns I mean: is answerable for.\n"
      "\xE2\x80\xA0 Or, worse, several people can say, and they disagree.\n";
  auto d = test::text(in);
  REQUIRE(d.footnotes.size() == 2);
  CHECK(d.footnotes[0].label == "*");
  CHECK(d.footnotes[0].text == "By owns I mean: is answerable for.");
  REQUIRE(d.footnotes[0].refs.size() == 1);
  CHECK(slice(in, d.footnotes[0].refs[0].span) == "*");
  CHECK(d.footnotes[1].label == "\xE2\x80\xA0");
  CHECK(d.footnotes[1].text == "Or, worse, several people can say, and they disagree.");
  CHECK(d.lists.empty());  // the "* " line is a note, not a bullet
  // The same lines with no reference to them are a bulleted list.
  auto list = test::text("Shopping\n\nWe need a few things:\n\n* bread\n* milk\n");
  CHECK(list.footnotes.empty());
  CHECK(item_texts(list) == std::vector<std::string>{"bread", "milk"});
  // A line of stars is a break between sections, not a note's body.
  auto broken = test::text(
      "Whales\n\nNo fish hitherto regarded as alien is counted here.*\n\n* * * * *\n\n"
      "Beyond the smallest of the whales this system does not go, and the rest are rumour.\n");
  CHECK(broken.footnotes.empty());
}

TEST_CASE("a symbol note's body begins at the line with its symbol, not at a line after it") {
  // The body of a note named by its reference opens with that name: a line without the
  // symbol cannot begin it, however well it would fit otherwise.
  const std::string in =
      "A Post About Ledgers\n\n"
      "Teams that keep their records in one place argue less about the numbers.*\n\n"
      "Notes\n\n"
      "* On the ledger case, see page 4 of the report.\n\n"
      "Comments\n\n"
      "Great post, thanks! I love the ledger bit.\n";
  auto d = test::text(in);
  REQUIRE(d.footnotes.size() == 1);
  REQUIRE(d.footnotes[0].body);
  CHECK(d.footnotes[0].body->line == 7);
  CHECK(d.footnotes[0].text.rfind("On the ledger case", 0) == 0);
  // The comments' heading ends the note: no body goes on over it (the labeller's rules).
  CHECK(d.footnotes[0].text == "On the ledger case, see page 4 of the report.");
  for (const std::string heading : {"3 Comments", "12 Replies", "RESPONSES:"}) {
    CAPTURE(heading);
    std::string other = in;
    other.replace(other.find("Comments\n"), 8, heading);
    const essaykit::Document o = test::text(other);
    REQUIRE(o.footnotes.size() == 1);
    CHECK(o.footnotes[0].text == "On the ledger case, see page 4 of the report.");
  }
  // Before the notes, it is the essay's heading, and the body still follows it.
  const std::string before =
      "A Post About Ledgers\n\nTeams that keep their records in one place argue less about the numbers.*\n\n"
      "Comments\n\nPost any comments or questions in the forum thread.\n\n"
      "* On the ledger case, see page 4 of the report.\n";
  const essaykit::Document b = test::text(before);
  CHECK(test::section_titles(b) == std::vector<std::string>{"Comments"});
  REQUIRE(b.footnotes.size() == 1);
  CHECK(b.footnotes[0].text == "On the ledger case, see page 4 of the report.");
}

TEST_CASE("marked convention: [n] references, numbered bodies under Notes, CRLF") {
  std::string in =
      "A Post\r\n\r\nFirst point.[1] Second point[2], and the first again[1].\r\n\r\n"
      "- one item\r\n  - nested item\r\n- two item\r\n\r\nNotes\r\n\r\n1. The first note.\r\n\r\n2. The second note.\r\n";
  auto d = test::text(in);
  REQUIRE(d.footnotes.size() == 2);
  CHECK(d.footnotes[0].refs.size() == 2);  // [1] used twice
  CHECK(d.footnotes[0].text == "The first note.");
  CHECK(slice(in, d.footnotes[1].refs[0].span) == "[2]");
  REQUIRE(d.lists.size() == 2);
  CHECK(d.lists[1].parent_item.has_value());
  CHECK(d.lists[1].items[0].text == "nested item");
  CHECK(d.lists[1].items[0].depth == 1);
}

// The rule takes the notes' name alone at the margin, capitalised: a YAML key "notes:" in
// a copied configuration file is no heading.
TEST_CASE("a YAML key 'notes:' in copied code is no heading") {
  auto d = test::text(
      "Configuring the Release\n\nThe release job reads its settings from one file, which looks like this:\n\n"
      "release:\n  version: 2\n  notes:\n    - fixed the parser\nnotes:\n  draft: true\n\n"
      "Nothing else needs to change, and the job picks the file up on its next run.\n");
  for (const auto& title : section_titles(d)) CHECK(title.find("notes") == std::string::npos);
}

// A line that names the notes is a heading (the Labeller's rules): the fitted
// weights alone read this one as a paragraph.
TEST_CASE("a 'Notes' line over numbered bodies is a heading") {
  auto d = test::text("A Post\r\n\r\nFirst point.[1] Second point[2], and the first again[1].\r\n\r\n"
                      "- one item\r\n  - nested item\r\n- two item\r\n\r\nNotes\r\n\r\n1. The first note.\r\n\r\n"
                      "2. The second note.\r\n");
  CHECK(section_titles(d) == std::vector<std::string>{"Notes"});
}

TEST_CASE("a line that names a list of references is a heading, over the notes or below them") {
  const std::string in =
      "Why Ledgers Outlive Teams\n\nTeams forget what they decided and why. A ledger does not forget, which is "
      "the whole point of keeping one.1\n\nWhen a decision is written down with its reasons, the next person can "
      "argue with the reasons instead of guessing them.2\n\nWhat a Ledger Holds\n\nEach entry names the "
      "decision, the people who made it, and the evidence they had at the time.\n\nREFERENCES\n\n1. Grace Hopper "
      "made the same point about documentation in her talks on compilers.\n\n2. See the discussion of decision "
      "records in the architecture literature.\n";
  for (const std::string name : {"REFERENCES", "References", "Sources:", "Works cited"}) {
    std::string copy = in;
    copy.replace(copy.find("REFERENCES"), 10, name);
    CAPTURE(copy);
    auto d = test::text(copy);
    CHECK(section_titles(d) == std::vector<std::string>{"What a Ledger Holds", name});
    test::check_bodies_open_with(d, {"Grace Hopper made", "See the discussion"});
  }
  // Below the notes it heads what follows them: no body takes it.
  auto below = test::text(in + "\nFurther reading\n\nThe Mythical Man-Month, by Fred Brooks.\n");
  test::check_bodies_open_with(below, {"Grace Hopper made", "See the discussion"});
  for (const auto& f : below.footnotes) CHECK(f.text.find("Further reading") == std::string::npos);
  // Not set apart as a heading is (after a finished sentence), it is no heading: an item
  // under a lead-in. (Nor is "Notes" there: the rule of the notes' heading stands aside
  // among the lines that go on alike under a lead-in.)
  auto piles = test::text("A Guide to Research\n\nEvery project starts with a question and a plan.\n\n"
                          "A good plan sorts its material into four piles:\n\nInterviews\nSources\nObservations\nNotes\n\n"
                          "Each pile gets its own folder, and each folder gets a date.\n");
  CHECK(section_titles(piles).empty());
  CHECK(item_texts(piles) == std::vector<std::string>{"Interviews", "Sources", "Observations", "Notes"});
  // After a line without a stop (an address, a list's last item) it heads the notes still.
  auto after_link = test::text("Ledgers\n\nThe first claim is made here [1]. Another sentence follows it.\n\n"
                               "A second paragraph makes another point [2]. It also goes on a little.\n\n"
                               "See the project page at https://example.com/project\n\nReferences\n\n"
                               "[1] Smith, J. Trees and towns. 2010.\n[2] Jones, K. Paths. 2012.\n");
  CHECK(section_titles(after_link) == std::vector<std::string>{"References"});
  test::check_bodies_open_with(after_link, {"Smith, J.", "Jones, K."});
  // Among the lines that go on alike under a lead-in, a line that names the notes heads them
  // where a note's number opens the line under it.
  auto under_lead = test::text("Ledgers\n\nThe first claim is made here.1 Another sentence follows it.\n\n"
                               "A second paragraph makes another point.2 It also goes on a little.\n\n"
                               "Further reading:\n\nGardens\n\nOrchards\n\nForests\n\nNotes\n\n"
                               "1. The first note says a thing about the claim.\n\n2. The second note is short.\n");
  const auto titles = section_titles(under_lead);
  REQUIRE(!titles.empty());
  CHECK(titles.back() == "Notes");
  test::check_bodies_open_with(under_lead, {"The first note says", "The second note is short."});
  // Where '#' marks the headings, a bare line that names the references is none.
  auto marked = test::text("# Notes on Ledgers\n\n## Why keep one\n\nTeams forget what they decided and why.\n\n"
                           "References:\n\n- Hopper, talks on compilers.\n- Nygard, decision records.\n\n"
                           "## What goes in\n\nEach entry names the decision.\n");
  CHECK(section_titles(marked) == std::vector<std::string>{"Why keep one", "What goes in"});
}

TEST_CASE("supers convention: superscripts, [n] bodies, underlined headings, no blank lines") {
  std::string in =
      "A Post\n"
      "Opening paragraph with a note\xC2\xB9 and another\xC2\xB2 in a line long enough to read as prose.\n"
      "Section One\n"
      "===========\n"
      "Text of the first section, which is a paragraph and not a heading at all, ends here.\n"
      "Subsection\n"
      "----------\n"
      "More text of the subsection, again long enough to be read as a paragraph of prose.\n"
      "[1] First body.\n"
      "[2] Second body.\n";
  auto d = test::text(in);
  REQUIRE(d.sections.size() == 2);
  CHECK(d.sections[0].title == "Section One");
  CHECK(d.sections[0].level == 1);
  CHECK(d.sections[1].level == 2);
  CHECK(d.sections[1].parent == 0u);
  REQUIRE(d.footnotes.size() == 2);
  CHECK(slice(in, d.footnotes[0].refs[0].span) == "\xC2\xB9");
  CHECK(d.footnotes[1].text == "Second body.");
}

TEST_CASE("a text that underlines its headings underlines all of them") {
  // Without blank lines, a short line between long ones has a heading's shape; in a text
  // whose headings are underlined it is none ("Status report" stood as a section).
  const std::string in =
      "A Yearly Report\n"
      "The year went well for the project, and this report says how, part by part, with numbers.\n"
      "Compiler work\n"
      "-------------\n"
      "Status report\n"
      "We fixed many of the bugs we set out to fix, and some we did not know we had at the start.\n"
      "Library work\n"
      "------------\n"
      "Status report\n"
      "The library gained a new module for dates, which took longer than we thought it would.\n";
  auto d = test::text(in);
  CHECK(section_titles(d) == std::vector<std::string>{"Compiler work", "Library work"});
  // A table's header row over its dashes is no heading, and two of them do not make a text
  // that underlines its headings: its bare short lines are read as any line is.
  // (Paragraphs longer than a wrapped text's lines: a text of short lines only reads as one
  // broken at a width, where a short line ends a paragraph.)
  const std::string para = "which is what we hoped to see when we began, and what we will look for again in the next round of runs.";
  auto table = test::text("A Benchmark\n\nThe numbers first, then what they mean, " + para + "\n\n"
                          "NAME      FAIL   TIME\n---------------------\nalpha        0     12\n\n"
                          "Reading the Table\n\nThe first row says alpha never failed, " + para + "\n\n"
                          "NAME      FAIL   TIME\n---------------------\nbeta         1     15\n\n"
                          "What Comes Next\n\nWe will run the same tests again next year, " + para + "\n");
  CHECK(section_titles(table) == std::vector<std::string>{"Reading the Table", "What Comes Next"});
  // A Markdown file that opens on a setext title, read as text: its '###' headings stay
  // headings beside the underlined ones.
  auto setext = test::text("Trip Notes\n==========\n\nWe left early and walked to the harbour, " + para + "\n\n"
                           "Day One\n-------\n\nA long walk, then a swim, " + para + "\n\n### Lunch by the Water\n\n"
                           "Soup and bread, " + para + "\n\nDay Two\n-------\n\nRain all day, so we read, " + para + "\n");
  CHECK(section_titles(setext) == std::vector<std::string>{"Day One", "Lunch by the Water", "Day Two"});
  // A rule of another kind under a line, or a rule too long to be its underline, marks it in
  // a way of its own: the line is weighed as any line is, not ruled out as a bare one.
  auto other = test::text("The River\n=========\n\nThe river runs from the hills to the sea, " + para + "\n\n"
                          "The Upper Reaches\n-----------------\n\nStones and cold water, " + para + "\n\n"
                          "Stones\n~~~~~~\n\nRound and grey, " + para + "\n\n"
                          "Middle\n------------------\n\nThe river slows and widens, " + para + "\n\n"
                          "The Mouth\n---------\n\nSilt and salt, " + para + "\n");
  CHECK(section_titles(other) == std::vector<std::string>{"The Upper Reaches", "Stones", "Middle", "The Mouth"});
  // A list item over a rule of its length: a line its marker makes an item and the rule a
  // heading is left to its marker (no tag was left to it, and the whole decode came to
  // minus infinity: every confidence 0, a section and the item lost).
  auto item = test::text("The River\n=========\n\nThe river runs from the hills to the sea, " + para + "\n\n"
                         "The Upper Reaches\n-----------------\n\nWhat the river carries, " + para + "\n\n"
                         "- Silt, and more\n- Seeds, and more\n----------------\n\n"
                         "The Mouth\n---------\n\nSilt and salt, " + para + "\n");
  CHECK(section_titles(item) == std::vector<std::string>{"The Upper Reaches", "The Mouth"});
  CHECK(item_texts(item) == std::vector<std::string>{"Silt, and more", "Seeds, and more"});
  for (const auto& s : item.sections) CHECK(s.confidence > 0.5);
  // Underlines in a sample of code or of Markdown quoted in a post stand together, no prose
  // between them: the post's own bare headings stay headings.
  auto sample = test::text("Docstrings\n\nA docstring says what a function takes and gives back, " + para + "\n\n"
                           "The NumPy Style\n\nThe NumPy style puts each part under a rule, like this, " + para + "\n\n"
                           "Parameters\n----------\nx : int\nReturns\n-------\nint\n\n"
                           "Why It Helps\n\nA reader finds each part where the last function had it, " + para + "\n");
  const std::vector<std::string> sample_titles = section_titles(sample);
  for (const char* title : {"The NumPy Style", "Why It Helps"})
    CHECK(std::find(sample_titles.begin(), sample_titles.end(), title) != sample_titles.end());
}

TEST_CASE("explicit markers: bullets, numbers, letters; a numbered heading is no item") {
  auto d = test::text(
      "Markers\n\nThe options are:\n\n* alpha\n* beta\n\nThen:\n\n1) first\n2) second\n\n(a) left\n(b) right\n");
  CHECK(item_texts(d) == std::vector<std::string>{"alpha", "beta", "first", "second", "left", "right"});
  CHECK(d.lists.size() == 3);
  CHECK(d.lists[1].ordered);
}

TEST_CASE("a lead-in over marked lines: the markers nest the list by indentation") {
  auto d = test::text(
      "Title Line\n\nThings to know:\n\n\xE2\x80\xA2 first thing\n  \xE2\x97\xA6 nested one\n  \xE2\x97\xA6 nested two\n"
      "\xE2\x80\xA2 second thing\n\nAfter the list comes a paragraph of prose that is long enough.\n");
  REQUIRE(d.lists.size() == 2);
  CHECK(d.lists[0].items.size() == 2);
  CHECK(d.lists[1].items.size() == 2);
  CHECK(d.lists[1].items[0].depth == 1);
  REQUIRE(d.lists[1].parent_item);
  CHECK(d.lists[1].parent_item->list == 0u);
  CHECK(d.lists[1].parent_item->item == 0u);
}

TEST_CASE("a subtitle under the title reads as a sentence, with or without its stop") {
  auto d = test::text("The Ledger Problem\nWhy small teams lose track of money\n\nBody text of the post follows here.\n");
  REQUIRE(d.subtitle);
  CHECK(d.subtitle->text == "Why small teams lose track of money");
  CHECK(d.sections.empty());
  // A label in title case there is a heading (one of the text's headings: alone, a line
  // set apart under the title is too doubtful a heading, see Model::lone_heading).
  auto h = test::text("Monthly Report\nWithin Security Advisory\n\nBody text of the post follows here.\n\n"
                      "Outside Security Advisory\n\nMore body text of the post follows here.\n");
  CHECK(!h.subtitle);
  CHECK(section_titles(h) == std::vector<std::string>{"Within Security Advisory", "Outside Security Advisory"});
}

TEST_CASE("a number glued after a stop, used again below the chain's last reference, refers again to its note") {
  const std::string in =
      "Property Tests\n\n"
      "Most of the tests I write check one example at a time. Property tests check a rule against hundreds of inputs.1\n\n"
      "A property is a statement that should hold for every input. For a sort, the output is ordered and a permutation.2\n\n"
      "Hypothesis shrinks the failing input to the smallest list that still fails, which is what makes it usable.3\n\n"
      "When not to use them\n\n"
      "They pay off least on glue code that mostly calls other services.1 There the examples say enough.\n\n"
      "QuickCheck, the Haskell library that started it all, appeared in 2000.\n\n"
      "The two properties together specify sorting fully, as the first note said.1\n\n"
      "Shrinking is what makes property tests usable.\n";
  auto d = test::text(in);
  REQUIRE(d.footnotes.size() == 3);
  REQUIRE(d.footnotes[0].refs.size() == 2);
  CHECK(d.footnotes[0].refs[1].span.line == 11);
  CHECK(slice(in, d.footnotes[0].refs[1].span) == "1");
  CHECK(d.footnotes[0].text == "QuickCheck, the Haskell library that started it all, appeared in 2000.");
  // In a body, the same shape is the body's text, no reference.
  CHECK(d.footnotes[1].refs.size() == 1);
  CHECK(d.footnotes[1].text == "The two properties together specify sorting fully, as the first note said.1");
  CHECK(d.footnotes[2].refs.size() == 1);
  // A section's or an appendix's number after a capital and a stop is none, nor the next
  // note's missing reference.
  std::string sections = in;
  const std::string again = "other services.1 There the examples say enough.";
  sections.replace(sections.find(again), again.size(),
                   "other services. The table is in Appendix A.1 and the rest in B.2 below.\n\n"
                   "The numbers in section C.4 tell the same story.");
  auto n = test::text(sections);
  REQUIRE(n.footnotes.size() == 3);
  for (const auto& f : n.footnotes) CHECK(f.refs.size() == 1);
  CHECK(n.diagnostics.empty());
}

namespace {
// The walk to work, with two notes, as a copy holds it; `tail` goes under the second body.
std::string walk_to_work(const std::string& second_body_end, const std::string& tail) {
  return "Why I Walk to Work\n\n"
         "I began walking to the office the winter the buses stopped running on time.[1] The walk takes forty minutes.\n\n"
         "The route passes the river, the market and an old stone church.[2] Each of them changes with the season.\n\n"
         "Walking also gave me time to think through problems before they reached my desk.\n\n"
         "Notes\n\n"
         "1. The bus strike lasted eleven weeks that year, the longest in the city's history.\n\n"
         "2. The church was built in 1854 and restored twice since. Its door carries a plaque that " +
         second_body_end + "\n\n" + tail;
}
}  // namespace

TEST_CASE("a list under the line that names the comments may be theirs: the notes above keep their places") {
  // The markers' rule made the list items (or a note's), the comments' rule kept the notes
  // above the comments: no reading could place its bodies, and both notes were lost.
  const std::string in = walk_to_work("reads as follows.", "Comments\n\n- Lovely piece, thank you\n- I walk too!\n");
  auto d = test::text(in);
  REQUIRE(d.footnotes.size() == 2);
  CHECK(d.footnotes[0].text == "The bus strike lasted eleven weeks that year, the longest in the city's history.");
  CHECK(d.footnotes[1].text.rfind("The church was built in 1854", 0) == 0);
  CHECK(d.footnotes[1].text.find("Lovely") == std::string::npos);
}

TEST_CASE("where the rules leave no reading a place, the weights alone place the notes, none is lost") {
  // A lead-in in the last body says the next line goes on with it; the line that names the
  // comments says no body reaches it.
  const std::string in = walk_to_work("reads, in full:", "Comments\n\n- the road with those who walk it\n"
                                      "- the bread with those who bake it\n");
  auto d = test::text(in);
  REQUIRE(d.footnotes.size() == 2);
  CHECK(d.footnotes[0].text == "The bus strike lasted eleven weeks that year, the longest in the city's history.");
  CHECK(d.footnotes[1].text.rfind("The church was built in 1854", 0) == 0);
  REQUIRE(d.footnotes[0].refs.size() == 1);
  CHECK(d.footnotes[0].refs[0].span.line == 3);
}

TEST_CASE("notes named under a heading with no reference in the text, and a reference with no body left, are said") {
  const std::string lost = "Reading Slowly\n\nI used to read fifty books a year. Last year I read eleven.\n\n"
                           "Fewer books\n\nSkimming is a fine skill for email, but a poor way to read an argument.\n\n"
                           "Footnotes\n\nThe count comes from a reading log I have kept since 2012.\n\n"
                           "Mortimer Adler makes a similar point, though he is kinder to skimming.\n";
  auto d = test::text(lost);
  CHECK(d.footnotes.empty());
  REQUIRE(d.diagnostics.size() == 1);
  CHECK(d.diagnostics[0].code == essaykit::DiagnosticCode::footnote_without_reference);
  CHECK(d.diagnostics[0].span.line == 9);
  CHECK(d.diagnostics[0].message.find("'Footnotes' (line 9)") != std::string::npos);
  // "Notes" alone in a text with no references is as often a recipe's section: no word.
  for (const char* name : {"Notes", "Notes:"}) {
    std::string recipe = lost;
    recipe.replace(recipe.find("Footnotes"), 9, name);
    CHECK_MESSAGE(test::text(recipe).diagnostics.empty(), name);
  }
  // Four references glued as superscripts, three bodies: the fourth is text, and said so.
  const std::string short_of_one =
      "On Reading Slowly\n\n"
      "I used to read fifty books a year. Last year I read eleven, and I remember more of them.1\n\n"
      "Reading fast trains you to skim, and an argument lives in its transitions.2\n\n"
      "I think most readers would be better off reading half as many books twice.3\n\n"
      "How I read now\n\n"
      "I read with a pencil and write a page about each book. Writing it is where I find out whether I understood it.4\n\n"
      "Notes\n\n"
      "The count comes from a reading log I have kept since 2012.\n\n"
      "Mortimer Adler makes a similar point about transitions in How to Read a Book.\n\n"
      "This is a claim about books of argument. Novels are another matter.\n";
  auto s = test::text(short_of_one);
  CHECK(s.footnotes.size() == 3);
  REQUIRE(s.diagnostics.size() == 1);
  CHECK(s.diagnostics[0].code == essaykit::DiagnosticCode::footnote_without_body);
  CHECK(s.diagnostics[0].span.line == 11);
  CHECK(slice(short_of_one, s.diagnostics[0].span) == "4");
}

TEST_CASE("code in a note's body keeps its indentation past the body's margin; prose and items do not") {
  const std::string in =
      "Keeping a Sowing Log\n\n"
      "I log every sowing in a spreadsheet, one row per sowing.1 The log shows what the garden does.\n\n"
      "Beans sown after the first of June never caught up.2 I stopped sowing them late.\n\n"
      "The spreadsheet is a plain table. A short script reads it:\n\n"
      "import csv\n"
      "with open(\"sowings.csv\") as f:\n"
      "    for row in csv.DictReader(f):\n"
      "        print(row[\"date\"], row[\"variety\"])\n\n"
      "It prints one line per sowing.\n\n"
      "Three summers of notes say so:\n\n"
      "    the first summer,\n"
      "    the second summer,\n"
      "    the third summer.\n";
  auto d = test::text(in);
  REQUIRE(d.footnotes.size() == 2);
  CHECK(d.footnotes[0].text.find("with open(\"sowings.csv\") as f:\n    for row in csv.DictReader(f):\n"
                                 "        print(row[\"date\"], row[\"variety\"])") != std::string::npos);
  CHECK(d.footnotes[1].text.find("\nthe first summer,\nthe second summer,") != std::string::npos);
  // A numbered body's lines that hang under its first's words are the base of the run
  // that holds the code: they keep nothing, the code what it has past them.
  const std::string hanging =
      "Keeping a Sowing Log\n\nI log every sowing, one row per sowing.[1] The log shows what the garden does.\n\n"
      "Notes\n\n"
      "1. The spreadsheet is a plain table. A short script reads it, and\n"
      "   the lines below show the whole of it, as I run it each week:\n"
      "   for row in csv.DictReader(f):\n"
      "       print(row[\"date\"], row[\"variety\"])\n"
      "   It prints one line per sowing, and that is all it does.\n";
  auto h = test::text(hanging);
  REQUIRE(h.footnotes.size() == 1);
  CHECK(h.footnotes[0].text ==
        "The spreadsheet is a plain table. A short script reads it, and\nthe lines below show the whole of it, as I run "
        "it each week:\nfor row in csv.DictReader(f):\n    print(row[\"date\"], row[\"variety\"])\nIt prints one "
        "line per sowing, and that is all it does.");
}

TEST_CASE("the first line of a paragraph wrapped at a width is no title; a title wrapped over two lines keeps its first") {
  const std::string wrapped = "School uniforms are expensive and they do not improve\n"
                              "behaviour in any measurable way, so schools should make\n"
                              "them optional for all families. Parents will thank them.\n\n"
                              "Uniforms also wear out quickly, and replacing them is a\n"
                              "cost that falls on the families least able to bear it.\n";
  auto d = test::text(wrapped);
  CHECK(!d.title);
  // A byline under the title opens in small letters as well, and a title wrapped over two
  // lines has no stop: each keeps the title.
  auto by = test::text("Uniforms\nby Ana Ruiz\n\nSchool uniforms are expensive. Parents will thank them.\n");
  REQUIRE(by.title);
  CHECK(by.title->text == "Uniforms");
  auto two = test::text("Create a more compelling experience for your users through game\nmechanics\n\n"
                        "Ever wonder why some websites are so addictive? Certain sites keep you coming back.\n");
  REQUIRE(two.title);
  CHECK(two.title->text == "Create a more compelling experience for your users through game");
  // A question wrapped over two lines, a title-case title over a tagline, a title over a
  // byline that ends on a stop: titles.
  for (const char* head : {"Why do so many schools still insist that every pupil wear a\nuniform?",
                           "The Case for Walking to Work Every Day of the Year\nthe long way round.",
                           "Uniforms\nby Ana Ruiz, May 3, 2024."}) {
    auto t = test::text(std::string(head) + "\n\nSchool uniforms are expensive. Parents will thank them.\n");
    CHECK_MESSAGE(t.title, head);
  }
}

TEST_CASE("a standfirst set apart under the title, as a browser's copy sets every block apart, is the subtitle") {
  const std::string body = "\n\nI started the garden in 2019 with no plan at all. The yard was small.\n\n"
                           "Soil comes first\n\nClay holds water and starves roots of air.\n";
  auto d = test::text("The Slow Garden\n\nNotes on five years of growing vegetables in a small city yard" + body);
  REQUIRE(d.subtitle);
  CHECK(d.subtitle->text == "Notes on five years of growing vegetables in a small city yard");
  CHECK(d.subtitle->span.line == 3);
  // Not a first paragraph of one sentence (its stop), one with a note's marker, a heading
  // in title case, a short phrase, or the post's date and author.
  for (const char* second : {"I grew vegetables in a small city yard for five years.",
                             "I grew vegetables in a small city yard for five years.[1]",
                             "Five Years of Growing Vegetables in a Small Yard", "Five years on",
                             "By Ana Ruiz · May 3, 2024 · 6 min read"}) {
    auto n = test::text(std::string("The Slow Garden\n\n") + second + body);
    CHECK_MESSAGE(!n.subtitle, second);
  }
  // Nor the first of the text's headings, written in sentence case as the others are.
  auto h = test::text("The Slow Garden\n\nWhy the soil matters more than seeds\n\n"
                      "Clay holds water and starves roots of air. I learned this over three summers.\n\n"
                      "How compost changes the clay over time\n\n"
                      "A barrow of compost a year turned the clay into loam. The beans noticed first.\n");
  CHECK(!h.subtitle);
}

TEST_CASE("no blank lines: a heading in capitals ends the list above it; the title's underline is the title's" * doctest::expected_failures(2)) {
  // One underlined section (the title's underline does not count) does not make every
  // bare heading need overwhelming evidence.
  auto d = test::text(
      "Field Notes on Rivers\n=====================\n"
      "Rivers move more than water. They move sand, seeds, and people, and every town on a river is shaped by it.\n"
      "THE UPPER REACHES\n"
      "Near the source a river is fast and narrow. Stones are sharp there, and the water is cold all year long.\n"
      "The Middle Course\n-----------------\n"
      "Here the river slows and starts to wander. Meadows flood each spring, and the floods leave the soil behind.\n"
      "What the floods bring:\nSilt for the fields\nSeeds from upstream\nDriftwood for fires\n"
      "THE MOUTH\n"
      "At the sea the river drops whatever it still carries and builds land out of it, a little every year.\n");
  CHECK(section_titles(d) == std::vector<std::string>{"THE UPPER REACHES", "The Middle Course", "THE MOUTH"});
  CHECK(item_texts(d) == std::vector<std::string>{"Silt for the fields", "Seeds from upstream", "Driftwood for fires"});
}

TEST_CASE("code is neither heading nor list") {
  auto d = test::text(
      "Code Post\n\nHere is how it looks in practice, with a short function that is then explained below:\n\n"
      "fn main() {\n    let x = compute(1, 2);\n    println!(\"{}\", x);\n}\n\n"
      "That function prints a number, which is all it needs to do for this example to work.\n");
  CHECK(d.sections.empty());
  CHECK(d.lists.empty());
}

TEST_CASE("a command, a name from code or a piece of a sentence is no heading") {
  const std::string para = "That line is what the build runs, and the rest of this paragraph explains each part of it.\n\n";
  for (const char* line : {"HotSauce<?0>: Sour", "As well as", "The compiler has issues such as", "Ambiguous; no inference guidance", "Readers --",
                           "Here are the cases we have covered so far", "So let us ask for more.14",
                           "A recent state root $R$", "It is a game after all :D"}) {
    auto d = test::text("Build Notes\n\n" + para + line + "\n\n" + para);
    CHECK_MESSAGE(d.sections.empty(), std::string(line));
  }
  // The same place holds a heading when the line reads as one.
  auto d = test::text("Build Notes\n\n" + para + "Building on Windows\n\n" + para);
  CHECK(section_titles(d) == std::vector<std::string>{"Building on Windows"});
}

// (Known misses until the lone heading's weight: each is the text's one heading.)
TEST_CASE("a command or a formula alone between paragraphs is no heading") {
  const std::string para = "That line is what the build runs, and the rest of this paragraph explains each part of it.\n\n";
  for (const char* line : {"cc -Wall -o hello.exe hello.c", "0.3 * stdMagnGrad + meanMagnGrad"})
    CHECK_MESSAGE(test::text("Build Notes\n\n" + para + line + "\n\n" + para).sections.empty(), std::string(line));
}

TEST_CASE("a heading copied with its anchor link, glued before a code block" * doctest::expected_failures(1)) {
  auto d = test::text(
      "Keys\n\nThis post compares the ways a table can name its rows, with the trade-offs of each one spelled out.\n\n"
      "Random keys and their downsides (#random-keys)\nCREATE TABLE t (\n    id uuid PRIMARY KEY,\n    name text\n);\n\n"
      "The table above takes a random key, which spreads its writes across the whole index on disk.\n");
  CHECK(section_titles(d) == std::vector<std::string>{"Random keys and their downsides (#random-keys)"});
}

TEST_CASE("a byline under the title is no heading; a subsection stacked over its entries is one") {
  const std::string para = "This post looks back at the month and lists what changed, with a short note on each change.\n\n";
  for (const char* byline : {"By Ana Ruiz \xC2\xB7 May 3", "Posted on 3 May 2024"}) {
    auto d = test::text(std::string("Monthly Notes\n\n") + byline + "\n\n" + para);
    CHECK_MESSAGE(d.sections.empty(), std::string(byline));
  }
  auto d = test::text("Monthly Notes\n\n" + para +
                      "Change listing\nImprovements\ncompiletest: add a directive for the core stubs in assembly tests\n"
                      "bootstrap: build the test support crate with the stage 0 compiler\n"
                      "citool: fix the docs for running the docker jobs locally\n\n" + para);
  CHECK(section_titles(d) == std::vector<std::string>{"Change listing", "Improvements"});
}

TEST_CASE("a heading glued to the end of a table of contents") {
  const std::string para = "Once wallets hold assets on many chains, reading state across them becomes the real problem to solve.\n\n";
  auto d = test::text("Reading Across Chains\n\n" + para +
                      "Table of contents\nWhat is the goal?\nMerkle proofs\nSummary\nWhat is the goal?\n\n" + para);
  REQUIRE(!d.sections.empty());
  CHECK(d.sections.back().title == "What is the goal?");
  CHECK(d.sections.back().span.line == 9);
}

TEST_CASE("a hard-wrapped paragraph is one paragraph, not a list") {
  auto d = test::text(
      "Wrapped\n\nThis paragraph was exported as plain text and wrapped at seventy-two\ncolumns, so it runs over "
      "several lines that stop in the middle of a\nsentence and go on in lower case on the next one.\n");
  CHECK(d.lists.empty());
  CHECK(d.stats.paragraphs == 1);
}

TEST_CASE("a short text wrapped at a width: its paragraphs run over the lines, and so do its sentences") {
  // Seven lines: too few for the widths alone to tell, but each line with one under it stops
  // near the width in the middle of a sentence.
  auto d = test::analyze(
      "Why cities should make buses free\n\n"
      "Public transport that costs nothing at the point of use brings\n"
      "more riders onto buses within months, as the towns that tried it\n"
      "found out. Traffic falls, the air gets cleaner and the shops in\n"
      "the centre see more people walking past their windows every day.\n\n"
      "The cost is real but smaller than it looks, because fares pay for\n"
      "only a part of what a bus service costs to run in most cities.\n",
      essaykit::Format::text, true);
  CHECK(d.lists.empty());
  CHECK(d.stats.paragraphs == 2);
  REQUIRE(d.sentences.size() == 3);
  CHECK(d.sentences[0].span.line == 3);
  CHECK(d.sentences[1].span.line == 5);
  CHECK(d.sentences[2].span.line == 8);
  // Short lines glued under each other that stop short of the width are no such text.
  auto list = test::text(
      "A Plain Post\n\nThis is the first paragraph. It has two sentences, and it is wrapped at\n"
      "seventy columns the way plain-text exports of posts usually are.\n\nThings it has:\n\n"
      "A short list\nOf parallel lines\n\nA Section\n\nThe last paragraph.\n");
  CHECK(test::list_sizes(list) == std::vector<std::size_t>{2});
}

TEST_CASE("a line that goes on with a sentence the line above began is no item; items in small letters are items") {
  const std::string p1 =
      "Every paragraph of this copy is one long line, because the browser kept each paragraph on a line of its "
      "own, and so a reader tells paragraphs from items by their shape.";
  const std::string p2 =
      "The second paragraph goes on about the garden in the same way, at the same length, and it too ends with a "
      "full stop where the paragraph ends, as prose does.";
  const std::string p3 =
      "A third paragraph follows after a blank line, long enough that no reader would take it for a heading or an "
      "item of a list, and it says little of interest.";
  const std::string p4 =
      "The fourth paragraph closes the post with a thought about the next season in the garden, when the beans "
      "and the squash will go in after the last frost.";
  // A paragraph the copy kept wrapped among paragraphs of one line each: its second line goes
  // on with the sentence its first began, and its lines after that with the same sentences.
  auto d = test::text("A Post\n\n" + p1 + "\n\n" + p2 +
                      "\n\nThe tool printed its usual warning before it began. It asks you to keep\n"
                      "busy while it works (type something, move the mouse, open a few\n"
                      "files) so that the generator gathers enough noise from the\nmachine to seed itself well.\n\n" +
                      p3 + "\n\n" + p4 + "\n");
  CHECK(d.lists.empty());
  CHECK(d.stats.paragraphs == 5);
  // Items in small letters with no stop, under a lead-in: no sentence is broken there.
  auto items = test::text("A Post\n\n" + p1 +
                          "\n\nA value of such a type:\n\ncan be used less than once\ncan be used more than once\n"
                          "can be used exactly once\n\n" +
                          p2 + "\n\n" + p3 + "\n\n" + p4 + "\n");
  CHECK(item_texts(items) ==
        std::vector<std::string>{"can be used less than once", "can be used more than once", "can be used exactly once"});
  // Short items in small letters under a sentence broken before them: a list, not its rest.
  auto todo = test::text("Weekend\n\nWe got back late on Friday. Before Monday I still need to\nbuy milk\n"
                         "call the plumber\nfinish the report\n");
  CHECK(item_texts(todo) == std::vector<std::string>{"buy milk", "call the plumber", "finish the report"});
  // Nor are a short text's lines of about one length wrapped where the line under opens on a
  // capital: an address.
  auto address = test::text(
      "Contact\n\nOffice of Student Services and Academic Support Programmes\nRoom 214, Hamilton Building, 1200 "
      "University Avenue West\nSpringfield, Illinois 62704, United States of America\n");
  CHECK(test::list_sizes(address) == std::vector<std::size_t>{3});
}

TEST_CASE("a note's body that opens with its own number and a space: the number is its label, not its text") {
  auto d = test::text(
      "The Myth of the Rule\n\nThe idea that ten thousand hours of practice makes anyone an expert is wrong.1 Practice "
      "matters, but it is not the whole story.\n\nThe original study looked at violinists at a single music academy.2 "
      "It never claimed that the number was a threshold.\n\nNotes\n\n1 The phrase was popularised by a bestselling "
      "book, not by the researchers themselves.\n\n2 The academy was in Berlin, and 3 groups of students took part.\n");
  REQUIRE(d.footnotes.size() == 2);
  CHECK(d.footnotes[0].text == "The phrase was popularised by a bestselling book, not by the researchers themselves.");
  CHECK(d.footnotes[1].text == "The academy was in Berlin, and 3 groups of students took part.");
  // Its own number as the note's first word, a count: its words.
  auto count = test::text(
      "Smoking\n\nFewer adults smoke than a generation ago.1 The change came slowly.\n\nNotes\n\n"
      "1 in 5 adults still smoked in 2010, against 1 in 8 now.\n");
  REQUIRE(count.footnotes.size() == 1);
  CHECK(count.footnotes[0].text == "1 in 5 adults still smoked in 2010, against 1 in 8 now.");
}

TEST_CASE("notes wrapped at a width with no blank lines: a line that goes on with a note's sentence is that note's") {
  const std::string text =
      "Reading Slowly\n"
      "Most of what I read online I read badly. I skim, I jump to the\n"
      "comments, I forget the argument by the next morning. A few years\n"
      "ago I decided to change that.1\n"
      "The first step was to print things. Paper removes the temptation\n"
      "to click away, and it lets you write in the margins of the page.\n"
      "The last habit surprised me. I had not expected reading habits to\n"
      "change how I behave in public, but the link seems real to me.2\n"
      "Notes\n"
      "1 The trigger was a long essay on attention that I could not\n"
      "summarise to a friend the day after reading it with such care.\n"
      "2 A friend who tried the same experiment reported the same thing,\n"
      "although she also quit social media at the same time, so her case\n"
      "proves little.\n";
  auto d = test::text(text);
  REQUIRE(d.footnotes.size() == 2);
  // (The body's lines as the text breaks them.)
  CHECK(d.footnotes[0].text ==
        "The trigger was a long essay on attention that I could not\nsummarise to a friend the day after reading it "
        "with such care.");
  REQUIRE(d.footnotes[1].body);
  CHECK(d.footnotes[1].body->line == 12);
  CHECK(d.footnotes[1].text ==
        "A friend who tried the same experiment reported the same thing,\nalthough she also quit social media at the "
        "same time, so her case\nproves little.");
}

TEST_CASE("a page with no notes copied whole: the readers' comments and the sharing block are no part of the essay") {
  const std::string essay =
      "In Praise of Dull Tools\n\nEvery team has a budget for novelty, and most teams spend it too fast on the "
      "wrong things.\n\nChoose the dullest tool that works and save the novelty for what makes the product "
      "different.\n\n";
  auto d = test::text(essay +
                      "Share this:\nTwitter\nFacebook\nEmail\n\n2 Responses\n\nPriya\nJune 4, 2021 at 9:12 am\n"
                      "Agreed, but someone has to try the new things first.\n\nDave\nJune 5, 2021 at 11:40 pm\n"
                      "Cron is not dull when it fails at night.\n");
  CHECK(d.lists.empty());
  CHECK(d.stats.paragraphs == 2);
  REQUIRE(d.diagnostics.size() == 1);
  CHECK(d.diagnostics[0].code == essaykit::DiagnosticCode::after_notes);
  CHECK(d.diagnostics[0].span.line == 7);  // ("Share this:")
  // "Comments" alone may head the essay's own section (on a program's comments).
  auto own = test::text(essay + "Comments\n\nA comment in the code says why the code does what it does, never "
                                "what it does, since the code already says that.\n");
  CHECK(test::section_titles(own) == std::vector<std::string>{"Comments"});
  CHECK(own.diagnostics.empty());
}

// A paragraph of a copy that lost its blank lines: one long line.
const std::string long_line =
    "Every paragraph of this copy is one long line, because the browser dropped the blank lines between them, "
    "and so a reader has to tell paragraphs from items by their shape alone.";

TEST_CASE("no blank lines: short closing paragraphs are not a list; parallel short lines are") {
  // Three short paragraphs that do not run parallel: a question between statements.
  auto closing = test::text("A Post\n" + long_line + "\n" + long_line +
                            "\nI look forward to the next one.\nOr should I say, this one?\nSee you there.\n");
  CHECK(closing.lists.empty());
  // Short lines of one shape, with no lead-in, are a list.
  auto parallel = test::text("A Post\n" + long_line +
                             "\nRed apples are sweet.\nGreen pears are crisp.\nYellow lemons are sour.\n" + long_line + "\n");
  CHECK(item_texts(parallel) ==
        std::vector<std::string>{"Red apples are sweet.", "Green pears are crisp.", "Yellow lemons are sour."});
}

TEST_CASE("no blank lines: a sign-off and an image's file name are not list items" * doctest::expected_failures(1)) {
  auto signoff = test::text("A Post\n" + long_line + "\n" + long_line + "\nThe End\nHave a nice day <3\n");
  CHECK(signoff.lists.empty());
  auto image = test::text("A Post\n" + long_line + "\nfigure.png\n\xE2\x80\x9C" "But the users want animations!\xE2\x80\x9D\n" +
                          long_line + "\n");
  CHECK(image.lists.empty());
  // Indented, a short line is what is left of code or a quotation: no heading.
  auto indented = test::text("A Post\n" + long_line + "\n    Then I hit the ball out of the park\n" + long_line + "\n");
  CHECK(indented.sections.empty());
  // A lead-in to a quotation that marks its cuts, and the reply to it: no list.
  const std::string quote = "Students now cheat with these tools all the time. [\xE2\x80\xA6] For learning, the tool is a forklift "
                            "at the gym, and the effort was the point of the exercise all along.";
  const std::string reply = "I disagree strongly here, because I have spent many hours learning with these tools, and "
                            "they made me work harder at understanding than any textbook did.";
  auto quoted = test::text("A Post\n" + long_line + "\nA critic worries about what it does to learning:\n" + quote + "\n" +
                           reply + "\n" + long_line + "\n");
  CHECK(quoted.lists.empty());
  // Three closing lines of one shape are still a list.
  auto links = test::text("A Post\n" + long_line + "\nRed apples are sweet\nGreen pears are crisp\nYellow lemons are sour\n");
  CHECK(item_texts(links).size() == 3);
}

TEST_CASE("no blank lines: numbered stages named in words are headings") {
  auto d = test::text("Fixing a Bug\n" + long_line + "\nRepeat until it fails.\nStep 1: Reproduce It\n" +
                      "Claude did not solve this one, but it came close.\n" + long_line + "\nStep 2: Find the Cause\n" +
                      long_line + "\nThat was a relief. Sweet!\nStep 3: Create state machine\n" +
                      "Taking all of this into account, I drew this machine.\n" + long_line + "\n");
  CHECK(section_titles(d) ==
        std::vector<std::string>{"Step 1: Reproduce It", "Step 2: Find the Cause", "Step 3: Create state machine"});
}

TEST_CASE("no blank lines: a section over its first subsection, and a standard section name" * doctest::expected_failures(1)) {
  auto d = test::text("Monthly Notes\n" + long_line + "\nThanks to everyone who helped.\nHighlights\n"
                      "ci.py is now a proper crate\n" + long_line + "\n" + long_line +
                      "\nConclusion\nTo sum up, this is what changed:\nThe build is faster.\nThe tests run in parallel.\n" + long_line + "\n");
  CHECK(section_titles(d) == std::vector<std::string>{"Highlights", "ci.py is now a proper crate", "Conclusion"});
}

TEST_CASE("no blank lines: a line over Term: value lines is their heading" * doctest::expected_failures(2)) {
  auto d = test::text(
      "Summer Projects\n"
      "Here is what each of our students built over the summer, together with the people who helped them along the "
      "way.\n"
      "Faster test runs\nStudent: Ana Lima\nMentor: Jo Park\n"
      "Ana split the test suite into shards and taught the runner to retry only the tests that failed, which halved "
      "the time.\n"
      "A new parser\nStudent: Ben Osei\nMentor: Kim Yu\n"
      "Ben replaced the hand-written parser with a grammar, and the error messages it gives got much better along "
      "the way.\n");
  CHECK(section_titles(d) == std::vector<std::string>{"Faster test runs", "A new parser"});
  CHECK(item_texts(d) ==
        std::vector<std::string>{"Student: Ana Lima", "Mentor: Jo Park", "Student: Ben Osei", "Mentor: Kim Yu"});
}

TEST_CASE("an item may name its term with a dash: Term -- explanation") {
  auto d = test::text("A Post\n" + long_line + "\nThe old tradeoff was this:\n"
                      "Control -- let the programmer decide about memory layout, threads and the runtime.\n"
                      "Safety -- avoid crashes.\n" + long_line + "\n");
  CHECK(item_texts(d) == std::vector<std::string>{
                             "Control -- let the programmer decide about memory layout, threads and the runtime.",
                             "Safety -- avoid crashes."});
}

// Issue 12's shapes: bodies over several paragraphs, a list inside a body, thanks before
// the notes and comments after them, numbers that are no references.
// Known miss: with blank lines between them, the two comments read as the two bodies (the
// labeller still anchors the notes at the end of the copy when the comments look like prose).
TEST_CASE("notes over several paragraphs, between acknowledgements and reader comments" * doctest::expected_failures(2)) {
  const std::string in =
      "Keeping a Garden Log\n\n"
      "A garden log is the cheapest tool a gardener can own, and it pays for itself in the first year.1 "
      "Most people start one in spring and forget it by June, which is exactly when it matters most.\n\n"
      "Write down what you planted, where, and when the first shoots came up. Two seasons of that tell you more "
      "about your soil than any test kit you can buy.2\n\n"
      "Acknowledgements\n\n"
      "Thanks to my neighbour Ruth, who kept her own log for thirty years and let me read it.\n\n"
      "A paper notebook works better than an app, because it survives dirt and rain and never needs charging.\n\n"
      "An app has one real advantage: it can remind you to write. Set the reminder for the same evening every week.\n\n"
      "Soil kits measure the acidity of one spoonful on one day; the log measures the whole bed over years.\n\n"
      "Great post, thanks for writing it!\n\n"
      "I started a log last year and it changed how I plant.\n";
  auto d = test::text(in);
  REQUIRE(d.footnotes.size() == 2);
  CHECK(d.footnotes[0].text ==
        "A paper notebook works better than an app, because it survives dirt and rain and never needs charging.\n\n"
        "An app has one real advantage: it can remind you to write. Set the reminder for the same evening every week.");
  CHECK(d.footnotes[1].text ==
        "Soil kits measure the acidity of one spoonful on one day; the log measures the whole bed over years.");
  // The thanks stay a section of the essay; the comments are no note's text.
  CHECK(section_titles(d) == std::vector<std::string>{"Acknowledgements"});
}

// The shape essaykit exists for, written for this test: no blank lines, references glued
// to words, an Acknowledgements section before the bodies, one body of two paragraphs,
// one that holds a list after its lead-in, and two reader comments at the end. Each body
// shares a word with the text around its reference (bakery, metrics/dashboards,
// notebook). A known miss of the fitted model (see the README): the comments are told
// apart (after-matter, no note's text) and the body with the list is placed right, but the
// first body is read as the essay's last line, and the second body's two paragraphs as the
// first two bodies.
TEST_CASE("no blank lines: bodies of two paragraphs and with a list, then reader comments" *
          doctest::expected_failures(4)) {
  const std::string in =
      "What Sourdough Taught Me About Debugging\n"
      "Posted on 14 March 2025 by Rhea Okafor\n"
      "I started baking bread during a long winter, mostly because the bakery down the street closed and I refused to pay supermarket prices for something that tasted like a sponge.1 What I did not expect was how much the process would remind me of my day job, which is chasing down intermittent failures in a distributed queue.\n"
      "The starter is a black box\n"
      "A sourdough starter is a colony of wild yeast and bacteria that you feed flour and water every day. You cannot see what is happening inside it. You can only observe its behaviour: how fast it rises, how it smells, whether it collapses. That is exactly the position you are in with a production system that only exposes a handful of metrics.2\n"
      "There are three things I learned to watch:\n"
      "the time it takes to double after a feeding\n"
      "the smell, which drifts from yoghurt to nail polish when it is hungry\n"
      "the texture of the bubbles on the surface\n"
      "None of these is decisive on its own, but together they tell you a story, and the story is usually right.\n"
      "Change one variable at a time\n"
      "My first dozen loaves were bricks. I changed the flour, the hydration, the proofing time and the oven temperature all at once, and of course I learned nothing. It was only when I kept a notebook and changed one thing per bake that the loaves started to improve.3 Every engineer knows this rule and every engineer breaks it at two in the morning.\n"
      "Patience is a tool\n"
      "Bread does not care about your deadline. Neither does a race condition. The most useful thing I did for my debugging was to accept that some bugs need a week of logs before they show their shape.\n"
      "Acknowledgements\n"
      "Thanks to Sam Weller and Priya Nair for reading drafts of this post, and to my neighbour for eating the bricks.\n"
      "The bakery reopened a year later under new owners, and their rye is excellent.\n"
      "Grafana dashboards are the equivalent of the little rubber band people put around the jar to mark the level after feeding. You mark where you were, and you watch the distance.\n"
      "It is tempting to think that this makes the rubber band pointless, but it is the only instrument you have.\n"
      "I used a plain spiral notebook. The entries look like this:\n"
      "Day 12: 75% hydration, 4h bulk, 230C. Flat.\n"
      "Day 13: same, 5h bulk. Better crumb, still flat.\n"
      "Day 14: same, 5h bulk, shaped tighter. First good loaf.\n"
      "Great post, thanks for writing it!\n"
      "Do you have a recipe you would recommend for beginners?\n";
  auto d = test::text(in);
  REQUIRE(d.footnotes.size() == 3);
  CHECK(d.footnotes[0].text == "The bakery reopened a year later under new owners, and their rye is excellent.");
  CHECK(d.footnotes[1].text.rfind("Grafana dashboards are", 0) == 0);
  CHECK(d.footnotes[1].text.find("the only instrument you have.") != std::string::npos);
  CHECK(d.footnotes[2].text.rfind("I used a plain spiral notebook.", 0) == 0);
  CHECK(d.footnotes[2].text.find("First good loaf.") != std::string::npos);
  for (const auto& f : d.footnotes) CHECK(f.text.find("Great post") == std::string::npos);
  CHECK(section_titles(d) ==
        std::vector<std::string>{"The starter is a black box", "Change one variable at a time", "Patience is a tool",
                                 "Acknowledgements"});
}

// Reader comments after one-line bodies, in a copy without blank lines: short, thanking,
// exclaiming, asking the author. The fitted weights alone (before calibrate_after_matter
// weighed these cues) placed the three bodies on the last three lines, the comments. From
// the similarity that stopped saturating (README, "A similarity that does not saturate")
// until the fit saw after-matter below the notes of its training copies (the default of
// fit_text_model.py's --after-matter since 2026-12-06), the essay's closing paragraph ("talk to
// people who made it", which shares "people" with the first reference's sentence) was read
// as the first body, and the last body as the first comment.
TEST_CASE("no blank lines: reader comments after the bodies are after-matter, not bodies") {
  const std::string in =
      "Leaving the Lab for a Startup\n"
      "I spent six years in a physics lab before I took a job at a small company that builds forecasting tools. People ask me what changed, and the honest answer is the pace.1 In the lab a project ran for years; here a project runs for weeks, and then it ships or it dies.\n"
      "The second change was the audience. In academia you write for a dozen referees who already know your field, and you learn to hide every doubt behind a citation.2 At the company you write for a product manager who needs to decide something by Friday.\n"
      "The third change was how I learn. I used to read everything about one narrow question; now I read a little about many questions and accept that I will be wrong in public.3\n"
      "If you are thinking about the same move, talk to people who made it, and ask them what they miss. Most of them will say the same thing: the long afternoons with one hard problem.\n"
      "I should say that some labs move fast too, and mine was unusually slow even by the standards of the department.\n"
      "This is less true than it was, since many journals now ask for plain summaries, but the habit is hard to lose.\n"
      "I still do, in a way, but I no longer pretend that I have read everything before I speak.\n"
      "Thank you for writing this, it helped me make up my mind.\n"
      "Wonderful!\n"
      "Will you write about the second year too? I would love that.\n";
  auto d = test::text(in);
  test::check_bodies_open_with(d, {"I should say that some labs", "This is less true", "I still do"});
  for (const auto& f : d.footnotes) CHECK(f.text.find("Wonderful") == std::string::npos);
}

// A body that ends on its code, the next body a paragraph of prose: the rule of code led
// into weighs the prose after a body's code as that body's further line at least as the
// essay's paragraph (in the annotated copies 10 of the 12 bodies with code go on after it,
// one ends before the next body, as here), and here that let the third body take the code's
// body and both paragraphs after it, while the first two began on the essay's closing
// paragraphs. (A known miss since the rule widened, 3d6393f: the weight it gives the line
// after a body's code; README, "The eighth rule widened". Since the fit sees after-matter
// below the notes (2026-12-06), the third body begins where it should; the first begins on the
// essay's last paragraph, and the second on the first body, the code and the second body.)
TEST_CASE("a body that ends on its code, before a body of prose" * doctest::expected_failures(3)) {
  const std::string in =
      "Sharing Mutable State\n\n"
      "A list that can change is an odd thing to hand to a caller.1 Most languages allow it anyway, and the result "
      "is a family of bugs that nobody enjoys chasing.2 The cure is to copy or to freeze.3\n\n"
      "The caller may keep the list and change it later, and the owner is never told.\n\n"
      "So I freeze what I hand out, and those bugs go away.\n\n"
      "Rust refuses to compile such a hand-over, for example:\n\n"
      "fn keep(v: &mut Vec<u32>) {\n"
      "    v.push(1);\n"
      "}\n\n"
      "Java can wrap a list in a read-only view, which is weaker than a copy.\n\n"
      "Freezing is cheap when the list is small, and most lists are.\n";
  auto d = test::text(in);
  test::check_bodies_open_with(d, {"Rust refuses", "Java can wrap", "Freezing is cheap"});
  CHECK(d.footnotes[0].text.find("v.push(1);") != std::string::npos);  // (the code stays with its body)
}

TEST_CASE("a body that holds a list keeps it") {
  const std::string in =
      "Choosing a Bicycle\n\n"
      "Pick the frame before anything else, because every other part can be swapped later.1 A good frame outlives "
      "three sets of wheels, and a bad one makes every ride a little worse than it should be.\n\n"
      "After the frame comes the fit, and a shop will do that for you in an afternoon.\n\n"
      "A frame is worth checking for three things before you buy it:\n\n"
      "- cracks around the welds\n"
      "- rust inside the tubes\n"
      "- a straight rear triangle\n";
  auto d = test::text(in);
  REQUIRE(d.footnotes.size() == 1);
  REQUIRE(d.footnotes[0].body);
  CHECK(d.footnotes[0].text.rfind("A frame is worth checking", 0) == 0);
  CHECK(d.footnotes[0].text.find("a straight rear triangle") != std::string::npos);
  REQUIRE(d.lists.size() == 1);
  CHECK(item_texts(d) == std::vector<std::string>{"cracks around the welds", "rust inside the tubes", "a straight rear triangle"});
}

TEST_CASE("an enumeration inside a sentence, and a number before a numbered list, are no references") {
  auto inline_enum = test::text(
      "Good Tools\n\nA good tool needs 1. a parser that is right and 2. a printer that is fast, and little else "
      "besides a manual that somebody has actually read.\n\nThe rest is taste, which no tool can supply for you.\n");
  CHECK(inline_enum.footnotes.empty());
  auto stray = test::text(
      "Seeds\n\nOnly 1 in 10 seeds failed this year, which is the best result we have had so far.\n\n"
      "What we changed:\n\n1. We soaked the seeds overnight.\n2. We planted a week later.\n3. We watered in the morning.\n");
  CHECK(stray.footnotes.empty());
  CHECK(item_texts(stray) == std::vector<std::string>{"We soaked the seeds overnight.", "We planted a week later.",
                                                     "We watered in the morning."});
}

TEST_CASE("a superscript before an aside in brackets or after a dash is a reference") {
  // "wrong.3 (You …)": a bracket that opens words is no operator of code; "do1—updates":
  // a dash after a glued number ends it as a comma would (but "pages 10–12" is a range).
  const std::string in =
      "Strict Settings\n\nMost callers could get it wrong.1 (You could argue that tests catch this, but they do "
      "not catch all of it.) Careful authors check anyway.\n\n"
      "This does not use two-way binding like older frameworks do2\xE2\x80\x94" "updates are explicit, but brief, and "
      "pages 10\xE2\x80\x93" "12 of the manual say why.\n\n"
      "The same holds for the docs3)\xE2\x80\x94" "and for every guide that copies them.\n\n"
      "Other languages also consume these libraries today, and they have their own rules.\n\n"
      "Two-way binding is not required there, though it is easy to reach for.\n\n"
      "The docs are generated from the same source as the code, so they agree with it.\n";
  auto d = test::text(in);
  REQUIRE(d.footnotes.size() == 3);
  for (std::size_t k = 0; k < 3; ++k) {
    CAPTURE(k);
    REQUIRE(d.footnotes[k].refs.size() == 1);
    CHECK(d.footnotes[k].label == std::to_string(k + 1));
  }
  CHECK(slice(in, d.footnotes[0].refs[0].span) == "1");
  CHECK(d.footnotes[1].text == "Two-way binding is not required there, though it is easy to reach for.");
  CHECK(d.footnotes[2].text.rfind("The docs are generated", 0) == 0);
}

TEST_CASE("a superscript copied with a no-break space after it is a reference") {
  // <sup>1</sup>&nbsp; copies as "1" and U+00A0 (or U+202F, the narrow one): a space, as
  // far as the digits glued before it go.
  for (const char* space : {"\xC2\xA0", "\xE2\x80\xAF", " "}) {
    CAPTURE(space);
    const std::string in = std::string("Slow Builds\n\nPremature optimisation is the root of much evil, as Knuth said.1") +
                           space + "Then we went and optimised the compiler anyway, because the build took an hour.2" +
                           space + "It was worth every minute we spent on it.\n\n"
                           "That is how the build got faster, and what we learned along the way.\n\n"
                           "The quote comes from a paper on structured programming with go to statements.\n\n"
                           "The hour was measured on a laptop that was already old when we bought it.\n";
    auto d = test::text(in);
    REQUIRE(d.footnotes.size() == 2);
    for (std::size_t k = 0; k < 2; ++k) {
      CAPTURE(k);
      CHECK(d.footnotes[k].label == std::to_string(k + 1));
      REQUIRE(d.footnotes[k].refs.size() == 1);
      CHECK(slice(in, d.footnotes[k].refs[0].span) == std::to_string(k + 1));  // the digit, not the space
    }
    CHECK(d.footnotes[0].text.rfind("The quote comes", 0) == 0);
    CHECK(d.footnotes[1].text.rfind("The hour was", 0) == 0);
  }
  // After a space, a no-break space binds a quantity to its unit: no superscript.
  auto units = test::text(
      "Long Walks\n\nWe walked 12\xC2\xA0km on the first day and 9\xC2\xA0km on the second, which was enough for "
      "everyone.\n\nThe third day was a rest day, spent mostly in the village by the lake.\n");
  CHECK(units.footnotes.empty());
}

TEST_CASE("a superscript number before a fraction slash is a fraction, no reference") {
  // "¹⁄₂" (U+2044 between a superscript and a subscript) and "³/₈" are how Unicode writes
  // any fraction; a scale of them read as hundreds of references to note 1.
  const std::string fractions =
      "Musical Ratios\n\nThe scale divides the string at (\xC2\xB9\xE2\x81\x84\xE2\x82\x82), "
      "(\xC2\xB9\xE2\x81\x84\xE2\x82\x83) and (\xC2\xB9\xE2\x81\x84\xE2\x82\x84) of its length, and "
      "a board \xC2\xB3/\xE2\x82\x88 inch thick carries it.\n\n"
      "Each of these gives a note that sounds well with the open string.\n\n"
      "The fourth of a string sounds two octaves above the whole of it.\n";
  const essaykit::Document d = test::text(fractions);
  CHECK(d.footnotes.empty());
  // A superscript that follows a word and no slash is still a reference.
  const std::string noted =
      "Musical Ratios\n\nThe scale divides the string at a half (\xC2\xB9\xE2\x81\x84\xE2\x82\x82), as "
      "Pythagoras found.\xC2\xB9 Each of these gives a note that sounds well with the open string.\n\n"
      "The fourth of a string sounds two octaves above the whole of it.\n\n"
      "The story of the blacksmith's hammers is told by Nicomachus, centuries later.\n";
  const essaykit::Document n = test::text(noted);
  REQUIRE(n.footnotes.size() == 1);
  REQUIRE(n.footnotes[0].refs.size() == 1);
  CHECK(slice(noted, n.footnotes[0].refs[0].span) == "\xC2\xB9");
  CHECK(n.footnotes[0].refs[0].span.start > noted.find("found."));
}

TEST_CASE("a superscript glued to a one-letter word is a power, no reference") {
  // "P(w²)", "x³", "m²": a variable's or a unit's power. Read as references, "L1" (a name
  // with a number), "w²" and "w³" made the chain 1, 2, 3, and the last three paragraphs
  // its notes (a post on rollups in the corpus lost its ending so).
  const std::string powers =
      "Scaling Rollups\n\nMost of the cost is data. We start on L1 and move the busy users to rollups that post "
      "their data there.\n\nThe data is a polynomial P where P(w) = D1, P(w\xC2\xB2) = D2 and P(w\xC2\xB3) = D3, "
      "and a proof that it was posted is a proof about P at a random point.\n\n"
      "That makes a proof small, and a light client can check one in a few milliseconds on a phone.\n\n"
      "The rest is engineering, and most of it is being done right now.\n\nThanks for reading this far.\n";
  const essaykit::Document d = test::text(powers);
  CHECK(d.footnotes.empty());
  CHECK(d.diagnostics.empty());
  // After a number as well: "3x²", "40m³".
  std::string glued = powers;
  glued.replace(glued.find("P(w\xC2\xB2)"), 7, "3x\xC2\xB2");
  glued.replace(glued.find("P(w\xC2\xB3)"), 7, "40m\xC2\xB3");
  CHECK(test::text(glued).footnotes.empty());
  // Glued to a word of two letters or more (one of them outside ASCII: "Straße"), or after
  // a stop, a superscript is a reference.
  for (const char* first : {"as every rollup finds.\xC2\xB9", "as every rollup finds it\xC2\xB9",
                            "as every rollup on the Stra\xC3\x9F" "e\xC2\xB9 finds"}) {
    CAPTURE(first);
    const std::string noted = std::string("Scaling Rollups\n\nMost of the cost is data, ") + first +
                              " We move the busy users to rollups that post their data on chain.\xC2\xB2\n\n"
                              "That makes a proof small, and a light client can check one in a few milliseconds.\n\n"
                              "Call data was the cheapest place to post it in 2023.\n\n"
                              "Blobs have since made it cheaper still.\n";
    const essaykit::Document n = test::text(noted);
    test::check_bodies_open_with(n, {"Call data", "Blobs"});
  }
}

TEST_CASE("markers spelled out ([1]) are notes only where the notes show below them") {
  // A copy whose list of links was lost keeps its "[1]" and "[2]": with no line below that
  // opens with a note's number or carries a back-link, the markers weigh as references the
  // text does not hold, and the closing lines stay the essay's.
  const std::string lost =
      "Writing Flavour Text\n\nI start from two questions about a place, an idea I took from a book on method[1], "
      "and answer them until the place feels lived in.\n\nGenerators can help with names, like the one on "
      "fantasynamegenerators.com [2], though I find a deck of cards better for the rest.\n\nClosing Advice\n\n"
      "If the words do not come, stop for the day and come back tomorrow.\n\nIt's a game after all :D\n\n"
      "I hope these notes help your writing as much as they help mine.\n";
  const essaykit::Document d = test::text(lost);
  CHECK(d.footnotes.empty());
  // The same markers over bodies that open with their numbers, that carry back-links (a
  // reference list copied without its numbers: "^ …", or "… ↩︎"), or under a heading that
  // names the notes, are notes.
  auto replaced = [&](std::string_view a, std::string_view b, std::string_view c, std::string_view e) {
    std::string t = lost;
    t.replace(t.find(a), a.size(), b);
    t.replace(t.find(c), c.size(), e);
    return t;
  };
  const std::string numbered = replaced("It's a game", "1. It's a game", "I hope these", "2. I hope these");
  const std::string carets = replaced("It's a game", "^ It's a game", "I hope these", "^ I hope these");
  const std::string arrows = replaced(":D\n", ":D \xE2\x86\xA9\xEF\xB8\x8E\n", "mine.\n", "mine. \xE2\x86\xA9\xEF\xB8\x8E\n");
  const std::string headed = replaced("It's a game", "Notes\n\nIt's a game", "I hope these", "I hope these");
  for (const std::string& in : {numbered, carets, arrows, headed}) {
    CAPTURE(in);
    const essaykit::Document n = test::text(in);
    REQUIRE(n.footnotes.size() == 2);
    CHECK(n.footnotes[0].text == "It's a game after all :D");  // (no number, caret or arrow)
    CHECK(n.footnotes[1].text == "I hope these notes help your writing as much as they help mine.");
  }
  // What does not show notes: numbers past the chain's ("3. ", "4. " under [1] and [2]), a
  // caret with no space after it ("^C stops …"), a heading that names one note ("Note:").
  const std::string past = replaced("It's a game", "3. It's a game", "I hope these", "4. I hope these");
  const std::string control = replaced("It's a game", "^C stops the server. It's a game", "I hope these", "I hope these");
  const std::string one_note = replaced("It's a game", "Note:\n\nIt's a game", "I hope these", "I hope these");
  for (const std::string& in : {past, control, one_note}) {
    CAPTURE(in);
    CHECK(test::text(in).footnotes.empty());
  }
}

TEST_CASE("a superscript after a CJK stop or comma is a reference, as after '.'") {
  // "。1" and the full-width ！？，: a sentence or clause stop, then the digits; CJK text goes on
  // with no space after them.
  const std::string zh =
      "编译器为什么慢\n\n"
      "过早的优化是万恶之源，这是高德纳说的。1后来我们还是优化了编译器，因为一次构建要花一个小时，2而且没有人愿意等。"
      "这样做值得吗？3我们认为是值得的！\n\n"
      "这就是构建变快的故事，也是我们一路上学到的东西。我们以后还会再写一篇。\n\n"
      "这句话出自一篇关于结构化编程和跳转语句的论文。\n\n"
      "一个小时是在一台很旧的笔记本电脑上测量的。\n\n"
      "后来的测量结果见下一篇文章。\n";
  auto d = test::text(zh);
  REQUIRE(d.footnotes.size() == 3);
  const char* before[] = {"\xE3\x80\x82", "\xEF\xBC\x8C", "\xEF\xBC\x9F"};  // 。 ， ？
  for (std::size_t k = 0; k < 3; ++k) {
    CAPTURE(k);
    CHECK(d.footnotes[k].label == std::to_string(k + 1));
    REQUIRE(d.footnotes[k].refs.size() == 1);
    const essaykit::Span r = d.footnotes[k].refs[0].span;
    CHECK(slice(zh, r) == std::to_string(k + 1));
    CHECK(zh.substr(r.start - 3, 3) == before[k]);
  }
  CHECK(d.footnotes[0].text == "这句话出自一篇关于结构化编程和跳转语句的论文。");
  // In Latin text with a space after the digits, and after ！.
  for (const char* stop : {"\xE3\x80\x82", "\xEF\xBC\x81"}) {
    CAPTURE(stop);
    const std::string in = std::string("Slow Builds\n\nPremature optimisation is the root of much evil, as Knuth said") +
                           stop + "1 Then we optimised the compiler anyway, because the build took an hour" + stop +
                           "2 It was worth it.\n\nThat is how the build got faster, and what we learned along the way.\n\n"
                           "The quote comes from a paper on structured programming with go to statements.\n\n"
                           "The hour was measured on a laptop that was already old when we bought it.\n";
    auto e = test::text(in);
    REQUIRE(e.footnotes.size() == 2);
    CHECK(e.footnotes[1].text.rfind("The hour was", 0) == 0);
  }
}

TEST_CASE("numbered bodies that follow the last paragraph with no blank line between") {
  // The copy lost the blank line before the bodies: the last paragraph ends where the first
  // body's number opens a line (the bodies, read as the rest of the paragraph, left no room
  // for themselves, and the reading with all three notes was never weighed).
  const std::string in =
      "Keeping Ledgers\n\n"
      "Most arguments about money are really arguments about records, and the teams that keep good records argue "
      "less about everything else.1 This post explains why that is so.\n\n"
      "A ledger is an append-only list of entries, kept in the order things happened, never edited after the fact. "
      "Andrew Tulloch2 once called it the only honest document a company has.\n\n"
      "When two people disagree about a number, the ledger settles it, because every change is visible and dated. "
      "That is the whole trick, and it costs almost nothing to keep up.3\n"
      "1. The word record comes from the Latin recordari, to remember.\n"
      "2. He said this at a conference, to some laughter.\n"
      "3. Almost nothing, that is, once the habit is formed.\n";
  auto d = test::text(in);
  REQUIRE(d.footnotes.size() == 3);
  const char* texts[] = {"The word record comes from the Latin recordari, to remember.",
                         "He said this at a conference, to some laughter.",
                         "Almost nothing, that is, once the habit is formed."};
  for (std::size_t k = 0; k < 3; ++k) {
    CAPTURE(k);
    CHECK(d.footnotes[k].label == std::to_string(k + 1));
    CHECK(d.footnotes[k].refs.size() == 1);
    CHECK(d.footnotes[k].text == texts[k]);
  }
}

// Long a known miss of the fitted model, not of a rule: in a blank-separated copy the model
// weighed a blank line before a body's first line above the body's number, so it would
// rather begin a body at the closing paragraph, which has one, than at "2. ", which has
// none. The refit with the list features (7e9179a) reads it right.
TEST_CASE("numbered bodies on consecutive lines after a closing paragraph") {
  const std::string in =
      "A Post About Gardens\n\n"
      "Gardens take patience, and most of the work happens long before anything grows.1 The soil has to be "
      "ready first.\n\n"
      "Watering in the morning is better than in the evening, because the leaves dry before night falls.2\n\n"
      "That is all I know about gardens for now, and it took me years to learn it.\n\n"
      "1. First note.\n"
      "2. Second note.\n";
  auto d = test::text(in);
  REQUIRE(d.footnotes.size() == 2);
  CHECK(d.footnotes[0].text == "First note.");
  CHECK(d.footnotes[1].text == "Second note.");
  CHECK(d.stats.paragraphs == 3);  // the closing paragraph stays in the text
}

TEST_CASE("a run of numbered headings under an unnumbered heading is its sections; a number that goes on keeps its level") {
  const std::string para =
      "This paragraph is long enough to read as prose and not as a heading, so the lines around it stand apart.\n\n";
  auto d = test::text("Notes From a Year of Teaching\n\n" + para + "What I Would Tell Myself\n\n" + para +
                      "1. Plan the Term Backwards\n\n" + para + "2. Grade Less, Comment More\n\n" + para +
                      "Looking Back\n\n" + para + "3. Keep a Teaching Diary\n\n" + para + "Closing Thoughts\n\n" + para);
  REQUIRE(section_titles(d) == std::vector<std::string>{"What I Would Tell Myself", "1. Plan the Term Backwards",
                                                        "2. Grade Less, Comment More", "Looking Back",
                                                        "3. Keep a Teaching Diary", "Closing Thoughts"});
  // 1. and 2. open under the heading before them; 3. goes on from 2. (the heading between
  // does not start a new numbering), so it is at their level, under "Looking Back".
  CHECK(d.sections[0].level == 1);
  CHECK(d.sections[1].level == 2);
  CHECK(d.sections[1].parent == 0u);
  CHECK(d.sections[2].level == 2);
  CHECK(d.sections[3].level == 1);
  CHECK(d.sections[4].level == 2);
  CHECK(d.sections[4].parent == 3u);
  CHECK(d.sections[5].level == 1);
  // Numbered headings with no unnumbered heading before them are the outermost.
  auto flat = test::text("Three Rules\n\n" + para + "1. Write It Down\n\n" + para + "2. Read It Back\n\n" + para);
  REQUIRE(flat.sections.size() == 2);
  CHECK(flat.sections[0].level == 1);
  CHECK(flat.sections[1].level == 1);
}

// Numbered headings nest by their numbers: "1.1" under "1.", whatever the copy kept of the
// markup; roman numerals and a stage named in words ("Part 2 —") are each a first level.
TEST_CASE("numbered headings nest by their numbers: 2.3 under 2., II. and Part 2 at the first level") {
  const std::string para =
      "This paragraph is long enough to read as prose and not as a heading, so the lines around it stand apart.\n\n";
  auto d = test::text("A Storage Engine, Rebuilt\n\n" + para + "1. Background\n\n" + para +
                      "1.1 What Came Before\n\n" + para + "1.2 Why It Failed\n\n" + para + "2. The New Design\n\n" +
                      para + "2.1 Storage\n\n" + para + "2.1.1 Pages and Blocks\n\n" + para + "2.2 Recovery\n\n" + para +
                      "3. Results\n\n" + para);
  REQUIRE(section_titles(d) == std::vector<std::string>{"1. Background", "1.1 What Came Before", "1.2 Why It Failed",
                                                        "2. The New Design", "2.1 Storage", "2.1.1 Pages and Blocks",
                                                        "2.2 Recovery", "3. Results"});
  const std::vector<int> levels = {1, 2, 2, 1, 2, 3, 2, 1};
  for (std::size_t k = 0; k < levels.size(); ++k) {
    CAPTURE(k);
    CHECK(d.sections[k].level == levels[k]);
  }
  CHECK(d.sections[1].parent == 0u);
  CHECK(d.sections[2].parent == 0u);
  CHECK(d.sections[4].parent == 3u);
  CHECK(d.sections[5].parent == 4u);
  CHECK(d.sections[6].parent == 3u);
  CHECK(!d.sections[7].parent);

  auto roman = test::text("On Rivers\n\n" + para + "I. Sources\n\n" + para + "II. Courses\n\n" + para +
                          "III. Mouths\n\n" + para);
  CAPTURE(section_titles(roman));
  REQUIRE(section_titles(roman) == std::vector<std::string>{"I. Sources", "II. Courses", "III. Mouths"});
  for (const auto& sec : roman.sections) CHECK(sec.level == 1);

  auto parts = test::text("A Walk Along the Coast\n\n" + para + "Part 1 \xE2\x80\x94 The Cliffs\n\n" + para +
                          "Part 2 \xE2\x80\x94 The Harbour\n\n" + para + "Part 3 \xE2\x80\x94 The Dunes\n\n" + para);
  REQUIRE(parts.sections.size() == 3);
  for (const auto& sec : parts.sections) CHECK(sec.level == 1);
}

TEST_CASE("a reference glued to a heading or an item is no part of its text") {
  // As a sentence's text and a Markdown or HTML item's leave the mark out, so do a
  // plain-text heading's and item's: "anyone2" read "anyone2" there, "anyone" in the sentence.
  const std::string in =
      "Three Things About Caches\n\n"
      "Caches are everywhere, and most of them are wrong.1 This post lists the ways they fail.\n\n"
      "Where They Fail\n\n"
      "The main failures are these:\n\n"
      "They go stale without telling anyone2\n"
      "They grow until the machine runs out of memory\n"
      "They hide bugs that only show up under load3\n\n"
      "Each of these has bitten me at least once. I think every cache should have an owner.\n\n"
      "What to do about it4\n\n"
      "Give every cache an owner and a budget. Measure the hit rate before you trust it.\n\n"
      "My own caches have all been wrong at least once.\n\n"
      "Which is why I stopped trusting them.\n\n\n"
      "See the paper by Smith for a survey of cache failures.\n\n"
      "Staleness is the hardest of the three to notice.\n\n"
      "A fourth note here.\n\n"
      "Load testing is the only reliable way to find these.\n";
  auto d = test::analyze(in, essaykit::Format::text, true);
  REQUIRE(d.footnotes.size() == 4);
  for (const auto& f : d.footnotes) REQUIRE(f.refs.size() == 1);
  CHECK(slice(in, d.footnotes[1].refs[0].span) == "2");
  CHECK(item_texts(d) == std::vector<std::string>{"They go stale without telling anyone",
                                                  "They grow until the machine runs out of memory",
                                                  "They hide bugs that only show up under load"});
  CHECK(section_titles(d) == std::vector<std::string>{"Where They Fail", "What to do about it"});
  // The spans still cover the marks, as the sentences' do.
  REQUIRE(d.lists.size() == 1);
  CHECK(slice(in, d.lists[0].items[0].span) == "They go stale without telling anyone2");
  REQUIRE(d.sections.size() == 2);
  CHECK(slice(in, d.sections[1].span) == "What to do about it4");
}

TEST_CASE("a line of Unicode white space or zero-width characters is blank") {
  // A copy keeps a page's "&nbsp;", "&emsp;" and "&#8203;" paragraphs as lines of them: the
  // zero-width space's line was read as the title, and the one before a note as its body.
  auto d = test::text("\xE2\x80\x8B\n"
                      "Why Ledgers Matter\n"
                      "\n"
                      "\xE3\x80\x80\xE2\x80\x83\n"
                      "Most arguments about money are really arguments about records, and the teams that keep good "
                      "records argue less about everything else.1 This post explains why.\n"
                      "\n"
                      "\xE2\x80\x83\n"
                      "1. The word record comes from the Latin recordari, to remember.\n");
  REQUIRE(d.title);
  CHECK(d.title->text == "Why Ledgers Matter");
  REQUIRE(d.footnotes.size() == 1);
  CHECK(d.footnotes[0].text == "The word record comes from the Latin recordari, to remember.");
  REQUIRE(d.footnotes[0].body);
  CHECK(d.footnotes[0].body->line == 8);
}

TEST_CASE("a rule above the title is no title") {
  // A copy may open on a rule, a banner line of '=' or '*' (or a Markdown file's front
  // matter fence, read as text): it was taken as the title, printed as '---'.
  for (const std::string rule : {"---", "=====", "* * *", "________"}) {
    CAPTURE(rule);
    auto d = test::text(rule + "\nField Notes on Rivers\n" + rule +
                        "\n\nRivers move more than water. They move sand, seeds, and people.\n\n"
                        "Every town on a river is shaped by it, and most of them know it.\n");
    REQUIRE(d.title);
    CHECK(d.title->text == "Field Notes on Rivers");
    CHECK(d.title->span.line == 2);
  }
  auto d = test::text("***\n\nRivers move more than water. They move sand, seeds, and people.\n");
  CHECK_FALSE(d.title);
}

TEST_CASE("a page copied whole: the site's menu above the title is no title and no heading") {
  // A browser's copy of the whole page opens on the theme's chrome, a skip link and the menu's
  // labels, above the post's title: the first of them was the title, and the labels were
  // headings with lists under them.
  const std::vector<std::string> menu = {"Skip to the article", "Navigation", "Start", "Projects", "Reading list"};
  const std::string title = "Notes on the river survey";
  const std::string byline = "Posted on 9 June 2023 by Ivo Marsh";
  const std::string body =
      "We walked the river from the weir to the estuary over three weekends. Each of us kept a notebook.\n"
      "What we counted\n"
      "Birds, boats and bridges, with the time of day and the state of the tide for each.\n"
      "What we learned\n"
      "The tide decides everything on this river, and the boats know it better than the maps do.\n";
  auto joined = [&](bool with_byline, const char* sep) {
    std::string in;
    for (const auto& m : menu) in += m + sep;
    in += title + sep;
    if (with_byline) in += byline + sep;
    for (std::size_t a = 0, b; (b = body.find('\n', a)) != std::string::npos; a = b + 1)
      in += body.substr(a, b - a) + sep;
    return in;
  };
  for (const bool with_byline : {true, false})
    for (const char* sep : {"\n", "\n\n"}) {
      const std::string in = joined(with_byline, sep);
      CAPTURE(in);
      auto d = test::text(in);
      REQUIRE(d.title);
      CHECK(d.title->text == title);
      CHECK(slice(in, d.title->span) == title);
      CHECK(section_titles(d) == std::vector<std::string>{"What we counted", "What we learned"});
      CHECK(d.lists.empty());
    }
  // (Another site's: a menu of single words under its skip link, and the post with no byline.)
  const std::string page =
      "Skip to content\nMenu\nHome\nAbout\nArchive\nWhy ledgers matter\n"
      "Most arguments about money are really arguments about records. When two people disagree about who paid, "
      "they are disagreeing about a ledger.\nWhat a ledger is\n"
      "A ledger is a list of entries, each with a date, an amount and a party. Keeping one is easy.\n";
  auto d = test::text(page);
  REQUIRE(d.title);
  CHECK(d.title->text == "Why ledgers matter");
  CHECK(section_titles(d) == std::vector<std::string>{"What a ledger is"});
  // (A skip link longer than the title, over the site's name, of three words, and its menu.)
  const std::string longer_link =
      "Skip to main content\nAnn Lee's Notebook\nHome\nPosts\nAbout\nOn keeping a ledger\n"
      "Most arguments about money are really arguments about records. They go on for years.\n"
      "A second paragraph follows here, with more words in it than the first.\n";
  auto e = test::text(longer_link);
  REQUIRE(e.title);
  CHECK(e.title->text == "On keeping a ledger");
  CHECK(e.sections.empty());
}

TEST_CASE("a page's chrome is said to be left out, and a byline or date under the title is no title") {
  const std::string prose =
      "Most arguments about money are really arguments about records. When two people disagree about who paid, "
      "they are disagreeing about a ledger.\n";
  for (const char* under : {"By Ann Lee\n", "March 2024\n"}) {
    const std::string in = std::string("Skip to content\nHome\nAbout\nArchive\nWhy ledgers matter\n") + under + prose;
    CAPTURE(in);
    auto d = test::text(in);
    REQUIRE(d.title);
    CHECK(d.title->text == "Why ledgers matter");
    REQUIRE(d.diagnostics.size() == 1);
    CHECK(d.diagnostics[0].code == essaykit::DiagnosticCode::page_chrome);
    CHECK(slice(in, d.diagnostics[0].span) == "Skip to content\nHome\nAbout\nArchive");
    CHECK(d.diagnostics[0].span.line == 1);
  }
}

TEST_CASE("short lines under a title are no site's menu without a theme's control among them") {
  // (What the rule of a page's chrome must leave alone: a recipe's ingredients, a poem's
  // lines, a table of contents, taglines, a list of single words under a title of one word,
  // a title over a short tagline: runs as short as a menu, with no skip link or menu control,
  // or a title that is longer than the line the rule would take for the title.)
  const std::string prose = "We walked the river from the weir to the estuary. Each of us kept a notebook.";
  const std::vector<std::vector<std::string>> texts = {
      {"Pancakes", "Flour", "Eggs", "Milk", "Baking powder", prose},
      {"Winter", "Cold light", "Bare trees", "Frozen river", "A long silence falls", prose},
      {"River survey notes", "Contents", "Methods", "Results", "Discussion", prose},
      {"Tide tables", "Field notes", "Volume two", "From the estuary", "Spring edition", prose},
      {"Shopping", "Eggs", "Milk", "Flour", "Salt",
       "We needed all of these for the cake, and the shop was closed. So we walked to the next town."},
      {"Tide tables", "Field notes", "From the estuary", prose, "What we counted",
       "Birds, boats and bridges, with the time of day and the state of the tide for each."}};
  for (const auto& lines : texts)
    for (const char* sep : {"\n", "\n\n"}) {
      std::string in;
      for (const auto& line : lines) in += line + sep;
      CAPTURE(in);
      auto d = test::text(in);
      REQUIRE(d.title);
      CHECK(d.title->text == lines.front());
      CHECK(d.title->span.line == 1);
      CHECK(d.diagnostics.empty());
    }
}

TEST_CASE("front matter read as text is metadata, and its title is the title") {
  // A Markdown file given with --from text: its front matter's fields were prose (the
  // title 'title: Field Notes on Rivers', the fields a paragraph or a list).
  const std::string in =
      "---\ntitle: \"Field Notes on Rivers\"\ndate: 2024-05-01\ntags:\n  - rivers\n  - towns\n---\n\n"
      "Rivers move more than water. They move sand, seeds, and people.\n\n"
      "Every town on a river is shaped by it, and most of them know it.\n";
  auto d = test::text(in);
  REQUIRE(d.title);
  CHECK(d.title->text == "Field Notes on Rivers");
  CHECK(slice(in, d.title->span) == "Field Notes on Rivers");
  CHECK(d.lists.empty());
  CHECK(d.sections.empty());
  for (const auto& s : d.sentences) CHECK(s.text.find("2024") == std::string::npos);
  // Without a title field, the first line after it is the title, as without front matter.
  auto untitled = test::text("---\ndate: 2024-05-01\n---\nField Notes on Rivers\n\n"
                             "Rivers move more than water. They move sand, seeds, and people.\n");
  REQUIRE(untitled.title);
  CHECK(untitled.title->text == "Field Notes on Rivers");
}

TEST_CASE("a text that opens on '# Title' marks its headings with '#'") {
  // A Markdown file saved as .txt, or given with --from text: the title kept its '#' and
  // the '##' lines were paragraphs, so the text had no sections.
  const std::string in =
      "# Trip notes\n\nWe left early and walked to the harbour.\n\n## Day one\n\nA long walk, then a swim:\n\n"
      "```\n# not a heading: a comment in a fence\nls -la\n```\n\n    # nor in an indented block\n    ls\n\n"
      "### Lunch ###\n\nSoup by the water.\n\n"
      "## Day two\n\nRain all day, so we read.\n";
  auto d = test::text(in);
  REQUIRE(d.title);
  CHECK(d.title->text == "Trip notes");
  CHECK(slice(in, d.title->span) == "# Trip notes");
  REQUIRE(d.sections.size() == 3);
  CHECK(d.sections[0].title == "Day one");
  CHECK(d.sections[0].level == 2);
  CHECK(slice(in, d.sections[0].span) == "## Day one");
  CHECK(d.sections[1].title == "Lunch");  // (its closing marks are no words either)
  CHECK(d.sections[1].level == 3);
  CHECK(d.sections[1].parent == 0);
  CHECK(d.sections[2].title == "Day two");
  CHECK(d.sections[2].level == 2);
  // Without "# " on the first line, a '#' line further down is read as any line is, and a
  // "#hashtag" title keeps its '#'.
  auto later = test::text("Trip notes\n\nWe left early.\n\n# not marked\n\nRain all day, so we read.\n");
  REQUIRE(later.title);
  CHECK(later.title->text == "Trip notes");
  for (const auto& s : later.sections) CHECK(s.title != "not marked");
  // A fence closes on its own character, as long a run: a "```" inside a "~~~" block is
  // code, and the '#' comment under it no heading (it was, and the '## Real' after the
  // block's close was none).
  auto mixed = test::text("# Title\n\nSome intro text here.\n\n~~~\n```\n# a shell comment\nls\n~~~\n\n"
                          "## Real\n\nText here.\n\n````\n```\n# another\n````\n\n## Last\n\nMore text.\n");
  CHECK(section_titles(mixed) == std::vector<std::string>{"Real", "Last"});
  // Under front matter the title is a field and the headings open at "##": they are
  // headings as well (the text had no sections).
  const std::string fronted = "---\ntitle: Trip notes\ndate: 2024-05-01\n---\n\nWe left early and walked to the harbour.\n\n"
                              "## Day one\n\nA long walk, then a swim.\n\n### Lunch\n\nSoup by the water.\n";
  auto front = test::text(fronted);
  REQUIRE(front.title);
  CHECK(front.title->text == "Trip notes");
  CHECK(section_titles(front) == std::vector<std::string>{"Day one", "Lunch"});
  REQUIRE(front.sections.size() == 2);
  CHECK(slice(fronted, front.sections[0].span) == "## Day one");
  CHECK(front.sections[1].parent == 0);
  // A tab after the marks, as Markdown allows ("##\tPart").
  auto tabbed = test::text("# Title\n\nIntro text. It goes on.\n\n##\tTabbed part\n\nBody text.\n\n## After\n\nMore.\n");
  CHECK(section_titles(tabbed) == std::vector<std::string>{"Tabbed part", "After"});
  // A heading past the notes ("## Comments") is after-matter: the notes before it are kept
  // (every reading that placed them before a line that had to be an essay heading was
  // ruled out, and the notes were lost or given the comments as a body).
  const std::string commented =
      "# On gardens\n\nGardens teach patience.1 They also teach loss.2\n\n## Planting\n\nDig the bed well. Then sow.\n\n"
      "## Notes\n\n1. See Smith, 2001.\n2. See Jones, 2004.\n\n## Comments\n\nGreat post, thanks for writing it.\n";
  for (const std::string& after : {std::string("## Comments\n\nGreat post, thanks for writing it.\n"), std::string("# Trailing\n")}) {
    const std::string with = commented.substr(0, commented.find("## Comments")) + after;
    auto notes = test::text(with);
    REQUIRE(notes.footnotes.size() == 2);
    CHECK(notes.footnotes[0].text == "See Smith, 2001.");
    CHECK(notes.footnotes[1].text == "See Jones, 2004.");
  }
  // Its lines without marks are no headings, as in Markdown, but for an underlined one: a
  // short line between its sections ("Conclusion") took level 1 and became the parent of
  // the '##' section after it.
  const std::string unmarked =
      "# Trip notes\n\nWe left early.\n\n## Day one\n\nA long walk.\n\nConclusion\n\nWe slept well.\n\n"
      "## Day two\n\nRain all day.\n\nEvening\n-------\n\nWe read.\n";
  auto u = test::text(unmarked);
  REQUIRE(u.sections.size() == 3);
  CHECK(u.sections[0].title == "Day one");
  CHECK(u.sections[1].title == "Day two");
  CHECK(u.sections[1].level == 2);
  CHECK(!u.sections[1].parent);
  CHECK(u.sections[2].title == "Evening");
  auto tag = test::text("#hashtag\n\nWe left early.\n\nRain all day.\n");
  REQUIRE(tag.title);
  CHECK(tag.title->text == "#hashtag");
}

TEST_CASE("a '#'-marked heading's glued digits are its words, no reference; its marked note is one") {
  // "## Part2" was read as the heading "Part" with the reference 2, which took the second body.
  const std::string in =
      "# On gardens\n\nGardens teach patience.1 They also teach us about loss.\n\n## Part2\n\n"
      "Dig the bed well. Then sow.3\n\n## Notes\n\n1. See Smith, 2001.\n2. See Jones, 2004.\n3. See Brown, 2010.\n";
  auto d = test::text(in);
  REQUIRE(d.sections.size() == 2);
  CHECK(d.sections[0].title == "Part2");
  REQUIRE(d.footnotes.size() == 3);
  for (const auto& f : d.footnotes) {
    CAPTURE(f.label);
    if (f.label == "2") {
      CHECK(f.refs.empty());  // (its reference is lost, not taken from the heading)
      continue;
    }
    REQUIRE(f.refs.size() == 1);
    CHECK(slice(in, f.refs[0].span) == f.label);
    CHECK(f.refs[0].context == (f.label == "1" ? "Gardens teach patience." : "Dig the bed well. Then sow."));
  }
  // A marked note on a marked heading is a reference, as in Markdown.
  const std::string marked =
      "# On gardens\n\nGardens teach patience.[^1] They also teach us about loss.\n\n## Part two[^2]\n\n"
      "Dig the bed well. Then sow.\n\n[^1]: See Smith, 2001.\n[^2]: See Jones, 2004.\n";
  auto m = test::text(marked);
  REQUIRE(m.sections.size() == 1);
  CHECK(m.sections[0].title == "Part two");
  REQUIRE(m.footnotes.size() == 2);
  REQUIRE(m.footnotes[1].refs.size() == 1);
  CHECK(slice(marked, m.footnotes[1].refs[0].span) == "[^2]");
  // A copy that marks no headings keeps the digits glued to a heading as a reference.
  auto copy = test::text("On gardens\n\nGardens teach patience.1 They also teach us about loss.\n\nPlanting2\n\n"
                         "Dig the bed well. Then sow.3\n\n1. See Smith, 2001.\n2. See Jones, 2004.\n3. See Brown, 2010.\n");
  REQUIRE(copy.footnotes.size() == 3);
  CHECK(copy.footnotes[1].refs.size() == 1);
}

TEST_CASE("a '#'-marked heading's sentence ends before its closing marks, as in Markdown") {
  const std::string in = "# Trip notes\n\nWe left early.\n\n## Day one ##\n\nA long walk.\n\n### Lunch #\n\nSoup.\n";
  for (auto format : {essaykit::Format::text, essaykit::Format::markdown}) {
    CAPTURE(static_cast<int>(format));
    auto d = test::analyze(in, format, true);
    std::vector<std::string> heads;
    for (const auto& s : d.sentences)
      if (slice(in, s.span).substr(0, 3) == "## " || slice(in, s.span).substr(0, 4) == "### ")
        heads.emplace_back(slice(in, s.span));
    CHECK(heads == std::vector<std::string>{"## Day one", "### Lunch"});
    CHECK(section_titles(d).back() == "Lunch");
  }
}

// Bodies that open with their numbers in brackets ("[1] …", as pandoc's plain text and many
// themes write them), where the second quotes a long passage, indented, and goes on under
// it: the numbers say where each body begins, whatever the weights make of a quotation
// under a lead-in and a short paragraph after it (which they read as the first body and the
// second, the numbered lines left to the essay).
TEST_CASE("bodies that open with their numbers in brackets begin on them, a quotation inside one") {
  const std::string in =
      "Ten Years of Gardening\n\n"
      "The decade behind me was a decade of beginnings.[1] I planted the first\n"
      "beds in a rented yard and learned most of what I know by losing plants.\n\n"
      "Some of what I learned came from books, and one essay above all.[2] It\n"
      "changed how I think about soil, and about patience.\n\n"
      "The decade ahead will be one of tending what is already there.[3]\n\n"
      "To all of you reading: think about what the next ten years should hold.\n\n"
      "[1] There is a debate about when decades begin. I count from the zero,\n"
      "as a programmer would, and I do not mind being told I am wrong.\n\n"
      "[2] Years ago I read an essay on the life of soil. Its authors describe\n"
      "the work of a gardener in a way I recognised at once:\n\n"
      "  a garden is less a thing made than a thing kept; the gardener joins\n"
      "  a process already under way, and the best of the work is noticing\n"
      "  what the ground is doing before deciding what to do with it. The\n"
      "  plants, the fungi and the weather do most of the work, and the\n"
      "  gardener's part is small, slow and often invisible to visitors.\n\n"
      "The whole thing is worth your time.\n\n"
      "[3] The beds I built first are still there, though little in them is.\n";
  const essaykit::Document d = test::text(in);
  REQUIRE(d.footnotes.size() == 3);
  CHECK(d.footnotes[0].text.rfind("There is a debate", 0) == 0);
  CHECK(d.footnotes[1].text.rfind("Years ago I read", 0) == 0);
  CHECK(d.footnotes[1].text.find("The whole thing is worth your time.") != std::string::npos);
  CHECK(d.footnotes[2].text == "The beds I built first are still there, though little in them is.");
  // The essay ends above the first body.
  for (const essaykit::Footnote& f : d.footnotes) CHECK(f.text.find("To all of you") == std::string::npos);
  // Where a number comes twice below the references (a list of references "[1] …" under
  // the notes), the numbers do not say where the bodies begin and the rule stands aside:
  // the notes are still found.
  const std::string with_list = in + "\nReferences\n\n[1] A book on soil.\n\n[2] An essay on gardens.\n";
  CHECK(test::text(with_list).footnotes.size() == 3);
  // A numbered list inside a body ("1. Feed the soil …" under "[2] …") is the body's list,
  // not the numbers of the bodies: the rule holds, and the list is the second body's.
  std::string listed = in;
  const std::size_t quote = listed.find("  a garden is less");
  const std::size_t quote_end = listed.find("The whole thing");
  listed.replace(quote, quote_end - quote,
                 "1. Feed the soil, not the plant.\n2. Never dig when the ground is wet.\n"
                 "3. Leave the roots of what you cut.\n\n");
  const essaykit::Document li = test::text(listed);
  REQUIRE(li.footnotes.size() == 3);
  CHECK(li.footnotes[0].text.rfind("There is a debate", 0) == 0);
  CHECK(li.footnotes[1].text.find("Never dig when the ground is wet.") != std::string::npos);
  CHECK(li.footnotes[2].text == "The beds I built first are still there, though little in them is.");
  REQUIRE(li.lists.size() == 1);
  REQUIRE(li.lists[0].items.size() >= 3);  // (the weights let the line after it be a fourth item)
  CHECK(li.lists[0].items[0].text == "Feed the soil, not the plant.");
  CHECK(li.lists[0].items[2].text == "Leave the roots of what you cut.");
  // A body whose last line leads in (ends in ':') holds on to the line after it, but a
  // body's number there ends it: "[2] …" under "… say this:" begins the second body
  // (without the number's rule, the first body took it, and the second note was lost).
  std::string led = in;
  led.replace(led.find("and I do not mind being told I am wrong."), 40, "and the two camps say this:");
  const essaykit::Document l = test::text(led);
  REQUIRE(l.footnotes.size() == 3);
  CHECK(l.footnotes[0].text.find("[2]") == std::string::npos);
  CHECK(l.footnotes[1].text.rfind("Years ago I read", 0) == 0);
}

// The rule of the bodies' numbers holds only where every body's number opens a line so:
// a bracketed number at a line's start that is not a body's ("[2] explains" wrapped in the
// essay's tail, a job's "[1] 40213" under a shell's "&", a list of sources under "1. "
// notes) says nothing of where the bodies begin. (A first form of the rule, which took any
// such line, set a body on each and lost the real ones.)
TEST_CASE("a bracketed number at a line's start is no body's where the bodies are not numbered so") {
  const std::string wrapped =
      "Watering by Script\n\n"
      "I started automating the garden last spring [1]. The first attempt flooded\n"
      "the tomatoes, and the second forgot the herbs entirely [2]. The third has\n"
      "run since June without a single drowned bed [3].\n\n"
      "Most of the work was in deciding when not to water. Rain in the forecast,\n"
      "a cool morning, a bed that drains slowly: each of these should hold the\n"
      "valves shut, and each took a week of wet feet to get right. The herbs, as\n"
      "[2] explains, were never on the valves at all, which is why they died.\n\n"
      "The script now runs every morning at six, and I have not watered by hand\n"
      "since June. The tomatoes, at least, seem grateful.\n\n"
      "1. A friend had done the same with a timer, which is simpler and, as it\n"
      "turned out, more reliable than my first version.\n\n"
      "2. The herbs are in pots on the porch, out of reach of the valves.\n\n"
      "3. One bed did drown in August, but that was the rain, not the script.\n";
  const essaykit::Document w = test::text(wrapped);
  REQUIRE(w.footnotes.size() == 3);
  CHECK(w.footnotes[0].text.rfind("A friend had done the same", 0) == 0);
  CHECK(w.footnotes[1].text == "The herbs are in pots on the porch, out of reach of the valves.");
  CHECK(w.footnotes[2].text == "One bed did drown in August, but that was the rain, not the script.");

  const std::string job =
      "Watering by Script\n\n"
      "I started automating the garden last spring.[1] The first attempt flooded\n"
      "the tomatoes, and the second forgot the herbs entirely.[2]\n\n"
      "Getting Started\n\n"
      "The script is short. It reads the soil sensors, decides which beds need\n"
      "water, and opens the valves one at a time so the pressure stays up. You\n"
      "can run it by hand, but it is meant to run in the background.\n\n"
      "To try it yourself, start it in the background:\n\n"
      "$ ./water.sh &\n[1] 40213\n\n"
      "The number is the job's, and the shell prints it so you can stop the job\n"
      "later with kill %1 when the beds are soaked.\n\n"
      "What I Learned\n\n"
      "Most of the work was in deciding when not to water. Rain in the forecast,\n"
      "a cool morning, a bed that drains slowly: each of these should hold the\n"
      "valves shut, and each took a week of wet feet to get right.\n\n"
      "The script now runs every morning at six, and I have not watered by hand\n"
      "since June. The tomatoes, at least, seem grateful.\n\n"
      "A friend had done the same with a timer, which is simpler and, as it\n"
      "turned out, more reliable than my first version.\n\n"
      "The herbs are in pots on the porch, out of reach of the valves.\n";
  const essaykit::Document j = test::text(job);
  REQUIRE(j.footnotes.size() == 2);
  CHECK(j.footnotes[0].text.rfind("A friend had done the same", 0) == 0);
  CHECK(j.footnotes[1].text == "The herbs are in pots on the porch, out of reach of the valves.");

  const std::string sources =
      "Ten Years of Gardening\n\n"
      "The decade behind me was a decade of beginnings.\xC2\xB9 I planted the first\n"
      "beds in a rented yard and learned most of what I know by losing plants.\n\n"
      "Some of what I learned came from books, and one essay above all.\xC2\xB2 It\n"
      "changed how I think about soil, and about patience.\n\n"
      "The decade ahead will be one of tending what is already there.\xC2\xB3\n\n"
      "1. There is a debate about when decades begin. I count from the zero,\n"
      "as a programmer would, and I do not mind being told I am wrong.\n\n"
      "2. Years ago I read an essay on the life of soil. Its authors describe\n"
      "the work of a gardener in a way I recognised at once.\n\n"
      "3. The beds I built first are still there, though little in them is.\n\n"
      "Sources\n\n"
      "[1] Hillel, D. Out of the Earth: Civilization and the Life of the Soil.\n"
      "University of California Press, 1991.\n\n"
      "[2] Logan, W. B. Dirt: The Ecstatic Skin of the Earth. Riverhead, 1995.\n"
      "Posted in Gardening. Comments are closed.\n";
  const essaykit::Document so = test::text(sources);
  REQUIRE(so.footnotes.size() == 3);
  CHECK(so.footnotes[0].text.rfind("There is a debate", 0) == 0);
  CHECK(so.footnotes[2].text == "The beds I built first are still there, though little in them is.");

  // Every body's number may open such a line and still not begin it: jobs a shell printed,
  // "[1] 40213" and "[2] 40214" (no prose after the number); and one note's "[1] " is too
  // little to go on (R's "[1] 2.5" under the only reference).
  const std::string jobs =
      "Background Jobs in the Shell\n\n"
      "Most people learn about background jobs by accident.[1] You type a\n"
      "command, add an ampersand, and the shell hands you back a prompt.\n\n"
      "The number in brackets is the job number, and the other is the process\n"
      "id.[2] You can bring a job back with fg, or list them all with jobs.\n\n"
      "Start two of them:\n\n"
      "$ sleep 100 &\n[1] 40213\n$ sleep 200 &\n[2] 40214\n\n"
      "That is really all there is to it.\n\n"
      "I learned it when I closed a terminal and lost an hour of work.\n\n"
      "On Linux the process id is assigned by the kernel, in increasing order until it wraps.\n";
  const essaykit::Document jb = test::text(jobs);
  REQUIRE(jb.footnotes.size() == 2);
  CHECK(jb.footnotes[0].text == "I learned it when I closed a terminal and lost an hour of work.");
  const std::string r =
      "Why the Median Beats the Mean for Load Times\n\n"
      "Page load times are skewed, and a few slow loads drag the mean far above\n"
      "what most visitors see.[1] Here is a week of our numbers in R:\n\n"
      "> loads <- c(1.2, 1.4, 1.1, 1.3, 9.8, 1.2, 1.5)\n> mean(loads)\n[1] 2.5\n\n"
      "The median says what a typical visitor waits; the mean says almost nothing.\n\n"
      "We now report the median and the 95th percentile, and nothing else.\n\n"
      "Measured with the browser's Navigation Timing API over the week of 3 March.\n";
  const essaykit::Document rd = test::text(r);
  REQUIRE(rd.footnotes.size() == 1);
  CHECK(rd.footnotes[0].text == "Measured with the browser's Navigation Timing API over the week of 3 March.");
}
