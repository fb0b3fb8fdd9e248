// The Markdown reader, through analyze(): every construct with its spans.
#include "helpers.h"

using essaykit::slice;

TEST_CASE("YAML front matter gives the title; its lines are never structure") {
  std::string in = "---\ntitle: \"A \\\"quoted\\\" title\"\ntags: [a]\n# not a heading\n---\n\n# Heading\n";
  auto d = test::md(in);
  REQUIRE(d.title);
  CHECK(d.title->text == "A \"quoted\" title");
  CHECK(d.title->span.line == 2);
  REQUIRE(d.sections.size() == 1);
  CHECK(d.sections[0].title == "Heading");
  CHECK(d.sections[0].span.line == 7);
}

TEST_CASE("TOML front matter and the link-comment idiom") {
  auto t = test::md("+++\ntitle = 'It''s TOML'\n+++\nBody.\n");
  REQUIRE(t.title);
  CHECK(t.title->text == "It's TOML");
  std::string vb = "[category]: <> (General)\n[title]: <> (Deeper dive)\n\nText.\n";
  auto v = test::md(vb);
  REQUIRE(v.title);
  CHECK(v.title->text == "Deeper dive");
  CHECK(slice(vb, v.title->span) == "Deeper dive");
}

TEST_CASE("a YAML title written over several lines, with a comment or with escapes, reads as YAML reads it") {
  auto title = [](const std::string& value, int line = 2) {
    std::string in = "---\n" + value + "\ndate: 2020-01-02\n---\n\n# Heading\n";
    auto d = test::md(in);
    REQUIRE(d.sections.size() == 1);
    CHECK(d.sections[0].title == "Heading");
    REQUIRE(d.title);
    CHECK(d.title->span.line == line);
    return std::make_pair(d.title->text, std::string(slice(in, d.title->span)));
  };
  // Editors wrap a long title onto indented lines; a block scalar (`>`, `|`) is how
  // others keep it long. The title was ">-", or its first line alone.
  CHECK(title("title: A plain title\n  that wraps onto a second line") ==
        std::make_pair(std::string("A plain title that wraps onto a second line"),
                       std::string("A plain title\n  that wraps onto a second line")));
  CHECK(title("title: \"A quoted title\n  that wraps\"") ==
        std::make_pair(std::string("A quoted title that wraps"), std::string("A quoted title\n  that wraps")));
  CHECK(title("title: 'It''s\n   wrapped'").first == "It's wrapped");
  // (A block scalar's text begins on the line below its key.)
  CHECK(title("title: >-\n  Folded\n  title", 3) ==
        std::make_pair(std::string("Folded title"), std::string("Folded\n  title")));
  CHECK(title("title: |  # kept as written\n  Literal\n\n  title", 3).first == "Literal title");
  // A comment after a quoted value is no part of it (the quotes were kept, and the comment).
  CHECK(title("title: \"Quoted\"   # the post's name") == std::make_pair(std::string("Quoted"), std::string("Quoted")));
  CHECK(title("title: Plain # a comment").second == "Plain");
  // Escapes of a double-quoted scalar: \u, \U, \x (a surrogate pair as one character).
  CHECK(title(R"(title: "Caf\u00e9 \x41 \U0001F600 \ud83d\ude00 \\ \/ \"q\"")").first ==
        "Caf\xC3\xA9 A \xF0\x9F\x98\x80 \xF0\x9F\x98\x80 \\ / \"q\"");
  auto toml = test::md("+++\ntitle = \"Caf\\u00e9\"\n+++\nBody.\n");
  REQUIRE(toml.title);
  CHECK(toml.title->text == "Caf\xC3\xA9");
  // A key after an empty block scalar, or a block scalar with nothing in it: no title.
  CHECK_FALSE(test::md("---\ntitle: >\nauthor: me\n---\nBody.\n").title.has_value());
}

TEST_CASE("an unclosed front matter fence is not front matter") {
  auto d = test::md("---\ntitle: x\n\n# Real\n");
  CHECK_FALSE(d.title.has_value());
  CHECK(d.sections.size() == 1);
}

