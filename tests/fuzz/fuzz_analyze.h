// The body of the two analyze targets: analyze the bytes in one format, check the
// Document against the input, and read every JSON view back.
#ifndef ESSAYKIT_TESTS_FUZZ_ANALYZE_H
#define ESSAYKIT_TESTS_FUZZ_ANALYZE_H

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "essaykit/essaykit.h"
#include "fuzz_check.h"

inline int fuzz_analyze(const std::uint8_t* data, std::size_t size, essaykit::Format format) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  essaykit::Options options;
  options.format = format;
  options.sentences = true;
  const essaykit::Result r = essaykit::analyze(input, options);
  if (!r) {
    // Only two reasons to refuse, and each must be true of the input.
    FUZZ_CHECK(r.error().code == essaykit::ErrorCode::binary && essaykit::is_binary(input));
    FUZZ_CHECK(!r.error().message.empty());
    return 0;
  }
  const essaykit::Document& doc = r.document();
  FUZZ_CHECK(doc.source.format == format);
  // UTF-16 and UTF-32 with a byte-order mark are read through their UTF-8 form, which
  // the spans index; anything else is read as it is.
  const std::optional<std::string> utf8 = essaykit::to_utf8(input);
  FUZZ_CHECK(doc.source.encoding == essaykit::detect_encoding(input));
  FUZZ_CHECK((doc.source.encoding == essaykit::Encoding::utf8) == !utf8);
  fuzzcheck::check_document(doc, utf8 ? std::string_view(*utf8) : input);

  const std::string json = essaykit::to_json(doc);
  const fuzzcheck::Json j = fuzzcheck::parse_json(json);
  fuzzcheck::check_round_trip(doc, j);
  // Pretty printing changes the layout only.
  FUZZ_CHECK(fuzzcheck::parse_json(essaykit::to_json(doc, {true})) == j);
  // Each view is JSON and agrees with the whole document where they overlap.
  const fuzzcheck::Json notes = fuzzcheck::parse_json(essaykit::footnotes_to_json(doc));
  FUZZ_CHECK(notes.at("footnotes") == j.at("footnotes"));
  const fuzzcheck::Json outline = fuzzcheck::parse_json(essaykit::outline_to_json(doc));
  FUZZ_CHECK(outline.at("sections").items.size() == doc.sections.size());
  const fuzzcheck::Json sentences = fuzzcheck::parse_json(essaykit::sentences_to_json(doc));
  FUZZ_CHECK(sentences.at("sentences").items.size() == doc.sentences.size());
  const fuzzcheck::Json claims = fuzzcheck::parse_json(essaykit::claims_to_json(doc));
  FUZZ_CHECK(claims.at("claims") == j.at("claims"));
  // Without sentences the claims are found by another path (each block read where it
  // stands, as `essaykit analyze` and `claims` do): the same claims.
  essaykit::Options claims_only = options;
  claims_only.sentences = false;
  const essaykit::Result r2 = essaykit::analyze(input, claims_only);
  FUZZ_CHECK(r2.ok());
  FUZZ_CHECK(r2.document().sentences.empty());
  FUZZ_CHECK(essaykit::claims_to_json(r2.document()) == essaykit::claims_to_json(doc));
  // The text views are UTF-8 too.
  FUZZ_CHECK(fuzzcheck::is_utf8(essaykit::to_outline(doc, {true})));
  FUZZ_CHECK(fuzzcheck::is_utf8(essaykit::footnotes_to_text(doc)));
  FUZZ_CHECK(fuzzcheck::is_utf8(essaykit::claims_to_text(doc)));
  // The map is UTF-8, and nothing of the input is markup in it: its one script is its own.
  const std::string page = essaykit::to_html(doc, utf8 ? std::string_view(*utf8) : input);
  FUZZ_CHECK(fuzzcheck::is_utf8(page));
  std::size_t scripts = 0;
  for (std::size_t at = page.find("<script"); at != std::string::npos; at = page.find("<script", at + 1)) ++scripts;
  FUZZ_CHECK(scripts == 1);
  FUZZ_CHECK(page.size() >= 9 && page.compare(page.size() - 8, 8, "</html>\n") == 0);
  return 0;
}

#endif
