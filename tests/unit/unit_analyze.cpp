// analyze(): input rules, format detection, text reader, threads, JSON.
#include <cstdio>
#include <thread>

#include "helpers.h"

using essaykit::slice;

TEST_CASE("empty input is an empty document, not an error") {
  for (auto fmt : {essaykit::Format::markdown, essaykit::Format::text}) {
    auto d = test::analyze("", fmt);
    CHECK_FALSE(d.title);
    CHECK(d.sections.empty());
    CHECK(d.stats.words == 0);
    CHECK(d.source.bytes == 0);
  }
}

TEST_CASE("binary input and oversized input are errors as values") {
  essaykit::Result r = essaykit::analyze(std::string_view("abc\0def", 7));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == essaykit::ErrorCode::binary);
  CHECK(essaykit::error_code_name(r.error().code) == "binary");
  std::string noise(100, '\x01');
  CHECK(essaykit::is_binary(noise + std::string(850, 'a')));
  CHECK_FALSE(essaykit::is_binary(std::string(5, '\x01') + std::string(100, 'a')));
  essaykit::Options o;
  o.max_bytes = 4;
  essaykit::Result big = essaykit::analyze("12345", o);
  REQUIRE_FALSE(big.ok());
  CHECK(big.error().code == essaykit::ErrorCode::too_large);
}

TEST_CASE("format detection by extension, then by content") {
  using essaykit::Format;
  CHECK(essaykit::detect_format("post.md", "plain words") == Format::markdown);
  CHECK(essaykit::detect_format("POST.MARKDOWN", "") == Format::markdown);
  CHECK(essaykit::detect_format("post.txt", "# looks like md\n```\n") == Format::text);
  CHECK(essaykit::detect_format("-", "---\ntitle: x\n---\n") == Format::markdown);
  CHECK(essaykit::detect_format("-", "## Heading\n\n```\ncode\n```\n") == Format::markdown);
  CHECK(essaykit::detect_format("-", "Just a title\n\nSome prose here. And more.\n") == Format::text);
  // A text that opens on an ATX heading is Markdown by that alone (after blank lines and a
  // BOM too); one further down, with nothing else, is not enough.
  CHECK(essaykit::detect_format("-", "# Hi\n\nText.\n") == Format::markdown);
  CHECK(essaykit::detect_format("-", "\xEF\xBB\xBF\n\n## Notes on a Trip\n\nWe left early.\n") == Format::markdown);
  CHECK(essaykit::detect_format("-", "Hi\n\nText.\n# a comment, maybe\n") == Format::text);
  CHECK(essaykit::detect_format("-", "#hashtag\n\nText.\n") == Format::text);
}

TEST_CASE("text reader: title, paragraphs, CRLF and BOM") {
  std::string in =
      "\xEF\xBB\xBFMy Post\r\n\r\nA first paragraph, hard-wrapped the way plain-text exports are, so\r\n"
      "that it runs over two lines.\r\n\r\nSecond one.\r\n";
  auto d = test::text(in);
  REQUIRE(d.title);
  CHECK(d.title->text == "My Post");
  CHECK(d.title->span.start == 3);
  CHECK(slice(in, d.title->span) == "My Post");
  CHECK(d.stats.paragraphs == 2);
  CHECK(d.source.lines == 6);
}

TEST_CASE("a first line that is a sentence is not a title") {
  auto d = test::text("This is a sentence, not a title.\n\nMore text.\n");
  CHECK_FALSE(d.title);
}

TEST_CASE("sentences are given only when asked, with spans") {
  std::string in = "One here. Two here.\n";
  auto without = test::analyze(in, essaykit::Format::text);
  CHECK_FALSE(without.has_sentences);
  CHECK(without.stats.sentences == 2);
  auto with = test::analyze(in, essaykit::Format::text, true);
  REQUIRE(with.sentences.size() == 2);
  CHECK(slice(in, with.sentences[1].span) == "Two here.");
  CHECK(essaykit::to_json(with).find("\"sentences\":[") != std::string::npos);
  CHECK(essaykit::to_json(without).find("\"sentences\":[") == std::string::npos);
}

TEST_CASE("two threads analyse two documents at once with the same results") {
  std::string a = "# A\n\nText[^1].\n\n[^1]: Note.\n", b = "Title\n\nSome text. More.\n";
  std::string ja = essaykit::to_json(test::md(a)), jb = essaykit::to_json(test::text(b));
  std::vector<std::string> ra(200), rb(200);
  std::thread t1([&] { for (auto& s : ra) s = essaykit::to_json(essaykit::analyze(a, {essaykit::Format::markdown}).document()); });
  std::thread t2([&] { for (auto& s : rb) s = essaykit::to_json(essaykit::analyze(b, {essaykit::Format::text}).document()); });
  t1.join();
  t2.join();
  for (auto& s : ra) CHECK(s == ja);
  for (auto& s : rb) CHECK(s == jb);
}

