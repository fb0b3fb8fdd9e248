// Footnotes in plain text: references glued to the text, and the bodies at the end.
//
// References. A copy keeps a superscript as digits glued to the text ("code.1",
// "Tulloch4", "Core2team", "95%27"), or as ¹²³, [n] or [^n]. What separates them from
// the many numbers of prose is that they count 1, 2, 3… in order of first use. So
// every place that could be a reference becomes a candidate with a strength (how
// much it looks like one), and the chain 1, 2, …, n of increasing position with the
// greatest total strength is the set of references (a linear dynamic program: the
// best chain ending in value v only needs the best chain ending in v-1 seen so far).
//
// Bodies. After the last reference come the bodies: numbered ("1. …", "[1] …",
// "¹ …"), or ending in a back-link arrow "↩︎", or — in a browser copy — plain
// paragraphs with nothing to mark them. The last are assigned by a monotone
// alignment over the trailing paragraphs: each body is the paragraph (or few
// paragraphs) that best continues its reference, in order, where a paragraph that
// shares words with the text around a reference scores, extra paragraphs inside a
// body cost a little and paragraphs left over after the last body (reader comments)
// cost more. The window is bounded, so the whole pass stays linear in the input.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "passes.h"
#include "text_lines.h"

namespace essaykit::detail {
namespace {

struct Candidate {
  std::size_t start, end;  // the marker's bytes
  std::size_t line;        // index into doc.lines
  long value;
  double strength;  // ~1 weak … 4 unambiguous
  bool explicit_marker;  // [n], [^n], superscripts
  std::string label;     // for [^label]
};


// Closing punctuation a superscript can follow: . , ; : ! ? ) ] " ' and ” ’ »
std::size_t closing_punct_before(std::string_view s, std::size_t i) {
  if (i == 0) return 0;
  char c = s[i - 1];
  // A straight quote closes only when glued to what it closes: 'said."2', not ' "1 ETH'.
  if ((c == '"' || c == '\'') && (i < 2 || is_space(s[i - 2]))) return 0;
  if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' || c == ']' || c == '"' ||
      c == '\'' || c == '*')
    return 1;
  if (i >= 3 && static_cast<unsigned char>(s[i - 3]) == 0xE2 && static_cast<unsigned char>(s[i - 2]) == 0x80 &&
      (static_cast<unsigned char>(c) == 0x9D || static_cast<unsigned char>(c) == 0x99))
    return 3;
  return 0;
}

// The token (run of non-space bytes) around [b, e).
// (At most 200 bytes each way, so a line without spaces cannot make this quadratic.)
std::string_view token_around(std::string_view s, std::size_t b, std::size_t e) {
  const std::size_t lo = b > 200 ? b - 200 : 0, hi = std::min(s.size(), e + 200);
  while (b > lo && !is_space(s[b - 1])) --b;
  while (e < hi && !is_space(s[e])) ++e;
  return s.substr(b, e - b);
}

// Inside a URL, a path or an identifier, digits are part of the name.
bool looks_technical(std::string_view token, char before_digits) {
  return token.find("://") != std::string_view::npos || token.find("www.") != std::string_view::npos ||
         token.front() == '@' || token.front() == '#' || token.find('_') != std::string_view::npos ||
         token.find("::") != std::string_view::npos || token.find("()") != std::string_view::npos ||
         std::string_view("_/=#@\\$").find(before_digits) != std::string_view::npos;
}

bool closing_quote_at(std::string_view s, std::size_t j) {
  return j + 2 < s.size() && static_cast<unsigned char>(s[j]) == 0xE2 && static_cast<unsigned char>(s[j + 1]) == 0x80 &&
         (static_cast<unsigned char>(s[j + 2]) == 0x9D || static_cast<unsigned char>(s[j + 2]) == 0x99);
}

// Nouns that take a number as their name ("Source 1", "paragraph 3", "Chapter 2",
// "step 4"), their abbreviations ("fig 3", "no 5") and months before a day ("March
// 1"): the number after them, with its space, is part of that name or date, never a
// superscript.
bool names_numbered_thing(std::string_view before) {
  static constexpr std::string_view kNouns[] = {
      "act",     "appendix", "article",  "book",     "case",      "chapter", "class",    "day",      "episode",
      "example", "exercise", "exhibit",  "figure",   "game",      "grade",   "issue",    "item",     "lesson",
      "level",   "line",     "number",   "option",   "page",      "paragraph", "part",   "phase",    "point",
      "problem", "question", "round",    "rule",     "scene",     "season",  "section",  "source",   "stage",
      "step",    "table",    "test",     "type",     "verse",     "volume",  "january",  "february", "march",
      "april",   "may",      "june",     "july",     "august",    "september", "october", "november", "december"};
  std::size_t b = before.size();
  while (b > 0 && is_ascii_alpha(before[b - 1])) --b;
  const std::string_view word = before.substr(b);
  return is_number_abbreviation(word) ||
         std::any_of(std::begin(kNouns), std::end(kNouns), [&](std::string_view n) { return iequals(word, n); });
}

