// The man page and the shell completions, made from the option table at build time
// (`essaykit --dump-options man|bash|zsh|fish|json`), so that they cannot drift from the
// parser.
#include <fmt/format.h>

#include <string>

#include "options.h"

namespace cli {
namespace {

// ---------------------------------------------------------------------------
// roff

// Text for a roff line: backslashes escaped, minus signs as \- (so that options copy
// and paste), non-ASCII as \[uXXXX] (groff reads the page as Latin-1 otherwise), and a
// line never starting with a control character.
std::string roff(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c == '\\') out += "\\e";
      else if (c == '-') out += "\\-";
      else out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    // A UTF-8 sequence (the tables are ours: always valid).
    const int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    std::uint32_t cp = c & (len == 4 ? 0x07u : len == 3 ? 0x0Fu : 0x1Fu);
    for (int k = 1; k < len && i + static_cast<std::size_t>(k) < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3Fu);
    out += fmt::format("\\[u{:04X}]", cp);
    i += static_cast<std::size_t>(len);
  }
  if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out.insert(0, "\\&");
  return out;
}

std::string roff_option(const OptionSpec& o) {
  std::string label = o.letter ? fmt::format("\\fB\\-{}\\fR, ", o.letter) : "";
  label += fmt::format("\\fB\\-\\-{}\\fR", roff(o.name));
  if (o.value != Value::none) label += fmt::format(" \\fI{}\\fR", roff(o.value_name));
  return label;
}

std::string man_page() {
  std::string out;
  auto it = std::back_inserter(out);
  fmt::format_to(it, ".\\\" essaykit(1): generated from the CLI's option table by "
                     "'essaykit --dump-options man'; do not edit.\n");
  fmt::format_to(it, ".TH ESSAYKIT 1 \"\" \"essaykit {}\" \"User Commands\"\n", roff(essaykit::version()));
  out += ".SH NAME\nessaykit \\- recover the structure of an essay: sections, lists, footnotes, sentences, claims\n";
  out += ".SH SYNOPSIS\n";
  for (const CommandSpec& c : kCommands)
    fmt::format_to(it, ".B essaykit {}\n.RI [ OPTIONS ] \" {}\"\n.br\n", c.name, roff(c.operands));
  out += ".B essaykit\n.RB [ \\-h | \\-\\-help | \\-V | \\-\\-version ]\n";
  out += ".SH DESCRIPTION\n" +
         roff("essaykit reads an essay — a blog post, a long-form article, a student essay — and recovers its "
              "structure: title, nested sections, lists, footnotes (every reference linked to its body), sentences "
              "and claims, each with exact byte spans into the input. It reads Markdown (CommonMark with GFM "
              "footnotes, tables, strikethrough and autolinks), HTML pages as blogs publish them (the article found, "
              "the theme's navigation, sidebars and comments left out) and plain text whose formatting was lost.") +
         "\n.PP\n" +
         roff("Every command reads the files named (FILE '-' is standard input, named once at most), writes to standard "
              "output and reports problems on standard error, naming the file and the reason; one file that cannot be read "
              "does not stop the others. analyze, footnotes and batch print JSON by default; outline, sentences "
              "and claims print text for a person, and JSON with --json.") +
         "\n";
  out += ".SH COMMANDS\n";
  for (const CommandSpec& c : kCommands) {
    fmt::format_to(it, ".SS essaykit {} [OPTIONS] {}\n{}\n", c.name, roff(c.operands), roff(c.description));
    for (const OptionSpec& o : kOptions) {
      if (!takes(o, c.command)) continue;
      fmt::format_to(it, ".TP\n{}\n{}.\n", roff_option(o), roff(help_of(o, c)));
    }
    std::string notes;
    for (const Conflict& k : kConflicts)
      if (k.commands & c.command)
        notes += fmt::format("{}\\fB\\-\\-{}\\fR with \\fB\\-\\-{}\\fR", notes.empty() ? "" : ", ", roff(k.a), roff(k.b));
    if (!notes.empty()) fmt::format_to(it, ".PP\nNot together: {}.\n", notes);
  }
  out += ".SH INPUT\n" +
         roff("The format is taken from --from, else from the file's extension (.md, .markdown, .mdown, .mkd and "
              ".mdx are Markdown; .txt and .text are plain text), else from the content: front matter, ATX "
              "headings, fenced code, footnote definitions, links, list markers, block quotes or bold openings on "
              "several lines make it Markdown.") +
         "\n.PP\n" +
         roff("A file with a NUL byte, or more than 10% control bytes or invalid UTF-8, is binary and refused. "
              "Otherwise invalid UTF-8 is read as U+FFFD and reported as a diagnostic, with spans still pointing "
              "at the original bytes. UTF-16 and UTF-32 with a byte-order mark are read through their UTF-8 form: "
              "source.encoding names the encoding, and a diagnostic says that spans and byte counts point into "
              "the UTF-8 form. Without a byte-order mark they are refused, with a message naming the encoding "
              "they look like.") +
         "\n";
  out += ".SH OUTPUT\n" +
         roff("Every JSON essaykit prints follows the schema essaykit/document/v1, installed as "
              "share/essaykit/document-v1.schema.json. Positions are byte offsets [start, end) into the input as "
              "given, with the 1-based line of start.") +
         "\n";
  out += ".SH EXIT STATUS\n.TP\n.B 0\nEverything was read and analysed.\n"
         ".TP\n.B 1\n" +
         roff("An input could not be read or analysed (the others were still processed); for batch, some entries "
              "became error lines, or the output could not be written.") +
         "\n.TP\n.B 2\nA usage error: an unknown option, a bad value, options that cannot go together, no input.\n";
  out += ".SH FILES\n.TP\n.I share/essaykit/document\\-v1.schema.json\nThe JSON Schema of the output.\n"
         ".TP\n.IR OUT .run.json\n" +
         roff("Beside the output of batch -o OUT, when OUT is a file (not a device or a FIFO): the inputs, options "
              "and version that produced it, checked by --resume.") +
         "\n";
  out += ".SH EXAMPLES\n.nf\n"
         "essaykit outline post.md\n"
         "essaykit footnotes \\-\\-text post.md\n"
         "essaykit analyze \\-\\-pretty \\-\\-sentences post.md\n"
         "cat essay.txt | essaykit claims \\-\n"
         "essaykit batch blog\\-export.tgz \\-o posts.jsonl \\-j 4\n"
         "essaykit batch blog\\-export.tgz \\-o posts.jsonl \\-j 4 \\-\\-resume\n"
         ".fi\n";
  out += ".SH SEE ALSO\n" + roff("The README and the headers in include/essaykit/ (the C++ API).") + "\n";
  return out;
}

