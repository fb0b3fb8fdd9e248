// The tables of commands and options, the parser that reads a command line against
// them, the checks of values, and --help.
#include "options.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace cli {

const std::vector<CommandSpec> kCommands = {
    {kOutline, "outline", "FILE...", "the section tree with line numbers, and what each section holds",
     "Prints each file's title and its section tree: every heading with its line number, its level and what "
     "the section holds directly (lists, footnote references). --claims adds each section's strongest claim, and under the title that of the text before the first heading; "
     "--json prints the outline view of the schema instead. --html writes the map of one file instead: a "
     "self-contained HTML page (nothing fetched, readable with scripts off) with the document as a band of "
     "sections, the outline, and the text as read, claims shaded and every footnote reference linked to its "
     "body and back (essaykit outline --html post.md > map.html).",
     false},
    {kFootnotes, "footnotes", "FILE...", "every footnote: label, body, each reference with its line and context",
     "Prints every footnote of each file — its label, its body, and each reference to it with its line and "
     "the text before it — as JSON (the footnotes view of the schema), for programs; --text prints the same "
     "for a person.",
     true},
    {kAnalyze, "analyze", "FILE...", "the whole document as JSON; several files give JSON Lines",
     "Prints everything essaykit finds in each file as one JSON document (schema essaykit/document/v1): title, "
     "sections, lists, footnotes, claims, statistics and diagnostics. Several files give one line each (JSON "
     "Lines).",
     true},
    {kSentences, "sentences", "FILE...", "every sentence, one per line",
     "Prints every sentence of each file's prose (paragraphs, headings, list items, footnotes), one per line, "
     "as read: inline markup removed (emphasis, code ticks, a heading's '#', a footnote mark), a link as its "
     "words, white space collapsed; --json prints their spans instead. --raw splits the input as running "
     "text, recovering no structure first, and prints each sentence's source. With several files, each "
     "file's sentences follow its name.",
     false},
    {kClaims, "claims", "FILE...", "the sentences that make a claim, the thesis marked, with score and cues",
     "Prints the sentences that make a claim, one per line: its line, kind (claim or thesis), score, the "
     "sentence as read and the cues that decided it; --json prints the claims view of the schema instead. "
     "With several files, each file's claims follow its name.",
     false},
    {kBatch, "batch", "INPUT...", "files, folders and archives to JSON Lines, one document per entry, in parallel",
     "Each INPUT is a file, a folder (walked recursively), an archive (.tar, .tar.gz, .tgz, .tar.bz2, .tar.xz, "
     ".tar.zst, .zip, also inside folders and archives), or '-' for a list of paths on standard input, one per "
     "line. Every entry gives one JSON line, {\"path\":…,\"document\":{…}} or "
     "{\"path\":…,\"error\":{\"code\":…,\"message\":…}}, in input order whatever the number of jobs. Error codes: "
     "binary, too_large, ratio_limit, depth_limit, unreadable, corrupt_archive, symlink, failed. With -o, what "
     "produced the file (inputs, options, version) is recorded beside it in OUT.run.json (not beside a device "
     "or a FIFO), and --resume refuses to continue a file that a different run wrote.",
     true},
};

const std::vector<FormatName> kFormats = {
    {"markdown", essaykit::Format::markdown},
    {"text", essaykit::Format::text},
    {"html", essaykit::Format::html},
    {"auto", essaykit::Format::automatic},
};

