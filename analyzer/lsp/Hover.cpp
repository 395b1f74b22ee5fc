// The hover of a retry site: its schedule, attempts, budget and every nest through it.
#include "lsp/Features.h"

#include "checks/BudgetWording.h"
#include "checks/Wording.h"
#include "facts/BudgetFacts.h"
#include "report/Report.h"

#include <algorithm>

namespace retrylint::lsp {
namespace {

std::string jitterName(JitterKind kind) {
  switch (kind) {
  case JitterKind::None: return "no jitter";
  case JitterKind::Full: return "full jitter";
  case JitterKind::Equal: return "equal jitter";
  case JitterKind::Decorrelated: return "decorrelated jitter";
  case JitterKind::Proportional: return "proportional jitter";
  case JitterKind::Unknown: return "jittered";
  }
  return "jittered";
}

/// What the delay does when no schedule could be evaluated.
std::string growthText(const DelayShape &delay) {
  if (delay.growthByBranch)
    return "a delay that grows linearly or exponentially, depending on a branch taken at run time";
  switch (delay.growth) {
  case GrowthKind::Exponential:
    return delay.multiplier > 0 ? "a delay that grows ×" + formatNumber(delay.multiplier) + " per attempt"
                                : "a delay that grows exponentially";
  case GrowthKind::Linear: return "a delay that grows linearly";
  case GrowthKind::Constant: return "the same delay every time";
  case GrowthKind::None:
  case GrowthKind::Unknown: break;
  }
  return "a delay whose values are not visible here";
}

std::string budgetText(const Program &program, const RetryLoop &loop) {
  if (const Budget *b = budgetConsultedBy(program.budgets, loop.retryGateUsrs))
    return "`" + (b->className.empty() ? b->balance : b->className) + "`: " + ceilingPhrase(*b) +
           "; " + outagePhrase(*b);
  if (!loop.budgetCall.empty())
    return "asks `" + loop.budgetCall + "` before each retry (its ceiling is not known)";
  return "none: no retry budget or throttle is asked before a retry";
}

std::string place(const SourceSpan &span, const std::string &root) {
  return displayPath(span.file, root) + ":" + std::to_string(span.line);
}

/// One nest through the site: its arithmetic, then its layers with this one marked.
std::string chainText(const ChainStep &step, const std::string &root) {
  const FanoutChain &chain = *step.chain;
  std::string text = "- " + chain.productText() + " calls reach `" + chain.leaf +
                     "` per failed request at `" + chain.layers.front().function + "`";
  if (chain.layerCount > 1)
    text += " (this site is layer " + std::to_string(step.layer + 1) + " of " +
            std::to_string(chain.layerCount) + ")";
  if (!chain.virtualWorstCase.empty())
    text += ", the worst case over the overrides of `" + chain.virtualWorstCase + "`";
  if (std::string budgeted = chain.budgetedProductText(); !budgeted.empty())
    text += "; with the layers' retry budgets, " + budgeted + "× once their tokens are spent";
  text += "\n";
  if (chain.layers.size() > 1)
    for (size_t i = 0; i < chain.layers.size(); ++i) {
      const FanoutLayer &l = chain.layers[i];
      std::string line = "×" + l.attempts.text() + " `" + l.function + "`" +
                         (l.via.empty() ? "" : " via `" + l.via + "`") + " — " + place(l.site, root);
      text += "  " + std::to_string(i + 1) + ". " + (i == step.layer ? "**" + line + "**" : line) + "\n";
    }
  return text;
}

/// The delays of the first `n`, or all when n < 0.
std::vector<double> firstOf(const std::vector<double> &delays, int64_t n) {
  if (n < 0 || static_cast<size_t>(n) >= delays.size())
    return delays;
  return {delays.begin(), delays.begin() + n};
}

/// What one sleep waits. `attempts` >= 0: a helper call's attempts, which cut the helper's
/// open-ended schedule to the sleeps that call makes.
std::string scheduleFor(const RetryLoop &loop, const SleepSite &sleep, int64_t attempts) {
  bool constant = loop.attempts.kind == AttemptBound::Kind::Constant;
  int64_t sleeps = -1;
  if (!constant && attempts > 0 && loop.sleeps.size() == 1)
    sleeps = attempts - 1 + (loop.sleepsAfterFinalAttempt ? 1 : 0);
  // An open-ended schedule is its first delays: say that more follow.
  std::string more = constant || sleeps >= 0 ? "" : ", …";
  auto shown = [&](const std::vector<double> &delays) {
    std::vector<double> cut = firstOf(delays, sleeps);
    return cut.empty() ? std::string("none") : formatSchedule(cut);
  };
  std::string text;
  if (sleep.unseen) {
    text = "waits in `" + sleep.sleepCall + "`, for a time not visible here";
  } else if (!sleep.scheduleMs.empty()) {
    text = shown(sleep.scheduleMs) + more + ", " + jitterName(loop.delay.jitter);
  } else if (!sleep.highestMs.empty()) {
    bool fromZero = std::all_of(sleep.lowestMs.begin(), sleep.lowestMs.end(), [](double d) { return d == 0; });
    text = jitterName(loop.delay.jitter) + ": random delays " +
           (fromZero ? "up to " + shown(sleep.highestMs)
                     : "between " + shown(sleep.lowestMs) + " and " + shown(sleep.highestMs)) + more;
  } else {
    text = growthText(loop.delay) + ", " + jitterName(loop.delay.jitter);
  }
  if (!loop.delay.capped && (loop.delay.growth == GrowthKind::Exponential || loop.delay.growth == GrowthKind::Linear))
    text += ", uncapped";
  if (loop.sleepsAfterFinalAttempt)
    text += "; it also sleeps after the final attempt";
  return text;
}

std::string siteText(const Snapshot &snapshot, const RetrySite &site) {
  const RetryLoop *loop = site.loop;
  const FanoutLayer *layer = site.layer;
  std::string function = layer ? layer->function : loop ? loop->functionName : "";
  std::string text = "**retry** in `" + function + "`";
  if (layer && !layer->via.empty())
    text += " through `" + layer->via + "`";
  text += "\n\n";
  if (layer && !layer->via.empty())
    text += "- attempts: " + layer->attempts.text() + " (this call's)\n";
  else if (loop && loop->attempts.kind == AttemptBound::Kind::Constant)
    text += "- attempts: " + std::to_string(loop->attempts.count) + "\n";
  else if (loop)
    text += "- attempts: " + formatAttempts(loop->attempts) + "\n";
  if (loop) {
    if (loop->sleeps.empty())
      text += "- schedule: no wait between attempts\n";
    bool helperCall = layer && !layer->via.empty();
    int64_t attempts = helperCall && layer->attempts.symbol.empty() && !layer->attempts.unbounded
                           ? static_cast<int64_t>(layer->attempts.value)
                           : -1;
    for (const SleepSite &s : loop->sleeps)
      text += "- schedule: " + scheduleFor(*loop, s, attempts) + "\n";
    text += "- budget: " + budgetText(snapshot.program, *loop) + "\n";
    text += std::string("- confidence: ") + toString(loop->confidence) + "\n";
  }
  if (!site.chains.empty()) {
    text += "\n**fan-out**\n\n";
    for (const ChainStep &step : site.chains)
      text += chainText(step, snapshot.sourceRoot);
  }
  return text;
}

} // namespace

std::string scheduleOf(const RetryLoop &loop, const SleepSite &sleep) {
  return scheduleFor(loop, sleep, -1);
}

json hoverAt(const Snapshot &snapshot, const std::string &file, unsigned line, unsigned column,
             const PositionEncoding &encoding) {
  std::vector<const RetrySite *> sites = snapshot.sites->at(file, line, column);
  if (sites.empty())
    return nullptr;
  std::string markdown;
  for (const RetrySite *site : sites)
    markdown += (markdown.empty() ? "" : "\n---\n\n") + siteText(snapshot, *site);
  return {{"contents", {{"kind", "markdown"}, {"value", markdown}}},
          {"range", encoding.range(sites.front()->site)}};
}

} // namespace retrylint::lsp
