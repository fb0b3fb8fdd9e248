// Headings, lists and code in plain text whose formatting was lost.
//
// Each line is judged by its shape (length, closing punctuation, capitals, how much
// it reads as code) and by its neighbours (blank lines around it, a lead-in ending
// in ':' before it, lines of the same shape beside it). The evidence, as a reader
// weighs it:
// - a heading is a short line without closing punctuation that opens what follows:
//   set apart by blank lines, or — when a copy has none — standing between longer
//   lines; underlines (=== / ---) and numbering (1., 2.3, II.) make it certain;
// - a list is a run of parallel lines after a lead-in (usually ending in ':'), or
//   lines with explicit markers (-, *, •, 1., a), (i)), nested by indentation;
// - code is a line dense in symbols, and the lines around it that are too.
#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>

#include "text_lines.h"

namespace essaykit::detail {

namespace {

// The traits that tell a title from code or from a piece of a sentence (see
// LineShape::identifier and LineShape::sentence_like).
void title_traits(std::string_view t, LineShape& s) {
  // Identifiers: a name with its arguments or type parameters glued on ("Item(T, X)",
  // "Sauce<T>"), or in lower camel case ("meanMagnGrad"); prose spaces its brackets
  // and capitalises words whole.
  bool call = false, camel = false;
  for (std::size_t k = 1; k < t.size(); ++k) {
    const char a = t[k - 1], b = t[k];
    const bool word_char = (a >= 'a' && a <= 'z') || (a >= 'A' && a <= 'Z') || (a >= '0' && a <= '9') || a == '_';
    call |= word_char && (b == '(' || b == '<') && k + 1 < t.size() && t[k + 1] != ')';
    // three lower-case letters opening a word, then an upper-case hump
    if (k >= 3 && b >= 'A' && b <= 'Z' && k + 1 < t.size() && t[k + 1] >= 'a' && t[k + 1] <= 'z') {
      std::size_t w = k;
      while (w > 0 && t[w - 1] >= 'a' && t[w - 1] <= 'z') --w;
      camel |= k - w >= 3 && (w == 0 || t[w - 1] == ' ');
    }
  }
  // (Only in short lines: a paragraph quotes a name now and then.)
  const bool short_line = s.chars <= 80;
  double identifier = 0;
  if (call && short_line) identifier += 0.2;
  if (camel && short_line) identifier += 0.2;
  // TeX math ("root $R$", "$Q(x) + r$"): a formula in a sentence, not a title.
  for (std::size_t open = t.find('$'); open != std::string_view::npos && open + 1 < t.size();
       open = t.find('$', open + 1)) {
    const char c = t[open + 1];
    const std::size_t close = t.find('$', open + 1);
    if (close != std::string_view::npos && (is_ascii_alpha(c) || c == '\\') &&
        t.substr(open + 1, close - open - 1).find("  ") == std::string_view::npos) {
      identifier += 0.35;
      break;
    }
  }
  // A command with options ("cc -o hello.exe hello.c").
  if (s.starts_lower && short_line) {
    const std::size_t dash = t.find(" -");
    if (dash != std::string_view::npos && dash + 2 < t.size() && is_ascii_alpha(t[dash + 2]))
      identifier += 0.35;
  }
  s.identifier = identifier;

  // A title ends on a word that carries meaning; one that ends on an article, a
  // conjunction or "as"/"of"/"than" breaks off mid-sentence.
  static constexpr std::string_view kDangling[] = {"a", "an", "the", "and", "or", "nor", "but", "as", "of", "than", "such"};
  std::size_t w = t.size();
  while (w > 0 && ((t[w - 1] >= 'a' && t[w - 1] <= 'z') || (t[w - 1] >= 'A' && t[w - 1] <= 'Z'))) --w;
  if (w == 0 || t[w - 1] == ' ')
    for (std::string_view d : kDangling) s.sentence_like |= iequals(t.substr(w), d);
  s.sentence_like |= t.find("; ") != std::string_view::npos;
  // A line that trails off into a dash ("Readers --") goes on in the next one; one that
  // presents what follows ("Here are the cases …", "Below is …") leads into a list.
  // An emoticon closes a remark made in passing ("It's a game after all :D").
  for (std::string_view e : {"-", "\xE2\x80\x94", "\xE2\x80\x93", " :)", " :(", " :D", " :P", " ;)", " <3", " :-)"})
    s.sentence_like |= ends_with(t, e);
  for (std::string_view o : {"Here are ", "Here is ", "Here's ", "Here\xE2\x80\x99s ", "Below are ", "Below is "})
    s.sentence_like |= starts_with(t, o);
  // "… to ask for more.14": a sentence with its footnote number after the stop.
  std::size_t d = t.size();
  while (d > 0 && is_ascii_digit(t[d - 1])) --d;
  if (d < t.size() && d >= 2 && t[d - 1] == '.' && is_ascii_alpha(t[d - 2])) s.sentence_like = true;
}

}  // namespace

LineShape shape_of(std::string_view t) {
  LineShape s;
  t = trim(t);
  if (t.empty()) return s;
  std::size_t symbols = 0, letters = 0, long_words = 0, capital_words = 0, upper = 0, lower = 0;
  bool in_word = false, first_letter_seen = false;
  std::size_t word_len = 0;
  bool word_cap = false;
  auto end_word = [&] {
    if (word_len >= 4) {
      ++long_words;
      if (word_cap) ++capital_words;
    }
    word_len = 0;
  };
  for (std::size_t i = 0; i < t.size();) {
    std::uint32_t cp = next_code_point(t, i);
    ++s.chars;
    if (cp == ' ' || cp == '\t' || cp == 0xA0) {
      if (in_word) { ++s.words; end_word(); }
      in_word = false;
      continue;
    }
    if (!in_word) word_cap = (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE);
    in_word = true;
    ++word_len;
    upper += cp >= 'A' && cp <= 'Z';
    lower += cp >= 'a' && cp <= 'z';
    const bool letter = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp >= 0xC0;
    if (letter) ++letters;
    if (!first_letter_seen && (letter || (cp >= '0' && cp <= '9'))) {
      first_letter_seen = true;
      s.starts_upper = (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || (cp >= 0xC0 && cp <= 0xDE);
      s.starts_lower = cp >= 'a' && cp <= 'z';
    }
    if (cp < 0x80 && std::string_view("{}[]<>=;/\\`|_@*&^~%+").find(static_cast<char>(cp)) != std::string_view::npos)
      ++symbols;
  }
  if (in_word) { ++s.words; end_word(); }
  s.last = static_cast<unsigned char>(t.back()) < 0x80 ? t.back() : '\0';
  s.title_case = long_words ? static_cast<double>(capital_words) / static_cast<double>(long_words) : 0.0;
  s.all_caps = upper >= 3 && lower == 0;

  // One symbol in a short line ("TL;DR") says little.
  double density = symbols < 2 ? 0.0 : static_cast<double>(symbols) / static_cast<double>(std::max<std::size_t>(s.chars, 1));
  double code = density * 3.0;
  static constexpr std::string_view kCodeOpeners[] = {"//", "# ", "$ ", "fn ", "let ", "def ", "impl ", "struct ",
                                                        "}", "{", "#include", "import ", "return ", "pub ", "const ",
                                                        "use ", "trait ", "class ", "if (", "for (", "var ", "<", "</"};
  for (std::string_view o : kCodeOpeners)
    if (starts_with(t, o)) { code += 0.35; break; }
  static constexpr std::string_view kCodeBits[] = {"->", "=>", "::", "==", "!=", "&&", "||", "();", "){", ") {", " = ", ":-", "()", "#[", ":="};
  for (std::string_view b : kCodeBits)
    if (t.find(b) != std::string_view::npos) code += 0.2;
  const char last = t.back();
  if (last == '{' || last == ';' || last == '}' || last == '(' || last == ',') code += last == ',' ? 0.0 : 0.25;
  if (letters * 2 < s.chars) code += 0.3;  // mostly digits and symbols
  if (t.find("   ") != std::string_view::npos || t.find('\t') != std::string_view::npos) code += 0.4;  // columns
  if (std::count(t.begin(), t.end(), '\t') >= 2) code += 0.3;  // a table row
  // A long line of words that ends like a sentence is prose with a little code in it.
  if (s.chars > 100 && s.words >= 12 && (last == '.' || last == ';' || last == ',' || last == ')')) code -= 0.4;

  s.code = std::clamp(code, 0.0, 1.0);

  // What only a heading candidate needs: the longer lines are paragraphs anyway.
  if (s.chars <= 100) title_traits(t, s);
  return s;
}

namespace {

bool only_chars(std::string_view t, char c) {
  t = trim(t);
  if (t.size() < 3) return false;
  for (char x : t)
    if (x != c && x != ' ') return false;
  return true;
}

bool looks_like_file_or_url(std::string_view t) {
  if (t.find("://") != std::string_view::npos || t.substr(0, 4) == "www.") return true;
  // "diagram.png", "main.rs": a final dotted extension on a single token
  std::size_t dot = t.rfind('.');
  if (dot != std::string_view::npos && dot + 1 < t.size() && t.size() - dot <= 5 && t.find(' ') == std::string_view::npos)
    return true;
  return false;
}

// A post's metadata line: separated fields ("Ana Ruiz · May 3 · 5 min read") or a
// field a post's header names ("By …", "Posted …", "Translations: …").
bool is_byline(std::string_view t) {
  for (std::string_view sep : {" \xE2\x80\xA2 ", " \xC2\xB7 ", " | "})
    if (t.find(sep) != std::string_view::npos) return true;
  for (std::string_view o : {"By ", "Posted ", "Published ", "Updated ", "Written by ", "Translations:", "Translated ",
                             "Illustration by ", "Illustrations by "})
    if (starts_with(t, o)) return true;
  return false;
}

// The names essays and posts give their standard sections ("Conclusion", "Further
// reading"): a line that is only one of them is that section's heading.
bool is_section_name(std::string_view t) {
  static constexpr std::string_view kNames[] = {
      "introduction", "conclusion", "conclusions", "summary", "background", "motivation", "overview",
      "acknowledgements", "acknowledgments", "references", "notes", "footnotes", "endnotes", "appendix",
      "discussion", "results", "methods", "methodology", "related work", "future work", "further reading",
      "epilogue", "prologue", "preface", "abstract", "takeaways", "closing thoughts", "final thoughts",
      "wrapping up", "limitations", "next steps", "credits"};
  return std::any_of(std::begin(kNames), std::end(kNames), [&](std::string_view name) { return iequals(t, name); });
}

// "Bay walks (#bay-walks)": a heading copied with its anchor link.
bool ends_with_anchor(std::string_view t) {
  const std::size_t open = t.rfind(" (#");
  if (open == std::string_view::npos || !ends_with(t, ")") || open + 4 >= t.size()) return false;
  return std::all_of(t.begin() + open + 3, t.end() - 1,
                     [](char c) { return (c >= 'a' && c <= 'z') || is_ascii_digit(c) || c == '-' || c == '_'; });
}

// How many words start with a lower-case letter.
std::size_t lower_case_words(std::string_view t) {
  std::size_t n = 0;
  for (std::size_t k = 0; k < t.size(); ++k)
    n += (k == 0 || t[k - 1] == ' ') && t[k] >= 'a' && t[k] <= 'z';
  return n;
}

struct Structure {
  TextDoc& doc;
  BlockModel& model;
  const std::vector<LineShape>& shape;
  int groups_ = 0;
  int marked_lists_ = 0;
  std::size_t underlined_ = 0;  // headings the document underlines: then it underlines them all
  bool hard_wrapped = false;  // lines broken at a width, as plain-text exports do

  std::string_view text(std::size_t i) const { return doc.text(i); }
  bool free(std::size_t i) const { return doc.lines[i].role == LineRole::paragraph; }
  bool blank_at(std::size_t i) const { return i >= doc.lines.size() || doc.lines[i].blank; }
  bool blank_before(std::size_t i) const { return i == 0 || doc.lines[i - 1].blank; }
  bool blank_after(std::size_t i) const { return i + 1 >= doc.lines.size() || doc.lines[i + 1].blank; }

  // Are lines [b, e) one paragraph wrapped at a width: lines that stop mid-sentence
  // and go on in lower case?
  bool wrapped(std::size_t b, std::size_t e) const {
    if (!hard_wrapped) return false;  // a copy whose paragraphs are single long lines wraps nothing
    std::size_t pairs = 0, wraps = 0, width = 0;
    for (std::size_t k = b; k < e; ++k) width = std::max(width, shape[k].chars);
    if (width < 40) return false;  // short lines are items, not a paragraph at a width
    for (std::size_t k = b; k + 1 < e; ++k) {
      ++pairs;
      const char last = shape[k].last;
      const bool ends = last == '.' || last == '!' || last == '?' || last == ':' || last == ';';
      const bool at_width = shape[k].chars * 10 >= width * 7;
      if (!ends && at_width && (shape[k + 1].starts_lower || shape[k].chars + 12 >= width)) ++wraps;
    }
    return pairs > 0 && wraps * 2 >= pairs;
  }
  // The end of a tight list starting at line k: the run of free lines, up to a line
  // that is a lead-in of its own (it ends in ':' and more follows).
  std::size_t tight_run_end(std::size_t k) const {
    std::size_t m = k;
    while (m < doc.lines.size() && !doc.lines[m].blank && free(m)) {
      if (m > k && shape[m].last == ':' && !blank_after(m)) break;
      ++m;
    }
    return m;
  }
  bool heading_shaped(std::size_t i) const {
    const LineShape& s = shape[i];
    return s.chars > 0 && s.chars <= 80 && s.words <= 12 && s.code + s.identifier < 0.35 && !s.sentence_like && s.last != '.' && s.last != ',' &&
           s.last != ';' && s.last != ':' && s.starts_upper && !looks_like_file_or_url(text(i));
  }
  // Line m opens with a short phrase that ends at `stop` (npos: none there): at most
  // `max_spaces` spaces in its first `max_chars` bytes, capitalised.
  bool short_term(std::size_t m, std::size_t stop, std::size_t max_chars, long max_spaces) const {
    std::string_view t = text(m);
    return stop != std::string_view::npos && stop < max_chars && shape[m].starts_upper &&
           std::count(t.begin(), t.begin() + static_cast<long>(stop), ' ') <= max_spaces;
  }
  // "Term. …", "Term: …", "Term -- …", "Term — …": a short phrase, then its explanation.
  bool opener(std::size_t m) const {
    std::string_view t = text(m);
    std::size_t stop = t.find_first_of(".:");
    if (stop == std::string_view::npos || stop + 1 >= t.size() || t[stop + 1] != ' ') stop = std::string_view::npos;
    for (std::string_view dash : {" -- ", " \u2014 ", " \u2013 "}) {
      const std::size_t d = t.find(dash);
      if (d != std::string_view::npos && d < stop) stop = d;
    }
    return short_term(m, stop, 60, 6);
  }
  // "Term: value", the term a few words at most ("Mentor: Kim Yu", "Step 2: Test it").
  bool labelled(std::size_t m) const { return short_term(m, text(m).find(": "), 40, 3); }
  std::string_view first_word(std::size_t m) const {
    std::string_view t = text(m);
    return t.substr(0, t.find(' '));
  }
  // Discourse that returns to prose after a list: "So …", "But …", "This …".
  bool returns_to_prose(std::size_t m) const {
    static constexpr std::string_view kOpeners[] = {"So ", "But ", "And ", "This ", "These ", "That ", "However",
                                                   "Now ", "Of course", "In short", "Overall", "Finally,", "Still,",
                                                   "Anyway", "All of "};
    std::string_view t = text(m);
    for (std::string_view o : kOpeners)
      if (starts_with(t, o)) return true;
    return false;
  }
  // Two lines run parallel when they open alike or have one shape.
  bool parallel(std::size_t a, std::size_t b) const {
    // A line in capitals only ("THE MOUTH") after ordinary lines, in a document that
    // sets its headings in capitals, is no item of their list.
    if (shape[a].chars < 100 && shape[b].chars < 100 && shape[a].all_caps != shape[b].all_caps) return false;
    if (opener(a) && opener(b)) return true;
    if (first_word(a).size() >= 2 && first_word(a) == first_word(b)) return true;
    if (shape[a].starts_lower && shape[b].starts_lower) return true;
    const std::size_t la = shape[a].chars, lb = shape[b].chars;
    const bool short_pair = la < 100 && lb < 100 && shape[a].last != '.' && shape[b].last != '.';
    const bool alike = la * 5 >= lb * 2 && lb * 5 >= la * 2 && shape[a].last == shape[b].last;
    return short_pair || (alike && la < 400 && lb < 400);
  }
  void underlines_and_rules();
  void code();
  double heading_score(std::size_t i) const;
  void headings();
  void headings_by_evidence();
  void lists();
  void emit();
};

void Structure::underlines_and_rules() {
  for (std::size_t i = 0; i < doc.lines.size(); ++i) {
    if (doc.lines[i].blank) continue;
    std::string_view t = text(i);
    const bool eq = only_chars(t, '='), dash = only_chars(t, '-') || only_chars(t, '*') || only_chars(t, '_');
    if (!eq && !dash) continue;
    // An underline is about as long as the line it underlines (a rule under a
    // paragraph or a table is not); the line above must be able to be a heading.
    const std::size_t above = i > 0 ? shape[i - 1].chars : 0;
    const std::size_t len = trim(t).size();
    const bool fits = above > 0 && len * 10 >= above * 7 && len * 10 <= above * 13 + 30 && shape[i - 1].chars <= 120 &&
                      shape[i - 1].code < 0.5;
    if (i > 0 && !doc.lines[i - 1].blank && (eq || only_chars(t, '-')) && fits &&
        (doc.lines[i - 1].role == LineRole::paragraph || doc.lines[i - 1].role == LineRole::title)) {
      if (doc.lines[i - 1].role == LineRole::paragraph) {
        doc.lines[i - 1].role = LineRole::heading;
        doc.lines[i - 1].level = eq ? 1 : 2;
      }
      doc.lines[i].role = LineRole::underline;
    } else {
      doc.lines[i].role = LineRole::rule;
    }
  }
}

void Structure::code() {
  const std::size_t n = doc.lines.size();
  // A browser copy drops the indentation of lists but keeps that of preformatted
  // text: in a copy with blank lines, a run holding an indented unmarked line is code.
  if (doc.blank_separated) {
    for (std::size_t i = 0; i < n;) {
      if (doc.lines[i].blank) { ++i; continue; }
      std::size_t e = i;
      bool indented = false;
      while (e < n && !doc.lines[e].blank) {
        indented |= doc.lines[e].indent >= 2 && doc.lines[e].marker.kind == MarkerKind::none && free(e);
        ++e;
      }
      // The code ends at its last indented or code-like line; a title-like line the copy
      // glued after it ("}" then "System Calls") is not code.
      std::size_t last = e;
      while (last > i && doc.lines[last - 1].indent < 2 && shape[last - 1].code < 0.2) --last;
      // Nor is a title in words glued before it ("UUIDs, V4, ups and downs" over
      // "CREATE TABLE …"): unindented, not code-like, and with lower-case words as
      // prose has and code keywords do not.
      std::size_t first = i;
      if (e - i >= 3 && doc.lines[i].indent < 2 && shape[i].code < 0.2 && heading_shaped(i) &&
          lower_case_words(text(i)) >= 2)
        ++first;
      if (indented && e - i >= 2)
        for (std::size_t k = first; k < last; ++k)
          if (free(k)) doc.lines[k].role = LineRole::code;
      i = e;
    }
  }
  std::vector<bool> strong(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    if (!free(i) || doc.lines[i].blank) continue;
    const ListMarker& m = doc.lines[i].marker;
    // "- ?0 := Lemon" in a code block: the text after a marker can still be code.
    strong[i] = m.kind == MarkerKind::none ? shape[i].code >= 0.5
                                           : shape_of(text(i).substr(m.length)).code >= 0.6;
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (strong[i]) { doc.lines[i].role = LineRole::code; continue; }
    if (!free(i) || doc.lines[i].blank || doc.lines[i].marker.kind != MarkerKind::none) continue;
    // A weaker line between code lines, or indented like them, is code too.
    bool before = i > 0 && strong[i - 1], after = i + 1 < n && strong[i + 1];
    if ((before || after) && (shape[i].code >= 0.2 || doc.lines[i].indent >= 2 || (before && after)))
      doc.lines[i].role = LineRole::code;
  }
}

double Structure::heading_score(std::size_t i) const {
  const LineShape& s = shape[i];
  std::string_view t = text(i);
  if (s.chars == 0 || s.chars > 100 || s.words > 16 || s.code + s.identifier >= 0.35) return -10;
  if (looks_like_file_or_url(t)) return -10;
  // With no blank lines, indentation is what is left of code or a quotation.
  if (!doc.blank_separated && doc.lines[i].indent > 0) return -10;
  // A parenthetical or a quotation is a remark, not a title.
  if (t.front() == '(' || t.front() == '[' || t.front() == '"' || starts_with(t, "\xE2\x80\x9C")) return -10;
  const std::size_t p = doc.prev_nonblank(i), n = doc.next_nonblank(i);
  // Under the title, a line of the post's metadata: a byline, a date line, the
  // translations ("By Ana Ruiz · 5 min read", "Translations: Russian").
  if (p != TextDoc::npos && (doc.lines[p].role == LineRole::title || doc.lines[p].role == LineRole::subtitle) &&
      is_byline(t))
    return -10;
  const HeadingNumber number = parse_heading_number(t);
  // "1. Don't skimp on the planning." — a numbered heading may end like a sentence.
  const bool numbered_sentence = number.depth > 0 && s.last == '.' && s.chars <= 80;
  if ((s.last == '.' && !numbered_sentence) || s.last == ',' || s.last == ';' || s.last == ':' || s.sentence_like) return -10;
  double score = 0;
  if (!s.starts_upper) {
    // "background knowledge", "t-SNE", "/answer": lower-case headings exist, but rarely.
    if (s.chars > 40) return -10;
    score -= 1.2;
  }
  if (numbered_sentence) score -= 0.5;
  if (s.last == '!') score -= 1.0;
  if (s.last == ')' || s.last == '"') score -= 0.5;
  // After a lead-in ("…because:") a short line is its first item — unless what follows
  // is a paragraph, which a list item would not open.
  if (p != TextDoc::npos && shape[p].last == ':')
    score -= n != TextDoc::npos && shape[n].chars >= 100 && doc.lines[n].marker.kind == MarkerKind::none ? 1.0 : 2.5;
  if (doc.blank_separated) {
    // Inside a run of lines: after a line of the same short, unpunctuated shape it is
    // that line's sibling in a list; after a sentence or a caption it may open a section.
    // (Code just above is no sibling: a heading often follows a code block at once.)
    if (!blank_before(i) && p != TextDoc::npos && shape[p].chars < 100 && shape[p].last != '.' && shape[p].last != ')' &&
        shape[p].last != '?' && doc.lines[p].role != LineRole::heading && doc.lines[p].role != LineRole::code &&
        shape[p].code < 0.35)
      score -= 2.0;
    if (blank_before(i) && blank_after(i)) score += 2.0;
    else if (blank_after(i)) score += 1.0;   // a caption or list just before it
    else if (blank_before(i)) {
      // Followed at once by text, a subheading or a list: a short title-like line over
      // longer or punctuated lines opens them.
      score += 0.3;
      if (n != TextDoc::npos && n == i + 1 && s.chars <= 60 && s.words <= 8 &&
          (shape[n].chars > s.chars + 20 || shape[n].last == '.' || shape[n].last == ':'))
        score += 1.0;
    }
    else score -= 1.0;
  } else {
    // No blank lines: a heading stands between longer lines.
    if (n != TextDoc::npos && shape[n].chars > s.chars + 40) score += 1.5;
    // Under a short line that opens the same way ("Student: …" over "Mentor: …") it is
    // that line's sibling in a list.
    if (p != TextDoc::npos && p + 1 == i && shape[p].chars < 100 && labelled(p) && labelled(i)) score -= 2.0;
    if (p == TextDoc::npos || shape[p].last == '.' || shape[p].last == '?' || shape[p].last == '!' || shape[p].last == '"')
      score += 0.5;
  }
  if (n == TextDoc::npos) score -= 1.5;  // nothing follows a heading at the very end
  else if (doc.lines[n].role == LineRole::note_body) score -= 0.5;
  if (n != TextDoc::npos && shape[n].chars >= 80) score += 0.8;
  if (n != TextDoc::npos && (doc.lines[n].role == LineRole::code || shape[n].code >= 0.5)) score -= 0.3;
  if (s.title_case >= 0.6 && s.words >= 2) score += 0.7;
  if (s.all_caps) score += 0.7;
  if (s.words <= 8) score += 0.5;
  if (s.chars > 70) score -= 0.7;
  if (doc.lines[i].marker.kind != MarkerKind::none) score -= 0.5;
  if (number.depth > 0) score += number.named ? 1.0 : 0.5;
  if (is_section_name(t)) score += 1.5;
  if (ends_with_anchor(t)) score += 2.5;
  return score;
}

void Structure::headings() {
  headings_by_evidence();
  // The same line three times over is a label ("Final report"), not three sections.
  std::unordered_map<std::string_view, std::size_t> seen;
  for (std::size_t i = 0; i < doc.lines.size(); ++i)
    if (doc.lines[i].role == LineRole::heading && doc.lines[i].level == 0) ++seen[text(i)];
  for (std::size_t i = 0; i < doc.lines.size(); ++i)
    if (doc.lines[i].role == LineRole::heading && doc.lines[i].level == 0 && seen[text(i)] >= 3)
      doc.lines[i].role = LineRole::paragraph;
}

void Structure::headings_by_evidence() {
  const std::size_t n = doc.lines.size();
  // A document that underlines its headings underlines all of them: then a bare line
  // is a heading only on overwhelming evidence.
  std::size_t underlined = 0;
  // (The title's own underline says nothing about the section headings.)
  for (std::size_t i = 1; i < n; ++i)
    underlined += doc.lines[i].role == LineRole::underline && doc.lines[i - 1].role != LineRole::title;
  underlined_ = underlined;
  const double threshold = underlined >= 2 ? 4.5 : 2.0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!free(i) || doc.lines[i].blank) continue;
    const double score = heading_score(i);
    if (score >= threshold) doc.lines[i].role = LineRole::heading;
  }
  if (underlined >= 2) return;
  // A section and its first subsection: two short title-like lines standing alone
  // (no lead-in before them) over a paragraph.
  auto lower_heading_shaped = [&](std::size_t i) {  // "ci.py is now a proper crate"
    return heading_shaped(i) || (shape[i].starts_lower && shape[i].chars <= 80 && shape[i].code < 0.35 &&
                                 shape[i].last != '.' && shape[i].last != ':' && shape[i].last != ',' &&
                                 !looks_like_file_or_url(text(i)));
  };
  if (!doc.blank_separated) {
    // With no blank lines, the pair stands between sentences: after a line that ends
    // one, over a paragraph ("Highlights", "ci.py is now a proper crate", then text).
    for (std::size_t i = 1; i + 2 < n; ++i) {
      if (!free(i) || !free(i + 1) || !heading_shaped(i) || shape[i].chars > 40 || shape[i].words > 5 ||
          shape[i].last == '!')  // "Well, Wikipedia to the rescue!" is an aside
        continue;
      const char before = shape[i - 1].last;
      if (!(before == '.' || before == '!' || before == '?' || shape[i - 1].chars >= 100) || doc.lines[i - 1].blank) continue;
      if (!lower_heading_shaped(i + 1) || shape[i + 2].chars < 100 || !free(i + 2)) continue;
      doc.lines[i].role = doc.lines[i + 1].role = LineRole::heading;
    }
    return;
  }
  // Inside a run of list items, a much shorter title-like line between long ones is a
  // heading the copy glued to the lists around it ("Improvements", "Cargo features").
  for (std::size_t i = 0; i < n; ++i) {
    if (doc.lines[i].blank || !free(i) || (blank_before(i) && blank_after(i))) continue;
    if (!heading_shaped(i) || shape[i].chars > 40) continue;
    const bool prev_in = !blank_before(i), next_in = !blank_after(i);
    auto much_longer = [&](std::size_t k) { return shape[k].chars >= 30 && shape[k].chars >= 2 * shape[i].chars; };
    if ((prev_in && !much_longer(i - 1)) || (next_in && !much_longer(i + 1))) continue;
    if (prev_in && shape[i - 1].last == ':') continue;
    doc.lines[i].role = LineRole::heading;
  }
  // The last line of a run of short lines, over a paragraph, is the next section's
  // heading glued to a list when it stands out from the lines above it: it asks a
  // question none of them asks, or it repeats one of them (the first entry of a table
  // of contents, then that section's own heading).
  for (std::size_t i = 2; i + 1 < n; ++i) {
    if (!free(i) || doc.lines[i].blank || blank_before(i) || !blank_after(i) || !heading_shaped(i)) continue;
    const std::size_t next = doc.next_nonblank(i);
    if (blank_at(i - 2) || next == TextDoc::npos || shape[next].chars < 80 || !free(next)) continue;
    std::size_t b = i;
    while (b > 0 && !doc.lines[b - 1].blank && i - b < 200) --b;
    bool asks = false, repeats = false, prose = false;
    for (std::size_t k = b; k < i; ++k) {
      asks |= shape[k].last == '?';
      repeats |= text(k) == text(i);
      prose |= shape[k].chars >= 100 || !(free(k) || doc.lines[k].role == LineRole::heading);
    }
    if (!prose && (repeats || (shape[i].last == '?' && !asks))) doc.lines[i].role = LineRole::heading;
  }
  for (std::size_t i = 0; i + 1 < n; ++i) {
    if (doc.lines[i].blank || !blank_before(i) || blank_after(i)) continue;
    if (!(free(i) || doc.lines[i].role == LineRole::heading) || !heading_shaped(i)) continue;
    std::size_t p = doc.prev_nonblank(i);
    if (p != TextDoc::npos && shape[p].last == ':') continue;  // a lead-in's list
    // A heading over a list: the first line of a run of three or more, with no lead-in.
    std::size_t run_end = i;
    while (run_end < n && !doc.lines[run_end].blank && (free(run_end) || run_end == i)) ++run_end;
    if (run_end - i >= 3) {
      doc.lines[i].role = LineRole::heading;
      // A subsection's title stacked under it, short and unlike the items below it
      // ("PR listing", "Improvements", then the entries).
      const std::size_t k = i + 1;
      if (run_end - k >= 3 && heading_shaped(k) && shape[k].words <= 3 && shape[k].chars * 3 <= shape[k + 1].chars &&
          shape[k].chars * 3 <= shape[k + 2].chars)
        doc.lines[k].role = LineRole::heading;
      continue;
    }
    if (!blank_after(i + 1) || !free(i + 1) || !lower_heading_shaped(i + 1)) continue;
    std::size_t next = doc.next_nonblank(i + 1);
    if (next == TextDoc::npos || !(free(next) || doc.lines[next].role == LineRole::heading)) continue;
    if (shape[next].chars < 80 && !(shape[i].chars <= 40 && shape[next].chars >= 20 && shape[i].title_case >= 0.6)) continue;
    doc.lines[i].role = LineRole::heading;
    doc.lines[i + 1].role = LineRole::heading;
  }
}

// Is line j an item in the list that line i began (same marker family, or the same
// unmarked shape)?
bool same_marker_family(const ListMarker& a, const ListMarker& b) {
  auto family = [](MarkerKind k) {
    switch (k) {
      case MarkerKind::number_period: case MarkerKind::number_paren: case MarkerKind::paren_number: return 1;
      case MarkerKind::letter_period: case MarkerKind::letter_paren: return 2;
      case MarkerKind::roman_period: return 3;
      case MarkerKind::bullet: return 4;
      default: return 0;
    }
  };
  return family(a.kind) == family(b.kind);
}

void Structure::lists() {
  const std::size_t n = doc.lines.size();
  // Does the document mark its lists? Two or more runs of bulleted lines say so.
  for (std::size_t i = 0; i + 1 < n; ++i)
    if (free(i) && doc.lines[i].marker.kind == MarkerKind::bullet && doc.lines[i + 1].marker.kind == MarkerKind::bullet &&
        (i == 0 || doc.lines[i - 1].marker.kind != MarkerKind::bullet))
      ++marked_lists_;
  constexpr std::size_t kMaxItems = 2000;  // bounds the look-ahead after a lead-in
  std::size_t i = 0;
  while (i < n) {
    if (doc.lines[i].blank || (!free(i) && doc.lines[i].role != LineRole::heading)) { ++i; continue; }
    std::vector<std::size_t> items;
    // Explicit markers: a run of marked lines (blank lines between them allowed),
    // nested by indentation.
    if (doc.lines[i].marker.kind != MarkerKind::none && free(i)) {
      std::size_t j = i;
      while (j < n) {
        if (doc.lines[j].blank) {
          std::size_t k = doc.next_nonblank(j);
          if (k == TextDoc::npos || doc.lines[k].marker.kind == MarkerKind::none || !free(k)) break;
          j = k;
          continue;
        }
        if (!free(j)) break;
        if (doc.lines[j].marker.kind == MarkerKind::none) {
          // An unmarked line indented under an item continues it.
          if (doc.lines[j].indent > doc.lines[items.back()].indent) { doc.lines[j].role = LineRole::item; doc.lines[j].list = -2; ++j; continue; }
          break;
        }
        // Another kind of marker at the list's own indentation starts another list.
        if (!items.empty() && doc.lines[j].indent == doc.lines[i].indent &&
            !same_marker_family(doc.lines[j].marker, doc.lines[i].marker))
          break;
        items.push_back(j);
        ++j;
      }
      // A lone numbered line is a numbered paragraph or heading, not a list.
      if (items.size() >= 2 || (items.size() == 1 && doc.lines[i].marker.kind == MarkerKind::bullet)) {
        std::vector<int> indents;
        ++groups_;

        for (std::size_t k : items) {
          doc.lines[k].group = groups_;
          int ind = doc.lines[k].indent;
          while (!indents.empty() && indents.back() > ind) indents.pop_back();
          if (indents.empty() || indents.back() < ind) indents.push_back(ind);
          doc.lines[k].depth = static_cast<int>(indents.size()) - 1;
          doc.lines[k].role = LineRole::item;
        }
      }
      i = std::max(j, i + 1);
      continue;
    }
    // Unmarked: a lead-in, then parallel lines — unless the document marks its lists,
    // in which case an unmarked line is not an item.
    if (!free(i) || marked_lists_ >= 2) { ++i; continue; }
    const bool lead_in = shape[i].last == ':' && shape[i].code < 0.35;
    // A lead-in over marked lines: the markers make that list, nesting and all.
    if (lead_in) {
      const std::size_t k = doc.next_nonblank(i);
      if (k != TextDoc::npos && doc.lines[k].marker.kind != MarkerKind::none && free(k)) { ++i; continue; }
    }
    std::size_t j = i + 1;
    if (doc.blank_separated) {
      if (lead_in) {
        // Tight list: the next run of lines. Loose list: single-line paragraphs of one shape.
        std::size_t k = doc.next_nonblank(i);
        if (k != TextDoc::npos && free(k) && !blank_after(k) && free(k + 1)) {
          std::size_t run_end = tight_run_end(k);
          if (run_end - k >= 2 && !wrapped(k, run_end))
            for (std::size_t m = k; m < run_end; ++m) items.push_back(m);
        } else if (k != TextDoc::npos && free(k)) {
          // Loose: paragraphs that open alike ("Term. …", "Term: …", the same first
          // word) or are all short.
          for (std::size_t m = k; m != TextDoc::npos && free(m) && blank_before(m) && blank_after(m); m = doc.next_nonblank(m)) {
            if (looks_like_file_or_url(text(m)) || shape[m].last == ':') break;
            if (!items.empty() && (!parallel(items.back(), m) || returns_to_prose(m))) break;
            items.push_back(m);
          }
          if (items.size() < 2) items.clear();
        }
      } else if (!blank_after(i) && free(i + 1) && (blank_before(i) || doc.lines[i - 1].role != LineRole::paragraph)) {
        // A run of two or more free lines with no lead-in: parallel lines are a list,
        // unless it is one paragraph wrapped over several lines.
        std::size_t m = tight_run_end(i);
        if (m - i >= 2 && !wrapped(i, m))
          for (std::size_t q = i; q < m; ++q) items.push_back(q);
        j = m;  // a run is judged once, whatever the verdict
      }
    } else if (!lead_in) {
      // No blank lines: paragraphs are long lines, so two or more short lines in a row
      // (not code, not a lead-in) are a list.
      const bool starts_run = i == 0 || !free(i - 1) || shape[i - 1].chars >= 100 || doc.lines[i - 1].blank;
      if (starts_run && shape[i].chars < 100) {
        std::size_t m = i;
        while (m < n && m - i < kMaxItems && free(m) && !doc.lines[m].blank && shape[m].chars < 100 &&
               shape[m].last != ':')
          ++m;
        // Without a lead-in, the first short line over the others is their heading.
        std::size_t first = i;
        const bool lead = i > 0 && !doc.lines[i - 1].blank && shape[i - 1].last == ':';
        // (Over "Term: value" lines, a line that is not one is their heading too.)
        const bool over_terms = m - i >= 3 && !labelled(i) && labelled(i + 1) && labelled(i + 2);
        if (!lead && underlined_ < 2 && m - i >= 2 && heading_shaped(i) && (!parallel(i, i + 1) || over_terms)) {
          doc.lines[i].role = LineRole::heading;
          first = i + 1;
        }
        // Short paragraphs come in runs too ("Or, should I say, this decade?"): with no
        // lead-in, some of the lines must also run parallel to each other.
        bool any_parallel = false;
        for (std::size_t q = first + 1; q < m && !any_parallel; ++q) any_parallel = parallel(q - 1, q);
        // An image's file name ("oldweb.png") stands where the picture was: no item.
        std::size_t files = 0;
        for (std::size_t q = first; q < m; ++q) files += looks_like_file_or_url(text(q)) && shape[q].words == 1;
        // Two short lines closing the document are a sign-off ("End", "Have a nice day").
        const bool closing = m - first == 2 && doc.next_nonblank(m - 1) == TextDoc::npos;
        if (m - first >= 2 + files && any_parallel && !closing)
          for (std::size_t q = first; q < m; ++q) items.push_back(q);
        j = std::max(m, i + 1);
      }
    } else {
      // No blank lines: the lines after a lead-in that run parallel to the first one —
      // same case at the start, no longer than a paragraph would be beside them.
      const std::size_t f = i + 1;
      // A lead-in to a quotation: the passage quoted marks its cuts ("[…]", "[...]").
      const bool quotation = f < n && (text(f).find("[\xE2\x80\xA6]") != std::string_view::npos ||
                                       text(f).find("[...]") != std::string_view::npos);
      if (f < n && free(f) && !quotation) {
        for (std::size_t m = f; m < n && m - f < kMaxItems && free(m) && !doc.lines[m].blank; ++m) {
          if (m > f) {
            if (shape[m].last == ':' && shape[m].chars > 40) break;  // the next lead-in
            if (!parallel(m - 1, m) || returns_to_prose(m)) break;
          }
          items.push_back(m);
        }
        if (items.size() < 2) items.clear();
      }
    }
    if (!items.empty()) ++groups_;
    for (std::size_t m : items) {
      doc.lines[m].role = LineRole::item;
      doc.lines[m].depth = 0;
      doc.lines[m].group = groups_;
    }
    if (!items.empty()) j = items.back() + 1;
    i = std::max(j, i + 1);
  }
}

void Structure::emit() {
  const std::size_t n = doc.lines.size();
  // Headings: numbered ones take their depth; a heading followed at once by another
  // opens it (the second is one level deeper); others stay flat.
  int prev_level = 0;
  std::size_t prev_heading = TextDoc::npos;
  for (std::size_t i = 0; i < n; ++i) {
    TextLine& l = doc.lines[i];
    if (l.role != LineRole::heading) continue;
    int level = l.level;
    if (level == 0) {
      HeadingNumber hn = parse_heading_number(text(i));
      if (hn.depth > 1) level = hn.depth;
      else if (prev_heading != TextDoc::npos && doc.next_nonblank(prev_heading) == i && prev_level > 0) level = prev_level + 1;
      else level = 1;
    }
    l.level = level;
    prev_level = level;
    prev_heading = i;
    std::string_view t = text(i);
    model.headings.push_back({doc.span(i, i), level, clean_text(collapse_whitespace(t))});
    model.prose.push_back({doc.span(i, i), ProseRole::heading, count_words(t)});
  }
  // Lists: consecutive item lines (blank lines between allowed) form one list;
  // deeper items form nested lists under the item before them.
  for (std::size_t i = 0; i < n;) {
    if (doc.lines[i].role != LineRole::item) { ++i; continue; }
    std::vector<std::size_t> stack;  // list indices by depth
    auto open_list = [&](int depth, std::size_t line) {
      ListBlock b;
      b.ordered = doc.lines[line].marker.kind != MarkerKind::none && doc.lines[line].marker.kind != MarkerKind::bullet;
      if (depth > 0 && !stack.empty()) {
        std::size_t parent = stack.back();
        if (!model.lists[parent].items.empty()) b.parent_item = ItemRef{parent, model.lists[parent].items.size() - 1};
      }
      stack.push_back(model.lists.size());
      model.lists.push_back(std::move(b));
    };
    std::size_t last_item = i, j = i;
    bool continued = false;
    // An item with continuation lines: its text is all of them, without the marker.
    auto finish_item = [&] {
      ListItem& it = model.lists[stack.back()].items.back();
      it.text = clean_text(collapse_whitespace(doc.in.substr(it.span.start, it.span.size()).substr(doc.lines[last_item].marker.length)));
      continued = false;
    };
    const int l_group = doc.lines[i].group;
    while (j < n) {
      const TextLine& l = doc.lines[j];
      if (!l.blank && l.role == LineRole::item && l.list != -2 && l.group != l_group) break;
      if (l.blank) {
        std::size_t k = doc.next_nonblank(j);
        if (k == TextDoc::npos || doc.lines[k].role != LineRole::item || doc.lines[k].list == -2 ||
            doc.lines[k].group != l_group)
          break;
        j = k;
        continue;
      }
      if (l.role != LineRole::item) break;
      // A continuation line of the item before (its text is set below); one with no
      // item before it in this list starts an item of its own.
      if (l.list == -2 && !stack.empty() && !model.lists[stack.back()].items.empty()) {
        ListItem& it = model.lists[stack.back()].items.back();
        it.span = doc.index->span(it.span.start, l.end);
        continued = true;
        ++j;
        continue;
      }
      if (continued) finish_item();
      int depth = std::min<int>(l.depth, static_cast<int>(stack.size()));
      if (stack.empty()) open_list(0, j);
      while (static_cast<int>(stack.size()) - 1 > depth) stack.pop_back();
      if (static_cast<int>(stack.size()) - 1 < depth) open_list(depth, j);
      std::string_view t = text(j).substr(l.marker.length);
      ListItem item;
      item.text = clean_text(trim(t));
      item.depth = depth;
      item.span = doc.span(j, j);
      model.lists[stack.back()].items.push_back(std::move(item));
      model.prose.push_back({doc.span(j, j), ProseRole::list_item, count_words(t)});
      last_item = j;
      ++j;
    }
    if (continued) finish_item();
    i = j;
  }
  for (ListBlock& b : model.lists) {
    if (b.items.empty()) continue;
    b.span = doc.index->span(b.items.front().span.start, b.items.back().span.end);
  }
  // A list's span covers its nested lists.
  for (std::size_t k = model.lists.size(); k-- > 0;) {
    if (!model.lists[k].parent_item) continue;
    ListBlock& parent = model.lists[model.lists[k].parent_item->list];
    ListItem& it = parent.items[model.lists[k].parent_item->item];
    (void)it;
    if (model.lists[k].span.end > parent.span.end) parent.span = doc.index->span(parent.span.start, model.lists[k].span.end);
  }
  // Prose: paragraphs are runs of paragraph lines (a line by itself when the copy has
  // no blank lines, or when lines are long).
  for (std::size_t i = 0; i < n;) {
    if (doc.lines[i].role != LineRole::paragraph || doc.lines[i].blank) { ++i; continue; }
    std::size_t j = i;
    if (doc.blank_separated)
      while (j + 1 < n && doc.lines[j + 1].role == LineRole::paragraph && !doc.lines[j + 1].blank &&
             doc.lines[j].end - doc.lines[j].lstart < 200)
        ++j;
    std::string_view t = doc.in.substr(doc.lines[i].lstart, doc.lines[j].end - doc.lines[i].lstart);
    model.prose.push_back({doc.span(i, j), ProseRole::paragraph, count_words(t)});
    i = j + 1;
  }
}

}  // namespace

void recover_structure(TextDoc& doc, BlockModel& model) {
  Structure s{doc, model, doc.shape};
  std::size_t nonblank = 0, long_lines = 0;
  for (std::size_t i = 0; i < doc.lines.size(); ++i) {
    if (doc.lines[i].blank) continue;
    ++nonblank;
    long_lines += s.shape[i].chars > 110;
  }
  s.hard_wrapped = long_lines * 20 < nonblank;
  s.underlines_and_rules();
  s.code();
  s.headings();
  s.lists();
  s.emit();
}

}  // namespace essaykit::detail
