// The HTML reader, through analyze(): the article, the chrome left out, headings, lists,
// footnotes in each generator's convention, spans into the HTML, text decoded.
#include <string>

#include "helpers.h"
#include "html_bounds.h"

using essaykit::slice;

namespace {

essaykit::Document html(std::string_view in, bool sentences = false) {
  return test::analyze(in, essaykit::Format::html, sentences);
}

// A page around `article`: a theme's header, navigation and footer.
std::string page(std::string_view article, std::string_view head = "<title>T</title>") {
  return std::string("<!doctype html><html><head>") + std::string(head) +
         "</head><body><header class=\"site-header\"><a href=\"/\">Site</a><nav><ul><li><a href=\"/\">Home</a></li>"
         "<li><a href=\"/about/\">About</a></li></ul></nav></header>\n<main>" +
         std::string(article) +
         "</main>\n<footer><p>Copyright 2024, the author of every word on this site.</p></footer></body></html>";
}

const std::string kProse =
    "<p>Long enough prose for the article to be found, with a sentence or two of real text in it.</p>";

}  // namespace

TEST_CASE("HTML is detected by extension and by its opening") {
  using essaykit::Format;
  CHECK(essaykit::detect_format("post.html", "") == Format::html);
  CHECK(essaykit::detect_format("POST.HTM", "") == Format::html);
  CHECK(essaykit::detect_format("a.xhtml", "") == Format::html);
  CHECK(essaykit::detect_format("-", "<!DOCTYPE html>\n<p>x") == Format::html);
  CHECK(essaykit::detect_format("-", "\xEF\xBB\xBF  <html lang=en>") == Format::html);
  CHECK(essaykit::detect_format("-", "<?xml version=\"1.0\"?>\n<!-- built -->\n<!doctype HTML>") == Format::html);
  CHECK(essaykit::detect_format("-", "<htmlx>") != Format::html);
  CHECK(essaykit::detect_format("-", "Text that mentions <html> later.\n") == Format::text);
  CHECK(essaykit::detect_format("post.md", "<!doctype html>") == Format::markdown);
  CHECK(essaykit::format_name(Format::html) == "html");
}

TEST_CASE("the article is found and the theme around it left out") {
  std::string in = page("<article><h1>The Post</h1>" + kProse +
                        "<h2 id=\"a\">First</h2><ul><li>one</li><li>two</li></ul><h3 id=\"b\">Deeper</h3>" + kProse +
                        "</article><aside><h2>Recent posts</h2><ul><li><a href=\"/x\">X</a></li></ul></aside>");
  auto d = html(in);
  CHECK(d.source.format == essaykit::Format::html);
  REQUIRE(d.title);
  CHECK(d.title->text == "The Post");
  CHECK(slice(in, d.title->span) == "<h1>The Post</h1>");
  // The template's <h1> (no id) is the title only; <h2> is level 2, as its tag says.
  REQUIRE(d.sections.size() == 2);
  CHECK(d.sections[0].level == 2);
  CHECK(d.sections[0].title == "First");
  CHECK(slice(in, d.sections[0].span) == "<h2 id=\"a\">First</h2>");
  CHECK(d.sections[1].level == 3);
  CHECK(d.sections[1].parent == 0u);
  REQUIRE(d.lists.size() == 1);
  CHECK(d.lists[0].section == 0u);
  REQUIRE(d.lists[0].items.size() == 2);
  CHECK(slice(in, d.lists[0].items[1].span) == "<li>two</li>");
  CHECK(slice(in, d.lists[0].span) == "<ul><li>one</li><li>two</li></ul>");
}

TEST_CASE("a heading of the text with an id is the title and its first section") {
  // As pandoc writes a post whose Markdown opens with '# Title': the heading has an id.
  std::string in = "<!doctype html><body><h1 id=\"my-post\">My Post</h1>" + kProse + "<h2 id=\"part\">Part</h2>" + kProse;
  auto d = html(in);
  REQUIRE(d.title);
  CHECK(d.title->text == "My Post");
  REQUIRE(d.sections.size() == 2);
  CHECK(d.sections[0].level == 1);
  CHECK(d.sections[1].parent == 0u);
  // Marked as a title by its class, it is the title only.
  auto t = html("<body><h1 id=\"x\" class=\"post-title\">My Post</h1>" + kProse + "<h2 id=\"p\">Part</h2>");
  REQUIRE(t.sections.size() == 1);
  CHECK(t.sections[0].title == "Part");
}