TEST_CASE("a lone opening level-1 heading is the title and still a section") {
  auto d = test::md("# The Title\n\nText.\n\n## Part\n");
  REQUIRE(d.title);
  CHECK(d.title->text == "The Title");
  CHECK(d.sections.size() == 2);
  auto two = test::md("# One\n\n# Two\n");
  CHECK_FALSE(two.title.has_value());
  // A first-level heading quoted or inside a list item is a section, but not a rival title.
  auto quoted = test::md("# Main\n\n> # Quoted\n>\n> Text.\n\n- # In an item\n");
  REQUIRE(quoted.title);
  CHECK(quoted.title->text == "Main");
  CHECK(quoted.sections.size() == 3);
}

TEST_CASE("ATX and setext headings build the section tree") {
  std::string in = "# A\n\n## B *em*\n\nC\n---\n\n### D\n\n## E\n\n# F\n";
  auto d = test::md(in);
  REQUIRE(d.sections.size() == 6);
  CHECK(d.sections[1].title == "B em");
  CHECK(d.sections[1].parent == 0u);
  CHECK(d.sections[2].level == 2);
  CHECK(slice(in, d.sections[2].span) == "C\n---");
  CHECK(d.sections[3].parent == 2u);
  CHECK(d.sections[4].parent == 0u);
  CHECK_FALSE(d.sections[5].parent.has_value());
  // A section ends where the next heading of its level or outer begins.
  CHECK(d.sections[0].end_of_section == d.sections[5].span.start);
  CHECK(d.sections[3].end_of_section == d.sections[4].span.start);
  CHECK(d.sections[5].end_of_section == in.size());
}

TEST_CASE("code blocks and HTML blocks hold no headings, items or footnotes") {
  std::string in = "```\n# not\n- no\n[^x]: no\n```\n\n<div>\n# nor\n</div>\n\n    # indented code\n\nA[^x] `[^x]`\n";
  auto d = test::md(in);
  CHECK(d.sections.empty());
  CHECK(d.lists.empty());
  // `[^x]` outside code refers to nothing: one footnote without a body.
  REQUIRE(d.footnotes.size() == 1);
  CHECK(d.footnotes[0].refs.size() == 1);
  CHECK_FALSE(d.footnotes[0].body.has_value());
}

TEST_CASE("nested lists: items, depth, parent_item, markup removed") {
  std::string in = "Intro\n\n1. first **bold**\n   - nested [link](http://x)\n   - two\n2. second\n\n   more\n";
  auto d = test::md(in);
  REQUIRE(d.lists.size() == 2);
  CHECK(d.lists[0].ordered);
  REQUIRE(d.lists[0].items.size() == 2);
  CHECK(d.lists[0].items[0].text == "first bold");
  CHECK(d.lists[0].items[1].text == "second\n\nmore");
  CHECK(slice(in, d.lists[0].items[0].span).substr(0, 3) == "1. ");
  CHECK_FALSE(d.lists[1].ordered);
  REQUIRE(d.lists[1].parent_item);
  CHECK(d.lists[1].parent_item->list == 0);
  CHECK(d.lists[1].parent_item->item == 0);
  CHECK(d.lists[1].items[0].text == "nested link");
  CHECK(d.lists[1].items[0].depth == 1);
}

TEST_CASE("footnotes: several references, unused body, missing body") {
  std::string in =
      "# T\n\nOne[^a] two[^b] three[^a] four[^none].\n\n[^b]: Bee.\n[^a]: Ay\n\n    second para.\n[^c]: Unused.\n";
  auto d = test::md(in);
  REQUIRE(d.footnotes.size() == 4);
  // In order of first reference.
  CHECK(d.footnotes[0].label == "a");
  CHECK(d.footnotes[0].text == "Ay\n\nsecond para.");
  REQUIRE(d.footnotes[0].refs.size() == 2);
  CHECK(slice(in, d.footnotes[0].refs[0].span) == "[^a]");
  CHECK(slice(in, d.footnotes[0].refs[1].span) == "[^a]");
  // The context is the text as read: the other references' markers are not in it.
  CHECK(d.footnotes[0].refs[1].context == "One two three");
  CHECK(d.footnotes[2].refs[0].context == "One two three four");
  CHECK(slice(in, *d.footnotes[0].body).substr(0, 6) == "[^a]: ");
  CHECK(d.footnotes[1].label == "b");
  CHECK(d.footnotes[2].label == "none");
  CHECK(d.footnotes[2].text.empty());
  CHECK_FALSE(d.footnotes[2].body.has_value());
  CHECK(d.footnotes[3].label == "c");
  CHECK(d.footnotes[3].refs.empty());
  CHECK(d.diagnostics.size() == 2);
}

