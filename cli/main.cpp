// essaykit — the command-line tool. A thin layer over the public API: it reads
// files, calls essaykit::analyze, and prints with essaykit's writers.
//
// Exit codes: 0 ok; 1 an input could not be read or analysed (the message names
// the file and the reason, and the other inputs are still processed); 2 usage error.
#include <essaykit/essaykit.h>
#include <fmt/format.h>

#include <boost/program_options.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <optional>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace po = boost::program_options;

namespace {

constexpr int kOk = 0, kInputError = 1, kUsage = 2;

struct Command {
  std::string_view name;
  std::string_view summary;
};
constexpr Command kCommands[] = {
    {"outline", "the section tree with line numbers, and what each section holds"},
    {"footnotes", "every footnote: label, body, each reference with its line and context (JSON by default)"},
    {"analyze", "the whole document as JSON (schema essaykit/document/v1); several files give JSON Lines"},
    {"sentences", "every sentence, one per line (--json: their spans)"},
    {"claims", "the sentences that make a claim, the thesis marked, with score and cues"},
    {"batch", "files, folders and archives to JSON Lines, one document per entry, in parallel"},
};

void print_usage(std::FILE* to) {
  fmt::print(to, "usage: essaykit COMMAND [OPTIONS] FILE...\n\n"
                 "Recovers the structure of an essay — title, sections, lists, footnotes —\n"
                 "from Markdown or from plain text whose formatting was lost.\n\ncommands:\n");
  for (const Command& c : kCommands) fmt::print(to, "  {:<10} {}\n", c.name, c.summary);
  fmt::print(to, "\nFILE '-' reads standard input. 'essaykit COMMAND --help' shows a command's options.\n"
                 "Global options: --help, --version.\n");
}

// Reads a whole file (or stdin for "-"). On failure returns false with a reason.
bool read_input(const std::string& path, std::string& out, std::string& why) {
  std::FILE* f = stdin;
  if (path != "-") {
    struct stat st{};
    if (::stat(path.c_str(), &st) != 0) { why = std::strerror(errno); return false; }
    if (S_ISDIR(st.st_mode)) { why = "is a directory"; return false; }
    f = std::fopen(path.c_str(), "rb");
    if (!f) { why = std::strerror(errno); return false; }
  }
  out.clear();
  // A regular file's size is known: one allocation instead of a doubling string,
  // whose regrowth would hold the old and the new buffer at once.
  if (f != stdin) {
    struct stat st{};
    if (::fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode)) out.reserve(static_cast<std::size_t>(st.st_size) + 1);
  }
  char buf[1 << 16];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) out.append(buf, n);
  bool failed = std::ferror(f) != 0;
  if (failed) why = std::strerror(errno);
  if (f != stdin) std::fclose(f);
  return !failed;
}

