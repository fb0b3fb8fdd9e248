// essaykit_fit — fits the weights of the plain-text model, and reads documents with
// a model from a file, for cross-validation. A developer's tool built beside the
// library from its internals (it is not installed); fit_text_model.py drives it.
//
//   essaykit_fit train --list LIST [--exclude GROUP] [--epochs N] [--notes-epochs N] [--seed N]
//                      [--seeds K] [--cost-notes C] [--cost-essay C] --out MODEL
//       LIST: one document a line, "GROUP<TAB>TEXT<TAB>GOLD" (GOLD as written by
//       fit_text_model.py). Trains an averaged structured perceptron on the documents
//       not in GROUP and writes the model as text. --seed N: the order it visits them in.
//       --seeds K: K perceptrons, visiting orders N, N+1, … N+K-1, their weights averaged
//       (bagging over orders: one model, less of it the order's; K times the training).
//       --notes-epochs N: the notes' epochs (default: --epochs, as the essay's).
//       --cost-notes C, --cost-essay C: train that part against a loss-augmented decode,
//       a wrong tag costing C (default 0, the plain decode; fit_text_model.py passes
//       --cost-notes 0.5). --cost-notes-only, --cost-scales-loss: variants measured and
//       not adopted (see their declarations; README, "Plain text").
//   essaykit_fit analyze --model MODEL --out-dir DIR TEXT...
//       Reads each TEXT as plain text with MODEL, writes DIR/<name>.json (the JSON of
//       `essaykit analyze --json --from text --no-claims`).
//   essaykit_fit features [--model MODEL] TEXT
//       Each line's label, confidence and features: what the model saw.
//   essaykit_fit explain --list LIST [--model MODEL]
//       Per document, the gold labelling's score against the best labelling with the gold
//       reading, part by part (emission, transitions, note features, the notes' lines'
//       emission), and each line where the two differ with both tags' emission scores.
#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <iterator>
#include <limits>
#include <memory>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "essaykit/writers.h"
#include "passes.h"
#include "text/reader.h"

namespace ek = essaykit;
namespace dt = essaykit::detail::text;

namespace {

bool read_file(const std::string& path, std::string& out) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return false;
  std::ostringstream ss;
  ss << f.rdbuf();
  out = ss.str();
  return true;
}

[[noreturn]] void die(const std::string& message) {
  std::cerr << "essaykit_fit: " << message << "\n";
  std::exit(2);
}

dt::Model load_model(const std::string& path) {
  dt::Model m = dt::fitted_model();
  if (path.empty()) return m;
  std::string text;
  if (!read_file(path, text)) die("cannot read " + path);
  if (std::string err = dt::parse_model(text, m); !err.empty()) die(path + ": " + err);
  return m;
}

// One annotated document: its text, and the gold labels of its lines and notes.
struct Example {
  std::string group, path;
  std::string input;
  std::unique_ptr<ek::detail::LineIndex> index;
  std::unique_ptr<dt::Reading> reading;
  dt::Labels gold;
  dt::NoteHypothesis notes;  // the gold slots (empty: no notes)
  bool has_notes = false;
  std::vector<std::pair<std::size_t, std::size_t>> refs;  // the gold references' spans, sorted
  // The readings the reader finds, and the gold one among them (added when the reader
  // does not find it): the perceptron learns to choose as well as to place.
  std::vector<dt::NoteHypothesis> hypotheses;
  std::size_t gold_hypothesis = 0;
  std::vector<bool> essay_lines;  // the labelled lines that are not footnotes or after them
};

bool find_tag(std::string_view name, dt::Tag& out) {
  for (std::size_t t = 0; t < dt::kTags; ++t)
    if (dt::tag_name(static_cast<dt::Tag>(t)) == name) {
      out = static_cast<dt::Tag>(t);
      return true;
    }
  return false;
}

// The gold path must be one the decoder can produce: bodies 0..K-1 in order, each
// opening with note_begin, essay lines only before the first body, after-matter
// only after the last.
bool valid_notes(const Example& ex) {
  const auto& lines = ex.reading->decoded;
  long k = -1;
  bool in_notes = false, after = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!lines[i]) continue;
    const dt::Tag t = ex.gold.tag[i];
    if (t == dt::Tag::after) {
      if (k + 1 != static_cast<long>(ex.notes.slots.size())) return false;
      after = true;
    } else if (dt::is_note(t)) {
      if (after) return false;
      const long note = ex.gold.note[i];
      if (t == dt::Tag::note_begin) {
        if (note != k + 1) return false;
        k = note;
      } else if (note != k || k < 0) {
        return false;
      }
      in_notes = true;
    } else if (in_notes || after) {
      return false;
    }
  }
  return k + 1 == static_cast<long>(ex.notes.slots.size());
}

// F1 of a reading's references against the gold ones.
double refs_f1(const Example& ex, std::size_t h) {
  std::vector<std::pair<std::size_t, std::size_t>> got;
  for (const auto& [cand, slot] : ex.reading->notes.refs[h])
    got.emplace_back(ex.reading->notes.candidates[cand].start, ex.reading->notes.candidates[cand].end);
  std::sort(got.begin(), got.end());
  std::vector<std::pair<std::size_t, std::size_t>> both;
  std::set_intersection(got.begin(), got.end(), ex.refs.begin(), ex.refs.end(), std::back_inserter(both));
  if (got.empty() || ex.refs.empty()) return got.empty() && ex.refs.empty() ? 1.0 : 0.0;
  const double p = static_cast<double>(both.size()) / static_cast<double>(got.size());
  const double r = static_cast<double>(both.size()) / static_cast<double>(ex.refs.size());
  return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
}