// ---------------------------------------------------------------------------
// Shells

std::string commands_taking(const OptionSpec& o, const std::string& help, std::string_view sep) {
  std::string out;
  for (const CommandSpec& c : kCommands)
    if (takes(o, c.command) && help_of(o, c) == help) out += fmt::format("{}{}", out.empty() ? "" : sep, c.name);
  return out;
}

// The distinct help texts of an option (--json reads differently where it is the default).
std::vector<std::string> helps_of(const OptionSpec& o) {
  std::vector<std::string> out;
  for (const CommandSpec& c : kCommands)
    if (takes(o, c.command) && std::find(out.begin(), out.end(), help_of(o, c)) == out.end()) out.push_back(help_of(o, c));
  return out;
}

std::string names_of(const OptionSpec& o) {
  return o.letter ? fmt::format("-{} --{}", o.letter, o.name) : fmt::format("--{}", o.name);
}

std::string bash() {
  std::string out =
      "# bash completion for essaykit: generated from its option table by\n"
      "# 'essaykit --dump-options bash'; do not edit.\n"
      "_essaykit() {\n"
      "  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
      "  # --name=VALUE: bash splits the word at '='.\n"
      "  if [[ $cur == = ]]; then cur=''; elif [[ $prev == = ]]; then prev=${COMP_WORDS[COMP_CWORD-2]}; fi\n"
      "  if (( COMP_CWORD == 1 )); then\n"
      "    COMPREPLY=( $(compgen -W '";
  for (const CommandSpec& c : kCommands) out += fmt::format("{} ", c.name);
  out += "-h --help -V --version' -- \"$cur\") )\n    return\n  fi\n  local opts\n  case ${COMP_WORDS[1]} in\n";
  for (const CommandSpec& c : kCommands) {
    std::string opts;
    for (const OptionSpec& o : kOptions)
      if (takes(o, c.command)) opts += fmt::format("{}{}", opts.empty() ? "" : " ", names_of(o));
    out += fmt::format("    {}) opts='{}' ;;\n", c.name, opts);
  }
  out += "    *) return ;;\n  esac\n  case $prev in\n";
  for (const OptionSpec& o : kOptions) {
    if (o.value == Value::none) continue;
    std::string pattern = o.letter ? fmt::format("-{}|--{}", o.letter, o.name) : fmt::format("--{}", o.name);
    if (o.value == Value::choice) {
      std::string words;
      for (std::string_view w : choices_of(o)) words += fmt::format("{}{}", words.empty() ? "" : " ", w);
      out += fmt::format("    {}) COMPREPLY=( $(compgen -W '{}' -- \"$cur\") ); return ;;\n", pattern, words);
    } else if (o.value == Value::file) {
      out += fmt::format("    {}) compopt -o filenames 2>/dev/null; COMPREPLY=( $(compgen -f -- \"$cur\") ); return ;;\n",
                         pattern);
    } else {
      out += fmt::format("    {}) return ;;  # {}\n", pattern, o.value_name);
    }
  }
  out += "  esac\n"
         "  if [[ $cur == -* ]]; then\n"
         "    COMPREPLY=( $(compgen -W \"$opts\" -- \"$cur\") )\n"
         "  else\n"
         "    compopt -o filenames 2>/dev/null\n"
         "    COMPREPLY=( $(compgen -f -- \"$cur\") )\n"
         "  fi\n"
         "}\n"
         "complete -F _essaykit essaykit\n";
  return out;
}

