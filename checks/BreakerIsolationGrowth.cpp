#include "BreakerIsolationGrowth.h"

#include "Wording.h"

#include <cmath>

namespace retrylint {
namespace {

/// The isolation times of the first trips, in ms, when the start, factor and unit are known:
/// 100, 200, 400, ... up to the cap.
std::vector<double> scheduleMs(const IsolationGrowth &g) {
  double scale = g.unit == "ms" ? 1 : g.unit == "s" ? 1000 : g.unit == "us" ? 0.001 : 0;
  std::vector<double> out;
  if (scale == 0 || g.initialValue <= 0 || g.multiplier <= 1)
    return out;
  for (double v = g.initialValue; out.size() < 16; v *= g.multiplier) {
    if (g.capValue >= 0 && v >= g.capValue) {
      out.push_back(g.capValue * scale);
      break;
    }
    out.push_back(v * scale);
  }
  return out;
}

} // namespace

void reportIsolationWithoutJitter(const Program &program, const RuleInfo &rule,
                                  std::vector<Finding> &out) {
  for (const Breaker *b : program.breakers) {
    if (!b->isolationGrowth || b->isolationGrowth->jittered || b->isolationGrowth->multiplier <= 1)
      continue;
    const IsolationGrowth &g = *b->isolationGrowth;
    std::string times;
    std::vector<double> schedule = scheduleMs(g);
    if (schedule.size() > 1)
      times = " (" + formatSchedule(schedule) + ")";
    else if (!g.cap.empty())
      times = " (capped at `" + g.cap + "`)";
    Finding f;
    f.ruleId = rule.id;
    f.level = rule.level;
    f.span = g.span;
    f.title = "the isolation time `" + g.variable + "` of `" + b->name + "` grows ×" +
              formatNumber(g.multiplier) + " on every trip" + times +
              " with no jitter; breakers that trip together readmit their callers together";
    f.fixHint = "draw the isolation time uniformly from (0, " +
                std::string(g.cap.empty() ? "the grown time" : "min(" + g.cap + ", the grown time)") +
                ") so the ends of the isolations spread out";
    out.push_back(std::move(f));
  }
}

} // namespace retrylint