std::vector<Example> load_examples(const std::string& list_path, const std::string& exclude) {
  std::ifstream list(list_path);
  if (!list) die("cannot read " + list_path);
  std::vector<Example> out;
  std::string row;
  std::size_t invalid = 0;
  while (std::getline(list, row)) {
    if (row.empty()) continue;
    std::istringstream cols(row);
    Example ex;
    std::string text_path, gold_path;
    std::getline(cols, ex.group, '\t');
    std::getline(cols, text_path, '\t');
    std::getline(cols, gold_path, '\t');
    if (ex.group == exclude) continue;
    ex.path = text_path;
    if (!read_file(text_path, ex.input)) die("cannot read " + text_path);
    ex.index = std::make_unique<ek::detail::LineIndex>(ex.input);
    ex.reading = std::make_unique<dt::Reading>(ex.input, *ex.index);
    const dt::TextDoc& doc = ex.reading->doc;
    ex.gold.tag.assign(doc.lines.size(), dt::Tag::paragraph);
    ex.gold.note.assign(doc.lines.size(), 0);
    std::ifstream gold(gold_path);
    if (!gold) die("cannot read " + gold_path);
    std::string g;
    std::vector<std::pair<std::size_t, std::size_t>> first_ref;  // per slot: the first reference's span
    std::size_t last_ref_line = 0;
    while (std::getline(gold, g)) {
      std::istringstream w(g);
      std::string kind;
      w >> kind;
      if (kind == "slots") {
        std::size_t n = 0;
        w >> n;
        ex.notes.slots.resize(n);
        first_ref.assign(n, {0, 0});
        for (std::size_t k = 0; k < n; ++k) {
          w >> ex.notes.slots[k].label;
          const std::string& label = ex.notes.slots[k].label;
          if (!label.empty() && std::all_of(label.begin(), label.end(), ek::detail::is_ascii_digit))
            ex.notes.slots[k].number = std::stol(label);
          else
            ex.notes.slots[k].name = label;
        }
      } else if (kind == "ref") {
        std::size_t k = 0, start = 0, end = 0;
        w >> k >> start >> end;
        if (k < first_ref.size() && first_ref[k].second == 0) first_ref[k] = {start, end};
        ex.refs.emplace_back(start, end);
        last_ref_line = std::max(last_ref_line, ex.index->line_of(start) - 1);
      } else if (kind == "line") {
        std::size_t line = 0, k = 0;
        std::string tag;
        w >> line >> tag >> k;
        dt::Tag t;
        if (line == 0 || line > doc.lines.size()) continue;
        if (!find_tag(tag, t)) continue;  // "title": not labelled
        ex.gold.tag[line - 1] = t;
        ex.gold.note[line - 1] = static_cast<std::uint32_t>(k);
      }
    }
    std::sort(ex.refs.begin(), ex.refs.end());
    ex.has_notes = !ex.notes.slots.empty();
    if (ex.has_notes) {
      std::size_t first_body = doc.lines.size();
      for (std::size_t i = 0; i < doc.lines.size(); ++i)
        if (ex.reading->decoded[i] && ex.gold.tag[i] == dt::Tag::note_begin) {
          first_body = i;
          break;
        }
      for (std::size_t k = 0; k < first_ref.size(); ++k) {
        if (first_ref[k].second == 0) continue;
        dt::Candidate c{first_ref[k].first, first_ref[k].second, ex.index->line_of(first_ref[k].first) - 1, 0, 4, true, {}};
        ex.notes.slots[k].context = std::make_shared<const std::vector<std::uint64_t>>(dt::context_words(doc, c));
      }
      std::size_t after_last = last_ref_line + 1;
      if (doc.blank_separated)
        while (after_last < doc.lines.size() && !doc.lines[after_last].blank) ++after_last;
      ex.notes.first_line = std::min(after_last, first_body);
      ex.reading->index_words_from(ex.notes.first_line);
      if (!valid_notes(ex)) {
        ++invalid;
        ex.has_notes = false;
        for (std::size_t i = 0; i < doc.lines.size(); ++i)
          if (dt::is_note(ex.gold.tag[i]) || ex.gold.tag[i] == dt::Tag::after) ex.gold.tag[i] = dt::Tag::paragraph;
      }
    }
    ex.essay_lines = ex.reading->decoded;
    for (std::size_t i = 0; i < doc.lines.size(); ++i)
      if (dt::is_note(ex.gold.tag[i]) || ex.gold.tag[i] == dt::Tag::after) ex.essay_lines[i] = false;
    ex.hypotheses = ex.reading->notes.hypotheses;
    if (ex.has_notes) {
      ex.gold_hypothesis = ex.hypotheses.size();
      for (std::size_t h = 0; h < ex.hypotheses.size(); ++h)
        if (refs_f1(ex, h) == 1.0 && ex.hypotheses[h].slots.size() == ex.notes.slots.size()) {
          ex.gold_hypothesis = h;
          break;
        }
      if (ex.gold_hypothesis == ex.hypotheses.size()) {
        // The reader missed it: what a chain of clear superscripts would say of it.
        ex.notes.evidence = 3.0 * static_cast<double>(ex.notes.slots.size());
        ex.hypotheses.push_back(ex.notes);
      } else {
        ex.hypotheses[ex.gold_hypothesis].first_line = std::min(ex.hypotheses[ex.gold_hypothesis].first_line, ex.notes.first_line);
      }
    }
    out.push_back(std::move(ex));
  }
  if (invalid) std::cerr << "essaykit_fit: " << invalid << " documents' notes could not be a decoded path; trained without them\n";
  return out;
}