const std::vector<OptionSpec> kOptions = {
    {"from", 0, Value::choice, "FORMAT", kAllCommands,
     "read the input as {choices} (default: by extension, else by looking at the content)", {}, "{formats}"},
    {"json", 0, Value::none, "", kAllCommands, "print JSON instead of text", "print JSON (the default)"},
    {"text", 0, Value::none, "", kFootnotes, "print the footnotes for a person instead of JSON"},
    {"pretty", 0, Value::none, "", kDocumentCommands, "print JSON indented by two spaces (implies --json)"},
    {"sentences", 0, Value::none, "", kAnalyze | kBatch, "include every sentence's span"},
    {"no-claims", 0, Value::none, "", kAnalyze | kBatch, "skip claim detection (the claims are empty)"},
    {"claims", 0, Value::none, "", kOutline, "show each section's strongest claim under it (and the lead's under the title)"},
    {"html", 0, Value::none, "", kOutline,
     "write the map of one file as a self-contained HTML page: the sections as a band, the outline, the text "
     "with its claims and footnotes linked"},
    {"raw", 0, Value::none, "", kSentences, "split the input as running text, recovering no structure"},
    {"output", 'o', Value::file, "FILE", kBatch, "write the lines to FILE ('-', the default: standard output)"},
    {"jobs", 'j', Value::count, "N", kBatch, "analyse with N threads, 1 to 1024 (default: one per core)", {}, {}, 1,
     1024},
    {"include", 0, Value::glob, "GLOB", kBatch,
     "take the entries matching GLOB (repeatable; default: the formats essaykit reads, and, outside hidden "
     "folders, files without an extension, sniffed)", {}, {}, 0, 0, true},
    {"exclude", 0, Value::glob, "GLOB", kBatch, "leave out the entries matching GLOB (repeatable)", {}, {}, 0, 0, true},
    {"resume", 0, Value::none, "", kBatch,
     "with -o: keep the lines already there (a torn last line is cut) and do the rest, if the same inputs, "
     "options and version wrote them"},
    {"shard", 0, Value::shard, "I/N", kBatch,
     "only the entries whose path hashes to shard I of N (FNV-1a 64 mod N), 0 <= I < N"},
    {"max-entry-bytes", 0, Value::count, "N", kBatch, "larger entries become errors (default 67108864, 64 MiB)", {},
     {}, 1, 1099511627776.0},
    {"max-ratio", 0, Value::ratio, "R", kBatch,
     "compressed entries expanding more than R times become errors (default 100)", {}, {}, 1, 1e9},
    {"max-depth", 0, Value::count, "N", kBatch, "nesting of folders and archives, 0 to 1000 (default 32)", {}, {}, 0,
     1000},
    {"help", 'h', Value::none, "", kAllCommands, "show this help and exit"},
    {"version", 'V', Value::none, "", kAllCommands, "print the version and exit"},
};

const std::vector<Conflict> kConflicts = {
    {"text", "json", kFootnotes},
    {"text", "pretty", kFootnotes},
    {"claims", "json", kOutline},   // the outline view has no claims: use `claims --json`
    {"claims", "pretty", kOutline},
    {"html", "json", kOutline},     // one page, or one view: not both
    {"html", "pretty", kOutline},
    {"html", "claims", kOutline},   // the map always shows the claims
    {"raw", "from", kSentences},    // the raw split reads no format
};

const CommandSpec* find_command(std::string_view name) {
  for (const CommandSpec& c : kCommands)
    if (c.name == name) return &c;
  return nullptr;
}

bool takes(const OptionSpec& o, Command c) { return (o.commands & c) != 0; }

std::string help_of(const OptionSpec& o, const CommandSpec& c) {
  std::string help(c.json_by_default && !o.help_json_default.empty() ? o.help_json_default : o.help);
  if (std::size_t at = help.find("{choices}"); at != std::string::npos) help.replace(at, 9, choices_text(o));
  return help;
}

std::string choices_text(const OptionSpec& o, std::string_view last_separator) {
  std::vector<std::string_view> words = choices_of(o);
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i)
    out += fmt::format("{}{}", i ? (i + 1 == words.size() ? last_separator : std::string_view(", ")) : "", words[i]);
  return out;
}

std::vector<std::string_view> choices_of(const OptionSpec& o) {
  std::vector<std::string_view> out;
  if (o.choices == "{formats}") {
    for (const FormatName& f : kFormats) out.push_back(f.name);
    return out;
  }
  std::string_view rest = o.choices;
  while (!rest.empty()) {
    std::size_t sp = rest.find(' ');
    out.push_back(rest.substr(0, sp));
    if (sp == std::string_view::npos) break;
    rest.remove_prefix(sp + 1);
  }
  return out;
}

const OptionSpec& option(std::string_view name) {
  for (const OptionSpec& o : kOptions)
    if (o.name == name) return o;
  std::abort();  // a name the code uses that the table lacks: a programming error
}

std::string Invocation::get(std::string_view name, std::string otherwise) const {
  auto it = given.find(name);
  return it == given.end() || it->second.empty() ? otherwise : it->second.back();
}

std::vector<std::string> Invocation::all(std::string_view name) const {
  auto it = given.find(name);
  return it == given.end() ? std::vector<std::string>{} : it->second;
}

