// Negative: callables handed to functions that do not retry them. The nightly reindex walks
// its shards with std::for_each (one call per shard, no retry) and each shard upload retries
// 3 times: one retrying layer. The ingest path retries the enqueue, but ThreadPool::Submit
// only queues the task; the task's own retries run later, on a worker, and a failed task does
// not fail the enqueue, so they do not multiply.
#include <algorithm>
#include <chrono>
#include <deque>
#include <functional>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "resilience/retry_budget.h"

namespace indexer {

template <typename Fn>
absl::Status Retry(resilience::RetryBudget& budget, int max_attempts, Fn&& fn) {
  constexpr std::chrono::milliseconds kBase(100);
  constexpr std::chrono::milliseconds kCap(2000);
  thread_local std::mt19937_64 rng{std::random_device{}()};

  budget.OnRequest();
  absl::Status status = fn();
  for (int attempt = 1; attempt < max_attempts && !status.ok(); ++attempt) {
    if (!budget.TryRetry()) break;
    const std::chrono::milliseconds ceiling = std::min(kCap, kBase * (1 << attempt));
    std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
    status = fn();
  }
  return status;
}

// Queues tasks for worker threads; Submit fails only when the queue is full.
class ThreadPool {
 public:
  absl::Status Submit(std::function<void()> task) {
    std::lock_guard<std::mutex> lock(mu_);
    if (queue_.size() >= kMaxQueued) return absl::ResourceExhaustedError("ingest queue full");
    queue_.push_back(std::move(task));
    return absl::OkStatus();
  }

 private:
  static constexpr size_t kMaxQueued = 1024;
  std::mutex mu_;
  std::deque<std::function<void()>> queue_;
};

class BlobWriter {
 public:
  absl::Status Upload(const std::string& shard_name);
};

class Reindexer {
 public:
  Reindexer(BlobWriter* blobs, ThreadPool* pool, resilience::RetryBudget* budget)
      : blobs_(blobs), pool_(pool), budget_(budget) {}

  void RebuildAll(const std::vector<std::string>& shards) {
    std::for_each(shards.begin(), shards.end(), [this](const std::string& shard) {
      absl::Status uploaded = Retry(*budget_, 3, [&] { return blobs_->Upload(shard); });
      if (!uploaded.ok()) failed_shards_.push_back(shard);
    });
  }

  absl::Status Ingest(const std::string& shard) {
    return Retry(*budget_, 3, [&] {
      return pool_->Submit([this, shard] { (void)Retry(*budget_, 3, [&] { return blobs_->Upload(shard); }); });
    });
  }

 private:
  BlobWriter* blobs_;
  ThreadPool* pool_;
  resilience::RetryBudget* budget_;
  std::vector<std::string> failed_shards_;
};

}  // namespace indexer
