// The claims pass: which sentences make a claim, and which carry the thesis.
//
// A claim is an arguable assertion the author stands behind. The evidence for one is
// linguistic and positional, and every weight lives in the table below with where it
// comes from:
// - cues (RE2 sets, matched case-insensitively on word boundaries): stance ("I
//   think"), evaluation and obligation ("should", "the best"), generalisation
//   ("everyone"), conclusion markers ("therefore"), the moves of argument about
//   others' views ("some people say", "however"); and against: evidence and example
//   ("for example", "according to", numbers), narration ("when I was"), questions;
// - position: in argumentative writing the opening sentence of a paragraph states
//   its point and the middle supports it; the introduction ends on the thesis and the
//   conclusion opens by restating it (the essay-structure convention taught in
//   composition, e.g. the five-paragraph essay).
// The score is a logistic of the weighted sum; sentences above kClaimThreshold are
// claims. The thesis is the strongest claim of the introduction (or, in an essay that
// argues but opens without a claim, its opening's strongest statement), and its
// restatement at the opening of the conclusion when there is one.
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <bitset>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <memory>

#include "passes.h"

namespace essaykit::detail {
namespace {

struct Cue {
  const char* pattern;  // RE2 syntax, matched case-insensitively between word boundaries
  const char* name;     // what Claim::cues reports
  double weight;
};

// Cue weights, in log-odds: positive for what marks a claim, negative for evidence
// and narration. Their size follows how reliably each marks (or rules out) an
// assertion of the author's own: explicit stance most, generic evaluation less; the
// values are coarse on purpose (checked against essays, not fitted to them).
constexpr Cue kCues[] = {
    // Stance and opinion: the author speaks for themself.
    {"i (?:strongly |really |truly |personally |firmly |do not |don't )?(?:think|believe|feel|agree|disagree|argue|would argue|suggest)", "stance", 1.2},
    {"in my (?:opinion|view|mind|perspective)|from my (?:perspective|point of view)|my (?:position|opinion|view) is", "stance", 1.2},
    {"i am (?:for|against|in favor|in favour|convinced|sure|certain)|personally", "stance", 0.8},
    // Enumerated reasons open the points of an argument.
    {"first(?:ly)?,|second(?:ly)?,|third(?:ly)?,|another reason|one reason|the (?:first|second|third|main|last|final) reason|finally,|lastly,", "enumeration", 0.8},
    // Evaluation and obligation.
    {"should(?:n't| not)?|must|ought to|needs? to|has to|have to", "obligation", 0.6},
    {"(?:is|are|would be|will be) (?:important|essential|necessary|crucial|vital|beneficial|harmful|dangerous|unfair|fair|wrong|right|better|worse|best|worst|good|bad|great|helpful)", "evaluation", 0.5},
    {"(?:the )?(?:best|worst|most important|most effective|better|worse) (?:way|option|choice|idea|thing)", "evaluation", 0.5},
    {"(?:good|bad|great|terrible) idea|benefits?|advantages?|disadvantages?", "evaluation", 0.3},
    // Generalisation.
    {"everyone|everybody|nobody|no one|always|never|all (?:students|people|of us)|every (?:student|person|one)", "generalisation", 0.2},
    // Conclusion markers.
    {"therefore|thus|hence|in conclusion|to conclude|in summary|to sum up|to summari[sz]e|in short|in brief|overall|all in all|all things considered|on balance|taking (?:everything|all) (?:into account|together)|that is why|this is why|for (?:this|that) reason|for (?:these|those|all these|all those|the above) reasons|consequently|as a result|ultimately|in a nutshell|to put it (?:briefly|simply|in a nutshell)|in the final analysis|it (?:can|could|may) be concluded that|(?:from|based on) (?:the above|what has been (?:said|discussed))", "conclusion", 0.3},
    // Inference from what was just said: the point the evidence was for.
    {"this (?:shows|proves|means|suggests|demonstrates|indicates) that|it is (?:obvious|clear|evident) that|clearly|obviously", "conclusion", 0.3},
    // The moves of argument: others' views (counterclaims) and answers to them.
    {"some (?:people|may|might|would|could|argue|say|believe|think)|others? (?:may |might )?(?:say|argue|believe|think|claim)|opponents|critics|(?:many|most) people (?:think|believe|say|argue|feel|claim)|it is (?:often |commonly |widely |sometimes |usually )?(?:said|argued|believed|claimed|thought)", "counter", 0.6},
    // Conceding a point to the other side: a counterclaim in the author's voice, or
    // the concessive clause of the author's own claim ("Although …, I …").
    {"on the other hand|even though|although|while some|it is true that|admittedly|of course|granted|there is some truth|while (?:this|that|it) (?:is|may be|might be) true|(?:concern|argument|view|point|worry|objection) is (?:understandable|fair|valid|reasonable)", "concession", 0.6},
    {"however|but (?:i|this|that|it)|that is not|this is not|is not true|(?:fair|true|right|understandable), but", "rebuttal", 0.5},
    {"^\\W*(?:however|but|yet|still|nevertheless|nonetheless)", "rebuttal", 0.9},  // answering the view before
    // A reason given: claims carry their "because".
    {"because|since|so that", "reason", 0.3},
    // Against: evidence, examples, narration, others' words.
    {"for example|for instance|such as|according to|in paragraph|the (?:author|article|text|passage|writer) (?:says|states|said|stated|explains|mentions)|studies|research|survey|statistics|percent", "evidence", -1.1},
    {"when i was|one time|i remember|last (?:year|week|summer)|my (?:friend|mom|mother|dad|father|brother|sister|family|teacher)", "narration", -0.8},
    {"was|were|had|did", "past", -0.5},
    {"imagine|let's say|for one thing", "example", -0.4},
    // Signposts say what the text will do, not what the author holds.
    {"this (?:essay|paper|article|post) (?:will|is going to|aims to)|in this (?:essay|paper|article|post),? i (?:will|am going to)", "signpost", -1.5},
};

// Where a sentence stands, as a prior in log-odds: a body paragraph opens on its
// point and supports it after; an introduction ends on the thesis (often opening on
// it as well); a conclusion opens by restating it.
constexpr double kBodyFirst = 0.0, kBodyLast = -1.8, kBodyMiddle = -2.0, kOnlySentence = -1.5;
constexpr double kIntroFirst = -1.0, kIntroLast = -0.5, kIntroMiddle = -1.3;
constexpr double kConclusionFirst = 0.0, kConclusionOther = -1.3;
// An answer to the other side right after it is stated ("Some say …. However, …")
// is the author's point, as a paragraph's opening is; so is a body paragraph's
// closing sentence that draws its conclusion ("Therefore, …").
constexpr double kAnswer = kBodyFirst, kBodyConcluding = -1.0;
// Others' views set out in the introduction are the background of the debate, not
// counterclaims the author answers.
constexpr double kReportedView = -1.0;
// A turn in the introduction's background ("However, many feel left behind") is no
// rebuttal: it takes back about what a rebuttal cue gives.
constexpr double kBackgroundTurn = -0.8;
constexpr double kQuestion = -1.5;
constexpr double kShort = -1.0;      // under five words: a fragment, a transition
constexpr double kLong = -0.3;       // over thirty words: usually evidence strung together
constexpr double kNumber = -1.2;     // figures are evidence
constexpr double kQuotation = -0.8;  // quoted words are someone else's
// Claims are rarer than support, so the best balance of precision and recall lies
// below even odds: a sentence is a claim from a probability of 0.3.
constexpr double kClaimThreshold = 0.3;

class CueSet {
 public:
  CueSet() : set_(make_options(), RE2::UNANCHORED) {
    // A cue starts on a word boundary and ends before a non-word character (so that
    // "first," matches in "First, a …").
    for (const Cue& c : kCues) set_.Add(std::string("\\b(?:") + c.pattern + ")(?:\\W|$)", nullptr);
    ok_ = set_.Compile();
  }
  // The indices of the cues found in `sentence`.
  void match(std::string_view sentence, std::vector<int>& hits) const {
    hits.clear();
    if (ok_) set_.Match(re2::StringPiece(sentence.data(), sentence.size()), &hits);
  }

