#include "SleepAfterFinalAttemptCheck.h"

#include "Wording.h"

namespace retrylint {

const RuleInfo &SleepAfterFinalAttemptCheck::rule() const {
  static const RuleInfo info{
      "retry-sleep-after-final-attempt",
      "RetrySleepAfterFinalAttempt",
      "Sleeps after the last attempt has failed",
      "The loop sleeps after every failure, including the last one, so the caller receives "
      "the final error only after one more backoff delay that precedes no attempt.",
      Level::Note,
      {"reliability", "retry", "latency"},
      "high"};
  return info;
}

void SleepAfterFinalAttemptCheck::check(const Program &program, std::vector<Finding> &out) const {
  for (const RetryLoop *loop : program.retryLoops) {
    // A wait whose delay is not visible may not wait at all: no claim about it.
    if (!loop->sleepsAfterFinalAttempt || loop->sleeps.empty() || loop->sleeps.front().unseen ||
        (loop->attempts.kind == AttemptBound::Kind::Constant && loop->attempts.count < 2))
      continue;
    const SleepSite &sleep = loop->sleeps.front();
    std::string title;
    if (!sleep.scheduleMs.empty() && loop->attempts.kind == AttemptBound::Kind::Constant)
      title = "sleeps " + formatDuration(sleep.scheduleMs.back()) + " after the " +
              ordinal(loop->attempts.count) + " and final attempt fails: the caller gets the "
              "error " + formatDuration(sleep.scheduleMs.back()) + " late";
    else
      title = "sleeps after the final attempt fails: the caller gets the error one backoff "
              "delay late";
    out.push_back(finding(*loop, sleep.span, title,
                          "sleep only when another attempt follows, e.g. "
                          "if (attempt + 1 < max_attempts)"));
  }
}

} // namespace retrylint
