// The small public API around analyze(): version, line counts, sentence text, what a
// section holds, diagnostic codes, reading files, encodings, dense Markdown markup.
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "helpers.h"

using essaykit::DiagnosticCode;
using essaykit::Encoding;

namespace {

std::size_t count(const essaykit::Document& d, DiagnosticCode code) {
  std::size_t n = 0;
  for (const essaykit::Diagnostic& x : d.diagnostics) n += x.code == code;
  return n;
}

}  // namespace

TEST_CASE("the library's version at run time is the headers'") {
  CHECK(essaykit::version() == ESSAYKIT_VERSION_STRING);
  CHECK(ESSAYKIT_ABI_VERSION >= 1);
}

TEST_CASE("count_lines: LF ends a line, a last line without LF counts, empty has none") {
  CHECK(essaykit::count_lines("") == 0);
  CHECK(essaykit::count_lines("\n") == 1);
  CHECK(essaykit::count_lines("a") == 1);
  CHECK(essaykit::count_lines("a\nb") == 2);
  CHECK(essaykit::count_lines("a\r\nb\r\n") == 2);
  CHECK(test::text("").source.lines == 0);
  CHECK(test::md("").source.lines == 0);
  CHECK(test::md("# A\n\ntext").source.lines == 3);
}

TEST_CASE("sentence_text collapses white space and stays UTF-8") {
  const std::string in = "First  line,\r\n\tsecond line.  Next \xff one.";
  auto spans = essaykit::split_sentences(in);
  REQUIRE(spans.size() == 2);
  CHECK(essaykit::sentence_text(in, {spans[0], {}}) == "First line, second line.");
  CHECK(essaykit::sentence_text(in, {spans[1], {}}) == "Next \xEF\xBF\xBD one.");
  CHECK(essaykit::sentence_text(in, {{100, 200, 1}, {}}).empty());  // a span from elsewhere
  // A byte-order mark that opens the text is no part of its first sentence.
  const std::string marked = "\xEF\xBB\xBFOne here. Two here.";
  auto two = essaykit::split_sentences(marked);
  REQUIRE(two.size() == 2);
  CHECK(two[0].start == 3);
  CHECK(essaykit::slice(marked, two[0]) == "One here.");
}

TEST_CASE("lists_in and footnotes_in: what a section holds directly") {
  auto d = test::md(
      "# Top\n\nIntro[^a].\n\n- one\n- two\n  - nested\n\n## Sub\n\nMore[^b] and again[^a].\n\n1. x\n\n"
      "[^a]: Note A.\n[^b]: Note B.\n");
  REQUIRE(d.sections.size() == 2);
  auto top = essaykit::lists_in(d, 0);
  REQUIRE(top.size() == 1);  // the nested list hangs off its item
  CHECK(top[0]->items.size() == 2);
  auto sub = essaykit::lists_in(d, 1);
  REQUIRE(sub.size() == 1);
  CHECK(sub[0]->ordered);
  auto notes_top = essaykit::footnotes_in(d, 0);
  REQUIRE(notes_top.size() == 1);
  CHECK(notes_top[0]->label == "a");
  auto notes_sub = essaykit::footnotes_in(d, 1);
  REQUIRE(notes_sub.size() == 2);  // each once, in the order of Document::footnotes
  CHECK(notes_sub[0]->label == "a");
  CHECK(notes_sub[1]->label == "b");
  CHECK(essaykit::lists_in(d, 7).empty());
  CHECK(essaykit::footnotes_in(d, 7).empty());
}

