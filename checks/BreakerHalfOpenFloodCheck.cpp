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

/// "250 ms" when the interval is known, else the expression as written.
std::string limitText(const ProbeGuard &g) {
  if (g.limitMs >= 0)
    return formatDuration(g.limitMs);
  return g.limit.empty() ? std::string("its interval") : "`" + g.limit + "`";
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
      return v + " is compared with the clock (" + limitText(g) +
             ") but never advanced when a probe is admitted";
    return v + " is tested but nothing on the way to `" + operation + "` updates it";
  case GuardFlaw::NeverRejects:
    return "both outcomes of the " + (g.variable.empty() ? std::string("guard") : v) +
           " test reach `" + operation + "`";
  case GuardFlaw::UnlockedCheckThenUpdate:
    return v + " is tested and updated with no lock held across both and no atomic "
               "read-modify-write";
  case GuardFlaw::SeparateAtomicSteps:
    return v + " is read by one atomic operation and updated by another (concurrent callers "
               "all pass the test before any update lands)";
  case GuardFlaw::TimeWindow: // worded by the check itself
  case GuardFlaw::None:
    break;
  }
  return {};
}

/// "TryAdmit()" from "inventory::CircuitBreaker::TryAdmit".
std::string methodName(const std::string &qualified) {
  size_t colon = qualified.rfind("::");
  return (colon == std::string::npos ? qualified : qualified.substr(colon + 2)) + "()";
}

/// What the admitted caller does: "runs `fn()`", "gets `true` from `TryAdmit()`".
std::string admitted(const HalfOpenCall &c) {
  if (c.admission == AdmissionKind::AdmitReturn)
    return "gets `" + c.operation + "` from `" + methodName(c.functionName) + "`";
  return "runs `" + c.operation + "`";
}

/// "100 ms, doubling up to 30 s": the isolation times an isolation breaker's growth shows.
std::string isolationTimes(const Breaker &b) {
  if (!b.isolationGrowth)
    return {};
  const IsolationGrowth &g = *b.isolationGrowth;
  auto value = [&](double v) {
    if (g.unit == "ms")
      return formatDuration(v);
    if (g.unit == "s")
      return formatDuration(v * 1000);
    if (g.unit == "us")
      return formatDuration(v / 1000);
    return formatNumber(v);
  };
  std::string growth = g.multiplier == 2 ? "doubling" : "growing ×" + formatNumber(g.multiplier);
  if (g.multiplier <= 0)
    growth = "growing";
  std::string text = "`" + g.variable + "`" + (g.initialValue >= 0 ? ", " + value(g.initialValue) : "") +
                     ", " + growth;
  if (g.capValue >= 0)
    text += " up to " + value(g.capValue);
  else if (!g.cap.empty())
    text += " up to `" + g.cap + "`";
  return text;
}

/// An isolation breaker that readmits everyone when its flag clears.
Finding isolationEnd(const Breaker &b, const HalfOpenCall &c, Finding f) {
  std::string times = isolationTimes(b);
  if (times.empty() && c.entryWrite >= 0) {
    const BreakerStateWrite &w = b.stateWrites[c.entryWrite];
    if (w.cooldownMs >= 0)
      times = formatDuration(w.cooldownMs) + " timeout";
    else if (!w.cooldown.empty())
      times = "`" + w.cooldown + "` timeout";
  }
  f.title = "`" + methodName(c.functionName) + "` clears `" + b.stateField +
            "` and readmits every caller at once: `" + b.name +
            "` has no half-open state, so after each isolation" + (times.empty() ? "" : " (" + times + ")") +
            " there is no limit on trial calls, and under a backlog of N waiting callers the "
            "recovering dependency receives N calls at once";
  f.fixHint = "after the isolation admit one trial call (an atomic exchange on a probe flag, or a "
              "permit) and clear `" + b.stateField + "` only when it succeeds";
  return f;
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
      if (c.admission == AdmissionKind::IsolationEnd) {
        out.push_back(isolationEnd(*b, c, finding(c.call, "", "")));
        continue;
      }
      const BreakerStateWrite *entry = halfOpenEntry(*b, c);
      bool onPath = c.entryWrite >= 0;
      std::string move = entry ? (entry->fromStates.size() == 1 ? entry->fromStates.front() + " -> " : "-> ") +
                                     b->halfOpenState
                               : std::string();
      std::string title;
      const ProbeGuard *flawed = nullptr;
      for (const ProbeGuard &g : c.guards)
        if (!flawed && g.flaw != GuardFlaw::None)
          flawed = &g;
      bool window = flawed && flawed->flaw == GuardFlaw::TimeWindow;
      if (flawed && !window)
        title = flawText(*flawed, c.operation) + ", so ";
      if (title.empty() && onPath && entry->kind == StateWriteKind::CompareExchange)
        title = "the result of the " + move + " compare-exchange (line " +
                std::to_string(entry->span.line) + ") is ignored, so ";
      bool atomicStore = title.empty() && onPath &&
                         (entry->kind == StateWriteKind::AtomicStore || entry->kind == StateWriteKind::Exchange);
      if (atomicStore) {
        bool loaded = entry->fromStates.size() == 1;
        bool exchange = entry->kind == StateWriteKind::Exchange;
        std::string line = " (line " + std::to_string(entry->span.line) + ")";
        title = "`" + b->stateField + "` is atomic but " +
                (exchange ? (loaded ? "moves " + move : "is set to " + b->halfOpenState) + line +
                                " by an exchange whose old value does not decide who is admitted"
                 : loaded ? "moves " + move + line + " by a load and a store, not a compare-exchange"
                          : "is set to " + b->halfOpenState + line + " by a plain store, not a compare-exchange") +
                ", so every caller that " +
                (loaded ? "loaded " + entry->fromStates.front() : std::string("gets there"));
        if (entry->cooldownMs >= 0)
          title += " after the " + formatDuration(entry->cooldownMs) + " cooldown";
        else if (!entry->cooldown.empty())
          title += " after the `" + entry->cooldown + "` cooldown";
      } else if (window) {
        title = "every caller in the first " + limitText(*flawed) + " after `" + b->name +
                "` turns half-open" + (entry ? " (" + transition(*b, *entry) + ")" : "") + " " +
                admitted(c) + ": the window (`" + flawed->variable +
                "`) bounds time, not callers, so ";
      } else {
        if (flawed && flawed->flaw == GuardFlaw::NeverUpdated && flawed->kind == ProbeGuardKind::TimeGate)
          title += "after the first " + limitText(*flawed) + " ";
        title += "every caller that finds `" + b->name + "` half-open";
        if (entry)
          title += " (" + transition(*b, *entry) + ")";
      }
      if (!window)
        title += " " + admitted(c) + ": ";
      if (title.find(", so ") == std::string::npos && !atomicStore)
        title += "no limit on trial calls, so ";
      title += "under a backlog of N waiting callers the recovering dependency receives N probes at once";
      Finding f = finding(
          c.call, title,
          "admit one probe: compare-exchange " + b->openState + " -> " + b->halfOpenState +
              " (or take a permit) and " +
              (c.admission == AdmissionKind::AdmitReturn ? "refuse" : "return the open error to") +
              " every other caller until the probe completes");
      if (entry)
        f.notes.push_back({entry->span, "`" + b->name + "` becomes half-open here"});
      out.push_back(std::move(f));
    }
}

} // namespace retrylint