// The lines a labelling gets wrong.
double errors(const Example& ex, const dt::Labels& pred, const std::vector<bool>& lines) {
  double n = 0;
  for (std::size_t i = 0; i < ex.gold.tag.size(); ++i) {
    if (!lines[i]) continue;
    n += pred.tag[i] != ex.gold.tag[i] || (dt::is_note(pred.tag[i]) && pred.note[i] != ex.gold.note[i]);
  }
  return n;
}

constexpr double kAggressiveness = 1.0;
// The labeller's rules while the model is fitted and calibrated: off (see
// labeller.h); `explain`, `features` and `analyze` decode with them, as the library does.
constexpr bool kRulesWhileFitting = false;
// The order the perceptron visits the documents in, each epoch (--seed): another seed
// shows how much of a figure is the order's and not the model's.
unsigned shuffle_seed = 12345;
// How many visiting orders are trained and averaged (--seeds).
unsigned orders = 1;
// Loss-augmented decoding while training (--cost-notes C, --cost-essay C): each wrong
// tag of a line scores C more in the decode the update is made against, so that it finds,
// besides the labellings the weights prefer to the gold one, those the gold one beats by
// less than C a wrong line (as in max-margin training); the step then asks the gold
// labelling to beat the one found by its number of wrong lines (by C times that with
// --cost-scales-loss). 0: the plain perceptron's decode.
float cost_notes = 0, cost_essay = 0;
// The notes' cost on the essay's lines only where a note tag or the after-matter is put
// on them (--cost-notes-only): the notes' update cannot move the essay's weights.
bool cost_notes_only = false;
// The margin the step asks for is the cost a wrong line (--cost-scales-loss), as the decode
// weighed it, not one a wrong line.
bool cost_scales_loss = false;
// The notes' epochs (--notes-epochs N; 0: --epochs, as the essay's).
int notes_epochs = 0;
// Train the choice of reading with the labels (true), or the labels on the gold
// reading and the choice after (false).
bool joint = false;

// What the perceptron does not fit: the scale that turns a label's margin into a
// confidence, chosen for the best log-likelihood of the labels being right.
// And the two numbers that turn a body's margin into its confidence
// (Model::body_scale, body_offset): the logistic regression of "the body is placed
// exactly right" on its margin, over the bodies the model places.
void calibrate(std::vector<Example>& examples, dt::Model& model) {
  std::vector<std::pair<double, bool>> margins;  // a line's label margin, and whether the label is right
  std::vector<std::pair<double, bool>> bodies;   // a body's margin, and whether it is exactly right
  dt::Model unit = model;
  unit.confidence_scale = 1.0f;
  unit.body_scale = 0.0f;  // (a line of a body as sure as its reading, as the scale was fitted before bodies had margins)
  unit.body_offset = 100.0f;
  for (Example& ex : examples) {
    dt::Reading& r = *ex.reading;
    const dt::Labeller labeller(r.doc, *r.features, unit, r.words, r.decoded, kRulesWhileFitting);
    const dt::Labels labels = labeller.label(r.notes.hypotheses);
    for (std::size_t i = 0; i < r.doc.lines.size(); ++i) {
      if (!r.decoded[i]) continue;
      const double c = std::clamp(static_cast<double>(labels.confidence[i]), 1e-9, 1 - 1e-9);
      const bool right = labels.tag[i] == ex.gold.tag[i] && (!dt::is_note(labels.tag[i]) || labels.note[i] == ex.gold.note[i]);
      margins.emplace_back(std::log(c / (1 - c)), right);
    }
    // A body is right when the reading is the gold one and its lines are the gold body's.
    const bool gold_reading = ex.has_notes && labels.hypothesis == static_cast<int>(ex.gold_hypothesis);
    for (std::size_t k = 0; k < labels.note_margin.size(); ++k) {
      if (std::isinf(labels.note_margin[k])) continue;  // (nothing else could hold it)
      bool right = gold_reading;
      for (std::size_t i = 0; right && i < r.doc.lines.size(); ++i) {
        if (!r.decoded[i]) continue;
        const bool placed = dt::is_note(labels.tag[i]) && labels.note[i] == k;
        const bool gold = dt::is_note(ex.gold.tag[i]) && ex.gold.note[i] == k;
        right = placed == gold;
      }
      bodies.emplace_back(labels.note_margin[k], right);
    }
  }
  // Newton's method on the two parameters, from a small scale and even odds.
  double a = 0.1, b = 0.0;
  for (int step = 0; step < 50 && !bodies.empty(); ++step) {
    double ga = 0, gb = 0, haa = 1e-6, hab = 0, hbb = 1e-6;  // gradient, Hessian (of the negative log-likelihood)
    for (const auto& [m, right] : bodies) {
      const double p = 1 / (1 + std::exp(-(a * m + b))), e = p - (right ? 1.0 : 0.0), w = p * (1 - p);
      ga += e * m;
      gb += e;
      haa += w * m * m;
      hab += w * m;
      hbb += w;
    }
    const double det = haa * hbb - hab * hab;
    if (!(det > 0)) break;
    const double da = (hbb * ga - hab * gb) / det, db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (std::abs(da) + std::abs(db) < 1e-9) break;
  }
  std::size_t right_bodies = 0;
  for (const auto& body : bodies) right_bodies += body.second;
  // Nothing to fit from (no bodies, or all right or all wrong), a fit that did not settle,
  // or a scale that makes a wider margin less sure: a body is as sure as its reading.
  if (right_bodies == 0 || right_bodies == bodies.size() || !std::isfinite(a) || !std::isfinite(b) || !(a > 0)) {
    std::cerr << fmt::format("calibration: bodies {} ({} right): no fit of their margins; each as sure as its reading\n",
                             bodies.size(), right_bodies);
    a = 0;
    b = 10;
  } else {
    std::cerr << fmt::format("calibration: bodies {} ({} right): confidence = logistic({:.4f} x margin + {:.4f})\n",
                             bodies.size(), right_bodies, a, b);
  }
  model.body_scale = static_cast<float>(a);
  model.body_offset = static_cast<float>(b);
  double best_loss = 1e300, best_scale = 1;
  for (double scale = 1e-3; scale < 10; scale *= 1.25) {
    double loss = 0;
    for (const auto& [m, right] : margins) {
      const double p = std::clamp(1 / (1 + std::exp(-scale * m)), 1e-9, 1 - 1e-9);
      loss -= right ? std::log(p) : std::log(1 - p);
    }
    if (loss < best_loss) {
      best_loss = loss;
      best_scale = scale;
    }
  }
  model.confidence_scale = static_cast<float>(best_scale);
  std::cerr << fmt::format("calibration: confidence scale {:.4f}; evidence weight {:.3f}, notes threshold {:.3f}\n",
                           best_scale, model.evidence_weight, model.notes_threshold);
}

