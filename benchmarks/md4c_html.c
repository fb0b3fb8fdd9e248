/* md4c_html FILE: Markdown to HTML with md4c (GitHub dialect: tables, strikethrough,
 * bare autolinks, task lists; md4c has no footnotes), as md2html does: the file read
 * whole, md_html() writing to stdout as it renders. The comparison for run.sh. */
#include <md4c-html.h>
#include <stdio.h>
#include <stdlib.h>

static void out(const MD_CHAR* text, MD_SIZE size, void* unused) { (void)unused; fwrite(text, 1, size, stdout); }

int main(int argc, char** argv) {
  FILE* f = argc > 1 ? fopen(argv[1], "rb") : NULL;
  if (!f) { fprintf(stderr, "usage: md4c_html FILE\n"); return 2; }
  size_t size = 0, cap = 1 << 16, n;
  char* buf = malloc(cap);
  while (buf && (n = fread(buf + size, 1, cap - size, f)) > 0)
    if ((size += n) == cap) buf = realloc(buf, cap *= 2);
  fclose(f);
  if (!buf) return 1;
  int rc = md_html(buf, (MD_SIZE)size, out, NULL, MD_DIALECT_GITHUB, 0);
  free(buf);
  return rc == 0 ? 0 : 1;
}
