#include "report/PolicyExport.h"

#include <algorithm>
#include <cmath>

namespace retrylint {
namespace {

bool namesFunction(const std::string &qualified, const std::string &wanted) {
  if (qualified == wanted)
    return true;
  return qualified.size() > wanted.size() + 2 &&
         qualified.compare(qualified.size() - wanted.size(), wanted.size(), wanted) == 0 &&
         qualified.compare(qualified.size() - wanted.size() - 2, 2, "::") == 0;
}

const char *jitterName(JitterKind k) {
  switch (k) {
  case JitterKind::None: return "none";
  case JitterKind::Full: return "full";
  case JitterKind::Equal: return "equal";
  case JitterKind::Decorrelated: return "decorrelated";
  case JitterKind::Proportional: return "proportional:0.2";
  case JitterKind::Unknown: return "full"; // jittered in a way not classified: the closest model
  }
  return "none";
}

} // namespace

nlohmann::ordered_json exportPolicy(const Program &program, const std::string &function,
                                    std::string &error) {
  const RetryLoop *loop = nullptr;
  for (const RetryLoop *l : program.retryLoops)
    if (namesFunction(l->functionName, function)) {
      loop = l;
      break;
    }
  const FanoutChain *chain = nullptr;
  for (const FanoutChain *c : outermostChains(program.fanout, 1))
    if (namesFunction(c->layers.front().function, function))
      chain = c;
  // A function that retries only through a helper: the helper's loop has the backoff.
  if (!loop && chain && !chain->layers.front().via.empty())
    for (const RetryLoop *l : program.retryLoops)
      if (l->functionName == chain->layers.front().via)
        loop = l;
  if (!loop) {
    error = "no retry loop found in a function named '" + function + "'";
    return nullptr;
  }

  nlohmann::ordered_json policy{{"name", function}};
  if (chain && chain->layerCount > 1 && chain->product() > 0) {
    nlohmann::ordered_json layers = nlohmann::ordered_json::array();
    for (const FanoutLayer &l : chain->layers)
      layers.push_back(std::llround(std::min(l.attempts.value, 1e15))); // the simulator checks it
    policy["layers"] = layers;
  } else if (loop->attempts.kind == AttemptBound::Kind::Constant) {
    policy["attempts"] = loop->attempts.count;
  } else if (chain && chain->product() > 0) {
    policy["attempts"] = std::llround(std::min(chain->layers.front().attempts.value, 1e15));
  } else {
    error = "the attempts of the loop in '" + loop->functionName +
            "' are not a constant; simulate it with --attempts N";
    return nullptr;
  }
  const std::vector<double> *schedule = loop->sleeps.empty() ? nullptr : &loop->sleeps.front().scheduleMs;
  if (loop->sleeps.empty()) {
    policy["base"] = 0;
  } else if (schedule && !schedule->empty()) {
    policy["base"] = schedule->front();
    if (loop->delay.capped)
      policy["cap"] = *std::max_element(schedule->begin(), schedule->end());
  } else {
    error = "the delays of the loop in '" + loop->functionName +
            "' are not constants; simulate it with --base D";
    return nullptr;
  }
  policy["multiplier"] = loop->delay.growth == GrowthKind::Exponential && loop->delay.multiplier > 0
                             ? loop->delay.multiplier
                             : 1.0;
  policy["jitter"] = jitterName(loop->delay.jitter);
  if (const Budget *budget = budgetConsultedBy(program.budgets, loop->retryGateUsrs);
      budget && budget->ceiling) {
    nlohmann::ordered_json b{{"ratio", *budget->ceiling}, {"retry_cost", 1}};
    if (budget->maximum && budget->maximum->value && budget->cost.value && *budget->cost.value > 0)
      b["max_tokens"] = *budget->maximum->value / *budget->cost.value;
    policy["budget"] = b;
  } else if (!loop->budgetCall.empty()) {
    policy["budget"] = 0.1; // consulted, not recognised: the common 10% bucket
  } else {
    policy["budget"] = nullptr;
  }
  return policy;
}

} // namespace retrylint