// Model::lone_item, from the annotated lists' own counts, as lone_heading: a labelling with
// an item alone (no item or item's further line on the decoded lines just before or after
// it, no list marker) reads it as a list of one item or as no list; the prior odds are how
// often an annotated list without markers holds one item against two or more (add-one
// smoothed), on the labels' margin scale.
void calibrate_lone_item(const std::vector<Example>& examples, dt::Model& model) {
  std::size_t one = 0, several = 0;
  for (const Example& ex : examples) {
    std::size_t items = 0;
    bool marked = false;
    auto close = [&] {
      if (items == 1 && !marked) ++one;
      else if (items >= 2 && !marked) ++several;
      items = 0;
      marked = false;
    };
    for (std::size_t i = 0; i < ex.gold.tag.size(); ++i) {
      if (!ex.reading->decoded[i]) continue;
      const dt::Tag t = ex.gold.tag[i];
      if (t == dt::Tag::item) {
        ++items;
        marked = marked || ex.reading->doc.lines[i].marker.kind != ek::detail::MarkerKind::none;
      } else if (t != dt::Tag::item_more) {
        close();
      }
    }
    close();
  }
  const double prior = std::log((static_cast<double>(one) + 1) / (static_cast<double>(several) + 1));
  model.lone_item = static_cast<float>(model.confidence_scale > 0 ? prior / model.confidence_scale : 0.0);
  std::cerr << fmt::format("lone item: {} lists of one item, {} of two or more: weight {:.3f}\n", one, several,
                           model.lone_item);
}

// Model::lone_heading, from the documents' own habits rather than the perceptron (its
// steps would give the weight a share of every update that also moves the lines' own
// weights, and a fitted model seldom labels its own training text with one stray
// heading, so there is little to learn it from). When the labelling has one heading,
// the two readings of the document are "one heading" and "none"; their prior odds are
// how often the annotated documents have exactly one heading against none (add-one
// smoothed), and calibrate() has put the labels' margins on the log-odds scale
// (confidence = logistic(confidence_scale x margin)). So the lone heading stays when
// its margin, in log-odds, outweighs the prior against it.
void calibrate_lone_heading(const std::vector<Example>& examples, dt::Model& model) {
  std::size_t none = 0, one = 0;
  for (const Example& ex : examples) {
    std::size_t headings = 0;
    for (std::size_t i = 0; i < ex.gold.tag.size(); ++i)
      headings += ex.reading->decoded[i] && ex.gold.tag[i] == dt::Tag::heading;
    none += headings == 0;
    one += headings == 1;
  }
  const double prior = std::log((static_cast<double>(one) + 1) / (static_cast<double>(none) + 1));
  model.lone_heading = static_cast<float>(model.confidence_scale > 0 ? prior / model.confidence_scale : 0.0);
  std::cerr << fmt::format("lone heading: {} documents with one heading, {} with none: weight {:.3f}\n", one, none,
                           model.lone_heading);
}

