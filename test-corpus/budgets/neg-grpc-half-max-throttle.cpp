// Negative: gRPC's client-side retry throttling. The throttle starts full; each failure costs
// 1 token, each success gives back token_ratio, up to max_tokens; retries are allowed only
// while more than half of max_tokens remain. Both numbers are fields set from constants in
// the constructor. Ceiling: 0.1 per success against 1 per failure; under a full outage the
// tokens fall to 5 after 5 failures and retries stop.
#include <algorithm>
#include <chrono>
#include <mutex>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"

namespace maps {

class RetryThrottler {
 public:
  RetryThrottler() : max_tokens_(kMaxTokens), token_ratio_(kTokenRatio), tokens_(kMaxTokens) {}

  void RecordSuccess() {
    std::lock_guard<std::mutex> lock(mu_);
    tokens_ = std::min(max_tokens_, tokens_ + token_ratio_);
  }

  void RecordFailure() {
    std::lock_guard<std::mutex> lock(mu_);
    tokens_ = std::max(0.0, tokens_ - 1.0);
  }

  bool AllowRetry() {
    std::lock_guard<std::mutex> lock(mu_);
    return tokens_ > max_tokens_ / 2;
  }

 private:
  static constexpr double kMaxTokens = 10.0;
  static constexpr double kTokenRatio = 0.1;

  const double max_tokens_;
  const double token_ratio_;
  std::mutex mu_;
  double tokens_;
};

struct Route {
  std::string from;
  std::string to;
  long long duration_s = 0;
};

class RoutingClient {
 public:
  absl::Status Plan(const std::string& from, const std::string& to, Route* route);
};

absl::Status PlanRoute(RoutingClient& routing, RetryThrottler& throttler, const std::string& from,
                       const std::string& to, Route* route) {
  constexpr int kMaxAttempts = 3;
  constexpr std::chrono::milliseconds kCap(600);
  thread_local std::mt19937 rng{std::random_device{}()};
  std::chrono::milliseconds ceiling(60);

  absl::Status status;
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    if (attempt > 0) {
      if (!throttler.AllowRetry()) {
        break;
      }
      std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
      std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
      ceiling = std::min(ceiling * 2, kCap);
    }
    status = routing.Plan(from, to, route);
    if (status.ok()) {
      throttler.RecordSuccess();
      break;
    }
    throttler.RecordFailure();
    if (!absl::IsUnavailable(status)) {
      break;
    }
  }
  return status;
}

}  // namespace maps
