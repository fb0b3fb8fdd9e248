// The claims pass: which sentences make a claim, and which carry the thesis.
//
// A claim is an arguable assertion the author stands behind. The evidence for one is
// linguistic and positional, and every weight lives in the tables below with where it
// comes from:
// - cues (RE2 sets, matched case-insensitively): stance ("I think"), evaluation and
//   obligation ("should", "the best"), generalisation ("everyone"), conclusion markers
//   ("therefore"), the moves of argument about others' views ("some people say",
//   "however"); and against: evidence and example ("for example", "according to",
//   numbers), narration ("when I was"), premises opening a sentence ("because …");
// - position: in argumentative writing the opening sentence of a paragraph states its
//   point and the middle supports it; the introduction ends on the thesis and the
//   conclusion opens by restating it (the essay-structure convention taught in
//   composition, e.g. the five-paragraph essay);
// - context: a cue that only means something after another counts only then. "However"
//   rebuts only once others' view has been given; "should" obliges only where a point
//   is made (a paragraph's opening or close, the introduction or the conclusion, an
//   answer) or beside a stance, a judgement or others' view; "because" and "for
//   example" support a claim from inside a paragraph, and count against one there;
// - what the sentence is about and what it shares: particular people and places
//   ("Every day Maria walks to Porto", "she") are reported, kinds of things argued
//   about; a body paragraph's opening that reuses the thesis's words advances it.
// The score is a logistic of the weighted sum; sentences above kClaimThreshold are
// claims.
//
// Some sentences never assert, whatever their cues: a date or byline, a site's banner
// or call to action, a heading the copy lost, a signpost that only announces what
// follows, a question, a fragment under three words. They are no claims.
//
// Where the thesis is depends on what kind of text this is, and that is decided first,
// from explicit evidence (EssayShape): a school essay (a handful of paragraphs of
// several sentences, no headings) states it in its introduction and restates it at
// most once in its conclusion (or, when it only discusses both sides first, gives it
// in the conclusion alone); a post or article states it in its lead and comes back to
// it in its closing section; a column without headings, in its first paragraphs and
// its last. The thesis is the best candidate there, not every candidate over a bar.
//
// Sentences are scored on their text as read (prose_reading.h): markup and link
// destinations would otherwise look like figures and words of the author's.
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <array>
#include <bitset>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <deque>
#include <future>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <optional>
#include <string_view>
#include <system_error>
#include <thread>

#include "chunked_list.h"
#include "huge_pages.h"
#include "passes.h"
#include "prose_reading.h"

