// The CLI's plan: each command computes only what it prints.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "options.h"

namespace {

// The command line parsed (it must parse: the tests ask what comes after).
cli::Invocation invocation_of(std::vector<std::string> args) {
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  const cli::CommandSpec* c = cli::find_command(args[0]);
  REQUIRE(c);
  cli::ParseResult r = cli::parse(*c, static_cast<int>(argv.size()), argv.data());
  REQUIRE(r.error.empty());
  return r.invocation;
}

cli::Plan plan_of(std::vector<std::string> args) {
  const cli::Invocation inv = invocation_of(std::move(args));
  REQUIRE(cli::check(inv).empty());
  return cli::plan(inv);
}

}  // namespace

TEST_CASE("a command computes only what it prints") {
  // Claims only where they are shown; sentence spans only where they are listed.
  CHECK_FALSE(plan_of({"footnotes", "x"}).analyze.claims);
  CHECK_FALSE(plan_of({"footnotes", "--text", "x"}).analyze.claims);
  CHECK_FALSE(plan_of({"footnotes", "x"}).analyze.sentences);
  CHECK_FALSE(plan_of({"sentences", "x"}).analyze.claims);
  CHECK(plan_of({"sentences", "x"}).analyze.sentences);
  CHECK_FALSE(plan_of({"outline", "x"}).analyze.claims);
  CHECK_FALSE(plan_of({"outline", "--json", "x"}).analyze.claims);
  CHECK(plan_of({"outline", "--claims", "x"}).analyze.claims);
  CHECK(plan_of({"outline", "--html", "x"}).analyze.claims);  // the map shades every claim
  CHECK_FALSE(plan_of({"outline", "--html", "x"}).analyze.sentences);
  CHECK(plan_of({"claims", "x"}).analyze.claims);
  CHECK_FALSE(plan_of({"claims", "x"}).analyze.sentences);
  CHECK(plan_of({"analyze", "x"}).analyze.claims);
  CHECK_FALSE(plan_of({"analyze", "--no-claims", "x"}).analyze.claims);
  CHECK_FALSE(plan_of({"analyze", "x"}).analyze.sentences);
  CHECK(plan_of({"analyze", "--sentences", "x"}).analyze.sentences);
  CHECK(plan_of({"batch", "x"}).analyze.claims);
}

TEST_CASE("what each command prints by default, and with --json, --pretty or --text") {
  using cli::Output;
  CHECK(plan_of({"outline", "x"}).output == Output::outline);
  CHECK(plan_of({"outline", "--pretty", "x"}).output == Output::outline_json);
  CHECK(plan_of({"outline", "--pretty", "x"}).json.pretty);
  CHECK(plan_of({"outline", "--html", "x"}).output == Output::outline_html);
  CHECK(plan_of({"footnotes", "x"}).output == Output::footnotes_json);
  CHECK(plan_of({"footnotes", "--text", "x"}).output == Output::footnotes_text);
  CHECK(plan_of({"sentences", "x"}).output == Output::sentences_text);
  CHECK(plan_of({"sentences", "--json", "x"}).output == Output::sentences_json);
  CHECK(plan_of({"claims", "x"}).output == Output::claims_text);
  CHECK(plan_of({"claims", "--json", "x"}).output == Output::claims_json);
  CHECK(plan_of({"analyze", "x"}).output == Output::document_json);
  CHECK(plan_of({"analyze", "--from", "text", "x"}).analyze.format == essaykit::Format::text);
}

namespace {

// The usage error check() finds in a command line, or "" when it has none.
std::string problem_of(std::vector<std::string> args) { return cli::check(invocation_of(std::move(args))); }

}  // namespace

TEST_CASE("'-' named twice is a usage error in every command that takes several inputs") {
  // Standard input can be read once: the second '-' would read an empty document.
  for (const char* command : {"analyze", "outline", "footnotes", "sentences", "claims", "batch"}) {
    CAPTURE(command);
    CHECK(problem_of({command, "-"}).empty());
    CHECK(problem_of({command, "-", "x"}).empty());
    const std::string twice = problem_of({command, "-", "x", "-"});
    CHECK(twice.find("'-'") != std::string::npos);
    CHECK(twice.find("more than once") != std::string::npos);
    CHECK_FALSE(problem_of({command, "--", "-", "-"}).empty());
  }
  CHECK_FALSE(problem_of({"sentences", "--raw", "-", "-"}).empty());
  CHECK_FALSE(problem_of({"batch", "-o", "out.jsonl", "-", "-"}).empty());
}