// The name a digit run [i, j) ends ("latin1", "Viking 1"): the letters of the word
// before it (glued, or after one space) and the digits, lower-cased, as a hash; 0 when
// no word comes before. (Hashes, not strings: a long document has many numbers.)
std::uint64_t name_hash(std::string_view s, std::size_t from, std::size_t i, std::size_t j) {
  std::size_t e = i;
  if (e >= from + 2 && s[e - 1] == ' ' && is_ascii_alpha(s[e - 2])) --e;
  std::size_t b = e;
  while (b > from && is_ascii_alpha(s[b - 1])) --b;
  if (b == e) return 0;
  std::uint64_t h = 14695981039346656037ull;  // FNV-1a
  auto mix = [&](char c) { h = (h ^ static_cast<unsigned char>(to_lower_ascii(c))) * 1099511628211ull; };
  for (std::size_t k = b; k < e; ++k) mix(s[k]);
  for (std::size_t k = i; k < j; ++k) mix(s[k]);
  return h | 1;
}

// All the places in one line that could be a footnote reference; and, in `names`, the
// name every number after a word makes (see weaken_repeated_names).
void scan_line(std::string_view in, std::size_t line_no, std::size_t from, std::size_t to,
               std::vector<Candidate>& out, std::vector<std::uint64_t>& names) {
  std::string_view s = in.substr(0, to);
  for (std::size_t i = from; i < to; ++i) {
    const char c = s[i];
    if (c == '[') {
      // [^label] anywhere; [n] glued to or after text (not at the line's start: that is a body marker)
      std::size_t close = s.find(']', i);
      if (close == std::string_view::npos || close - i > 40) continue;
      std::string_view inner = s.substr(i + 1, close - i - 1);
      bool followed_ok = close + 1 >= to || (s[close + 1] != '(' && s[close + 1] != ':' && s[close + 1] != '[');
      if (inner.size() > 1 && inner[0] == '^' && inner.find_first_of(" \t") == std::string_view::npos && followed_ok) {
        long v = 0;
        bool numeric = std::all_of(inner.begin() + 1, inner.end(), is_ascii_digit) && inner.size() <= 4;
        if (numeric) v = std::stol(std::string(inner.substr(1)));
        out.push_back({i, close + 1, line_no, numeric ? v : -1, 4.0, true, std::string(inner.substr(1))});
        i = close;
        continue;
      }
      if (!inner.empty() && inner.size() <= 3 && std::all_of(inner.begin(), inner.end(), is_ascii_digit) &&
          i > from && followed_ok) {
        long v = std::stol(std::string(inner));
        if (v > 0) out.push_back({i, close + 1, line_no, v, 4.0, true, std::string(inner)});
        i = close;
      }
      continue;
    }
    auto uc = static_cast<unsigned char>(c);
    if (uc == 0xC2 || uc == 0xE2) {
      std::size_t j = i;
      long v = parse_superscript_number(s, j);
      if (v > 0 && i > from) {
        out.push_back({i, j, line_no, v, 4.0, true, std::to_string(v)});
        i = j - 1;
      }
      continue;
    }
    if (!is_ascii_digit(c) || i == from || is_ascii_digit(s[i - 1])) continue;
    std::size_t j = i;
    while (j < to && is_ascii_digit(s[j])) ++j;
    if (const std::uint64_t name = name_hash(s, from, i, j)) names.push_back(name);
    const char next = j < to ? s[j] : ' ';
    const bool next_space = is_space(next);
    // Closing punctuation after the digits — but "1.2" and "1,000" are numbers.
    // Closing punctuation after the digits — but "1.2", "2.x" and "1,000" go on as one token.
    const bool next_punct = ((next == '.' || next == ',' || next == ';' || next == ':' || next == ')' || next == '!' ||
                              next == '?' || next == '"') &&
                             (j + 1 >= to || is_space(s[j + 1]) || s[j + 1] == '"' || s[j + 1] == ')' ||
                              closing_quote_at(s, j + 1))) ||
                            closing_quote_at(s, j);
    const bool next_letter = is_ascii_alpha(next);
    std::size_t after = j;
    while (after < to && s[after] == ' ') ++after;
    const bool operator_follows = after < to && after > j && std::string_view("=(){}[]<>").find(s[after]) != std::string_view::npos;
    const bool technical = looks_technical(token_around(s, i, j), s[i - 1]) || operator_follows;
    // Digit runs that are longer than the number they continue: a year with a marker
    // ("19845"), a thousands group ("1,00014"), a leading zero ("033"), a decimal or ratio.
    const bool after_number_sep = (s[i - 1] == '.' || s[i - 1] == ',' || s[i - 1] == ':') && i >= from + 2 &&
                                  is_ascii_digit(s[i - 2]);
    if (j - i >= 5 || (j - i == 4 && !after_number_sep) || (j - i >= 2 && s[i] == '0') ||
        (after_number_sep && j - i >= 2 && !(s[i - 1] == ',' && j - i == 3))) {
      const bool year = j - i == 4 && !after_number_sep && ((s[i] == '1' && s[i + 1] == '9') || (s[i] == '2' && s[i + 1] == '0'));
      if (year) { i = j - 1; continue; }  // a year, nothing more
      // A marker glued to a number: "in 19845", "$1,00030", "1.674", "21:93". Its last
      // one or two digits may be the reference; only the chain can tell.
      if ((next_space || next_punct) && !technical) {
        for (std::size_t len = 1; len <= 2 && len < j - i; ++len) {
          long v = std::stol(std::string(s.substr(j - len, len)));
          // A year and a digit ("20252") is likelier than a long amount.
          bool year_like = j - i - len == 4 && (s[i] == '1' || s[i] == '2');
          // After a decimal point the digits are more likely the number's own ("1.62").
          double strength = year_like ? 1.3 : after_number_sep && s[i - 1] == '.' ? 0.6 : 0.9;
          if (v > 0) out.push_back({j - len, j, line_no, v, strength, false, {}});
        }
      }
      i = j - 1;
      continue;
    }
    long v = std::stol(std::string(s.substr(i, j - i)));
    double strength = 0;
    const char p = s[i - 1];
    if (std::size_t pl = closing_punct_before(s, i)) {
      // "code.1", "said.”2": but not a decimal "2.5", a time "10:30", a list "1,2".
      const char before = i - pl > from ? s[i - pl - 1] : ' ';
      if ((p == '.' || p == ',' || p == ':') && is_ascii_digit(before)) strength = 0;
      else if ((p == '.' || p == ',' || p == ':') && is_space(before)) strength = 0;
      else if (next_space || next_punct) strength = 3;
      else if (next_letter) strength = 0.5;
    } else if (p == '%' || (p == '+' && i >= from + 3 && s[i - 2] == '+' && is_ascii_alpha(s[i - 3]))) {
      if (next_space || next_punct) strength = 2.5;  // "95%27", "C++4"
    } else if (is_ascii_alpha(p)) {
      // A digit glued to a word: "Tulloch4", "productivity1"; "Core2team" mid-compound.
      std::size_t b = i;
      while (b > from && is_ascii_alpha(s[b - 1])) --b;
      std::string_view word = s.substr(b, i - b);
      const bool has_lower = std::any_of(word.begin(), word.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; });
      const bool lower_end = p >= 'a' && p <= 'z';
      const bool after_digit = b > from && is_ascii_digit(s[b - 1]);  // "3rd1"
      // "1.0-beta1": a word inside a version-like token is a name with a number.
      std::string_view tok = token_around(s, i, j);
      const bool versioned = !after_digit && std::count_if(tok.begin(), tok.end(), is_ascii_digit) > static_cast<long>(j - i);
      if (next_space || next_punct) {
        if (after_digit) strength = 1.5;
        else if (versioned) strength = 0.6;
        // "memcpy1." ends a clause; "beta1 is" and "latin1 garbage" are more often names.
        else if (word.size() >= 4 && has_lower && lower_end) strength = next_punct || j == to ? 2.2 : 1.7;
        else if (word.size() >= 2 && lower_end) strength = 1.6;  // "it23."
        else if (word.size() >= 3 && has_lower) strength = 1.4;
        else strength = 0.6;  // "GPT3", "x86", "A4"
      } else if (next_letter && word.size() >= 3 && lower_end) {
        strength = 1.0;
      }
    } else if (p == ' ' && i >= from + 2 && (next_space || next_punct || j == to) &&
               !names_numbered_thing(s.substr(from, i - 1 - from))) {
      const char before = s[i - 2];
      const bool opens_sentence = j == to || (j + 1 < to && next_space && (s[j + 1] >= 'A' && s[j + 1] <= 'Z'));
      if ((before == '.' || before == '!' || before == '?' || before == '"') && opens_sentence)
        strength = 1.5;  // "cost. 6 The": a superscript that kept its space
      // "at Sentry 1.", "against HMAC-MD5 1."
      else if ((is_ascii_alpha(before) || (is_ascii_digit(before) && i >= from + 3 && is_ascii_alpha(s[i - 3]))) &&
               ((next_punct && next != ':') || j == to))
        strength = 1.1;
      else if ((is_ascii_alpha(before) || before == ')') && next != ':') strength = 0.5;  // "solution 1 on"
    }
    if (strength > 0 && v > 0 && !technical) out.push_back({i, j, line_no, v, strength, false, {}});
    i = j - 1;
  }
}

