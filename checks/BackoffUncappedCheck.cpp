#include "BackoffUncappedCheck.h"

#include "Wording.h"

#include <cmath>

namespace retrylint {
namespace {

/// Delays past this are reported even when the attempts are bounded: nobody means to make
/// a caller wait a minute between two attempts.
constexpr double LongestSensibleDelayMs = 60e3;

/// "`Backoff::Next` grows the delay ×2 per attempt with no cap: its 10th delay is 51.2 s, its
/// 20th 14.6 h".
std::string policyWithoutCap(const DelayPolicy &p) {
  std::string title = policyLabel(p) + " grows the delay";
  const DelayShape &shape = p.shape;
  if (shape.multiplier > 1)
    title += " ×" + formatNumber(shape.multiplier) + (p.perAttempt ? " per attempt" : " per call");
  title += " with no cap";
  if (!p.scheduleMs.empty() && shape.multiplier > 1)
    title += ": its 10th delay is " + formatDuration(p.scheduleMs.front() * std::pow(shape.multiplier, 9)) +
             ", its 20th " + formatDuration(p.scheduleMs.front() * std::pow(shape.multiplier, 19));
  return title;
}

} // namespace

const RuleInfo &BackoffUncappedCheck::rule() const {
  static const RuleInfo info{
      "retry-backoff-uncapped",
      "RetryBackoffUncapped",
      "Backoff grows with no upper bound",
      "The delay between attempts grows exponentially with nothing that caps it: after a "
      "long outage, callers wait minutes or hours before their next attempt, or the shift "
      "that computes the delay overflows.",
      Level::Warning,
      {"reliability", "retry", "backoff"},
      "high"};
  return info;
}

void BackoffUncappedCheck::check(const Program &program, std::vector<Finding> &out) const {
  for (const RetryLoop *loop : program.retryLoops) {
    const DelayShape &delay = loop->delay;
    // An overflowing shift is reported even under std::min: it wraps before the cap applies.
    if (delay.growth != GrowthKind::Exponential || delay.growthSpan.line == 0 ||
        (delay.capped && !delay.shiftOverflows))
      continue;
    const SleepSite &sleep = loop->sleeps.front();
    bool bounded = loop->attempts.kind == AttemptBound::Kind::Constant;
    double last = sleep.scheduleMs.empty() ? 0 : sleep.scheduleMs.back();
    std::string title;
    if (delay.shiftOverflows) {
      title = "the shift that grows the delay overflows its type before the last attempt (" +
              formatAttempts(loop->attempts) + "): undefined behaviour, then a zero or "
              "negative delay";
    } else if (sleep.policy) {
      // The policy's own schedule, not the loop's: which attempt number the loop passes is not
      // known here, and a small attempt bound may stop it early.
      if (bounded)
        continue;
      title = policyWithoutCap(*sleep.policy) + " (" + formatAttempts(loop->attempts) + ")";
    } else if (bounded && last >= LongestSensibleDelayMs) {
      title = "the delay reaches " + formatDuration(last) + " by the " +
              ordinal(static_cast<int64_t>(sleep.scheduleMs.size())) + " sleep with no cap";
    } else if (!bounded) {
      title = "the delay grows";
      if (delay.multiplier > 1)
        title += " ×" + formatNumber(delay.multiplier) + " per attempt";
      title += " with no cap";
      if (!sleep.scheduleMs.empty() && delay.multiplier > 1) {
        double first = sleep.scheduleMs.front();
        title += ": the 10th sleep is " + formatDuration(first * std::pow(delay.multiplier, 9)) +
                 ", the 20th " + formatDuration(first * std::pow(delay.multiplier, 19));
      }
      title += " (" + formatAttempts(loop->attempts) + ")";
    } else {
      continue; // a small constant bound already limits the largest delay
    }
    out.push_back(finding(*loop, delay.growthSpan, title,
                          "cap the delay: std::min(delay * 2, max_delay), with max_delay a few "
                          "seconds to a minute"));
  }
  // A policy no visible loop sleeps on: how many attempts it serves is not known.
  for (const DelayPolicy *p : program.delayPolicies) {
    const DelayShape &shape = p->shape;
    if (p->consumed || !p->retryEvidence || shape.growth != GrowthKind::Exponential ||
        shape.growthSpan.line == 0 || shape.capped)
      continue;
    Finding f = finding(shape.growthSpan, policyWithoutCap(*p),
                        "cap the delay: std::min(delay * 2, max_delay), with max_delay a few "
                        "seconds to a minute");
    f.confidence = toString(Confidence::Medium);
    out.push_back(std::move(f));
  }
}

} // namespace retrylint