TEST_CASE("the title: the page's <h1> before the article, og:title, <title> without the site") {
  auto before = html(page("<header class=\"post-header\"><h1 class=\"post-title\">Outside</h1></header>"
                          "<div itemprop=\"articleBody\">" + kProse + kProse + "</div>",
                          "<title>Outside | My Blog</title>"));
  REQUIRE(before.title);
  CHECK(before.title->text == "Outside");
  // The site's name in a banner <h1> linking home is no title.
  auto banner = html("<html><head><meta property=\"og:title\" content=\"From og\"><title>X</title></head><body>"
                     "<h1><a href=\"/\">My Blog</a></h1><article>" + kProse + "</article></body></html>");
  REQUIRE(banner.title);
  CHECK(banner.title->text == "From og");
  auto site = html("<html><head><title>Ideas &amp; notes \xE2\x80\x94 My Blog</title>"
                   "<meta property=\"og:site_name\" content=\"My Blog\"></head><body>" + kProse + "</body></html>");
  REQUIRE(site.title);
  CHECK(site.title->text == "Ideas & notes");
  // A page with no <h1> whose first heading says what <title> says.
  auto old = html("<html><head><title>A Letter</title></head><body><a href=\"/\">Home</a><h2>A Letter</h2>" + kProse +
                  "<h3>Part</h3>" + kProse + "</body></html>");
  REQUIRE(old.title);
  CHECK(old.title->text == "A Letter");
  REQUIRE(old.sections.size() == 1);
  CHECK(old.sections[0].title == "Part");
}

TEST_CASE("a heading right after the title in its header is the subtitle") {
  auto d = html(page("<article><header><h1>Title</h1><h2>The standfirst</h2></header>" + kProse +
                     "<h2 id=\"s\">Section</h2>" + kProse + "</article>"));
  REQUIRE(d.subtitle);
  CHECK(d.subtitle->text == "The standfirst");
  REQUIRE(d.sections.size() == 1);
  CHECK(d.sections[0].title == "Section");
  auto named = html(page("<article><div><h1>Title</h1><h3 class=\"subtitle\">Sub</h3></div>" + kProse + "</article>"));
  REQUIRE(named.subtitle);
  CHECK(named.subtitle->text == "Sub");
  CHECK(named.sections.empty());
}

TEST_CASE("entities are decoded in every derived text; spans keep the source") {
  std::string in = page("<article><h1>Fish &amp; Chips</h1>" + kProse +
                        "<h2 id=\"w\">Why it&#8217;s &lt;good&gt;</h2><ul><li>salt&nbsp;&amp; vinegar</li></ul>"
                        "<p>Text.<sup id=\"fnref:1\"><a href=\"#fn:1\" class=\"footnote\">1</a></sup></p>"
                        "<div class=\"footnotes\"><ol><li id=\"fn:1\"><p>A &quot;note&quot;. "
                        "<a href=\"#fnref:1\" class=\"reversefootnote\">&#8617;</a></p></li></ol></div></article>");
  auto d = html(in);
  CHECK(d.title->text == "Fish & Chips");
  REQUIRE(d.sections.size() == 1);
  CHECK(d.sections[0].title == "Why it\xE2\x80\x99s <good>");
  CHECK(slice(in, d.sections[0].span) == "<h2 id=\"w\">Why it&#8217;s &lt;good&gt;</h2>");
  REQUIRE(d.lists.size() == 1);
  CHECK(d.lists[0].items[0].text == "salt & vinegar");
  REQUIRE(d.footnotes.size() == 1);
  CHECK(d.footnotes[0].text == "A \"note\".");
}

