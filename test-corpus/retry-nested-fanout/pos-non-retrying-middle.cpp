// Positive: a layer that does not retry sits between two that do. The search handler retries
// 3 times, QueryPlanner::Plan only rewrites the query and calls once, and the index client
// retries 3 times: 3 x 1 x 3 = 9 calls reach IndexShard::Search, over two retrying layers.
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "resilience/retry_budget.h"

namespace search {

template <typename Fn>
auto Retry(resilience::RetryBudget& budget, int max_attempts, Fn&& fn) -> decltype(fn()) {
  constexpr std::chrono::milliseconds kBase(20);
  constexpr std::chrono::milliseconds kCap(500);
  thread_local std::mt19937_64 rng{std::random_device{}()};

  budget.OnRequest();
  auto result = fn();
  for (int attempt = 1; attempt < max_attempts && !result.ok(); ++attempt) {
    if (!budget.TryRetry()) break;
    const std::chrono::milliseconds ceiling = std::min(kCap, kBase * (1 << attempt));
    std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
    result = fn();
  }
  return result;
}

struct Hits {
  std::string json;
};

class IndexShard {
 public:
  absl::StatusOr<Hits> Search(const std::string& normalized_query);
};

class IndexClient {
 public:
  IndexClient(IndexShard* shard, resilience::RetryBudget* budget) : shard_(shard), budget_(budget) {}
  absl::StatusOr<Hits> Query(const std::string& q) {
    return Retry(*budget_, 3, [&] { return shard_->Search(q); });
  }

 private:
  IndexShard* shard_;
  resilience::RetryBudget* budget_;
};

// Not a retry layer: one call, errors propagate.
class QueryPlanner {
 public:
  explicit QueryPlanner(IndexClient* index) : index_(index) {}
  absl::StatusOr<Hits> Plan(const std::string& raw) {
    std::string normalized = raw;
    std::transform(normalized.begin(), normalized.end(), normalized.begin(),
                   [](unsigned char c) { return static_cast<char>(c | 0x20); });
    return index_->Query(normalized);
  }

 private:
  IndexClient* index_;
};

class SearchHandler {
 public:
  SearchHandler(QueryPlanner* planner, resilience::RetryBudget* budget)
      : planner_(planner), budget_(budget) {}
  absl::StatusOr<Hits> Handle(const std::string& raw) {
    return Retry(*budget_, 3, [&] { return planner_->Plan(raw); });  // expect: retry-nested-fanout fanout=9 layers=2
  }

 private:
  QueryPlanner* planner_;
  resilience::RetryBudget* budget_;
};

}  // namespace search
