#include "NoBackoffCheck.h"

#include "Wording.h"

namespace retrylint {

const RuleInfo &NoBackoffCheck::rule() const {
  static const RuleInfo info{
      "retry-no-backoff",
      "RetryNoBackoff",
      "Retries immediately or after a constant delay",
      "A retry loop re-attempts with no delay, or after the same fixed delay every time. "
      "Against a dependency that is down, every failed request turns into a burst of calls "
      "within milliseconds, and clients that failed together keep retrying in lockstep.",
      Level::Warning,
      {"reliability", "retry", "backoff"},
      "high"};
  return info;
}

void NoBackoffCheck::check(const Program &program, std::vector<Finding> &out) const {
  for (const RetryLoop *loop : program.retryLoops) {
    const DelayShape &delay = loop->delay;
    if (delay.growth != GrowthKind::None && delay.growth != GrowthKind::Constant)
      continue;
    const AttemptBound &attempts = loop->attempts;
    if (attempts.kind == AttemptBound::Kind::Constant && attempts.count < 2)
      continue;
    bool bounded = attempts.kind == AttemptBound::Kind::Constant ||
                   (attempts.kind == AttemptBound::Kind::Symbolic && !attempts.effectivelyUnbounded);
    std::string title;
    if (!loop->reinvokes.empty()) {
      title = reinvocation(*loop);
      if (bounded)
        title += ", " + formatAttempts(attempts);
      if (delay.growth == GrowthKind::None)
        title += ": a failing dependency receives its calls back to back";
      else if (delay.jitter != JitterKind::None)
        title += " (jittered, but it never grows): retry load stays at its peak for as long as the "
                 "dependency is down";
      else
        title += ": clients that fail together retry together, in lockstep, for as long as the "
                 "dependency is down";
    } else if (delay.growth == GrowthKind::None) {
      title = bounded ? formatAttempts(attempts) + " with no delay: a failing dependency receives " +
                            callsPerRequest(attempts) + " back to back per request"
                      : "retries with no delay: a failing dependency receives calls as fast as "
                        "this thread can make them";
    } else if (delay.jitter != JitterKind::None) {
      title = formatAttempts(attempts) + " with a jittered but constant delay: it never grows, "
              "so retry load stays at its peak for as long as the dependency is down";
    } else {
      const SleepSite &sleep = loop->sleeps.front();
      std::string gap = sleep.scheduleMs.empty() ? "a constant delay"
                                                 : formatDuration(sleep.scheduleMs.front());
      if (sleep.policy)
        gap += " (" + policyLabel(*sleep.policy) + ")";
      title = formatAttempts(attempts) + " " + gap +
              " apart: clients that fail together retry together, in lockstep, for as long as "
              "the dependency is down";
    }
    out.push_back(finding(*loop, loop->loop, title,
                          "back off exponentially with full jitter: sleep "
                          "uniform(0, min(cap, base * 2^attempt)) between attempts"));
  }
  // A constant-delay policy no visible loop sleeps on: reported at its return.
  for (const DelayPolicy *p : program.delayPolicies) {
    if (p->consumed || !p->retryEvidence || p->shape.growth != GrowthKind::Constant)
      continue;
    std::string title = policyLabel(*p) + " " + policyDelays(*p);
    title += p->shape.jitter != JitterKind::None
                 ? " (jittered, but it never grows): retry load stays at its peak for as long as "
                   "the dependency is down"
                 : ": clients that fail together retry together, in lockstep, for as long as the "
                   "dependency is down";
    Finding f = finding(p->site, title,
                        "back off exponentially with full jitter: return "
                        "uniform(0, min(cap, base * 2^attempt))");
    f.confidence = toString(Confidence::Medium);
    out.push_back(std::move(f));
  }
}

} // namespace retrylint
