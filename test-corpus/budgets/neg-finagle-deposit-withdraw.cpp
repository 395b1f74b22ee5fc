// Negative: a Finagle-style retry budget in integer units. Each request deposits kScale; a
// retry withdraws kScale / kPercentCanRetry, so retries are capped at kPercentCanRetry (20%)
// of requests. The balance never holds more than kMaxRetries retries' worth.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"

namespace social {

class TokenRetryBudget {
 public:
  void Deposit() {
    std::lock_guard<std::mutex> lock(mu_);
    balance_ = std::min(balance_ + kDepositAmount, kMaxBalance);
  }

  bool TryWithdraw() {
    std::lock_guard<std::mutex> lock(mu_);
    if (balance_ < kWithdrawalAmount) {
      return false;
    }
    balance_ -= kWithdrawalAmount;
    return true;
  }

 private:
  static constexpr int64_t kScale = 1000;
  static constexpr double kPercentCanRetry = 0.2;
  static constexpr int64_t kDepositAmount = kScale;
  static constexpr int64_t kWithdrawalAmount = static_cast<int64_t>(kScale / kPercentCanRetry);
  static constexpr int64_t kMaxRetries = 100;
  static constexpr int64_t kMaxBalance = kMaxRetries * kWithdrawalAmount;

  std::mutex mu_;
  int64_t balance_ = 0;
};

class TimelineService {
 public:
  absl::Status Append(const std::string& user_id, const std::string& post_id);
};

absl::Status FanOutPost(TimelineService& timelines, TokenRetryBudget& budget,
                        const std::string& user_id, const std::string& post_id) {
  constexpr int kMaxAttempts = 3;
  constexpr std::chrono::milliseconds kCap(400);
  thread_local std::mt19937 rng{std::random_device{}()};
  std::chrono::milliseconds ceiling(25);

  budget.Deposit();
  absl::Status status = timelines.Append(user_id, post_id);
  for (int attempt = 1; attempt < kMaxAttempts && absl::IsUnavailable(status); ++attempt) {
    if (!budget.TryWithdraw()) {
      break;
    }
    std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
    ceiling = std::min(ceiling * 2, kCap);
    status = timelines.Append(user_id, post_id);
  }
  return status;
}

}  // namespace social