TEST_CASE("footnote reference on a continuation line of a list item keeps an exact span") {
  std::string in = "- item text\n  goes on[^n] here[^n]\n\n[^n]: Note.\n";
  auto d = test::md(in);
  REQUIRE(d.footnotes.size() == 1);
  REQUIRE(d.footnotes[0].refs.size() == 2);
  for (const auto& r : d.footnotes[0].refs) CHECK(slice(in, r.span) == "[^n]");
  CHECK(d.footnotes[0].refs[0].span.line == 2);
}

TEST_CASE("a reference's context is the text as read: link words, no markup, across the paragraph's lines") {
  std::string in =
      "# T\n\nSee [the docs](https://example.com/a/long/path) and **bold** `code`\nhere.[^a] Then `x`[^b]\n\n"
      "| a | b |\n|---|---|\n| cell[^a] | y |\n\n[^a]: One.\n[^b]: Two.\n";
  auto d = test::md(in);
  REQUIRE(d.footnotes.size() == 2);
  REQUIRE(d.footnotes[0].refs.size() == 2);
  CHECK(d.footnotes[0].refs[0].context == "See the docs and bold code here.");
  CHECK(d.footnotes[1].refs[0].context == "See the docs and bold code here. Then x");
  // A table's cell collects no text: its context is the cell's source before the marker,
  // from the last pipe no backslash escapes.
  CHECK(d.footnotes[0].refs[1].context == "cell");
  std::string table = "| a | b |\n|---|---|\n| x | the a\\|b cell[^c] |\n| y[^c] | z |\n\n[^c]: C.\n";
  auto t = test::md(table);
  REQUIRE(t.footnotes.size() == 1);
  REQUIRE(t.footnotes[0].refs.size() == 2);
  CHECK(t.footnotes[0].refs[0].context == "the a\\|b cell");
  CHECK(t.footnotes[0].refs[1].context == "y");
  // A heading or an item inside a footnote: its own text, not the note's blocks before it.
  std::string note = "Text.[^g]\n\n[^g]: Note G with a list:\n\n    - item[^h]\n\n    # Heading in note[^i]\n"
                     "[^h]: H.\n[^i]: I.\n";
  auto n = test::md(note);
  REQUIRE(n.footnotes.size() == 3);
  CHECK(n.footnotes[1].refs[0].context == "item");
  CHECK(n.footnotes[2].refs[0].context == "Heading in note");
}

TEST_CASE("a link definition line inside a footnote is not body text") {
  std::string in = "X[^t]\n\n[^t]: I thought [this one] went well.\n[this one]: https://example.com/talk\n";
  auto d = test::md(in);
  REQUIRE(d.footnotes.size() == 1);
  CHECK(d.footnotes[0].text == "I thought [this one] went well.");
}

TEST_CASE("CRLF and BOM: spans stay byte-exact") {
  std::string in = "\xEF\xBB\xBF# Title\r\n\r\nText[^1].\r\n\r\n## Next\r\n\r\n[^1]: Note.\r\n";
  auto d = test::md(in);
  REQUIRE(d.sections.size() == 2);
  CHECK(slice(in, d.sections[0].span) == "# Title");
  CHECK(d.sections[0].span.start == 3);
  CHECK(slice(in, d.sections[1].span) == "## Next");
  CHECK(d.sections[1].span.line == 5);
  REQUIRE(d.footnotes.size() == 1);
  CHECK(slice(in, d.footnotes[0].refs[0].span) == "[^1]");
  CHECK(d.footnotes[0].text == "Note.");
}

TEST_CASE("tables: cells are not prose, but references in them count") {
  std::string in = "| a | b |\n|---|---|\n| x[^t] | y |\n\n[^t]: In a table.\n";
  auto d = test::md(in);
  REQUIRE(d.footnotes.size() == 1);
  REQUIRE(d.footnotes[0].refs.size() == 1);
  CHECK(slice(in, d.footnotes[0].refs[0].span) == "[^t]");
  CHECK(d.stats.paragraphs == 0);
}

TEST_CASE("invalid UTF-8 is replaced in text and reported") {
  std::string in = "# Caf\xC3\n\nText \xFF\xFE here, in a paragraph long enough to stay text.\n";
  auto d = test::md(in);
  REQUIRE(d.sections.size() == 1);
  CHECK(d.sections[0].title == "Caf\xEF\xBF\xBD");
  CHECK(d.diagnostics.size() == 2);
  CHECK(d.diagnostics[0].message.find("invalid UTF-8") != std::string::npos);
}

