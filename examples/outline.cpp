// examples/outline.cpp — print a post's outline, what each section holds, its footnotes
// and its first sentence, with the essaykit API.
//
//   outline post.md
#include <essaykit/essaykit.h>

#include <iostream>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: outline FILE\n";
    return 2;
  }
  const essaykit::FileBytes file = essaykit::read_file(argv[1]);
  if (!file) {
    std::cerr << "outline: " << argv[1] << ": " << file.error << "\n";
    return 1;
  }
  essaykit::Options options;
  options.name = argv[1];
  options.sentences = true;
  const essaykit::Result result = essaykit::analyze(file.bytes, options);
  if (!result) {
    std::cerr << "outline: " << argv[1] << ": " << result.error().message << "\n";
    return 1;
  }
  const essaykit::Document& doc = result.document();
  if (doc.title) std::cout << doc.title->text << "\n";
  for (const essaykit::Section& s : doc.sections) {
    std::cout << std::string(2 * static_cast<std::size_t>(s.level), ' ') << s.title << "  (line " << s.span.line;
    if (std::size_t n = essaykit::lists_in(doc, s.id).size()) std::cout << ", " << n << " list" << (n == 1 ? "" : "s");
    for (const essaykit::Footnote* f : essaykit::footnotes_in(doc, s.id)) std::cout << ", note " << f->label;
    std::cout << ")\n";
  }
  for (const essaykit::Footnote& f : doc.footnotes)
    for (const essaykit::FootnoteRef& ref : f.refs)
      std::cout << "[" << f.label << "] " << essaykit::slice(file.bytes, ref.span) << " at line " << ref.span.line
                << ": " << f.text << "\n";
  if (!doc.sentences.empty()) std::cout << "First sentence: " << essaykit::sentence_text(file.bytes, doc.sentences[0]) << "\n";
  return 0;
}
