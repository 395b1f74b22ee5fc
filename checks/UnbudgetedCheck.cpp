#include "UnbudgetedCheck.h"

#include "Wording.h"

namespace retrylint {

const RuleInfo &UnbudgetedCheck::rule() const {
  static const RuleInfo info{
      "retry-unbudgeted",
      "RetryUnbudgeted",
      "Retry loop consults no retry budget",
      "Nothing limits how many retries the process sends as a whole: under a full outage "
      "every request multiplies into as many calls as the loop attempts. A token-bucket "
      "retry budget (+0.1 token per request, 1 token per retry) caps retries at about 10% of "
      "requests, so load stays near 1.1x.",
      Level::Warning,
      {"reliability", "retry", "retry-budget"},
      "medium"};
  return info;
}

void UnbudgetedCheck::check(const Program &program, std::vector<Finding> &out) const {
  for (const RetryLoop *loop : program.retryLoops) {
    // A budget asked by name, or a recognised budget's predicate or helper (from any TU).
    if (!loop->budgetCall.empty() || budgetConsultedBy(program.budgets, loop->retryGateUsrs))
      continue;
    const AttemptBound &attempts = loop->attempts;
    if (attempts.kind == AttemptBound::Kind::Constant && attempts.count < 2)
      continue;
    // A worker that runs until it is stopped is not a cost per request.
    if (attempts.kind == AttemptBound::Kind::UntilStopped)
      continue;
    std::string load = attempts.kind == AttemptBound::Kind::Constant
                           ? " (" + std::to_string(attempts.count) + "× load)"
                           : "";
    std::string lead = loop->reinvokes.empty() ? "" : reinvocation(*loop) + ": ";
    out.push_back(finding(*loop, loop->loop,
                          lead + "under a full outage each request costs " + callsPerRequest(attempts) +
                              load + " and no retry budget limits it; a budget would cap load "
                              "near 1.1×",
                          "consult a retry budget before each retry: a token bucket credited "
                          "+0.1 per request and charged 1 per retry allows retries of about 10% "
                          "of requests"));
  }
}

} // namespace retrylint