// What tells a reader's comment (or a share line) after the notes from a body's line,
// weighed by counting rather than by the perceptron: the annotated after-matter is a few
// dozen lines against thousands of bodies' lines, too few for the perceptron, which finds
// the bodies by their place and shape and never needs to weigh a comment's voice. A
// comment is short, praises or thanks, exclaims, asks, speaks to the author, and speaks of
// the post in words of its own (off_topic). Over the gold lines of the notes' regions,
// each cue's log likelihood ratio, after-matter against a body's line (add-one smoothed;
// naive Bayes: the cues counted apart), on the labels' margin scale (divided by
// confidence_scale), is added to the `after` weights of its row: present, what it says;
// absent, what its absence says (summed into `bias`). Length is one cue of several values
// (its bins). Added after training, the perceptron's own weights are as they were.
void calibrate_after_matter(const std::vector<Example>& examples, dt::Model& model) {
  using F = dt::Feature;
  static constexpr F kCues[] = {F::praise, F::second_person, F::ends_exclaim, F::has_question, F::off_topic};
  static constexpr F kLength[] = {F::len_le3,  F::len_le10,  F::len_le20,  F::len_le40, F::len_le60,
                                  F::len_le80, F::len_le120, F::len_le200, F::len_gt200};
  std::vector<double> with_after(dt::kBaseFeatures, 0), with_note(dt::kBaseFeatures, 0);
  double after = 0, note = 0;
  std::vector<std::uint16_t> rows;
  for (const Example& ex : examples) {
    if (!ex.has_notes) continue;
    const dt::Reading& r = *ex.reading;
    for (std::size_t i = 0; i < ex.gold.tag.size(); ++i) {
      const dt::Tag t = ex.gold.tag[i];
      if (!r.decoded[i] || (!dt::is_note(t) && t != dt::Tag::after)) continue;
      rows.clear();
      r.features->line(i, rows);
      std::vector<double>& counts = t == dt::Tag::after ? with_after : with_note;
      (t == dt::Tag::after ? after : note) += 1;
      for (std::uint16_t row : rows)
        if (row < dt::kBaseFeatures) counts[row] += 1;
    }
  }
  if (after == 0 || note == 0 || model.confidence_scale <= 0) return;
  const auto ratio = [&](double a, double n, double a_total, double n_total) {
    return (std::log((a + 1) / (a_total + 2)) - std::log((n + 1) / (n_total + 2))) / model.confidence_scale;
  };
  const auto column = static_cast<std::size_t>(dt::Tag::after);
  const auto bias = static_cast<std::size_t>(F::bias);
  for (F f : kCues) {
    const auto row = static_cast<std::size_t>(f);
    const double present = ratio(with_after[row], with_note[row], after, note);
    const double absent = ratio(after - with_after[row], note - with_note[row], after, note);
    model.emit[row][column] += static_cast<float>(present - absent);
    model.emit[bias][column] += static_cast<float>(absent);
  }
  for (F f : kLength) {
    const auto row = static_cast<std::size_t>(f);
    model.emit[row][column] += static_cast<float>(ratio(with_after[row], with_note[row], after, note));
  }
  std::cerr << fmt::format("after-matter: {} lines against {} bodies' lines\n", after, note);
}

// How the references' own evidence weighs against the bodies' fit, and how much a
// reading must beat "no notes" by: chosen for the best mean reference F1 over the
// training documents (when the labeller was trained on the gold readings alone).
void calibrate_choice(std::vector<Example>& examples, dt::Model& model) {
  struct Option {
    double margin, evidence, f1;
  };
  std::vector<std::vector<Option>> options(examples.size());
  std::vector<double> none_f1(examples.size());
  for (std::size_t e = 0; e < examples.size(); ++e) {
    Example& ex = examples[e];
    dt::Reading& r = *ex.reading;
    const dt::Labeller labeller(r.doc, *r.features, model, r.words, r.decoded, kRulesWhileFitting);
    for (std::size_t h = 0; h < r.notes.hypotheses.size(); ++h) {
      const double m = labeller.margin_of(r.notes.hypotheses[h]);
      if (m != -std::numeric_limits<double>::infinity())
        options[e].push_back({m, r.notes.hypotheses[h].evidence, refs_f1(ex, h)});
    }
    none_f1[e] = ex.refs.empty() ? 1.0 : 0.0;
  }
  double best = -1, best_lambda = 1, best_tau = 1, best_tau_hi = 1;
  bool plateau = false;  // best_tau .. best_tau_hi all score `best`, so far
  for (double lambda = 1.0 / 64; lambda <= 64; lambda *= 1.5) {
    std::vector<double> values;
    for (const auto& opts : options)
      for (const Option& o : opts) values.push_back(o.margin + lambda * o.evidence);
    std::sort(values.begin(), values.end());
    for (std::size_t q = 0; q <= 200 && !values.empty(); ++q) {
      const double tau = values[std::min(values.size() - 1, q * values.size() / 200)] - 1e-6;
      double total = 0;
      for (std::size_t e = 0; e < examples.size(); ++e) {
        double v = tau, f1 = none_f1[e];
        for (const Option& o : options[e])
          if (o.margin + lambda * o.evidence > v) {
            v = o.margin + lambda * o.evidence;
            f1 = o.f1;
          }
        total += f1;
      }
      if (total > best + 1e-9) {
        best = total;
        best_lambda = lambda;
        best_tau = best_tau_hi = tau;
        plateau = true;
      } else if (lambda == best_lambda && plateau) {
        // The same best figure: the plateau goes on; a lower one ends it (a later tie
        // would put the middle among worse thresholds).
        if (total > best - 1e-9) best_tau_hi = tau;
        else plateau = false;
      }
    }
  }
  // The middle of the thresholds that score best, not its edge: the edge is where the
  // training documents stop telling, and a new document is as likely on either side.
  best_tau = (best_tau + best_tau_hi) / 2;
  model.evidence_weight = static_cast<float>(best_lambda);
  model.notes_threshold = static_cast<float>(best_tau);
  std::cerr << fmt::format("choice: evidence weight {:.3f}, threshold {:.3f}, mean reference F1 {:.3f}\n", best_lambda,
                           best_tau, best / static_cast<double>(examples.size()));
}