namespace essaykit::detail {
namespace {

struct Cue {
  const char* pattern;  // RE2 syntax, matched case-insensitively
  const char* name;     // what Claim::cues reports (cues of weight 0 or less are not reported)
  double weight;        // log-odds; 0 for a cue that only the rules below read
};

// Cues found anywhere in a sentence, between word boundaries. Their weights, in
// log-odds, follow how reliably each marks (or rules out) an assertion of the
// author's own: explicit stance most, generic evaluation less; the values are coarse
// on purpose (checked against essays, not fitted to them).
constexpr Cue kCues[] = {
    // Stance and opinion: the author speaks for themself.
    {"i (?:strongly |really |truly |personally |firmly |do not |don't )?(?:think|believe|feel|agree|disagree|argue|would argue|suggest)", "stance", 1.2},
    {"in my (?:own )?(?:opinion|view|mind|perspective)|from my (?:perspective|point of view)|my (?:position|opinion|view) is|as far as i(?:'m| am) concerned|to my mind|i am of the (?:opinion|view)|it is my (?:belief|view|opinion)|i(?:'ve| have) come to (?:believe|think|the conclusion|a (?:\\w+ )?(?:view|conclusion))", "stance", 1.2},
    {"i am (?:for|against|in favor|in favour|convinced|sure|certain)|i'm (?:convinced|sure|certain)|personally", "stance", 0.8},
    // Enumerated reasons open the points of an argument.
    {"first(?:ly)?,|second(?:ly)?,|third(?:ly)?,|another reason|one reason|the (?:first|second|third|main|last|final) reason|finally,|lastly,|first of all|in addition,|moreover,|furthermore,|additionally,|what is more,", "enumeration", 0.8},
    // Evaluation and obligation. "Should", "must" and "ought to" recommend: the writer's
    // judgement of what is to be done. "Have to" and "need to" more often state a practical
    // necessity in a description or an account ("you have to fill in a form", "they need
    // to land first"): weaker evidence of a position.
    {"should(?:n't| not)?|must|ought to", "obligation", 0.6},
    {"needs? to|has to|have to", "obligation", 0.3},
    // A judgement is one whether it is denied or graded: "is not fair", "would be very
    // helpful", "isn't worth it"; or said of a kind of thing: "is a good thing", "would
    // be an amazing experience", "is a worthy goal". The adjectives are the common words
    // of praise and blame, in everyday and in formal English.
    {"(?:is|are|would be|will be|could be|can be|isn't|aren't|wouldn't be|won't be)(?: not| never)?(?: an?)?(?: (?:very|so|too|quite|really|more|less|much|far|pretty|not|\\w+ly))? (?:important|essential|necessary|unnecessary|crucial|vital|beneficial|harmful|dangerous|safe|unsafe|risky|unfair|fair|wrong|right|better|worse|best|worst|good|bad|great|helpful|unhelpful|useful|useless|pointless|worth|worthwhile|worthy|worthless|valuable|effective|ineffective|wise|unwise|smart|foolish|silly|stupid|ridiculous|reasonable|unreasonable|responsible|irresponsible|appropriate|inappropriate|acceptable|unacceptable|reliable|unreliable|successful|healthy|unhealthy|convenient|costly|problematic|counterproductive|perfect|excellent|wonderful|amazing|awesome|fantastic|terrible|horrible|awful|interesting|boring|fun)", "evaluation", 0.5},
    {"(?:the )?(?:best|worst|most important|most effective|better|worse) (?:way|option|choice|idea|thing)|the (?:single )?most (?:useful|important|valuable|effective|serious|harmful|dangerous|powerful)", "evaluation", 0.5},
    // How much, not how good: "there is a great deal of rain", "is a fair walk". The
    // judging adjective it holds is read away (see the rules).
    {"(?:is|are|would be|will be|could be|can be|isn't|aren't|wouldn't be|won't be)(?: not| never)? an?(?: (?:very|really|pretty))? (?:great|good|fair) (?:deal|amount|number|many|few|bit|share|distance|walk|while)", "quantity", 0},
    // A judgement by a noun: "is a mistake", "would be a waste of money".
    {"(?:is|are|was|would be|will be) (?:a|an) (?:\\w+ )?(?:mistake|error|waste|shame|disgrace|failure|necessity|luxury|myth|disaster)", "evaluation", 0.5},
    {"(?:good|bad|great|terrible) idea|benefits?|advantages?|disadvantages?", "evaluation", 0.3},
    // Generalisation.
    {"everyone|everybody|nobody|no one|always|never|all (?:students|people|of us)|every (?:student|person|one)", "generalisation", 0.2},
    // Conclusion markers.
    {"therefore|thus|hence|in conclusion|to conclude|in summary|to sum up|to summari[sz]e|in short|in brief|overall|all in all|all things considered|on balance|taking (?:everything|all) (?:into account|together)|that is why|this is why|for (?:this|that) reason|for (?:these|those|all these|all those|the above) reasons|consequently|as a result|ultimately|in a nutshell|to put it (?:briefly|simply|in a nutshell)|in the final analysis|it (?:can|could|may) be concluded that|(?:from|based on) (?:the above|what has been (?:said|discussed))", "conclusion", 0.3},
    // Inference from what was just said: the point the evidence was for.
    {"this (?:shows|proves|means|suggests|demonstrates|indicates) that|it is (?:obvious|clear|evident) that|clearly|obviously", "conclusion", 0.3},
    // The moves of argument: others' views (counterclaims) and answers to them.
    {"some (?:people|may|might|would|could|argue|say|believe|think|disagree)|some (?:people|readers|critics|parents|teachers|experts|scientists|researchers|users|developers|maintainers|politicians|economists|commentators|students|employers|officials|observers|voters|residents|citizens|doctors|writers|programmers|engineers|managers) (?:will |may |might |would |could )?(?:say|argue|believe|think|claim|worry|fear|object|insist)|others? (?:may |might )?(?:say|argue|believe|think|claim)|opponents|critics|(?:many|most) (?:people|readers|critics|parents|teachers|experts|scientists|researchers|users|developers|maintainers|politicians|economists|commentators|students|employers|officials|observers|voters|residents|citizens|doctors|writers|programmers|engineers|managers) (?:think|believe|say|argue|feel|claim|worry)|the (?:usual|common|standard|main|obvious) (?:objection|argument|complaint|criticism|counterargument) is|(?:argues|claims|insists|maintains|contends) that|it is (?:often |commonly |widely |sometimes |usually )?(?:said|argued|believed|claimed|thought)|it (?:could|can|may|might) be argued|(?:some|many|most) (?:\\w+ )?(?:may|might|would|could|will) (?:also )?(?:argue|say|claim|object|contend)|(?:others|people) (?:may|might|would|could|will) (?:also )?(?:argue|say|claim|object|contend)|^\\W*one (?:could|might|may|would) (?:argue|say)|there are (?:those|people|some|many|others) who (?:argue|say|believe|think|claim|feel)", "counter", 0.6},
    // Conceding a point to the other side: a counterclaim in the author's voice, or
    // the concessive clause of the author's own claim ("Although …, I …").
    {"on the other hand|even though|although|while some|it is true that|admittedly|of course|granted|there is some truth|while (?:this|that|it) (?:is|may be|might be) true|(?:concern|argument|view|point|worry|objection) is (?:understandable|fair|valid|reasonable)", "concession", 0.6},
    // Answers to the other side; they count only once it has spoken (see the rules).
    {"however|but (?:i|this|that|it)|that is not|this is not|is not true|(?:is|are) (?:rarely|seldom|hardly|not always|not necessarily) (?:true|the case)|(?:is|are) true only|(?:fair|true|right|understandable), but|far from (?:the truth|true|the case)|(?:is|are) not the case|(?:does|do) not (?:necessarily )?mean that", "rebuttal", 0.5},
    {"^\\W*(?:however|but|yet|still|nevertheless|nonetheless)", "rebuttal", 0.9},
    // Modality: what can, could or will be is the writer's own assessment (a possibility,
    // a prediction, a proposal), where what is or was may be a report. It counts only at
    // a body paragraph's opening, where it tells a point from a report (see the rules).
    // Lower case only: a capitalised one opens a question (never a claim) or is a name
    // or a month ("In May the council …", "Will Smith").
    {"(?-i:can|could|will|would|may|might|cannot|can't|won't|wouldn't|couldn't)", "modal", 0.3},
    // A reason given: claims carry their "because" (at a paragraph's opening; see the rules).
    {"because|since|so that", "reason", 0.3},
    // Against: evidence, examples, narration, others' words.
    {"for example|for instance|such as|according to|in paragraph|the (?:author|article|text|passage|writer) (?:says|states|said|stated|explains|mentions)|studies|research|survey|statistics|percent", "evidence", -1.1},
    {"when i was|one time|i remember|last (?:year|week|month|summer|winter|night|time|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|yesterday|(?:a few|two|three|several) (?:days|weeks|months|years) ago|my (?:friend|mom|mother|dad|father|brother|sister|family|teacher)", "narration", -0.8},
    {"was|were|had|did", "past", -0.5},
    {"imagine|let's say|for one thing", "example", -0.4},
    // Signposts say what the text will do, not what the author holds: one that does
    // nothing else is no claim (see Junk::signpost), and one that argues ("In this essay
    // I will argue that …") is judged by what it argues, so the frame weighs nothing.
    {"this (?:essay|paper|article|post|piece) (?:will|is going to|aims to)|in this (?:essay|paper|article|post|piece),? (?:i|we) (?:will|am going to|are going to)|the (?:rest|remainder) of this (?:essay|paper|article|post|piece)|as follows", "signpost", 0},
    // What a signpost may assert besides announcing: "I will argue that …".
    {"(?:argue|show|prove|demonstrate|convince you|explain why) that", "argues", 0},
};

// Cues anchored at the start of a sentence, after its punctuation and any connective
// ("But", "So", "Finally, …"): the way it opens. Each begins with one of kOpenerWords.
constexpr Cue kOpeners[] = {
    // A premise or evidence opening: support for a point, not the point (see the rules).
    {"(?:for example|for instance|according to|in fact|to illustrate|as an example|take for example|studies|research|statistics|a (?:recent )?(?:study|survey|report)|this is because|that is because|because|since|the reason (?:is|being|for this)|as (?:shown|seen|stated|mentioned) in|in paragraph|the (?:article|author|text|passage|writer) (?:says|states|said|stated|explains|mentions))\\b", "premise", 0},
    // A byline or dateline: "Posted on …", "Updated: …".
    {"(?:posted|published|written|updated|last (?:updated|modified|edited)|originally (?:posted|published)|filed under|tags|categories)\\b", "byline", 0},
    // A site's banner, credits and asides to the reader.
    {"(?:translations?|illustrations?|photos?|images?|cover (?:image|photo)|header image|artwork|credits?)(?: by)?\\s*[:•|]|(?:illustration|photo|image|artwork|cover (?:image|photo)) by\\b|(?:special|many|huge|big) thanks|thanks (?:go )?to .* for (?:\\w+ )?(?:feedback|review|reviewing|reading|comments|help|discussion|proofreading|suggestions|input)|thanks to (?:everyone|everybody|all(?: of)? (?:you|those)) (?:who|that)|thank you (?:to|for|all)\\b|(?:note|edit|update|disclaimer|disclosure|tl;?dr|psa|p\\.?s\\.?)\\b[^:.!?]{0,20}:|this (?:post|article|essay|piece|page) (?:is|was) (?:part of|originally|cross-?posted|also)|comments? (?:are|is) (?:closed|welcome)|thanks for reading|if you (?:liked|enjoyed|found) this|(?:(?:you can|please|be sure to|feel free to|don't forget to|why not) )?(?:subscribe\\b|sign up\\b|follow (?:me|us)\\b|join (?:us|our)\\b|share (?:this|on)\\b|(?:click|tap) |download (?:the|my|our)\\b|donate\\b|support (?:me|us|this)\\b|buy (?:my|our|the)\\b|read (?:more|the rest|the full)\\b|continue reading|leave a comment)", "banner", 0},
    // A signpost by its opening: "Let's take a look …", "Here are …", "In this post, we
    // discuss …", "The next post will …", "I will explain …".
    {"(?:let's|let us|let me) (?:now |first |quickly |briefly )?(?:take a (?:look|closer look|quick look)|look|start|begin|dive|walk|see|talk|explore|review|go|first|consider|discuss|recap|summari[sz]e|get started|show|explain|introduce|describe|tag|turn)\\b|here(?:'s| is| are) (?:how|what|why|where|when|a|an|the|some|my|our)\\b|(?:below|in what follows|what follows)\\b|this (?:essay|paper|article|post|piece|series|tutorial|guide|report|write-?up) (?:will|is going to|aims to|is about|describes|explains|discusses|covers|looks at|presents|summari[sz]es|introduces|walks|goes (?:deep|into|over|through))|in (?:this|the following|the next) (?:essay|paper|article|post|piece|section|series|chapter|talk|tutorial|guide|report|paragraphs?|sections?|few paragraphs)|the (?:rest|remainder) of this (?:essay|paper|article|post|piece)|the next (?:post|part|section|article|installment|chapter) will|(?:i|we)(?:'ll| will| am going to| are going to| want to| would like to| wanted to| intend to) (?:now |then |first |briefly )?(?:explain|describe|discuss|talk about|look at|show you|walk (?:you )?through|go (?:over|through)|cover|present|introduce|review|summari[sz]e|explore|share|write (?:up|about)|take a look|close with|conclude with|end with|finish with|wrap up|start with|begin with|turn to|move on to|dig into)", "signpost", 0},
};
// The words an opener can begin with, sorted: a sentence that begins with none of them
// is not matched against kOpeners at all (most do not, and even a failing match costs a
// search). Keep in step with kOpeners: the unit tests open a sentence with each kind.
constexpr std::string_view kOpenerWords[] = {
    "a", "according", "artwork", "as", "be", "because", "below", "big", "buy", "categories", "click", "comment",
    "comments", "continue", "cover", "credit", "credits", "disclaimer", "disclosure", "don't", "donate", "download",
    "edit", "feel", "filed", "follow", "for", "header", "here", "here's", "huge", "i", "i'll", "if",
    "illustration", "illustrations", "image", "images", "in", "join", "last", "leave", "let", "let's", "many", "note",
    "originally", "p", "photo", "photos", "please", "posted", "ps", "psa", "published", "read", "research", "share",
    "sign", "since", "special", "statistics", "studies", "subscribe", "support", "tags", "take", "tap", "thank",
    "thanks", "that", "the", "this", "tl", "tldr", "to", "translation", "translations", "update", "updated", "we",
    "we'll", "what", "why", "written", "you"};
// Of those, the commonest openings of any sentence begin an opener only before one of
// these words: "The rest of …" may, "The cat …" may not.
struct NextWords {
  std::string_view first;
  std::initializer_list<std::string_view> next;
};
const NextWords kOpenerNextWords[] = {
    {"a", {"recent", "report", "study", "survey"}},
    {"as", {"an", "mentioned", "seen", "shown", "stated"}},
    {"for", {"example", "instance"}},
    {"i", {"am", "intend", "wanted", "want", "will", "would"}},
    {"if", {"you"}},
    {"in", {"fact", "paragraph", "the", "this", "what"}},
    {"that", {"is"}},
    {"the", {"article", "author", "next", "passage", "reason", "remainder", "rest", "text", "writer"}},
    {"this", {"article", "essay", "guide", "is", "page", "paper", "piece", "post", "report", "series", "tutorial", "was",
              "write", "writeup"}},
    {"to", {"illustrate"}},
    {"we", {"are", "intend", "wanted", "want", "will", "would"}},
    {"you", {"can"}},
};
// Words that join a sentence to the one before without changing how it opens.
constexpr std::string_view kConnectives[] = {"also", "and", "but", "finally", "first", "next", "now", "so", "then"};

// Where a sentence stands, as a prior in log-odds: a body paragraph opens on its
// point and supports it after; an introduction ends on the thesis (often opening on
// it as well); a conclusion opens by restating it.
constexpr double kBodyFirst = 0.0, kBodyLast = -1.8, kBodyMiddle = -2.0, kOnlySentence = -1.5;
// In an essay whose paragraphs are paragraphs, a body paragraph of one sentence states
// a point it does not develop, more often than it is an aside: it weighs less against.
constexpr double kEssayOnlySentence = -1.0;
constexpr double kIntroFirst = -1.0, kIntroLast = -0.5, kIntroMiddle = -1.3;
// A school essay's introduction that opens on a sweeping generalisation taking no
// position and gives no reason ("Everyone has a phone these days.") opens on a hook: it
// draws the reader in and claims nothing the essay goes on to argue.
constexpr double kHook = -1.0;
constexpr double kConclusionFirst = 0.0, kConclusionOther = -1.3;
// An answer to the other side right after it is stated ("Some say …. However, …")
// is the author's point, as a paragraph's opening is; so is a body paragraph's
// closing sentence that draws its conclusion ("Therefore, …").
constexpr double kAnswer = kBodyFirst, kBodyConcluding = -1.0;
// Others' views set out in the introduction are the background of the debate, not
// counterclaims the author answers.
constexpr double kReportedView = -1.0;
// Inside a paragraph (not its opening) a sentence that gives a reason ("because") or
// opens on a premise or evidence ("For example", "This is because") supports the
// paragraph's point rather than making one.
constexpr double kReasonInside = -0.4, kPremiseInside = -0.8;
// At a paragraph's opening, words of evidence ("studies", "such as") count half: a
// topic sentence may name the kind of support that follows and still make its point.
constexpr double kEvidenceAtOpening = 0.55;
constexpr double kShort = -1.0;      // under five words: a fragment, a transition
// Over thirty words inside a body paragraph: usually evidence strung together. (At a
// paragraph's opening, or in an introduction or a conclusion, a point that lists its
// reasons.)
constexpr double kLong = -0.3;
constexpr double kNumber = -1.2;     // figures are evidence
constexpr double kQuotation = -0.8;  // quoted words are someone else's
constexpr std::size_t kTitleWords = 10;  // the longest title in quotation marks
// Claims are rarer than support, so the best balance of precision and recall lies
// below even odds: a sentence is a claim from a probability of 0.3.
constexpr double kClaimThreshold = 0.3;
// A thesis stands on a lexical cue of its own a little below the claim threshold.
constexpr double kThesisMargin = 0.08;
// For the thesis, a reason given weighs again, a little less than a position taken.
constexpr double kReasonedPosition = 0.3;
// A school essay's introduction leads up to its thesis: what comes before it is the hook
// and the background (the "funnel" introduction taught in composition), which set out the
// topic before the writer says what they hold. Once the thesis is known, a sentence before
// it weighs this much less as a claim (the thesis, and what follows it, as they were).
constexpr double kBeforeThesis = -0.5;
// After the thesis, a school essay's introduction previews the reasons the body goes on
// to give (the "blueprint" or essay map of the five-paragraph essay), and a reason is
// mostly put as what can or will follow ("Online classes can save students hours.").
// There modality counts, as at a body paragraph's opening, and a little more than its 0.3
// there: the place already says a reason is likely.
constexpr double kPreviewModal = 0.5;
// A paragraph that opens on others' view ("Some people argue …") sets out the debate
// and answers it: its other sentences are the view and the answer more often than
// support for one point. Outside the introduction (where others' views are background)
// they weigh kIntroMiddle - kBodyMiddle more: in a body paragraph, as the middle of an
// introduction. An essay may end on such a paragraph, which is then read as its
// conclusion: there they weigh as much more. A concession in the author's voice ("It is
// true that …") is neither.
constexpr double kOthersViewParagraph = 0.7;
// A body paragraph written as one long sentence (of kRunOnWords or more) holds a point
// and its support run together, where a short one is a point left undeveloped or an
// aside: in an essay it weighs as a paragraph's opening (kBodyFirst - kEssayOnlySentence
// more). Only where it shows the run (stop_inside, joins_clauses): a long question without its '?' holds
// no point; and not where every paragraph is one sentence, where a long one is no paragraph
// run together, only a long line.
constexpr std::size_t kRunOnWords = 35;
constexpr double kRunOnParagraph = 1.0;
// A sentence about particular people or places (two names inside it, or "he" or "she")
// reports what someone did or said: the example or the source, not the writer's point,
// which is about kinds of things ("Students …", "Cars …"). In an essay, outside its
// introduction (where a named source or person opens the topic), it weighs as much less
// as the past tense does. (Not in other texts: a post's names are often its subject,
// "Rust", "Postgres".)
constexpr double kParticular = -0.5;
// A body paragraph's topic sentence advances the thesis and mostly reuses its words; one
// that shares two content words with it (after the thesis is chosen) weighs this much more,
// three or more twice as much. Sharing none counts nothing against: a new reason may be put
// in new words ("Companies benefit as well."). A report (a figure, a quotation, words of
// evidence, the past tense) is about the thesis's topic as well and takes up its words more
// easily: it echoes the thesis from three shared words, by kThesisEcho.
constexpr double kThesisEcho = 0.3;

// Why a sentence can be no claim, whatever its cues.
enum class Junk : std::uint8_t {
  none,
  fragment,   // under three words once read ("I agree.", "But hey!")
  question,   // asks rather than asserts
  heading,    // a heading read as prose: "# …" in text, a short line without a stop
  dateline,   // a date or byline: "14 March 2024", "Posted on … by …", "By Jane Doe"
  banner,     // a site's banner, credits or call to action, and what shares its paragraph
  signpost,   // announces what follows and asserts nothing: "Here is how …", "… as follows:"
  epigraph,   // a paragraph that is one quotation and nothing else: someone else's words
  markup,     // markup the copy kept: a brace or tag opens it, unclosed or setting an attribute
};

// Does the sentence read as markup a copy kept rather than prose? Such markup opens it (after
// a fence's colons at most): a brace or a tag ("{fig-alt=", "{{Figure", "{%", "{.note",
// "<img", "</div") that the sentence does not close (the splitter cut it at a stop inside
// its quoted text), or that sets an attribute before it closes (":::: {.note
// collapse="true"} …"). A brace or a tag further in is prose naming code ("I think <html
// lang="en"> should be on every page"), and '<' before a figure or a space is a comparison
// ("<5% of users", "< 5 ms"). (A tag closed before the prose, "{% mathy %} Since …", leaves
// the sentence to its words.)
bool reads_as_markup(std::string_view s) {
  std::string_view t = trim(s);
  while (!t.empty() && t.front() == ':') t.remove_prefix(1);
  t = trim(t);
  if (t.size() < 2 || (t.front() != '{' && t.front() != '<')) return false;
  const char open = t.front(), close = open == '{' ? '}' : '>';
  const char next = t[1];
  const bool opens_markup = is_ascii_alpha(next) || next == '/' || next == '!' ||
                            (open == '{' && (next == '{' || next == '%' || next == '.' || next == '#'));
  if (!opens_markup) return false;
  const std::size_t closed = t.find(close);
  if (closed == std::string_view::npos) return true;
  const std::size_t attribute = t.substr(0, closed).find("=\"");
  return attribute != std::string_view::npos && attribute > 0 &&
         (is_ascii_alpha(t[attribute - 1]) || t[attribute - 1] == '-' || t[attribute - 1] == '_');
}

// The cues of kCues in one RE2 set, matched once per sentence. The openers, anchored at
// the sentence's opening, in a second set that says which open it: matched only when the
// opening word allows one.
class CueSets {
 public:
  CueSets()
      : words_(make_options(), RE2::UNANCHORED),
        openers_(make_options(), RE2::ANCHOR_START),
        quantity_("\\b(?:" + any_apostrophe(pattern_of("quantity")) + ")", make_options()) {
    // A cue starts on a word boundary and ends before a non-word character (so that
    // "first," matches in "First, a …").
    for (const Cue& c : kCues) words_.Add("\\b(?:" + any_apostrophe(c.pattern) + ")(?:\\W|$)", nullptr);
    // (Anchored at the start: an opener matches when it matches a prefix of the opening.)
    for (const Cue& c : kOpeners) openers_.Add(any_apostrophe(c.pattern), nullptr);
    ok_ = words_.Compile() && openers_.Compile() && quantity_.ok();
  }
  // The cues found in `sentence`, as bits: one per entry of kCues, then of kOpeners.
  std::uint64_t match(std::string_view sentence, std::vector<int>& hits) const;
  // `sentence` with its quantities ("is a great deal") blanked out.
  std::string without_quantities(std::string_view sentence) const {
    std::string out(sentence);
    RE2::GlobalReplace(&out, quantity_, " ");
    return out;
  }