// A description inside a zsh _arguments spec, in single quotes.
std::string zsh_text(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else if (c == '[' || c == ']' || c == ':' || c == '\\') { out.push_back('\\'); out.push_back(c); }
    else out.push_back(c);
  }
  return out;
}

std::string zsh() {
  std::string out =
      "#compdef essaykit\n"
      "# zsh completion for essaykit: generated from its option table by\n"
      "# 'essaykit --dump-options zsh'; do not edit.\n"
      "_essaykit() {\n"
      "  local -a commands\n"
      "  commands=(\n";
  for (const CommandSpec& c : kCommands) out += fmt::format("    '{}:{}'\n", c.name, zsh_text(c.summary));
  out += "  )\n"
         "  if (( CURRENT == 2 )); then\n"
         "    if [[ $words[CURRENT] == -* ]]; then\n"
         "      _arguments '(- *)'{-h,--help}'[show the help and exit]' '(- *)'{-V,--version}'[print the version and exit]'\n"
         "    else\n"
         "      _describe -t commands 'essaykit command' commands\n"
         "    fi\n"
         "    return\n"
         "  fi\n"
         "  local cmd=$words[2]\n"
         "  shift words\n"
         "  (( CURRENT-- ))\n"
         "  case $cmd in\n";
  for (const CommandSpec& c : kCommands) {
    out += fmt::format("    {})\n      _arguments -s -S \\\n", c.name);
    for (const OptionSpec& o : kOptions) {
      if (!takes(o, c.command)) continue;
      std::string action;
      switch (o.value) {
        case Value::none: break;
        case Value::choice: {
          std::string words;
          for (std::string_view w : choices_of(o)) words += fmt::format("{}{}", words.empty() ? "" : " ", w);
          action = fmt::format(":{}:({})", zsh_text(o.value_name), words);
          break;
        }
        case Value::file: action = fmt::format(":{}:_files", zsh_text(o.value_name)); break;
        default: action = fmt::format(":{}: ", zsh_text(o.value_name));
      }
      const std::string desc = fmt::format("[{}]", zsh_text(help_of(o, c)));
      const bool exits = o.name == "help" || o.name == "version";
      const std::string valued = o.value == Value::none ? "" : "=";
      // Which options this one excludes: all of them for --help and --version, itself
      // for the others (unless it may repeat).
      std::string exclude = exits           ? "'(- *)'"
                            : o.repeatable  ? "'*'"
                            : o.letter      ? fmt::format("'(-{} --{})'", o.letter, o.name)
                                            : std::string();
      if (o.letter)
        out += fmt::format("        {}{{-{}{},--{}{}}}'{}{}' \\\n", exclude, o.letter, valued.empty() ? "" : "+", o.name,
                           valued, desc, action);
      else
        out += fmt::format("        {}'--{}{}{}{}' \\\n", exclude, o.name, valued, desc, action);
    }
    out += fmt::format("        '*:{}:_files'\n      ;;\n", c.command == kBatch ? "input" : "file");
  }
  out += "  esac\n}\n_essaykit \"$@\"\n";
  return out;
}

