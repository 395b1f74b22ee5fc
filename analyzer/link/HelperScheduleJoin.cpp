#include "link/HelperScheduleJoin.h"

#include <map>
#include <string>
#include <tuple>

namespace retrylint {
namespace {

/// The site waits as the helper does: the helper's sleep (its delay policy, if any, is joined
/// after this), and its bound when the site saw none of its own (the frontend took a helper
/// named like a retrier for one that may count attempts: its facts now say).
void adoptSchedule(RetryLoop &site, const HelperSchedule &h) {
  site.sleeps = {h.sleep};
  site.delay = h.delay;
  site.evidence.waits = true;
  if ((site.attempts.kind == AttemptBound::Kind::Unbounded || site.attempts.kind == AttemptBound::Kind::Unknown) &&
      h.attempts.kind != AttemptBound::Kind::Unbounded) {
    site.attempts = h.attempts;
    site.evidence.bounded = true;
  }
  site.scheduledThrough = {};
}

} // namespace

void joinHelperSchedules(std::vector<TUFacts> &tus) {
  std::map<std::tuple<std::string, int, std::string>, const HelperSchedule *> byMethod;
  for (const TUFacts &tu : tus)
    for (const HelperSchedule &h : tu.helperSchedules)
      byMethod.emplace(std::make_tuple(h.helperUsr, h.param, h.methodUsr), &h);
  for (TUFacts &tu : tus) {
    std::vector<int> renumbered(tu.retryLoops.size(), -1);
    std::vector<RetryLoop> kept;
    for (size_t i = 0; i < tu.retryLoops.size(); ++i) {
      RetryLoop &site = tu.retryLoops[i];
      const ScheduledThrough &through = site.scheduledThrough;
      if (!through.helperUsr.empty()) {
        const HelperSchedule *h = nullptr;
        for (const std::string &method : through.methodUsrs)
          if (auto it = byMethod.find(std::make_tuple(through.helperUsr, through.param, method));
              !h && it != byMethod.end())
            h = it->second;
        if (!h)
          continue;
        adoptSchedule(site, *h);
      }
      renumbered[i] = static_cast<int>(kept.size());
      kept.push_back(std::move(site));
    }
    tu.retryLoops = std::move(kept);
    for (FunctionSummary &f : tu.functions)
      for (CallEdge &call : f.calls)
        if (call.retryLoop >= 0)
          call.retryLoop = renumbered[call.retryLoop];
  }
}

} // namespace retrylint