TEST_CASE("footnotes in every generator's convention") {
  // Each note is read as its generator writes it: the reference's mark is the label;
  // the link back, the label and the list that holds the notes are no part of anything.
  struct Case {
    const char* generator;
    std::string ref, body;
    const char* label;
  };
  const Case cases[] = {
      {"pandoc", "<a href=\"#fn1\" class=\"footnote-ref\" id=\"fnref1\" role=\"doc-noteref\"><sup>1</sup></a>",
       "<section class=\"footnotes\" role=\"doc-endnotes\"><hr /><ol><li id=\"fn1\" role=\"doc-endnote\"><p>The body."
       "<a href=\"#fnref1\" class=\"footnote-back\" role=\"doc-backlink\">\xE2\x86\xA9\xEF\xB8\x8E</a></p></li></ol></section>",
       "1"},
      {"pandoc 1 (Hakyll)", "<a href=\"#fn1\" class=\"footnoteRef\" id=\"fnref1\"><sup>1</sup></a>",
       "<div class=\"footnotes\"><hr /><ol><li id=\"fn1\"><p>The body.<a href=\"#fnref1\">\xE2\x86\xA9</a></p></li></ol></div>",
       "1"},
      {"kramdown", "<sup id=\"fnref:n\" role=\"doc-noteref\"><a href=\"#fn:n\" class=\"footnote\" rel=\"footnote\">1</a></sup>",
       "<div class=\"footnotes\" role=\"doc-endnotes\"><ol><li id=\"fn:n\" role=\"doc-endnote\"><p>The body. "
       "<a href=\"#fnref:n\" class=\"reversefootnote\" role=\"doc-backlink\">&#8617;</a></p></li></ol></div>",
       "1"},
      {"goldmark", "<sup id=\"fnref:1\"><a href=\"#fn:1\" class=\"footnote-ref\" role=\"doc-noteref\">1</a></sup>",
       "<div class=\"footnotes\" role=\"doc-endnotes\"><hr><ol><li id=\"fn:1\"><p>The body.&#160;<a href=\"#fnref:1\" "
       "class=\"footnote-backref\" role=\"doc-backlink\">&#x21a9;&#xfe0e;</a></p></li></ol></div>",
       "1"},
      {"markdown-it", "<sup class=\"footnote-ref\"><a href=\"#fn1\" id=\"fnref1\">[1]</a></sup>",
       "<hr class=\"footnotes-sep\"><section class=\"footnotes\"><ol class=\"footnotes-list\"><li id=\"fn1\" "
       "class=\"footnote-item\"><p>The body. <a href=\"#fnref1\" class=\"footnote-backref\">\xE2\x86\xA9\xEF\xB8\x8E</a></p>"
       "</li></ol></section>",
       "1"},
      {"Python-Markdown", "<sup id=\"fnref:x\"><a class=\"footnote-ref\" href=\"#fn:x\">1</a></sup>",
       "<div class=\"footnote\"><hr><ol><li id=\"fn:x\"><p>The body.&#160;<a class=\"footnote-backref\" href=\"#fnref:x\" "
       "title=\"Jump back to footnote 1 in the text\">&#8617;</a></p></li></ol></div>",
       "1"},
      {"docutils", "<a class=\"footnote-reference brackets\" href=\"#f1\" id=\"id1\" role=\"doc-noteref\">"
                   "<span class=\"fn-bracket\">[</span>1<span class=\"fn-bracket\">]</span></a>",
       "<aside class=\"footnote-list brackets\"><aside class=\"footnote brackets\" id=\"f1\" role=\"doc-footnote\">"
       "<span class=\"label\"><span class=\"fn-bracket\">[</span><a role=\"doc-backlink\" href=\"#id1\">1</a>"
       "<span class=\"fn-bracket\">]</span></span><p>The body.</p></aside></aside>",
       "1"},
      {"docutils (old)", "<a class=\"footnote-reference\" href=\"#id2\" id=\"id1\">[1]</a>",
       "<dl class=\"footnote\"><dt class=\"label\" id=\"id2\"><a class=\"fn-backref\" href=\"#id1\">[1]</a></dt>"
       "<dd><p>The body.</p></dd></dl>",
       "1"},
      {"Asciidoctor", "<sup class=\"footnote\">[<a id=\"_footnoteref_1\" class=\"footnote\" href=\"#_footnotedef_1\" "
                      "title=\"View footnote.\">1</a>]</sup>",
       "<div id=\"footnotes\"><hr><div class=\"footnote\" id=\"_footnotedef_1\"><a href=\"#_footnoteref_1\">1</a>. "
       "The body.</div></div>",
       "1"},
      {"org-mode", "<sup><a id=\"fnr.1\" class=\"footref\" href=\"#fn.1\" role=\"doc-backlink\">1</a></sup>",
       "<div id=\"footnotes\"><h2 class=\"footnotes\">Footnotes: </h2><div id=\"text-footnotes\"><div class=\"footdef\">"
       "<sup><a id=\"fn.1\" class=\"footnum\" href=\"#fnr.1\" role=\"doc-backlink\">1</a></sup> <div class=\"footpara\" "
       "role=\"doc-footnote\"><p class=\"footpara\">The body.</p></div></div></div></div>",
       "1"},
      {"Substack", "<a class=\"footnote-anchor\" id=\"footnote-anchor-1\" href=\"#footnote-1\">1</a>",
       "<div class=\"footnote\"><a id=\"footnote-1\" href=\"#footnote-anchor-1\" class=\"footnote-number\">1</a>"
       "<div class=\"footnote-content\"><p>The body.</p></div></div>",
       "1"},
      {"WordPress", "<sup data-fn=\"a1\" class=\"fn\"><a href=\"#a1\" id=\"a1-link\">1</a></sup>",
       "<ol class=\"wp-block-footnotes\"><li id=\"a1\">The body. <a href=\"#a1-link\" aria-label=\"Jump to footnote "
       "reference 1\">\xE2\x86\xA9\xEF\xB8\x8E</a></li></ol>",
       "1"},
      {"a wiki's references", "<sup class=\"reference\"><a href=\"#cite_note-1\">[1]</a></sup>",
       "<ol class=\"references\"><li id=\"cite_note-1\"><span class=\"mw-cite-backlink\"><a href=\"#cite_ref-1\">^</a>"
       "</span> <span class=\"reference-text\">The body.</span></li></ol>",
       "1"},
      {"Zola (pulldown-cmark)", "<sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup>",
       "<div class=\"footnote-definition\" id=\"1\"><sup class=\"footnote-definition-label\">1</sup>\n<p>The body.</p></div>",
       "1"},
      {"GitHub (remark-gfm)", "<sup><a href=\"#user-content-fn-1\" id=\"user-content-fnref-1\" data-footnote-ref "
                              "aria-describedby=\"footnote-label\">1</a></sup>",
       "<section data-footnotes class=\"footnotes\"><h2 class=\"sr-only\" id=\"footnote-label\">Footnotes</h2><ol>"
       "<li id=\"user-content-fn-1\"><p>The body. <a href=\"#user-content-fnref-1\" data-footnote-backref "
       "class=\"data-footnote-backref\" aria-label=\"Back to reference 1\">\xE2\x86\xA9</a></p></li></ol></section>",
       "1"},
      {"Blogger, by names", "<a href=\"#n1\" name=\"top1\">[1]</a>",
       "<p><a name=\"n1\" href=\"#top1\">[1]</a> The body.</p>", "1"},
      {"by hand, no link back", "<sup><a href=\"#n1\">*</a></sup>",
       "<p>Notes</p><ol><li><a name=\"n1\"></a>The body.</li></ol>", "*"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.generator);
    std::string in = page("<article><h1>T</h1><p>Some words of the post before its note.</p>"
                          "<p>The sentence that refers to a note." + c.ref + " And more after it.</p>" + kProse + c.body +
                          "</article>");
    auto d = html(in);
    REQUIRE(d.footnotes.size() == 1);
    const essaykit::Footnote& f = d.footnotes[0];
    CHECK(f.label == c.label);
    CHECK(f.text == "The body.");
    REQUIRE(f.refs.size() == 1);
    CHECK(slice(in, f.refs[0].span) == c.ref);
    CHECK(f.refs[0].context == "The sentence that refers to a note.");
    REQUIRE(f.body);
    CHECK(slice(in, *f.body).find("The body.") != std::string_view::npos);
    // The notes' list is no list of the post, and their headings no sections.
    CHECK(d.lists.empty());
    CHECK(d.sections.empty());
  }
}

