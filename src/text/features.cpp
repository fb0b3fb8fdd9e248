// The features of a line (see features.h for what each says).
#include "text/features.h"
#include "text/words.h"

#include <algorithm>
#include <cassert>
#include <array>
#include <string>

namespace essaykit::detail::text {
namespace {

constexpr std::string_view kFeatureNames[] = {
#define ESSAYKIT_FEATURE_NAME(name, doc) #name,
    ESSAYKIT_LINE_FEATURES(ESSAYKIT_FEATURE_NAME)
#undef ESSAYKIT_FEATURE_NAME
};

// The first word of a line, lower-cased ASCII letters and apostrophes only (at most 15).
std::string_view first_word_lower(std::string_view t, std::array<char, 16>& buf) {
  std::size_t n = 0;
  for (char c : t) {
    if (is_ascii_alpha(c) || c == '\'') {
      if (n == buf.size()) return {};
      buf[n++] = to_lower_ascii(c);
    } else {
      break;
    }
  }
  return {buf.data(), n};
}

// The word lists the features ask of a line's words.
constexpr std::string_view kFunctionWordEnds[] = {
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with", "from", "like", "as",
    "than", "that", "which", "is", "are", "was", "were", "be", "this", "these", "its", "their", "your", "my", "our",
    "into", "about", "if", "when", "so"};
constexpr std::string_view kFunctionWordStarts[] = {
    "the", "a", "an", "this", "that", "these", "those", "it", "its", "they", "we", "i", "you", "he",
    "she", "in", "on", "at", "of", "for", "to", "with", "by", "from", "as", "if", "when", "while",
    "because", "and", "but", "or", "so", "there", "my", "our", "your", "his", "her", "their"};
constexpr std::string_view kConnectiveStarts[] = {
    "so", "but", "and", "however", "also", "then", "thus", "therefore", "still", "yet", "instead", "finally",
    "anyway", "now", "or", "although", "though", "meanwhile", "besides", "moreover", "furthermore", "otherwise",
    "similarly", "hence"};
constexpr std::string_view kPronounStarts[] = {"it", "this", "that", "these", "those", "they", "he", "she", "which", "it's"};
constexpr std::string_view kSecondPerson[] = {"you", "your", "you're", "yours"};
constexpr std::string_view kFirstPerson[] = {"i", "i'm", "my", "we", "our"};
constexpr std::string_view kPraise[] = {"thanks", "thank", "great", "love", "loved", "awesome", "excellent", "amazing",
                                        "helpful", "nice", "brilliant", "wonderful", "fantastic", "appreciate",
                                        "appreciated"};
constexpr WordSet kFunctionWordEndSet(kFunctionWordEnds);
constexpr WordSet kFunctionWordStartSet(kFunctionWordStarts);
constexpr WordSet kConnectiveStartSet(kConnectiveStarts);
constexpr WordSet kPronounStartSet(kPronounStarts);
constexpr WordSet kSecondPersonSet(kSecondPerson);
constexpr WordSet kFirstPersonSet(kFirstPerson);
constexpr WordSet kPraiseSet(kPraise);

// The bytes of the words any_word reads: ASCII letters and the apostrophe.
constexpr auto kWordByte = [] {
  std::array<bool, 256> t{};
  for (unsigned c = 0; c < 256; ++c) t[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '\'';
  return t;
}();

// Calls f(word) for each ASCII word of t, lower-cased, until f returns true. (Words over
// 24 bytes are passed over: no word asked for is so long.)
template <class F>
bool any_word(std::string_view t, F&& f) {
  std::array<char, 24> buf{};
  const std::size_t n = t.size();
  for (std::size_t k = 0; k < n;) {
    if (!kWordByte[static_cast<unsigned char>(t[k])]) {
      ++k;
      continue;
    }
    std::size_t e = k + 1;
    while (e < n && kWordByte[static_cast<unsigned char>(t[e])]) ++e;
    if (e - k <= buf.size()) {
      // (| 0x20 lower-cases a capital and leaves a small letter and the apostrophe as they are.)
      for (std::size_t j = k; j < e; ++j) buf[j - k] = static_cast<char>(t[j] | 0x20);
      if (f(std::string_view(buf.data(), e - k))) return true;
    }
    k = e;
  }
  return false;
}

// A count a lead-in announces: "three reasons:", "all four:", "2 options." (2..12).
int announced_count(std::string_view t) {
  static constexpr std::string_view kNumbers[] = {"two", "three", "four",  "five",   "six",
                                                  "seven", "eight", "nine", "ten", "eleven", "twelve"};
  static constexpr WordSet kNumberSet(kNumbers);
  int found = 0;
  any_word(t, [&](std::string_view w) {
    if (!kNumberSet.contains(w)) return false;
    for (std::size_t k = 0; k < std::size(kNumbers); ++k)
      if (w == kNumbers[k]) {
        found = static_cast<int>(k) + 2;
        return true;
      }
    return false;
  });
  if (found) return found;
  // A number written in digits, as a word of its own ("the 3 rules:").
  for (std::size_t k = 0; k < t.size(); ++k) {
    if (!is_ascii_digit(t[k]) || (k > 0 && t[k - 1] != ' ')) continue;
    std::size_t e = k;
    while (e < t.size() && is_ascii_digit(t[e])) ++e;
    if (e < t.size() && t[e] != ' ') continue;
    const long v = e - k <= 2 ? std::stol(std::string(t.substr(k, e - k))) : 0;
    if (v >= 2 && v <= 12) return static_cast<int>(v);
  }
  return 0;
}

std::uint64_t hash_text(std::string_view t) {
  std::uint64_t h = 14695981039346656037ull;  // FNV-1a
  for (char c : t) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h;
}

bool heading_shaped(const LineShape& s, std::string_view t) {
  return s.chars > 0 && s.chars <= 80 && s.words <= 12 && s.code + s.identifier < 0.35f && !s.sentence_like &&
         s.last != '.' && s.last != ',' && s.last != ';' && s.last != ':' && s.starts_upper &&
         !looks_like_file_or_url(t);
}

// "Term: value", "Term — explanation": a short capitalised phrase, then the rest.
bool short_term_before(std::string_view t, std::string_view separator, std::size_t max_bytes, long max_spaces) {
  // (Only the first max_bytes can hold it: a find over the whole line stopped at every
  // space of a paragraph for " - ".)
  const std::size_t stop = t.substr(0, max_bytes - 1 + separator.size()).find(separator);
  return stop != std::string_view::npos && stop > 0 && stop < max_bytes &&
         std::count(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(stop), ' ') <= max_spaces;
}

// short_term_before(t, dash, 60, 6) for any of the dashes of term_dash, in one pass over
// the line's first spaces rather than a find per dash: each dash opens with a space, so
// one with at most six spaces before it stands at one of the first seven spaces. (A dash
// at the line's first byte fails for that dash, as short_term_before's first find does.)
bool short_term_before_dash(std::string_view t) {
  static constexpr std::string_view kDashes[] = {" -- ", " \xE2\x80\x94 ", " \xE2\x80\x93 ", " - "};
  unsigned failed = 0;  // the dashes first found at byte 0, as bits
  long spaces = 0;
  for (std::size_t k = 0; k < t.size() && k < 60 && spaces <= 6; ++k) {
    if (t[k] != ' ') continue;
    for (std::size_t d = 0; d < std::size(kDashes); ++d) {
      if (failed >> d & 1 || t.compare(k, kDashes[d].size(), kDashes[d]) != 0) continue;
      if (k > 0) return true;
      failed |= 1u << d;
    }
    ++spaces;
  }
  return false;
}

bool several_sentences(std::string_view t) {
  for (std::size_t k = 2; k + 2 < t.size(); ++k) {
    const char c = t[k];
    if ((c == '.' || c == '?' || c == '!') && t[k + 1] == ' ' && t[k + 2] >= 'A' && t[k + 2] <= 'Z' &&
        is_ascii_alpha(t[k - 1]) && is_ascii_alpha(t[k - 2]))  // not after an initial ("J. Smith")
      return true;
  }
  return false;
}

// The last word needs more after it: a preposition, an article, a conjunction, a
// copula — a title does not end so; a line broken out of a sentence does.
bool ends_on_function_word(std::string_view t) {
  std::size_t e = t.size();
  while (e > 0 && !is_ascii_alpha(t[e - 1])) {
    if (t[e - 1] != ' ' && t[e - 1] != ',') return false;  // "… of." ends a sentence
    --e;
  }
  std::size_t b = e;
  while (b > 0 && is_ascii_alpha(t[b - 1])) --b;
  if (e - b > 5 || b == 0) return false;
  char buf[6];
  for (std::size_t k = b; k < e; ++k) buf[k - b] = to_lower_ascii(t[k]);
  return kFunctionWordEndSet.contains(std::string_view(buf, e - b));
}

// What marks a line of code or of a program's output among words: a name glued to
// '(', an assignment, a prompt, names joined by _ . :: or in camelCase. As bits of
// CodeTrait: each line's are read once (FeatureExtractor::code_), for its own features and
// for its neighbours' touches_code.
enum CodeTrait : std::uint8_t { kCall = 1, kIdentifier = 2, kAssignment = 4, kPrompt = 8, kCodeLike = 16 };

std::uint8_t code_traits(std::string_view t) {
  std::uint8_t traits = 0;
  bool call = false, identifier = false;
  for (std::size_t k = 1; k + 1 < t.size(); ++k) {
    const char a = t[k - 1], b = t[k], c = t[k + 1];
    // (Both need the middle byte to be one of these: most bytes of prose are ruled out here.)
    if (!(b == '(' || b == '_' || b == '.' || b == ':' || (b >= 'A' && b <= 'Z'))) continue;
    call = call || ((is_ascii_alpha(a) || is_ascii_digit(a) || a == '_') && b == '(' && c != ' ');
    identifier = identifier || (is_ascii_alpha(a) && (b == '_' || b == '.') && is_ascii_alpha(c) && !(b == '.' && c >= 'A' && c <= 'Z')) ||
                 (b == ':' && a == ':' && is_ascii_alpha(c)) || (a >= 'a' && a <= 'z' && b >= 'A' && b <= 'Z' && c >= 'a' && c <= 'z');
  }
  if (call) traits |= kCall;
  if (identifier) traits |= kIdentifier;
  if (has_spaced_token(t, {"=", "<-", ":=", "=>", "+=", "=="})) traits |= kAssignment;
  // A prompt: a short token ending in > $ % # or ❯, then a space, then a command.
  const std::size_t sp = t.find(' ');
  if (sp != std::string_view::npos && sp > 0 && sp <= 8 && sp + 1 < t.size()) {
    const std::string_view tok = t.substr(0, sp);
    const char last = tok.back();
    // (">" alone opens a quotation as often as a command.)
    if ((last == '>' || last == '$' || last == '%' || ends_with(tok, "\xE2\x9D\xAF")) && tok != ">" &&
        tok.find('<') == std::string_view::npos)
      traits |= kPrompt;
  }
  return traits;
}

// Does a line of shape `s` and code traits `traits` read as code, by its density of
// symbols or by a trait only code has: a name glued to '(', an assignment, a prompt?
bool reads_as_code(const LineShape& s, std::uint8_t traits) {
  // (A line that ends as a sentence does is code by a trait of code only: its symbols or a
  // run of spaces alone, "It is   good.", make prose around it no code.)
  if (s.code >= 0.35f && !s.closes_sentence) return true;
  return (traits & (kCall | kAssignment | kPrompt)) != 0;
}

// Do two lines open with the same words: the same first word of two letters or more,
// or the same first two words ("I will …", "I will …")?
bool same_opening(std::string_view a, std::string_view b) {
  std::size_t wa = 0;
  while (wa < a.size() && (is_ascii_alpha(a[wa]) || a[wa] == '\'')) ++wa;
  if (wa == 0 || wa > 20 || !iequals(a.substr(0, wa), b.substr(0, std::min(wa, b.size()))) ||
      (wa < b.size() && (is_ascii_alpha(b[wa]) || b[wa] == '\'')))
    return false;
  if (wa >= 2) return true;
  const std::size_t next_a = a.find(' ', wa + 1), next_b = b.find(' ', wa + 1);
  return next_a != std::string_view::npos && next_a == next_b && iequals(a.substr(0, next_a), b.substr(0, next_b));
}

}  // namespace

bool runs_on(const TextDoc& doc, std::size_t i) {
  if (i == 0 || doc.lines[i].blank || doc.lines[i - 1].blank || doc.lines[i].marker.kind != MarkerKind::none) return false;
  const LineShape &ps = doc.shape[i - 1], &s = doc.shape[i];
  const std::string_view pt = doc.text(i - 1);
  return !ps.closes_sentence && ps.last != ':' && ps.words >= 4 &&
         (s.starts_lower || ends_on_function_word(pt) || ps.last == ',');
}

bool goes_on(const TextDoc& doc, std::size_t i) {
  if (!runs_on(doc, i)) return false;
  const std::string_view t = doc.text(i);
  return !t.empty() && t[0] >= 'a' && t[0] <= 'z';
}

namespace {
// Line t ends a sentence inside it and leaves the next, two words or more of it, open ("…a
// night. Students need"), not a stray letter after a stop ("…or upstream. F"). (The last
// stop, past the quotes and brackets that close on it: after '…reliability." -- Senior
// engineer' no sentence goes on.)
bool opens_a_sentence_it_breaks(std::string_view t) {
  // (The last space after a stop and what closes on it; its stop after two letters, not an
  // initial's, "J. Smith"; a capital after it, and another space further on.)
  for (std::size_t k = t.size(); k-- > 0;) {
    if (t[k] != ' ') continue;
    const std::size_t e = before_closers(t, k);
    if (e < 3 || (t[e - 1] != '.' && t[e - 1] != '!' && t[e - 1] != '?')) continue;
    return is_ascii_alpha(t[e - 2]) && is_ascii_alpha(t[e - 3]) && k + 1 < t.size() && is_ascii_upper(t[k + 1]) &&
           t.find(' ', k + 1) != std::string_view::npos;
  }
  return false;
}
}  // namespace

std::vector<bool> sentences_broken(const TextDoc& doc) {
  std::vector<bool> out(doc.lines.size(), false);
  // (Neither line ending in ',' or ';': a sentence's items end so, "equality, comparison,
  // and hashing," under "…applications include".)
  auto listing = [&](std::size_t k) { return doc.shape[k].last == ',' || doc.shape[k].last == ';'; };
  // (And line i reads as the rest of a paragraph: it ends the sentence, or is six tenths as
  // long as the line above or more. "buy milk" under "…I still need to" heads a list.)
  auto paragraph_like = [&](std::size_t k) {
    return doc.shape[k].closes_sentence || doc.shape[k].chars * 10 >= doc.shape[k - 1].chars * 6;
  };
  for (std::size_t i = 1; i < doc.lines.size(); ++i)
    out[i] = goes_on(doc, i) && !listing(i) && !listing(i - 1) && paragraph_like(i) &&
             (out[i - 1] || opens_a_sentence_it_breaks(doc.text(i - 1)));
  return out;
}

bool in_marker_sequence(const TextDoc& doc, std::size_t i) {
  if (doc.lines[i].marker.kind == MarkerKind::none) return false;
  auto follows = [&](std::size_t a, std::size_t b) {
    const ListMarker &ma = doc.lines[a].marker, &mb = doc.lines[b].marker;
    return ma.kind == mb.kind && (ma.kind == MarkerKind::bullet || mb.value == ma.value + 1);
  };
  const std::size_t p = doc.prev_nonblank(i), nx = doc.next_nonblank(i);
  return (p != TextDoc::npos && follows(p, i)) || (nx != TextDoc::npos && follows(i, nx));
}

bool is_note_evidence(std::size_t row) {
  using F = Feature;
  static constexpr F kNoteEvidence[] = {
      F::bias, F::len_le10, F::len_le20, F::len_le40, F::len_le60, F::len_le80, F::len_le120, F::len_le200,
      F::len_gt200, F::ends_colon, F::ends_question, F::ends_exclaim, F::closes_sentence, F::starts_upper,
      F::starts_lower, F::starts_quote, F::starts_bracket, F::starts_symbol, F::starts_connective,
      F::starts_pronoun_it, F::heading_shaped, F::code_mid, F::code_high, F::has_call, F::has_assignment,
      F::starts_prompt, F::marker_bullet, F::marker_number, F::note_marker, F::note_marker_bracketed,
      F::note_label_definition, F::symbol_opener, F::indented, F::notes_heading, F::file_or_url, F::has_url,
      F::backlink_end, F::second_person, F::first_person, F::praise, F::in_last_tenth, F::last_line,
      F::blank_before, F::block_1, F::prev_ends_colon, F::prev_closes_sentence, F::prev_code, F::prev_marker,
      F::prev_notes_heading, F::prev_backlink_end, F::next_code, F::next_marker, F::next_note_marker,
      F::coheres_prev, F::apart_from_prev, F::coheres_next, F::tab_columns};
  const std::size_t base = row % kBaseFeatures;
  return std::any_of(std::begin(kNoteEvidence), std::end(kNoteEvidence),
                     [base](F f) { return static_cast<std::size_t>(f) == base; });
}

bool is_essay_evidence(std::size_t row) { return row % kBaseFeatures != static_cast<std::size_t>(Feature::off_topic); }

std::string_view feature_name(std::size_t row, std::string& scratch) {
  if (row < kBaseFeatures) return kFeatureNames[row];
  scratch.assign(kFeatureNames[row - kBaseFeatures]);
  scratch.append("_nb");
  return scratch;
}

namespace {
// Where the lines the document's median and wrap width are counted over end: at the first line
// that names a page's comments (names_the_comments), when a page was copied whole. The
// commenters' names, dates and "Reply" links and the sharing block's buttons are short lines
// that are not the essay's: counted, they pulled the median down, and a title or a short
// heading lost shorter_than_half_median. Not where a line that names the notes stands below
// it, as the labeller's rule of the comments stands aside there (the line heads something of
// the essay's own, as "Comments" over a forum's link above "Footnotes"), nor where fewer than
// kSample lines stand above it (a median needs lines).
std::size_t end_of_essay_lines(const TextDoc& doc) {
  constexpr std::size_t kSample = 10;
  const std::size_t n = doc.lines.size();
  std::size_t above = 0, cut = n;
  for (std::size_t i = 0; i < n && cut == n; ++i) {
    if (doc.lines[i].blank) continue;
    if (above >= kSample && names_the_comments(doc, i)) cut = i;
    ++above;
  }
  for (std::size_t i = cut; i < n; ++i)
    if (!doc.lines[i].blank && names_the_notes(doc, i)) return n;
  return cut;
}
}  // namespace

FeatureExtractor::FeatureExtractor(const TextDoc& doc, std::size_t title, std::vector<std::uint8_t> shared_with_prev,
                                   const WordIndex* words)
    : doc_(doc), title_(title), words_(words), shared_with_prev_(std::move(shared_with_prev)) {
  const std::size_t n = doc.lines.size();
  if (shared_with_prev_.empty()) shared_with_prev_ = words_shared_with_prev(doc);
  assert(shared_with_prev_.size() == n);
  std::vector<std::uint32_t> lengths;
  std::vector<std::pair<std::uint64_t, std::uint32_t>> hashes;  // short lines: (text hash, line)
  std::size_t bullets = 0;
  const std::size_t essay_end = end_of_essay_lines(doc);
  for (std::size_t i = 0; i < n; ++i) {
    if (doc.lines[i].blank) continue;
    const LineShape& s = doc.shape[i];
    if (i < essay_end) lengths.push_back(s.chars);
    if (s.chars <= 100) hashes.emplace_back(hash_text(doc.text(i)), static_cast<std::uint32_t>(i));
    // Runs of bulleted or numbered lines are a habit of the whole document.
    const bool marked = doc.lines[i].marker.kind != MarkerKind::none;
    if (marked && i + 1 < n && doc.lines[i + 1].marker.kind != MarkerKind::none &&
        (i == 0 || doc.lines[i - 1].marker.kind == MarkerKind::none))
      ++bullets;
  }
  marks_lists_ = bullets >= 2;
  if (!lengths.empty()) {
    auto mid = lengths.begin() + static_cast<std::ptrdiff_t>(lengths.size() / 2);
    std::nth_element(lengths.begin(), mid, lengths.end());
    median_chars_ = *mid;
    // The width a wrapped document breaks at: the longest lines, up to 120.
    auto top = lengths.begin() + static_cast<std::ptrdiff_t>(lengths.size() * 9 / 10);
    std::nth_element(lengths.begin(), top, lengths.end());
    wrap_width_ = std::min<std::uint32_t>(*top, 120);
  }
  std::sort(hashes.begin(), hashes.end());
  for (std::size_t k = 0; k < hashes.size();) {
    std::size_t e = k;
    while (e < hashes.size() && hashes[e].first == hashes[k].first) ++e;
    if (e - k >= 2) {
      // (Each line of the group finds its entry without hashing its text again: the
      // features ask for every line each time a decoder scores it.)
      if (repeat_of_line_.empty()) repeat_of_line_.assign(n, kNoRepeat);
      for (std::size_t m = k; m < e; ++m) repeat_of_line_[hashes[m].second] = static_cast<std::uint32_t>(repeated_.size());
      repeated_.push_back({hashes[k].second, hashes[e - 1].second, static_cast<std::uint32_t>(e - k)});
    }
    k = e;
  }

  block_start_.assign(n, 0);
  block_end_.assign(n, 0);
  for (std::size_t i = 0; i < n;) {
    if (doc.lines[i].blank) {
      ++i;
      continue;
    }
    std::size_t e = i;
    while (e < n && !doc.lines[e].blank) ++e;
    for (std::size_t k = i; k < e; ++k) block_start_[k] = static_cast<std::uint32_t>(i);
    block_end_[i] = static_cast<std::uint32_t>(e);
    i = e;
  }

  code_.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    if (doc.lines[i].blank) continue;
    const std::uint8_t traits = code_traits(doc.text(i));
    code_[i] = static_cast<std::uint8_t>(traits | (reads_as_code(doc.shape[i], traits) ? kCodeLike : 0));
  }
  auto code_like = [&](std::size_t i) { return (code_[i] & kCodeLike) != 0; };
  // The runs a lead-in opens: after a line that ends in ':' (not code), the lines that go
  // on alike, each like the one before (same opening, same marker, same shape) and set
  // apart from it as the first two are (by a blank line or not), up to a line that reads
  // as code or leads in again. A list's items follow their lead-in so, each a paragraph of
  // its own or not; prose after a lead-in goes on unlike. (A line belongs to the run of
  // the nearest lead-in above it at most: each is visited once.)
  lead_run_.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    if (doc.lines[i].blank || doc.shape[i].last != ':' || code_like(i)) continue;
    std::size_t len = 0, prev = TextDoc::npos;
    bool apart = false;  // blank lines between the run's lines (a list of paragraphs) or not
    for (std::size_t k = doc.next_nonblank(i); k != TextDoc::npos && len < 400; k = doc.next_nonblank(k)) {
      if (doc.shape[k].last == ':' || code_like(k)) break;
      if (prev != TextDoc::npos && !parallel(prev, k) && !same_opening(doc.text(prev), doc.text(k))) break;
      // The items of one list are set apart alike: where that changes, so does the text.
      if (len == 1) apart = k > prev + 1;
      else if (len > 1 && (k > prev + 1) != apart) break;
      prev = k;
      ++len;
    }
    if (len < 2) continue;
    for (std::size_t k = doc.next_nonblank(i), m = 0; m < len; k = doc.next_nonblank(k), ++m)
      lead_run_[k] = static_cast<std::uint8_t>(len >= 3 ? 3 : 2);
  }
  // Runs of three or more lines that open with the same words, blank lines between or not.
  opening_run_.assign(n, 0);
  for (std::size_t i = n > 0 && !doc.lines[0].blank ? 0 : doc.next_nonblank(0); i != TextDoc::npos;) {
    std::size_t e = i, len = 1;
    for (std::size_t k = doc.next_nonblank(e); k != TextDoc::npos && same_opening(doc.text(e), doc.text(k));
         k = doc.next_nonblank(k)) {
      e = k;
      ++len;
    }
    if (len >= 3)
      for (std::size_t k = i;; k = doc.next_nonblank(k)) {
        opening_run_[k] = 1;
        if (k == e) break;
      }
    i = doc.next_nonblank(e);
  }

