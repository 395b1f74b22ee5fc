#include "link/DelayPolicyJoin.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>

namespace retrylint {
namespace {

/// The policies a call of `usr` may run: the policy of that USR, and every policy that
/// overrides it, directly or through an intermediate override.
std::set<std::string> reachedBy(const std::string &usr, const std::map<std::string, DelayPolicy *> &byUsr,
                                const std::multimap<std::string, std::string> &overriders) {
  std::set<std::string> out, seen{usr};
  std::vector<std::string> work{usr};
  while (!work.empty()) {
    std::string u = work.back();
    work.pop_back();
    if (byUsr.count(u))
      out.insert(u);
    auto [lo, hi] = overriders.equal_range(u);
    for (auto it = lo; it != hi; ++it)
      if (seen.insert(it->second).second)
        work.push_back(it->second);
  }
  return out;
}

/// The loop's delay, now that its sleep is known to follow `p`: the policy's growth, cap and
/// multiplier; randomness the loop adds on top of the policy stays the loop's.
void adoptPolicyShape(RetryLoop &loop, const DelayPolicy &p) {
  JitterKind ownJitter = loop.delay.jitter;
  std::string ownRandom = loop.delay.randomSource;
  loop.delay = p.shape;
  if (ownJitter != JitterKind::None) {
    loop.delay.jitter = ownJitter;
    loop.delay.randomSource = ownRandom;
  }
}

} // namespace

std::vector<const DelayPolicy *> joinDelayPolicies(std::vector<TUFacts> &tus) {
  // One policy per USR: the first TU (in the sorted order) that defines it.
  std::map<std::string, DelayPolicy *> byUsr;
  std::multimap<std::string, std::string> overriders; // base method -> overriding policy
  for (TUFacts &tu : tus)
    for (DelayPolicy &p : tu.delayPolicies)
      if (!p.usr.empty() && byUsr.emplace(p.usr, &p).second)
        for (const std::string &base : p.overrides)
          overriders.emplace(base, p.usr);

  for (TUFacts &tu : tus)
    for (RetryLoop &loop : tu.retryLoops)
      for (size_t i = 0; i < loop.sleeps.size(); ++i) {
        SleepSite &sleep = loop.sleeps[i];
        if (sleep.delayPolicyUsr.empty())
          continue;
        std::set<std::string> reached = reachedBy(sleep.delayPolicyUsr, byUsr, overriders);
        // Several overrides: which one runs is not known here; each stays a policy of its own.
        if (reached.size() != 1)
          continue;
        DelayPolicy *p = byUsr.at(*reached.begin());
        p->consumed = true;
        sleep.policy = p;
        sleep.scheduleMs = p->shape.jitter == JitterKind::None ? p->scheduleMs : std::vector<double>{};
        sleep.lowestMs = p->lowestMs;
        sleep.highestMs = p->highestMs;
        // A policy's delay cannot be rewritten at the sleep: its fix belongs in the policy.
        sleep.jitterFix.reset();
        if (i == 0 && (loop.delay.growth == GrowthKind::Unknown || loop.delay.growth == GrowthKind::None))
          adoptPolicyShape(loop, *p);
      }

  std::vector<const DelayPolicy *> out;
  for (const auto &[usr, p] : byUsr)
    out.push_back(p);
  std::sort(out.begin(), out.end(), [](const DelayPolicy *a, const DelayPolicy *b) {
    return std::tie(a->decl.file, a->decl.line, a->decl.column, a->usr) <
           std::tie(b->decl.file, b->decl.line, b->decl.column, b->usr);
  });
  return out;
}

} // namespace retrylint