// Markdown big enough to take several of the parse arena's chunks, with a code block and
// a paragraph over its 64 KiB bound for a block of its own (grown by realloc, then moved).
std::string big_markdown(int posts) {
  std::string in;
  for (int p = 0; p < posts; ++p) {
    in += "# Post " + std::to_string(p) + "\n\nA *first* paragraph[^n" + std::to_string(p) +
          "] with `code`, a [link](https://example.com/x_y) and www.example.com.\n\n";
    for (int k = 0; k < 20; ++k) in += "- item **" + std::to_string(k) + "** of the list\n";
    in += "\n[^n" + std::to_string(p) + "]: The note, with _emphasis_.\n\n";
  }
  in += "```\n" + std::string(100000, 'c') + "\n```\n\n";
  for (int k = 0; k < 12000; ++k) in += "word*s* ";
  in += "\n";
  return in;
}

TEST_CASE("Markdown parses the same on two threads at once, each in its own arena") {
  const std::string a = big_markdown(300), b = big_markdown(120) + "Closing words[^n3].\n";
  const std::string ja = essaykit::to_json(test::md(a)), jb = essaykit::to_json(test::md(b));
  CHECK(ja.find("\"label\":\"n299\"") != std::string::npos);
  CHECK(ja.find(std::string(100, 'c')) == std::string::npos);  // code is no prose, but it was read
  std::vector<std::string> ra(6), rb(12);
  std::thread t1([&] { for (auto& s : ra) s = essaykit::to_json(test::md(a)); });
  std::thread t2([&] { for (auto& s : rb) s = essaykit::to_json(test::md(b)); });
  t1.join();
  t2.join();
  for (auto& s : ra) CHECK(s == ja);
  for (auto& s : rb) CHECK(s == jb);
}

TEST_CASE("write_json writes to_json's bytes, in pieces") {
  essaykit::Options o;
  o.format = essaykit::Format::markdown;
  o.sentences = true;
  const essaykit::Result r = essaykit::analyze(big_markdown(200), o);
  REQUIRE(r.ok());
  for (bool pretty : {false, true}) {
    essaykit::JsonOptions jo;
    jo.pretty = pretty;
    const std::string want = essaykit::to_json(r.document(), jo);
    REQUIRE(want.size() > 3 * 65536);  // flushed several times
    std::FILE* f = std::tmpfile();
    REQUIRE(f);
    CHECK(essaykit::write_json(r.document(), f, jo));
    std::string got(static_cast<std::size_t>(std::ftell(f)), '\0');
    std::rewind(f);
    CHECK(std::fread(got.data(), 1, got.size(), f) == got.size());
    std::fclose(f);
    CHECK(got == want);
  }
}

TEST_CASE("write_json says when the output fails") {
  std::FILE* f = std::fopen("/dev/full", "w");
  if (!f) return;  // no /dev/full here
  std::setvbuf(f, nullptr, _IONBF, 0);
  CHECK_FALSE(essaykit::write_json(test::md(big_markdown(50)), f));
  std::fclose(f);
}

TEST_CASE("JSON writer escapes and never emits invalid UTF-8") {
  essaykit::Document d;
  d.source.name = "a\"b\\c\n\x01\xFF";
  std::string j = essaykit::to_json(d);
  CHECK(j.find(R"("name":"a\"b\\c\n\u0001)") != std::string::npos);
  CHECK(j.find("\xEF\xBF\xBD") != std::string::npos);
  CHECK(j.find("\"title\":null") != std::string::npos);
  essaykit::Footnote f;
  f.label = "x";
  d.footnotes.push_back(f);
  CHECK(essaykit::to_json(d).find(R"("start":null,"end":null,"line":null)") != std::string::npos);
}

TEST_CASE("outline lists sections with lines and what they hold") {
  auto d = test::md("# T\n\n## A\n\n- x\n- y\n\nz[^1]\n\n### B\n\n[^1]: n\n");
  std::string o = essaykit::to_outline(d);
  CHECK(o.find("T\n") == 0);
  CHECK(o.find("L3     ## A") != std::string::npos);
  CHECK(o.find("(1 list, 1 footnote ref)") != std::string::npos);
  CHECK(o.find("      L10    ### B") != std::string::npos);
}

TEST_CASE("outline --claims shows the strongest claim before the first heading under the title") {
  // An essay without headings holds its thesis in no section: the outline showed its title alone.
  const std::string essay =
      "Should Homework Be Banned?\n\n"
      "Every evening, millions of children sit at kitchen tables doing worksheets. I believe that homework in "
      "primary school should be abolished, because it harms family life and teaches little.\n\n"
      "First, homework takes time away from play and rest. Children who play outside sleep better and "
      "concentrate more in class.\n\n"
      "Second, studies show that homework in the early years has almost no effect on test scores.\n\n"
      "In conclusion, schools should stop setting homework for young children and let families decide how to "
      "spend their evenings.\n";
  auto d = test::text(essay);
  REQUIRE(!d.claims.empty());
  REQUIRE(d.sections.empty());
  const std::string o = essaykit::to_outline(d, {true});
  CHECK(o.find("Should Homework Be Banned?\n  > I believe that homework") == 0);
  CHECK(essaykit::to_outline(d) == "Should Homework Be Banned?\n");
  // A post's lead: its claim under the title, each section's under its heading.
  auto p = test::md("---\ntitle: T\n---\n\nWe should all keep a ledger, I believe.\n\n## A\n\n"
                    "I think ledgers are the only honest record.\n");
  CHECK(essaykit::to_outline(p, {true}) ==
        "T\n  > We should all keep a ledger, I believe.\n  L7     ## A\n    > I think ledgers are the only honest record.\n");
}