TEST_CASE("a setext heading ends at its underline, and its sentence leaves the underline out") {
  // cmark-gfm 0.29 reports this heading as ending on the footnote definition's line.
  const std::string input = "Intro with a note.[^a]\n-\n[^a]: The note. Two sentences\n\nAfter.\n";
  essaykit::Options o;
  o.format = essaykit::Format::markdown;
  o.sentences = true;
  essaykit::Result r = essaykit::analyze(input, o);
  REQUIRE(r);
  const essaykit::Document& d = r.document();
  REQUIRE(d.sections.size() == 1);
  CHECK(essaykit::slice(input, d.sections[0].span) == "Intro with a note.[^a]\n-");
  std::vector<std::string_view> sentences;
  for (const essaykit::Sentence& s : d.sentences) sentences.push_back(essaykit::slice(input, s.span));
  CHECK(sentences == std::vector<std::string_view>{"Intro with a note.[^a]", "The note.", "Two sentences", "After."});
}

// The reader parses without cmark-gfm's autolink extension first, and again with it when
// the extension could read the text otherwise. Each case below reads otherwise without it.
TEST_CASE("autolinks: a bare link keeps its raw characters where the extension takes them") {
  // An escape inside a bare link is not read (GFM takes the link's characters as written).
  auto escaped = test::md("- see http://x.com/a\\_b here\n");
  REQUIRE(escaped.lists.size() == 1);
  CHECK(escaped.lists[0].items[0].text == "see http://x.com/a\\_b here");
  // Emphasis marks inside a bare link are the link's characters, not emphasis.
  auto emphasis = test::md("- and www.x.com/*a* too\n");
  REQUIRE(emphasis.lists.size() == 1);
  CHECK(emphasis.lists[0].items[0].text == "and www.x.com/*a* too");
  // In a heading too.
  auto heading = test::md("# Head www.example.com/\\(x\n");
  REQUIRE(heading.sections.size() == 1);
  CHECK(heading.sections[0].title == "Head www.example.com/\\(x");
  // An entity inside a bare link stays one word, though it reads as a space elsewhere.
  CHECK(test::md("Go to http://x.com/a&#32;b now.\n").stats.words == 4);
  CHECK(test::md("Go to x.com/a&#32;b now.\n").stats.words == 5);
}

TEST_CASE("autolinks: an address inside a [^...] is a link, not a footnote label") {
  auto d = test::md("- mail a@b.com or [^a@b.com] now\n");
  CHECK(d.footnotes.empty());
  CHECK(test::md("- no address: [^ab.com] now\n").footnotes.size() == 1);
}

TEST_CASE("autolinks: escapes and links beside a bare link read as before") {
  // The escape is outside the link's run of characters: read as an escape.
  auto d = test::md("- https://x.com/: \\~3 s, [a](https://y.org/a_(b)) and www.z.net/c_d.\n\nhttp://x.com/a\\_b here.\n");
  REQUIRE(d.lists.size() == 1);
  CHECK(d.lists[0].items[0].text == "https://x.com/: ~3 s, a and www.z.net/c_d.");
  CHECK(d.stats.words == 6 + 2);
}

TEST_CASE("autolinks: an escaped '<' ends a bare link, and what follows may be a raw tag") {
  // With the extension the link is "http://a.com/x\" and `<span …>` is inline HTML (no
  // words; a [^n] inside it no reference); without it the escape made the tag text.
  CHECK(test::md("# T\n\nSee http://a.com/x\\<span title=\"a b c d e\"> here.\n").stats.words == 4);
  auto d = test::md("Text http://a.com/x\\<a title=\"see [^n]\"> end.\n\n[^n]: The note.\n");
  REQUIRE(d.footnotes.size() == 1);
  CHECK(d.footnotes[0].refs.empty());
}

TEST_CASE("a footnote reference links to its definition whatever the case of its label, as CommonMark matches labels") {
  const std::string in = "Para with[^Note] and[^\xC3\x9F].\n\n[^note]: Lower-case definition.\n[^SS]: Eszett note.\n";
  auto d = test::md(in);
  REQUIRE(d.footnotes.size() == 2);
  CHECK(d.diagnostics.empty());
  REQUIRE(d.footnotes[0].refs.size() == 1);
  CHECK(slice(in, d.footnotes[0].refs[0].span) == "[^Note]");  // the reference as written
  CHECK(d.footnotes[0].text == "Lower-case definition.");
  REQUIRE(d.footnotes[1].refs.size() == 1);
  CHECK(slice(in, d.footnotes[1].refs[0].span) == "[^\xC3\x9F]");
  CHECK(d.footnotes[1].text == "Eszett note.");
}