TEST_CASE("notes by hand without a list: paragraphs or divs by id after the last reference") {
  // "<sup><a href=#note-1>[1]</a></sup>" to "<p id=note-1>1. …</p>": no list, no class,
  // no link back. The notes lie after the last reference and open with their marks.
  const std::string in = page(
      "<article><h1>T</h1>" + kProse +
      "<p>The first claim of the post.<sup><a href=\"#note-1\">[1]</a></sup> A second one."
      "<sup><a href=\"#note-2\">[2]</a></sup> And a third.<sup><a href=\"#note-3\">3</a></sup></p>" + kProse +
      "<hr><p id=\"note-1\">1. The first note.</p><div id=\"note-2\">[2] The second note.</div>"
      "<p id=\"note-3\"><b>3</b> The third note.</p></article>");
  auto d = html(in);
  REQUIRE(d.footnotes.size() == 3);
  const char* texts[] = {"The first note.", "The second note.", "The third note."};
  const char* refs[] = {"<sup><a href=\"#note-1\">[1]</a></sup>", "<sup><a href=\"#note-2\">[2]</a></sup>",
                        "<sup><a href=\"#note-3\">3</a></sup>"};
  for (int i = 0; i < 3; ++i) {
    CAPTURE(i);
    const essaykit::Footnote& f = d.footnotes[static_cast<std::size_t>(i)];
    CHECK(f.label == std::to_string(i + 1));
    CHECK(f.text == texts[i]);
    REQUIRE(f.refs.size() == 1);
    CHECK(slice(in, f.refs[0].span) == refs[i]);
    REQUIRE(f.body);
    CHECK(slice(in, *f.body).find(texts[i]) != std::string_view::npos);
  }
  // The notes are no prose of the post: no claim or sentence is read in them.
  for (const essaykit::Claim& c : d.claims) CHECK(c.text.find("note.") == std::string::npos);

  // A mark in <sup> linking to a paragraph before another such mark, or to one that does
  // not open with its mark, is a cross-reference, not a note.
  auto crossed = html(page("<article><h1>T</h1>" + kProse +
                           "<p>As shown.<sup><a href=\"#p2\">[1]</a></sup></p><p id=\"p2\">1. A step of the argument."
                           "</p><p>Then more.<sup><a href=\"#p4\">[2]</a></sup></p>" + kProse +
                           "<p id=\"p4\">The closing paragraph, which has no mark.</p></article>"));
  CHECK(crossed.footnotes.empty());

  // A note that cites another keeps its place: its mark inside the block of notes is no
  // reference of the text, and does not move "after the last reference" past the notes.
  auto citing = html(page("<article><h1>T</h1>" + kProse +
                          "<p>A claim.<sup><a href=\"#note-1\">1</a></sup> Another.<sup><a href=\"#note-2\">2</a></sup></p>" +
                          kProse +
                          "<p id=\"note-1\">1. The first note, see also<sup><a href=\"#note-2\">2</a></sup>.</p>"
                          "<p id=\"note-2\">2. The second note.</p></article>"));
  REQUIRE(citing.footnotes.size() == 2);
  CHECK(citing.footnotes[0].text.rfind("The first note", 0) == 0);
  CHECK(citing.footnotes[1].text == "The second note.");

  // A note opening with a figure that begins with its mark ("1.5 million") does not open
  // with the mark: the mark is not cut from it, and it is no note by hand.
  auto figure = html(page("<article><h1>T</h1>" + kProse + "<p>A count.<sup><a href=\"#n1\">1</a></sup></p>" + kProse +
                          "<p id=\"n1\">1.5 million by some counts, fewer by others.</p></article>"));
  for (const essaykit::Footnote& f : figure.footnotes) CHECK(f.text.rfind("5 million", 0) != 0);
}