 private:
  // The tables write the apostrophe as '; text typed in a word processor or copied from
  // the web has the typographic one (’) instead: "Let’s take a look", "I don’t think".
  static std::string any_apostrophe(std::string_view pattern) {
    std::string out;
    for (char ch : pattern)
      if (ch == '\'') out += "(?:'|\xE2\x80\x99)";
      else out += ch;
    return out;
  }
  static std::string_view pattern_of(std::string_view name) {
    for (const Cue& c : kCues)
      if (name == std::string_view(c.name)) return c.pattern;
    return {};
  }
  static RE2::Options make_options() {
    RE2::Options o;
    o.set_case_sensitive(false);
    o.set_log_errors(false);
    return o;
  }
  RE2::Set words_, openers_;
  RE2 quantity_;
  bool ok_ = false;
};

// Compiled once, read-only afterwards: RE2 sets are safe to match from many threads.
// Never destroyed: a thread still analysing when the process exits (a Python daemon
// thread, a thread the caller did not join) would match against freed sets.
const CueSets& cue_sets() {
  static const CueSets& sets = *new CueSets;
  return sets;
}

// A candidate's cues as bits: one per entry of kCues, then of kOpeners, then the
// positions. (Names are only made into strings for the sentences that become claims.)
constexpr std::size_t kCueCount = sizeof kCues / sizeof kCues[0];
constexpr std::size_t kOpenerCount = sizeof kOpeners / sizeof kOpeners[0];
constexpr std::uint64_t kOpenerBit0 = std::uint64_t{1} << kCueCount;
constexpr std::uint64_t kFirstBit = kOpenerBit0 << kOpenerCount, kIntroEndBit = kFirstBit << 1,
                        kConclusionStartBit = kFirstBit << 2;
// Not a cue: the sentence is a statement (neither a question nor a fragment under five
// words). Kept among the bits so that a candidate stays small.
constexpr std::uint64_t kStatementBit = kFirstBit << 3;
// Nor this: the sentence names particular people or places (see names_particulars).
constexpr std::uint64_t kParticularBit = kFirstBit << 4;
// Nor this: a modal found in an introduction, where it does not count until the thesis
// is known (see kPreviewModal).
constexpr std::uint64_t kHeldModalBit = kFirstBit << 5;
// The rules of context and content that fired, each reported by a name of its own (see
// cue_names): what a claim's score owes to one, or lost by one (kParticular), shows as its
// cues do.
constexpr std::uint64_t kPreviewBit = kFirstBit << 6, kOthersViewParagraphBit = kFirstBit << 7,
                        kRunOnBit = kFirstBit << 8, kParticularCountedBit = kFirstBit << 9,
                        kThesisEchoBit = kFirstBit << 10;
constexpr std::uint64_t kRuleBits = kPreviewBit | kOthersViewParagraphBit | kRunOnBit | kParticularCountedBit | kThesisEchoBit;
static_assert(kCueCount + kOpenerCount + 11 <= 64, "cue bits fit a 64-bit mask");

// For each first letter, the lengths (as bits) of the words of a list that begin with it:
// most words are ruled out by one look-up, before any comparison.
template <std::size_t N>
constexpr std::array<std::uint16_t, 26> lengths_by_letter(const std::string_view (&words)[N]) {
  std::array<std::uint16_t, 26> t{};
  for (std::string_view w : words)
    if (!w.empty() && w[0] >= 'a' && w[0] <= 'z' && w.size() < 16) t[static_cast<std::size_t>(w[0] - 'a')] |= std::uint16_t(1u << w.size());
  return t;
}
constexpr auto kOpenerWordShapes = lengths_by_letter(kOpenerWords);
constexpr auto kConnectiveShapes = lengths_by_letter(kConnectives);

// The sentence from its first word on, past punctuation and connectives, when that word
// may begin an opener; else empty.
// (A word's apostrophe may be the typographic one, ’: "let’s" reads as "let's".)
constexpr std::string_view kApostrophe = "\xE2\x80\x99";

// (Compared only where its first byte stands: most words end on a space.)
bool apostrophe_at(std::string_view t, std::size_t k) {
  return t[k] == kApostrophe[0] && t.compare(k, kApostrophe.size(), kApostrophe) == 0;
}

// The next word of `s` from i: a run of ASCII letters and apostrophes, plain or
// typographic. Returns where it begins and leaves i at its end (both s.size() for none).
std::size_t next_word(std::string_view s, std::size_t& i) {
  while (i < s.size() && !is_ascii_alpha(s[i])) ++i;
  const std::size_t b = i;
  while (i < s.size()) {
    if (is_ascii_alpha(s[i]) || s[i] == '\'') ++i;
    else if (i > b && apostrophe_at(s, i)) i += kApostrophe.size();
    else break;
  }
  return b;
}

// A word as the word lists hold it, in `low`: lower case, the typographic apostrophe read as
// the plain one ("Don’t" is "don't"). Empty for one longer than the lists' longest.
std::string_view folded(std::string_view w, char (&low)[16]) {
  std::size_t n = 0;
  for (std::size_t k = 0; k < w.size(); ++n) {
    if (n == sizeof low) return {};
    if (apostrophe_at(w, k)) {
      low[n] = '\'';
      k += kApostrophe.size();
    } else {
      low[n] = to_lower_ascii(w[k++]);
    }
  }
  return std::string_view(low, n);
}

std::string_view opening_of(std::string_view s) {
  auto is_one_of = [&](std::string_view w, auto&& words, const std::array<std::uint16_t, 26>& shapes) {
    char buf[16];
    const std::string_view low = folded(w, buf);
    const std::size_t n = low.size();
    const char f = n > 0 ? low[0] : '\0';
    if (f < 'a' || f > 'z' || !(shapes[static_cast<std::size_t>(f - 'a')] >> n & 1)) return false;
    return std::binary_search(std::begin(words), std::end(words), low);
  };
  std::size_t i = 0, b = next_word(s, i);
  for (int n = 0; n < 3 && b < i && is_one_of(s.substr(b, i - b), kConnectives, kConnectiveShapes); ++n) b = next_word(s, i);
  const std::string_view first = s.substr(b, i - b);
  if (first.empty() || !is_one_of(first, kOpenerWords, kOpenerWordShapes)) return {};
  for (const NextWords& nw : kOpenerNextWords)
    if (iequals(first, nw.first)) {
      std::size_t j = i;
      const std::size_t c = next_word(s, j);
      if (!std::any_of(nw.next.begin(), nw.next.end(), [&](std::string_view w) { return iequals(w, s.substr(c, j - c)); }))
        return {};
      break;
    }
  return s.substr(b);
}

std::uint64_t CueSets::match(std::string_view sentence, std::vector<int>& hits) const {
  std::uint64_t bits = 0;
  if (!ok_) return bits;
  words_.Match(re2::StringPiece(sentence.data(), sentence.size()), &hits);
  for (int h : hits) bits |= std::uint64_t{1} << h;
  const std::string_view opening = opening_of(sentence);
  if (opening.empty()) return bits;
  if (openers_.Match(re2::StringPiece(opening.data(), opening.size()), &hits))
    for (int h : hits) bits |= kOpenerBit0 << h;
  return bits;
}

// The bits of the cues named `name` in kCues (or, with `openers`, in kOpeners).
constexpr std::uint64_t cue_bits(std::string_view name, bool openers = false) {
  std::uint64_t bits = 0;
  if (openers) {
    for (std::size_t k = 0; k < kOpenerCount; ++k)
      if (name == std::string_view(kOpeners[k].name)) bits |= kOpenerBit0 << k;
  } else {
    for (std::size_t k = 0; k < kCueCount; ++k)
      if (name == std::string_view(kCues[k].name)) bits |= std::uint64_t{1} << k;
  }
  return bits;
}
constexpr std::uint64_t kStance = cue_bits("stance"), kObligation = cue_bits("obligation"),
                        kEvaluation = cue_bits("evaluation"), kConclusion = cue_bits("conclusion"),
                        kCounter = cue_bits("counter"), kConcession = cue_bits("concession"),
                        kRebuttal = cue_bits("rebuttal"), kReason = cue_bits("reason"), kEvidence = cue_bits("evidence"),
                        kModal = cue_bits("modal"), kEnumeration = cue_bits("enumeration"),
                        kGeneralisation = cue_bits("generalisation"), kQuantity = cue_bits("quantity"),
                        kArgues = cue_bits("argues"), kSignpost = cue_bits("signpost") | cue_bits("signpost", true),
                        kPremise = cue_bits("premise", true), kByline = cue_bits("byline", true),
                        kBanner = cue_bits("banner", true);
constexpr std::uint64_t kOthersView = kCounter | kConcession;
// A position taken: a stance, an obligation, a judgement.
constexpr std::uint64_t kPosition = kStance | kObligation | kEvaluation;
// The marks of an essay's introduction: a position given as the writer's own, or a plan.
constexpr std::uint64_t kIntroducing = kStance | kSignpost;
// A report of what was found or done, the evidence about the thesis's topic rather than a
// point (see kThesisEcho).
constexpr std::uint64_t kReport = kEvidence | cue_bits("past") | cue_bits("narration");
// Entries of kCues that share a name are one cue, written as several patterns ("stance":
// "I think", "in my opinion", "personally"; "obligation": "should" and the weaker "have
// to"): a sentence that holds two of them has that cue once, at the stronger entry's
// weight. Each entry's group is its name's first entry.
constexpr auto kGroupOf = [] {
  std::array<std::uint8_t, kCueCount> g{};
  for (std::size_t k = 0; k < kCueCount; ++k) {
    g[k] = static_cast<std::uint8_t>(k);
    for (std::size_t j = 0; j < k; ++j)
      if (std::string_view(kCues[j].name) == std::string_view(kCues[k].name)) {
        g[k] = static_cast<std::uint8_t>(j);
        break;
      }
  }
  return g;
}();
// The cues of `bits` (of kCues) one bit per name: its first entry's.
constexpr std::uint64_t cue_groups(std::uint64_t bits) {
  std::uint64_t out = 0;
  for (std::size_t k = 0; k < kCueCount; ++k)
    if (bits >> k & 1) out |= std::uint64_t{1} << kGroupOf[k];
  return out;
}
// What the cues in `bits` (of kCues) weigh together.
double weight_of(std::uint64_t bits) {
  // (Set bits only: this runs for every sentence, most of which have a cue or two.)
  std::array<double, kCueCount> best{};  // per group, its strongest entry found
  std::uint64_t groups = 0;
  for (bits &= (std::uint64_t{1} << kCueCount) - 1; bits != 0; bits &= bits - 1) {
    const auto k = static_cast<std::size_t>(__builtin_ctzll(bits));
    const std::size_t g = kGroupOf[k];
    if (!(groups >> g & 1) || kCues[k].weight > best[g]) best[g] = kCues[k].weight;
    groups |= std::uint64_t{1} << g;
  }
  double x = 0;
  for (; groups != 0; groups &= groups - 1) x += best[static_cast<std::size_t>(__builtin_ctzll(groups))];
  return x;
}
// (The smallest is not 0: clang warns of '&&' over integer constants.)
static_assert(std::min({kStance, kObligation, kEvaluation, kConclusion, kCounter, kConcession, kRebuttal, kReason,
                        kEvidence, kModal, kEnumeration, kGeneralisation, kQuantity, kArgues, kPremise, kByline,
                        kBanner}) != 0,
              "every cue the rules read is in a table");

// (`restated`: the claim restates the thesis.)
std::vector<std::string> cue_names(std::uint64_t bits, bool lead, bool closing, bool restated = false) {
  std::size_t count = restated ? 1 : 0;
  for (std::size_t k = 0; k < kCueCount; ++k) count += (bits >> k & 1) && kCues[k].weight > 0;
  count += (bits & kFirstBit) != 0;
  count += (bits & kIntroEndBit) != 0;
  count += (bits & kConclusionStartBit) != 0;
  count += std::bitset<64>(bits & kRuleBits).count();
  std::vector<std::string> out;
  out.reserve(count);
  for (std::size_t k = 0; k < kCueCount; ++k)
    if ((bits >> k & 1) && kCues[k].weight > 0) out.emplace_back(kCues[k].name);
  if (bits & kFirstBit) out.emplace_back("position:first-in-paragraph");
  if (bits & kIntroEndBit) out.emplace_back(lead ? "position:end-of-lead" : "position:end-of-introduction");
  if (bits & kConclusionStartBit)
    out.emplace_back(closing ? "position:start-of-closing-section" : "position:start-of-conclusion");
  if (bits & kPreviewBit) out.emplace_back("position:preview-of-reasons");
  if (bits & kOthersViewParagraphBit) out.emplace_back("position:after-others-view");
  if (bits & kRunOnBit) out.emplace_back("run-on-paragraph");
  if (bits & kParticularCountedBit) out.emplace_back("particulars");
  if (bits & kThesisEchoBit) out.emplace_back("echoes-thesis");
  if (restated) out.emplace_back("restates-thesis");
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// The distinct content words of a sentence, sorted: a restatement reuses the thesis's
// own words.
std::vector<std::string> word_set(std::string_view s) {
  std::vector<std::string> w;
  content_words(s, w, 100);
  // A restatement inflects the thesis's words its own way: "changelog" and "changelogs".
  for (std::string& x : w)
    if (x.size() > 4 && x.back() == 's' && x[x.size() - 2] != 's') x.pop_back();
  std::sort(w.begin(), w.end());
  w.erase(std::unique(w.begin(), w.end()), w.end());
  return w;
}

std::size_t shared_content_words(const std::vector<std::string>& a, std::string_view b) {
  const std::vector<std::string> wb = word_set(b);
  std::vector<std::string> both;
  std::set_intersection(a.begin(), a.end(), wb.begin(), wb.end(), std::back_inserter(both));
  return both.size();
}

// "By Jane Doe", "by Tomás Ferreira and Li Wei": a byline is "by" and a few names.
bool is_byline(std::string_view s) {
  s = trim(s);
  while (!s.empty() && (s.front() == '*' || s.front() == '_' || s.front() == '(' || s.front() == '-')) s.remove_prefix(1);
  if (s.size() < 4 || !(s[0] == 'B' || s[0] == 'b') || s[1] != 'y' || s[2] != ' ') return false;
  std::size_t names = 0;
  for (std::size_t i = 3; i < s.size();) {
    while (i < s.size() && s[i] == ' ') ++i;
    std::size_t e = s.find(' ', i);
    if (e == std::string_view::npos) e = s.size();
    std::string_view w = s.substr(i, e - i);
    i = e;
    if (w.empty()) continue;
    if (w == "and" || w == "&" || w == "·" || w == "|" || w == "-" || w == "on") continue;
    if (!(w[0] >= 'A' && w[0] <= 'Z') && static_cast<unsigned char>(w[0]) < 0x80) return false;
    if (++names > 6) return false;
  }
  return names > 0;
}

// A quotation in a sentence: its words are s[body, close); `end` is past its closing mark.
// `close` is npos where it never closes.
struct Quotation {
  std::size_t body, close, end;
};

// The first quotation of `s` that opens at or after `from` (nullopt: none). A quotation
// opens with “, or with '"' where no digit stands before it (not an inch mark: `the 6"
// print`), and closes at the next ” or '"' (a copy mixes the two).
std::optional<Quotation> next_quotation(std::string_view s, std::size_t from) {
  constexpr std::string_view kOpen = "\xE2\x80\x9C", kClose = "\xE2\x80\x9D";
  for (std::size_t i = from; i < s.size(); ++i) {
    std::size_t body = std::string_view::npos;
    if (s.substr(i, kOpen.size()) == kOpen) body = i + kOpen.size();
    else if (s[i] == '"' && (i == 0 || !is_ascii_digit(s[i - 1])))
      body = i + 1;
    if (body == std::string_view::npos) continue;
    const std::size_t straight = s.find('"', body), curly = s.find(kClose, body);
    const std::size_t close = std::min(straight, curly);
    if (close == std::string_view::npos) return Quotation{body, close, s.size()};
    return Quotation{body, close, close + (curly < straight ? kClose.size() : 1)};
  }
  return std::nullopt;
}

// `s` with the words inside each closed quotation blanked out: what the writer says in
// their own voice. (An "I think" in `Jerry said "I think it was aliens."` is Jerry's stance,
// not the writer's.) One that never closes is kept: its end is unknown.
std::string without_quotations(std::string_view s) {
  std::string out(s);
  for (std::optional<Quotation> q = next_quotation(s, 0); q; q = next_quotation(s, q->close == std::string_view::npos ? q->body : q->end))
    if (q->close != std::string_view::npos)
      std::fill(out.begin() + static_cast<std::ptrdiff_t>(q->body), out.begin() + static_cast<std::ptrdiff_t>(q->close), ' ');
  return out;
}

// A text that is one quotation: it opens with a quotation mark ('"' or “) and its only
// closing mark ends it ("“…as an ook cometh of a litel spyr…”").
bool is_one_quotation(std::string_view s) {
  s = trim(s);
  constexpr std::string_view kOpen = "\xE2\x80\x9C", kClose = "\xE2\x80\x9D";
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') return s.substr(1, s.size() - 2).find('"') == std::string_view::npos;
  if (s.size() >= 6 && s.substr(0, 3) == kOpen && s.substr(s.size() - 3) == kClose)
    return s.substr(3, s.size() - 6).find(kClose) == std::string_view::npos;
  return false;
}

// Whether every quotation in `s` is a title: a few words in quotation marks ('"' or “ ”),
// each of four letters or more capitalised, and one at least ("The Challenge of Exploring
// Venus", "Dragon Book"; not "no way"). A title names a work the writer discusses; it is
// not someone else's words quoted as support. A quotation left open is not a title.
bool quotes_only_titles(std::string_view s) {
  bool any = false;
  for (std::optional<Quotation> q = next_quotation(s, 0); q; q = next_quotation(s, q->end)) {
    const std::size_t body = q->body, close_at = q->close;
    if (close_at == std::string_view::npos) return false;
    std::size_t words = 0, capitalised = 0;
    for (std::size_t k = body; k < close_at;) {
      while (k < close_at && !is_ascii_alpha(s[k]) && !is_ascii_digit(s[k])) ++k;
      const std::size_t b = k;
      while (k < close_at && (is_ascii_alpha(s[k]) || is_ascii_digit(s[k]) || s[k] == '\'')) ++k;
      if (k == b) break;
      ++words;
      const bool capital = (s[b] >= 'A' && s[b] <= 'Z') || is_ascii_digit(s[b]);
      if (k - b >= 4 && !capital) return false;
      capitalised += capital;
    }
    if (capitalised == 0 || words > kTitleWords) return false;
    any = true;
  }
  return any;
}

// What one look at a sentence's bytes tells: its words (as count_words counts them),
// whether it holds a figure, whether it quotes (" or the opening “).
struct Surface {
  std::size_t words = 0;
  bool number = false, quotation = false;
};
Surface surface_of(std::string_view s) {
  // Byte classes: bit 0 white space, bit 1 a word byte (ASCII letter or digit, or any
  // non-ASCII byte), bit 2 a digit, bit 3 '"', bit 4 the first byte of “.
  static constexpr auto kClass = [] {
    std::array<std::uint8_t, 256> t{};
    for (int c = 0; c < 256; ++c) {
      const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
      const bool digit = c >= '0' && c <= '9';
      const bool word = c >= 0x80 || digit || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      t[static_cast<std::size_t>(c)] = static_cast<std::uint8_t>(space | word << 1 | digit << 2 | (c == '"') << 3 | (c == 0xE2) << 4);
    }
    return t;
  }();
  // A word is a token (a run of bytes that are no white space) that holds a word byte: it
  // begins at the token's first word byte. (A sentence's text has its white space
  // collapsed, a no-break space included, so these are count_words' words, but in a script
  // written without spaces, which count_words divides as ICU does: the cues and the length
  // rules are English's.) No branch per byte, as in count_words: a token's end is no branch
  // the processor can foresee.
  Surface out;
  unsigned seen = 0;     // every class met
  unsigned in_word = 0;  // 1 once the current token holds a word byte
  for (const char ch : s) {
    const unsigned cls = kClass[static_cast<unsigned char>(ch)];
    const unsigned word = cls >> 1 & 1;
    out.words += word & ~in_word;
    in_word = (in_word | word) & ~cls & 1;
    seen |= cls;
  }
  out.number = (seen & 4) != 0;
  out.quotation = (seen & 8) != 0 || ((seen & 16) && s.find("\xE2\x80\x9C") != std::string_view::npos);
  return out;
}

// Whether a block's text ends on a stop (. ! ? : ; or a closing quote), past closing
// brackets and emphasis.
bool ends_with_stop(std::string_view t) {
  std::size_t e = t.size();
  while (e > 0 && (t[e - 1] == '"' || t[e - 1] == '\'' || t[e - 1] == ')' || t[e - 1] == '*' || t[e - 1] == '_')) --e;
  if (e == 0) return true;
  const char last = t[e - 1];
  const bool quote = e >= 3 && static_cast<unsigned char>(t[e - 3]) == 0xE2 && static_cast<unsigned char>(t[e - 2]) == 0x80;
  return last == '.' || last == '!' || last == '?' || last == ':' || last == ';' || quote;
}

// A stop inside a sentence before a small letter: sentences whose writer left out their
// capitals, which the splitter keeps as one. (After a word of two letters or more that is
// no abbreviation: "e.g. the", "J. smith", "etc. and", "Smith et al. found" are no stops.)
// (Each stop is looked for with memchr: few sentences hold one before their last two bytes,
// and a test of every byte was the claims' costliest loop.)
bool stop_inside(std::string_view s) {
  if (s.size() < 5) return false;
  const char* const last = s.data() + s.size() - 2;  // a stop needs a space and a letter after it
  for (const char stop : {'.', '!', '?'}) {
    for (const char* p = s.data() + 2; p < last; ++p) {
      p = static_cast<const char*>(std::memchr(p, stop, static_cast<std::size_t>(last - p)));
      if (p == nullptr) break;
      const auto i = static_cast<std::size_t>(p - s.data());
      if (s[i + 1] != ' ' || s[i + 2] < 'a' || s[i + 2] > 'z' || !is_ascii_alpha(s[i - 1]) || !is_ascii_alpha(s[i - 2]))
        continue;
      std::size_t b = i;
      while (b > 0 && is_ascii_alpha(s[b - 1])) --b;
      if (stop != '.' || !is_abbreviation(s.substr(b, i - b))) return true;
    }
  }
  return false;
}

// Whether a sentence joins clauses with "and", "but", "so" or "because" and does not open
// as a question does ("why …", "do you think …", an auxiliary and its subject, the '?' left
// out): with a stop inside it (stop_inside), the ways a paragraph written as one sentence
// runs on.
bool joins_clauses(std::string_view s) {
  static constexpr std::string_view kAuxiliaries[] = {
      "are", "aren't", "can", "can't", "could", "couldn't", "did", "didn't", "do", "does", "doesn't", "don't",
      "has", "hasn't", "have", "haven't", "is", "isn't", "may", "might", "shall", "should", "shouldn't", "was",
      "wasn't", "were", "weren't", "will", "won't", "would", "wouldn't"};
  // What stands after the auxiliary in a question: a subject opens on a pronoun or a
  // determiner ("do you …", "should the city …", "can most people …"), closed classes of
  // the language. ("Have to study …", a clause without its subject, is no question.)
  static constexpr std::string_view kSubjectOpeners[] = {
      "a", "all", "an", "any", "anybody", "anyone", "each", "every", "everybody", "everyone", "he", "her", "his", "i",
      "it", "its", "many", "most", "my", "no", "nobody", "our", "she", "some", "somebody", "someone", "that", "the",
      "their", "there", "these", "they", "this", "those", "we", "you", "your"};
  static constexpr std::string_view kJoints[] = {"and", "because", "but", "so"};
  char buf[16];
  std::size_t i = 0;
  std::string_view w;  // the word read last, folded as the lists hold it (empty for a long one)
  auto read_word = [&] {
    const std::size_t b = next_word(s, i);
    w = folded(s.substr(b, i - b), buf);
    return b < i;
  };
  auto one_of = [&](const auto& words) { return std::find(std::begin(words), std::end(words), w) != std::end(words); };
  if (!read_word() || w == "why") return false;
  if (one_of(kAuxiliaries) && read_word() && one_of(kSubjectOpeners)) return false;
  // (From the second word on: a sentence that opens on "And" or "But" joins the one before.)
  while (read_word())
    if (one_of(kJoints)) return true;
  return false;
}

// A date ("14 March 2024", "March 14th, 2024", "May 2020", "2024-03-14") or a reading
// time ("6 min read") in `s`. (Looked for only in short sentences: a dateline is short.)
bool has_date(std::string_view s) {
  static constexpr std::string_view kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
                                                 "january", "february", "march", "april", "june", "july", "august",
                                                 "september", "october", "november", "december"};
  // The words and numbers of `s`, as (kind, value): 'm' a month, 'd' a day, 'y' a year, 'r' "min"/"read".
  std::vector<std::pair<char, std::string_view>> tokens;
  for (std::size_t i = 0; i < s.size();) {
    if (!is_ascii_alpha(s[i]) && !is_ascii_digit(s[i])) {
      ++i;
      continue;
    }
    std::size_t e = i;
    const bool digits = is_ascii_digit(s[i]);
    while (e < s.size() && (digits ? is_ascii_digit(s[e]) : is_ascii_alpha(s[e]))) ++e;
    std::string_view w = s.substr(i, e - i);
    if (digits && e + 1 < s.size() && (s[e] == '-' || s[e] == '/') && w.size() == 4 && is_ascii_digit(s[e + 1]))
      return true;  // 2024-03-14
    char kind = 'w';
    if (digits) {
      kind = w.size() == 4 ? 'y' : w.size() <= 2 ? 'd' : 'w';
      // "14th": the suffix belongs to the day.
      std::size_t k = e;
      while (k < s.size() && is_ascii_alpha(s[k]) && k - e < 2) ++k;
      const std::string_view suffix = s.substr(e, k - e);
      if (kind == 'd' && (iequals(suffix, "st") || iequals(suffix, "nd") || iequals(suffix, "rd") || iequals(suffix, "th"))) e = k;
    } else {
      for (std::string_view m : kMonths)
        if (iequals(w, m)) kind = 'm';
      if (iequals(w, "min") || iequals(w, "mins") || iequals(w, "minute") || iequals(w, "minutes")) kind = 'r';
    }
    tokens.emplace_back(kind, w);
    i = e;
  }
  for (std::size_t k = 0; k + 1 < tokens.size(); ++k) {
    const char a = tokens[k].first, b = tokens[k + 1].first, c = k + 2 < tokens.size() ? tokens[k + 2].first : ' ';
    if (a == 'm' && (b == 'y' || (b == 'd' && c == 'y'))) return true;   // March 2024, March 14, 2024
    if (a == 'd' && b == 'm' && c == 'y') return true;                    // 14 March 2024
    if (a == 'd' && b == 'r' && c == 'w' && iequals(tokens[k + 2].second, "read")) return true;  // 6 min read
  }
  return false;
}

// Whether a sentence is about particular people or places: it names two (capitalised
// words inside it, after a lower-case word, a comma or a semicolon: "Every day Maria walks to Porto",
// not the capital that opens it or follows a stop, nor "I"), or speaks of one as "he" or
// "she".
bool names_particulars(std::string_view s) {
  // A name stands at i, after a space at i - 1 (i from 2, and i + 1 in the sentence): the
  // spaces are found by memchr (a test of every byte, with a branch at each word that the
  // processor cannot foresee, was slower).
  std::size_t names = 0;
  const char* const end = s.data() + s.size();
  for (const char* sp = s.size() < 4 ? nullptr : static_cast<const char*>(std::memchr(s.data() + 1, ' ', s.size() - 3));
       sp != nullptr; sp = static_cast<const char*>(std::memchr(sp + 1, ' ', static_cast<std::size_t>(end - 3 - sp)))) {
    const std::size_t i = static_cast<std::size_t>(sp - s.data()) + 1;
    if (!(s[i] >= 'A' && s[i] <= 'Z') || !(s[i + 1] >= 'a' && s[i + 1] <= 'z')) continue;
    const char before = s[i - 2];
    if (((before >= 'a' && before <= 'z') || before == ',' || before == ';') && ++names == 2) return true;
  }
  static constexpr std::string_view kPersons[] = {"he", "her", "herself", "him", "himself", "his", "she"};
  // The words (runs of ASCII letters) that begin with h or s, at b.
  auto person_at = [&](std::size_t b) {
    std::size_t e = b + 1;
    while (e < s.size() && is_ascii_alpha(s[e])) ++e;
    if (e - b < 2 || e - b > 7) return false;
    const std::string_view w = s.substr(b, e - b);
    return iequals_any(w, kPersons);
  };
  // They are found eight bytes at a time, each test a mask of the bytes' high bits: a
  // letter (ASCII, with 0x20 set: lower case), h or s, not after a letter. (Testing
  // every byte with a branch was slower.)
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  auto is_byte = [](std::uint64_t low, unsigned c) {  // exact for each byte (no borrow)
    const std::uint64_t y = low ^ (kOnes * c);
    return ~(((y & ~kHigh) + ~kHigh) | y) & kHigh;
  };
  auto at_least = [](std::uint64_t low, unsigned c) {  // (no carry out of a byte under 0x80)
    return (low + kOnes * (0x80u - c)) & kHigh;
  };
  std::uint64_t after_letter = 0;  // the byte before the next eight is a letter
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t x;
    std::memcpy(&x, s.data() + i, 8);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    x = __builtin_bswap64(x);  // (the masks below take the first byte as the lowest)
#endif
    const std::uint64_t ascii = ~x & kHigh, low = (x & ~kHigh) | kOnes * 0x20;
    const std::uint64_t letter = at_least(low, 'a') & ~at_least(low, 'z' + 1) & ascii;
    for (std::uint64_t m = (is_byte(low, 'h') | is_byte(low, 's')) & ascii & ~(letter << 8 | after_letter); m != 0;
         m &= m - 1)
      if (person_at(i + static_cast<std::size_t>(__builtin_ctzll(m)) / 8)) return true;
    after_letter = letter >> 56;
  }
  for (; i < s.size(); ++i) {  // the last few bytes
    const char low = static_cast<char>(s[i] | 0x20);
    if ((low == 'h' || low == 's') && !after_letter && person_at(i)) return true;
    after_letter = is_ascii_alpha(s[i]) ? 0x80 : 0;
  }
  return false;
}

// What the text is, from explicit evidence: how it is laid out decides where its thesis
// is stated and restated.
enum class Shape {
  short_text,      // fewer than three paragraphs: the thesis, if any, opens it
  school_essay,    // a handful of paragraphs of several sentences, no headings
  column,          // many short paragraphs without headings: an opinion column, a post
  sectioned_post,  // headings inside the text: a post or article with a lead
};
constexpr double kLinesNotParagraphs = 1.5;  // sentences per paragraph
struct EssayShape {
  std::size_t paragraphs = 0;       // paragraphs that hold a statement
  std::size_t list_items = 0;
  std::size_t inner_headings = 0;   // headings after the first such paragraph
  std::size_t sentences = 0;        // in those paragraphs
  bool intro_marker = false;        // the first such paragraph takes a stance or announces a plan
  bool conclusion_marker = false;   // the last one opens on a conclusion marker
  Shape shape = Shape::short_text;
  // Its paragraphs are lines of a sentence or so each.
  bool lines() const {
    return static_cast<double>(sentences) < kLinesNotParagraphs * static_cast<double>(paragraphs);
  }
  bool stop_inside = false;         // a sentence of theirs holds a stop before a small letter
  // Every paragraph is one sentence. (One paragraph alone tells nothing of how its writer
  // makes them; a sentence that goes on past a stop before a small letter is several, whose
  // writer left out the capitals.)
  bool one_sentence_each() const { return paragraphs >= 2 && sentences <= paragraphs && !stop_inside; }
};
// A school essay has a handful of paragraphs (the five-paragraph essay and its
// cousins), or up to a dozen with the markers of an introduction and a conclusion; a
// column without headings has more.
constexpr std::size_t kHandfulOfParagraphs = 7, kMaxEssayParagraphs = 12;
// One paragraph of this many sentences or more is more than a reader takes as one (a
// school essay's paragraphs hold three to six); divided at two openings or more, it is
// three paragraphs or more (see ClaimFinder::divide_unbroken).
constexpr std::size_t kUnbrokenSentences = 8, kMinDividedParagraphs = 3;

// How a sentence opens, for dividing a text typed as one block: on the move of a
// paragraph of its own, a point counted off ("First, …", "Secondly, …", "Another reason
// …", "The third and final reason …") or the conclusion ("In conclusion, …", "To sum up,
// …"). Not the connectives that add inside a paragraph ("Moreover", "In addition",
// "Also"), nor what a paragraph's middle also opens with ("One example is …", "The most
// important thing …", "Finally there is hope").
enum class Move { none, point, conclusion };
Move paragraph_move(std::string_view sentence) {
  static const RE2& move = *[] {
    RE2::Options o;
    o.set_case_sensitive(false);
    o.set_log_errors(false);
    return new RE2(
        "^\\W*(?:(?:and|so|but|now),?\\s+)?(?:((?:first|second|third|fourth|fifth)(?:ly\\b|\\s*,)|first of all\\b|"
        "to begin with\\b|(?:finally|lastly)\\s*,|(?:another|one|the (?:first|second|third|fourth|fifth|next|last|final|"
        "other)|my (?:first|second|third|fourth|fifth|next|last|final))(?: \\w+){0,2} (?:reasons?|arguments?|points?)\\b)|"
        "(in conclusion\\b|to conclude\\b|in summary\\b|to sum (?:it |this |everything )?up\\b|to summari[sz]e\\b|"
        "all in all\\b|in closing\\b))",
        o);
  }();
  assert(move.ok());  // (a pattern that failed to compile would divide nothing: the unit tests divide)
  re2::StringPiece point, conclusion;  // (an alternative that took no part is null)
  if (!RE2::PartialMatch(sentence, move, &point, &conclusion)) return Move::none;
  return conclusion.data() != nullptr ? Move::conclusion : Move::point;
}
// A lead is at most three paragraphs; a column's lead gathers paragraphs until it
// holds four sentences (an anecdote, then the point).
constexpr std::size_t kMaxLeadParagraphs = 3, kLeadSentences = 4;
// Sections that close a post without being its conclusion.
constexpr std::string_view kBackMatter[] = {
    "further reading", "reading", "references", "notes", "footnotes", "endnotes", "comments", "acknowledgements",
    "acknowledgments", "thanks", "see also", "resources", "links", "about the author", "about me", "updates",
    "update", "appendix", "credits", "bibliography", "sources", "related", "related posts", "discussion", "changelog"};

bool is_back_matter(std::string_view title) {
  std::string t;
  for (char c : title)
    if (is_ascii_alpha(c) || c == ' ') t.push_back(to_lower_ascii(c));
  std::string_view v = trim(t);
  for (std::string_view b : kBackMatter)
    if (v == b) return true;
  return false;
}

// One per sentence of the argument: 48 bytes, as a long document has hundreds of
// thousands (its line, and the index of its sentence, are found again when needed:
// span_of, sentence_of).
struct Candidate {
  std::size_t start = 0, end = 0;  // the sentence's source
  double raw = 0;            // the weighted sum, in log-odds
  std::uint64_t cues = 0;    // the cues that counted, and the position bits
  std::uint32_t paragraph = 0;  // index of its argument block (paragraphs and items, in order)
  std::uint32_t text_at = UINT32_MAX, text_size = 0;  // its text as read: see text_in_input
  std::uint16_t words = 0;
  Junk junk = Junk::none;
  bool number : 1, quotation : 1;
  bool text_in_input : 1;    // its text as read is the input's bytes at text_at, or the finder's kept text's
  bool runs_on : 1;          // of kRunOnWords or more, with a stop inside or clauses joined (joins_clauses)
  Candidate() : number(false), quotation(false), text_in_input(false), runs_on(false) {}
};
static_assert(sizeof(Candidate) <= 48, "a candidate per sentence: keep it small");

// The candidates: a post's fit in the first chunk (192 KiB); a large text's further
// chunks hold 131,072 each (6 MiB, at least two whole huge pages inside each).
using CandidateList = ChunkedList<Candidate, 4096, 17>;
static_assert(CandidateList::kChunk * sizeof(Candidate) >= 3 * (std::size_t{2} << 20),
              "a large text's chunks are to hold two whole huge pages wherever they lie");

// Where the paragraphs and list items of the argument are.
struct ArgBlock {
  std::uint32_t block = 0;               // index into the prose blocks
  std::uint32_t first = 0, last = 0;     // its candidates, [first, last)
  std::uint32_t first_sentence = 0;      // the sentence of its first candidate (a block's are in a row)
  bool item = false;
  bool content = false;     // a paragraph that holds a statement that is no junk
  bool one_line = false;    // its source is one line
  bool unstopped = false;   // one line, under twenty-five words, ending without a stop
  bool stop_inside = false;  // a sentence of it holds a stop before a small letter (see stop_inside)
};

class ClaimFinder {
 public:
  ClaimFinder(std::string_view input, Format format, const std::vector<ProseBlock>& prose,
              const std::vector<Sentence>& sentences, bool have_text, const std::vector<std::uint32_t>& block_of,
              const std::vector<Section>& sections, const std::vector<Span>& references)
      : in_(input), format_(format), prose_(prose), sentences_(&sentences), have_text_(have_text),
        block_of_(&block_of), sections_(sections), references_(references) {}
  // Without the sentences: it splits each block itself, as split_sentences would, and
  // keeps only the candidates (a document's sentences, kept whole, were the largest
  // thing alive while its claims were found).
  ClaimFinder(std::string_view input, Format format, const std::vector<ProseBlock>& prose, const LineIndex& lines,
              const std::vector<Section>& sections, const std::vector<Span>& references)
      : in_(input), format_(format), prose_(prose), lines_(&lines), have_text_(false), sections_(sections),
        references_(references) {}

