#include "UnboundedCheck.h"

#include "Wording.h"

namespace retrylint {

const RuleInfo &UnboundedCheck::rule() const {
  static const RuleInfo info{
      "retry-unbounded",
      "RetryUnbounded",
      "Retries with no attempt cap and no deadline",
      "A retry loop keeps trying until the operation succeeds. While the dependency is down, "
      "every caller stays in the loop and adds load, and no error ever reaches the caller's "
      "caller. Intentional reconnect loops can be silenced with NOLINT(retry-unbounded).",
      Level::Warning,
      {"reliability", "retry"},
      "high"};
  return info;
}

void UnboundedCheck::check(const Program &program, std::vector<Finding> &out) const {
  for (const RetryLoop *loop : program.retryLoops) {
    const AttemptBound &attempts = loop->attempts;
    bool effectively = attempts.kind == AttemptBound::Kind::Symbolic && attempts.effectivelyUnbounded;
    if (attempts.kind != AttemptBound::Kind::Unbounded && !effectively)
      continue;
    std::string title =
        effectively ? "effectively unbounded: `" + attempts.symbol + "` defaults to " +
                          attempts.defaultText +
                          ", so while the dependency is down every caller stays in this loop"
                    : "retries until success" +
                          (attempts.symbol.empty() ? std::string()
                                                   : " or until `" + attempts.symbol + "` stops it") +
                          " with no attempt cap and no deadline: while the dependency is down "
                          "every caller stays in this loop";
    if (!loop->reinvokes.empty())
      title = reinvocation(*loop) +
              (effectively ? ": `" + attempts.symbol + "` defaults to " + attempts.defaultText
                           : ", with no attempt cap and no deadline") +
              ": while the dependency is down every caller keeps retrying";
    else if (loop->sleeps.empty())
      title += ", calling it without pause";
    else if (loop->sleeps.front().unseen)
      title += ", waiting through `" + loop->sleeps.front().sleepCall + "` between attempts";
    else if (!loop->sleeps.front().scheduleMs.empty())
      title += ", sleeping " + formatSchedule(loop->sleeps.front().scheduleMs) + ", …";
    out.push_back(finding(*loop, loop->loop, title,
                          "bound the loop with a maximum number of attempts or a deadline and "
                          "return the error; for an intentional reconnect loop, add "
                          "// NOLINT(retry-unbounded)"));
  }
}

} // namespace retrylint