TEST_CASE("a page that declares a charset other than UTF-8 says so, and how to convert it") {
  // Spans are offsets into the bytes as given, so a Windows-1252 page is not transcoded
  // (as UTF-16 with a BOM is, into a form of its own): it was read as UTF-8, its accents
  // U+FFFD, with nothing but "invalid UTF-8" to say why. One diagnostic now names the
  // charset the page declares, at the declaration, with the command that converts it.
  auto hint = [](const essaykit::Document& d, std::string_view in) -> std::string {
    for (const essaykit::Diagnostic& g : d.diagnostics)
      if (g.message.find("declares") != std::string::npos) {
        CHECK(g.code == essaykit::DiagnosticCode::invalid_utf8);
        return std::string(slice(in, g.span)) + " | " + g.message;
      }
    return {};
  };
  const std::string body = "<article><h1>Caf\xE9</h1>" + kProse + "<p>Un r\xE9sum\xE9 de la crise.</p></article>";
  const std::string meta = page(body, "<meta charset=\"windows-1252\"><title>T</title>");
  std::string h = hint(html(meta), meta);
  CHECK(h.find("<meta charset=\"windows-1252\">") == 0);
  CHECK(h.find("declares charset windows-1252") != std::string::npos);
  CHECK(h.find("iconv -f WINDOWS-1252 -t UTF-8") != std::string::npos);
  // The older form, and a Latin-1 label, which browsers read as Windows-1252.
  const std::string equiv =
      page(body, "<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=ISO-8859-1\"><title>T</title>");
  h = hint(html(equiv), equiv);
  CHECK(h.find("<META HTTP-EQUIV") == 0);
  CHECK(h.find("declares charset ISO-8859-1") != std::string::npos);
  CHECK(h.find("iconv -f WINDOWS-1252 -t UTF-8") != std::string::npos);
  // A page that declares UTF-8, or whose bytes are all UTF-8 whatever it declares, gets none.
  const std::string utf8 = page(body, "<meta charset=utf-8><title>T</title>");
  CHECK(hint(html(utf8), utf8).empty());
  // "charset" in another attribute's words is no declaration: the page declares UTF-8.
  const std::string worded =
      page(body, "<meta name=\"description\" content=\"charset = koi8-r is old\"><meta charset=\"utf-8\"><title>T</title>");
  CHECK(hint(html(worded), worded).empty());
  const std::string ascii = page(kProse, "<meta charset=windows-1252><title>T</title>");
  CHECK(hint(html(ascii), ascii).empty());
  // Dense in bytes that are no UTF-8 (Greek in ISO-8859-7), it is refused, as such plain
  // text is, and the message names the declared charset.
  std::string greek = "<!doctype html><html><head><meta charset=\"iso-8859-7\"><title>T</title></head><body><p>";
  for (int i = 0; i < 40; ++i) greek += "\xC7 \xE3\xEB\xFE\xF3\xF3\xE1 \xE5\xDF\xED\xE1\xE9. ";
  greek += "</p></body></html>";
  essaykit::Options o;
  o.format = essaykit::Format::html;
  essaykit::Result r = essaykit::analyze(greek, o);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == essaykit::ErrorCode::binary);
  CHECK(r.error().message.find("declares charset iso-8859-7") != std::string::npos);
  CHECK(r.error().message.find("iconv -f ISO-8859-7 -t UTF-8") != std::string::npos);
  // Found by sniffing too, with no name to go by.
  CHECK(essaykit::analyze(greek).error().message.find("iconv -f ISO-8859-7 -t UTF-8") != std::string::npos);
}

TEST_CASE("links that are no footnotes") {
  std::string in = page(
      "<article><h1>T</h1><nav id=\"TOC\"><ul><li><a href=\"#intro\">1</a></li></ul></nav>" + kProse +
      "<h2 id=\"intro\">Intro</h2><p>See <a href=\"#intro\">1</a>, <a href=\"#fig\">Figure 2</a> and "
      "<a href=\"#cb1-1\">2</a>.</p><figure id=\"fig\"><img src=\"x.png\"><figcaption>A figure.</figcaption></figure>"
      "<pre><code><span id=\"cb1-1\"><a href=\"#cb1-1\" aria-hidden=\"true\"></a>x = 1</span></code></pre></article>");
  auto d = html(in);
  CHECK(d.footnotes.empty());
  REQUIRE(d.sections.size() == 1);
  CHECK(d.sections[0].title == "Intro");
}

