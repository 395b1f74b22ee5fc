#include "BreakerUnsynchronizedStateCheck.h"

#include <algorithm>
#include <set>

namespace retrylint {
namespace {

/// Why the breaker's methods run concurrently, or empty when nothing says so.
std::string concurrencyEvidence(const Breaker &b) {
  if (!b.mutexes.empty())
    return "the class locks `" + b.mutexes.front() + "` elsewhere";
  if (!b.atomics.empty())
    return "the class keeps `" + b.atomics.front() + "` atomic elsewhere";
  if (!b.halfOpenCalls.empty())
    return "a breaker shared by all its callers, with no synchronisation at all";
  return {};
}

} // namespace

const RuleInfo &BreakerUnsynchronizedStateCheck::rule() const {
  static const RuleInfo info{
      "breaker-unsynchronized-state",
      "BreakerUnsynchronizedState",
      "Circuit breaker state written without a lock or an atomic",
      "A circuit breaker keeps its state in a plain member and writes it in a method that "
      "holds no lock and performs no atomic operation, while its callers run concurrently. "
      "Two callers that both see the breaker open both move it, a data race that can lose "
      "a trip or admit a flood. Make the state atomic and move it with compare-exchange, or "
      "take one mutex around every read and write.",
      Level::Warning,
      {"reliability", "circuit-breaker", "concurrency", "data-race"},
      "high"};
  return info;
}

void BreakerUnsynchronizedStateCheck::check(const Program &program, std::vector<Finding> &out) const {
  for (const Breaker *b : program.breakers) {
    if (b->stateAtomic || b->threadConfined)
      continue;
    std::string evidence = concurrencyEvidence(*b);
    if (evidence.empty())
      continue;
    // A helper that writes its parameter has one fact per state at the same write.
    std::set<std::pair<unsigned, unsigned>> unguarded, reported;
    for (const BreakerStateWrite &w : b->stateWrites)
      if (!w.unguardedVia.empty())
        unguarded.insert({w.span.line, w.span.column});
    for (const BreakerStateWrite &w : b->stateWrites) {
      if (w.unguardedVia.empty() || !reported.insert({w.span.line, w.span.column}).second)
        continue;
      bool several = std::count_if(b->stateWrites.begin(), b->stateWrites.end(), [&](const BreakerStateWrite &o) {
                       return o.span.line == w.span.line && o.span.column == w.span.column;
                     }) > 1;
      std::string title = "breaker state `" + b->stateField + "` (plain `" + b->stateType + "`) is " +
                          (w.toState.empty() || several ? "written" : "set to " + w.toState) +
                          " with no lock and no atomic operation, so concurrent callers of `" +
                          w.unguardedVia + "` race on it (" + evidence + "; " +
                          std::to_string(unguarded.size()) + (unguarded.size() == 1 ? " such write)" : " such writes)");
      out.push_back(finding(w.span, title,
                            "make `" + b->stateField + "` a std::atomic<" + b->stateType +
                                "> and move it with compare_exchange, or hold one mutex around "
                                "every read and write of it"));
    }
  }
}

} // namespace retrylint