// A word followed by the same number in more than one place ("latin1" … "latin1",
// "Viking 1" … "Viking 1") is a name with a number, not a word with a superscript: a
// note's number follows a given word once. ("versions1" … "versions2" may well be two
// notes.) `names` holds the name of every number after a word, as scan_line found them.
void weaken_repeated_names(const TextDoc& doc, std::vector<Candidate>& cands, std::vector<std::uint64_t>& names) {
  std::sort(names.begin(), names.end());
  for (Candidate& c : cands) {
    if (c.explicit_marker) continue;
    const std::uint64_t name = name_hash(doc.in, doc.lines[c.line].lstart, c.start, c.end);
    if (!name) continue;
    const auto [lo, hi] = std::equal_range(names.begin(), names.end(), name);
    if (hi - lo >= 2) c.strength = std::min(c.strength, 0.6);
  }
}

// A unit of the trailing text: a paragraph (lines first..last).
struct Unit {
  std::size_t first, last;
};

std::string body_text(const TextDoc& doc, std::size_t first, std::size_t last, std::size_t skip_marker) {
  std::string out;
  for (std::size_t i = first; i <= last; ++i) {
    const TextLine& l = doc.lines[i];
    if (l.blank) {
      if (!out.empty() && out.back() != '\n') out.append("\n\n");
      continue;
    }
    std::string_view t = doc.text(l);
    if (i == first) t.remove_prefix(std::min(skip_marker, t.size()));
    if (!out.empty() && out.back() != '\n') out.push_back('\n');
    out.append(t);
  }
  // The back-link arrow "↩︎" (with or without its variation selector) is navigation, not text.
  for (std::string_view arrow : {"\xE2\x86\xA9\xEF\xB8\x8E", "\xE2\x86\xA9"}) {
    for (std::size_t at; (at = out.find(arrow)) != std::string::npos;) out.erase(at, arrow.size());
  }
  return clean_text(trim(out));
}

