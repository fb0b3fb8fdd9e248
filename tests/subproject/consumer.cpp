#include <essaykit/essaykit.h>

#include <cstdio>

int main() {
  essaykit::Result r = essaykit::analyze("# Title\n\nText.\n");
  std::printf("%s %s\n", std::string(essaykit::version()).c_str(), r ? r.document().title->text.c_str() : "error");
  return r ? 0 : 1;
}
