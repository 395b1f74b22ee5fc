#include "Wording.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace retrylint {

std::string formatNumber(double value) {
  char buf[32];
  if (std::fabs(value - std::round(value)) < 1e-9)
    std::snprintf(buf, sizeof buf, "%.0f", value);
  else
    std::snprintf(buf, sizeof buf, "%.3g", value);
  return buf;
}

std::string formatSchedule(const std::vector<double> &delaysMs) {
  if (delaysMs.empty())
    return {};
  bool seconds = std::all_of(delaysMs.begin(), delaysMs.end(), [](double d) { return d >= 10000; });
  double scale = seconds ? 1e-3 : 1.0;
  std::vector<std::string> parts;
  const size_t Head = 5, Tail = 1;
  for (size_t i = 0; i < delaysMs.size(); ++i) {
    if (delaysMs.size() > Head + Tail + 1 && i == Head) {
      parts.push_back("…");
      i = delaysMs.size() - Tail - 1;
      continue;
    }
    parts.push_back(formatNumber(delaysMs[i] * scale));
  }
  std::string text;
  for (const std::string &p : parts)
    text += (text.empty() ? "" : ", ") + p;
  return text + (seconds ? " s" : " ms");
}

std::string formatAttempts(const AttemptBound &bound) {
  switch (bound.kind) {
  case AttemptBound::Kind::Constant:
    return std::to_string(bound.count) + (bound.count == 1 ? " attempt" : " attempts");
  case AttemptBound::Kind::Symbolic:
    if (bound.effectivelyUnbounded)
      return "up to `" + bound.symbol + "` attempts (" + bound.defaultText + " by default)";
    if (!bound.exact)
      return "attempts bounded by `" + bound.symbol + "`";
    return "up to " + symbolicCount(bound) + " attempts";
  case AttemptBound::Kind::Deadline:
    return "attempts until a deadline";
  case AttemptBound::Kind::Unbounded:
    return "unbounded attempts";
  case AttemptBound::Kind::UntilStopped:
    return "attempts until `" + bound.symbol + "` stops the loop";
  case AttemptBound::Kind::Unknown:
    break;
  }
  return "the attempts";
}

std::string formatDuration(double ms) {
  if (ms < 1000)
    return formatNumber(ms) + " ms";
  if (ms < 60e3)
    return formatNumber(ms / 1e3) + " s";
  if (ms < 3600e3)
    return formatNumber(ms / 60e3) + " min";
  if (ms < 86400e3)
    return formatNumber(ms / 3600e3) + " h";
  return formatNumber(ms / 86400e3) + " days";
}

std::string ordinal(int64_t n) {
  const char *suffix = "th";
  if (n % 100 < 11 || n % 100 > 13) {
    if (n % 10 == 1) suffix = "st";
    else if (n % 10 == 2) suffix = "nd";
    else if (n % 10 == 3) suffix = "rd";
  }
  return std::to_string(n) + suffix;
}

std::string symbolicCount(const AttemptBound &bound) {
  if (bound.offset == 0)
    return bound.symbol;
  return bound.symbol + (bound.offset > 0 ? " + " : " - ") +
         std::to_string(bound.offset > 0 ? bound.offset : -bound.offset);
}

std::string policyLabel(const DelayPolicy &p) { return "`" + p.name + "`"; }

std::string policyDelays(const DelayPolicy &p) {
  const DelayShape &shape = p.shape;
  if (shape.growth == GrowthKind::Constant)
    return p.scheduleMs.empty() ? "gives the same delay every time"
                                : "gives the same " + formatDuration(p.scheduleMs.front()) + " every time";
  if (!p.scheduleMs.empty()) {
    std::string text = "gives " + formatSchedule(p.scheduleMs);
    if (p.perAttempt)
      text += " for attempt " + std::to_string(p.firstAttempt) + ", " + std::to_string(p.firstAttempt + 1) +
              ", " + std::to_string(p.firstAttempt + 2) + ", …";
    else if (p.stateful)
      text += p.kind == DelayPolicy::Kind::Member ? " as it grows" : " on successive calls";
    return text;
  }
  std::string text = "grows the delay";
  if (shape.growthByBranch)
    return text + growthManner(shape) + (p.perAttempt ? " per attempt" : " per call") +
           ", depending on a branch taken at run time";
  return text + growthManner(shape) + (p.perAttempt ? " per attempt" : " per call");
}

std::string growthManner(const DelayShape &shape) {
  if (shape.growthByBranch)
    return " linearly or exponentially";
  if (shape.growth == GrowthKind::Exponential && shape.multiplier > 0)
    return " ×" + formatNumber(shape.multiplier);
  return shape.growth == GrowthKind::Linear ? " linearly" : " exponentially";
}

std::string reinvocation(const RetryLoop &site) {
  std::string name = "`" + site.reinvokes + "`";
  if (site.sleeps.empty())
    return "re-invokes " + name + " on failure with no delay";
  const SleepSite &sleep = site.sleeps.front();
  std::string lead = "re-schedules " + name + " on failure";
  if (sleep.policy)
    return lead + " after " + policyLabel(*sleep.policy);
  if (site.delay.growth == GrowthKind::Constant)
    return lead + " after a constant " +
           (sleep.scheduleMs.empty() ? std::string("delay") : formatDuration(sleep.scheduleMs.front()));
  return lead + " through `" + sleep.sleepCall + "`";
}

std::string callsPerRequest(const AttemptBound &bound) {
  switch (bound.kind) {
  case AttemptBound::Kind::Constant:
    return std::to_string(bound.count) + (bound.count == 1 ? " call" : " calls");
  case AttemptBound::Kind::Symbolic:
    if (bound.effectivelyUnbounded)
      return "unbounded calls (`" + bound.symbol + "` defaults to " + bound.defaultText + ")";
    if (!bound.exact)
      return "a number of calls bounded by `" + bound.symbol + "`";
    return symbolicCount(bound) + " calls";
  case AttemptBound::Kind::Deadline:
    return "as many calls as fit before the deadline";
  case AttemptBound::Kind::Unbounded:
    return "unbounded calls";
  case AttemptBound::Kind::UntilStopped:
    return "calls until `" + bound.symbol + "` stops the loop";
  case AttemptBound::Kind::Unknown:
    break;
  }
  return "several calls";
}

} // namespace retrylint
