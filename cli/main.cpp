// essaykit — the command-line tool. A thin layer over the public API: it reads
// files, calls essaykit::analyze, and prints with essaykit's writers. The commands and
// their options are the tables in options.cpp; --help, the man page and the shell
// completions are made from the same tables.
//
// Exit codes: 0 ok; 1 an input could not be read or analysed (the message names
// the file and the reason, and the other inputs are still processed); 2 usage error.
#include <essaykit/essaykit.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <exception>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "options.h"

namespace {

using namespace cli;

int usage(const CommandSpec& c, std::string_view message) {
  fmt::print(stderr, "essaykit {}: {}\nTry 'essaykit {} --help'.\n", c.name, message, c.name);
  return kUsage;
}

// Writes to stdout; the first failed write's errno goes to `error`, kept at once: a piece
// larger than stdio's buffer is written through, and the flush at the end then has nothing
// left to fail on (the message said "Input/output error" for a full disk).
void write_out(std::string_view s, int& error) {
  errno = 0;
  if (std::fwrite(s.data(), 1, s.size(), stdout) != s.size() && !error) error = errno ? errno : EIO;
}

// Text for a person, as a terminal will show it: a control character of the document (ESC
// opens the terminal's escape sequences, CR and BS rewrite the line) in caret notation, as
// cat -v shows it (^[, ^M, ^?); a C1 control (U+0080 to U+009F, which some terminals obey
// too) as U+FFFD. Tabs and line ends stay. The JSON views escape them instead.
std::string shown(std::string s) {
  auto control = [](unsigned char c) { return (c < 0x20 && c != '\t' && c != '\n') || c == 0x7F; };
  auto c1 = [&](std::size_t i) { return static_cast<unsigned char>(s[i]) == 0xC2 && i + 1 < s.size() &&
                                        static_cast<unsigned char>(s[i + 1]) >= 0x80 && static_cast<unsigned char>(s[i + 1]) <= 0x9F; };
  std::size_t i = 0;
  while (i < s.size() && !control(static_cast<unsigned char>(s[i])) && !c1(i)) ++i;
  if (i == s.size()) return s;  // (the common case: nothing to show otherwise)
  std::string out = s.substr(0, i);
  for (; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (control(c)) {
      out += '^';
      out += c == 0x7F ? '?' : static_cast<char>(c + 0x40);
    } else if (c1(i)) {
      out += "\uFFFD";
      ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

// Flushes stdout after writes that kept their first failure in `error`: kOk, or
// kInputError with a message naming the reason. (A write that failed before the last one
// left its mark in ferror: the flush alone can succeed with nothing left to write.)
int flush_out(int error) {
  errno = 0;
  if (std::fflush(stdout) != 0 && !error) error = errno ? errno : EIO;
  if (!error && !std::ferror(stdout)) return kOk;
  fmt::print(stderr, "essaykit: writing output: {}\n", std::strerror(error ? error : EIO));
  return kInputError;
}

// Prints the whole output of --help, --version or --dump-options. (stdio held these few
// KB until the flush at exit, whose failure no one saw: a full disk gave exit 0.)
int print_out(std::string_view s) {
  int error = 0;
  write_out(s, error);
  return flush_out(error);
}

// The commands that read documents one by one: outline, footnotes, analyze, sentences, claims.
int run_documents(const Invocation& inv) {
  const Plan p = plan(inv);
  const bool several = inv.operands.size() > 1;
  // With several files, each file's lines under its name, a blank line before every name
  // but the first, as head(1) writes them.
  bool named_one = false;
  auto name_line = [&](const std::string& path) {
    std::string line = fmt::format("{}==> {} <==\n", named_one ? "\n" : "", path);
    named_one = true;
    return line;
  };
  int status = kOk;
  int write_error = 0;  // the errno of the first write to stdout that failed
  bool writing = false;  // this file's output has begun: a failure now cuts it short
  for (const std::string& path : inv.operands) try {
    writing = false;
    // (Bytes past analyze()'s limit would only be refused: a stream that never ends is an
    // error once past it, not memory spent until the allocator fails.)
    essaykit::FileBytes file = essaykit::read_file(path, p.analyze.max_bytes);
    if (!file) {
      fmt::print(stderr, "essaykit: {}: {}\n", path, file.error);
      status = kInputError;
      continue;
    }
    if (p.raw_sentences) {
      // The splitter alone, on the text as it is (UTF-16 and UTF-32 through their UTF-8 form).
      essaykit::Document doc;
      doc.source.name = path;
      doc.source.encoding = essaykit::detect_encoding(file.bytes);
      if (std::optional<std::string> utf8 = essaykit::to_utf8(file.bytes)) file.bytes = std::move(*utf8);
      if (essaykit::is_binary(file.bytes)) {
        // (analyze() refuses it at once, with the message that names what it looks like:
        // UTF-16 without a byte-order mark, say.)
        essaykit::Result refused = essaykit::analyze(file.bytes, p.analyze);
        fmt::print(stderr, "essaykit: {}: {}\n", path, refused ? "binary data, not text" : refused.error().message);
        status = kInputError;
        continue;
      }
      doc.source.bytes = file.bytes.size();
      doc.source.lines = essaykit::count_lines(file.bytes);
      doc.has_sentences = true;
      for (const essaykit::Span& sp : essaykit::split_sentences(file.bytes)) doc.sentences.push_back({sp, {}});
      doc.stats.sentences = doc.sentences.size();
      if (p.output == Output::sentences_json) {
        write_out(essaykit::sentences_to_json(doc, p.json) + "\n", write_error);
      } else {
        // No reading here: each sentence's source, its white space collapsed.
        std::string out = several ? name_line(path) : std::string();
        for (const essaykit::Sentence& s : doc.sentences) out += essaykit::sentence_text(file.bytes, s) + "\n";
        write_out(shown(std::move(out)), write_error);
      }
      continue;
    }
    essaykit::Options options = p.analyze;
    options.name = path;
    // An HTML page's map shows its article, all of it: its sentences say where its prose
    // lies, past the last heading, list, note or claim.
    if (p.output == Output::outline_html &&
        (options.format == essaykit::Format::html ||
         (options.format == essaykit::Format::automatic && essaykit::detect_format(path, file.bytes) == essaykit::Format::html)))
      options.sentences = true;
    essaykit::Result r = essaykit::analyze(file.bytes, options);
    if (!r) {
      fmt::print(stderr, "essaykit: {}: {}\n", path, r.error().message);
      status = kInputError;
      continue;
    }
    const essaykit::Document& doc = r.document();
    // Text for a person: with several files, each under its name (as head(1) does).
    const bool text_view = p.output == Output::sentences_text || p.output == Output::claims_text ||
                           p.output == Output::footnotes_text || p.output == Output::outline;
    std::string out = several && text_view ? name_line(path) : std::string();
    switch (p.output) {
      case Output::sentences_text: {
        // Each sentence as read (Sentence::text); one that reads as nothing, by its source.
        // Spans of a transcoded input point into its UTF-8 form.
        std::optional<std::string> utf8 = essaykit::to_utf8(file.bytes);
        const std::string_view text = utf8 ? std::string_view(*utf8) : std::string_view(file.bytes);
        for (const essaykit::Sentence& s : doc.sentences) out += (s.text.empty() ? essaykit::sentence_text(text, s) : s.text) + "\n";
        break;
      }
      case Output::sentences_json: out = essaykit::sentences_to_json(doc, p.json) + "\n"; break;
      case Output::claims_text: out += essaykit::claims_to_text(doc); break;
      case Output::claims_json: out = essaykit::claims_to_json(doc, p.json) + "\n"; break;
      case Output::document_json: break;  // written below, as it is made
      case Output::footnotes_json: out = essaykit::footnotes_to_json(doc, p.json) + "\n"; break;
      case Output::outline_json: out = essaykit::outline_to_json(doc, p.json) + "\n"; break;
      case Output::outline_html: {
        // The page shows the text: the bytes the spans point into (UTF-16 and UTF-32 through their UTF-8 form).
        std::optional<std::string> utf8 = essaykit::to_utf8(file.bytes);
        out = essaykit::to_html(doc, utf8 ? std::string_view(*utf8) : std::string_view(file.bytes));
        break;
      }
      case Output::footnotes_text:
      case Output::outline: {
        if (p.output == Output::footnotes_text) {
          out += essaykit::footnotes_to_text(doc);
        } else {
          essaykit::OutlineOptions oo;
          oo.claims = p.outline_claims;
          const std::string tree = essaykit::to_outline(doc, oo);
          // (An outline with nothing in it said nothing at all: a person is told why, on the
          // error stream, so that a script reading the outline still gets an empty one.)
          if (tree.empty()) fmt::print(stderr, "essaykit outline: {}: no title and no headings found\n", path);
          out += tree;
        }
        break;
      }
    }
    // The Document owns every text the views print; the input can go first.
    std::string().swap(file.bytes);
    if (text_view) out = shown(std::move(out));
    writing = true;
    write_out(out, write_error);
    if (p.output == Output::document_json) {
      // Straight to the output: the JSON of a large document is never one string.
      if (!essaykit::write_json(doc, stdout, p.json) && !write_error) write_error = errno;
      std::fputc('\n', stdout);
    }
  } catch (const std::exception& e) {
    // A file that could not be analysed (out of memory, std::bad_alloc) is that file's error,
    // as in batch ('failed'): the others are still read, and what was printed is kept, where
    // the exception ended the program (abort, exit 134) and the output still buffered was lost.
    // (Past the start of its output, a JSON document cut short still ends its line, so the
    // next file's starts a line of its own.)
    if (writing && p.output == Output::document_json) std::fputc('\n', stdout);
    fmt::print(stderr, "essaykit: {}: {} failed: {}\n", path, writing ? "output" : "analysis", e.what());
    status = kInputError;
  }
  const int written = flush_out(write_error);
  return written != kOk ? written : status;
}

// ---------------------------------------------------------------------------
// batch

// FNV-1a 64 of a list of paths, for the record of a run that read them from stdin.
std::uint64_t fnv1a(const std::vector<std::string>& paths) {
  std::uint64_t h = 14695981039346656037ull;
  for (const std::string& p : paths)
    for (char c : p + '\n') {
      h ^= static_cast<unsigned char>(c);
      h *= 1099511628211ull;
    }
  return h;
}

// The length of the well-formed UTF-8 sequence that opens `s` (Unicode's table 3-7: no
// overlong forms, no surrogates, nothing past U+10FFFF), or 0 when it is none.
std::size_t utf8_sequence(std::string_view s) {
  const auto at = [&](std::size_t i) { return i < s.size() ? static_cast<unsigned char>(s[i]) : 0u; };
  const unsigned c = at(0);
  const auto cont = [&](std::size_t i, unsigned lo = 0x80, unsigned hi = 0xBF) { return at(i) >= lo && at(i) <= hi; };
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    const unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    const unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

// A JSON string. A path need not be UTF-8 and JSON must be: a run of bytes that is no
// UTF-8 is written as one U+FFFD, as batch writes such a path in its lines, so that the
// record stays JSON that any reader takes.
std::string json_quote(std::string_view s) {
  std::string out = "\"";
  bool invalid_run = false;
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    const std::size_t n = utf8_sequence(s.substr(i));
    if (n == 0) {
      if (!invalid_run) out += "\xEF\xBF\xBD";
      invalid_run = true;
      ++i;
      continue;
    }
    invalid_run = false;
    if (c == '"' || c == '\\') out.push_back('\\');
    if (static_cast<unsigned char>(c) < 0x20) out += fmt::format("\\u{:04x}", static_cast<unsigned char>(c));
    else out.append(s.substr(i, n));
    i += n;
  }
  return out + "\"";
}

std::string json_quote_list(const std::vector<std::string>& v) {
  std::string out = "[";
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + json_quote(v[i]);
  return out + "]";
}

// What produced a batch output: written beside it as OUT.run.json, one field a line,
// and compared field by field when a run asks to resume it.
using Record = std::vector<std::pair<std::string, std::string>>;

std::string record_text(const Record& r) {
  std::string out = "{\n";
  for (std::size_t i = 0; i < r.size(); ++i)
    out += fmt::format("  {}: {}{}\n", json_quote(r[i].first), r[i].second, i + 1 < r.size() ? "," : "");
  return out + "}\n";
}

std::optional<Record> read_record(const std::string& path) {
  essaykit::FileBytes f = essaykit::read_file(path);
  if (!f) return std::nullopt;
  Record r;
  std::string_view rest = f.bytes;
  while (!rest.empty()) {
    std::size_t e = rest.find('\n');
    std::string_view line = rest.substr(0, e);
    rest = e == std::string_view::npos ? std::string_view() : rest.substr(e + 1);
    if (line.substr(0, 3) != "  \"") continue;
    std::size_t close = line.find("\": ");
    if (close == std::string_view::npos) continue;
    std::string_view value = line.substr(close + 3);
    if (!value.empty() && value.back() == ',') value.remove_suffix(1);
    r.emplace_back(std::string(line.substr(3, close - 3)), std::string(value));
  }
  return r;
}

// The paths of the complete lines of an interrupted output, read as a stream (the file
// may be far larger than memory): only each line's opening, where its path is, is kept.
// A path on several lines (entries sharing it: an archive holding a name twice) goes in
// `done` once and counts its other lines in `again`; `errors` counts its error lines (the
// exit status of the resumed run is that of a run never cut). Returns the size of the
// complete lines (a torn last line starts there), or nothing.
std::optional<std::uint64_t> scan_done(const std::string& path, std::unordered_set<std::string>& done,
                                       std::unordered_map<std::string, std::size_t>& again, std::size_t& errors,
                                       std::string& why) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) {
    why = std::strerror(errno);
    return std::nullopt;
  }
  constexpr std::size_t kHead = 1 << 20;  // a path is far shorter than this
  std::string head;
  std::uint64_t offset = 0, complete = 0;
  std::vector<char> buf(1 << 16);
  for (std::size_t n; (n = std::fread(buf.data(), 1, buf.size(), f.get())) > 0;) {
    std::string_view chunk(buf.data(), n);
    while (!chunk.empty()) {
      const std::size_t nl = chunk.find('\n');
      const std::string_view part = chunk.substr(0, nl);
      if (head.size() < kHead) head.append(part.substr(0, kHead - head.size()));
      if (nl == std::string_view::npos) {
        offset += chunk.size();
        break;
      }
      if (std::optional<std::string> p = essaykit::batch_line_path(head))
        if (auto [it, added] = done.insert(std::move(*p)); !added) ++again[*it];
      if (essaykit::batch_line_error(head)) ++errors;
      head.clear();
      offset += nl + 1;
      complete = offset;
      chunk.remove_prefix(nl + 1);
    }
  }
  if (std::ferror(f.get())) {
    why = std::strerror(errno);
    return std::nullopt;
  }
  return complete;
}

bool write_file(const std::string& path, std::string_view text) {
  const std::string tmp = path + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return false;
  bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  ok = std::fclose(f) == 0 && ok;
  return ok && std::rename(tmp.c_str(), path.c_str()) == 0;
}

// Whether the file opens with a line batch wrote: an earlier output, named again (batch
// reads a file without an extension, so "-o results" names a document by its name alone).
bool holds_batch_lines(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) return false;
  std::string head(64 * 1024, '\0');  // a line's path is far shorter
  head.resize(std::fread(head.data(), 1, head.size(), f.get()));
  return essaykit::batch_line_path(head).has_value();
}

// Why `output` may not be written, or nothing. Batch writes its output as it reads its
// inputs, so an output that is an input (the same file under any name, a hard link
// too), or that the walk of a folder read as input would take, would be emptied before
// it is read, or read half-written. And a document that exists, named as the output
// (`-o post1.md post2.md`, the output's name forgotten), would be lost.
std::optional<std::string> output_clash(const std::string& output, const std::vector<std::string>& inputs,
                                        const essaykit::BatchOptions& options, bool resume) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path out = fs::weakly_canonical(fs::absolute(output, ec), ec);
  if (ec) return std::nullopt;  // (opening it says what is wrong)
  std::error_code e1;
  const bool exists = fs::exists(out, e1);
  const fs::path record(out.string() + ".run.json");
  const bool record_exists = fs::exists(record, e1);
  for (const std::string& in : inputs) {
    if (in == "-") continue;
    std::error_code e2;
    const fs::path p = fs::weakly_canonical(fs::absolute(in, e2), e2);
    if (e2) continue;
    std::error_code e3;
    if (p == out || (exists && fs::equivalent(p, out, e3)))
      return fmt::format("the output {} is also an input: it would be emptied before it is read", output);
    // (The record is written before the inputs are read: named as an input, the new one was read.)
    if (p == record || (record_exists && fs::equivalent(p, record, e3)))
      return fmt::format("the record {}.run.json of the output is also an input: it would be rewritten before it "
                         "is read", output);
    if (fs::is_directory(p, e3)) {
      // The output, and the record written beside it before the inputs are read.
      for (const fs::path& written : {out, record}) {
        const fs::path rel = written.lexically_relative(p);
        if (!rel.empty() && *rel.begin() != ".." &&
            essaykit::batch_reads_name((fs::path(in) / rel).string(), options, rel.string()))
          return written == out ? fmt::format("the output {} is inside {}, a folder read as input, and would be read "
                                              "as it is written", output, in)
                                : fmt::format("the record {}.run.json of the output is inside {}, a folder read as "
                                              "input, and would be read as a document", output, in);
      }
    }
  }
  struct stat st {};
  if (!resume && exists && ::stat(output.c_str(), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
      essaykit::batch_reads_name(out.filename().string(), essaykit::BatchOptions{}) && !holds_batch_lines(output))
    return fmt::format("the output {} is a document or an archive that exists; batch writes JSON Lines there "
                       "(name it .jsonl, or remove it first)",
                       output);
  return std::nullopt;
}

// "1 document", "2 documents": batch's counts.
std::string counted(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

int run_batch_command(const Invocation& inv) {
  const CommandSpec& c = *inv.command;
  const Plan p = plan(inv);
  std::string error;
  essaykit::BatchOptions options;
  options.include = inv.all("include");
  options.exclude = inv.all("exclude");
  if (inv.has("jobs")) options.threads = static_cast<unsigned>(*parse_count(option("jobs"), inv.get("jobs"), error));
  if (inv.has("max-entry-bytes"))
    options.limits.max_entry_bytes = static_cast<std::size_t>(*parse_count(option("max-entry-bytes"), inv.get("max-entry-bytes"), error));
  if (inv.has("max-ratio")) options.limits.max_ratio = *parse_ratio(option("max-ratio"), inv.get("max-ratio"), error);
  if (inv.has("max-depth"))
    options.limits.max_depth = static_cast<std::size_t>(*parse_count(option("max-depth"), inv.get("max-depth"), error));
  if (inv.has("shard")) options.shard = parse_shard(inv.get("shard"), error);
  options.analyze = p.analyze;
  std::vector<std::string> inputs = inv.operands;
  // '-' is standard output, as it is standard input among the inputs (a file named '-'
  // is './-'): it wrote a file named '-' and '-.run.json', with nothing on stdout.
  const std::string output = inv.get("output") == "-" ? std::string() : inv.get("output");
  const bool resume = inv.has("resume");
  // Lines of a resumed output past the first of their path: batch skips the first entry
  // of each path done and reads the later ones, whose lines are dropped here as many times.
  std::unordered_map<std::string, std::size_t> again;
  std::size_t errors_before = 0;  // --resume: the error lines of the output kept

  std::FILE* out = stdout;
  if (!output.empty()) {
    // The record of this run: what the output's lines depend on. A list of paths on
    // standard input is read here, so that the record can hold its fingerprint.
    Record record;
    record.emplace_back("essaykit", json_quote(essaykit::version()));
    std::error_code ec;
    record.emplace_back("cwd", json_quote(std::filesystem::current_path(ec).string()));
    record.emplace_back("inputs", json_quote_list(inputs));
    if (std::find(inputs.begin(), inputs.end(), "-") != inputs.end()) {
      std::vector<std::string> listed;
      char* line = nullptr;
      std::size_t cap = 0;
      for (ssize_t n; (n = ::getline(&line, &cap, stdin)) > 0;) {
        std::string path(line, static_cast<std::size_t>(n));
        while (!path.empty() && (path.back() == '\n' || path.back() == '\r')) path.pop_back();
        if (!path.empty()) listed.push_back(std::move(path));
      }
      std::free(line);
      record.emplace_back("stdin", fmt::format("{{\"paths\": {}, \"fnv1a64\": \"{:016x}\"}}", listed.size(), fnv1a(listed)));
      std::vector<std::string> expanded;
      bool first = true;
      for (const std::string& in : inputs) {
        if (in != "-") expanded.push_back(in);
        else if (first) expanded.insert(expanded.end(), listed.begin(), listed.end());
        first = first && in != "-";
      }
      inputs = std::move(expanded);
    }
    record.emplace_back("from", json_quote(inv.get("from", "auto")));
    record.emplace_back("sentences", options.analyze.sentences ? "true" : "false");
    record.emplace_back("claims", options.analyze.claims ? "true" : "false");
    record.emplace_back("include", json_quote_list(options.include));
    record.emplace_back("exclude", json_quote_list(options.exclude));
    record.emplace_back("shard", options.shard ? json_quote(fmt::format("{}/{}", options.shard->first, options.shard->second)) : "null");
    record.emplace_back("max_entry_bytes", fmt::format("{}", options.limits.max_entry_bytes));
    record.emplace_back("max_ratio", fmt::format("{}", options.limits.max_ratio));
    record.emplace_back("max_depth", fmt::format("{}", options.limits.max_depth));
    const std::string record_path = output + ".run.json";
    if (std::optional<std::string> clash = output_clash(output, inputs, options, resume))
      return usage(c, *clash + "; write it elsewhere");
    // A file that cannot be written is found before the record is written beside it: it
    // leaves nothing behind, and the message names the output, not the record. (Not
    // tried on what is no regular file: a FIFO's reader would see its end early.)
    struct stat before {};
    const bool existed = ::stat(output.c_str(), &before) == 0;
    bool created = false;
    if (existed && S_ISDIR(before.st_mode)) {
      fmt::print(stderr, "essaykit batch: {}: {}\n", output, std::strerror(EISDIR));
      return kInputError;
    }
    // A device or a FIFO (/dev/stdout, /dev/full) takes the lines elsewhere: there is
    // nothing to resume, and no record is written beside it (it made /dev/full.run.json).
    // /dev/stdout and /dev/fd/1 are links (through /proc/self/fd) to what stdout is: a
    // regular file when the shell redirected it, and still a stream, not an output of ours.
    auto stream_path = [](const std::string& path) {
      auto under = [](std::string_view where) { return where.rfind("/dev/", 0) == 0 || where.rfind("/proc/", 0) == 0; };
      if (under(path)) return true;
      char target[4096];
      const ssize_t len = ::readlink(path.c_str(), target, sizeof target - 1);
      return len > 0 && under(std::string_view(target, static_cast<std::size_t>(len)));
    };
    const bool regular = !existed || (S_ISREG(before.st_mode) && !stream_path(output));
    if (!regular && resume)
      return usage(c, fmt::format("--resume: {} is not a regular file (a device or a FIFO): there is nothing to resume",
                                  output));
    if (regular) {
      std::FILE* probe = std::fopen(output.c_str(), "ab");
      if (!probe) {
        fmt::print(stderr, "essaykit batch: {}: {}\n", output, std::strerror(errno));
        return kInputError;
      }
      std::fclose(probe);
      created = !existed;
    }

    struct stat st {};
    const bool has_lines = ::stat(output.c_str(), &st) == 0 && st.st_size > 0;
    if (resume && has_lines) {
      std::optional<Record> old = read_record(record_path);
      if (!old)
        return usage(c, fmt::format("--resume: no record of the run that wrote {} ({} is missing); run without "
                                    "--resume to start again",
                                    output, record_path));
      std::vector<std::string> differ;
      std::map<std::string, std::string> was(old->begin(), old->end());
      for (const auto& [key, value] : record)
        if (was[key] != value) differ.push_back(key);
      for (const auto& [key, value] : *old)
        if (std::none_of(record.begin(), record.end(), [&](const auto& kv) { return kv.first == key; })) differ.push_back(key);
      if (!differ.empty()) {
        std::string list;
        for (std::size_t i = 0; i < differ.size(); ++i) list += (i ? ", " : "") + differ[i];
        return usage(c, fmt::format("--resume: {} was written by a different run (it differs in: {}; see {}); "
                                    "resume with the same inputs, options and essaykit version, or run without --resume",
                                    output, list, record_path));
      }
      std::string why;
      std::optional<std::uint64_t> keep = scan_done(output, options.skip, again, errors_before, why);
      if (!keep) {
        fmt::print(stderr, "essaykit batch: {}: {}\n", output, why);
        return kInputError;
      }
      // A torn last line (an interrupted write) is cut.
      if (*keep < static_cast<std::uint64_t>(st.st_size) && ::truncate(output.c_str(), static_cast<off_t>(*keep)) != 0) {
        fmt::print(stderr, "essaykit batch: {}: {}\n", output, std::strerror(errno));
        return kInputError;
      }
    } else if (regular && !write_file(record_path, record_text(record))) {
      const int why = errno;
      if (created) ::unlink(output.c_str());  // (made by the probe above: nothing is left behind)
      fmt::print(stderr, "essaykit batch: {}: {}\n", record_path, std::strerror(why));
      return kInputError;
    }
    out = std::fopen(output.c_str(), resume ? "ab" : "wb");
    if (!out) {
      fmt::print(stderr, "essaykit batch: {}: {}\n", output, std::strerror(errno));
      return kInputError;
    }
  }
  const bool tty = ::isatty(2) != 0;
  // The reason of the first failed write, kept at once: what runs after it (the summary
  // below, a worker's allocation) may set errno again, and the message named another error
  // ("No such file or directory" for a full disk).
  int write_error = 0;
  auto failed_write = [&] {
    if (!write_error) write_error = errno ? errno : EIO;
  };
  std::size_t done = options.skip.size();
  for (const auto& [path, n] : again) done += n;
  std::size_t dropped = 0, dropped_errors = 0;  // lines of `again`, read again and not written
  essaykit::BatchStats stats = essaykit::run_batch(
      inputs, options,
      [&](std::string_view line) {
        if (!again.empty())
          if (std::optional<std::string> path = essaykit::batch_line_path(line))
            if (auto it = again.find(*path); it != again.end()) {
              ++dropped;
              if (essaykit::batch_line_error(line)) ++dropped_errors;
              if (--it->second == 0) again.erase(it);
              return;
            }
        if (write_error) return;  // the output is lost: the rest would fail the same way
        errno = 0;
        if (std::fwrite(line.data(), 1, line.size(), out) != line.size() || std::fputc('\n', out) == EOF) failed_write();
      },
      [&](const essaykit::BatchStats& s) {
        if (!tty) return;
        std::string eta;
        if (s.input_total && s.input_done && s.input_done < s.input_total) {
          double left = s.seconds * static_cast<double>(s.input_total - s.input_done) / static_cast<double>(s.input_done);
          eta = fmt::format(", about {:.0f} s left", left);
        }
        fmt::print(stderr, "\r{}, {}, {:.1f} MB/s{}   ", counted(s.documents, "document", "documents"),
                   counted(s.errors, "error", "errors"), s.seconds > 0 ? static_cast<double>(s.bytes) / 1e6 / s.seconds : 0.0,
                   eta);
      });
  errno = 0;
  if (std::fflush(out) != 0) failed_write();
  errno = 0;
  if (out != stdout && std::fclose(out) != 0) failed_write();
  if (tty) fmt::print(stderr, "\r");
  stats.errors -= dropped_errors;
  stats.documents -= dropped - dropped_errors;
  fmt::print(stderr, "essaykit batch: {}, {}, {:.1f} MB in {:.2f} s ({:.1f} MB/s){}\n",
             counted(stats.documents, "document", "documents"), counted(stats.errors, "error", "errors"),
             static_cast<double>(stats.bytes) / 1e6, stats.seconds,
             stats.seconds > 0 ? static_cast<double>(stats.bytes) / 1e6 / stats.seconds : 0.0,
             done == 0              ? ""
             : errors_before == 0 ? fmt::format(", {} already done", done)
                                  : fmt::format(", {} already done ({} of them {})", done, errors_before,
                                                errors_before == 1 ? "an error" : "errors"));
  if (write_error) {
    fmt::print(stderr, "essaykit batch: writing the output failed: {}\n", std::strerror(write_error));
    return kInputError;
  }
  return stats.errors || errors_before ? kInputError : kOk;
}

// `essaykit --dump-options FORMAT [FILE]`: the man page, a shell's completions or the
// option table as JSON, for the build (not shown in --help).
int dump_options(int argc, char** argv) {
  std::optional<std::string> text = argc >= 3 ? document(argv[2]) : std::nullopt;
  if (!text) {
    fmt::print(stderr, "essaykit: --dump-options takes man, bash, zsh, fish or json\n");
    return kUsage;
  }
  if (argc >= 4) {
    if (!write_file(argv[3], *text)) {
      fmt::print(stderr, "essaykit: {}: {}\n", argv[3], std::strerror(errno));
      return kInputError;
    }
    return kOk;
  }
  return print_out(*text);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    fmt::print(stderr, "{}", cli::global_help());
    return cli::kUsage;
  }
  const std::string_view first = argv[1];
  if (first == "--help" || first == "-h" || first == "help") {
    return print_out(cli::global_help());
  }
  if (first == "--version" || first == "-V") {
    return print_out(fmt::format("essaykit {}\n", essaykit::version()));
  }
  if (first == "--dump-options") return dump_options(argc, argv);
  const cli::CommandSpec* command = cli::find_command(first);
  if (!command) {
    // ("essaykit --json outline post.md": an option before the command, which names them.)
    if (first.size() > 1 && first.front() == '-')
      fmt::print(stderr, "essaykit: '{}' is an option: the command comes first (essaykit COMMAND [OPTIONS] FILE...)\n\n{}",
                 first, cli::global_help());
    else
      fmt::print(stderr, "essaykit: unknown command '{}'\n\n{}", first, cli::global_help());
    return cli::kUsage;
  }
  cli::ParseResult parsed = cli::parse(*command, argc - 1, argv + 1);
  if (!parsed.error.empty()) return usage(*command, parsed.error);
  const cli::Invocation& inv = parsed.invocation;
  if (inv.has("help")) {
    return print_out(cli::command_help(*command));
  }
  if (inv.has("version")) {
    return print_out(fmt::format("essaykit {}\n", essaykit::version()));
  }
  if (std::string problem = cli::check(inv); !problem.empty()) return usage(*command, problem);
  return command->command == cli::kBatch ? run_batch_command(inv) : run_documents(inv);
}