TEST_CASE("footnotes --text indents a body's further lines and paragraphs") {
  auto d = test::md("Text.[^a] More.[^b]\n\n[^a]: One line,\n    and its second.\n\n    [2] A second paragraph.\n\n[^b]: Short.\n");
  REQUIRE(d.footnotes.size() == 2);
  REQUIRE(d.footnotes[0].text == "One line, and its second.\n\n[2] A second paragraph.");
  CHECK(essaykit::footnotes_to_text(d) ==
        "[a] (line 3) One line, and its second.\n\n    [2] A second paragraph.\n    ref line 1: ...Text.\n"
        "[b] (line 8) Short.\n    ref line 1: ...Text. More.\n");
}

TEST_CASE("lines that end in a lone CR are said to be unread, not read as one line in silence") {
  auto codes = [](const essaykit::Document& d) {
    std::vector<essaykit::DiagnosticCode> out;
    for (const auto& g : d.diagnostics) out.push_back(g.code);
    return out;
  };
  const std::string mac = "---\rtitle: My title\r---\r\rSome text.[^n]\r\r[^n]: The note.\r";
  essaykit::Options md;
  md.name = "post.md";
  essaykit::Result r = essaykit::analyze(mac, md);
  REQUIRE(r);
  const std::vector<essaykit::DiagnosticCode> got = codes(r.document());
  REQUIRE(std::count(got.begin(), got.end(), essaykit::DiagnosticCode::cr_line_endings) == 1);
  for (const auto& g : r.document().diagnostics)
    if (g.code == essaykit::DiagnosticCode::cr_line_endings) {
      CHECK(g.span.start == 3);  // the first lone CR
      CHECK(g.message.find("tr '\\r' '\\n'") != std::string::npos);
    }
  essaykit::Options txt;
  txt.name = "post.txt";
  CHECK(codes(essaykit::analyze("Title\r\rA paragraph.\r", txt).document()) ==
        std::vector<essaykit::DiagnosticCode>{essaykit::DiagnosticCode::cr_line_endings});
  // CRLF, and a stray CR among LF line ends, are lines as they should be.
  CHECK(codes(essaykit::analyze("Title\r\n\r\nA paragraph.\r\n", txt).document()).empty());
  CHECK(codes(essaykit::analyze("Title\n\nA para\rgraph.\nAnd more.\n", txt).document()).empty());
  CHECK(codes(essaykit::analyze("One line of text with a stray CR at its end.\r", txt).document()).empty());
  // HTML reads CR as a line end itself.
  essaykit::Options html;
  html.name = "page.html";
  CHECK(codes(essaykit::analyze("<!doctype html>\r<title>T</title>\r<p>Text.</p>\r", html).document()).empty());
}

TEST_CASE("Markdown whose lines end in a lone CR keeps each footnote's label and links its references") {
  // cmark reads a lone CR as a line end, so it takes `[^n]:` for a definition; the label
  // was looked for at LF line starts only, and the note came out labelled '' with no
  // reference, its own reference unlinked.
  const std::string mac = "# Title\r\rSome text.[^n] More text.[^b]\r\r[^n]: The note.\r[^b]: Another.\r";
  essaykit::Options md;
  md.name = "post.md";
  essaykit::Result r = essaykit::analyze(mac, md);
  REQUIRE(r);
  const essaykit::Document& d = r.document();
  REQUIRE(d.footnotes.size() == 2);
  CHECK(d.footnotes[0].label == "n");
  CHECK(d.footnotes[0].text == "The note.");
  REQUIRE(d.footnotes[0].refs.size() == 1);
  CHECK(slice(mac, d.footnotes[0].refs[0].span) == "[^n]");
  REQUIRE(d.footnotes[0].body);
  CHECK(slice(mac, *d.footnotes[0].body) == "[^n]: The note.");
  CHECK(d.footnotes[1].label == "b");
  REQUIRE(d.footnotes[1].refs.size() == 1);
  CHECK(slice(mac, d.footnotes[1].refs[0].span) == "[^b]");
  // (One diagnostic, the lone CR's: the loop below would pass over none.)
  REQUIRE(d.diagnostics.size() == 1);
  for (const auto& g : d.diagnostics) {
    CHECK(g.code == essaykit::DiagnosticCode::cr_line_endings);
    // The message lists what is not found; footnote definitions now are.
    CHECK(g.message.find("footnote definitions") == std::string::npos);
  }
}
