#include "retrylint/sim/RetryPolicy.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace retrylint::sim {

std::vector<int> RetryPolicy::layerAttempts() const {
  return layers.empty() ? std::vector<int>{attempts} : layers;
}

long long RetryPolicy::callsPerFailedRequest() const {
  long long product = 1;
  for (int layer : layerAttempts()) {
    if (layer > 0 && product > std::numeric_limits<long long>::max() / layer)
      return std::numeric_limits<long long>::max(); // saturate: validation rejects it anyway
    product *= layer;
  }
  return product;
}

namespace {

/// The fixes, each a change to a copy of the policy that returns false when the policy has it.
bool addJitter(RetryPolicy &policy) {
  if (policy.jitter != JitterKind::None || !retries(policy))
    return false;
  policy.jitter = JitterKind::Full;
  return true;
}

bool boundBudget(RetryPolicy &policy) {
  if (!retries(policy) || (policy.budget.enabled && policy.budget.maxTokens > 0))
    return false;
  if (!policy.budget.enabled) {
    policy.budget = RetryBudget{};
    policy.budget.enabled = true;
  }
  policy.budget.maxTokens = 10; // the bucket's ceiling stops the burst after healthy hours
  policy.budget.initialTokens = std::min(policy.budget.initialTokens, policy.budget.maxTokens);
  return true;
}

bool retryAtOneLayer(RetryPolicy &policy) {
  if (policy.layers.size() <= 1)
    return false;
  policy.attempts = policy.layers.front(); // the outermost layer retries, the others propagate
  policy.layers.clear();
  return true;
}

bool admitOneProbe(RetryPolicy &policy) {
  if (!policy.breaker.enabled || policy.breaker.halfOpenLimit == 1)
    return false;
  policy.breaker.halfOpenLimit = 1;
  return true;
}

struct Fix {
  const char *variant;
  bool (*apply)(RetryPolicy &);
};
constexpr Fix kFixes[] = {{"jitter only", addJitter},
                          {"budget only", boundBudget},
                          {"one layer only", retryAtOneLayer},
                          {"single probe", admitOneProbe}};

} // namespace

bool retries(const RetryPolicy &policy) { return policy.callsPerFailedRequest() > 1; }

RetryPolicy fixedVariant(const RetryPolicy &policy) {
  RetryPolicy fixed = policy;
  fixed.name = "all fixes";
  retryAtOneLayer(fixed); // first: jitter and budget then apply to the layer that stays
  for (const Fix &fix : kFixes)
    fix.apply(fixed);
  return fixed;
}

std::vector<RetryPolicy> fixVariants(const RetryPolicy &asWritten) {
  std::vector<RetryPolicy> variants;
  for (const Fix &fix : kFixes) {
    RetryPolicy variant = asWritten;
    if (!fix.apply(variant))
      continue;
    variant.name = fix.variant;
    variants.push_back(std::move(variant));
  }
  if (variants.size() >= 2)
    variants.push_back(fixedVariant(asWritten));
  return variants;
}

static std::string formatNumber(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

std::string formatDuration(double ms) {
  if (ms != 0 && std::fabs(ms) < 1)
    return formatNumber(ms * 1000) + "us";
  if (std::fabs(ms) >= 3600000)
    return formatNumber(ms / 3600000) + "h";
  if (std::fabs(ms) >= 1000)
    return formatNumber(ms / 1000) + "s";
  return formatNumber(ms) + "ms";
}

const char *toString(JitterKind kind) {
  switch (kind) {
  case JitterKind::None: return "none";
  case JitterKind::Full: return "full";
  case JitterKind::Equal: return "equal";
  case JitterKind::Decorrelated: return "decorrelated";
  case JitterKind::Proportional: return "proportional";
  }
  return "none";
}

/// "breaker: open 5s after 5 failures, half-open admits every caller".
static std::string describeBreaker(const BreakerPolicy &breaker) {
  std::string text = "breaker: open " + formatDuration(breaker.cooldownMs) + " after " +
                     std::to_string(breaker.failureThreshold) + " failures, half-open admits ";
  if (breaker.halfOpenLimit == 0)
    return text + "every caller";
  return text + (breaker.halfOpenLimit == 1 ? "one probe"
                                            : std::to_string(breaker.halfOpenLimit) + " probes");
}

std::string describe(const RetryPolicy &policy) {
  if (policy.breaker.enabled && !retries(policy))
    return "no retries, " + describeBreaker(policy.breaker);
  std::string text;
  if (policy.layers.empty()) {
    text = std::to_string(policy.attempts) + " attempts";
  } else {
    for (size_t i = 0; i < policy.layers.size(); ++i)
      text += (i ? "x" : "") + std::to_string(policy.layers[i]);
    text += " layers";
  }
  text += ", " + formatDuration(policy.baseMs) + " x" + formatNumber(policy.multiplier);
  text += policy.capMs > 0 ? ", cap " + formatDuration(policy.capMs) : ", no cap";
  if (policy.jitter == JitterKind::None)
    text += ", no jitter";
  else if (policy.jitter == JitterKind::Proportional)
    text += ", jitter +/-" + formatNumber(policy.jitterProportion * 100) + "%";
  else
    text += std::string(", ") + toString(policy.jitter) + " jitter";
  if (!policy.budget.enabled)
    text += ", no budget";
  else
    text += ", budget " + formatNumber(policy.budget.creditPerRequest / policy.budget.costPerRetry * 100) + "%" +
            (policy.budget.maxTokens > 0 ? " max " + formatNumber(policy.budget.maxTokens)
                                         : " no max");
  if (policy.breaker.enabled)
    text += ", " + describeBreaker(policy.breaker);
  return text;
}

std::string label(const RetryPolicy &policy) {
  return policy.name.empty() ? describe(policy) : policy.name;
}

} // namespace retrylint::sim