TEST_CASE("one note referenced twice; pandoc's repeated copies of a note are one note") {
  auto twice = html(page("<article>" + kProse +
                         "<p>A<sup id=\"fnref:a\"><a href=\"#fn:a\">1</a></sup> and B<sup id=\"fnref:a:1\"><a href=\"#fn:a\">1</a>"
                         "</sup>.</p><div class=\"footnotes\"><ol><li id=\"fn:a\"><p>Note. <a href=\"#fnref:a\">&#8617;</a>"
                         "</p></li></ol></div></article>"));
  REQUIRE(twice.footnotes.size() == 1);
  CHECK(twice.footnotes[0].refs.size() == 2);
  auto note = [](int n, const char* text) {
    return "<li id=\"fn" + std::to_string(n) + "\"><p>" + text + "<a href=\"#fnref" + std::to_string(n) + "\">\xE2\x86\xA9</a></p></li>";
  };
  auto ref = [](int n) {
    return "<a href=\"#fn" + std::to_string(n) + "\" class=\"footnote-ref\" id=\"fnref" + std::to_string(n) + "\"><sup>" +
           std::to_string(n) + "</sup></a>";
  };
  auto copies = html(page("<article>" + kProse + "<p>X" + ref(1) + " Y" + ref(2) + " Z" + ref(3) + " W" + ref(4) +
                          "</p><section class=\"footnotes\"><ol>" + note(1, "The same note, written twice.") +
                          note(2, "The same note, written twice.") + note(3, "https://example.org/a") +
                          note(4, "https://example.org/a") + "</ol></section></article>"));
  REQUIRE(copies.footnotes.size() == 3);
  CHECK(copies.footnotes[0].refs.size() == 2);  // the explanatory note, once
  CHECK(copies.footnotes[1].text == "https://example.org/a");
  CHECK(copies.footnotes[2].text == "https://example.org/a");  // a citation, twice
}

TEST_CASE("chrome inside the article: anchors, pagers, share boxes, teasers, what follows the notes") {
  std::string in = page(
      "<article class=\"post\"><h1>T</h1>" + kProse +
      "<h2 id=\"s\">Section<a class=\"anchor\" href=\"#s\">#</a></h2>"
      "<h2 id=\"t\"><span class=\"section-number\">2.</span> Second <a href=\"#t\">\xC2\xB6</a></h2>" + kProse +
      "<div class=\"share-buttons\"><ul><li><a href=\"https://x.com/share\">Share on X</a></li></ul></div>"
      "<ul><li><a href=\"/prev\" rel=\"prev\">Older</a></li><li><a href=\"/next\" rel=\"next\">Newer</a></li></ul>"
      "<div><h3><a href=\"/a\">Teaser A</a></h3><h3><a href=\"/b\">Teaser B</a></h3></div>"
      "<div class=\"markdown-body comment-enabled\"><h2 id=\"k\">Kept</h2><ul><li>kept item</li></ul></div>"
      "<p>Note<sup><a href=\"#n1\" id=\"r1\">1</a></sup>.</p><ol class=\"notes\"><li id=\"n1\">N. <a href=\"#r1\">\xE2\x86\xA9</a></li></ol>"
      "<p><a href=\"/next\">Next post: something else \xC2\xBB</a></p><h2>More posts</h2><ul><li><a href=\"/c\">C</a></li></ul>"
      "</article>");
  auto d = html(in);
  REQUIRE(d.sections.size() == 3);
  CHECK(d.sections[0].title == "Section");
  CHECK(d.sections[1].title == "Second");
  CHECK(d.sections[2].title == "Kept");
  REQUIRE(d.lists.size() == 1);
  CHECK(d.lists[0].items[0].text == "kept item");
  REQUIRE(d.footnotes.size() == 1);
}

TEST_CASE("a page with no article element: the block with the most prose") {
  std::string in = "<html><body><div id=\"top\"><a href=\"/\">Home</a> | <a href=\"/x\">Essays</a></div>"
                   "<div class=\"sidebar\"><h3>About me</h3><p>I write.</p></div>"
                   "<div class=\"col\"><h1>Essay</h1>" + kProse + "<h2 id=\"a\">A</h2>" + kProse + kProse +
                   "<ul><li>one</li></ul></div><div id=\"comments\"><h3>3 comments</h3>"
                   "<ol><li><p>A comment that is long, much longer than the post itself, to weigh a lot of text in the page "
                   "if it were counted, and more words, and more words, and more words, and more.</p></li></ol></div></body></html>";
  auto d = html(in);
  REQUIRE(d.title);
  CHECK(d.title->text == "Essay");
  REQUIRE(d.sections.size() == 1);
  CHECK(d.sections[0].title == "A");
  REQUIRE(d.lists.size() == 1);
  CHECK(d.lists[0].items.size() == 1);
  // An unclosed inline element that holds the rest of the page is no article.
  auto span = html("<body><h1>T</h1>" + kProse + "<h2 id=\"toc\">Contents</h2><ul><li>x</li></ul><span id=\"s\" />" +
                   kProse + kProse + kProse + kProse + kProse + "<h2 id=\"b\">B</h2>" + kProse + kProse + kProse + "</body>");
  CHECK(span.sections.size() == 2);
  CHECK(span.lists.size() == 1);
}