std::string fish_text(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "'";
}

std::string fish() {
  std::string out =
      "# fish completion for essaykit: generated from its option table by\n"
      "# 'essaykit --dump-options fish'; do not edit.\n"
      "complete -c essaykit -f\n";
  for (const CommandSpec& c : kCommands)
    out += fmt::format("complete -c essaykit -n __fish_use_subcommand -a {} -d {}\n", c.name, fish_text(c.summary));
  out += "complete -c essaykit -n __fish_use_subcommand -s h -l help -d 'show the help and exit'\n"
         "complete -c essaykit -n __fish_use_subcommand -s V -l version -d 'print the version and exit'\n";
  for (const OptionSpec& o : kOptions) {
    for (const std::string& help : helps_of(o)) {
      out += fmt::format("complete -c essaykit -n '__fish_seen_subcommand_from {}'", commands_taking(o, help, " "));
      if (o.letter) out += fmt::format(" -s {}", o.letter);
      out += fmt::format(" -l {}", o.name);
      switch (o.value) {
        case Value::none: break;
        case Value::choice: {
          std::string words;
          for (std::string_view w : choices_of(o)) words += fmt::format("{}{}", words.empty() ? "" : " ", w);
          out += fmt::format(" -x -a {}", fish_text(words));
          break;
        }
        case Value::file: out += " -r -F"; break;
        default: out += " -x";
      }
      out += fmt::format(" -d {}\n", fish_text(help));
    }
  }
  out += "complete -c essaykit -n 'not __fish_use_subcommand' -F\n";
  return out;
}

// ---------------------------------------------------------------------------
// JSON, for tools

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "\"";
}

std::string json() {
  std::string out = "{\"commands\":[";
  for (std::size_t i = 0; i < kCommands.size(); ++i) {
    const CommandSpec& c = kCommands[i];
    out += fmt::format("{}{{\"name\":{},\"operands\":{},\"json_by_default\":{},\"options\":[", i ? "," : "",
                       json_string(c.name), json_string(c.operands), c.json_by_default);
    bool first = true;
    for (const OptionSpec& o : kOptions) {
      if (!takes(o, c.command)) continue;
      std::string choices;
      for (std::string_view w : choices_of(o)) choices += fmt::format("{}{}", choices.empty() ? "" : ",", json_string(w));
      out += fmt::format("{}{{\"long\":{},\"short\":{},\"value\":{},\"choices\":[{}],\"repeatable\":{},\"help\":{}}}",
                         first ? "" : ",", json_string(fmt::format("--{}", o.name)),
                         o.letter ? json_string(fmt::format("-{}", o.letter)) : "null",
                         o.value == Value::none ? "null" : json_string(o.value_name), choices, o.repeatable,
                         json_string(help_of(o, c)));
      first = false;
    }
    out += "]}";
  }
  out += "]}\n";
  return out;
}

}  // namespace

std::optional<std::string> document(std::string_view what) {
  if (what == "man") return man_page();
  if (what == "bash") return bash();
  if (what == "zsh") return zsh();
  if (what == "fish") return fish();
  if (what == "json") return json();
  return std::nullopt;
}

}  // namespace cli
