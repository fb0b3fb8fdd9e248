// The claims pass through the public API: which sentences are claims, which the thesis.
#include "helpers.h"

using essaykit::slice;

namespace {
std::vector<std::string> theses(const essaykit::Document& d, std::string_view in) {
  std::vector<std::string> out;
  for (const auto& c : d.claims)
    if (c.kind == essaykit::ClaimKind::thesis) out.emplace_back(slice(in, c.span));
  return out;
}
}  // namespace

TEST_CASE("an essay that argues has a thesis even when its opening carries no cue") {
  // Both opening sentences hold a figure (evidence-like), so neither clears the claim
  // threshold on its own; the body argues, so the opening's strongest statement is the
  // position, and the conclusion's opening restates it.
  const std::string in =
      "Fire Drills\n\n"
      "The only fire drill at our school in 2019 was in March. One drill in 12 months is too little practice for an "
      "emergency.\n\n"
      "Schools should hold a drill every term because practice is what people fall back on in a panic. Pupils who "
      "have walked the route before do not have to think about it.\n\n"
      "A drill also shows teachers where the plan fails. Doors that stick and lists that are out of date only show up "
      "when people actually move.\n\n"
      "In conclusion, every school should practise its fire plan each term, not once a year.\n";
  auto d = test::text(in);
  CHECK(theses(d, in) == std::vector<std::string>{
                             "One drill in 12 months is too little practice for an emergency.",
                             "In conclusion, every school should practise its fire plan each term, not once a year."});
}

TEST_CASE("a text that makes no claim has no thesis") {
  const std::string in = "Notes\n\nThe printer on the second floor was fixed at 3 pm on Tuesday, 12 May.\n";
  auto d = test::text(in);
  CHECK(d.claims.empty());
}