TEST_CASE("lists nest; items leave nested lists out; empty lists are none") {
  std::string in = page("<article>" + kProse +
                        "<ol><li>one<ul><li>a</li><li>b<ol><li>deep</li></ol></li></ul></li><li><p>two</p><p>more</p></li></ol>"
                        "<ul></ul><ul><li>after</li></ul></article>");
  auto d = html(in);
  REQUIRE(d.lists.size() == 4);
  CHECK(d.lists[0].ordered);
  REQUIRE(d.lists[0].items.size() == 2);
  CHECK(d.lists[0].items[0].text == "one");
  CHECK(d.lists[0].items[1].text == "two\n\nmore");
  CHECK(d.lists[1].parent_item->list == 0u);
  CHECK(d.lists[1].parent_item->item == 0u);
  CHECK(d.lists[1].items[1].depth == 1);
  CHECK(d.lists[2].parent_item->list == 1u);
  CHECK(d.lists[2].items[0].depth == 2);
  CHECK_FALSE(d.lists[3].parent_item.has_value());
  CHECK(d.lists[3].items[0].text == "after");
}

TEST_CASE("text after a block inside an item, a note or a heading is a block of its own, not glued to it") {
  // A browser shows "after" on a line of its own; the words must not run together.
  std::string in = page("<article><h1>Title<br>on two lines</h1>" + kProse +
                        "<h2 id=\"s\">Block<div>inside</div>heading</h2>"
                        "<ul><li><p>para</p>after para</li><li><div>one</div>two<p>three</p></li></ul>"
                        "<p>Text.<sup><a href=\"#n1\" id=\"r1\">1</a></sup></p>"
                        "<ol class=\"footnotes\"><li id=\"n1\"><p>Note para</p>tail text <a href=\"#r1\">&#8617;</a></li></ol>"
                        "</article>");
  auto d = html(in);
  REQUIRE(d.title);
  CHECK(d.title->text == "Title on two lines");
  REQUIRE(d.sections.size() == 1);
  CHECK(d.sections[0].title == "Block inside heading");
  REQUIRE(d.lists.size() == 1);
  REQUIRE(d.lists[0].items.size() == 2);
  CHECK(d.lists[0].items[0].text == "para\n\nafter para");
  CHECK(d.lists[0].items[1].text == "one\n\ntwo\n\nthree");
  REQUIRE(d.footnotes.size() == 1);
  CHECK(d.footnotes[0].text == "Note para\n\ntail text");
  // A <br> in the title of a page with no <h1> in its text: the page's <h1> before the article.
  auto before = html(page("<header class=\"post-header\"><h1 class=\"post-title\">Outside<br>the text</h1></header>"
                          "<div itemprop=\"articleBody\">" + kProse + kProse + "</div>"));
  REQUIRE(before.title);
  CHECK(before.title->text == "Outside the text");
}

TEST_CASE("a nested list whose parent item the tree builder's repair left empty stands at the top") {
  // <ul> inside an open <a>, then another <a>: the adoption agency moves the inner list
  // out of the first <a> and the outer <li> ends with no item of its own (found by
  // fuzz_html: the inner list named itself as its parent).
  auto d = html("e<ul><li><a class=\"footref\" href=\"#fn.1\"><ul><li><li><sup><a><q id=\"fn.1\" a>o");
  for (std::size_t i = 0; i < d.lists.size(); ++i) {
    CAPTURE(i);
    const auto& l = d.lists[i];
    if (l.parent_item) {
      CHECK(l.parent_item->list < i);
      REQUIRE(l.parent_item->list < d.lists.size());
      CHECK(l.parent_item->item < d.lists[l.parent_item->list].items.size());
    }
    for (const auto& item : l.items) CHECK(item.depth == (l.parent_item ? 1 : 0));
  }
  // The outer list keeps its item when the item has text: the inner list's parent.
  d = html(page("<article>" + kProse + "<ul><li>t<a href=\"#x\"><ul><li>x<li>y<a>o</a></ul></ul></article>"));
  REQUIRE(d.lists.size() == 2);
  REQUIRE(d.lists[1].parent_item.has_value());
  CHECK(d.lists[1].parent_item->list == 0u);
  CHECK(d.lists[1].parent_item->item == 0u);
  CHECK(d.lists[1].items[0].depth == 1);
}

TEST_CASE("headings in a table are captions, not sections; in a note, its text") {
  auto d = html(page("<article>" + kProse + "<table><tr><td><h3>Left</h3></td><td><h3>Right</h3></td></tr></table>"
                     "<h2 id=\"x\">Real</h2>" + kProse + "</article>"));
  REQUIRE(d.sections.size() == 1);
  CHECK(d.sections[0].title == "Real");
}

TEST_CASE("sentences are read in the text and point at the HTML") {
  std::string in = "<!doctype html><body><p>Fish &amp; chips are good. They are <em>cheap</em>.</p>\r\n"
                   "<p>It&#8217;s true.\r\nWe should all eat\r\nthem.</p></body>";
  auto d = html(in, true);
  REQUIRE(d.sentences.size() == 4);
  CHECK(slice(in, d.sentences[0].span) == "Fish &amp; chips are good.");
  CHECK(slice(in, d.sentences[1].span) == "They are <em>cheap</em>.");
  CHECK(slice(in, d.sentences[2].span) == "It&#8217;s true.");
  CHECK(slice(in, d.sentences[3].span) == "We should all eat\r\nthem.");
  CHECK(d.sentences[3].span.line == 3);
  // A claim's text is the sentence's text, without tags or references, and its span
  // the sentence's.
  REQUIRE_FALSE(d.claims.empty());
  CHECK(d.claims[0].text == "Fish & chips are good.");
  CHECK(d.claims[0].span == d.sentences[0].span);
}