  // The sentences read: every block's, those of headings and notes too.
  std::size_t sentence_count() const { return sentence_count_; }

  // (`two_threads_from`: see kClaimsTwoThreadsFrom.)
  std::vector<Claim> run(std::size_t two_threads_from) {
    read_sentences(two_threads_from);
    divide_unbroken();
    decide_shape();
    score();
    choose_thesis();
    return claims();
  }

 private:
  // What reads blocks for text_of: the block read last, and the texts it had to clean.
  // One per thread that reads (see read_sentences).
  struct BlockReader {
    ProseReading reading;
    std::uint32_t block = UINT32_MAX;
    std::deque<std::string> cleaned;  // texts text_of had to clean (a deque: its views stay valid)
  };

  // Sentence i (of block b, at `span`) as read: its Sentence::text when analyze() made
  // it, else cut out of its block's reading (each block is read once, by read_sentences).
  std::string_view text_of(std::size_t i, std::uint32_t b, const Span& span, BlockReader& reader) const {
    if (have_text_) return (*sentences_)[i].text;
    if (b != reader.block) {
      reader.block = b;
      reader.reading.read(slice(in_, prose_[b].span), format_, prose_[b].role == ProseRole::list_item,
                          {&references_, prose_[b].span.start});
    }
    const std::size_t base = prose_[b].span.start;
    const std::string_view raw = reader.reading.range(span.start - base, span.end - base);
    // A sentence's text is as read_sentence_texts gives it (valid UTF-8, NFC, its white
    // space one space), so that the cues find the same claims whether sentences are
    // asked for or not. Most sentences are that already, and are not copied.
    if (reads_as_is(raw)) return raw;
    std::string clean = clean_text(collapse_whitespace(raw));
    if (clean == raw) return raw;
    return reader.cleaned.emplace_back(std::move(clean));
  }

