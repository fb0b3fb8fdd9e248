// The plain-text reader (see reader.h).
#include "text/reader.h"

#include <fmt/format.h>

#include <algorithm>

#include "text/structure.h"

namespace essaykit::detail::text {
namespace {

// Does the first line read as a title: short, not a sentence, not a lead-in?
bool reads_as_title(std::string_view text) {
  text = trim(text);
  if (text.empty() || text.size() > 200) return false;
  const char last = text.back();
  if (last == '.' || last == ',' || last == ';' || last == ':') return false;
  return count_words(text) <= 20;
}

// Does line i read as a field of front matter: "key: value" or "key = value" (a word of
// letters, digits, '-' or '_' at the margin), or a line under one (indented, or an item
// of a YAML list)?
bool reads_as_field(const TextDoc& doc, std::size_t i) {
  if (doc.lines[i].indent > 0) return true;
  const std::string_view t = doc.text(i);
  if (t.substr(0, 2) == "- ") return true;
  std::size_t k = 0;
  while (k < t.size() && (is_ascii_alpha(t[k]) || is_ascii_digit(t[k]) || t[k] == '-' || t[k] == '_')) ++k;
  if (k == 0) return false;
  while (k < t.size() && t[k] == ' ') ++k;
  return k < t.size() && (t[k] == ':' || t[k] == '=');
}

// Does a stop, a question or an exclamation end a sentence anywhere in `t`: before a space,
// the end, a note's marker or a closing quote? ("… my observations.[1]" is a paragraph.)
bool ends_a_sentence_inside(std::string_view t) {
  for (std::size_t k = 0; k < t.size(); ++k) {
    if (t[k] != '.' && t[k] != '!' && t[k] != '?') continue;
    if (k + 1 == t.size()) return true;
    const char c = t[k + 1];
    if (c == ' ' || c == '[' || c == '"' || c == '\'' || c == ')' || is_ascii_digit(c) ||
        static_cast<unsigned char>(c) == 0xE2)  // (a closing quotation mark, a superscript's start)
      return true;
  }
  return false;
}

bool is_rule(std::string_view t) {
  return is_rule_line(t, '=') || is_rule_line(t, '-') || is_rule_line(t, '*') || is_rule_line(t, '_');
}

// Could line i be a line of a site's chrome: a label of one to four words, no digit (not a
// date or a count), no ASCII punctuation but '&', '\'' and '-', at the margin, with no list
// marker, and no byline ("By Ann Lee" is the post's, under its title)?
bool reads_as_menu_item(const TextDoc& doc, std::size_t i) {
  const LineShape& s = doc.shape[i];
  if (s.words == 0 || s.words > 4 || s.chars > 32 || doc.lines[i].indent > 0 ||
      doc.lines[i].marker.kind != MarkerKind::none)
    return false;
  for (const char c : doc.text(i))
    if (!is_ascii_alpha(c) && c != ' ' && c != '&' && c != '\'' && c != '-' && static_cast<unsigned char>(c) < 0x80)
      return false;
  return !is_byline(doc.text(i));
}

// Is line i one a theme puts in every page's chrome, in no post: a skip link ("Skip to
// content", "Jump to navigation") or the menu's own controls ("Menu", "Home", "Search")?
// A run of short lines is a menu only with one of them: a recipe's title over its
// ingredients, a poem's short lines, a table of contents are runs as short.
bool is_theme_navigation(std::string_view t) {
  t = trim(t);
  static constexpr std::string_view kControls[] = {"menu",       "main menu",         "open menu",      "toggle menu", "home",
                                                   "search",     "navigation",        "toggle navigation", "skip navigation"};
  return (t.size() > 8 && (iequals(t.substr(0, 8), "skip to ") || iequals(t.substr(0, 8), "jump to "))) ||
         iequals_any(t, kControls);
}

// Is line i a byline, or prose: a sentence ended inside a line of eight words or more?
bool byline_or_prose(const TextDoc& doc, std::size_t i) {
  const std::string_view t = doc.text(i);
  return is_byline(t) || (doc.shape[i].words >= 8 && doc.shape[i].code < 0.35f && ends_a_sentence_inside(t));
}

// Does line i open the post under its title: a byline, prose, or a date line ("March
// 2024": a few words with a digit, no stop or colon) over either?
bool opens_the_post(const TextDoc& doc, std::size_t i) {
  if (i == TextDoc::npos) return false;
  if (byline_or_prose(doc, i)) return true;
  const std::string_view t = doc.text(i);
  const bool dated = doc.shape[i].words <= 5 && !doc.shape[i].closes_sentence && t.find(':') == std::string_view::npos &&
                     std::any_of(t.begin(), t.end(), [](char c) { return is_ascii_digit(c); });
  const std::size_t below = doc.next_nonblank(i);
  return dated && below != TextDoc::npos && byline_or_prose(doc, below);
}

// A page copied whole opens on its site's chrome: a skip link, the site's name, the menu,
// above the post's title, which a byline or the first paragraph follows. The title's line
// when the text from `first` opens so, or npos.
std::size_t title_under_menu(const TextDoc& doc, std::size_t first) {
  constexpr std::size_t kMinItems = 4;  // (a menu of three or fewer is too like a short list)
  std::vector<std::size_t> run;
  std::size_t next = first;
  for (; next != TextDoc::npos && run.size() < 64 && reads_as_menu_item(doc, next); next = doc.next_nonblank(next))
    run.push_back(next);
  std::size_t title = TextDoc::npos;
  if (opens_the_post(doc, next) && run.size() > kMinItems) {
    // (A title of a few words reads as a label too: the last of the run.)
    title = run.back();
    run.pop_back();
  } else if (next != TextDoc::npos && run.size() >= kMinItems && reads_as_title(doc.text(next)) &&
             !is_byline(doc.text(next)) && opens_the_post(doc, doc.next_nonblank(next))) {
    title = next;
  }
  if (title == TextDoc::npos) return TextDoc::npos;
  if (std::none_of(run.begin(), run.end(), [&](std::size_t i) { return is_theme_navigation(doc.text(i)); }))
    return TextDoc::npos;
  // The menu's labels are a word or two, each shorter than the title (a title of a few words
  // under a list of single words is the list's last item); two lines of three or four words,
  // the skip link and the site's name, may be as long as the title or longer ("Skip to main
  // content" over "On keeping a ledger").
  std::size_t longer = 0;
  for (const std::size_t i : run) {
    const bool label = doc.shape[i].words <= 2;
    if ((label && doc.shape[i].chars >= doc.shape[title].chars) || doc.text(i) == doc.text(title))
      return TextDoc::npos;
    longer += !label;
  }
  return longer <= 2 ? title : TextDoc::npos;
}

}  // namespace

Reading::Reading(std::string_view input, const LineIndex& index) : doc(split_lines(input, index)) {
  const std::size_t n = doc.lines.size();
  decoded.assign(n, false);
  for (std::size_t i = 0; i < n; ++i) decoded[i] = !doc.lines[i].blank && !is_rule(doc.text(i));
  // A front matter block (a Markdown file read as text) is metadata, not prose; its title:
  // is the title.
  std::size_t front = 0;  // the lines of the front matter
  if (const std::size_t end = front_matter_end(input, index, front_title); end != 0) {
    while (front < n && doc.start(front) < end) ++front;
    // (In a copy, "---" can be a rule over prose and another under it: only fields between
    // the fences make front matter.)
    bool fields = true;
    for (std::size_t i = 1; i + 1 < front && fields; ++i) fields = doc.lines[i].blank || reads_as_field(doc, i);
    if (fields) {
      std::fill(decoded.begin(), decoded.begin() + static_cast<std::ptrdiff_t>(front), false);
    } else {
      front = 0;
      front_title.reset();
    }
  }
  // The opening line, rules above it left out: a rule (a banner's '=====', a '* * *') is
  // decoration, never the title.
  std::size_t first = doc.next_nonblank(front == 0 ? static_cast<std::size_t>(-1) : front - 1);
  while (first != TextDoc::npos && is_rule(doc.text(first))) first = doc.next_nonblank(first);
  // A page's chrome above the title is the theme's, in every page of the site: no part of
  // the essay (not its title, headings or lists), and no place for notes. It is set aside as
  // front matter is, and said so (build: page_chrome), for it is told by its shape alone.
  if (!front_title && first != TextDoc::npos) {
    if (const std::size_t t = title_under_menu(doc, first); t != TextDoc::npos) {
      std::fill(decoded.begin() + static_cast<std::ptrdiff_t>(first), decoded.begin() + static_cast<std::ptrdiff_t>(t),
                false);
      chrome_first = first;
      chrome_end = t;
      first = t;
    }
  }
  // (A first line whose list marker the next line continues opens a list, as list
  // markers in sequence do anywhere: "- one" over "- two" is no title.)
  // (Nor a line of a paragraph wrapped at a width, with no title above it: as long as a
  // wrapped line is, not in title case, and the line under it goes on with its sentence in
  // small letters (runs_on) to a full stop, with more after it or on a third line ("… they
  // do not improve" over "behaviour in any way, so … families. Parents …"). A title wrapped
  // over two lines ends on no full stop ("… wear a" over "uniform?"), and a title case one
  // or a short one, over a byline or a tagline in small letters, stays the title.)
  bool wrapped_paragraph = false;
  if (first != TextDoc::npos && first + 2 < n && doc.shape[first].chars >= 40 && doc.shape[first].title_case < 0.5f &&
      runs_on(doc, first + 1)) {
    const std::string_view next = doc.text(first + 1);
    const std::size_t stop = next.find(". ");
    // (In small letters from its first byte: "{% include … %}" under a title is a template's.)
    wrapped_paragraph = next.front() >= 'a' && next.front() <= 'z' &&
                        ((stop != std::string_view::npos && stop + 2 < next.size()) ||
                         (!doc.lines[first + 2].blank && doc.shape[first + 1].last != '?' &&
                          doc.shape[first + 1].last != '!'));
  }
  if (!front_title && first != TextDoc::npos && !wrapped_paragraph && reads_as_title(doc.text(first)) &&
      doc.next_nonblank(first) != TextDoc::npos && !in_marker_sequence(doc, first)) {
    title = first;
    decoded[first] = false;
    // A one-sentence standfirst right under the title, in a copy with blank lines: the
    // subtitle. (A label in title case or a question there is a heading: left to the labeller.)
    const std::size_t u = first + 1;
    if (doc.blank_separated && u < n && decoded[u] && (u + 1 >= n || doc.lines[u + 1].blank)) {
      const LineShape& s = doc.shape[u];
      const bool standfirst = s.last == '.' || (s.words >= 5 && s.title_case < 0.5f && s.last != '?' && s.last != ':' &&
                                                !s.sentence_like && s.starts_upper);
      if (s.chars <= 200 && standfirst && s.code < 0.35f) {
        subtitle = u;
        decoded[u] = false;
      }
    }
    // Set apart from the title, as a browser's copy sets every block apart, a standfirst
    // shows by its shape alone: a phrase of five words or more, not a heading's title case,
    // with no stop, question or colon at its end (a paragraph of one sentence has its stop),
    // and not the post's date or author line.
    const std::size_t v = doc.next_nonblank(first);
    if (subtitle == TextDoc::npos && doc.blank_separated && v > first + 1 && v != TextDoc::npos && decoded[v] &&
        v + 1 < n && doc.lines[v + 1].blank && doc.next_nonblank(v) != TextDoc::npos) {
      const LineShape& s = doc.shape[v];
      // (Not where the text sets phrases as long apart further down, two words more or less:
      // those are its headings, written in sentence case, and this the first of them.)
      auto phrase = [&](std::size_t i) {
        const LineShape& t = doc.shape[i];
        return t.words >= 3 && t.title_case < 0.5f && t.starts_upper && !t.sentence_like && !t.closes_sentence &&
               t.last != ':' && t.last != ';' && t.last != ',' && !is_ascii_digit(t.last) && t.code < 0.2f &&
               !ends_a_sentence_inside(doc.text(i));
      };
      bool headings_alike = false;
      for (std::size_t i = doc.next_nonblank(v); i != TextDoc::npos && !headings_alike; i = doc.next_nonblank(i))
        headings_alike = i > 0 && doc.lines[i - 1].blank && (i + 1 >= n || doc.lines[i + 1].blank) &&
                         doc.shape[i].chars <= 80 && phrase(i) && doc.shape[i].words + 2 >= s.words &&
                         doc.shape[i].words <= s.words + 2;
      if (!headings_alike && s.words >= 5 && s.chars <= 160 && s.words <= 25 && phrase(v) && !is_byline(doc.text(v))) {
        subtitle = v;
        decoded[v] = false;
      }
    }
  }
  // A text that opens on "# Title" writes its headings as Markdown does: its lines marked so
  // (outside fenced code) are its headings, whatever their shape. So does one under front
  // matter, a Markdown file whose title is a field and whose headings open at "##".
  if (first != TextDoc::npos && (atx_marks(doc.text(first)) > 0 || front > 0)) {
    doc.atx_level.assign(n, 0);
    // (A fence closes on a run of its own character as long as its opening, with nothing
    // after it, as in Markdown: "```" inside a "~~~" block, or "```" in a "````" one, is code.)
    char fence = 0;
    std::size_t fence_length = 0;
    for (std::size_t i = first; i < n; ++i) {
      const std::string_view t = doc.text(i);
      const char c = t.empty() ? 0 : t[0];
      const std::size_t run = c == '`' || c == '~' ? std::min(t.find_first_not_of(c), t.size()) : 0;
      if (fence == 0 && run >= 3 && doc.lines[i].indent < 4) {
        fence = c;
        fence_length = run;
      } else if (fence != 0) {
        if (c == fence && run >= fence_length && t.find_first_not_of(" \t", run) == std::string_view::npos) fence = 0;
      } else if (doc.lines[i].indent < 4) {  // (indented four columns: code, as in Markdown)
        doc.atx_level[i] = static_cast<std::uint8_t>(atx_marks(t));
      }
    }
  } else {
    // Lines underlined as headings are counted at the margin, outside code (the title is not
    // decoded); prose between two of them tells a text's own headings from a sample of code
    // or of Markdown quoted in it ("Parameters" over "----------").
    std::size_t count = 0;
    bool prose_between = false, prose_since = false;
    for (std::size_t i = 0; i + 1 < n && !(count >= 2 && prose_between); ++i) {
      if (!decoded[i]) continue;
      const LineShape& s = doc.shape[i];
      if (count > 0 && s.chars >= 80 && s.closes_sentence && s.code < 0.35f) prose_since = true;
      if (doc.lines[i].indent >= 4 || doc.lines[i + 1].indent >= 4 || s.code >= 0.35f || !underlined(doc, i))
        continue;
      prose_between = prose_between || prose_since;
      prose_since = false;
      ++count;
    }
    doc.underlines_headings = count >= 2 && prose_between;
  }
  std::vector<bool> scan(n, false);
  for (std::size_t i = std::max(front, chrome_end); i < n; ++i) scan[i] = !doc.lines[i].blank && i != title;
  notes = find_note_readings(doc, scan);
  std::vector<std::uint8_t> shared_with_prev;  // (each line's words read once, for both)
  if (!notes.hypotheses.empty()) {
    add_contexts(doc, notes);
    words = WordIndex(doc, notes.first_line, &shared_with_prev);
  }
  features.emplace(doc, title, std::move(shared_with_prev), notes.hypotheses.empty() ? nullptr : &words);
}

void Reading::index_words_from(std::size_t line) {
  if (words.empty() || line < notes.first_line) {
    notes.first_line = std::min(notes.first_line, line);
    words = WordIndex(doc, notes.first_line);
    features.emplace(doc, title, words_shared_with_prev(doc), &words);
  }
}

namespace {

// A page copied whole with no notes: what follows the line that heads its readers' comments
// or its theme's sharing block ("3 Responses", "Leave a Reply", "Share this:" over "Twitter")
// is no part of the essay, as below the notes (the labeller's rule of that line, which needs
// a reading of the notes to end). Only a line that can head nothing of the essay's own: a
// count of comments or "Leave a reply", or a sharing block's head over its buttons; not
// "Comments" alone (a post's section on a program's comments). And only below a paragraph.
// (Before, the commenters' names, dates and words read as one list of the essay's.)
void leave_out_the_comments(const TextDoc& doc, const std::vector<bool>& decoded, Labels& labels) {
  bool prose_above = false;
  for (std::size_t i = 0; i < doc.lines.size(); ++i) {
    if (!decoded[i]) continue;
    if (prose_above && names_the_comments(doc, i)) {
      if (page_furniture(doc.text(i)) == Furniture::none && !heads_only_comments(doc.text(i))) continue;
      for (std::size_t j = i; j < doc.lines.size(); ++j)
        if (decoded[j]) labels.tag[j] = Tag::after;
      return;
    }
    prose_above = prose_above || labels.tag[i] == Tag::paragraph;
  }
}

}  // namespace

BlockModel build(Reading& r, const Model& model) {
  BlockModel out;
  const TextDoc& doc = r.doc;
  if (r.front_title) out.title = r.front_title;
  // ("# Title": the marks are no words; the span is the line's, as a heading's is.)
  else if (r.title != TextDoc::npos) out.title = Title{clean_text(without_atx_marks(doc.text(r.title))), doc.span(r.title, r.title)};
  if (r.subtitle != TextDoc::npos) out.subtitle = Title{clean_text(doc.text(r.subtitle)), doc.span(r.subtitle, r.subtitle)};
  if (r.chrome_end != 0) {
    const std::size_t last = doc.prev_nonblank(r.chrome_end);
    out.diagnostics.push_back(
        {DiagnosticCode::page_chrome, Severity::warning,
         fmt::format("lines {}-{} are the page's chrome above its title (a skip link, the site's menu): left out of the essay",
                     doc.index->line_of(doc.start(r.chrome_first)), doc.index->line_of(doc.start(last))),
         doc.span(r.chrome_first, last)});
  }
  // (The labeller's tables, a few numbers per line, are freed before the block model is
  // built: the two at once were the reader's peak of memory.)
  const Labels labels = [&] {
    Labels l = Labeller(doc, *r.features, model, r.words, r.decoded).label(r.notes.hypotheses);
    // Where the rules over the weights contradict each other for every reading (a lead-in
    // in a body, and below it a line that ends the notes), no reading could place its
    // bodies, and every note would be lost: the weights alone decide instead.
    if (l.rules_left_none) l = Labeller(doc, *r.features, model, r.words, r.decoded, false).label(r.notes.hypotheses);
    if (l.hypothesis < 0) leave_out_the_comments(doc, r.decoded, l);
    return l;
  }();
  // The prose blocks, counted before they are made: a vector grown by doubling holds
  // its old and new arrays at once. (At most one per heading, item and paragraph line, and
  // one per note body; a paragraph's run of lines in a copy wrapped at a width is one.)
  std::size_t blocks = 0;
  for (std::size_t i = 0; i < doc.lines.size(); ++i) {
    if (!r.decoded[i]) continue;
    const Tag t = labels.tag[i];
    if (t == Tag::paragraph)
      blocks += !(doc.hard_wrapped && i > 0 && r.decoded[i - 1] && labels.tag[i - 1] == Tag::paragraph);
    else
      blocks += t == Tag::heading || t == Tag::item;
  }
  if (labels.hypothesis >= 0) blocks += r.notes.hypotheses[static_cast<std::size_t>(labels.hypothesis)].slots.size();
  out.prose.reserve(blocks);
  emit_refs(doc, r.notes, labels, out);  // (first: headings and items read them away)
  emit_structure(doc, labels, r.decoded, out);
  emit_notes(doc, r.notes, labels, out);
  std::sort(out.prose.begin(), out.prose.end(),
            [](const ProseBlock& a, const ProseBlock& b) { return a.span.start < b.span.start; });
  return out;
}

}  // namespace essaykit::detail::text

namespace essaykit::detail {

BlockModel read_text(std::string_view input, const LineIndex& index) {
  text::Reading reading(input, index);
  return text::build(reading, text::fitted_model());
}

}  // namespace essaykit::detail
