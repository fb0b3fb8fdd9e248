// The map page (to_html): everything escaped, every reference linked to its body and
// back, ids unique and every link's target there, as many elements as the Document has.
#include <fmt/format.h>

#include <regex>
#include <set>

#include "helpers.h"
#include "text_util.h"

namespace {

std::size_t occurrences(std::string_view page, std::string_view what) {
  std::size_t n = 0;
  for (std::size_t at = page.find(what); at != std::string_view::npos; at = page.find(what, at + 1)) ++n;
  return n;
}

std::vector<std::string> all(const std::string& page, const std::string& pattern) {
  std::vector<std::string> out;
  const std::regex re(pattern);
  for (auto it = std::sregex_iterator(page.begin(), page.end(), re); it != std::sregex_iterator(); ++it)
    out.push_back((*it)[1].str());
  return out;
}

// Ids unique, every in-page link's target present.
void check_links(const std::string& page) {
  const std::vector<std::string> ids = all(page, R"( id="([^"]*)\")");
  const std::set<std::string> unique(ids.begin(), ids.end());
  CHECK(unique.size() == ids.size());
  for (const std::string& target : all(page, R"( href="#([^"]*)\")")) {
    INFO("href=#" << target);
    CHECK(unique.count(target) == 1);
  }
}

void check_counts(const essaykit::Document& d, const std::string& page) {
  std::size_t with_body = 0, without = 0;
  for (const essaykit::Footnote& f : d.footnotes) (f.body ? with_body : without) += f.refs.size();
  CHECK(occurrences(page, "<rect class=\"seg ") == d.sections.size());
  CHECK(occurrences(page, "<li><a href=\"#s-") == d.sections.size());
  CHECK(occurrences(page, " class=\"sec") == d.sections.size());
  CHECK(occurrences(page, "<a class=\"fnref\"") == with_body);
  CHECK(occurrences(page, "class=\"fnref missing\"") == without);
  CHECK(occurrences(page, "<mark class=\"claim s") == d.claims.size());  // continuations are "claim cont"
  CHECK(occurrences(page, "<li class=\"diag ") == d.diagnostics.size());
}

const char* kPost =
    "---\ntitle: A \"quoted\" </title><script>alert(1)</script> title\n---\n\n"
    "I think we should <script>window.x=1</script> keep every note.[^a] It matters.\n"
    "</style><b onclick=\"x\">'bold'</b> & more\n\n"
    "## Heading </style><b onclick=\"x\">'bold'</b> & more[^b]\n\n"
    "- one item\n- two, with a note.[^a]\n  - nested <i>item</i>\n\n"
    "Bytes \xff\xfe here; and a control \x01 byte.\n\n"
    "[^a]: The note <script>alert(2)</script>.\n"
    "[^b]: Another, \"quoted\".\n";

}  // namespace

TEST_CASE("to_html: nothing of the document is markup in the page; invalid UTF-8 is U+FFFD") {
  const essaykit::Document d = test::md(kPost);
  const std::string page = essaykit::to_html(d, kPost);
  CHECK(occurrences(page, "<script") == 1);  // the page's own
  CHECK(occurrences(page, "</script") == 1);
  CHECK(occurrences(page, "<style") == 1);
  CHECK(occurrences(page, "</style") == 1);
  CHECK(occurrences(page, "</title><script") == 0);
  CHECK(page.find("<title>A &quot;quoted&quot; &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; title — essaykit map</title>") !=
        std::string::npos);
  CHECK(page.find("<b ") == std::string::npos);
  CHECK(page.find("onclick=\"") == std::string::npos);
  CHECK(page.find("&lt;script&gt;window.x=1&lt;/script&gt;") != std::string::npos);
  CHECK(page.find("&lt;/style&gt;&lt;b onclick=&quot;x&quot;&gt;&#39;bold&#39;&lt;/b&gt; &amp; more") != std::string::npos);
  CHECK(page.find("Bytes \xEF\xBF\xBD\xEF\xBF\xBD here; and a control \xEF\xBF\xBD byte.") != std::string::npos);
  CHECK(essaykit::detail::valid_utf8(page) == page);
  // Nothing leaves the page, and only the page's script runs.
  CHECK(page.find("default-src 'none'") != std::string::npos);
  CHECK(page.find("script-src 'sha256-") != std::string::npos);
  check_links(page);
  check_counts(d, page);
}

TEST_CASE("to_html: every footnote reference links to its body, and the body back to each reference") {
  const essaykit::Document d = test::md(kPost);
  const std::string page = essaykit::to_html(d, kPost);
  REQUIRE(d.footnotes.size() == 2);
  REQUIRE(d.footnotes[0].refs.size() == 2);
  for (std::size_t k = 0; k < d.footnotes.size(); ++k) {
    CHECK(occurrences(page, "id=\"fn-" + std::to_string(k) + "\"") == 1);
    for (std::size_t j = 0; j < d.footnotes[k].refs.size(); ++j) {
      const std::string ref = "ref-" + std::to_string(k) + "-" + std::to_string(j);
      INFO(ref);
      CHECK(occurrences(page, "id=\"" + ref + "\" href=\"#fn-" + std::to_string(k) + "\"") == 1);
      CHECK(occurrences(page, "href=\"#" + ref + "\"") == 1);
      // The back-link is inside the body's element.
      const std::size_t body = page.find("id=\"fn-" + std::to_string(k) + "\"");
      const std::size_t back = page.find("href=\"#" + ref + "\"");
      CHECK(back > body);
      CHECK(page.find("</div>", body) > back);
    }
  }
  // The reference in the heading is linked too, inside the heading.
  const std::size_t h = page.find("<h2 class=\"sec\" id=\"s-0\"");
  CHECK(page.find("id=\"ref-1-0\"", h) < page.find("</h2>", h));
}

TEST_CASE("to_html: the strip, the outline and the text show each element once") {
  const char* input =
      "# Title\n\nIntro. We should act now.\n\n## One\n\nText.\n\n### One.a\n\nMore.\n\n## Two\n\nEnd, and it matters.\n";
  const essaykit::Document d = test::md(input);
  const std::string page = essaykit::to_html(d, input);
  check_counts(d, page);
  check_links(page);
  // Nested sections are a layer below, and nested in the outline.
  CHECK(page.find("class=\"seg d1\"") != std::string::npos);
  CHECK(page.find("<ol>\n<li><a href=\"#s-2\">One.a</a>") != std::string::npos);
  CHECK(page.find("<h4 class=\"sec\" id=\"s-2\">One.a</h4>") != std::string::npos);
}

TEST_CASE("to_html: plain text shows what was recovered with its confidence; an unsure note is flagged") {
  const char* input = "Title\n\nA paragraph of text that says something.1\n\nA heading\n\nMore text here.\n\n1 The note.\n";
  essaykit::Document d = test::text(input);
  REQUIRE(d.source.format == essaykit::Format::text);
  REQUIRE(d.footnotes.size() == 1);
  d.footnotes[0].confidence = 0.3;  // as the reader gives a note it placed with little confidence
  const std::string page = essaykit::to_html(d, input);
  CHECK(page.find("<div class=\"note uncertain\" id=\"fn-0\"") != std::string::npos);
  CHECK(page.find("uncertain: where this note begins and ends") != std::string::npos);
  for (const essaykit::Section& s : d.sections) {
    CHECK(page.find(fmt::format("id=\"s-{}\" title=\"heading recovered from plain text, confidence {:.2f}\"", s.id,
                                s.confidence)) != std::string::npos);
  }
  check_counts(d, page);
  check_links(page);
}

TEST_CASE("to_html: a claim cut by a block boundary keeps one id; spans outside the input still get their targets") {
  const std::string input = "First paragraph goes on\n\nacross a blank line. Next.\n";
  essaykit::Document d;
  d.source.name = "hand-made";
  d.source.format = essaykit::Format::text;
  d.source.bytes = input.size();
  essaykit::Claim c;
  c.text = "First paragraph goes on across a blank line.";
  c.span = {0, input.find("Next"), 1};
  c.score = 0.9;
  d.claims.push_back(c);
  essaykit::Section s;
  s.title = "Far away";
  s.span = {1000, 1010, 40};  // past the input's end
  d.sections.push_back(s);
  essaykit::Footnote f;
  f.label = "1";
  f.body = essaykit::Span{2000, 2010, 50};
  f.refs.push_back({{3000, 3001, 60}, ""});
  d.footnotes.push_back(f);
  essaykit::Claim far = c;
  far.span = {5000, 5010, 70};
  far.section = 0;  // the outline links to it as the section's strongest claim
  d.claims.push_back(far);
  const std::string page = essaykit::to_html(d, input);
  CHECK(occurrences(page, "id=\"c-0\"") == 1);
  CHECK(occurrences(page, "id=\"c-1\"") == 1);
  CHECK(occurrences(page, "href=\"#c-1\"") == 1);
  CHECK(occurrences(page, "<mark class=\"claim cont s4\"") == 1);
  check_links(page);
  check_counts(d, page);
  CHECK(page.find("<section class=\"leftovers\"") != std::string::npos);
  // And an empty document is a page too.
  const std::string empty = essaykit::to_html(essaykit::Document{}, "");
  CHECK(empty.find("<p>No sections.</p>") != std::string::npos);
  CHECK(empty.find("</html>") != std::string::npos);
}

TEST_CASE("to_html: an HTML page's article is shown without its tags, its scripts never") {
  const char* input =
      "<!doctype html><html><head><title>T</title><script>var theme=1</script></head><body><nav>Menu</nav>"
      "<article><h1>Post</h1><p>I think <em>we</em> should read &amp; write.<sup id=\"r1\"><a href=\"#n1\">1</a></sup></p>"
      "<script>alert('in article')</script><h2 id=\"a\">Part</h2><p>More text.</p>"
      "<ol><li id=\"n1\">The note. <a href=\"#r1\">↩</a></li></ol></article></body></html>";
  const essaykit::Document d = test::analyze(input, essaykit::Format::html);
  const std::string page = essaykit::to_html(d, input);
  CHECK(page.find("<em>") == std::string::npos);
  CHECK(page.find("alert(") == std::string::npos);
  CHECK(page.find("var theme") == std::string::npos);
  CHECK(page.find("Menu") == std::string::npos);
  CHECK(page.find("read &amp; write") != std::string::npos);
  CHECK(occurrences(page, "<script") == 1);
  check_links(page);
  check_counts(d, page);
}

TEST_CASE("to_html: an HTML page's article is shown to its end when the Document has its sentences") {
  // A closing paragraph that holds no heading, list, note or claim: only the sentences
  // say it is the article's.
  const char* input =
      "<!doctype html><html><body><nav>Menu</nav><article><h1>T</h1><h2>Part</h2>"
      "<p>Hello there. This is text.</p><p>The last paragraph tells a story about a bus.</p></article>"
      "<footer>Site footer</footer></body></html>";
  const essaykit::Document with = test::analyze(input, essaykit::Format::html, true);
  const std::string page = essaykit::to_html(with, input);
  CHECK(page.find("The last paragraph tells a story about a bus.") != std::string::npos);
  CHECK(page.find("Hello there. This is text.") != std::string::npos);
  CHECK(page.find("Site footer") == std::string::npos);
  CHECK(page.find("Menu") == std::string::npos);
  check_links(page);
  check_counts(with, page);
}