  // A candidate's text as read: kept by read_sentences when it may be printed (or is
  // in the input as it is), else read again (the opening statement an essay falls back
  // on as its thesis may be such a sentence).
  // (`sentence`: its index, sentence_of(k) for cands_[k].)
  std::string_view text_of(const Candidate& c, std::size_t sentence) {
    if (have_text_) return (*sentences_)[sentence].text;
    if (c.text_at == UINT32_MAX) return text_of(sentence, blocks_[c.paragraph].block, Span{c.start, c.end, 0}, reader_);
    return (c.text_in_input ? in_ : std::string_view(kept_)).substr(c.text_at, c.text_size);
  }
  std::string_view candidate_text(std::size_t k) { return text_of(cands_[k], sentence_of(k)); }

  // The index of a candidate's sentence: its block's sentences are candidates, in a row.
  std::size_t sentence_of(std::size_t k) const {
    const ArgBlock& a = blocks_[cands_[k].paragraph];
    return a.first_sentence + (k - a.first);
  }
  // Its span, line and all.
  Span span_of(const Candidate& c, std::size_t sentence) const {
    return sentences_ ? (*sentences_)[sentence].span : lines_->span(c.start, c.end);
  }
  std::string_view source_of(const Candidate& c) const { return slice(in_, Span{c.start, c.end, 0}); }

  // The most a candidate's score can reach once its position and context are known: its
  // cues as found, the best prior (0), the evidence at a paragraph's opening counting half,
  // and the most context adds: a topic sentence's echo of the thesis, or the place in a
  // paragraph that opens on others' view (never both: the first is a paragraph's opening,
  // the second any sentence after it).
  static double best_case(const Candidate& c) {
    double x = weight_of(c.cues) + std::max(2 * kThesisEcho, kOthersViewParagraph);
    if (c.cues & kEvidence) x += kEvidenceAtOpening;
    if (c.words < 5) x += kShort;
    if (c.number) x += kNumber;
    if (c.quotation) x += kQuotation;
    return x;
  }

  // What one reader of sentences finds in its part of the prose blocks (read_part).
  struct Part {
    CandidateList cands;
    std::vector<ArgBlock> blocks;
    std::string kept;  // the texts as read of its candidates that may be printed
    BlockReader reader;
    std::size_t sentences = 0;  // read
  };

