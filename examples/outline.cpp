// examples/outline.cpp — print a post's outline and footnotes with the essaykit API.
//
//   outline post.md
#include <essaykit/essaykit.h>

#include <fstream>
#include <iostream>
#include <sstream>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: outline FILE\n";
    return 2;
  }
  std::ifstream file(argv[1], std::ios::binary);
  if (!file) {
    std::cerr << "outline: cannot open " << argv[1] << "\n";
    return 1;
  }
  std::stringstream buffer;
  buffer << file.rdbuf();
  const std::string input = buffer.str();

  essaykit::Options options;
  options.name = argv[1];
  essaykit::Result result = essaykit::analyze(input, options);
  if (!result) {
    std::cerr << "outline: " << argv[1] << ": " << result.error().message << "\n";
    return 1;
  }
  const essaykit::Document& doc = result.document();
  if (doc.title) std::cout << doc.title->text << "\n";
  for (const essaykit::Section& s : doc.sections)
    std::cout << std::string(2 * static_cast<std::size_t>(s.level), ' ') << s.title << "  (line " << s.span.line << ")\n";
  for (const essaykit::Footnote& f : doc.footnotes)
    for (const essaykit::FootnoteRef& ref : f.refs)
      std::cout << "[" << f.label << "] " << essaykit::slice(input, ref.span) << " at line " << ref.span.line
                << ": " << f.text << "\n";
  return 0;
}