TEST_CASE("a footnote defined twice is reported, whatever the case of its labels, and its first body is used") {
  // cmark-gfm keeps the first definition of a label (case folded) and drops the others
  // from its tree; a `[^x]:` line in code is no definition.
  const std::string in = "Text[^dup] and[^x].\n\n[^DUP]: First.\n[^x]: Ex.\n[^dup]: Second.\n\n"
                         "```\n[^dup]: in code\n```\n\n> [^X]: Quoted.\n";
  auto d = test::md(in);
  REQUIRE(d.footnotes.size() == 2);
  CHECK(d.footnotes[0].label == "DUP");
  CHECK(d.footnotes[0].text == "First.");
  REQUIRE(d.footnotes[0].body);
  CHECK(slice(in, *d.footnotes[0].body) == "[^DUP]: First.");
  CHECK(d.footnotes[1].label == "x");
  CHECK(d.footnotes[1].text == "Ex.");
  std::vector<std::string_view> twice;
  for (const essaykit::Diagnostic& g : d.diagnostics) {
    CHECK(g.code == essaykit::DiagnosticCode::footnote_defined_twice);
    twice.push_back(slice(in, g.span));
  }
  CHECK(twice == std::vector<std::string_view>{"[^dup]: Second.", "[^X]: Quoted."});
  REQUIRE(!d.diagnostics.empty());
  CHECK(d.diagnostics[0].message.find("first as 'DUP'") != std::string::npos);

  const std::string same = "Text[^x].\n\n[^x]: One.\n[^x]: Two.\n";
  auto s = test::md(same);
  REQUIRE(s.footnotes.size() == 1);
  CHECK(s.footnotes[0].text == "One.");
  REQUIRE(s.diagnostics.size() == 1);
  CHECK(s.diagnostics[0].code == essaykit::DiagnosticCode::footnote_defined_twice);
  CHECK(slice(same, s.diagnostics[0].span) == "[^x]: Two.");
}

TEST_CASE("an ATX heading's span is its whole line, closing sequence included; title and sentence leave it out") {
  const std::string in = "# Title #\n\n## Part ##  \n\nText.\n\n> ### Quoted ###\n\n#tag\n---\n";
  auto d = test::analyze(in, essaykit::Format::markdown, true);
  REQUIRE(d.sections.size() == 4);
  CHECK(slice(in, d.sections[0].span) == "# Title #");
  CHECK(d.sections[0].title == "Title");
  REQUIRE(d.title);
  CHECK(slice(in, d.title->span) == "# Title #");
  CHECK(slice(in, d.sections[1].span) == "## Part ##");  // trailing white space is out of every span
  CHECK(d.sections[1].title == "Part");
  CHECK(slice(in, d.sections[2].span) == "### Quoted ###");
  // "#tag" is no ATX heading (no space after the '#'): a setext heading, underline and all.
  CHECK(slice(in, d.sections[3].span) == "#tag\n---");
  CHECK(d.sections[3].title == "#tag");
  std::vector<std::string_view> sentences;
  for (const essaykit::Sentence& s : d.sentences) sentences.push_back(slice(in, s.span));
  CHECK(sentences == std::vector<std::string_view>{"# Title", "## Part", "Text.", "### Quoted", "#tag"});
}

TEST_CASE("an escaped footnote reference is text, not a reference") {
  // `\[^a]` is how an author writes those characters; cmark-gfm reads text there.
  const std::string in = "Cite[^a], or write \\[^a] and \\[^b] as they are.\n\n[^a]: The note.\n";
  auto d = test::md(in);
  REQUIRE(d.footnotes.size() == 1);
  CHECK(d.footnotes[0].label == "a");
  REQUIRE(d.footnotes[0].refs.size() == 1);
  CHECK(d.footnotes[0].refs[0].span.start == 4);
  CHECK(d.diagnostics.empty());
}