  // Pass 1, over the prose blocks [first_block, end_block), into `part`: every sentence of
  // the argument's paragraphs and items, read once, with its cues and what may make it
  // junk; the argument blocks. (read_sentences joins the parts.)
  void read_part(Part& part, std::size_t first_block, std::size_t end_block, const CueSets& sets) const {
    std::vector<int> hits;
    std::size_t block_size = 0;  // of the current block's trimmed source
    constexpr std::uint64_t asserts = kStance | kObligation | kEvaluation | kArgues;
    // Sentence i, of block b, at `span`.
    auto read = [&](std::size_t i, std::uint32_t b, const Span& span) {
      const ProseBlock& pb = prose_[b];
      if (pb.role != ProseRole::paragraph && pb.role != ProseRole::list_item) return;
      if (part.blocks.empty() || part.blocks.back().block != b) {
        ArgBlock a;
        a.block = b;
        a.first = a.last = static_cast<std::uint32_t>(part.cands.size());
        a.first_sentence = static_cast<std::uint32_t>(i);
        a.item = pb.role == ProseRole::list_item;
        const std::string_view src = trim(slice(in_, pb.span));
        a.one_line = src.find('\n') == std::string_view::npos;
        a.unstopped = a.one_line && pb.words < 25 && !ends_with_stop(without_trailing_references(src));
        part.blocks.push_back(a);
        block_size = src.size();
      }
      const std::string_view s = trim(text_of(i, b, span, part.reader));
      const std::string_view source = slice(in_, span);
      Candidate c;
      c.start = span.start;
      c.end = span.end;
      c.paragraph = static_cast<std::uint32_t>(part.blocks.size() - 1);
      c.cues = sets.match(s, hits);
      // RE2 has no lookahead: "is a great deal of" matches the judgement of a kind of
      // thing ("is a great place") as well as the quantity. A judgement counts only where
      // it is found once the quantities are read away.
      if (c.cues & kQuantity)
        c.cues = (c.cues & ~kEvaluation) | (sets.match(sets.without_quantities(s), hits) & kEvaluation);
      const Surface surface = surface_of(s);
      // A stance stated inside a quotation is the quoted speaker's: it counts only where it
      // is found once the quotations are read away.
      if ((c.cues & kStance) && surface.quotation)
        c.cues = (c.cues & ~kStance) | (sets.match(without_quotations(s), hits) & kStance);
      const std::size_t words = surface.words;
      c.words = static_cast<std::uint16_t>(std::min<std::size_t>(words, 0xFFFF));
      c.number = surface.number;
      c.quotation = surface.quotation && !quotes_only_titles(s);
      std::size_t end = s.size();
      while (end > 0 && (s[end - 1] == '"' || s[end - 1] == '\'' || s[end - 1] == ')' || s[end - 1] == ']')) --end;
      if (end >= 3 && (s.substr(end - 3, 3) == "\xE2\x80\x9D" || s.substr(end - 3, 3) == "\xE2\x80\x99")) end -= 3;
      const char last = end > 0 ? s[end - 1] : '\0';
      const bool question = last == '?';
      // The source, for what only the source shows: a heading's '#', a line alone.
      const bool whole_block = trim(source).size() == block_size;
      const bool one_line = part.blocks.back().one_line;
      const bool stop = last == '.' || last == '!' || last == '?' || last == ';' || last == ',' ||
                        (end >= 3 && s.substr(end - 3, 3) == "\xE2\x80\xA6");
      if (words < 3) c.junk = Junk::fragment;
      else if (question) c.junk = Junk::question;
      else if (!trim(source).empty() && trim(source).front() == '#') c.junk = Junk::heading;
      else if (whole_block && one_line && !stop && last != ':' && words < 12 && !c.number) c.junk = Junk::heading;
      else if ((c.cues & kByline) && (words <= 12 || s.find(" by ") != std::string_view::npos || (c.number && has_date(s))))
        c.junk = Junk::dateline;
      else if ((words <= 10 && c.number && has_date(s)) || is_byline(s)) c.junk = Junk::dateline;
      else if (c.cues & kBanner) c.junk = Junk::banner;
      else if (((c.cues & kSignpost) || last == ':') && !(c.cues & asserts)) c.junk = Junk::signpost;
      else if (whole_block && is_one_quotation(s)) c.junk = Junk::epigraph;
      else if (reads_as_markup(s)) c.junk = Junk::markup;
      // A statement: a declarative sentence of five words or more, or a shorter one that
      // commits its writer ("Schools must start later.", "Zoos are cruel."): a thesis may be as
      // short as that, where a cueless four-word line is more often a caption or a fragment.
      if (!question && (words >= 5 || (c.cues & (kStance | kObligation | kEvaluation)))) c.cues |= kStatementBit;
      const bool inner_stop = stop_inside(s);
      c.runs_on = words >= kRunOnWords && (inner_stop || joins_clauses(s));
      part.blocks.back().stop_inside |= inner_stop;
      // (Junk is never scored, and stays junk: its particulars would never be read.)
      if (c.junk == Junk::none && names_particulars(s)) c.cues |= kParticularBit;
      // Keep the text of what may be printed: a claim, or the thesis a little below.
      if (!have_text_ && c.junk == Junk::none && probability(best_case(c)) > kClaimThreshold - kThesisMargin) {
        c.text_in_input = s.data() >= in_.data() && s.data() < in_.data() + in_.size();
        c.text_at = static_cast<std::uint32_t>(c.text_in_input ? s.data() - in_.data() : part.kept.size());
        c.text_size = static_cast<std::uint32_t>(s.size());
        if (!c.text_in_input) part.kept.append(s);
      }
      part.cands.push_back(c);
      part.blocks.back().last = static_cast<std::uint32_t>(part.cands.size());
    };
    // (At most one block per paragraph and item, reserved: a vector grown by doubling
    // holds its old and new arrays at once, and what it freed stays with the process.)
    part.blocks.reserve(static_cast<std::size_t>(
        std::count_if(prose_.begin() + static_cast<std::ptrdiff_t>(first_block),
                      prose_.begin() + static_cast<std::ptrdiff_t>(end_block), [](const ProseBlock& b) {
                        return b.role == ProseRole::paragraph || b.role == ProseRole::list_item;
                      })));
    if (sentences_) {
      // (The sentences come in the order of their blocks.)
      const auto from = std::lower_bound(block_of_->begin(), block_of_->end(), first_block);
      const auto to = std::lower_bound(from, block_of_->end(), end_block);
      for (auto i = static_cast<std::size_t>(from - block_of_->begin()); i < static_cast<std::size_t>(to - block_of_->begin());
           ++i)
        read(i, (*block_of_)[i], (*sentences_)[i].span);
      part.sentences = static_cast<std::size_t>(to - from);
    } else {
      // The sentences as split_sentences gives them, none kept, numbered from the part's
      // first (read_sentences numbers them in the document).
      std::size_t line_hint = 1;  // (they come in the order of the text)
      for_each_sentence(in_, prose_, first_block, end_block, [&](std::size_t block, std::size_t start, std::size_t end) {
        read(part.sentences++, static_cast<std::uint32_t>(block), lines_->span(start, end, line_hint));
      });
    }
  }

  // The prose blocks from which a second thread reads (read_sentences): about half the
  // prose's bytes each side; prose_.size() where one thread reads all: below
  // `two_threads_from` bytes of prose (kClaimsTwoThreadsFrom: below a megabyte a thread
  // costs more than it saves, tens of microseconds to start against about 20 ms a megabyte
  // of reading and matching, and batch's posts, each on a thread of its own already, get
  // none), or on a machine of one core.
  std::size_t second_part(std::size_t two_threads_from) const {
    const std::size_t bytes = prose_bytes(0, prose_.size());
    if (bytes < two_threads_from || (two_threads_from > 0 && std::thread::hardware_concurrency() < 2))
      return prose_.size();
    std::size_t half = 0, k = 0;
    for (; k < prose_.size() && 2 * half < bytes; ++k) half += prose_[k].span.size();
    return k > 0 ? k : prose_.size();
  }
  // The bytes of the prose blocks [from, to).
  std::size_t prose_bytes(std::size_t from, std::size_t to) const {
    std::size_t bytes = 0;
    for (std::size_t k = from; k < to; ++k) bytes += prose_[k].span.size();
    return bytes;
  }

  void read_sentences(std::size_t two_threads_from) {
    // Each part of the blocks is read alone, the second on a thread of its own when the
    // prose is large, and the two joined in order: the candidates and blocks are the
    // same, one thread or two. (The cue sets are RE2's, which matches on several threads
    // at once; the rest of a part is its own.)
    std::size_t split = second_part(two_threads_from);
    Part first, second;
    // (The kept texts are at most the prose they are read from, less the markup: reserved
    // whole, they are written once and joined without moving. Pages reserved and never
    // written cost nothing; a string grown by doubling wrote each of them twice or more,
    // and the join once again: a fifth of a large input's page faults.)
    if (!have_text_) {
      reserve_in_huge_pages(first.kept, prose_bytes(0, prose_.size()));
      reserve_in_huge_pages(second.kept, prose_bytes(split, prose_.size()));
    }
    // (A part of 4 MiB of prose or more holds tens of thousands of sentences.)
    second.cands.expect_large(prose_bytes(split, prose_.size()) >= kHugePageThreshold);
    std::future<void> other;  // (after `second`: its end waits for the thread, before `second` goes)
    if (split < prose_.size()) {
      try {
        other = std::async(std::launch::async, [&] {
          // (Sets of its own: RE2 builds a set's automaton as it matches, under a lock, and
          // two threads matching one set wait on each other most of the time it takes.)
          const CueSets own;
          read_part(second, split, prose_.size(), own);
        });
      } catch (const std::system_error&) {
        split = prose_.size();  // no thread to be had: this one reads all
      }
    }
    first.cands.expect_large(prose_bytes(0, split) >= kHugePageThreshold);
    read_part(first, 0, split, cue_sets());
    if (other.valid()) other.get();  // (what the thread threw, if anything, is thrown here)
    sentence_count_ = sentences_ ? sentences_->size() : first.sentences + second.sentences;
    cands_ = std::move(first.cands);
    blocks_ = std::move(first.blocks);
    kept_ = std::move(first.kept);
    if (!second.blocks.empty()) {  // (a part's candidates are its blocks' sentences)
      // The second part's indices are its own: into its candidates, blocks and kept
      // texts, and (without the sentences) its sentences, counted from its first.
      const auto cand_base = static_cast<std::uint32_t>(cands_.size());
      const auto block_base = static_cast<std::uint32_t>(blocks_.size());
      const auto kept_base = static_cast<std::uint32_t>(kept_.size());
      const auto sentence_base = static_cast<std::uint32_t>(sentences_ ? 0 : first.sentences);
      blocks_.reserve(blocks_.size() + second.blocks.size());
      for (ArgBlock a : second.blocks) {
        a.first += cand_base;
        a.last += cand_base;
        a.first_sentence += sentence_base;
        blocks_.push_back(a);
      }
      for (std::size_t k = 0; k < second.cands.size(); ++k) {
        Candidate c = second.cands[k];
        c.paragraph += block_base;
        if (c.text_at != UINT32_MAX && !c.text_in_input) c.text_at += kept_base;
        cands_.push_back(c);
      }
      second.cands.release();  // (copied: not held twice while the claims are scored)
      kept_ += second.kept;
    }
    // A paragraph that carries a banner or a call to action is the site's, all of it
    // ("Jane writes a weekly column. Subscribe to get it every Friday.").
    for (ArgBlock& a : blocks_) {
      bool site = false;
      for (std::uint32_t k = a.first; k < a.last; ++k) site |= cands_[k].junk == Junk::banner;
      for (std::uint32_t k = a.first; k < a.last; ++k) {
        if (site && cands_[k].junk == Junk::none) cands_[k].junk = Junk::banner;
        a.content |= !a.item && cands_[k].junk == Junk::none && (cands_[k].cues & kStatementBit);
      }
    }
  }

  // Pass 1b: an argument typed as one block (a form's text box, a copy that lost its
  // line breaks) still has its paragraphs, and its writer opens each with the move it
  // makes: "First, …", "Another reason …", "In conclusion, …" (the transitions taught with
  // the essay's structure). Where the whole argument is one paragraph of more sentences
  // than a reader takes as one, those openings divide it, so that its introduction, its
  // body paragraphs and its conclusion are read as such: when there are two of them or
  // more (one could be an aside), and the text argues as an essay does, its opening before
  // them taking a position (a stance, an obligation, a judgement) or its last one
  // concluding. (A story told in steps, "First, I called support. … Finally, a manager
  // came out.", is no essay's paragraphs.)
  void divide_unbroken() {
    std::size_t only = blocks_.size();
    for (std::size_t p = 0; p < blocks_.size(); ++p) {
      if (!blocks_[p].content && !blocks_[p].item) continue;
      if (only != blocks_.size() || blocks_[p].item) return;  // more than one: it has its paragraphs
      only = p;
    }
    if (only == blocks_.size() || blocks_[only].last - blocks_[only].first < kUnbrokenSentences) return;
    const ArgBlock whole = blocks_[only];
    std::vector<std::uint32_t> starts{whole.first};
    Move last_move = Move::none;
    for (std::uint32_t k = whole.first + 1; k < whole.last; ++k)
      if (const Move m = paragraph_move(candidate_text(k)); m != Move::none) {
        starts.push_back(k);
        last_move = m;
      }
    if (starts.size() < kMinDividedParagraphs || starts.size() > kMaxEssayParagraphs) return;
    bool takes_position = false, introduces = false;
    for (std::uint32_t k = whole.first; k < starts[1]; ++k) {
      if (cands_[k].junk != Junk::none) continue;
      takes_position |= (cands_[k].cues & kPosition) != 0;
      introduces |= (cands_[k].cues & kIntroducing) != 0;
    }
    if (!takes_position && last_move != Move::conclusion) return;
    // More paragraphs than a handful make an essay only with the markers decide_shape asks
    // of one (a stance or a plan in the introduction, a conclusion announced as one);
    // without them such pieces would be read as a column's, its thesis in a lead.
    if (starts.size() > kHandfulOfParagraphs && !introduces && !(cands_[starts.back()].cues & kConclusion)) return;
    std::vector<ArgBlock> pieces;
    for (std::size_t i = 0; i < starts.size(); ++i) {
      ArgBlock a = whole;
      a.first = starts[i];
      a.last = i + 1 < starts.size() ? starts[i + 1] : whole.last;
      a.first_sentence = whole.first_sentence + (a.first - whole.first);
      a.content = false;
      for (std::uint32_t k = a.first; k < a.last; ++k)
        a.content |= cands_[k].junk == Junk::none && (cands_[k].cues & kStatementBit);
      pieces.push_back(a);
    }
    const auto added = static_cast<std::uint32_t>(pieces.size() - 1);
    for (std::size_t k = 0; k < cands_.size(); ++k) {
      Candidate& c = cands_[k];
      if (c.paragraph > only) c.paragraph += added;
      else if (c.paragraph == only)
        c.paragraph = static_cast<std::uint32_t>(
            only + static_cast<std::size_t>(std::upper_bound(starts.begin(), starts.end(), k) - starts.begin()) - 1);
    }
    blocks_.erase(blocks_.begin() + static_cast<std::ptrdiff_t>(only));
    blocks_.insert(blocks_.begin() + static_cast<std::ptrdiff_t>(only), pieces.begin(), pieces.end());
  }