TEST_CASE("every diagnostic has a stable code") {
  auto d = test::md("Text[^gone] and[^x].\n\n[^x]: One.\n[^unused]: Never cited.\n");
  CHECK(count(d, DiagnosticCode::footnote_without_body) == 1);
  CHECK(count(d, DiagnosticCode::footnote_without_reference) == 1);
  CHECK(count(test::text("Text[^x].\n\n[^x]: One.\n[^x]: Two.\n"), DiagnosticCode::footnote_defined_twice) == 1);
  auto bad = test::md("Caf\xc3 here.\n");
  CHECK(count(bad, DiagnosticCode::invalid_utf8) == 1);
  std::string wide = "|" ;
  for (int i = 0; i < 300; ++i) wide += "a|";
  wide += "\n|";
  for (int i = 0; i < 300; ++i) wide += "-|";
  CHECK(count(test::md(wide + "\n"), DiagnosticCode::table_too_wide) == 1);
  CHECK(essaykit::diagnostic_code_name(DiagnosticCode::invalid_utf8) == "invalid_utf8");
  CHECK(essaykit::diagnostic_code_name(DiagnosticCode::transcoded) == "transcoded");
  CHECK(essaykit::diagnostic_code_name(DiagnosticCode::footnote_defined_twice) == "footnote_defined_twice");
  CHECK(essaykit::diagnostic_code_name(DiagnosticCode::footnote_without_body) == "footnote_without_body");
  CHECK(essaykit::diagnostic_code_name(DiagnosticCode::footnote_without_reference) == "footnote_without_reference");
  CHECK(essaykit::diagnostic_code_name(DiagnosticCode::table_too_wide) == "table_too_wide");
  CHECK(essaykit::diagnostic_code_name(DiagnosticCode::markup_read_as_text) == "markup_read_as_text");
}

TEST_CASE("read_file: the bytes, or why not") {
  char dir[] = "/tmp/essaykit-unit.XXXXXX";
  REQUIRE(mkdtemp(dir));
  const std::string path = std::string(dir) + "/a.md";
  {
    std::ofstream f(path, std::ios::binary);
    f << std::string("# A\n\0b", 6);
  }
  essaykit::FileBytes ok = essaykit::read_file(path);
  CHECK(ok);
  CHECK(ok.bytes == std::string("# A\n\0b", 6));
  essaykit::FileBytes missing = essaykit::read_file(std::string(dir) + "/nope.md");
  CHECK_FALSE(missing);
  CHECK(missing.error == "No such file or directory");
  essaykit::FileBytes folder = essaykit::read_file(dir);
  CHECK_FALSE(folder);
  CHECK(folder.error == "is a directory");
  std::remove(path.c_str());
  std::remove(dir);
}

TEST_CASE("UTF-16 and UTF-32 with a byte-order mark are read through their UTF-8 form") {
  CHECK(essaykit::detect_encoding("plain") == Encoding::utf8);
  CHECK(essaykit::detect_encoding("\xEF\xBB\xBFplain") == Encoding::utf8);
  CHECK(essaykit::detect_encoding("\xFF\xFEh\0") == Encoding::utf16le);
  CHECK(essaykit::detect_encoding(std::string_view("\xFF\xFE\0\0", 4)) == Encoding::utf32le);
  CHECK(essaykit::detect_encoding(std::string_view("\0\0\xFE\xFF", 4)) == Encoding::utf32be);
  CHECK(essaykit::detect_encoding("\xFE\xFF") == Encoding::utf16be);
  CHECK_FALSE(essaykit::to_utf8("already UTF-8"));

  // "Café ☕ 𝄞" in UTF-16LE, with its BOM: the BOM becomes UTF-8's.
  const std::string le("\xFF\xFE" "C\0a\0f\0\xE9\0 \0\x15\x26 \0\x34\xD8\x1E\xDD", 20);
  CHECK(essaykit::to_utf8(le) == "\xEF\xBB\xBF" "Caf\xC3\xA9 \xE2\x98\x95 \xF0\x9D\x84\x9E");
  // An unpaired surrogate and a cut-off last unit become U+FFFD.
  const std::string bad("\xFF\xFE" "a\0\x00\xD8" "b\0c", 9);
  CHECK(essaykit::to_utf8(bad) == "\xEF\xBB\xBF" "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");

  std::string be = "\xFE\xFF";
  for (char c : std::string("# Title\n\nSome text here.\n")) be += std::string{'\0', c};
  essaykit::Options o;
  o.name = "note.md";
  o.sentences = true;
  essaykit::Result r = essaykit::analyze(be, o);
  REQUIRE(r);
  const essaykit::Document& d = r.document();
  CHECK(d.source.encoding == Encoding::utf16be);
  const std::string utf8 = *essaykit::to_utf8(be);
  CHECK(d.source.bytes == utf8.size());
  REQUIRE(d.title);
  CHECK(essaykit::slice(utf8, d.title->span) == "# Title");
  CHECK(count(d, DiagnosticCode::transcoded) == 1);
  CHECK(essaykit::to_json(d).find("\"encoding\":\"UTF-16BE\"") != std::string::npos);
  CHECK_FALSE(essaykit::is_binary(be));
  // UTF-8 JSON says nothing of its encoding.
  CHECK(essaykit::to_json(test::md("# T\n")).find("encoding") == std::string::npos);
}

