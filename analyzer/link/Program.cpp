#include "link/Program.h"
#include "facts/Finding.h"
#include "link/DelayPolicyJoin.h"
#include "link/HelperScheduleJoin.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringRef.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <tuple>

namespace retrylint {

bool Program::complete() const {
  return std::all_of(tus.begin(), tus.end(), [](const TUFacts &tu) { return tu.complete; });
}

namespace {

/// A loop that calls a function defined in another TU that sleeps or waits waits through
/// it: its delay is unknown, never "no delay".
void addWaitsThroughOtherTUs(std::vector<TUFacts> &tus) {
  llvm::DenseSet<llvm::StringRef> waiting; // the USRs stay in the facts: no copy each
  for (const TUFacts &tu : tus)
    for (const FunctionSummary &f : tu.functions)
      if (f.waits)
        waiting.insert(f.usr);
  for (TUFacts &tu : tus)
    for (RetryLoop &loop : tu.retryLoops)
      for (const OpaqueCall &call : loop.opaqueCalls)
        if (waiting.count(call.usr)) {
          SleepSite wait;
          wait.span = call.span;
          wait.sleepCall = call.name;
          wait.unseen = true;
          loop.sleeps.push_back(wait);
          loop.evidence.waits = true;
          if (loop.delay.growth == GrowthKind::None)
            loop.delay.growth = GrowthKind::Unknown;
        }
}

} // namespace

Program linkFacts(std::vector<TUFacts> tus, const LinkOptions &options) {
  Program program;
  program.tus = std::move(tus);
  std::sort(program.tus.begin(), program.tus.end(),
            [](const TUFacts &a, const TUFacts &b) { return a.mainFile < b.mainFile; });
  joinHelperSchedules(program.tus);
  addWaitsThroughOtherTUs(program.tus);
  program.delayPolicies = joinDelayPolicies(program.tus);
  // A policy reported on its own carries medium confidence: below the threshold it is not.
  if (options.minConfidence > Confidence::Medium)
    program.delayPolicies.erase(std::remove_if(program.delayPolicies.begin(), program.delayPolicies.end(),
                                               [](const DelayPolicy *p) { return !p->consumed; }),
                                program.delayPolicies.end());
  std::map<std::tuple<std::string, unsigned, unsigned>, RetryLoop *> seen;
  for (TUFacts &tu : program.tus)
    for (RetryLoop &loop : tu.retryLoops) {
      loop.confidence = confidenceOf(loop.evidence);
      loop.reported = loop.confidence >= options.minConfidence;
      if (!loop.reported)
        continue;
      auto [it, first] = seen.emplace(std::make_tuple(loop.loop.file, loop.loop.line, loop.loop.column), &loop);
      if (first) {
        program.retryLoops.push_back(&loop);
      } else if (loop.attempts.effectivelyUnbounded && !it->second->attempts.effectivelyUnbounded) {
        // A header's loop seen by several TUs: the one whose TU holds the constructor that
        // sets the bound's default knows it.
        it->second->attempts = loop.attempts;
      }
    }
  std::set<std::tuple<std::string, unsigned, unsigned>> seenBreakers;
  for (const TUFacts &tu : program.tus)
    for (const Breaker &b : tu.breakers)
      if (seenBreakers.emplace(b.decl.file, b.decl.line, b.decl.column).second)
        program.breakers.push_back(&b);
  // By USR and place: two programs' classes of one name are two budgets.
  std::map<std::tuple<std::string, std::string, unsigned, unsigned>, size_t> budgetIndex;
  for (const TUFacts &tu : program.tus)
    for (const Budget &b : tu.budgets) {
      auto key = std::make_tuple(b.usr, b.decl.file, b.decl.line, b.decl.column);
      auto [it, added] = budgetIndex.emplace(key, program.budgets.size());
      if (added)
        program.budgets.push_back(b);
      mergeBudget(program.budgets[it->second], b);
    }
  std::sort(program.budgets.begin(), program.budgets.end(), [](const Budget &a, const Budget &b) {
    return std::tie(a.decl.file, a.decl.line, a.decl.column, a.usr) <
           std::tie(b.decl.file, b.decl.line, b.decl.column, b.usr);
  });
  std::set<std::tuple<std::string, unsigned, unsigned>> seenComments;
  for (const TUFacts &tu : program.tus)
    for (const Suppression &s : tu.suppressions)
      if (seenComments.emplace(s.file, s.line, s.column).second)
        program.suppressions.push_back(&s);
  std::sort(program.suppressions.begin(), program.suppressions.end(),
            [](const Suppression *a, const Suppression *b) {
              return std::tie(a->file, a->line, a->column) < std::tie(b->file, b->line, b->column);
            });
  program.fanout = computeFanout(program.tus, program.budgets);
  return program;
}

const char *toString(Level level) {
  switch (level) {
  case Level::Note: return "note";
  case Level::Warning: return "warning";
  case Level::Error: return "error";
  }
  return "warning";
}

namespace {
auto reportKey(const Finding &f) {
  return std::tie(f.span.file, f.span.line, f.span.column, f.ruleId, f.title);
}
} // namespace

bool reportedBefore(const Finding &a, const Finding &b) { return reportKey(a) < reportKey(b); }

void sortFindings(std::vector<Finding> &findings) {
  // Sorts positions, then moves each finding once: a Finding is large, and a program of a
  // million functions has a hundred thousand of them.
  std::vector<size_t> order(findings.size());
  std::iota(order.begin(), order.end(), size_t(0));
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return reportedBefore(findings[a], findings[b]); });
  std::vector<Finding> sorted;
  sorted.reserve(findings.size());
  for (size_t i : order)
    if (sorted.empty() || reportKey(sorted.back()) != reportKey(findings[i]))
      sorted.push_back(std::move(findings[i]));
  findings = std::move(sorted);
}

} // namespace retrylint
