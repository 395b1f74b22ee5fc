#include "BackoffNoJitterCheck.h"

#include "BreakerIsolationGrowth.h"
#include "Wording.h"

namespace retrylint {

const RuleInfo &BackoffNoJitterCheck::rule() const {
  static const RuleInfo info{
      "retry-backoff-no-jitter",
      "RetryBackoffNoJitter",
      "Backoff delay grows but has no jitter",
      "A retry loop sleeps a growing delay (exponential or linear) with no randomness. Clients "
      "that failed together retry together, so the dependency receives synchronised spikes "
      "at the same offsets after every failure. Full jitter, sleep = uniform(0, delay), "
      "spreads them.",
      Level::Warning,
      {"reliability", "retry", "thundering-herd"},
      "high"};
  return info;
}

void BackoffNoJitterCheck::check(const Program &program, std::vector<Finding> &out) const {
  for (const RetryLoop *loop : program.retryLoops) {
    const DelayShape &delay = loop->delay;
    bool grows = delay.growth == GrowthKind::Exponential || delay.growth == GrowthKind::Linear;
    if (!grows || delay.jitter != JitterKind::None || loop->sleeps.empty())
      continue;
    const SleepSite &sleep = loop->sleeps.front();
    std::string title;
    if (!loop->reinvokes.empty()) {
      title = "re-schedules `" + loop->reinvokes + "` on failure after ";
      if (sleep.policy)
        title += policyLabel(*sleep.policy) + ", which " + policyDelays(*sleep.policy) + ",";
      else if (!sleep.scheduleMs.empty())
        title += formatSchedule(sleep.scheduleMs) + ", …";
      else
        title += "a delay that grows" + growthManner(delay);
    } else if (sleep.policy) {
      bool known = loop->attempts.kind == AttemptBound::Kind::Constant;
      title = (known ? formatAttempts(loop->attempts) + " sleep on " : "sleeps on ") +
              policyLabel(*sleep.policy) + ", which " + policyDelays(*sleep.policy) + ",";
    } else if (!sleep.scheduleMs.empty()) {
      bool known = loop->attempts.kind == AttemptBound::Kind::Constant;
      title = (known ? formatAttempts(loop->attempts) + " sleep " : "sleeps ") +
              formatSchedule(sleep.scheduleMs) + (known ? "" : ", … (" + formatAttempts(loop->attempts) + ")");
    } else {
      title = "the delay grows" + growthManner(delay) + " per attempt";
    }
    title += " with no jitter; clients that fail together retry together";
    Finding f = finding(*loop, sleep.span, title,
                        "use full jitter: sleep uniform(0, delay) so retries spread over the "
                        "whole interval");
    if (sleep.jitterFix)
      f.fixes.push_back(*sleep.jitterFix);
    out.push_back(std::move(f));
  }
  // A policy no visible loop sleeps on (a library's strategy class): reported at its return.
  for (const DelayPolicy *p : program.delayPolicies) {
    bool grows = p->shape.growth == GrowthKind::Exponential || p->shape.growth == GrowthKind::Linear;
    if (p->consumed || !p->retryEvidence || !grows || p->shape.jitter != JitterKind::None)
      continue;
    Finding f = finding(p->site, policyLabel(*p) + " " + policyDelays(*p) +
                                     " with no jitter; clients that fail together retry together",
                        "use full jitter: return uniform(0, delay) so retries spread over the "
                        "whole interval");
    f.confidence = toString(Confidence::Medium);
    out.push_back(std::move(f));
  }
  reportIsolationWithoutJitter(program, rule(), out);
}

} // namespace retrylint
