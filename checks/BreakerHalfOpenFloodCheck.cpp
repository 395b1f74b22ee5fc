#include "BreakerHalfOpenFloodCheck.h"

#include "Wording.h"

namespace retrylint {
namespace {

/// The write that made the state half-open on the worst path, or else any half-open entry
/// of the breaker (the caller found it half-open).
const BreakerStateWrite *halfOpenEntry(const Breaker &b, const HalfOpenCall &c) {
  if (c.entryWrite >= 0)
    return &b.stateWrites[c.entryWrite];
  for (const BreakerStateWrite &w : b.stateWrites)
    if (w.toState == b.halfOpenState)
      return &w;
  return nullptr;
}

/// "kOpen -> kHalfOpen at line 25, after the 30 s cooldown"
std::string transition(const Breaker &b, const BreakerStateWrite &w) {
  std::string text = (w.fromStates.size() == 1 ? w.fromStates.front() + " -> " : "-> ") +
                     b.halfOpenState + " at line " + std::to_string(w.span.line);
  if (w.cooldownMs >= 0)
    text += ", after the " + formatDuration(w.cooldownMs) + " cooldown";
  else if (!w.cooldown.empty())
    text += ", after the `" + w.cooldown + "` cooldown";
  return text;
}

/// Why the guard on the path admits everyone: "`half_open_calls_` counts callers but is
/// never compared with a limit".
std::string flawText(const ProbeGuard &g, const std::string &operation) {
  std::string v = "`" + g.variable + "`";
  switch (g.flaw) {
  case GuardFlaw::NeverCompared:
    return v + " counts callers but is never compared with a limit";
  case GuardFlaw::NeverUpdated:
    if (g.kind == ProbeGuardKind::TimeGate)
      return v + " is compared with the clock but never advanced when a probe is admitted";
    return v + " is tested but nothing on the way to `" + operation + "` updates it";
  case GuardFlaw::NeverRejects:
    return "both outcomes of the " + (g.variable.empty() ? std::string("guard") : v) +
           " test reach `" + operation + "`";
  case GuardFlaw::UnlockedCheckThenUpdate:
    return v + " is tested and updated with no lock held across both and no atomic "
               "read-modify-write";
  case GuardFlaw::None:
    break;
  }
  return {};
}

} // namespace

const RuleInfo &BreakerHalfOpenFloodCheck::rule() const {
  static const RuleInfo info{
      "breaker-half-open-flood",
      "BreakerHalfOpenFlood",
      "Half-open circuit breaker admits every caller",
      "A circuit breaker runs its protected call for every caller that finds it half-open, "
      "with no guard that bounds how many are admitted. When the cooldown ends, the whole "
      "backlog of waiting callers reaches a dependency that is still recovering. Admit one "
      "probe (a compare-exchange from open to half-open, or a permit) and fail the rest fast.",
      Level::Warning,
      {"reliability", "circuit-breaker", "thundering-herd", "concurrency"},
      "high"};
  return info;
}

void BreakerHalfOpenFloodCheck::check(const Program &program, std::vector<Finding> &out) const {
  for (const Breaker *b : program.breakers)
    for (const HalfOpenCall &c : b->halfOpenCalls) {
      if (c.bounded)
        continue;
      const BreakerStateWrite *entry = halfOpenEntry(*b, c);
      bool onPath = c.entryWrite >= 0;
      std::string move = entry ? (entry->fromStates.size() == 1 ? entry->fromStates.front() + " -> " : "-> ") +
                                     b->halfOpenState
                               : std::string();
      std::string title;
      for (const ProbeGuard &g : c.guards)
        if (title.empty() && g.flaw != GuardFlaw::None)
          title = flawText(g, c.operation) + ", so ";
      if (title.empty() && onPath && entry->kind == StateWriteKind::CompareExchange)
        title = "the result of the " + move + " compare-exchange (line " +
                std::to_string(entry->span.line) + ") is ignored, so ";
      if (title.empty() && onPath && entry->kind == StateWriteKind::AtomicStore) {
        bool loaded = entry->fromStates.size() == 1;
        title = "`" + b->stateField + "` is atomic but " +
                (loaded ? "moves " + move + " (line " + std::to_string(entry->span.line) +
                              ") by a load and a store"
                        : "is set to " + b->halfOpenState + " (line " +
                              std::to_string(entry->span.line) + ") by a plain store") +
                ", not a compare-exchange, so every caller that " +
                (loaded ? "loaded " + entry->fromStates.front() : std::string("gets there"));
        if (entry->cooldownMs >= 0)
          title += " after the " + formatDuration(entry->cooldownMs) + " cooldown";
        else if (!entry->cooldown.empty())
          title += " after the `" + entry->cooldown + "` cooldown";
      } else {
        title += "every caller that finds `" + b->name + "` half-open";
        if (entry)
          title += " (" + transition(*b, *entry) + ")";
      }
      title += " runs `" + c.operation +
               "`: under a backlog of N waiting callers the recovering dependency receives N "
               "probes at once";
      Finding f = finding(
          c.call, title,
          "admit one probe: compare-exchange " + b->openState + " -> " + b->halfOpenState +
              " (or take a permit) and return the open error to every other caller until the "
              "probe completes");
      if (entry)
        f.notes.push_back({entry->span, "`" + b->name + "` becomes half-open here"});
      out.push_back(std::move(f));
    }
}

} // namespace retrylint
