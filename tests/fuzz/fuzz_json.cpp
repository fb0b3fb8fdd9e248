// The JSON writer on a Document built by hand from arbitrary bytes (as a library user
// may build one): the output is always strict JSON in UTF-8, and a text that was
// valid UTF-8 reads back byte for byte.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "essaykit/essaykit.h"
#include "fuzz_check.h"

namespace {

// Splits the fuzz input into strings at 0xFF bytes (0xFF never occurs in UTF-8, so
// the pieces can still be anything else, invalid UTF-8 and control bytes included).
std::vector<std::string> pieces(std::string_view in) {
  std::vector<std::string> out(1);
  for (char c : in) {
    if (static_cast<unsigned char>(c) == 0xFF) out.emplace_back();
    else out.back() += c;
  }
  return out;
}

void expect_text(const std::string& written, const std::string& original) {
  FUZZ_CHECK(fuzzcheck::is_utf8(written));
  if (fuzzcheck::is_utf8(original)) FUZZ_CHECK_MSG(written == original, original);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::vector<std::string> p = pieces({reinterpret_cast<const char*>(data), size});
  auto piece = [&](std::size_t i) -> const std::string& { return p[i % p.size()]; };

  essaykit::Document doc;
  doc.source.name = piece(0);
  doc.source.bytes = size;
  doc.title = essaykit::Title{piece(1), {0, size, 1}};
  for (std::size_t i = 0; i < p.size(); ++i) {
    essaykit::Section s;
    s.id = i;
    s.level = 1 + static_cast<int>(i % 6);
    s.title = piece(i);
    s.span = {i, i + 1, 1};
    doc.sections.push_back(s);
  }
  essaykit::Footnote f;
  f.label = piece(2);
  f.text = piece(3);
  f.refs.push_back({{0, 1, 1}, piece(4)});
  doc.footnotes.push_back(f);
  essaykit::Claim c;
  c.text = piece(5);
  c.score = static_cast<double>(size % 7) / 7.0;
  c.cues = {piece(6), piece(7)};
  doc.claims.push_back(c);
  doc.diagnostics.push_back({essaykit::DiagnosticCode::footnote_without_body, essaykit::Severity::warning, piece(8), {0, 0, 1}});

  for (bool pretty : {false, true}) {
    const fuzzcheck::Json j = fuzzcheck::parse_json(essaykit::to_json(doc, {pretty}));
    expect_text(j.at("source").at("name").text, doc.source.name);
    expect_text(j.at("title").at("text").text, doc.title->text);
    const auto& sections = j.at("sections").items;
    FUZZ_CHECK(sections.size() == doc.sections.size());
    for (std::size_t i = 0; i < sections.size(); ++i) expect_text(sections[i].at("title").text, doc.sections[i].title);
    const fuzzcheck::Json& note = j.at("footnotes").items.at(0);
    expect_text(note.at("label").text, f.label);
    expect_text(note.at("text").text, f.text);
    expect_text(note.at("refs").items.at(0).at("context").text, f.refs[0].context);
    const fuzzcheck::Json& claim = j.at("claims").items.at(0);
    expect_text(claim.at("text").text, c.text);
    expect_text(claim.at("cues").items.at(1).text, c.cues[1]);
    expect_text(j.at("diagnostics").items.at(0).at("message").text, piece(8));
  }
  FUZZ_CHECK(fuzzcheck::is_utf8(essaykit::to_outline(doc, {true})));
  FUZZ_CHECK(fuzzcheck::is_utf8(essaykit::footnotes_to_text(doc)));
  FUZZ_CHECK(fuzzcheck::is_utf8(essaykit::claims_to_text(doc)));
  return 0;
}
