#!/usr/bin/env python3
"""Writes the C++ examples the documentation shows as one program, so that the install test
compiles and runs them against the installed headers: the README's (its one ```cpp block)
and the one atop each public header that reads a file (document.h). Each snippet becomes a
function of its own, given the path of a post; `fail` prints its message and returns 1.
  usage: doc_examples.py SOURCE_DIR OUT.cpp"""
import pathlib
import re
import sys

src, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
readme = (src / "README.md").read_text()
blocks = re.findall(r"```cpp\n(.*?)```", readme, re.S)
assert len(blocks) == 1, f"expected one ```cpp block in README.md, found {len(blocks)}"
header = (src / "include/essaykit/document.h").read_text().splitlines()
# The example atop document.h: the run of comment lines indented as code ("//   ").
start = next(i for i, l in enumerate(header) if l.startswith("//   "))
end = next(i for i in range(start, len(header)) if not header[i].startswith("//   "))
snippets = {"readme": blocks[0], "document_h": "\n".join(l[5:] for l in header[start:end]) + "\n"}

def body(code):
    # The snippets name their post "post.md"; the program is given its path.
    code = code.replace('read_file("post.md")', "read_file(path)")
    lines = [l for l in code.splitlines() if not l.startswith("#include")]
    return "\n".join("  " + l for l in lines)

program = ["#include <essaykit/essaykit.h>", "#include <iostream>", "#include <string>", "",
           "static int fail(const std::string& why) { std::cerr << why << \"\\n\"; return 1; }", ""]
for name, code in snippets.items():
    program += [f"static int {name}(const std::string& path) {{", body(code),
                "  return 0;", "}", ""]
program += ["int main(int argc, char** argv) {", "  if (argc != 2) return 2;",
            *[f'  std::cout << "== {n}\\n"; if ({n}(argv[1]) != 0) return 1;' for n in snippets],
            "  return 0;", "}", ""]
out.write_text("\n".join(program))