  announced_.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    if (doc.lines[i].blank || (doc.shape[i].last != ':' && doc.shape[i].last != '.')) continue;
    const int count = announced_count(doc.text(i));
    if (count == 0) continue;
    std::size_t k = i;
    for (int c = 0; c <= count; ++c) {
      k = doc.next_nonblank(k);
      if (k == TextDoc::npos) break;
      announced_[k] = c < count ? 1 : 2;
    }
  }
}

bool FeatureExtractor::parallel(std::size_t a, std::size_t b) const {
  const LineShape &sa = doc_.shape[a], &sb = doc_.shape[b];
  const ListMarker &ma = doc_.lines[a].marker, &mb = doc_.lines[b].marker;
  if (ma.kind != MarkerKind::none && ma.kind == mb.kind) return true;
  if (sa.all_caps != sb.all_caps) return false;
  // "Term: explanation" after "Term: explanation": entries of one list, however long.
  const std::string_view ta = doc_.text(a), tb = doc_.text(b);
  if (sa.starts_upper && sb.starts_upper && short_term_before(ta, ": ", 60, 6) &&
      short_term_before(tb, ": ", 60, 6))
    return true;
  if (sa.starts_lower && sb.starts_lower) return true;
  const std::size_t la = sa.chars, lb = sb.chars;
  const bool alike = la * 5 >= lb * 2 && lb * 5 >= la * 2 && sa.last == sb.last;
  return alike && la < 400 && lb < 400;
}