bool ends_with_backlink(std::string_view t) {
  t = trim(t);
  return (t.size() >= 6 && t.substr(t.size() - 6) == "\xE2\x86\xA9\xEF\xB8\x8E") ||
         (t.size() >= 3 && t.substr(t.size() - 3) == "\xE2\x86\xA9");
}

bool is_notes_heading(std::string_view t) {
  t = trim(t);
  while (!t.empty() && (t.back() == ':' || t.back() == '.')) t.remove_suffix(1);
  return iequals(t, "notes") || iequals(t, "footnotes") || iequals(t, "endnotes") || iequals(t, "note");
}

// The chains: for every value v, the strongest chain 1..v of increasing position.
// A chain may skip one value (a marker the copy lost, or one glued to a number beyond
// recognition) at a cost, so that one missing link does not lose every later one.
constexpr double kGapCost = 2.5;
struct Chains {
  std::vector<double> best_score;
  std::vector<std::size_t> best_at;
  std::vector<std::size_t> pred;

  Chains(const std::vector<Candidate>& cands, std::size_t before_line) : pred(cands.size(), npos) {
    for (std::size_t k = 0; k < cands.size(); ++k) {
      const Candidate& c = cands[k];
      if (c.value < 1 || c.value > 999 || c.line >= before_line) continue;
      auto v = static_cast<std::size_t>(c.value);
      double s = c.strength;
      if (v > 1) {
        auto reach = [&](std::size_t from) { return from < best_score.size() && best_score[from] > 0 ? best_score[from] : 0.0; };
        const double direct = reach(v - 1);
        const double skip = v >= 3 ? reach(v - 2) - kGapCost : 0.0;
        if (direct <= 0 && skip <= 0) continue;
        if (direct >= skip) { s += direct; pred[k] = best_at[v - 1]; }
        else { s += skip; pred[k] = best_at[v - 2]; }
      }
      if (best_score.size() <= v) { best_score.resize(v + 1, 0); best_at.resize(v + 1, 0); }
      if (s > best_score[v]) { best_score[v] = s; best_at[v] = k; }
    }
  }
  std::size_t longest() const {
    for (std::size_t v = best_score.size(); v-- > 1;)
      if (best_score[v] > 0) return v;
    return 0;
  }
  // The chain ending in value n, indexed by value - 1; npos where a value was skipped.
  std::vector<std::size_t> chain(std::size_t n, const std::vector<Candidate>& cands) const {
    std::vector<std::size_t> out;
    if (n == 0 || n >= best_score.size() || best_score[n] <= 0) return out;
    out.assign(n, npos);
    for (std::size_t k = best_at[n]; k != npos; k = pred[k]) out[static_cast<std::size_t>(cands[k].value) - 1] = k;
    return out;
  }
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
};

struct Body {
  std::size_t first, last, marker_len;
  std::string label;
};

// Aligns n references to the trailing units; returns the bodies and the total similarity.
struct Alignment {
  std::vector<Body> bodies;
  double score = -1e18;
  double similarity = 0;
  double margin = 0;  // how much better each body matches its reference than the average paragraph
  double body_like = 0;  // bodies that look like notes by themselves: a bare link, "[Title]…"
};

class Aligner {
 public:
  Aligner(const TextDoc& doc, const std::vector<Candidate>& cands) : doc_(doc), cands_(cands) {
    // How rare each word is in this document: shared rare words are the evidence.
    std::vector<std::string> words;
    for (std::size_t i = 0; i < doc.lines.size(); ++i) {
      if (doc.lines[i].blank) continue;
      words.clear();
      content_words(doc.text(i), words, 200);
      std::sort(words.begin(), words.end());
      words.erase(std::unique(words.begin(), words.end()), words.end());
      for (std::string& w : words) ++df_[std::move(w)];
      ++lines_;
    }
  }