TEST_CASE("a footnote defined inside a list item keeps its label and its references") {
  const std::string in = "Text[^a] and[^b].\n\n- [^a]: In an item.\n\n> 1. [^b]: In a quoted item.\n";
  auto d = test::md(in);
  REQUIRE(d.footnotes.size() == 2);
  CHECK(d.footnotes[0].label == "a");
  CHECK(d.footnotes[0].text == "In an item.");
  REQUIRE(d.footnotes[0].refs.size() == 1);
  CHECK(slice(in, d.footnotes[0].refs[0].span) == "[^a]");
  REQUIRE(d.footnotes[0].body);
  CHECK(slice(in, *d.footnotes[0].body) == "[^a]: In an item.");
  CHECK(d.footnotes[1].label == "b");
  CHECK(d.footnotes[1].text == "In a quoted item.");
  REQUIRE(d.footnotes[1].refs.size() == 1);
  CHECK(d.diagnostics.empty());
}

TEST_CASE("footnotes are in order of first reference in the source, a reference inside a body included") {
  // cmark-gfm numbers them so: b is first referred to in a's body, before the text refers to a.
  const std::string in = "[^a]: A body citing[^b].\n\nText[^a] then[^c].\n\n[^b]: Bee.\n[^c]: See.\n";
  auto d = test::md(in);
  REQUIRE(d.footnotes.size() == 3);
  CHECK(d.footnotes[0].label == "b");
  CHECK(d.footnotes[1].label == "a");
  CHECK(d.footnotes[2].label == "c");
}

TEST_CASE("a reference whose label differs in case from its definition's is found on a note's continuation line") {
  const std::string in = "[^note]: Body,\n    more[^NOTE] here.\n\nText[^note].\n";
  auto d = test::md(in);
  REQUIRE(d.footnotes.size() == 1);
  REQUIRE(d.footnotes[0].refs.size() == 2);
  CHECK(slice(in, d.footnotes[0].refs[0].span) == "[^NOTE]");
  CHECK(d.footnotes[0].refs[0].span.line == 2);
  CHECK(slice(in, d.footnotes[0].refs[1].span) == "[^note]");
}

TEST_CASE("an item of a list inside a footnote leaves its nested list's text out, as other items do") {
  const std::string in = "Text[^a]\n\n[^a]: Body\n\n    - outer\n        - inner\n";
  auto d = test::md(in);
  REQUIRE(d.lists.size() == 2);
  REQUIRE(d.lists[0].items.size() == 1);
  CHECK(d.lists[0].items[0].text == "outer");
  REQUIRE(d.lists[1].items.size() == 1);
  CHECK(d.lists[1].items[0].text == "inner");
  REQUIRE(d.footnotes.size() == 1);
  CHECK(d.footnotes[0].text == "Body\n\nouter\n\ninner");
}

TEST_CASE("a reference read away between two spaces leaves one in a note's and an item's text") {
  const std::string in = "Text[^a].\n\n- an item cites [^b] inline\n\n[^a]: Note a cites [^b] inline, [^b] *and* more.\n[^b]: B.\n";
  auto d = test::md(in);
  REQUIRE(d.footnotes.size() == 2);
  CHECK(d.footnotes[0].text == "Note a cites inline, and more.");
  REQUIRE(d.lists.size() == 1);
  CHECK(d.lists[0].items[0].text == "an item cites inline");
}

TEST_CASE("a reference in an image's description refers to its note, as cmark-gfm counts it") {
  const std::string in = "See ![a *b [^x] c*](i.png)[^y] and ![n[^x]](j.png).\n\n[^x]: X.\n[^y]: Y.\n";
  auto d = test::md(in);
  REQUIRE(d.footnotes.size() == 2);
  CHECK(d.footnotes[0].label == "x");
  REQUIRE(d.footnotes[0].refs.size() == 2);
  CHECK(slice(in, d.footnotes[0].refs[0].span) == "[^x]");
  CHECK(d.footnotes[0].refs[0].span.start == 11);
  CHECK(slice(in, d.footnotes[0].refs[1].span) == "[^x]");
  CHECK(d.footnotes[1].label == "y");
  REQUIRE(d.footnotes[1].refs.size() == 1);
  CHECK(d.diagnostics.empty());
}

