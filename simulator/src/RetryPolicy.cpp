#include "retrylint/sim/RetryPolicy.h"

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

RetryPolicy fixedVariant(const RetryPolicy &policy) {
  RetryPolicy fixed = policy;
  fixed.name = "fixed";
  fixed.jitter = JitterKind::Full;
  if (!fixed.budget.enabled) {
    fixed.budget = RetryBudget{};
    fixed.budget.enabled = true;
  }
  if (fixed.budget.maxTokens <= 0)
    fixed.budget.maxTokens = 10; // the bucket's ceiling stops the burst after healthy hours
  fixed.attempts = policy.layerAttempts().front(); // retry at the outermost layer only
  fixed.layers.clear();
  return fixed;
}

static std::string formatNumber(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

std::string formatDuration(double ms) {
  if (ms != 0 && std::fabs(ms) < 1)
    return formatNumber(ms * 1000) + "us";
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

std::string describe(const RetryPolicy &policy) {
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
  return text;
}

std::string label(const RetryPolicy &policy) {
  return policy.name.empty() ? describe(policy) : policy.name;
}

} // namespace retrylint::sim