// One stage of training: the averaged passive-aggressive perceptron over the
// examples, updating only its part of the model (the essay's or the notes'), the
// other part held at `fixed`.
dt::ModelSums perceptron(std::vector<Example>& examples, int epochs, bool essay_stage, const dt::ModelSums& fixed,
                         unsigned seed) {
  dt::ModelSums w = fixed, u;  // w: current weights; u: updates weighted by when they came
  double c = 1;
  dt::Model model{};
  std::vector<std::size_t> order;
  for (std::size_t k = 0; k < examples.size(); ++k)
    if (essay_stage || examples[k].has_notes) order.push_back(k);
  std::mt19937 rng(seed);
  for (int epoch = 0; epoch < epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    std::size_t wrong = 0;
    for (std::size_t k : order) {
      Example& ex = examples[k];
      w.store(model);
      dt::Labeller labeller(ex.reading->doc, *ex.reading->features, model, ex.reading->words,
                            essay_stage ? ex.essay_lines : ex.reading->decoded, kRulesWhileFitting);
      const float cost = essay_stage ? cost_essay : cost_notes;
      if (cost > 0) labeller.add_cost(ex.gold.tag, cost, !essay_stage && cost_notes_only);
      const dt::NoteHypothesis* gold_h = !essay_stage && ex.has_notes ? &ex.hypotheses[ex.gold_hypothesis] : nullptr;
      const dt::Labels pred = joint && !essay_stage ? labeller.label(ex.hypotheses) : labeller.best_with(gold_h);
      const dt::NoteHypothesis* pred_h =
          pred.hypothesis >= 0 ? &ex.hypotheses[static_cast<std::size_t>(pred.hypothesis)] : nullptr;
      if (!joint || essay_stage) pred_h = gold_h;
      const std::vector<bool>& lines = essay_stage ? ex.essay_lines : ex.reading->decoded;
      const double wrong_lines = errors(ex, pred, lines);
      const double scale = cost > 0 && cost_scales_loss ? cost : 1.0;
      const double loss = scale * (pred_h != gold_h ? std::max(1.0, wrong_lines) : wrong_lines);
      if (loss > 0) {
        ++wrong;
        dt::ModelSums delta;
        labeller.add_features(ex.gold, gold_h, 1.0, delta);
        labeller.add_features(pred, pred_h, -1.0, delta);
        delta.keep_essay_part(essay_stage);
        // Passive-aggressive (PA-I): the smallest step that makes the gold labelling beat
        // the prediction by `loss` (its number of wrong lines, times the cost with
        // --cost-scales-loss), capped at kAggressiveness.
        const double norm = delta.dot(delta);
        if (norm > 0) {
          const double step = std::min(kAggressiveness, (loss - w.dot(delta)) / norm);
          if (step > 0) {
            w.add(delta, step);
            u.add(delta, c * step);
          }
        }
      }
      c += 1;
    }
    std::cerr << fmt::format("{} seed {} epoch {}: {} of {} documents labelled wrong\n", essay_stage ? "essay" : "notes",
                             seed, epoch + 1, wrong, order.size());
  }
  dt::ModelSums avg = w;
  avg.add(u, -1.0 / c);
  return avg;
}

int train(const std::string& list, const std::string& exclude, int epochs, const std::string& out_path) {
  std::vector<Example> examples = load_examples(list, exclude);
  if (examples.empty()) die("no documents to train on");
  // First the essay's labels, on the lines that are no footnote; then the notes, with
  // the essay's weights fixed: each part learns from its own evidence at its own scale.
  // Each stage is trained once per visiting order and the weights averaged (bagging):
  // a perceptron's weights depend on the order it meets the documents in, and the mean
  // of several orders' weights varies less than any one of them. The notes are trained
  // against the averaged essay weights, the ones the model will have.
  auto stage = [&](bool essay_stage, const dt::ModelSums& fixed) {
    const int n = essay_stage || notes_epochs == 0 ? epochs : notes_epochs;
    if (orders == 1) return perceptron(examples, n, essay_stage, fixed, shuffle_seed);
    dt::ModelSums mean;
    for (unsigned k = 0; k < orders; ++k)
      mean.add(perceptron(examples, n, essay_stage, fixed, shuffle_seed + k), 1.0 / orders);
    return mean;
  };
  const dt::ModelSums essay = stage(true, dt::ModelSums{});
  const dt::ModelSums avg = stage(false, essay);
  dt::Model out{};
  avg.store(out);
  if (!joint) calibrate_choice(examples, out);
  calibrate(examples, out);
  calibrate_lone_heading(examples, out);
  calibrate_lone_item(examples, out);
  calibrate_after_matter(examples, out);
  std::ofstream f(out_path);
  f << "# essaykit plain-text model: averaged perceptron, " << epochs << " epochs, "
    << (notes_epochs == 0 ? std::string() : fmt::format("{} for the notes, ", notes_epochs))
    << (cost_notes > 0 ? fmt::format("the notes' decode costed {} a wrong tag, ", cost_notes) : std::string())
    << (orders == 1 ? std::string() : fmt::format("{} visiting orders averaged, ", orders)) << examples.size()
    << " documents" << (exclude.empty() ? "" : ", without " + exclude) << "\n";
  f << dt::format_model(out);
  return f ? 0 : 1;
}