  // Pass 2: the text's shape, and from it its opening and closing regions.
  void decide_shape() {
    std::size_t first_content = blocks_.size(), last_content = blocks_.size();
    for (std::size_t p = 0; p < blocks_.size(); ++p) {
      if (blocks_[p].item) {
        ++shape_.list_items;
        continue;
      }
      if (!blocks_[p].content) continue;
      ++shape_.paragraphs;
      shape_.sentences += blocks_[p].last - blocks_[p].first;
      shape_.stop_inside |= blocks_[p].stop_inside;
      if (first_content == blocks_.size()) first_content = p;
      last_content = p;
    }
    if (first_content == blocks_.size()) return;  // nothing argues here
    const std::size_t body_start = prose_[blocks_[first_content].block].span.start;
    std::size_t first_heading = in_.size();
    for (const Section& s : sections_)
      if (s.span.start > body_start) {
        ++shape_.inner_headings;
        first_heading = std::min(first_heading, s.span.start);
      }
    // The markers of a school essay: a position or a plan in the introduction ("I
    // believe …", "This essay will …"), a conclusion announced as one ("In conclusion").
    for (std::uint32_t k = blocks_[first_content].first; k < blocks_[first_content].last; ++k)
      shape_.intro_marker |= (cands_[k].cues & kIntroducing) != 0;
    shape_.conclusion_marker = (cands_[blocks_[last_content].first].cues & kConclusion) != 0;
    // One heading inside a handful of paragraphs is more often a line the copy set apart
    // (a title repeated, "Conclusion") than the sections of a post.
    // Paragraphs of one sentence each are lines rather than paragraphs: they say nothing
    // of the shape, and the text is read as an essay, its thesis at its opening.
    const bool essay_like = shape_.paragraphs <= kHandfulOfParagraphs || shape_.lines() ||
                            (shape_.paragraphs <= kMaxEssayParagraphs && (shape_.intro_marker || shape_.conclusion_marker));
    if (shape_.paragraphs < 3) shape_.shape = Shape::short_text;
    else if (shape_.inner_headings > 1 || (shape_.inner_headings == 1 && !essay_like)) shape_.shape = Shape::sectioned_post;
    else if (essay_like) shape_.shape = Shape::school_essay;
    else shape_.shape = Shape::column;

    opening_.assign(blocks_.size(), false);
    closing_.assign(blocks_.size(), false);
    mark_regions(first_content, last_content, first_heading);
    for (std::size_t p = 0; p < blocks_.size(); ++p) {
      if (opening_[p] && opening_first_ == SIZE_MAX) opening_first_ = blocks_[p].first;
      if (opening_[p]) opening_end_ = blocks_[p].last;
      if (closing_[p] && closing_first_ == SIZE_MAX) closing_first_ = blocks_[p].first;
    }
  }

  void mark_regions(std::size_t first_content, std::size_t last_content, std::size_t first_heading) {
    auto start_of = [&](std::size_t p) { return prose_[blocks_[p].block].span.start; };
    switch (shape_.shape) {
      case Shape::short_text:
        return;
      case Shape::school_essay:
        opening_[first_content] = true;
        closing_[last_content] = true;
        return;
      case Shape::column: {
        std::size_t n = 0, sentences = 0;
        for (std::size_t p = first_content; p < blocks_.size() && n < kMaxLeadParagraphs && sentences < kLeadSentences; ++p) {
          if (!blocks_[p].content) continue;
          opening_[p] = true;
          ++n;
          sentences += blocks_[p].last - blocks_[p].first;
        }
        if (!opening_[last_content]) closing_[last_content] = true;
        return;
      }
      case Shape::sectioned_post: {
        // The lead: the paragraphs before the first heading inside the text; a post that
        // opens on a heading leads with its first paragraph.
        std::size_t n = 0;
        for (std::size_t p = first_content; p < blocks_.size() && n < kMaxLeadParagraphs; ++p) {
          if (!blocks_[p].content) continue;
          if (start_of(p) > first_heading && n > 0) break;
          opening_[p] = true;
          ++n;
          if (start_of(p) > first_heading) break;
        }
        // The closing section: the last one holding a paragraph, back matter aside.
        for (std::size_t p = last_content + 1; p-- > first_content;) {
          if (!blocks_[p].content || opening_[p]) continue;
          std::optional<std::size_t> sec = section_at(sections_, start_of(p));
          if (sec && is_back_matter(sections_[*sec].title)) continue;
          for (std::size_t q = first_content; q <= p; ++q)
            if (blocks_[q].content && !opening_[q] && section_at(sections_, start_of(q)) == sec) closing_[q] = true;
          break;
        }
        return;
      }
    }
  }

  // Pass 3: each candidate's score, from its cues in their context and its position.
  void score() {
    constexpr std::uint64_t reporting = kCounter, conceding = kConcession, others_view = kOthersView,
                            answering = kRebuttal, obliging = kObligation, stance = kStance, judging = kEvaluation,
                            concluding = kConclusion, giving_reason = kReason, premise = kPremise, evidencing = kEvidence;
    const bool essay = shape_.shape == Shape::school_essay || shape_.shape == Shape::short_text;
    // The introduction lands on its last sentence, or, in an essay, where that is a signpost
    // ("In this essay I will discuss the evidence."), on the sentence before it: the signpost
    // only announces. Not on others' view set out there ("Some people believe …, while
    // others …"): an essay that weighs both sides gives its own position at the end. (A
    // post's lead that ends on a signpost has no thesis there: what comes before it, "Yeah,
    // I'll do real work.", "It is a conversation with …", leads in.)
    std::size_t intro_last = opening_end_ == SIZE_MAX || opening_end_ == 0 ? SIZE_MAX : opening_end_ - 1;
    while (essay && intro_last != SIZE_MAX && intro_last > opening_first_ && cands_[intro_last].junk == Junk::signpost)
      --intro_last;
    // (Moved so, it lands only on a sentence that takes a position: a fact before the
    // signpost, "Teenagers now spend seven hours a day on screens.", is the background.)
    if (intro_last != SIZE_MAX && intro_last + 1 != opening_end_ &&
        (((cands_[intro_last].cues & reporting) && !(cands_[intro_last].cues & (stance | answering | conceding))) ||
         !(cands_[intro_last].cues & kPosition)))
      intro_last = SIZE_MAX;
    // A short text's first sentence opens it, as a paragraph's first opens the paragraph,
    // also where it stands alone and takes a position (a stance, an obligation, a judgement):
    // in a text of one sentence, or of two paragraphs whose first is one, that sentence is
    // where the text makes its point ("Schools should ban phones in class."), not a line set
    // apart among paragraphs. (Without such a cue it stays a line alone: "Opening paragraph
    // before any heading.")
    std::size_t text_first = SIZE_MAX;
    if (shape_.shape == Shape::short_text)
      for (const ArgBlock& a : blocks_)
        if (!a.item && a.content) {
          text_first = a.first;
          break;
        }
    for (std::size_t p = 0; p < blocks_.size(); ++p) {
      const ArgBlock& a = blocks_[p];
      const bool intro = !opening_.empty() && opening_[p], conclusion = !closing_.empty() && closing_[p];
      bool others_said = false;  // others' view given earlier in this paragraph
      std::uint64_t opening = 0;  // the cues found in the paragraph's first sentence
      for (std::uint32_t k = a.first; k < a.last; ++k) {
        Candidate& c = cands_[k];
        const bool first = k == a.first, last = k + 1 == a.last;
        const std::uint64_t found = c.cues;
        if (first) opening = found;
        // The answer to others' view given earlier in the paragraph (perhaps after a
        // concession: "Some say …. I understand the worry. But …").
        const bool answers = !first && (c.cues & answering) != 0 &&
                             others_said && !(found & reporting);
        others_said |= (found & others_view) != 0;
        if (c.junk != Junk::none) continue;
        // Context: what counts only where it means something. An answer needs others'
        // view before it (or in the same sentence); an obligation, a place where a point
        // is made or a stance, a judgement or others' view beside it; a reason given
        // inside a paragraph supports its point instead of making one.
        std::uint64_t counted = found;
        if (!(others_said || (found & others_view))) counted &= ~answering;
        const bool point_here = first || last || intro || conclusion || answers;
        if (!(point_here || (found & (stance | judging | others_view)))) counted &= ~obliging;
        const bool reason_inside = (found & giving_reason) && !first && !intro && !conclusion;
        if (reason_inside) counted &= ~giving_reason;
        // Inside a paragraph what could be elaborates the point as what is does; in the
        // introduction and the conclusion the position is weighed by other cues. In a
        // sectioned post, "can" and "will" mostly describe what a thing does ("The tool can
        // read …"): modality counts only where the text has the shape of a school essay or
        // is a short text (see decide_shape), which a short post without headings also has.
        const bool held_modal = intro && (found & kModal);  // (see kPreviewModal)
        if (!first || intro || conclusion || !essay) counted &= ~kModal;
        double x = weight_of(counted);
        if (reason_inside) x += kReasonInside;
        if ((found & premise) && !first) x += kPremiseInside;
        if ((found & evidencing) && first && !intro && !conclusion) x += kEvidenceAtOpening;
        c.cues = counted | (held_modal ? kHeldModalBit : 0);  // (counted keeps kParticularBit)
        if (intro) {
          const bool region_first = k == opening_first_, region_last = k == intro_last;
          x += region_last ? kIntroLast : region_first ? kIntroFirst : kIntroMiddle;
          // (Reported, and not answered in the same sentence: no stance, no "but".)
          if ((c.cues & reporting) && !(c.cues & (stance | answering | conceding)) &&
              source_of(c).find(" but ") == std::string_view::npos)
            x += kReportedView;
          if (region_last) c.cues |= kIntroEndBit;
          if (region_first && !region_last && shape_.shape == Shape::school_essay && (c.cues & kGeneralisation) &&
              !(c.cues & (kPosition | giving_reason)))
            x += kHook;
        } else if (conclusion) {
          const bool region_first = k == closing_first_;
          x += region_first ? kConclusionFirst : kConclusionOther;
          if (region_first) c.cues |= kConclusionStartBit;
        } else {
          const bool only = first && last;
          const double alone = essay && !shape_.lines() ? kEssayOnlySentence : kOnlySentence;
          const bool takes_position = (counted & kPosition) != 0;
          const bool opens_text = k == text_first && takes_position;
          // A text of one paragraph closes on its point as often as it opens on it ("Offices
          // cost money. Companies should stop measuring presence."): there its last sentence
          // that takes a position weighs as its first.
          const bool closes_text = last && takes_position && shape_.shape == Shape::short_text && shape_.paragraphs == 1;
          x += only ? (opens_text ? kBodyFirst : alone) : first || closes_text ? kBodyFirst : answers ? kAnswer
               : last ? ((c.cues & concluding) ? kBodyConcluding : kBodyLast) : kBodyMiddle;
          if (only && essay && c.runs_on && !shape_.one_sentence_each()) {
            x += kRunOnParagraph;
            c.cues |= kRunOnBit;
          }
        }
        if (!first && !intro && (opening & reporting) && !(found & conceding)) {
          x += kOthersViewParagraph;
          c.cues |= kOthersViewParagraphBit;
        }
        if (essay && !intro && (found & kParticularBit)) {
          x += kParticular;
          c.cues |= kParticularCountedBit;
        }
        if (first && !intro) c.cues |= kFirstBit;
        if (c.words < 5) x += kShort;
        if (c.words > 30 && !first && !intro && !conclusion) x += kLong;
        if (c.number) x += kNumber;
        if (c.quotation) x += kQuotation;
        // In a post with headings, a short line alone reads as a heading the copy lost or
        // an aside ("But I don't work there!") unless it takes a stance or judges; so does
        // a line that ends without a stop ("Whoa, take it easy. Explain it simply").
        if (shape_.shape == Shape::sectioned_post &&
            ((first && last && c.words < 8 && !(c.cues & kPosition)) || a.unstopped))
          c.junk = Junk::heading;
        c.raw = x;
      }
    }
  }

  // `src` (a slice of the input) without the footnote references it ends on: how a line
  // ends is told by what stands before "…depend on it.[^2]" or "…on it.2". (Plain text's
  // references are in references_; Markdown's are markup, `[^label]`, read as written.)
  std::string_view without_trailing_references(std::string_view src) const {
    std::size_t end = static_cast<std::size_t>(src.data() - in_.data()) + src.size();
    const std::size_t start = end - src.size();
    for (;;) {
      const std::string_view rest = in_.substr(start, end - start);
      std::size_t ref = std::string_view::npos;
      if (format_ == Format::markdown && !rest.empty() && rest.back() == ']') {
        const std::size_t open = rest.rfind("[^");
        if (open != std::string_view::npos && open + 3 < rest.size() &&
            rest.find_first_of("[] \t\r\n", open + 2) == rest.size() - 1)
          ref = start + open;
      } else {
        auto r = std::partition_point(references_.begin(), references_.end(), [&](const Span& x) { return x.start < end; });
        if (r != references_.begin() && std::prev(r)->end == end && std::prev(r)->start >= start) ref = std::prev(r)->start;
      }
      if (ref == std::string_view::npos) break;
      end = ref;
      while (end > start && is_space(in_[end - 1])) --end;
    }
    return in_.substr(start, end - start);
  }

