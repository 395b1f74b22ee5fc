#include "report/PolicyExport.h"

#include <algorithm>
#include <cmath>

namespace retrylint {
namespace {

using Json = nlohmann::ordered_json;

bool namesFunction(const std::string &qualified, const std::string &wanted) {
  if (qualified == wanted)
    return true;
  return qualified.size() > wanted.size() + 2 &&
         qualified.compare(qualified.size() - wanted.size(), wanted.size(), wanted) == 0 &&
         qualified.compare(qualified.size() - wanted.size() - 2, 2, "::") == 0;
}

/// Durations to 10 us: rand() % 50000 us tops out at 49.999 ms, which is the 50 ms it means.
double roundedMs(double ms) { return std::round(ms * 100) / 100; }

double largest(const std::vector<double> &values) {
  return *std::max_element(values.begin(), values.end());
}

/// base, cap and jitter from a jittered sleep's bounds (SleepSite::lowestMs / highestMs),
/// as the simulator draws each kind (docs/simulate.md, "Retries").
void jitteredDelay(const RetryLoop &loop, const SleepSite &sleep, Json &policy,
                   std::vector<std::string> &notes) {
  const std::vector<double> &low = sleep.lowestMs, &high = sleep.highestMs;
  const bool capped = loop.delay.capped;
  switch (loop.delay.jitter) {
  case JitterKind::Proportional: { // d * uniform(1 - P, 1 + P): d is the middle
    std::vector<double> middle;
    for (size_t i = 0; i < low.size(); ++i)
      middle.push_back((low[i] + high[i]) / 2);
    const double spread = middle[0] > 0 ? (high[0] - low[0]) / 2 / middle[0] : 0;
    policy["base"] = roundedMs(middle[0]);
    if (capped)
      policy["cap"] = roundedMs(largest(middle));
    policy["jitter"] = "proportional:" + Json(std::round(spread * 1000) / 1000).dump();
    return;
  }
  case JitterKind::Decorrelated: // min(cap, uniform(base, 3 x previous)): base is the floor
    policy["base"] = roundedMs(low[0]);
    if (capped)
      policy["cap"] = roundedMs(largest(high));
    policy["jitter"] = "decorrelated";
    return;
  case JitterKind::Unknown:
    notes.push_back("the delay is random in a way the model does not classify; it is simulated "
                    "as full jitter up to its highest value");
    [[fallthrough]];
  default: // full: uniform(0, d); equal: d/2 + uniform(0, d/2). Both top out at d.
    policy["base"] = roundedMs(high[0]);
    if (capped)
      policy["cap"] = roundedMs(largest(high));
    policy["jitter"] = loop.delay.jitter == JitterKind::Equal ? "equal" : "full";
  }
}

/// The delay fields of `loop`; false (with `error`) when neither a schedule nor bounds are known.
bool delayFields(const RetryLoop &loop, Json &policy, std::vector<std::string> &notes,
                 std::string &error) {
  policy["multiplier"] = loop.delay.growth == GrowthKind::Exponential && loop.delay.multiplier > 0
                             ? loop.delay.multiplier
                             : 1.0;
  if (loop.sleeps.empty()) {
    policy["base"] = 0;
    policy["jitter"] = "none";
    return true;
  }
  const SleepSite &sleep = loop.sleeps.front();
  if (!sleep.scheduleMs.empty() && loop.delay.jitter == JitterKind::None) {
    policy["base"] = roundedMs(sleep.scheduleMs.front());
    if (loop.delay.capped)
      policy["cap"] = roundedMs(largest(sleep.scheduleMs));
    policy["jitter"] = "none";
    return true;
  }
  if (!sleep.highestMs.empty() && sleep.lowestMs.size() == sleep.highestMs.size()) {
    jitteredDelay(loop, sleep, policy, notes);
    return true;
  }
  error = "the delays of the loop in '" + loop.functionName +
          "' are not constants; simulate it with --base D";
  return false;
}

/// The budget the loop consults, in retries (the simulator's tokens cost 1 per retry).
Json budgetField(const Program &program, const RetryLoop &loop, std::vector<std::string> &notes) {
  const Budget *budget = budgetConsultedBy(program.budgets, loop.retryGateUsrs);
  if (budget && budget->ceiling) {
    Json b{{"ratio", *budget->ceiling}, {"retry_cost", 1}};
    const std::optional<double> cost = budget->cost.value;
    if (cost && *cost > 0) {
      if (budget->maximum && budget->maximum->value)
        b["max_tokens"] = *budget->maximum->value / *cost;
      if (budget->initial && budget->initial->value)
        b["initial_tokens"] = *budget->initial->value / *cost;
    }
    return b;
  }
  if (!loop.budgetCall.empty()) {
    notes.push_back("the loop consults " + loop.budgetCall +
                    ", whose numbers the model does not see; it is simulated as a 10% budget");
    return 0.1;
  }
  return nullptr;
}

/// How many callers a guard that bounds the half-open calls lets through at once.
int probeLimit(const ProbeGuard &guard, std::vector<std::string> &notes) {
  const bool counts = guard.kind == ProbeGuardKind::PermitCounter ||
                      guard.kind == ProbeGuardKind::SemaphoreTryAcquire ||
                      guard.variable.find("permit") != std::string::npos;
  if (!counts)
    return 1; // a swap, a flag, a try-lock or the caller's own transition: one caller wins
  char *end = nullptr;
  const long limit = std::strtol(guard.limit.c_str(), &end, 10);
  if (!guard.limit.empty() && *end == '\0' && limit > 0)
    return static_cast<int>(limit);
  notes.push_back("the half-open permits (" + guard.variable +
                  ") are not a constant; one probe is assumed");
  return 1;
}

/// The breaker policy of `breaker`: cooldown, and how many callers it admits while half-open.
Json breakerPolicy(const Breaker &breaker) {
  std::vector<std::string> notes;
  Json fields;
  std::string cooldownText;
  for (const BreakerStateWrite &write : breaker.stateWrites) {
    if (write.cooldownMs >= 0) {
      fields["cooldown"] = roundedMs(write.cooldownMs);
      break;
    }
    if (cooldownText.empty())
      cooldownText = write.cooldown;
  }
  if (!fields.contains("cooldown"))
    notes.push_back("the cooldown" + (cooldownText.empty() ? "" : " (" + cooldownText + ")") +
                    " is not a constant; simulate uses its default unless --cooldown is given");
  bool flood = false;
  int limit = 0;
  for (const HalfOpenCall &call : breaker.halfOpenCalls) {
    if (!call.bounded) {
      flood = true;
      continue;
    }
    for (const ProbeGuard &guard : call.guards)
      limit = std::max(limit, probeLimit(guard, notes));
  }
  if (breaker.halfOpenCalls.empty())
    notes.push_back("no call made while half-open was found; one probe is assumed");
  fields["half_open_limit"] = flood ? Json(nullptr) : Json(std::max(1, limit));
  notes.push_back("the failures that open the breaker are not modelled; simulate uses its "
                  "default unless --failure-threshold is given");
  Json policy{{"name", breaker.name}, {"attempts", 1}, {"breaker", fields}};
  policy["notes"] = notes;
  return policy;
}

/// The breaker named `name`, or the one that has a method named `name`.
const Breaker *findBreaker(const Program &program, const std::string &name) {
  for (const Breaker *breaker : program.breakers)
    if (namesFunction(breaker->name, name))
      return breaker;
  for (const Breaker *breaker : program.breakers) {
    for (const HalfOpenCall &call : breaker->halfOpenCalls)
      if (namesFunction(call.functionName, name))
        return breaker;
    for (const BreakerStateWrite &write : breaker->stateWrites)
      if (namesFunction(write.functionName, name))
        return breaker;
  }
  return nullptr;
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
    if (const Breaker *breaker = findBreaker(program, function))
      return breakerPolicy(*breaker);
    error = "no retry loop or circuit breaker found in a function or class named '" + function + "'";
    return nullptr;
  }

  Json policy{{"name", function}};
  std::vector<std::string> notes;
  if (chain && chain->layerCount > 1 && chain->product() > 0) {
    Json layers = Json::array();
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
  Json delay;
  if (!delayFields(*loop, delay, notes, error))
    return nullptr;
  for (const char *key : {"base", "cap", "multiplier", "jitter"})
    if (delay.contains(key))
      policy[key] = delay[key];
  policy["budget"] = budgetField(program, *loop, notes);
  if (!notes.empty())
    policy["notes"] = notes;
  return policy;
}

} // namespace retrylint