// For each document of the list: the lines where the labelling differs from the gold
// one, with the emission score of each of the two tags — what a feature change must move.
int explain(const std::string& list, const std::string& model_path) {
  const dt::Model model = load_model(model_path);
  std::vector<Example> examples = load_examples(list, "");
  for (Example& ex : examples) {
    dt::Reading& r = *ex.reading;
    const dt::Labeller labeller(r.doc, *r.features, model, r.words, r.decoded);
    const dt::NoteHypothesis* gold_h = ex.has_notes ? &ex.hypotheses[ex.gold_hypothesis] : nullptr;
    const dt::Labels pred = labeller.best_with(gold_h);
    const dt::Labels chosen = labeller.label(r.notes.hypotheses);
    fmt::print("== {} (chosen reading {}, gold margin {:.2f})\n", ex.path, chosen.hypothesis,
               gold_h ? labeller.margin_of(*gold_h) : 0.0);
    // Line i's emission score for tag t as the decode weighs it (add_features counts only
    // the rows the perceptron weighs; `after` has counted cues beside; a rule's exclusion
    // is minus infinity, and code a lead-in opens scores note_more at least as the essay's
    // code, past its first line plus what code -> code earns over note_more -> note_more:
    // not the model's own score there). Only decoded lines have one.
    constexpr std::size_t kNoPosition = static_cast<std::size_t>(-1);
    std::vector<std::size_t> position_of(r.doc.lines.size(), kNoPosition);
    for (std::size_t p = 0; p < labeller.positions().size(); ++p) position_of[labeller.positions()[p]] = p;
    auto emission = [&](std::size_t i, dt::Tag t) {
      assert(position_of[i] != kNoPosition);
      return static_cast<double>(labeller.emissions(position_of[i])[static_cast<std::size_t>(t)]);
    };
    // Where the gold labelling (with the gold reading) loses to the predicted one: the
    // score difference, part by part; the emission also over the notes' lines alone.
    dt::ModelSums diff;
    labeller.add_features(ex.gold, gold_h, 1.0, diff);
    labeller.add_features(pred, gold_h, -1.0, diff);
    double d_emit = 0, d_notes_emit = 0, d_trans = 0, d_final = 0;
    for (std::size_t i = 0; i < r.doc.lines.size(); ++i) {
      if (!r.decoded[i] || ex.gold.tag[i] == pred.tag[i]) continue;
      const double d = emission(i, ex.gold.tag[i]) - emission(i, pred.tag[i]);
      if (!std::isfinite(d)) continue;  // (a rule rules the gold tag out: no sum to add it to)
      d_emit += d;
      if (ex.gold.tag[i] >= dt::Tag::note_begin || pred.tag[i] >= dt::Tag::note_begin) d_notes_emit += d;
    }
    for (std::size_t f = 0; f <= dt::kTags; ++f)
      for (std::size_t t = 0; t < dt::kTags; ++t) d_trans += diff.transition[f * dt::kTags + t] * model.transition[f][t];
    for (std::size_t t = 0; t < dt::kTags; ++t) d_final += diff.final[t] * model.final[t];
    fmt::print("   gold - pred: emission {:.2f}, transitions {:.2f}, final {:.2f}, note features", d_emit, d_trans,
               d_final);
    for (std::size_t f = 0; f < dt::kNoteFeatures; ++f) {
      double v = 0;
      for (std::size_t t = 0; t < 3; ++t) v += diff.note[f * 3 + t] * model.note[f][t];
      if (v != 0) fmt::print(" {} {:.2f}", dt::note_feature_name(static_cast<dt::NoteFeature>(f)), v);
    }
    fmt::print(" | emission on the notes' lines {:.2f}\n", d_notes_emit);
    for (std::size_t i = 0; i < r.doc.lines.size(); ++i) {
      if (!r.decoded[i]) continue;
      const bool differ = pred.tag[i] != ex.gold.tag[i] || (dt::is_note(pred.tag[i]) && pred.note[i] != ex.gold.note[i]);
      if (!differ && !(gold_h && dt::is_note(ex.gold.tag[i]))) continue;
      fmt::print("{:5} {} gold {:>10} {:2} ({:7.2f})  pred {:>10} {:2} ({:7.2f})  {:.70}\n", i + 1, differ ? "*" : " ",
                 dt::tag_name(ex.gold.tag[i]), ex.gold.note[i], emission(i, ex.gold.tag[i]), dt::tag_name(pred.tag[i]),
                 pred.note[i], emission(i, pred.tag[i]), r.doc.text(i));
    }
  }
  return 0;
}

