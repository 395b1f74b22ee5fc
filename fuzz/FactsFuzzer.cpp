// libFuzzer harness: a facts file, as `retrylint link` reads one from a shard or a cache,
// through the loader, the link step (fan-out walk), every check and every report format.
// Crafted facts must be refused with a message or handled; never read out of bounds,
// loop for ever, or reach undefined behaviour.
#include "checks/Registry.h"
#include "facts/FactsJson.h"
#include "link/Program.h"
#include "link/Suppressions.h"
#include "report/ExplainBudgets.h"
#include "report/Report.h"

#include <sstream>

using namespace retrylint;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  // The reader `link` uses (simdjson, in place, fields looked for in the writer's order)
  // must refuse or read every input too. Not compared with nlohmann's: the two differ on
  // what they refuse (integers past 64 bits) and on which of two equal keys they take.
  std::string text(reinterpret_cast<const char *>(data), size);
  text.reserve(size + FactsTextPadding);
  try {
    tuFactsFromText(text);
  } catch (const std::exception &) {
  }
  nlohmann::json doc = nlohmann::json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded())
    return 0;
  TUFacts tu;
  try {
    tu = tuFactsFromJson(doc);
  } catch (const std::exception &) {
    return 0; // refused, with a message: what the loader must do with a bad file
  }
  std::string again = dumpJson(toJson(tu)); // the round trip must not throw either
  std::vector<TUFacts> tus{tu, tu};          // twice: the link dedupes across TUs
  tus[1].mainFile += ".other";
  Program program = linkFacts(std::move(tus));
  std::vector<const Check *> checks;
  for (const auto &c : allChecks())
    checks.push_back(c.get());
  std::vector<Finding> findings;
  for (const Check *c : checks)
    c->check(program, findings);
  applySuppressions(program, findings);
  sortFindings(findings);
  std::ostringstream out;
  Report report{program, findings, checks, "/"};
  writeText(report, out);
  writeSarif(report, out);
  writeJson(report, out);
  writeFanoutView(program, "/", out);
  writeBudgetExplanation(program, "/", out);
  return 0;
}