namespace {

// Which commands take an option of this name, for a message.
std::string owners(std::string_view name) {
  std::vector<std::string_view> names;
  for (const OptionSpec& o : kOptions)
    if (o.name == name)
      for (const CommandSpec& c : kCommands)
        if (takes(o, c.command)) names.push_back(c.name);
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) out += fmt::format("{}{}", i ? (i + 1 == names.size() ? " and " : ", ") : "", names[i]);
  return out;
}

}  // namespace

// getopt_long's conventions, without abbreviations (so that a new option never makes an
// old abbreviation ambiguous): --name, --name=VALUE or --name VALUE; -x, -xVALUE or
// -x VALUE, flags clustered (-hV); `--` ends the options; `-` is an operand (standard
// input). An option given twice keeps its last value, except the repeatable ones.
ParseResult parse(const CommandSpec& command, int argc, char** argv) {
  ParseResult r;
  Invocation& inv = r.invocation;
  inv.command = &command;
  auto find_long = [&](std::string_view name) -> const OptionSpec* {
    for (const OptionSpec& o : kOptions)
      if (o.name == name && takes(o, command.command)) return &o;
    return nullptr;
  };
  auto find_short = [&](char c) -> const OptionSpec* {
    for (const OptionSpec& o : kOptions)
      if (o.letter == c && takes(o, command.command)) return &o;
    return nullptr;
  };
  auto unknown = [&](std::string_view shown, std::string_view name) {
    std::string who = owners(name);
    r.error = who.empty() ? fmt::format("unknown option '{}'", shown)
                          : fmt::format("'{}' is not an option of {} (it is one of {})", shown, command.name, who);
    return r;
  };
  bool options_done = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (options_done || arg == "-" || arg.empty() || arg[0] != '-') {
      inv.operands.emplace_back(arg);
      continue;
    }
    if (arg == "--") {
      options_done = true;
      continue;
    }
    if (arg.substr(0, 2) == "--") {
      std::string_view body = arg.substr(2);
      std::optional<std::string_view> inline_value;
      if (std::size_t eq = body.find('='); eq != std::string_view::npos) {
        inline_value = body.substr(eq + 1);
        body = body.substr(0, eq);
      }
      const OptionSpec* o = find_long(body);
      if (!o) return unknown(fmt::format("--{}", body), body);
      std::vector<std::string>& values = inv.given[std::string(o->name)];
      if (o->value == Value::none) {
        if (inline_value) {
          r.error = fmt::format("option '--{}' takes no value", o->name);
          return r;
        }
        continue;
      }
      if (!o->repeatable) values.clear();
      if (inline_value) {
        values.emplace_back(*inline_value);
      } else if (i + 1 < argc) {
        values.emplace_back(argv[++i]);
      } else {
        r.error = fmt::format("option '--{}' needs a value ({})", o->name, o->value_name);
        return r;
      }
      continue;
    }
    // Short options: flags may be clustered; one that takes a value takes the rest of
    // the word, or the next argument.
    for (std::size_t k = 1; k < arg.size(); ++k) {
      const OptionSpec* o = find_short(arg[k]);
      if (!o) {
        std::string name;
        for (const OptionSpec& x : kOptions)
          if (x.letter == arg[k]) name = std::string(x.name);
        return unknown(fmt::format("-{}", arg[k]), name);
      }
      std::vector<std::string>& values = inv.given[std::string(o->name)];
      if (o->value == Value::none) continue;
      if (!o->repeatable) values.clear();
      if (k + 1 < arg.size()) {
        values.emplace_back(arg.substr(k + 1));
      } else if (i + 1 < argc) {
        values.emplace_back(argv[++i]);
      } else {
        r.error = fmt::format("option '-{}' needs a value ({})", o->letter, o->value_name);
        return r;
      }
      break;
    }
  }
  return r;
}

std::optional<std::uint64_t> parse_count(const OptionSpec& o, const std::string& text, std::string& error) {
  auto fail = [&] {
    error = fmt::format("--{} takes a whole number from {} to {}, not '{}'", o.name, static_cast<std::uint64_t>(o.min),
                        static_cast<std::uint64_t>(o.max), text);
    return std::nullopt;
  };
  if (text.empty() || text.size() > 19 || text.find_first_not_of("0123456789") != std::string::npos) return fail();
  const std::uint64_t v = std::strtoull(text.c_str(), nullptr, 10);
  if (static_cast<double>(v) < o.min || static_cast<double>(v) > o.max) return fail();
  return v;
}