int analyze(const std::string& model_path, const std::string& out_dir, const std::vector<std::string>& files) {
  const dt::Model model = load_model(model_path);
  for (const std::string& path : files) {
    std::string input;
    if (!read_file(path, input)) die("cannot read " + path);
    ek::detail::LineIndex lines(input);
    dt::Reading reading(input, lines);
    ek::detail::BlockModel block = dt::build(reading, model);
    ek::Document doc;
    doc.source.name = path;
    doc.source.format = ek::Format::text;
    doc.source.bytes = input.size();
    doc.source.lines = lines.line_count();
    ek::Options options;
    options.claims = false;
    ek::detail::run_passes(input, lines, options, std::move(block), doc);
    const std::string name = path.substr(path.find_last_of('/') + 1);
    std::ofstream f(out_dir + "/" + name + ".json");
    f << ek::to_json(doc) << "\n";
    if (!f) die("cannot write to " + out_dir);
  }
  return 0;
}

int features(const std::string& model_path, const std::string& path) {
  const dt::Model model = load_model(model_path);
  std::string input;
  if (!read_file(path, input)) die("cannot read " + path);
  ek::detail::LineIndex lines(input);
  dt::Reading reading(input, lines);
  const dt::Labeller labeller(reading.doc, *reading.features, model, reading.words, reading.decoded);
  const dt::Labels labels = labeller.label(reading.notes.hypotheses);
  for (std::size_t h = 0; h < reading.notes.hypotheses.size(); ++h) {
    const dt::NoteHypothesis& x = reading.notes.hypotheses[h];
    fmt::print("reading {}: {} notes from line {}, evidence {:.2f}, margin {:.2f}{}\n", h, x.slots.size(), x.first_line + 1,
               x.evidence, labeller.margin_of(x), static_cast<int>(h) == labels.hypothesis ? " (chosen)" : "");
  }
  std::vector<std::uint16_t> rows;
  std::string scratch;
  for (std::size_t i = 0; i < reading.doc.lines.size(); ++i) {
    if (!reading.decoded[i]) continue;
    rows.clear();
    reading.features->line(i, rows);
    std::string tag(dt::tag_name(labels.tag[i]));
    if (dt::is_note(labels.tag[i])) tag += fmt::format(" {}", labels.note[i]);
    fmt::print("{:5} {:<14} {:.2f} {:.60}\n     ", i + 1, tag, labels.confidence[i], reading.doc.text(i));
    for (std::uint16_t r : rows) fmt::print(" {}", dt::feature_name(r, scratch));
    fmt::print("\n");
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) die("usage: essaykit_fit train|analyze|features|explain … (see tools/fit/essaykit_fit.cpp)");
  const std::string cmd = args[0];
  std::string list, exclude, out, model, out_dir;
  int epochs = 10;
  std::vector<std::string> files;
  for (std::size_t k = 1; k < args.size(); ++k) {
    auto value = [&]() -> std::string {
      if (k + 1 >= args.size()) die(args[k] + " needs a value");
      return args[++k];
    };
    if (args[k] == "--list") list = value();
    else if (args[k] == "--exclude") exclude = value();
    else if (args[k] == "--epochs") epochs = std::stoi(value());
    else if (args[k] == "--notes-epochs") {
      notes_epochs = std::stoi(value());
      if (notes_epochs < 0) die("--notes-epochs takes a number of epochs, 0 for --epochs");
    }
    else if (args[k] == "--out") out = value();
    else if (args[k] == "--model") model = value();
    else if (args[k] == "--out-dir") out_dir = value();
    else if (args[k] == "--joint") joint = true;
    else if (args[k] == "--cost-notes-only") cost_notes_only = true;
    else if (args[k] == "--cost-scales-loss") cost_scales_loss = true;
    else if (args[k] == "--cost-notes" || args[k] == "--cost-essay") {
      const std::string name = args[k];
      const float c = std::stof(value());
      if (!(c >= 0) || !std::isfinite(c)) die(name + " takes a cost of 0 or more");
      (name == "--cost-notes" ? cost_notes : cost_essay) = c;
    }
    else if (args[k] == "--seed") shuffle_seed = static_cast<unsigned>(std::stoul(value()));
    else if (args[k] == "--seeds") {
      const long n = std::stol(value());
      if (n < 1 || n > 1000) die("--seeds takes a number of visiting orders from 1 to 1000");
      orders = static_cast<unsigned>(n);
    }
    else files.push_back(args[k]);
  }
  if (cmd == "train" && !list.empty() && !out.empty()) return train(list, exclude, epochs, out);
  if (cmd == "analyze" && !out_dir.empty()) return analyze(model, out_dir, files);
  if (cmd == "features" && files.size() == 1) return features(model, files[0]);
  if (cmd == "explain" && !list.empty()) return explain(list, model);
  die("usage: essaykit_fit train|analyze|features|explain … (see tools/fit/essaykit_fit.cpp)");
}
