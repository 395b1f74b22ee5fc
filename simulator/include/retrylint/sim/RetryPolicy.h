// The retry policy that the simulator replays: plain data, filled from flags, from a JSON
// file, or (later) from the analyzer's RetryLoop facts.
#pragma once

#include <string>
#include <vector>

namespace retrylint::sim {

/// How randomness enters the delay. Same names as the analyzer's JitterKind.
enum class JitterKind { None, Full, Equal, Decorrelated, Proportional };

/// A client-side token bucket: each logical request credits `creditPerRequest`, each retry
/// (at any layer) costs `costPerRetry`, and a retry the bucket cannot pay is not made.
struct RetryBudget {
  bool enabled = false;
  double creditPerRequest = 0.1;
  double costPerRetry = 1;
  double maxTokens = 0;     // 0: no maximum, so healthy hours bank tokens for a burst
  double initialTokens = 0; // tokens per client at the start (the outage model adds a random
                            // fraction of one retry, so buckets do not refill in step)
};

/// A circuit breaker in front of the dependency (the breaker scenario). Closed until
/// `failureThreshold` consecutive failures, then Open for `cooldownMs`, then HalfOpen: it admits
/// at most `halfOpenLimit` callers at once (0: every caller, the half-open flood of classic
/// incident 4) until a half-open call answers. Success closes it, failure opens it again.
struct BreakerPolicy {
  bool enabled = false;
  double cooldownMs = 5000;
  int failureThreshold = 5;
  int halfOpenLimit = 0;
};

struct RetryPolicy {
  std::string name;  // label in tables and plots; empty: describe() is used
  int attempts = 5;  // calls per layer including the first; a layer with 1 does not retry
  double baseMs = 100;
  double multiplier = 2; // the sleep before retry n is min(cap, base * multiplier^(n-1))
  double capMs = 0;      // 0: no cap
  JitterKind jitter = JitterKind::None;
  double jitterProportion = 0.2; // Proportional: sleep * (1 + uniform(-p, p))
  RetryBudget budget;
  /// Attempts per retrying layer, outermost first (3x3x3 is {3, 3, 3}). Every layer uses
  /// the same backoff. Empty: one layer with `attempts`.
  std::vector<int> layers;
  BreakerPolicy breaker;
  /// What the analyzer could not see when it exported the policy (--export-policy).
  std::vector<std::string> notes;

  /// The attempts of each layer, outermost first; never empty.
  std::vector<int> layerAttempts() const;
  /// Calls that reach the dependency for one request that fails at every layer.
  long long callsPerFailedRequest() const;
};

/// Largest number of nested layers the simulator models.
constexpr int kMaxLayers = 8;

/// Every fix a senior engineer makes, together: full jitter, a 10% budget with a maximum
/// (when there was none), retries at the outermost layer only, and a breaker that admits a
/// single probe while half-open. Cap and attempts stay. Named "all fixes".
RetryPolicy fixedVariant(const RetryPolicy &policy);

/// One variant per fix that `asWritten` lacks, each with that fix alone ("jitter only",
/// "budget only", "one layer only", "single probe"), then "all fixes" when two or more apply.
/// Re-tested under the same seeded load, they show what each fix buys.
std::vector<RetryPolicy> fixVariants(const RetryPolicy &asWritten);

/// Whether the policy has a retry to simulate (more than one call per request).
bool retries(const RetryPolicy &policy);

/// One line such as "5 attempts, 100ms x2, no cap, no jitter, no budget".
std::string describe(const RetryPolicy &policy);
/// The name, or describe() when the policy has none.
std::string label(const RetryPolicy &policy);

const char *toString(JitterKind kind);
/// Formats milliseconds the way the flags take them: 100ms, 2s, 1.5s, 250us.
std::string formatDuration(double ms);

} // namespace retrylint::sim
