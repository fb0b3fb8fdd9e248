// analyze(): input rules, format detection, text reader, threads, JSON.
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