TEST_CASE("a line of links is no prose; scripts, styles and hidden text are never text") {
  auto d = html("<body><p><a href=\"/\">Home</a> | <a href=\"/a\">About</a></p><script>var s = 'Not text.';</script>"
                "<style>p { color: red }</style><p hidden>Hidden words.</p><p aria-hidden=\"true\">Also hidden.</p>"
                "<p style=\"display: none\">Gone.</p><p>Only this counts.</p></body>", true);
  REQUIRE(d.sentences.size() == 1);
  CHECK(d.stats.paragraphs == 1);
}

TEST_CASE("pages that are barely pages") {
  for (std::string_view in : {"", "<html></html>", "just text", "<p>", "</p></div></body>", "<!doctype html>",
                              "<body><h1></h1><ul><li></li></ul><sup><a href=\"#\">1</a></sup>"}) {
    CAPTURE(in);
    auto d = html(in);
    CHECK(d.source.bytes == in.size());
    for (const auto& l : d.lists) CHECK_FALSE(l.items.empty());
  }
  auto d = html("<p>a text \xFF with a bad byte.</p>");
  CHECK_FALSE(d.diagnostics.empty());
}

TEST_CASE("bound_html blanks what would nest too deep, byte for byte") {
  using essaykit::detail::bound_html;
  using essaykit::detail::kMaxDepth;
  CHECK(bound_html("<div><p>fine</p></div>").blanked.empty());
  // Unclosed <p>, <li>, <dt>, <dd>, <option> and table parts close themselves: no depth.
  std::string open;
  auto times = [&](const char* s) { for (int i = 0; i < 2000; ++i) open += s; };
  times("<p>x");
  open += "<ul>";
  times("<li>y");
  open += "</ul><dl>";
  times("<dt>z<dd>w");
  open += "</dl><table>";
  times("<tr><td>v<td>u");
  open += "</table><select>";
  times("<option>t");
  open += "</select>";
  times("<b>s</b><a href=#>r<a>q</a>");
  CHECK(bound_html(open).blanked.empty());
  std::string deep;
  for (std::size_t i = 0; i < kMaxDepth + 10; ++i) deep += "<div class=\"x\">";
  deep += "text";
  auto b = bound_html(deep);
  REQUIRE(b.blanked.size() == deep.size());
  CHECK(b.deep_tags == 10);
  CHECK(b.blanked.substr(0, kMaxDepth * 15) == deep.substr(0, kMaxDepth * 15));
  CHECK(b.blanked.find_first_not_of(' ', kMaxDepth * 15) == deep.size() - 4);
  // The attributes past the bound go, the tag stays.
  std::string attrs = "<p";
  for (int i = 0; i < 100; ++i) attrs += " a" + std::to_string(i) + "=\"v\"";
  attrs += ">x</p>";
  auto a = bound_html(attrs);
  CHECK(a.extra_attributes == 100 - essaykit::detail::kMaxAttributes);
  CHECK(a.blanked.substr(0, 2) == "<p");
  CHECK(a.blanked.substr(a.blanked.size() - 6) == ">x</p>");
  // Script text is no markup, and comments hide tags.
  std::string hidden = "<script>";
  for (std::size_t i = 0; i < kMaxDepth + 10; ++i) hidden += "<div>";
  hidden += "</script><!--";
  for (std::size_t i = 0; i < kMaxDepth + 10; ++i) hidden += "<div>";
  hidden += "-->";
  CHECK(bound_html(hidden).blanked.empty());
  // Through analyze(), a diagnostic says what was read as absent.
  auto d = html(deep);
  REQUIRE_FALSE(d.diagnostics.empty());
  CHECK(d.diagnostics[0].message.find("nested deeper") != std::string::npos);
}

TEST_CASE("a page's notes past the 9,999th are notes still") {
  // (Their marks were read as words from five digits on: the notes past 9,999 were lost
  // with no word said.)
  std::string page = "<html><body><article>";
  constexpr int kNotes = 10002;
  for (int k = 1; k <= kNotes; ++k)
    page += "<p>Sentence " + std::to_string(k) + ".<sup><a href=\"#fn" + std::to_string(k) + "\">" + std::to_string(k) +
            "</a></sup></p>";
  page += "<ol>";
  for (int k = 1; k <= kNotes; ++k) page += "<li id=\"fn" + std::to_string(k) + "\">Note " + std::to_string(k) + ".</li>";
  page += "</ol></article></body></html>";
  auto d = test::analyze(page, essaykit::Format::html);
  REQUIRE(d.footnotes.size() == static_cast<std::size_t>(kNotes));
  CHECK(d.footnotes.back().label == "10002");
  CHECK(d.footnotes.back().text == "Note 10002.");
  REQUIRE(d.footnotes.back().refs.size() == 1);
}
