// Negative: the client holds its budget as a member. The budget's functions have names of its
// own (Credit, Spend): the loop counts as budgeted because the analyzer recognises the class
// as a budget (+0.05 per request, 1 per retry, at most 5 tokens: 5% of requests), not because
// of the names. The loop asks it in its condition, before each retry.
#include <algorithm>
#include <chrono>
#include <mutex>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"

namespace mail {

class RetryAllowance {
 public:
  void Credit() {
    std::lock_guard<std::mutex> lock(mu_);
    tokens_ = std::clamp(tokens_ + kPerRequest, 0.0, kMaxTokens);
  }

  bool Spend() {
    std::lock_guard<std::mutex> lock(mu_);
    if (tokens_ < kPerRetry) return false;
    tokens_ -= kPerRetry;
    return true;
  }

 private:
  static constexpr double kPerRequest = 0.05;
  static constexpr double kPerRetry = 1.0;
  static constexpr double kMaxTokens = 5.0;

  std::mutex mu_;
  double tokens_ = kMaxTokens;
};

class SmtpRelay {
 public:
  absl::Status Send(const std::string& to, const std::string& body);
};

class Mailer {
 public:
  explicit Mailer(SmtpRelay* relay) : relay_(relay) {}

  absl::Status Deliver(const std::string& to, const std::string& body) {
    constexpr int kMaxAttempts = 4;
    constexpr std::chrono::milliseconds kCap(1600);
    thread_local std::mt19937_64 rng{std::random_device{}()};
    std::chrono::milliseconds ceiling(200);

    allowance_.Credit();
    absl::Status status = relay_->Send(to, body);
    for (int attempt = 1; attempt < kMaxAttempts && absl::IsUnavailable(status) && allowance_.Spend();
         ++attempt) {
      std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
      std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
      ceiling = std::min(ceiling * 2, kCap);
      status = relay_->Send(to, body);
    }
    return status;
  }

 private:
  SmtpRelay* relay_;
  RetryAllowance allowance_;
};

}  // namespace mail