TEST_CASE("UTF-16 without a byte-order mark is refused with its name") {
  std::string le;
  for (char c : std::string("Plain words of an essay, long enough to judge its bytes.\n")) le += std::string{c, '\0'};
  essaykit::Result r = essaykit::analyze(le);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == essaykit::ErrorCode::binary);
  CHECK(r.error().message.find("UTF-16LE") != std::string::npos);
  CHECK(r.error().message.find("byte-order mark") != std::string::npos);
  // Binary that is no text at all says only that.
  essaykit::Result bin = essaykit::analyze(std::string("\x7f" "ELF\0\x01\x02\x03", 8));
  REQUIRE_FALSE(bin);
  CHECK(bin.error().message.find("UTF-16") == std::string::npos);
}

TEST_CASE("text in a single-byte encoding is refused with a way to convert it") {
  // Latin-1 French, dense in accents (over 10% of its bytes are no UTF-8): it was "binary
  // data", as a PNG is, with no word of what it is or how to read it.
  const std::string latin1 = "Caf\xE9 na\xEFve, r\xE9sum\xE9 \xE0 la cr\xE8me br\xFBl\xE9\x65: d\xE9j\xE0 vu.\n";
  essaykit::Result r = essaykit::analyze(latin1);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == essaykit::ErrorCode::binary);
  CHECK(r.error().message.find("Latin-1") != std::string::npos);
  CHECK(r.error().message.find("iconv -f WINDOWS-1252 -t UTF-8") != std::string::npos);
  // Data says only that it is binary: a NUL, control bytes, or mostly high bytes.
  for (const std::string& data : {std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), std::string("\x01\x02\x03\xE9\xE9 abc", 9),
                                  std::string("\xE9\xE8\xE0\xF9\xEA\xFB a")})
    CHECK(essaykit::analyze(data).error().message.find("Latin-1") == std::string::npos);
  // With few accents it is read, each invalid byte as U+FFFD with a diagnostic (as before).
  CHECK(essaykit::analyze("Un texte assez long pour que l'accent de caf\xE9 y soit rare.\n"));
}

TEST_CASE("a block dense in inline markup is read as text, its texts intact") {
  // cmark-gfm makes a node of ~200 bytes per bracket: 20,000 nested brackets in a
  // heading are read as plain text instead, and the title still reads as written.
  const std::string brackets(20000, '[');
  const std::string in = "# " + brackets + "x\n\nSome prose[^1] after it.\n\n- [a link](https://example.com) item\n\n"
                         "[^1]: The note.\n";
  auto d = test::md(in);
  CHECK(count(d, DiagnosticCode::markup_read_as_text) == 1);
  REQUIRE(d.title);
  CHECK(d.title->text == brackets + "x");
  // Outside the dense block, Markdown is Markdown.
  REQUIRE(d.lists.size() == 1);
  CHECK(d.lists[0].items[0].text == "a link item");
  REQUIRE(d.footnotes.size() == 1);
  CHECK(d.footnotes[0].text == "The note.");
  CHECK(d.footnotes[0].refs.size() == 1);

  // A few dense blocks (a badge line, a table of contents with dot leaders) are left as
  // they are: only thousands of such characters cost enough to matter.
  auto small = test::md("[![b](https://x.io/b.svg)](https://x.io) [![c](w.svg)](w)\n\nChapter 1 ........ 5\n");
  CHECK(count(small, DiagnosticCode::markup_read_as_text) == 0);
}
