#include "BackoffUncappedCheck.h"

#include "Wording.h"

#include <cmath>

namespace retrylint {
namespace {

/// Delays past this are reported even when the attempts are bounded: nobody means to make
/// a caller wait a minute between two attempts.
constexpr double LongestSensibleDelayMs = 60e3;

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
}

} // namespace retrylint