 private:
  static RE2::Options make_options() {
    RE2::Options o;
    o.set_case_sensitive(false);
    o.set_log_errors(false);
    return o;
  }
  RE2::Set set_;
  bool ok_ = false;
};

// Compiled once, read-only afterwards: RE2 sets are safe to match from many threads.
const CueSet& cue_set() {
  static const CueSet set;
  return set;
}

// What a candidate's cues were, as bits: one per entry of kCues, then the positions.
// (Names are only made into strings for the sentences that become claims.)
constexpr std::size_t kCueCount = sizeof kCues / sizeof kCues[0];
constexpr std::uint64_t kFirstBit = std::uint64_t{1} << kCueCount, kIntroEndBit = kFirstBit << 1,
                        kConclusionStartBit = kFirstBit << 2;
// Not a cue: the sentence is a statement (neither a question nor a fragment under five
// words). Kept among the bits so that a candidate stays small.
constexpr std::uint64_t kStatementBit = kFirstBit << 3;
static_assert(kCueCount + 4 <= 64, "cue bits fit a 64-bit mask");

struct Candidate {
  Span span;
  double raw = 0;
  std::uint64_t cues = 0;
  std::size_t paragraph = 0;
};

std::vector<std::string> cue_names(std::uint64_t bits) {
  std::vector<std::string> out;
  for (std::size_t k = 0; k < kCueCount; ++k)
    if ((bits >> k & 1) && kCues[k].weight > 0) out.emplace_back(kCues[k].name);
  if (bits & kFirstBit) out.emplace_back("position:first-in-paragraph");
  if (bits & kIntroEndBit) out.emplace_back("position:end-of-introduction");
  if (bits & kConclusionStartBit) out.emplace_back("position:start-of-conclusion");
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// The bits of the cues named `name` in kCues.
std::uint64_t cue_bits(std::string_view name) {
  std::uint64_t bits = 0;
  for (std::size_t k = 0; k < kCueCount; ++k)
    if (name == kCues[k].name) bits |= std::uint64_t{1} << k;
  return bits;
}

// The distinct content words of a sentence, sorted: a restatement reuses the thesis's
// own words.
std::vector<std::string> word_set(std::string_view s) {
  std::vector<std::string> w;
  content_words(s, w, 100);
  std::sort(w.begin(), w.end());
  w.erase(std::unique(w.begin(), w.end()), w.end());
  return w;
}

// How many of the sorted words `a` the sentence `b` shares.
std::size_t shared_content_words(const std::vector<std::string>& a, std::string_view b) {
  const std::vector<std::string> wb = word_set(b);
  std::vector<std::string> both;
  std::set_intersection(a.begin(), a.end(), wb.begin(), wb.end(), std::back_inserter(both));
  return both.size();
}

}  // namespace

std::vector<Claim> find_claims(std::string_view input, const std::vector<ProseBlock>& prose,
                               const std::vector<Sentence>& sentences, const std::vector<std::uint32_t>& block_of,
                               const std::vector<Section>& sections) {
  // The argument lives in paragraphs and list items: number them in order.
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::vector<std::size_t> paragraph_of(prose.size(), kNone);
  std::size_t np = 0;
  for (std::size_t b = 0; b < prose.size(); ++b)
    if (prose[b].role == ProseRole::paragraph || prose[b].role == ProseRole::list_item) paragraph_of[b] = np++;
  std::vector<Candidate> cands;
  std::vector<int> hits;
  const CueSet& cues = cue_set();
  const std::uint64_t reporting = cue_bits("counter"), conceding = cue_bits("concession"),
                      others_view = reporting | conceding, answering = cue_bits("rebuttal"),
                      obliging = cue_bits("obligation"),
                      stance = cue_bits("stance"), concluding = cue_bits("conclusion");
  std::uint64_t prev_cues = 0;  // the cues of the sentence before, in the same paragraph
  for (std::size_t i = 0; i < sentences.size(); ++i) {
    const std::size_t p = paragraph_of[block_of[i]];
    if (p == kNone) continue;
    const bool first = i == 0 || block_of[i - 1] != block_of[i];
    const bool last = i + 1 == sentences.size() || block_of[i + 1] != block_of[i];
    {
      std::string_view s = slice(input, sentences[i].span);
      Candidate c;
      c.span = sentences[i].span;
      c.paragraph = p;
      double x = 0;
      cues.match(s, hits);
      for (int h : hits) {
        x += kCues[h].weight;
        c.cues |= std::uint64_t{1} << h;
      }
      const bool only = first && last;
      const bool intro = np > 2 && p == 0, conclusion = np > 2 && p + 1 == np;
      const bool answers = !first && (prev_cues & others_view) != 0 && (c.cues & answering) != 0;
      if (intro) {
        x += only ? kIntroLast : first ? kIntroFirst : last ? kIntroLast : kIntroMiddle;
        // (Reported, and not answered in the same sentence: no stance, no "but".)
        if ((c.cues & reporting) && !(c.cues & (stance | answering | conceding)) &&
            s.find(" but ") == std::string_view::npos)
          x += kReportedView;
        // "However, many people feel left behind": in the introduction a turn without a
        // stance or an obligation turns the background, not the argument.
        if ((c.cues & answering) && !(c.cues & (stance | obliging))) x += kBackgroundTurn;
      } else if (conclusion) {
        x += first ? kConclusionFirst : kConclusionOther;
      } else {
        x += only ? kOnlySentence : first ? kBodyFirst : answers ? kAnswer
             : last ? ((c.cues & concluding) ? kBodyConcluding : kBodyLast) : kBodyMiddle;
      }
      prev_cues = c.cues;
      if (first && !intro) c.cues |= kFirstBit;
      if (intro && last) c.cues |= kIntroEndBit;
      if (conclusion && first) c.cues |= kConclusionStartBit;
      const std::size_t words = count_words(s);
      const bool question = !s.empty() && trim(s).back() == '?';
      if (question) x += kQuestion;
      if (words < 5) x += kShort;
      if (!question && words >= 5) c.cues |= kStatementBit;
      if (words > 30) x += kLong;
      // One look at the bytes for figures and quotation marks (" and the opening “).
      bool number = false, quotation = false;
      for (std::size_t k = 0; k < s.size(); ++k) {
        const char ch = s[k];
        number |= ch >= '0' && ch <= '9';
        quotation |= ch == '"' || (ch == '\xE2' && s.substr(k + 1, 2) == "\x80\x9C");
      }
      if (number) x += kNumber;
      if (quotation) x += kQuotation;
      c.raw = x;
      cands.push_back(std::move(c));
    }
  }
  auto score = [](double raw) { return 1.0 / (1.0 + std::exp(-raw)); };

  // The thesis: the strongest claim of the introduction (of the opening sentences
  // when the essay has no separate introduction), with explicit stance and
  // obligation counting extra there; and its restatement opening the conclusion.
  std::size_t thesis = cands.size();
  const std::uint64_t committed = stance | obliging;
  // (An introduction's first sentence states the position as often as its last does,
  // though it is less often a claim otherwise: for the thesis the two weigh the same.)
  auto thesis_weight = [&](const Candidate& c) {
    double w = c.raw + 0.5 * static_cast<double>(std::bitset<64>(c.cues & committed).count());
    if (&c == &cands.front() && np >= 3) w += kIntroLast - kIntroFirst;
    return w;
  };
  // A thesis must stand as a claim: above the threshold, or a little below it with a
  // lexical cue of its own (position alone does not make a thesis).
  std::uint64_t positive = 0;
  for (std::size_t k = 0; k < kCueCount; ++k)
    if (kCues[k].weight > 0) positive |= std::uint64_t{1} << k;
  auto can_be_thesis = [&](const Candidate& c) {
    const double sc = score(c.raw);
    return sc > kClaimThreshold || ((c.cues & positive) != 0 && sc > kClaimThreshold - 0.08 && cands.size() >= 5);
  };
  // The strongest opening sentence that can be the thesis, and the strongest opening
  // statement: an essay that argues (it makes claims) has a position even when no
  // opening sentence reads as a claim on its own, and then it is that statement.
  std::size_t statement = cands.size();
  auto stronger = [&](std::size_t i, std::size_t best) {
    return best == cands.size() || thesis_weight(cands[i]) > thesis_weight(cands[best]);
  };
  for (std::size_t i = 0; i < cands.size(); ++i) {
    const bool opening = np >= 3 ? cands[i].paragraph == 0 : i < 3;
    if (!opening) break;
    if (can_be_thesis(cands[i]) && stronger(i, thesis)) thesis = i;
    if ((cands[i].cues & kStatementBit) && stronger(i, statement)) statement = i;
  }
  if (thesis == cands.size() &&
      std::any_of(cands.begin(), cands.end(), [&](const Candidate& c) { return score(c.raw) > kClaimThreshold; }))
    thesis = statement;
  // The conclusion restates the thesis: its opening, when that is a confident claim
  // or a claim that says it concludes or says it again in the thesis's own words;
  // and a later claim of the conclusion that takes a stance, or that concludes in
  // the thesis's words ("Banning adverts will not solve everything. Nevertheless, I
  // firmly believe …"). At most two: the rest of a conclusion sums up the reasons.
  std::vector<bool> restates(cands.size(), false);
  std::size_t restated = 0;
  const std::vector<std::string> thesis_words =
      thesis < cands.size() ? word_set(slice(input, cands[thesis].span)) : std::vector<std::string>{};
  for (std::size_t i = 0; i < cands.size() && restated < 2; ++i) {
    if (np <= 2 || cands[i].paragraph + 1 != np) continue;
    const double sc = score(cands[i].raw);
    const bool concludes = (cands[i].cues & concluding) != 0;
    const bool echoes = shared_content_words(thesis_words, slice(input, cands[i].span)) >= 2;
    const bool opening = cands[i].cues & kConclusionStartBit;
    if (opening ? sc > kClaimThreshold + 0.45 || (sc > kClaimThreshold && (concludes || echoes))
                : sc > kClaimThreshold && ((cands[i].cues & stance) || (concludes && echoes))) {
      restates[i] = true;
      ++restated;
    }
  }

  std::vector<Claim> out;
  for (std::size_t i = 0; i < cands.size(); ++i) {
    Candidate& c = cands[i];
    const double sc = score(c.raw);
    // The thesis stands even a little below the claim threshold (see can_be_thesis).
    if (sc <= kClaimThreshold && i != thesis) continue;
    Claim claim;
    claim.span = c.span;
    claim.text = clean_text(collapse_whitespace(slice(input, c.span)));
    claim.section = section_at(sections, c.span.start);
    claim.kind = i == thesis || restates[i] ? ClaimKind::thesis : ClaimKind::claim;
    claim.score = std::round(sc * 1000) / 1000;
    claim.cues = cue_names(c.cues);
    if (restates[i]) claim.cues.emplace_back("restates-thesis");
    out.push_back(std::move(claim));
  }
  return out;
}

}  // namespace essaykit::detail