bool FeatureExtractor::line_reads_as_code(std::size_t i) const { return (code_[i] & kCodeLike) != 0; }

const FeatureExtractor::Repeat* FeatureExtractor::repeat_of(std::size_t i) const {
  return repeat_of_line_.empty() || repeat_of_line_[i] == kNoRepeat ? nullptr : &repeated_[repeat_of_line_[i]];
}

std::uint32_t FeatureExtractor::times_written(std::size_t i) const {
  const Repeat* r = repeat_of(i);
  return r ? r->count : 1;
}

void FeatureExtractor::line(std::size_t i, std::vector<std::uint16_t>& rows) const {
  const std::size_t first_row = rows.size();
  auto on = [&](Feature f) { rows.push_back(static_cast<std::uint16_t>(f)); };
  const TextDoc& doc = doc_;
  const TextLine& l = doc.lines[i];
  const LineShape& s = doc.shape[i];
  const std::string_view t = doc.text(i);
  using F = Feature;

  on(F::bias);
  const std::uint32_t c = s.chars;
  on(c <= 3 ? F::len_le3 : c <= 10 ? F::len_le10 : c <= 20 ? F::len_le20 : c <= 40 ? F::len_le40
     : c <= 60 ? F::len_le60 : c <= 80 ? F::len_le80 : c <= 120 ? F::len_le120 : c <= 200 ? F::len_le200
     : F::len_gt200);
  const std::uint32_t w = s.words;
  on(w <= 1 ? F::words_1 : w <= 3 ? F::words_2_3 : w <= 6 ? F::words_4_6 : w <= 12 ? F::words_7_12 : F::words_gt12);
  if (c * 2 < median_chars_) on(F::shorter_than_half_median);
  if (c > median_chars_) on(F::longer_than_median);

  switch (s.last) {
    case '.': on(F::ends_period); break;
    case ':': on(F::ends_colon); break;
    case '?': on(F::ends_question); break;
    case '!': on(F::ends_exclaim); break;
    case ',': on(F::ends_comma); break;
    case ';': on(F::ends_semicolon); break;
    case ')': case ']': on(F::ends_bracket); break;
    case '"': case '\'': on(F::ends_quote); break;
    case '\0': on(ends_with_closing_quote(t) ? F::ends_quote : F::ends_non_ascii); break;
    default:
      if (is_ascii_alpha(s.last)) on(F::ends_letter);
      else if (is_ascii_digit(s.last)) on(F::ends_digit);
  }
  if (s.closes_sentence) on(F::closes_sentence);
  if (c > 20 && several_sentences(t)) on(F::several_sentences);

  if (s.starts_upper) on(F::starts_upper);
  if (s.starts_lower) on(F::starts_lower);
  const char c0 = t.front();
  if (is_ascii_digit(c0)) on(F::starts_digit);
  if (c0 == '"' || c0 == '\'' || starts_with(t, "\xE2\x80\x9C") || starts_with(t, "\xE2\x80\x98")) on(F::starts_quote);
  else if (c0 == '(' || c0 == '[') on(F::starts_bracket);
  else if (!is_ascii_alpha(c0) && !is_ascii_digit(c0) && static_cast<unsigned char>(c0) < 0x80) on(F::starts_symbol);
  std::array<char, 16> buf{};
  const std::string_view first = first_word_lower(t, buf);
  if (kFunctionWordStartSet.contains(first)) on(F::starts_function_word);
  if (kConnectiveStartSet.contains(first)) on(F::starts_connective);
  if (kPronounStartSet.contains(first)) on(F::starts_pronoun_it);

  if (s.title_case >= 0.6f && w >= 2) on(F::title_case);
  if (s.all_caps) on(F::all_caps);
  if (s.code >= 0.6f) on(F::code_high);
  else if (s.code >= 0.35f) on(F::code_mid);
  else if (s.code >= 0.2f) on(F::code_low);
  if (s.identifier > 0) on(F::identifier);
  if (s.sentence_like) on(F::sentence_like);
  if (ends_on_function_word(t)) on(F::ends_function_word);
  const std::uint8_t traits = code_[i];
  if (traits & kCall) on(F::has_call);
  if (traits & kIdentifier) on(F::has_identifier);
  if (traits & kAssignment) on(F::has_assignment);
  if (traits & kPrompt) on(F::starts_prompt);
  const bool shaped = heading_shaped(s, t);
  if (shaped) on(F::heading_shaped);

  switch (l.marker.kind) {
    case MarkerKind::bullet: on(F::marker_bullet); break;
    case MarkerKind::number_period: case MarkerKind::number_paren: case MarkerKind::paren_number:
      on(F::marker_number); break;
    case MarkerKind::letter_period: case MarkerKind::letter_paren: on(F::marker_letter); break;
    case MarkerKind::roman_period: on(F::marker_roman); break;
    case MarkerKind::none: break;
  }
  if (c <= 120) {
    const HeadingNumber hn = parse_heading_number(t);
    if (hn.named) on(F::heading_number_named);
    else if (hn.depth >= 2) on(F::heading_number_deep);
    else if (hn.depth == 1) on(F::heading_number);
  }
  const NoteMarker nm = parse_note_marker(t);
  if (nm.value > 0) on(nm.bracketed ? F::note_marker_bracketed : F::note_marker);
  if (starts_with(t, "[^") && t.find("]:") != std::string_view::npos) on(F::note_label_definition);
  for (std::string_view sym : {"* ", "\xE2\x80\xA0", "\xE2\x80\xA1", "\xC2\xA7"})
    if (starts_with(t, sym) && (sym.size() == 2 || (t.size() > sym.size() && t[sym.size()] == ' '))) {
      on(F::symbol_opener);
      break;
    }

  const std::size_t p = doc.prev_nonblank(i), nx = doc.next_nonblank(i);
  if (l.indent >= 2) on(F::indented);
  if (p != TextDoc::npos && l.indent > doc.lines[p].indent) on(F::indent_deeper);
  if (p != TextDoc::npos && l.indent < doc.lines[p].indent) on(F::indent_shallower);

  if (c <= 40 && is_section_name(t)) on(F::section_name);
  if (c <= 12 && is_notes_heading(t)) on(F::notes_heading);
  if (is_byline(t)) on(F::byline);
  const bool has_url = t.find("://") != std::string_view::npos;
  if (looks_like_file_or_url(t)) on(F::file_or_url);
  if (has_url) on(F::has_url);
  if (ends_with_anchor(t)) on(F::anchor_end);
  if (doc.shape[i].backlink) on(F::backlink_end);
  if (t.find('?') != std::string_view::npos) on(F::has_question);
  if (s.starts_upper && short_term_before(t, ": ", 40, 3)) on(F::term_colon);
  if (s.starts_upper && short_term_before_dash(t)) on(F::term_dash);
  bool second = false, first_person = false, praise = false;
  if (c <= 400) {
    any_word(t, [&](std::string_view word) {
      second = second || kSecondPersonSet.contains(word);
      first_person = first_person || kFirstPersonSet.contains(word);
      praise = praise || kPraiseSet.contains(word);
      return false;
    });
  }
  if (second) on(F::second_person);
  if (first_person) on(F::first_person);
  if (praise) on(F::praise);
  if (const Repeat* r = repeat_of(i)) {
    if (r->first < i) on(F::repeated_earlier);
    if (r->last > i) on(F::repeated_later);
  }
  if (t.find('\t') != std::string_view::npos || has_three_spaces(t)) on(F::tab_columns);

  if (title_ != TextDoc::npos && p == title_) on(F::after_title);
  if ((i + 1) * 10 > doc.lines.size() * 9) on(F::in_last_tenth);
  if (nx == TextDoc::npos) on(F::last_line);
  const bool bb = i == 0 || doc.lines[i - 1].blank, ba = i + 1 >= doc.lines.size() || doc.lines[i + 1].blank;
  if (bb) on(F::blank_before);
  if (ba) on(F::blank_after);
  if (bb && ba) on(F::isolated);
  const std::size_t b0 = block_start_[i], b1 = block_end_[b0], size = b1 - b0;
  on(size == 1 ? F::block_1 : size == 2 ? F::block_2 : size <= 5 ? F::block_3_5 : F::block_6);
  if (size >= 2 && i == b0) on(F::block_first);
  if (size >= 2 && i + 1 == b1) on(F::block_last);
  if (size >= 2 && size <= 400) {  // (a whole copy without blank lines is one block: look only at small ones)
    std::size_t short_lines = 0;
    bool other_code = false;
    for (std::size_t k = b0; k < b1; ++k) {
      short_lines += doc.shape[k].chars < 80;
      other_code = other_code || (k != i && doc.shape[k].code >= 0.5f);
    }
    if (short_lines * 3 >= size * 2) on(F::block_mostly_short);
    if (other_code) on(F::block_has_code);
  }

  if (p == TextDoc::npos) {
    on(F::prev_none);
  } else {
    const LineShape& ps = doc.shape[p];
    const std::string_view pt = doc.text(p);
    if (ps.last == ':') on(F::prev_ends_colon);
    if (ps.closes_sentence) on(F::prev_closes_sentence);
    if (ps.last == '?') on(F::prev_ends_question);
    if (ps.chars < 60) on(F::prev_short);
    if (ps.chars >= 100) on(F::prev_long);
    if (heading_shaped(ps, pt)) on(F::prev_heading_shaped);
    if (doc.lines[p].marker.kind != MarkerKind::none) on(F::prev_marker);
    if (ps.code >= 0.5f) on(F::prev_code);
    if (ps.chars <= 12 && is_notes_heading(pt)) on(F::prev_notes_heading);
    if (ps.backlink) on(F::prev_backlink_end);
    if (p == title_) on(F::prev_is_title);
    if (parallel(p, i)) on(F::parallel_prev);
    if (same_opening(pt, t)) on(F::same_first_word_prev);
    // A sentence broken across lines, whatever the document does elsewhere.
    if (runs_on(doc, i)) on(F::runs_on_from_prev);
    // A document wrapped at a width: the line before stops mid-sentence near the width.
    if (doc.hard_wrapped && !bb && !ps.closes_sentence && ps.last != ':' && ps.chars * 10 >= wrap_width_ * 7)
      on(F::wrapped_continuation);
  }
  if (nx == TextDoc::npos) {
    on(F::next_none);
  } else {
    const LineShape& ns = doc.shape[nx];
    const std::string_view nt = doc.text(nx);
    if (ns.last == ':') on(F::next_ends_colon);
    if (ns.closes_sentence) on(F::next_closes_sentence);
    if (ns.chars < 60) on(F::next_short);
    if (ns.chars >= 100) on(F::next_long);
    if (ns.chars >= c + 40) on(F::next_much_longer);
    if (heading_shaped(ns, nt)) on(F::next_heading_shaped);
    if (doc.lines[nx].marker.kind != MarkerKind::none) on(F::next_marker);
    if (ns.code >= 0.5f) on(F::next_code);
    if (parse_note_marker(nt).value > 0) on(F::next_note_marker);
    if (parallel(i, nx)) on(F::parallel_next);
    if (same_opening(t, nt)) on(F::same_first_word_next);
  }
  // Markers in sequence (1) then 2), or two bullets of one kind) make a list; a numbered
  // heading stands alone between paragraphs.
  if (in_marker_sequence(doc, i)) on(F::marker_sequence);
  if (c <= 120 && rule_under(doc, i, '=')) on(F::underlined_eq);
  else if (c <= 120 && rule_under(doc, i, '-')) on(F::underlined_dash);

  if ((i > 0 && code_[i - 1] & kCodeLike) || (i + 1 < doc.lines.size() && code_[i + 1] & kCodeLike)) on(F::touches_code);
  if (lead_run_[i] == 3) on(F::in_lead_in_run);
  else if (lead_run_[i] == 2) on(F::in_lead_in_pair);
  if (opening_run_[i]) on(F::in_opening_run);
  if (announced_[i] == 1) on(F::in_announced_count);
  if (announced_[i] == 2) on(F::past_announced_count);
  if (p != TextDoc::npos && nx != TextDoc::npos && c < 60 && doc.shape[p].chars >= 100 && doc.shape[nx].chars >= 100)
    on(F::short_between_long);
  // The thread of the text: a paragraph takes up words of the one before; a footnote
  // body, a comment or a new section starts elsewhere.
  if (p != TextDoc::npos && w >= 3) {
    const std::size_t shared = shared_with_prev_[i];
    if (shared >= 2) on(F::coheres_prev);
    else if (shared == 0 && doc.shape[p].words >= 6 && w >= 6) on(F::apart_from_prev);
  }
  if (nx != TextDoc::npos && w >= 3 && shared_with_prev_[nx] >= 2) on(F::coheres_next);
  // A footnote body goes on about what the essay is about; a reader's comment, a share
  // or subscribe line, speaks of the post as a whole in words of its own.
  if (words_ && words_->off_topic(i)) on(F::off_topic);
  if (shaped && bb && ba) on(F::title_isolated);
  if (shaped && bb && !ba && nx == i + 1 && doc.shape[nx].chars >= c + 20) on(F::title_over_text);
  if (shaped && p != TextDoc::npos && nx != TextDoc::npos && doc.shape[p].chars >= 100 && doc.shape[nx].chars >= 100)
    on(F::title_between_long);
  if (marks_lists_) on(F::doc_marks_lists);
  if (doc.underlines_headings) on(F::doc_underlines);
  if (doc.hard_wrapped) on(F::doc_hard_wrapped);

  std::sort(rows.begin() + static_cast<std::ptrdiff_t>(first_row), rows.end());
  if (!doc.blank_separated) {
    const std::size_t base_end = rows.size();
    for (std::size_t k = first_row; k < base_end; ++k)
      rows.push_back(static_cast<std::uint16_t>(rows[k] + kBaseFeatures));
  }
}

}  // namespace essaykit::detail::text
