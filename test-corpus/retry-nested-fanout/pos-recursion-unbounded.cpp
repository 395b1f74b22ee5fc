// Positive: a retrying function that calls itself through another. ConfigLoader::Load retries
// each fetch 3 times and expands includes by calling Load again for each one, so every level
// of nesting multiplies by 3 again: the product has no bound, and the rule says unbounded.
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "resilience/retry_budget.h"

namespace config {

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

struct Document {
  std::string body;
  std::vector<std::string> includes;
};

class ConfigStore {
 public:
  absl::StatusOr<Document> Fetch(const std::string& path);
};

class ConfigLoader {
 public:
  ConfigLoader(ConfigStore* store, resilience::RetryBudget* budget) : store_(store), budget_(budget) {}

  absl::StatusOr<std::string> Load(const std::string& path) {
    return Retry(*budget_, 3, [&] { return FetchAndExpand(path); });  // expect: retry-nested-fanout
  }

 private:
  // Not a retry: one pass over the includes, each loaded (and retried) by Load.
  absl::StatusOr<std::string> FetchAndExpand(const std::string& path) {
    absl::StatusOr<Document> doc = store_->Fetch(path);
    if (!doc.ok()) return doc.status();
    std::string expanded = doc->body;
    for (const std::string& include : doc->includes) {
      absl::StatusOr<std::string> part = Load(include);
      if (!part.ok()) return part.status();
      expanded += *part;
    }
    return expanded;
  }

  ConfigStore* store_;
  resilience::RetryBudget* budget_;
};

}  // namespace config