TEST_CASE("a list inside a footnote defined mid-document comes in document order, with its nested list's parent") {
  // cmark-gfm moves the definitions to the end of its tree: the walk meets these lists last.
  const std::string in = "Text[^a].\n\n[^a]: Note:\n\n    - in note\n        - nested\n\n- after\n- too\n";
  auto d = test::md(in);
  REQUIRE(d.lists.size() == 3);
  CHECK(d.lists[0].items[0].text == "in note");
  CHECK(d.lists[0].span.line == 5);
  CHECK(d.lists[1].items[0].text == "nested");
  REQUIRE(d.lists[1].parent_item);
  CHECK(d.lists[1].parent_item->list == 0);
  CHECK(d.lists[1].parent_item->item == 0);
  CHECK(d.lists[2].items[0].text == "after");
  CHECK_FALSE(d.lists[2].parent_item);
  for (std::size_t i = 0; i < d.lists.size(); ++i) CHECK(d.lists[i].id == i);
}

TEST_CASE("a reference on a note's lazy last line, at the end of the input, is kept") {
  // cmark gives it the column it would have on the definition's first line, past the input.
  const std::string in = "Text[^a].\n\n[^b]: Bee.\n[^a]: A note that goes on, as\nsaid[^b]\n";
  auto d = test::md(in);
  REQUIRE(d.footnotes.size() == 2);
  CHECK(d.footnotes[1].label == "b");
  REQUIRE(d.footnotes[1].refs.size() == 1);
  CHECK(slice(in, d.footnotes[1].refs[0].span) == "[^b]");
  CHECK(d.footnotes[1].refs[0].span.line == 5);
  CHECK(d.diagnostics.empty());
}

TEST_CASE("a footnote body that opens with a reference starts at its own label") {
  const std::string in = "T[^a]\n\n[^a]: [^b] and more.\n[^b]: Bee.\n";
  auto d = test::md(in);
  REQUIRE(d.footnotes.size() == 2);
  CHECK(d.footnotes[0].label == "a");
  CHECK(d.footnotes[0].text == "and more.");
  REQUIRE(d.footnotes[0].body);
  CHECK(slice(in, *d.footnotes[0].body) == "[^a]: [^b] and more.");
  REQUIRE(d.footnotes[1].body);
  CHECK(slice(in, *d.footnotes[1].body) == "[^b]: Bee.");
}

TEST_CASE("a paragraph that a table's header row ends keeps its text, its span and its references") {
  // cmark-gfm's table extension makes the lines before the header row a paragraph with no
  // source position; its text and its reference were lost.
  const std::string in = "Intro.\n\nSee the figures[^a] below\nand here.\n| x | y |\n|---|---|\n| 1 | 2 |\n\n"
                         "> Quoted[^a] too\n> | p | q |\n> |---|---|\n\n[^a]: The note.\n";
  auto d = test::analyze(in, essaykit::Format::markdown, true);
  REQUIRE(d.footnotes.size() == 1);
  REQUIRE(d.footnotes[0].refs.size() == 2);
  CHECK(slice(in, d.footnotes[0].refs[0].span) == "[^a]");
  CHECK(d.footnotes[0].refs[0].span.line == 3);
  CHECK(slice(in, d.footnotes[0].refs[1].span) == "[^a]");
  CHECK(d.footnotes[0].refs[1].span.line == 9);
  CHECK(d.diagnostics.empty());
  std::vector<std::string> sentences;
  for (const essaykit::Sentence& s : d.sentences) sentences.push_back(s.text);
  CHECK(sentences == std::vector<std::string>{"Intro.", "See the figures below and here.", "Quoted too", "The note."});
}

TEST_CASE("an empty ATX heading in a container has an empty text span, not one to the end of the input") {
  // cmark ends "- #" before it starts; the heading's sentence ran to the end of the input.
  for (const std::string in : {"- #\n\nThe rest goes here. It has sentences.\n\nAnd a second paragraph.\n",
                               "> #\n\nThe rest goes here. It has sentences.\n\nAnd a second paragraph.\n"}) {
    auto d = test::analyze(in, essaykit::Format::markdown, true);
    std::vector<std::string> sentences;
    for (const essaykit::Sentence& s : d.sentences) sentences.push_back(s.text);
    CHECK(sentences == std::vector<std::string>{"The rest goes here.", "It has sentences.", "And a second paragraph."});
  }
}

TEST_CASE("a paragraph a table ends keeps its last line when emphasis spans its line break") {
  const std::string in = "Intro *line one\nline two* and\nthe figures[^a].\n| x | y |\n|---|---|\n| 1 | 2 |\n\n[^a]: Note.\n";
  auto d = test::md(in);
  REQUIRE(d.footnotes.size() == 1);
  REQUIRE(d.footnotes[0].refs.size() == 1);
  CHECK(d.footnotes[0].refs[0].span.line == 3);
  CHECK(d.diagnostics.empty());
}

