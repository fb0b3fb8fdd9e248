// The command line of essaykit, as data: the commands, and one table of options that
// the parser, `--help`, the man page and the shell completions are all made from. A new
// option is one row of kOptions; a new value of an enumerated option is one word of its
// choices.
#ifndef ESSAYKIT_CLI_OPTIONS_H
#define ESSAYKIT_CLI_OPTIONS_H

#include <essaykit/essaykit.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cli {

constexpr int kOk = 0, kInputError = 1, kUsage = 2;

// The commands, as bits, so that an option row says which commands take it.
enum Command : unsigned {
  kOutline = 1u << 0,
  kFootnotes = 1u << 1,
  kAnalyze = 1u << 2,
  kSentences = 1u << 3,
  kClaims = 1u << 4,
  kBatch = 1u << 5,
};
constexpr unsigned kDocumentCommands = kOutline | kFootnotes | kAnalyze | kSentences | kClaims;
constexpr unsigned kAllCommands = kDocumentCommands | kBatch;

struct CommandSpec {
  Command command;
  std::string_view name;
  std::string_view operands;     // after "essaykit NAME [OPTIONS]"
  std::string_view summary;      // one line, for the list of commands
  std::string_view description;  // a paragraph, for --help and the man page
  bool json_by_default;          // what it prints without --json
};
extern const std::vector<CommandSpec> kCommands;

// What an option's value is, which decides how it is checked and completed.
enum class Value {
  none,    // a flag
  choice,  // one word of OptionSpec::choices
  file,    // a path (completed as a file name)
  glob,    // an fnmatch pattern
  count,   // a whole number within [min, max]
  ratio,   // a number within [min, max]
  shard,   // I/N with 0 <= I < N
};

struct OptionSpec {
  std::string_view name;        // the long name, without "--"
  char letter;                  // the short name, or 0
  Value value;
  std::string_view value_name;  // "FORMAT", "N": for help and the man page
  unsigned commands;            // the commands that take it (Command bits)
  std::string_view help;        // one line; "{choices}" stands for the choices
  // When set, the help for commands that print JSON by default (`--json` there).
  std::string_view help_json_default = {};
  std::string_view choices = {};  // Value::choice: the words, separated by spaces ("{formats}": kFormats)
  double min = 0, max = 0;        // Value::count, Value::ratio
  bool repeatable = false;        // may be given more than once; every value is kept
};
extern const std::vector<OptionSpec> kOptions;

// The values of --from: a reader is one row.
struct FormatName {
  std::string_view name;
  essaykit::Format format;
};
extern const std::vector<FormatName> kFormats;

// Options that cannot be given together, and why (for the message and the man page).
struct Conflict {
  std::string_view a, b;
  unsigned commands;
};
extern const std::vector<Conflict> kConflicts;

const CommandSpec* find_command(std::string_view name);
bool takes(const OptionSpec& o, Command c);
// The option's help for a command, with "{choices}" spelled out ("markdown, text or auto").
std::string help_of(const OptionSpec& o, const CommandSpec& c);
// "a, b or c"
std::string choices_text(const OptionSpec& o, std::string_view last_separator = " or ");
// The values the option takes, for completions: the choices, or nothing.
std::vector<std::string_view> choices_of(const OptionSpec& o);

// A command line read against the table: each option given (by long name) with its
// values in order, and the operands.
struct Invocation {
  const CommandSpec* command = nullptr;
  std::map<std::string, std::vector<std::string>, std::less<>> given;
  std::vector<std::string> operands;

  bool has(std::string_view name) const { return given.find(name) != given.end(); }
  // The last value given, or `otherwise`.
  std::string get(std::string_view name, std::string otherwise = {}) const;
  std::vector<std::string> all(std::string_view name) const;
};

// Reads `essaykit COMMAND args...` (argv[0] is the command's name). On a usage error
// returns the message (without the "essaykit COMMAND: " prefix).
struct ParseResult {
  Invocation invocation;
  std::string error;
};
ParseResult parse(const CommandSpec& command, int argc, char** argv);

// Checked values. Each returns nothing and sets `error` when the text is not one.
std::optional<std::uint64_t> parse_count(const OptionSpec& o, const std::string& text, std::string& error);
std::optional<double> parse_ratio(const OptionSpec& o, const std::string& text, std::string& error);
std::optional<std::pair<std::uint64_t, std::uint64_t>> parse_shard(const std::string& text, std::string& error);
const OptionSpec& option(std::string_view name);

// What a document command computes and prints, from its options: each command
// computes only what it prints.
enum class Output { outline, outline_json, outline_html, footnotes_json, footnotes_text, document_json, sentences_text,
                    sentences_json, claims_text, claims_json };
struct Plan {
  essaykit::Options analyze;  // what analyze() computes
  essaykit::JsonOptions json;
  Output output = Output::document_json;
  bool outline_claims = false;
  bool raw_sentences = false;  // sentences --raw: the splitter alone, no analyze()
};
// Precondition: the invocation parsed and checked (check() returned no error).
Plan plan(const Invocation& inv);

// The checks the table cannot express by itself: values of the right kind and range,
// conflicting options, operands present. Returns the message of the first problem.
std::string check(const Invocation& inv);

// --help of a command, and of essaykit itself.
std::string command_help(const CommandSpec& c);
std::string global_help();

// The man page (roff) and the shell completions, made from the tables; and the tables
// themselves as JSON (for tools). `what` is one of man, bash, zsh, fish, json.
std::optional<std::string> document(std::string_view what);

}  // namespace cli

#endif