  Alignment align(const std::vector<std::size_t>& chain, const std::vector<Unit>& units) const {
    Alignment out;
    const std::size_t nb = chain.size();
    const std::size_t window = std::min<std::size_t>(units.size(), 3 * nb + 30);
    if (nb == 0 || window < nb) return out;
    const std::size_t off = units.size() - window;
    std::vector<std::vector<std::string>> ctx(nb);
    for (std::size_t k = 0; k < nb; ++k) {
      if (chain[k] == Chains::npos) continue;  // a skipped value: nothing to compare
      const Candidate& c = cands_[chain[k]];
      const TextLine& l = doc_.lines[c.line];
      std::size_t b = c.start > l.lstart + 200 ? c.start - 200 : l.lstart;
      std::size_t e = std::min(l.end, c.end + 60);
      content_words(doc_.in.substr(b, c.start - b), ctx[k], 1000);
      if (ctx[k].size() > 14) ctx[k].erase(ctx[k].begin(), ctx[k].end() - 14);
      content_words(doc_.in.substr(c.end, e - c.end), ctx[k], ctx[k].size() + 4);
      std::sort(ctx[k].begin(), ctx[k].end());
      ctx[k].erase(std::unique(ctx[k].begin(), ctx[k].end()), ctx[k].end());
    }
    std::vector<std::unordered_set<std::string>> uw(window);
    std::vector<double> trailing_cost(window), continue_cost(window);
    for (std::size_t u = 0; u < window; ++u) {
      std::vector<std::string> w;
      const Unit& un = units[off + u];
      std::string_view t = doc_.in.substr(doc_.lines[un.first].lstart, doc_.lines[un.last].end - doc_.lines[un.first].lstart);
      content_words(t, w, 40);
      uw[u].insert(w.begin(), w.end());
      // Reader comments after the notes are short; a long paragraph there is a body.
      trailing_cost[u] = t.size() < 30 ? 0.3 : 1.2;
      // A paragraph continues the body before it cheaply when that one leads into it
      // (ends in ':') or when it is a list (several lines).
      const bool after_lead_in = u > 0 && doc_.in[doc_.lines[units[off + u - 1].last].end - 1] == ':';
      continue_cost[u] = after_lead_in || un.last > un.first ? 0.2 : 1.0;
    }
    auto sim_raw = [&](std::size_t k, std::size_t u) {
      double shared = 0;
      for (const std::string& w : ctx[k])
        if (uw[u].count(w)) {
          auto it = df_.find(w);
          double df = it == df_.end() ? 1.0 : static_cast<double>(it->second);
          shared += std::min(2.0, std::log2(1.0 + static_cast<double>(lines_) / df) / 3.0);
        }
      return shared / (1.0 + shared);
    };
    // Body k can only lie among units k .. k + (window - nb): the similarities of that
    // band, computed once each.
    const std::size_t band = window - nb + 1;
    std::vector<double> sims(nb * band);
    for (std::size_t k = 0; k < nb; ++k)
      for (std::size_t d = 0; d < band; ++d) sims[k * band + d] = sim_raw(k, k + d);
    auto sim = [&](std::size_t k, std::size_t u) {
      return u >= k && u - k < band ? sims[k * band + (u - k)] : sim_raw(k, u);
    };
    constexpr std::size_t kMaxUnits = 4;
    const double NEG = -1e18;
    std::vector<std::vector<double>> dp(nb, std::vector<double>(window, NEG));
    std::vector<std::vector<double>> simsum(nb, std::vector<double>(window, 0));
    std::vector<std::vector<std::size_t>> start(nb, std::vector<std::size_t>(window, 0));
    for (std::size_t k = 0; k < nb; ++k) {
      for (std::size_t j = k; j < window; ++j) {
        for (std::size_t a = j + 1; a-- > 0 && j - a < kMaxUnits;) {
          double prev = 0, prev_sim = 0;
          if (k > 0) {
            if (a == 0 || dp[k - 1][a - 1] <= NEG / 2) continue;
            prev = dp[k - 1][a - 1];
            prev_sim = simsum[k - 1][a - 1];
          }
          double sk = sim(k, a);
          double extra = 0;
          for (std::size_t u = a + 1; u <= j; ++u) extra += continue_cost[u];
          double sc = prev + sk - extra;
          if (sc > dp[k][j]) { dp[k][j] = sc; start[k][j] = a; simsum[k][j] = prev_sim + sk; }
        }
      }
    }
    std::size_t best_j = window - 1;
    for (std::size_t j = nb - 1; j < window; ++j) {
      double trailing = 0;
      for (std::size_t u = j + 1; u < window; ++u) trailing += trailing_cost[u];
      double sc = dp[nb - 1][j] - trailing;
      if (sc > out.score) { out.score = sc; best_j = j; }
    }
    out.similarity = simsum[nb - 1][best_j];
    std::vector<Body> rev;
    for (std::size_t k = nb, j = best_j; k-- > 0;) {
      std::size_t a = start[k][j];
      rev.push_back({units[off + a].first, units[off + j].last, 0, std::to_string(k + 1)});
      if (a == 0) break;
      j = a - 1;
    }
    out.bodies.assign(rev.rbegin(), rev.rend());
    for (const Body& b : out.bodies) {
      std::string_view t = doc_.text(b.first);
      if ((b.first == b.last && t.find(' ') == std::string_view::npos && t.find("://") != std::string_view::npos) ||
          t.front() == '[' || t.front() == '^')
        out.body_like += 1.0;
    }
    for (std::size_t k = 0; k < out.bodies.size() && k < nb; ++k) {
      double mean = 0;
      for (std::size_t u = 0; u < window; ++u) mean += sim(k, u);
      mean /= static_cast<double>(window);
      std::size_t u_k = 0;
      while (u_k < window && units[off + u_k].first != out.bodies[k].first) ++u_k;
      if (u_k < window) out.margin += sim(k, u_k) - mean;
    }
    return out;
  }