std::optional<double> parse_ratio(const OptionSpec& o, const std::string& text, std::string& error) {
  auto fail = [&] {
    error = fmt::format("--{} takes a number from {} to {}, not '{}'", o.name, o.min, o.max, text);
    return std::nullopt;
  };
  // Digits with at most one decimal point: no sign, exponent, hexadecimal, inf or nan.
  if (text.empty() || text.find_first_not_of("0123456789.") != std::string::npos ||
      std::count(text.begin(), text.end(), '.') > 1 || text == ".")
    return fail();
  errno = 0;
  const double v = std::strtod(text.c_str(), nullptr);
  if (errno || !std::isfinite(v) || v < o.min || v > o.max) return fail();
  return v;
}

std::optional<std::pair<std::uint64_t, std::uint64_t>> parse_shard(const std::string& text, std::string& error) {
  const std::size_t slash = text.find('/');
  auto digits = [](std::string_view s) { return !s.empty() && s.size() <= 19 && s.find_first_not_of("0123456789") == std::string_view::npos; };
  if (slash != std::string::npos && digits(std::string_view(text).substr(0, slash)) &&
      digits(std::string_view(text).substr(slash + 1))) {
    const std::uint64_t i = std::strtoull(text.c_str(), nullptr, 10);
    const std::uint64_t n = std::strtoull(text.c_str() + slash + 1, nullptr, 10);
    if (n > 0 && i < n) return std::make_pair(i, n);
  }
  error = fmt::format("--shard takes I/N with 0 <= I < N, not '{}'", text);
  return std::nullopt;
}

std::string check(const Invocation& inv) {
  const CommandSpec& c = *inv.command;
  std::string error;
  for (const auto& [name, values] : inv.given) {
    const OptionSpec& o = option(name);
    for (const std::string& v : values) {
      switch (o.value) {
        case Value::choice: {
          std::vector<std::string_view> words = choices_of(o);
          if (std::find(words.begin(), words.end(), v) == words.end())
            return fmt::format("--{} takes {}, not '{}'", o.name, choices_text(o), v);
          break;
        }
        case Value::count:
          if (!parse_count(o, v, error)) return error;
          break;
        case Value::ratio:
          if (!parse_ratio(o, v, error)) return error;
          break;
        case Value::shard:
          if (!parse_shard(v, error)) return error;
          break;
        case Value::file:
        case Value::glob:
          if (v.empty()) return fmt::format("--{} needs a non-empty {}", o.name, o.value_name);
          break;
        case Value::none: break;
      }
    }
  }
  for (const Conflict& k : kConflicts)
    if ((k.commands & c.command) && inv.has(k.a) && inv.has(k.b))
      return fmt::format("--{} and --{} cannot be used together", k.a, k.b);
  if (c.command == kBatch && inv.has("resume") && !inv.has("output")) return "--resume needs -o FILE";
  if (c.command == kBatch && inv.has("resume") && inv.get("output") == "-")
    return "--resume needs -o FILE: '-' is standard output, where there is nothing to resume";
  if (c.command == kOutline && inv.has("html") && inv.operands.size() > 1)
    return "--html writes the page of one file (run it once per file)";
  if (inv.operands.empty())
    return c.command == kBatch ? "no inputs (use '-' for a list of paths on standard input)"
                               : "no input files (use '-' for standard input)";
  // Standard input can be read once: a second '-' would find it at its end and give an
  // empty document (or, for batch, an empty list of paths) without a word. A usage error,
  // before anything is read, says so (sort(1) and diff(1) read it once; cat(1) twice, only
  // because a terminal can give two texts, which a pipe cannot).
  if (std::count(inv.operands.begin(), inv.operands.end(), "-") > 1)
    return c.command == kBatch ? "'-' (the list of paths on standard input) is given more than once; name it once"
                               : "'-' (standard input) is given more than once; it can be read only once";
  return {};
}

