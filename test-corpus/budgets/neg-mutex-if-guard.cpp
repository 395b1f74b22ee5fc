// Negative: a std::mutex-guarded member bucket whose credit is skipped once the bucket is full
// (an if guard is the maximum). +0.2 per request, 1 per retry: retries capped at 20% of
// requests, load at most 1.2x. The retrying function receives the budget by reference.
#include <algorithm>
#include <chrono>
#include <mutex>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace search {

class RetryBudget {
 public:
  void OnRequest() {
    std::lock_guard<std::mutex> lock(mu_);
    if (tokens_ < kMaxTokens) {
      tokens_ += kCreditPerRequest;
    }
  }

  bool TryRetry() {
    std::lock_guard<std::mutex> lock(mu_);
    if (tokens_ >= kCostPerRetry) {
      tokens_ -= kCostPerRetry;
      return true;
    }
    return false;
  }

 private:
  static constexpr double kCreditPerRequest = 0.2;
  static constexpr double kCostPerRetry = 1.0;
  static constexpr double kMaxTokens = 20.0;

  std::mutex mu_;
  double tokens_ = 0;
};

struct Hits {
  std::string query;
  std::string doc_ids_csv;
};

class IndexClient {
 public:
  absl::StatusOr<Hits> Search(const std::string& query);
};

absl::StatusOr<Hits> Query(IndexClient& index, RetryBudget& budget, const std::string& query) {
  constexpr int kMaxAttempts = 3;
  constexpr std::chrono::milliseconds kBase(40);
  constexpr std::chrono::milliseconds kCap(320);
  thread_local std::mt19937_64 rng{std::random_device{}()};

  budget.OnRequest();
  absl::StatusOr<Hits> hits = index.Search(query);
  for (int attempt = 1; attempt < kMaxAttempts && !hits.ok(); ++attempt) {
    if (!absl::IsUnavailable(hits.status()) || !budget.TryRetry()) {
      break;
    }
    const std::chrono::milliseconds ceiling = std::min(kCap, kBase * (1 << attempt));
    std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
    hits = index.Search(query);
  }
  return hits;
}

}  // namespace search