 private:
  const TextDoc& doc_;
  const std::vector<Candidate>& cands_;
  std::unordered_map<std::string, std::size_t> df_;
  std::size_t lines_ = 0;
};

// Symbol notes: "*", "†", "‡", "§" (or the same doubled, "**", "††") glued after a
// word or a stop ("owns.*", "disagree†"), with bodies at the end of the text that
// open with the same symbol ("* By owns I mean …"). A trailing line that opens with
// a symbol no reference uses is a list item, so every body must be referenced.
constexpr std::string_view kNoteSymbols[] = {"*", "\xE2\x80\xA0", "\xE2\x80\xA1", "\xC2\xA7"};

// The run of one note symbol at s[i] (up to three of it), or empty.
std::string_view symbol_run(std::string_view s, std::size_t i) {
  for (std::string_view sym : kNoteSymbols) {
    if (s.substr(i, sym.size()) != sym) continue;
    std::size_t j = i + sym.size();
    for (int k = 1; k < 3 && s.substr(j, sym.size()) == sym; ++k) j += sym.size();
    return s.substr(i, j - i);
  }
  return {};
}

void recover_symbol_notes(TextDoc& doc, BlockModel& model) {
  const std::size_t nlines = doc.lines.size();
  // The body openings among the last lines: a symbol run, then a space.
  std::vector<std::pair<std::size_t, std::string_view>> opens;  // line, symbol run
  std::size_t seen = 0;
  for (std::size_t i = nlines; i-- > 0 && seen < 60;) {
    if (doc.lines[i].blank || doc.lines[i].role == LineRole::title) continue;
    ++seen;
    std::string_view t = doc.text(i);
    const std::string_view run = symbol_run(t, 0);
    // (A line of symbols alone, "* * *", is a break between sections.)
    auto words_follow = [&] {
      return std::any_of(t.begin() + static_cast<std::ptrdiff_t>(run.size()), t.end(),
                         [](char c) { return is_ascii_alpha(c) || is_ascii_digit(c); });
    };
    if (!run.empty() && run.size() < t.size() && (t[run.size()] == ' ' || t[run.size()] == '\t') && words_follow()) {
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
      if (opens[a].second == opens[b].second) return;  // "* a", "* b": a bulleted list
  // The references: each symbol glued after text, before the first body.
  std::vector<RefSite> refs;
  std::vector<bool> referenced(opens.size(), false);
  const std::size_t first_body = opens.front().first;
  for (std::size_t i = 0; i < first_body; ++i) {
    const TextLine& l = doc.lines[i];
    if (l.blank || l.role == LineRole::title) continue;
    std::string_view t = doc.text(i);
    for (std::size_t k = 1; k < t.size(); ++k) {
      std::string_view run = symbol_run(t, k);
      if (run.empty()) continue;
      const std::size_t e = k + run.size();
      const bool glued = !is_space(t[k - 1]) && symbol_run(t, k - 1).empty();
      const bool ends = e == t.size() || is_space(t[e]) || std::string_view(".,;:!?)\"'").find(t[e]) != std::string_view::npos;
      if (glued && ends)
        for (std::size_t b = 0; b < opens.size(); ++b)
          if (opens[b].second == run) {
            referenced[b] = true;
            refs.push_back({std::string(run), doc.index->span(l.lstart + k, l.lstart + e)});
          }
      k = e - 1;
    }
  }
  if (std::find(referenced.begin(), referenced.end(), false) != referenced.end()) return;
  for (std::size_t b = 0; b < opens.size(); ++b) {
    const std::size_t first = opens[b].first;
    const std::size_t last = b + 1 < opens.size() ? doc.prev_nonblank(opens[b + 1].first) : doc.prev_nonblank(nlines);
    for (std::size_t i = first; i <= last; ++i)
      if (!doc.lines[i].blank) doc.lines[i].role = LineRole::note_body;
    std::string_view src = doc.in.substr(doc.lines[first].lstart, doc.lines[last].end - doc.lines[first].lstart);
    std::size_t skip = opens[b].second.size();
    while (skip < doc.text(first).size() && is_space(doc.text(first)[skip])) ++skip;
    model.bodies.push_back({std::string(opens[b].second), doc.span(first, last), body_text(doc, first, last, skip)});
    model.prose.push_back({doc.span(first, last), ProseRole::footnote, count_words(src)});
  }
  model.refs.insert(model.refs.end(), refs.begin(), refs.end());
}

}  // namespace

void recover_footnotes(TextDoc& doc, BlockModel& model) {
  const std::size_t nlines = doc.lines.size();
  recover_symbol_notes(doc, model);
  // 1. Candidates everywhere but the title; in a line that reads as code they are weak.
  std::vector<Candidate> cands;
  std::vector<std::uint64_t> names;
  for (std::size_t i = 0; i < nlines; ++i) {
    const TextLine& l = doc.lines[i];
    if (l.blank || l.role == LineRole::title || l.role == LineRole::note_body) continue;
    std::size_t before = cands.size();
    scan_line(doc.in, i, l.lstart, l.end, cands, names);
    if (cands.size() > before && doc.shape[i].code >= 0.45)
      for (std::size_t k = before; k < cands.size(); ++k) cands[k].strength *= 0.25;
  }
  weaken_repeated_names(doc, cands, names);
  auto block_end = [&](std::size_t i) {  // last line of the paragraph holding line i
    if (!doc.blank_separated) return i;
    while (i + 1 < nlines && !doc.lines[i + 1].blank) ++i;
    return i;
  };

  std::vector<Body> bodies;
  std::vector<std::size_t> chain;

  // 2a. [^label]: definitions, and the [^label] references to them.
  std::unordered_map<std::string, std::size_t> defined;
  std::vector<std::size_t> def_lines;
  for (std::size_t i = 0; i < nlines; ++i) {
    std::string_view t = doc.text(i);
    if (t.size() > 4 && t.substr(0, 2) == "[^") {
      std::size_t close = t.find("]:");
      if (close != std::string_view::npos && close > 2) {
        defined.emplace(std::string(t.substr(2, close - 2)), def_lines.size());
        def_lines.push_back(i);
      }
    }
  }
  std::vector<std::size_t> named;
  if (!defined.empty()) {
    for (std::size_t k = 0; k < cands.size(); ++k)
      if (!cands[k].label.empty() && cands[k].label.find(']') == std::string::npos && cands[k].start > 0 &&
          doc.in.substr(cands[k].start, 2) == "[^" && defined.count(cands[k].label))
        named.push_back(k);
    for (std::size_t d = 0; d < def_lines.size(); ++d) {
      std::size_t first = def_lines[d];
      std::size_t last = d + 1 < def_lines.size() ? doc.prev_nonblank(def_lines[d + 1]) : block_end(first);
      std::string_view t = doc.text(first);
      std::size_t close = t.find("]:");
      std::size_t mlen = close + 2;
      while (mlen < t.size() && t[mlen] == ' ') ++mlen;
      bodies.push_back({first, last, mlen, std::string(t.substr(2, close - 2))});
    }
  } else {
    // 2b. Numbered bodies: the last run 1, 2, … of note markers at line starts.
    std::vector<std::pair<std::size_t, NoteMarker>> numbered, current;
    long expect = 0;
    for (std::size_t i = 0; i < nlines; ++i) {
      if (doc.lines[i].blank) continue;
      NoteMarker m = parse_note_marker(doc.text(i));
      if (m.value == 1) {
        if (!current.empty()) numbered = std::move(current);
        current.clear();
        current.emplace_back(i, m);
        expect = 2;
      } else if (m.value > 1 && m.value == expect && !current.empty()) {
        current.emplace_back(i, m);
        ++expect;
      }
    }
    if (!current.empty()) numbered = std::move(current);
    // Lines ending in a back-link arrow close each body.
    std::vector<std::size_t> arrows;
    for (std::size_t i = 0; i < nlines; ++i)
      if (!doc.lines[i].blank && ends_with_backlink(doc.text(i))) arrows.push_back(i);

    // One numbered line counts as a body when it is marked unambiguously, or when an
    // explicit reference ([1], ¹) points to it.
    const bool explicit_one = !numbered.empty() && std::any_of(cands.begin(), cands.end(), [&](const Candidate& c) {
      return c.explicit_marker && c.value == 1 && c.line < numbered.front().first;
    });
    const bool numbered_ok =
        !numbered.empty() && (numbered.size() >= 2 || numbered.front().second.bracketed || explicit_one);
    if (numbered_ok) {
      Chains chains(cands, numbered.front().first);
      std::size_t n = std::min(chains.longest(), numbered.size());
      chain = chains.chain(n, cands);
      if (!chain.empty())
        for (std::size_t b = 0; b < numbered.size(); ++b) {
          std::size_t first = numbered[b].first;
          std::size_t last = b + 1 < numbered.size() ? doc.prev_nonblank(numbered[b + 1].first) : block_end(first);
          bodies.push_back({first, last, numbered[b].second.length, std::to_string(numbered[b].second.value)});
        }
    } else if (!arrows.empty()) {
      std::size_t first_body = arrows.front();
      if (doc.blank_separated)
        while (first_body > 0 && !doc.lines[first_body - 1].blank) --first_body;
      Chains chains(cands, first_body);
      std::size_t n = std::min(chains.longest(), arrows.size());
      chain = chains.chain(n, cands);
      std::size_t skip = arrows.size() - n;
      for (std::size_t k = 0; k < n; ++k) {
        std::size_t end = arrows[skip + k];
        std::size_t begin = k == 0 ? (skip == 0 ? first_body : doc.next_nonblank(arrows[skip - 1]))
                                   : doc.next_nonblank(arrows[skip + k - 1]);
        bodies.push_back({begin, end, 0, std::to_string(k + 1)});
      }
    } else {
      // 2c. Unnumbered bodies: try the longest chains and keep the one whose
      // references best match the trailing paragraphs.
      // [n] and superscripts come with numbered bodies; without them they are not notes.
      std::vector<Candidate> glued;
      for (const Candidate& c : cands)
        if (!c.explicit_marker) glued.push_back(c);
      cands = std::move(glued);
      Chains chains(cands, nlines);
      const std::size_t longest = chains.longest();
      Aligner aligner(doc, cands);
      // Below this, the "references" are numbers in prose. A lone reference glued to a
      // lower-case word ("menu1 looks") just clears it with no shared word; names that
      // look the same ("latin1") are told apart by repetition (weaken_repeated_names).
      double best_total = 1.0;
      // All the units of the document, to test quickly whether n bodies fit after a chain.
      std::vector<Unit> all_units;
      for (std::size_t i = 0; i < nlines; ++i) {
        if (doc.lines[i].blank || doc.lines[i].role == LineRole::note_body) continue;
        std::size_t e = block_end(i);
        all_units.push_back({i, e});
        i = e;
      }
      // Numbers inside the bodies (URLs, years) can extend a chain past the real last
      // reference; such a chain leaves too few paragraphs after it, so it is skipped
      // cheaply. Only a bounded number of feasible lengths is aligned.
      std::size_t tried = 0;
      for (std::size_t n = longest; n >= 1 && tried < 8; --n) {
        std::vector<std::size_t> c = chains.chain(n, cands);
        if (c.empty()) continue;
        const std::size_t after = block_end(cands[c.back()].line) + 1;
        auto first_after = std::lower_bound(all_units.begin(), all_units.end(), after,
                                            [](const Unit& u, std::size_t line) { return u.first < line; });
        if (static_cast<std::size_t>(all_units.end() - first_after) < n) continue;
        ++tried;
        std::vector<Unit> units(first_after, all_units.end());
        // The chain's own evidence first: a chain that fails it needs no alignment.
        double evidence = 0, weakest = 4, mean = 0;
        std::size_t present = 0;
        for (std::size_t k : c) {
          if (k == Chains::npos) { evidence -= kGapCost; continue; }
          ++present;
          mean += cands[k].strength;
          const double d = cands[k].strength - 1.0;
          evidence += d < 0 ? 4 * d : 1.5 * d;  // a weak link weakens the whole chain
          weakest = std::min(weakest, cands[k].strength);
        }
        // Two or three numbers in a row happen in prose ("Python 2", "round 1"); a chain
        // of references needs its links to be, on the whole, glued like superscripts.
        mean /= static_cast<double>(present);
        if ((n <= 2 && weakest < 1.0) || (n == 2 && mean < 1.5) || (n >= 3 && mean < 1.3)) continue;
        Alignment a = aligner.align(c, units);
        if (a.bodies.size() != n) continue;
        double total = evidence + 3.0 * a.similarity + std::min(0.0, a.score - a.similarity) + a.body_like;
        // A "Notes" or "Footnotes" heading right before the first body settles it.
        std::size_t h = doc.prev_nonblank(a.bodies.front().first);
        if (h != TextDoc::npos && is_notes_heading(doc.text(h))) total += 2.0;
        if (total > best_total) {
          best_total = total;
          chain = std::move(c);
          bodies = std::move(a.bodies);
        }
      }
    }
  }
  if (chain.empty() && named.empty()) return;

  // 3. Into the model: references (chain, repeats, named), bodies.
  for (std::size_t k : chain) {
    if (k == Chains::npos) continue;
    const Candidate& c = cands[k];
    model.refs.push_back({std::to_string(c.value), doc.index->span(c.start, c.end)});
  }
  // An explicit marker ([n], ¹) used again later refers again to an earlier note.
  if (!chain.empty() && cands[chain.front()].explicit_marker) {
    std::unordered_set<std::size_t> in_chain(chain.begin(), chain.end());
    const std::size_t limit = bodies.empty() ? nlines : bodies.front().first;
    for (std::size_t k = 0; k < cands.size(); ++k) {
      const Candidate& c = cands[k];
      if (in_chain.count(k) || !c.explicit_marker || c.strength < 2 || c.value < 1 ||
          static_cast<std::size_t>(c.value) > chain.size())
        continue;
      const std::size_t first_use = chain[static_cast<std::size_t>(c.value) - 1];
      if (first_use != Chains::npos && c.start > cands[first_use].start && c.line < limit)
        model.refs.push_back({std::to_string(c.value), doc.index->span(c.start, c.end)});
    }
  }
  for (std::size_t k : named) model.refs.push_back({cands[k].label, doc.index->span(cands[k].start, cands[k].end)});
  std::stable_sort(model.refs.begin(), model.refs.end(),
                   [](const RefSite& a, const RefSite& b) { return a.span.start < b.span.start; });
  for (const Body& b : bodies) {
    for (std::size_t i = b.first; i <= b.last; ++i)
      if (!doc.lines[i].blank) doc.lines[i].role = LineRole::note_body;
    std::string_view src = doc.in.substr(doc.lines[b.first].lstart, doc.lines[b.last].end - doc.lines[b.first].lstart);
    model.bodies.push_back({b.label, doc.span(b.first, b.last), body_text(doc, b.first, b.last, b.marker_len)});
    model.prose.push_back({doc.span(b.first, b.last), ProseRole::footnote, count_words(src)});
  }
  // A "Notes" / "Footnotes" line just before the bodies is their heading.
  if (!bodies.empty()) {
    std::size_t h = doc.prev_nonblank(bodies.front().first);
    if (h != TextDoc::npos && is_notes_heading(doc.text(h))) doc.lines[h].role = LineRole::heading;
  }
}

}  // namespace essaykit::detail
