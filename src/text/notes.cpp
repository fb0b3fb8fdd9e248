// The readings of the references, and the footnotes of the chosen one (see notes.h).
#include "text/notes.h"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <string>
#include <unordered_map>

namespace essaykit::detail::text {
namespace {

// How many readings of the numbered references are weighed: the longest chains that
// leave room for their bodies (numbers inside the bodies, a URL or a year, can extend
// a chain past the real last reference; such a chain leaves too few lines after it).
constexpr std::size_t kMaxChains = 8;
// What a reference that names its footnote ([^name], a symbol) says by itself,
// against a numbered chain's Chains::evidence.
constexpr double kNamedEvidence = 3.0;
constexpr double kUnreferencedCost = 2.5;

// The line after the paragraph holding line i: where bodies may begin.
// `body_number`: the number the first body opens with, when the bodies are numbered. A copy
// may lose the blank line between the last paragraph and the bodies ("…a habit.3" then
// "1. The word …" on the next line); the paragraph then ends before the line that opens
// with the first body's number, or the bodies, taken for the rest of the paragraph, would
// leave no room for themselves and the reading would never be weighed.
std::size_t after_paragraph(const TextDoc& doc, std::size_t i, long body_number = 0) {
  if (doc.blank_separated)
    while (i + 1 < doc.lines.size() && !doc.lines[i + 1].blank &&
           !(body_number > 0 && opening_of(doc.text(i + 1)).number == body_number))
      ++i;
  return i + 1;
}

// [^name]: definitions, in order, and the hypothesis they make with their references.
void labelled_reading(const TextDoc& doc, const std::vector<Candidate>& cands, NoteReadings& out) {
  NoteHypothesis h;
  // A name's slots, in order: a name defined twice makes two bodies (the footnotes pass
  // reports it and keeps the first, which its references link to).
  std::unordered_map<std::string_view, std::vector<std::size_t>> slots_named;
  for (std::size_t i = 0; i < doc.lines.size(); ++i) {
    if (doc.lines[i].blank) continue;
    const BodyOpening o = opening_of(doc.text(i));
    if (!starts_with(doc.text(i), "[^") || o.name.empty() || o.name.find(' ') != std::string_view::npos) continue;
    slots_named[o.name].push_back(h.slots.size());
    if (h.slots.empty()) h.first_line = i;
    NoteSlot slot;
    slot.label = std::string(o.name);
    slot.name = slot.label;
    h.slots.push_back(std::move(slot));
  }
  if (h.slots.empty()) return;
  std::vector<std::pair<std::size_t, std::size_t>> refs;
  std::vector<bool> referenced(h.slots.size(), false);
  for (std::size_t k = 0; k < cands.size(); ++k) {
    const Candidate& c = cands[k];
    if (c.label.empty() || doc.in.substr(c.start, 2) != "[^") continue;
    const auto it = slots_named.find(c.label);
    if (it == slots_named.end()) continue;
    refs.emplace_back(k, it->second.front());
    for (std::size_t j : it->second) referenced[j] = true;
  }
  if (refs.empty()) return;
  for (bool r : referenced) h.evidence += r ? kNamedEvidence : -kUnreferencedCost;
  out.hypotheses.push_back(std::move(h));
  out.refs.push_back(std::move(refs));
}

// Symbol notes: "*", "†", "‡", "§" (or the same doubled) glued after a word or a stop
// ("owns.*", "disagree†"), with bodies near the end that open with the same symbol
// ("* By owns I mean …"). Openings that repeat one symbol are a bulleted list, and
// every opening must be referenced.
void symbol_reading(const TextDoc& doc, const std::vector<bool>& scan, NoteReadings& out) {
  const std::size_t nlines = doc.lines.size();
  std::vector<std::pair<std::size_t, std::string_view>> opens;  // line, symbol run
  std::size_t seen = 0;
  for (std::size_t i = nlines; i-- > 0 && seen < 60;) {
    if (doc.lines[i].blank || !scan[i]) continue;
    ++seen;
    const std::string_view t = doc.text(i);
    const std::string_view run = symbol_run(t, 0);
    const bool words_follow =
        !run.empty() && run.size() < t.size() && (t[run.size()] == ' ' || t[run.size()] == '\t') &&
        std::any_of(t.begin() + static_cast<std::ptrdiff_t>(run.size()), t.end(),
                    [](char c) { return is_ascii_alpha(c) || is_ascii_digit(c); });
    if (words_follow) {
      if (opens.empty() && seen > 6) return;  // the last note is near the end, not pages before it
      opens.emplace_back(i, run);
    } else if (!opens.empty() && opens.back().first - i > 6) {
      break;  // the notes are one run at the end; an earlier symbol line is prose
    }
  }
  if (opens.empty()) return;
  std::reverse(opens.begin(), opens.end());
  for (std::size_t a = 0; a < opens.size(); ++a)
    for (std::size_t b = a + 1; b < opens.size(); ++b)
      if (opens[a].second == opens[b].second) return;
  NoteHypothesis h;
  std::vector<std::pair<std::size_t, std::size_t>> refs;
  std::vector<bool> referenced(opens.size(), false);
  std::vector<Candidate> found;
  for (std::size_t i = 0; i < opens.front().first; ++i) {
    const TextLine& l = doc.lines[i];
    if (l.blank || !scan[i]) continue;
    const std::string_view t = doc.text(i);
    for (std::size_t k = 1; k < t.size(); ++k) {
      const std::string_view run = symbol_run(t, k);
      if (run.empty()) continue;
      const std::size_t e = k + run.size();
      const bool glued = !is_space(t[k - 1]) && symbol_run(t, k - 1).empty();
      const bool ends =
          e == t.size() || is_space(t[e]) || std::string_view(".,;:!?)\"'").find(t[e]) != std::string_view::npos;
      if (glued && ends)
        for (std::size_t b = 0; b < opens.size(); ++b)
          if (opens[b].second == run) {
            referenced[b] = true;
            refs.emplace_back(out.candidates.size() + found.size(), b);
            found.push_back({l.lstart + k, l.lstart + e, i, -1, kNamedEvidence, true, std::string(run)});
            h.first_line = std::max(h.first_line, after_paragraph(doc, i));
          }
      k = e - 1;
    }
  }
  if (std::find(referenced.begin(), referenced.end(), false) != referenced.end()) return;
  for (const auto& [line, run] : opens) {
    NoteSlot slot;
    slot.label = std::string(run);
    slot.name = slot.label;
    h.slots.push_back(std::move(slot));
  }
  h.evidence = kNamedEvidence * static_cast<double>(h.slots.size());
  out.candidates.insert(out.candidates.end(), found.begin(), found.end());
  out.hypotheses.push_back(std::move(h));
  out.refs.push_back(std::move(refs));
}

// Is line i the essay's in the labels (a paragraph, a heading, an item), not a body's or
// what follows the notes?
bool essay_line(const Labels& labels, std::size_t i) { return i < labels.tag.size() && labels.tag[i] <= Tag::item_more; }

// Does the number `c` stand as a superscript at a sentence's end does: after a stop that ends
// a word in small letters, before the line's end or a new sentence ("… other services.1
// There …", "… understood it.4")? Not "Appendix A.1 and", "section C.4 tell", "v2.1".
bool ends_a_sentence(const TextDoc& doc, const Candidate& c) {
  const std::string_view s = doc.in;
  const auto small = [](char ch) { return ch >= 'a' && ch <= 'z'; };
  if (c.start < 3 || (s[c.start - 1] != '.' && s[c.start - 1] != '!' && s[c.start - 1] != '?')) return false;
  if (!small(s[c.start - 2]) || !small(s[c.start - 3])) return false;
  const std::size_t line_end = doc.lines[c.line].end;
  if (c.end >= line_end) return true;
  return s[c.end] == ' ' && c.end + 1 < line_end && (is_ascii_upper(s[c.end + 1]) || s[c.end + 1] == '"');
}

// The numbered readings: the longest plausible chains 1..n.
void numbered_readings(const TextDoc& doc, NoteReadings& out) {
  const std::vector<Candidate>& cands = out.candidates;
  const Chains chains(cands, doc.lines.size());
  // Non-blank lines from each line on, to see quickly whether n bodies fit after a chain.
  std::vector<std::uint32_t> lines_from(doc.lines.size() + 1, 0);
  for (std::size_t i = doc.lines.size(); i-- > 0;) lines_from[i] = lines_from[i + 1] + !doc.lines[i].blank;
  // Per line: the least note number a line from it on opens with ("1. ", "[1] ", "¹ "; 0:
  // none), and whether a line from it on names the notes ("Notes") or carries a back-link
  // ("↩︎" after a body, "^" before one): what shows, below the references, that the text
  // has notes.
  // (Read only where a chain may open with such a number: a text with no "[n]" pays nothing.)
  const auto bracketed = [&](const Candidate& x) {
    return x.explicit_marker && doc.in[x.start] == '[' && doc.in.substr(x.start, 2) != "[^";
  };
  const bool any_bracketed = std::any_of(cands.begin(), cands.end(), bracketed);
  std::vector<long> least_number_from(any_bracketed ? doc.lines.size() + 1 : 0, 0);
  std::vector<std::uint8_t> notes_shown_from(least_number_from.size(), 0);
  for (std::size_t i = any_bracketed ? doc.lines.size() : 0; i-- > 0;) {
    const TextLine& l = doc.lines[i];
    const std::string_view t = l.blank ? std::string_view() : doc.text(i);
    const long v = l.blank ? 0 : opening_of(t).number;
    const long after = least_number_from[i + 1];
    least_number_from[i] = v > 0 && (after == 0 || v < after) ? v : after;
    const bool shows = !l.blank && (doc.shape[i].backlink || starts_with(t, "^ ") || names_the_notes(doc, i));
    notes_shown_from[i] = notes_shown_from[i + 1] || shows;
  }
  std::size_t tried = 0;
  std::vector<bool> in_chain;
  for (std::size_t n = chains.longest(); n >= 1 && tried < kMaxChains; --n) {
    const std::vector<std::size_t> c = chains.chain(n, cands);
    if (c.empty() || !Chains::plausible(c, cands)) continue;
    std::size_t last = 0;
    for (std::size_t k : c)
      if (k != Chains::npos) last = std::max(last, cands[k].line);
    const std::size_t first_line = after_paragraph(doc, last, 1);
    if (first_line >= doc.lines.size() || lines_from[first_line] < n) continue;
    ++tried;
    NoteHypothesis h;
    h.first_line = first_line;
    h.evidence = Chains::evidence(c, cands);
    // A number in brackets ("[1]") marks a note, or a link or a source in a list of them:
    // it is a note's only where the notes show below it. Every such note of the annotated
    // copies opens its body with its number ("[1] …", "1. …"); a page whose list of notes
    // lost its numbers keeps their back-links, or their heading. With none of these, the
    // brackets are a list's the copy lost ("method[1]" for a link): each counts as a
    // reference the text does not hold, and only bodies that fit well can carry them. (A
    // superscript, "¹", marks a note and nothing else: its bodies need not repeat it.)
    // (A plausible chain holds one reference at least.)
    const std::size_t first_ref = *std::find_if(c.begin(), c.end(), [](std::size_t k) { return k != Chains::npos; });
    if (bracketed(cands[first_ref])) {
      const long least = least_number_from[first_line];
      if ((least == 0 || least > static_cast<long>(n)) && !notes_shown_from[first_line])
        h.evidence = -Chains::kGapCost * static_cast<double>(n);
    }
    std::vector<std::pair<std::size_t, std::size_t>> refs;
    h.slots.reserve(n);
    refs.reserve(n);
    for (std::size_t v = 0; v < n; ++v) {
      NoteSlot slot;
      slot.number = static_cast<long>(v + 1);
      slot.label = std::to_string(v + 1);
      h.slots.push_back(std::move(slot));
      if (c[v] != Chains::npos) refs.emplace_back(c[v], v);
    }
    // An explicit marker ([n], ¹) used again later refers again to an earlier note; so does
    // a number glued after a stop ("… other services.1"), as strong as a reference gets,
    // where the chain's are glued digits too: prose writes no number so. Such a number may
    // stand below the chain's last reference, in the essay's closing lines (emit_refs keeps
    // it where the labels leave its line to the essay).
    const bool explicit_chain = cands[first_ref].explicit_marker;
    if (!explicit_chain || c.front() != Chains::npos) {
      // (The chain's own candidates, marked once: looking each up in the chain made the
      // pass quadratic in the notes, every glued reference being a use again.)
      in_chain.assign(cands.size(), false);
      for (std::size_t k : c)
        if (k != Chains::npos) in_chain[k] = true;
      for (std::size_t k = 0; k < cands.size(); ++k) {
        const Candidate& x = cands[k];
        const bool again = explicit_chain ? x.explicit_marker && x.strength >= 2 && doc.in.substr(x.start, 2) != "[^" &&
                                                x.line < first_line
                                          : !x.explicit_marker && x.strength >= 3 && ends_a_sentence(doc, x);
        if (!again || x.value < 1 || static_cast<std::size_t>(x.value) > n || in_chain[k]) continue;
        const std::size_t first_use = c[static_cast<std::size_t>(x.value) - 1];
        if (first_use != Chains::npos && x.start > cands[first_use].start)
          refs.emplace_back(k, static_cast<std::size_t>(x.value) - 1);
      }
    }
    out.hypotheses.push_back(std::move(h));
    out.refs.push_back(std::move(refs));
  }
}

}  // namespace

std::vector<std::uint64_t> context_words(const TextDoc& doc, const Candidate& c) {
  const TextLine& l = doc.lines[c.line];
  // (The sentence of the reference and the one before it; a few words after it.)
  const std::size_t b = c.start > l.lstart + 400 ? c.start - 400 : l.lstart;
  const std::size_t e = std::min(l.end, c.end + 150);
  std::vector<std::uint64_t> before, out;
  for_each_content_word(doc.in.substr(b, c.start - b), [&](std::uint64_t w) {
    before.push_back(w);
    return true;
  });
  out.assign(before.size() > 30 ? before.end() - 30 : before.begin(), before.end());
  std::size_t after = 0;
  for_each_content_word(doc.in.substr(c.end, e - c.end), [&](std::uint64_t w) {
    out.push_back(w);
    return ++after < 10;
  });
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

namespace {

std::string body_text(const TextDoc& doc, const Labels& labels, std::size_t first, std::size_t last, std::size_t skip_marker) {
  std::string out;
  const int margin = doc.lines[first].indent;
  // A run: the further lines in a row, blank lines between them or not, indented past the
  // body's margin. Where one of its lines reads as code, its lines keep their indentation
  // past its base: the least indentation among them, or the line's above it where that line
  // leads into them (ends in ':') or reads as code itself ("with open(…) as f:" over its
  // loop). A paragraph's lines that hang under its first's words are the run's base: they
  // keep none.
  int base = -1;  // the current run's base; -1: not in a run that holds code
  for (std::size_t i = first; i <= last; ++i) {
    if (i != first && !doc.lines[i].blank && doc.lines[i].indent > margin &&
        doc.lines[doc.prev_nonblank(i)].indent <= margin) {
      bool code = false;
      int least = doc.lines[i].indent;
      for (std::size_t j = i; j <= last && (doc.lines[j].blank || doc.lines[j].indent > margin); ++j) {
        if (doc.lines[j].blank) continue;
        code = code || doc.shape[j].code >= 0.35f;
        least = std::min(least, doc.lines[j].indent);
      }
      const std::size_t above = doc.prev_nonblank(i);
      if (doc.shape[above].last == ':' || doc.shape[above].code >= 0.35f) least = std::min(least, doc.lines[above].indent);
      base = code ? least : -1;
    } else if (!doc.lines[i].blank && doc.lines[i].indent <= margin) {
      base = -1;
    }
    const TextLine& l = doc.lines[i];
    if (l.blank) {
      if (!out.empty() && out.back() != '\n') out.append("\n\n");
      continue;
    }
    std::string_view t = doc.text(l);
    if (i == first) t.remove_prefix(std::min(skip_marker, t.size()));
    // (A line's arrows go with the space before them: a body's first paragraph may end on
    // one above the body's list, "… three things: ↩︎".)
    if (doc.shape[i].backlink) t = without_backlinks(t);
    if (!out.empty() && out.back() != '\n') out.push_back('\n');
    // (Code keeps it as a copied code block's lines keep theirs: a program's meaning may be in
    // it, Python's. Not a list's item, nor prose: its text is its words, as in Markdown.)
    if (i != first && labels.tag[i] == Tag::note_more && base >= 0 && l.indent > base)
      out.append(static_cast<std::size_t>(l.indent - base), ' ');
    out.append(t);
  }
  // The back-link arrow "↩︎" (with or without its variation selector) is navigation, not text.
  for (std::string_view arrow : {"\xE2\x86\xA9\xEF\xB8\x8E", "\xE2\x86\xA9"})
    for (std::size_t at; (at = out.find(arrow)) != std::string::npos;) out.erase(at, arrow.size());
  return clean_text(trim(out));
}

// The bytes of a body's first line that mark it rather than say something: its
// number, its [^name]:, its symbol or a back-link ("^ "), and the space after.
std::size_t marker_length(std::string_view t, const NoteSlot& slot) {
  std::size_t n = 0;
  const BodyOpening o = opening_of(t);
  if (o.number > 0 && o.number == slot.number) n = parse_note_marker(t).length;
  else if (!o.name.empty() && o.name == slot.name) n = starts_with(t, "[^") ? t.find("]:") + 2 : o.name.size();
  else if (starts_with(t, "^ ")) n = 1;  // a back-link before the body, as a reference list copies
  else if (slot.number > 0) {
    // The note's own number and a space, as a page's list of notes renders it ("1 The phrase
    // was popularised …" for note 1): the body's label, not its words. (Only its own number:
    // a body of note 3 that opens "12 people …" keeps them.)
    // (Before a capital or an opening quote: "1 in 5 adults …" is the note's words.)
    const std::string digits = std::to_string(slot.number);
    const std::size_t at = digits.size() + 1;
    if (starts_with(t, digits) && t.size() > at && (t[digits.size()] == ' ' || t[digits.size()] == '\t') &&
        (is_ascii_upper(t[at]) || t[at] == '"' || t.compare(at, 3, "\u201C") == 0))
      n = digits.size();
  }
  while (n < t.size() && (t[n] == ' ' || t[n] == '\t')) ++n;
  return n;
}

}  // namespace

NoteReadings find_note_readings(const TextDoc& doc, const std::vector<bool>& scan) {
  NoteReadings out;
  out.candidates = find_candidates(doc, scan);
  labelled_reading(doc, out.candidates, out);
  symbol_reading(doc, scan, out);
  numbered_readings(doc, out);
  for (const NoteHypothesis& h : out.hypotheses) out.first_line = std::min(out.first_line, h.first_line);
  return out;
}

void add_contexts(const TextDoc& doc, NoteReadings& readings) {
  // (The readings share most of their references: each context is found once.)
  std::unordered_map<std::size_t, std::shared_ptr<const std::vector<std::uint64_t>>> of_candidate;
  for (std::size_t h = 0; h < readings.hypotheses.size(); ++h) {
    std::vector<NoteSlot>& slots = readings.hypotheses[h].slots;
    std::vector<bool> done(slots.size(), false);
    for (const auto& [cand, slot] : readings.refs[h]) {  // (in document order: the first reference decides)
      if (done[slot]) continue;
      done[slot] = true;
      auto it = of_candidate.find(cand);
      if (it == of_candidate.end())
        it = of_candidate
                 .emplace(cand, std::make_shared<const std::vector<std::uint64_t>>(
                                    context_words(doc, readings.candidates[cand])))
                 .first;
      slots[slot].context = it->second;
    }
  }
}

void emit_refs(const TextDoc& doc, const NoteReadings& readings, const Labels& labels, BlockModel& model) {
  if (labels.hypothesis < 0) return;
  const auto hi = static_cast<std::size_t>(labels.hypothesis);
  const NoteHypothesis& h = readings.hypotheses[hi];
  for (const auto& [cand, slot] : readings.refs[hi]) {
    const Candidate& c = readings.candidates[cand];
    // (Below the chain, a reference used again is one where its line is the essay's, not a
    // body's or what follows the notes.)
    if (c.line >= h.first_line && !essay_line(labels, c.line)) continue;
    model.refs.push_back({h.slots[slot].label, doc.index->span(c.start, c.end)});
  }
  std::stable_sort(model.refs.begin(), model.refs.end(),
                   [](const RefSite& a, const RefSite& b) { return a.span.start < b.span.start; });
}

std::string_view text_without_refs(std::string_view in, std::size_t from, std::size_t to,
                                   const std::vector<RefSite>& refs, std::string& scratch) {
  auto r = std::lower_bound(refs.begin(), refs.end(), from,
                            [](const RefSite& site, std::size_t at) { return site.span.start < at; });
  if (r == refs.end() || r->span.start >= to) return in.substr(from, to - from);
  scratch.clear();
  std::size_t pos = from;
  for (; r != refs.end() && r->span.start < to; ++r) {
    if (r->span.end > to) break;  // (a reference is never wider than the line it stands on)
    scratch.append(in.substr(pos, r->span.start - pos));
    pos = r->span.end;
  }
  scratch.append(in.substr(pos, to - pos));
  return scratch;
}

void emit_notes(const TextDoc& doc, const NoteReadings& readings, const Labels& labels, BlockModel& model) {
  // What comes after the notes (or, with none, after the essay: leave_out_the_comments in
  // reader.cpp) is no part of the essay: say so, once.
  std::size_t after_first = TextDoc::npos, after_last = 0;
  for (std::size_t i = 0; i < doc.lines.size(); ++i)
    if (!doc.lines[i].blank && labels.tag[i] == Tag::after) {
      if (after_first == TextDoc::npos) after_first = i;
      after_last = i;
    }
  auto say_what_comes_after = [&] {
    if (after_first != TextDoc::npos)
      model.diagnostics.push_back(
          {DiagnosticCode::after_notes, Severity::warning,
           fmt::format("lines {}-{} come after the {} (reader comments, links): left out of the essay",
                       doc.index->line_of(doc.start(after_first)), doc.index->line_of(doc.start(after_last)),
                       labels.hypothesis >= 0 ? "footnotes" : "essay"),
           doc.span(after_first, after_last)});
  };
  if (labels.hypothesis < 0) {
    say_what_comes_after();
    // Notes named under a heading, and none placed (a copy that lost its superscripts, or
    // references whose bodies no reading could fit): say so, or the notes vanish into the
    // essay unremarked.
    // ("Notes" alone is as often a recipe's or a talk's section: only where the text has
    // references to read, or the heading can name nothing but footnotes.)
    for (std::size_t i = doc.lines.size(); i-- > 0;) {
      if (doc.lines[i].blank || labels.tag[i] != Tag::heading || !names_the_notes(doc, i)) continue;
      if (readings.hypotheses.empty() && iequals(label_at_margin(doc, i), "notes")) break;
      if (doc.next_nonblank(i) == TextDoc::npos) break;
      model.diagnostics.push_back(
          {DiagnosticCode::footnote_without_reference, Severity::warning,
           fmt::format("'{}' (line {}) heads notes, but no footnote was placed under it (no references found, or none "
                       "whose bodies fit there): the lines under it are read as the essay's",
                       valid_utf8(trim(doc.text(i))), doc.index->line_of(doc.start(i))),
           doc.span(i, i)});
      break;
    }
    return;
  }
  const auto hi = static_cast<std::size_t>(labels.hypothesis);
  const NoteHypothesis& h = readings.hypotheses[hi];
  // The next number of the chain, glued after a stop as the references are, on a line of the
  // essay below the last one: most likely the reference of a note whose body the copy lost
  // (or ran into another's); it is read as text, and said so.
  const long next = static_cast<long>(h.slots.size()) + 1;
  std::size_t chain_end = 0;
  for (const auto& [cand, slot] : readings.refs[hi]) chain_end = std::max(chain_end, readings.candidates[cand].start);
  const bool numbered = !h.slots.empty() && h.slots.back().number == next - 1;
  for (const Candidate& c : readings.candidates) {
    if (!numbered || c.value != next || c.explicit_marker || c.strength < 3 || c.start <= chain_end ||
        !essay_line(labels, c.line) || !ends_a_sentence(doc, c))
      continue;
    model.diagnostics.push_back(
        {DiagnosticCode::footnote_without_body, Severity::warning,
         fmt::format("the number {} glued to the text at line {} reads as the reference of note {}, but only {} footnote "
                     "bodies were found: read as text",
                     next, doc.index->line_of(c.start), next, h.slots.size()),
         doc.index->span(c.start, c.end)});
    break;
  }
  std::string scratch;
  const std::size_t K = h.slots.size();
  std::vector<std::size_t> first(K, TextDoc::npos), last(K, 0);
  for (std::size_t i = 0; i < doc.lines.size(); ++i) {
    if (doc.lines[i].blank || !is_note(labels.tag[i])) continue;
    const std::size_t k = labels.note[i];
    if (first[k] == TextDoc::npos) first[k] = i;
    last[k] = i;
  }
  for (std::size_t k = 0; k < K; ++k) {
    if (first[k] == TextDoc::npos) continue;
    const std::size_t skip = marker_length(doc.text(first[k]), h.slots[k]);
    const std::string_view src = doc.in.substr(doc.lines[first[k]].lstart, doc.lines[last[k]].end - doc.lines[first[k]].lstart);
    model.bodies.push_back({h.slots[k].label, doc.span(first[k], last[k]), body_text(doc, labels, first[k], last[k], skip),
                            labels.confidence[first[k]]});
    model.prose.push_back({doc.span(first[k], last[k]), ProseRole::footnote, count_words(src)});
    if (labels.confidence[first[k]] < 0.5f)
      model.diagnostics.push_back(
          {DiagnosticCode::footnote_uncertain, Severity::warning,
           fmt::format("footnote '{}': its body (lines {}-{}) was placed with confidence {:.2f}; check where it begins "
                       "and ends",
                       valid_utf8(h.slots[k].label), doc.index->line_of(doc.start(first[k])),
                       doc.index->line_of(doc.start(last[k])), labels.confidence[first[k]]),
           doc.span(first[k], last[k])});
    // A list inside the body: its items, one list per run.
    ListBlock list;
    auto flush = [&] {
      if (list.items.empty()) return;
      list.span = doc.index->span(list.items.front().span.start, list.items.back().span.end);
      model.lists.push_back(std::move(list));
      list = ListBlock{};
    };
    for (std::size_t i = first[k]; i <= last[k]; ++i) {
      if (doc.lines[i].blank) continue;
      if (labels.tag[i] != Tag::note_item) {
        flush();
        continue;
      }
      const ListMarker& m = doc.lines[i].marker;
      if (list.items.empty()) list.ordered = m.kind != MarkerKind::none && m.kind != MarkerKind::bullet;
      ListItem item;
      item.text = clean_text(trim(text_without_refs(doc.in, doc.lines[i].lstart + m.length, doc.lines[i].end, model.refs, scratch)));
      item.span = doc.span(i, i);
      item.confidence = labels.confidence[i];
      list.confidence = std::min(list.confidence, static_cast<double>(item.confidence));
      list.items.push_back(std::move(item));
    }
    flush();
  }
  say_what_comes_after();
}

}  // namespace essaykit::detail::text