Plan plan(const Invocation& inv) {
  Plan p;
  const Command c = inv.command->command;
  const std::string from = inv.get("from", "auto");
  for (const FormatName& f : kFormats)
    if (f.name == from) p.analyze.format = f.format;
  p.json.pretty = inv.has("pretty");
  const bool json = inv.has("json") || inv.has("pretty");
  // Each command computes only what it prints: claims only where they are shown,
  // sentence spans only where they are listed.
  p.analyze.claims = false;
  p.analyze.sentences = false;
  switch (c) {
    case kOutline:
      p.outline_claims = inv.has("claims");
      p.analyze.claims = p.outline_claims;
      p.output = json ? Output::outline_json : Output::outline;
      if (inv.has("html")) {  // the map shows every claim
        p.analyze.claims = true;
        p.output = Output::outline_html;
      }
      break;
    case kFootnotes:
      p.output = inv.has("text") ? Output::footnotes_text : Output::footnotes_json;
      break;
    case kAnalyze:
    case kBatch:
      p.analyze.claims = !inv.has("no-claims");
      p.analyze.sentences = inv.has("sentences");
      p.output = Output::document_json;
      break;
    case kSentences:
      p.analyze.sentences = true;
      p.raw_sentences = inv.has("raw");
      p.output = json ? Output::sentences_json : Output::sentences_text;
      break;
    case kClaims:
      p.analyze.claims = true;
      p.output = json ? Output::claims_json : Output::claims_text;
      break;
  }
  return p;
}

namespace {

std::string wrap(std::string_view text, std::size_t width, std::string_view indent) {
  std::string out, line;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t sp = text.find(' ', pos);
    if (sp == std::string_view::npos) sp = text.size();
    std::string_view word = text.substr(pos, sp - pos);
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      out += fmt::format("{}{}\n", indent, line);
      line.clear();
    }
    if (!line.empty()) line += ' ';
    line += word;
    pos = sp + 1;
  }
  if (!line.empty()) out += fmt::format("{}{}\n", indent, line);
  return out;
}

std::string option_label(const OptionSpec& o) {
  std::string label = o.letter ? fmt::format("-{}, --{}", o.letter, o.name) : fmt::format("    --{}", o.name);
  if (o.value != Value::none) label += fmt::format(" {}", o.value_name);
  return label;
}

}  // namespace

std::string command_help(const CommandSpec& c) {
  std::string out = fmt::format("usage: essaykit {} [OPTIONS] {}\n\n", c.name, c.operands);
  out += wrap(c.description, 78, "");
  out += "\noptions:\n";
  std::size_t width = 0;
  for (const OptionSpec& o : kOptions)
    if (takes(o, c.command)) width = std::max(width, option_label(o).size());
  for (const OptionSpec& o : kOptions) {
    if (!takes(o, c.command)) continue;
    const std::string label = option_label(o);
    std::string help = wrap(help_of(o, c), 78 - width - 4, std::string(width + 4, ' '));
    help.erase(0, width + 4);  // the first line goes beside the label
    out += fmt::format("  {:<{}}  {}", label, width, help);
  }
  std::vector<std::string> notes;
  for (const Conflict& k : kConflicts)
    if (k.commands & c.command) notes.push_back(fmt::format("--{} and --{}", k.a, k.b));
  if (!notes.empty()) {
    std::string list;
    for (std::size_t i = 0; i < notes.size(); ++i) list += fmt::format("{}{}", i ? "; " : "", notes[i]);
    out += "\n" + wrap(fmt::format("Not together: {}.", list), 78, "");
  }
  out += wrap(c.command == kBatch
                  ? "\nExit status: 0 when every entry was analysed; 1 when some became error lines (the output is "
                    "still complete) or the output could not be written; 2 for a usage error."
                  : "\nFILE '-' reads standard input (name it once). Exit status: 0 ok; 1 when an input could not be read or "
                    "analysed (the others are still processed); 2 for a usage error.",
              78, "");
  return out;
}

std::string global_help() {
  std::string out =
      "usage: essaykit COMMAND [OPTIONS] FILE...\n\n"
      "Recovers the structure of an essay — title, sections, lists, footnotes, sentences and claims —\n"
      "from Markdown, from an HTML page, or from plain text whose formatting was lost.\n\ncommands:\n";
  for (const CommandSpec& c : kCommands) out += fmt::format("  {:<10} {}\n", c.name, c.summary);
  out += "\noptions:\n"
         "  -h, --help     show this help and exit\n"
         "  -V, --version  print the version and exit\n\n"
         "'essaykit COMMAND --help' shows a command's options; 'man essaykit' has them all.\n";
  return out;
}

}  // namespace cli