// Sentences one per line (white space collapsed), or as JSON spans.
void print_sentences(const essaykit::Document& doc, std::string_view input, bool as_json, const essaykit::JsonOptions& json) {
  std::string out;
  if (as_json) {
    out = essaykit::sentences_to_json(doc, json);
    out.push_back('\n');
  } else {
    for (const essaykit::Sentence& s : doc.sentences) {
      bool space = false;
      for (char c : essaykit::slice(input, s.span)) {
        if (c == '\n' || c == '\r' || c == '\t' || c == ' ') { space = true; continue; }
        if (space) out.push_back(' ');
        space = false;
        out.push_back(c);
      }
      out.push_back('\n');
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
}

struct CommonOptions {
  std::vector<std::string> files;
  std::string from = "auto";
  bool json = false;
  bool pretty = false;
  bool sentences = false;
  bool no_claims = false;
  bool claims = false;
  bool raw = false;
};

// Reads argv against `visible` plus positional arguments (into `positional`). Returns
// the exit status when the command should stop here (help shown, or a usage error
// reported), nothing when it should go on.
std::optional<int> parse_command_line(std::string_view command, int argc, char** argv,
                                      const po::options_description& visible, std::vector<std::string>& positional) {
  po::options_description hidden;
  hidden.add_options()("positional", po::value(&positional));
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description pos;
  pos.add("positional", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    fmt::print(stderr, "essaykit {}: {}\nTry 'essaykit {} --help'.\n", command, e.what(), command);
    return kUsage;
  }
  if (vm.count("help")) {
    std::cout << visible << "\n";
    return kOk;
  }
  return std::nullopt;
}

// The --from value as a Format, or nothing when it is not one.
std::optional<essaykit::Format> format_of(std::string_view from) {
  if (from == "markdown" || from == "md") return essaykit::Format::markdown;
  if (from == "text" || from == "txt") return essaykit::Format::text;
  if (from == "auto") return essaykit::Format::automatic;
  return std::nullopt;
}

// essaykit batch: see essaykit/batch.h for what it reads and writes.
int run_batch_command(int argc, char** argv) {
  std::vector<std::string> inputs, include, exclude;
  std::string output, shard, from = "auto";
  unsigned threads = 0;
  bool resume = false, sentences = false, no_claims = false;
  essaykit::BatchLimits limits;
  po::options_description visible(
      "usage: essaykit batch INPUT... [-o OUT.jsonl]\n\n"
      "Each INPUT is a file, a folder (walked recursively), an archive (.tar, .tar.gz, .tgz, .tar.bz2,\n"
      ".tar.xz, .tar.zst, .zip), or '-' for a list of paths on standard input. One JSON line per entry:\n"
      "{\"path\":…,\"document\":{…}} or {\"path\":…,\"error\":{\"code\":…,\"message\":…}}, in input order.\n"
      "Exit 0: every entry analysed; 1: some became error lines (the output is still complete).\n\noptions");
  visible.add_options()
      ("help,h", "show this help")
      ("output,o", po::value(&output)->value_name("FILE"), "write the lines here (default: standard output)")
      ("jobs,j", po::value(&threads)->value_name("N"), "worker threads (default: one per core)")
      ("include", po::value(&include)->value_name("GLOB"), "take entries matching GLOB (repeatable; default: the formats essaykit reads)")
      ("exclude", po::value(&exclude)->value_name("GLOB"), "leave out entries matching GLOB (repeatable)")
      ("resume", po::bool_switch(&resume), "with -o: keep the lines already there (a torn last line is cut), do the rest")
      ("shard", po::value(&shard)->value_name("I/N"), "only entries whose path hashes to shard I of N (FNV-1a 64 mod N)")
      ("max-entry-bytes", po::value(&limits.max_entry_bytes)->value_name("N"), "larger entries are errors (default 64 MiB)")
      ("max-ratio", po::value(&limits.max_ratio)->value_name("R"), "compressed entries expanding more are errors (default 100)")
      ("max-depth", po::value(&limits.max_depth)->value_name("N"), "nesting of folders and archives (default 32)")
      ("from", po::value(&from)->value_name("FORMAT"), "markdown, text or auto (default: by extension, else content)")
      ("sentences", po::bool_switch(&sentences), "include every sentence's span")
      ("no-claims", po::bool_switch(&no_claims), "skip claim detection");
  if (std::optional<int> stop = parse_command_line("batch", argc, argv, visible, inputs)) return *stop;
  auto usage = [](std::string_view msg) {
    fmt::print(stderr, "essaykit batch: {}\nTry 'essaykit batch --help'.\n", msg);
    return kUsage;
  };
  if (inputs.empty()) return usage("no inputs (use '-' for a list of paths on standard input)");
  if (resume && output.empty()) return usage("--resume needs -o FILE");
  essaykit::BatchOptions options;
  options.include = include;
  options.exclude = exclude;
  options.limits = limits;
  options.threads = threads;
  options.analyze.sentences = sentences;
  options.analyze.claims = !no_claims;
  if (std::optional<essaykit::Format> f = format_of(from)) options.analyze.format = *f;
  else return usage(fmt::format("--from takes markdown, text or auto, not '{}'", from));
  if (!shard.empty()) {
    unsigned long long i = 0, n = 0;
    char extra = 0;
    if (std::sscanf(shard.c_str(), "%llu/%llu%c", &i, &n, &extra) != 2 || n == 0 || i >= n)
      return usage(fmt::format("--shard takes I/N with 0 <= I < N, not '{}'", shard));
    options.shard = std::make_pair(static_cast<std::uint64_t>(i), static_cast<std::uint64_t>(n));
  }

  std::FILE* out = stdout;
  if (!output.empty()) {
    if (resume) {
      // Keep the complete lines; a torn last line (an interrupted write) is cut.
      std::string old;
      std::string why;
      if (read_input(output, old, why)) {
        std::size_t keep = old.rfind('\n');
        keep = keep == std::string::npos ? 0 : keep + 1;
        if (keep < old.size() && ::truncate(output.c_str(), static_cast<off_t>(keep)) != 0) {
          fmt::print(stderr, "essaykit batch: {}: {}\n", output, std::strerror(errno));
          return kInputError;
        }
        for (std::size_t b = 0; b < keep;) {
          std::size_t e = old.find('\n', b);
          if (auto p = essaykit::batch_line_path(std::string_view(old).substr(b, e - b))) options.skip.insert(*p);
          b = e + 1;
        }
      }
    }
    out = std::fopen(output.c_str(), resume ? "ab" : "wb");
    if (!out) {
      fmt::print(stderr, "essaykit batch: {}: {}\n", output, std::strerror(errno));
      return kInputError;
    }
  }
  const bool tty = ::isatty(2) != 0;
  bool write_failed = false;
  essaykit::BatchStats stats = essaykit::run_batch(
      inputs, options,
      [&](std::string_view line) {
        if (std::fwrite(line.data(), 1, line.size(), out) != line.size() || std::fputc('\n', out) == EOF) write_failed = true;
      },
      [&](const essaykit::BatchStats& s) {
        if (!tty) return;
        std::string eta;
        if (s.input_total && s.input_done && s.input_done < s.input_total) {
          double left = s.seconds * static_cast<double>(s.input_total - s.input_done) / static_cast<double>(s.input_done);
          eta = fmt::format(", about {:.0f} s left", left);
        }
        fmt::print(stderr, "\r{} documents, {} errors, {:.1f} MB/s{}   ", s.documents, s.errors,
                   s.seconds > 0 ? static_cast<double>(s.bytes) / 1e6 / s.seconds : 0.0, eta);
      });
  if (std::fflush(out) != 0 || (out != stdout && std::fclose(out) != 0)) write_failed = true;
  if (tty) fmt::print(stderr, "\r");
  fmt::print(stderr, "essaykit batch: {} documents, {} errors, {:.1f} MB in {:.2f} s ({:.1f} MB/s){}\n", stats.documents,
             stats.errors, static_cast<double>(stats.bytes) / 1e6, stats.seconds,
             stats.seconds > 0 ? static_cast<double>(stats.bytes) / 1e6 / stats.seconds : 0.0,
             options.skip.empty() ? "" : fmt::format(", {} already done", options.skip.size()));
  if (write_failed) {
    fmt::print(stderr, "essaykit batch: writing the output failed: {}\n", std::strerror(errno));
    return kInputError;
  }
  return stats.errors ? kInputError : kOk;
}

int run(std::string_view command, int argc, char** argv) {
  CommonOptions o;
  po::options_description visible(fmt::format("usage: essaykit {} [OPTIONS] FILE...\n\noptions", command));
  visible.add_options()
      ("help,h", "show this help")
      ("from", po::value(&o.from)->value_name("FORMAT"), "input format: markdown, text or auto (default: by extension, else by content)")
      ("json", po::bool_switch(&o.json), command == "outline" ? "print JSON instead of the tree" : "print JSON (the default)")
      ("pretty", po::bool_switch(&o.pretty), "indent the JSON");
  if (command == "analyze" || command == "outline")
    visible.add_options()
        ("no-claims", po::bool_switch(&o.no_claims), "skip claim detection");
  if (command == "analyze")
    visible.add_options()("sentences", po::bool_switch(&o.sentences), "include every sentence's span");
  if (command == "outline")
    visible.add_options()("claims", po::bool_switch(&o.claims), "show each section's strongest claim");
  if (command == "sentences")
    visible.add_options()("raw", po::bool_switch(&o.raw), "split the input as running text, recovering no structure");
  if (std::optional<int> stop = parse_command_line(command, argc, argv, visible, o.files)) return *stop;
  essaykit::Options options;
  if (std::optional<essaykit::Format> f = format_of(o.from)) options.format = *f;
  else {
    fmt::print(stderr, "essaykit {}: --from takes markdown, text or auto, not '{}'\n", command, o.from);
    return kUsage;
  }
  if (o.files.empty()) {
    fmt::print(stderr, "essaykit {}: no input files (use '-' for standard input)\nTry 'essaykit {} --help'.\n",
               command, command);
    return kUsage;
  }
  options.sentences = o.sentences || command == "sentences";
  options.claims = !o.no_claims && (command != "outline" || o.claims);
  essaykit::JsonOptions json;
  json.pretty = o.pretty;

  int status = kOk;
  std::string input, why;
  for (const std::string& path : o.files) {
    if (!read_input(path, input, why)) {
      fmt::print(stderr, "essaykit: {}: {}\n", path, why);
      status = kInputError;
      continue;
    }
    options.name = path;
    if (command == "sentences" && o.raw) {
      if (essaykit::is_binary(input)) {
        fmt::print(stderr, "essaykit: {}: binary data, not text\n", path);
        status = kInputError;
        continue;
      }
      essaykit::Document doc;
      doc.source.name = path;
      doc.source.bytes = input.size();
      doc.has_sentences = true;
      for (const essaykit::Span& sp : essaykit::split_sentences(input)) doc.sentences.push_back({sp});
      print_sentences(doc, input, o.json, json);
      continue;
    }
    essaykit::Result r = essaykit::analyze(input, options);
    if (!r) {
      fmt::print(stderr, "essaykit: {}: {}\n", path, r.error().message);
      status = kInputError;
      continue;
    }
    const essaykit::Document& doc = r.document();
    if (command == "sentences") {
      print_sentences(doc, input, o.json, json);
      continue;
    }
    // The Document owns every text the other views print: the input can go before
    // the output is built, so the two are never held at once.
    std::string().swap(input);
    if (command == "claims") {
      std::string text = o.json ? essaykit::claims_to_json(doc, json) + "\n" : essaykit::claims_to_text(doc);
      std::fwrite(text.data(), 1, text.size(), stdout);
      continue;
    }
    std::string out;
    if (command == "analyze") {
      out = essaykit::to_json(doc, json);
    } else if (command == "footnotes") {
      out = essaykit::footnotes_to_json(doc, json);  // JSON is the default; --json is accepted
    } else if (o.json) {
      out = essaykit::outline_to_json(doc, json);
    } else {
      essaykit::OutlineOptions oo;
      oo.claims = o.claims;
      if (o.files.size() > 1) out = fmt::format("==> {} <==\n", path);
      out += essaykit::to_outline(doc, oo);
    }
    if (out.empty() || out.back() != '\n') out.push_back('\n');
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  if (std::fflush(stdout) != 0) {
    fmt::print(stderr, "essaykit: writing output: {}\n", std::strerror(errno));
    return kInputError;
  }
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    print_usage(stderr);
    return kUsage;
  }
  std::string_view first = argv[1];
  if (first == "--help" || first == "-h" || first == "help") {
    print_usage(stdout);
    return kOk;
  }
  if (first == "--version" || first == "-V") {
    fmt::print("essaykit {}\n", ESSAYKIT_VERSION_STRING);
    return kOk;
  }
  if (first == "batch") return run_batch_command(argc - 1, argv + 1);
  for (const Command& c : kCommands)
    if (first == c.name) return run(c.name, argc - 1, argv + 1);
  fmt::print(stderr, "essaykit: unknown command '{}'\n\n", first);
  print_usage(stderr);
  return kUsage;
}
