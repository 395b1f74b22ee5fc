// Negative: no attempt cap, but a std::chrono::steady_clock deadline ends the retries; the wait
// is never started when it would outlast the deadline.
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "resilience/retry_budget.h"

namespace ingest {

class KinesisClient {
 public:
  absl::Status PutRecord(const std::string& stream, const std::string& partition_key,
                         const std::string& data);
};

absl::Status PutWithDeadline(KinesisClient& kinesis, resilience::RetryBudget& budget,
                             const std::string& stream, const std::string& partition_key,
                             const std::string& data) {
  constexpr std::chrono::milliseconds kCap(2000);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::chrono::milliseconds ceiling(50);

  budget.OnRequest();
  absl::Status status = kinesis.PutRecord(stream, partition_key, data);
  while (!status.ok() && std::chrono::steady_clock::now() < deadline) {
    if (!absl::IsUnavailable(status) && !absl::IsResourceExhausted(status)) {
      break;
    }
    std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
    const std::chrono::milliseconds sleep(jitter(rng));
    if (std::chrono::steady_clock::now() + sleep >= deadline || !budget.TryRetry()) {
      break;
    }
    std::this_thread::sleep_for(sleep);
    ceiling = std::min(ceiling * 2, kCap);
    status = kinesis.PutRecord(stream, partition_key, data);
  }
  return status;
}

}  // namespace ingest