  static double probability(double raw) { return 1.0 / (1.0 + std::exp(-raw)); }
  bool is_claim(const Candidate& c) const { return c.junk == Junk::none && probability(c.raw) > kClaimThreshold; }

  // Pass 4: the thesis, where this shape of text states it, and at most one restatement.
  void choose_thesis() {
    thesis_ = restated_ = cands_.size();
    constexpr std::uint64_t stance = kStance, obliging = kObligation, committed = stance | obliging,
                            concluding = kConclusion, reporting = kCounter, answering = kRebuttal;
    std::uint64_t positive = 0;
    for (std::size_t k = 0; k < kCueCount; ++k)
      if (kCues[k].weight > 0) positive |= std::uint64_t{1} << k;
    const bool essay = shape_.shape == Shape::school_essay || shape_.shape == Shape::short_text;
    // A position commits its author: to a stance, to what should be done, or to a
    // judgement ("is not fair", "would be beneficial"); each such cue weighs for it.
    constexpr std::uint64_t taking_position = committed | kEvaluation;
    auto weight = [&](std::size_t k) {
      const Candidate& c = cands_[k];
      double w = c.raw + 0.5 * static_cast<double>(std::bitset<64>(cue_groups(c.cues & taking_position)).count());
      // A thesis statement often names the reasons the body goes on to give ("… should
      // be required because …"): of two sentences that take a position, the one that gives
      // its reason is the likelier thesis.
      if ((c.cues & kReason) && (c.cues & taking_position)) w += kReasonedPosition;
      // An introduction's first sentence states the position as often as its last does,
      // though it is less often a claim otherwise: for the thesis the two weigh the same.
      // Unless it is a hook: a sweeping generalisation that takes no position ("Everyone
      // has …", "Nobody likes …") draws the reader in before the essay says what it holds.
      const bool hook = (c.cues & kGeneralisation) && !(c.cues & taking_position);
      if (shape_.shape == Shape::school_essay && (c.cues & kStatementBit) && k == opening_first_ && !hook)
        w += kIntroLast - kIntroFirst;
      // "First, …", "Lastly, …" in an opening preview one of the reasons the body gives:
      // a reason is what supports the position, not the position.
      if (!opening_.empty() && opening_[c.paragraph]) w -= weight_of(c.cues & kEnumeration);
      return w;
    };
    // A thesis stands as a claim: above the threshold, or a little below it with a
    // lexical cue of its own; in a post, only with one (position alone makes none).
    auto can_be_thesis = [&](const Candidate& c) {
      if (c.junk != Junk::none || !(c.cues & kStatementBit)) return false;
      const double sc = probability(c.raw);
      if (!essay) return sc > kClaimThreshold && (c.cues & positive) != 0;
      return sc > kClaimThreshold || ((c.cues & positive) != 0 && sc > kClaimThreshold - kThesisMargin && cands_.size() >= 5);
    };
    // (A text of one or two paragraphs opens with its first three sentences; a date line, a
    // banner or a heading above them is none of its sentences, and does not take their place.)
    std::size_t short_opening_end = 0;
    for (std::size_t seen = 0; shape_.shape == Shape::short_text && short_opening_end < cands_.size() && seen < 3;
         ++short_opening_end)
      if (cands_[short_opening_end].junk == Junk::none) ++seen;
    auto in_opening = [&](std::size_t i) {
      return shape_.shape == Shape::short_text ? i < short_opening_end : opening_[cands_[i].paragraph];
    };
    std::size_t statement = cands_.size();
    auto stronger = [&](std::size_t i, std::size_t best) { return best == cands_.size() || weight(i) > weight(best); };
    for (std::size_t i = 0; i < cands_.size(); ++i) {
      if (!in_opening(i)) continue;
      if (can_be_thesis(cands_[i]) && stronger(i, thesis_)) thesis_ = i;
      if (cands_[i].junk == Junk::none && (cands_[i].cues & kStatementBit) && stronger(i, statement)) statement = i;
    }
    bool argues = false;
    for (std::size_t i = 0; i < cands_.size() && !argues; ++i) argues = is_claim(cands_[i]);
    // Others' view stated in the conclusion ("To conclude, although some disagree, it is
    // often argued that …") is the view the author answers, not the position.
    auto opposing = [&](const Candidate& c) { return (c.cues & reporting) && !(c.cues & (stance | answering)); };
    if (thesis_ == cands_.size() && shape_.shape == Shape::school_essay && defers_position()) {
      // An essay that sets out both sides in its introduction (others' views, a plan)
      // without taking one gives its position in the conclusion.
      for (std::size_t i = 0; i < cands_.size(); ++i)
        if (closing_[cands_[i].paragraph] && is_claim(cands_[i]) && (cands_[i].cues & committed) && !opposing(cands_[i]) &&
            stronger(i, thesis_))
          thesis_ = i;
      if (thesis_ != cands_.size()) return;
    }
    // An essay that argues has a position even when no opening sentence reads as a claim
    // on its own: its opening's strongest statement. (A post need not have a thesis.)
    if (thesis_ == cands_.size() && essay && argues) thesis_ = statement;
    // A text whose paragraphs are a sentence each has no introduction that leads up to a
    // position: where its opening line takes none (no stance, obligation or judgement: "Our
    // town is growing fast."), it only set the scene, and a line further down that commits
    // the writer (a stance, what should be done) and scores higher is the position. (In an
    // essay of paragraphs, a cueless last sentence of the introduction is the position more
    // often than a body's "should": "A new library is what the town lacks.")
    if (thesis_ != cands_.size() && essay && shape_.one_sentence_each() && !(cands_[thesis_].cues & taking_position)) {
      std::size_t committing = cands_.size();
      for (std::size_t i = 0; i < cands_.size(); ++i)
        if (is_claim(cands_[i]) && (cands_[i].cues & committed) && !opposing(cands_[i]) && stronger(i, committing))
          committing = i;
      if (committing != cands_.size() && cands_[committing].raw > cands_[thesis_].raw) thesis_ = committing;
    }
    // (After the thesis is chosen: its lead-in is scored knowing where the position is.)
    // What follows it there previews the reasons (kPreviewModal); the body's topic
    // sentences echo it (kThesisEcho).
    if (thesis_ != cands_.size() && shape_.shape == Shape::school_essay && opening_[cands_[thesis_].paragraph]) {
      for (std::size_t i = opening_first_; i < thesis_; ++i)
        if (opening_[cands_[i].paragraph]) cands_[i].raw += kBeforeThesis;
      for (std::size_t i = thesis_ + 1; i < opening_end_; ++i)
        if (opening_[cands_[i].paragraph] && (cands_[i].cues & kHeldModalBit)) {
          cands_[i].raw += kPreviewModal;
          cands_[i].cues |= kModal | kPreviewBit;
        }
    }
    if (thesis_ != cands_.size() && shape_.shape == Shape::school_essay) echo_thesis();
    if (thesis_ == cands_.size() || closing_.empty()) return;
    // The restatement: the closing's opening when it is a confident claim, or a claim
    // that concludes or says it again in the thesis's words; or a later claim of the
    // closing that takes a stance, or obliges or concludes in the thesis's words. The
    // best of those, and only one: the rest of a conclusion sums up the reasons.
    const std::vector<std::string> thesis_words = word_set(candidate_text(thesis_));
    double best = 0;
    for (std::size_t i = 0; i < cands_.size(); ++i) {
      const Candidate& c = cands_[i];
      // (A restatement comes after what it restates: a thesis the closing holds is not
      // restated above it.)
      if (!closing_[c.paragraph] || !is_claim(c) || opposing(c) || i <= thesis_) continue;
      const double sc = probability(c.raw);
      const bool concludes = (c.cues & concluding) != 0;
      const bool echoes = shared_content_words(thesis_words, candidate_text(i)) >= 2;
      const bool opening = c.cues & kConclusionStartBit;
      const bool restates = opening ? sc > kClaimThreshold + 0.45 || concludes || echoes
                                    : (c.cues & stance) || ((c.cues & obliging) && echoes) || (concludes && echoes);
      const double w = weight(i) + (echoes ? 0.5 : 0.0) + (concludes ? 0.3 : 0.0);
      if (restates && (restated_ == cands_.size() || w > best)) {
        restated_ = i;
        best = w;
      }
    }
  }

  // A school essay's body paragraphs (neither its introduction nor its conclusion) whose
  // opening shares content words with the thesis: kThesisEcho for each shared word past
  // the first (past the second for a report), up to three.
  void echo_thesis() {
    const std::vector<std::string> words = word_set(candidate_text(thesis_));
    for (std::size_t p = 0; p < blocks_.size(); ++p) {
      const ArgBlock& a = blocks_[p];
      // (The thesis itself, where a body paragraph's opening is the position, echoes nothing.)
      if (a.item || opening_[p] || closing_[p] || a.first == a.last || a.first == thesis_) continue;
      const Candidate& c = cands_[a.first];
      if (c.junk != Junk::none) continue;
      const std::size_t shared = std::min<std::size_t>(shared_content_words(words, candidate_text(a.first)), 3);
      const std::size_t past = c.number || c.quotation || (c.cues & kReport) ? 2 : 1;
      if (shared > past) {
        cands_[a.first].raw += kThesisEcho * static_cast<double>(shared - past);
        cands_[a.first].cues |= kThesisEchoBit;
      }
    }
  }

  // The introduction sets out the debate or the plan: others' views, a signpost.
  bool defers_position() const {
    constexpr std::uint64_t setting_out = kOthersView | kSignpost;
    for (std::size_t p = 0; p < blocks_.size(); ++p)
      if (opening_[p])
        for (std::uint32_t k = blocks_[p].first; k < blocks_[p].last; ++k)
          if (cands_[k].cues & setting_out) return true;
    return false;
  }

  // The claims, made from a copy of the candidates that are one: the rest are let go
  // first, so that the claims take the memory they held.
  std::vector<Claim> claims() {
    struct Chosen {
      Candidate c;
      std::size_t sentence;
      bool thesis, restated;
    };
    std::vector<Chosen> chosen;
    std::size_t count = 0;
    for (std::size_t i = 0; i < cands_.size(); ++i) count += is_claim(cands_[i]) || i == thesis_ || i == restated_;
    chosen.reserve(count);
    for (std::size_t i = 0; i < cands_.size(); ++i) {
      const Candidate& c = cands_[i];
      const bool thesis = i == thesis_ || i == restated_;
      // The thesis stands even a little below the claim threshold (see can_be_thesis).
      if (is_claim(c) || thesis) chosen.push_back({c, sentence_of(i), thesis, i == restated_});
    }
    cands_.release();
    std::vector<Claim> out;
    out.reserve(chosen.size());
    const bool lead = shape_.shape == Shape::sectioned_post || shape_.shape == Shape::column;
    for (const Chosen& x : chosen) {
      const Candidate& c = x.c;
      Claim claim;
      claim.span = span_of(c, x.sentence);
      // Most texts are clean already (text_of cleaned what it kept): only the others
      // are built again.
      const std::string_view text = text_of(c, x.sentence);
      claim.text = reads_as_is(text) ? std::string(text) : clean_text(collapse_whitespace(text));
      claim.section = section_at(sections_, c.start);
      claim.kind = x.thesis ? ClaimKind::thesis : ClaimKind::claim;
      claim.score = std::round(probability(c.raw) * 1000) / 1000;
      claim.cues = cue_names(c.cues, lead, shape_.shape == Shape::sectioned_post, x.restated);
      out.push_back(std::move(claim));
    }
    return out;
  }

  std::string_view in_;
  Format format_;
  const std::vector<ProseBlock>& prose_;
  const std::vector<Sentence>* sentences_ = nullptr;  // (with block_of_) or, without them, lines_
  const LineIndex* lines_ = nullptr;
  bool have_text_;
  const std::vector<std::uint32_t>* block_of_ = nullptr;
  std::size_t sentence_count_ = 0;
  const std::vector<Section>& sections_;
  const std::vector<Span>& references_;  // footnote references to read away (see ReferenceMarks)

  BlockReader reader_;  // after read_sentences
  std::string kept_;  // the texts as read of the candidates that may be printed
  CandidateList cands_;
  std::vector<ArgBlock> blocks_;
  EssayShape shape_;
  std::vector<bool> opening_, closing_;  // per argument block
  // The opening's first candidate and the end of its last; the closing's first.
  std::size_t opening_first_ = SIZE_MAX, opening_end_ = SIZE_MAX, closing_first_ = SIZE_MAX;
  std::size_t thesis_ = 0, restated_ = 0;
};

}  // namespace

std::vector<Claim> find_claims(std::string_view input, Format format, const std::vector<ProseBlock>& prose,
                               const std::vector<Sentence>& sentences, bool sentence_texts,
                               const std::vector<std::uint32_t>& block_of, const std::vector<Section>& sections,
                               const std::vector<Span>& references, std::size_t two_threads_from) {
  return ClaimFinder(input, format, prose, sentences, sentence_texts, block_of, sections, references)
      .run(two_threads_from);
}

std::vector<Claim> find_claims(std::string_view input, Format format, const std::vector<ProseBlock>& prose,
                               const LineIndex& lines, const std::vector<Section>& sections,
                               std::size_t& sentence_count, const std::vector<Span>& references,
                               std::size_t two_threads_from) {
  ClaimFinder finder(input, format, prose, lines, sections, references);
  std::vector<Claim> claims = finder.run(two_threads_from);
  sentence_count = finder.sentence_count();
  return claims;
}

}  // namespace essaykit::detail