TEST_CASE("front matter: a title that is a control character alone, and an escaped line break before the fence") {
  // The first read past the value's end; the second stepped over the fence, and the front
  // matter was lost (read as a setext heading).
  auto d = test::md("---\ntitle: \f\n---\n\nBody.\n");
  CHECK(!d.title);
  auto e = test::md("---\ntitle: \"abc\\\n---\nBody text here \"\n\nMore text.\n");
  CHECK(e.sections.empty());
  REQUIRE(e.title);
  CHECK(e.title->text == "\"abc\\");
}

TEST_CASE("a drifted reference is found after many unclosed '[^' on the note's lazy line") {
  std::string in = "[^a]: lazy\n";
  for (int k = 0; k < 2000; ++k) in += "[^abc ";
  in += " [^a]\n";
  auto d = test::md(in);
  REQUIRE(d.footnotes.size() == 1);
  REQUIRE(d.footnotes[0].refs.size() == 1);
  CHECK(slice(in, d.footnotes[0].refs[0].span) == "[^a]");
}

TEST_CASE("a body nothing refers to is kept when the input ends inside an unclosed fence or HTML block") {
  // The notes' definitions stand before a last block the author never closed: a code
  // fence, a comment, a <pre>. Such a block runs to the end of the input, and the
  // definition nothing refers to must still be reported, as it is without that block.
  for (const std::string tail : {"```\nunclosed fence\n", "~~~~\nunclosed\n~~~\n", "<!-- a comment never closed\n",
                                 "<pre>\nnever closed", "<?php never closed", "<![CDATA[ never closed\n"}) {
    CAPTURE(tail);
    std::string in = "Intro text.[^a] and more.\n\n[^a]: The body.\n[^spare]: Nobody refers to me.\n\n" + tail;
    auto d = test::md(in);
    REQUIRE(d.footnotes.size() == 2);
    CHECK(d.footnotes[0].label == "a");
    CHECK(d.footnotes[1].label == "spare");
    CHECK(d.footnotes[1].text == "Nobody refers to me.");
    REQUIRE(d.footnotes[1].body);
    CHECK(slice(in, *d.footnotes[1].body) == "[^spare]: Nobody refers to me.");
    CHECK(d.footnotes[1].refs.empty());
  }
  // A definition inside the unclosed fence is code, not a body.
  auto code = test::md("Text.[^a]\n\n[^a]: Body.\n\n```\n[^b]: in code\n");
  REQUIRE(code.footnotes.size() == 1);
  CHECK(code.footnotes[0].label == "a");
}

TEST_CASE("a heading inside a list item is part of the item's text") {
  // Steps written as numbered headings: the heading is still a section, and its text the
  // item's, as cmark-gfm puts it inside the item. The item's text left it out: the
  // second item was empty.
  std::string in = "1. ### Install\n   Run the installer.\n2. ### Configure\n\n- item\n  ===\n";
  auto d = test::md(in);
  REQUIRE(d.lists.size() == 2);
  REQUIRE(d.lists[0].items.size() == 2);
  CHECK(d.lists[0].items[0].text == "Install\n\nRun the installer.");
  CHECK(d.lists[0].items[1].text == "Configure");
  REQUIRE(d.lists[1].items.size() == 1);
  CHECK(d.lists[1].items[0].text == "item");
  REQUIRE(d.sections.size() == 3);
  CHECK(d.sections[0].title == "Install");
  CHECK(d.sections[2].title == "item");
}

TEST_CASE("an empty heading is a section with no title, and no sentence") {
  // "##" alone was read as a sentence of its own ("##"), counted in stats.sentences.
  const std::string in = "# T\n\nSome text here.\n\n##\n\nMore text.\n";
  auto d = test::analyze(in, essaykit::Format::markdown, true);
  REQUIRE(d.sections.size() == 2);
  CHECK(d.sections[1].title.empty());
  CHECK(d.sections[1].level == 2);
  REQUIRE(d.sentences.size() == 3);
  CHECK(slice(in, d.sentences[0].span) == "# T");
  CHECK(slice(in, d.sentences[1].span) == "Some text here.");
  CHECK(slice(in, d.sentences[2].span) == "More text.");
  CHECK(d.stats.sentences == 3);
}
