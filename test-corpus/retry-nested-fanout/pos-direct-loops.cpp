// Positive: no helper, two hand-written retry loops. SyncAgent::PushChunk retries each chunk
// 3 times and ChunkUploader::SendChunk retries each write 4 times, so one failed chunk reaches
// Transport::Write 3 x 4 = 12 times. Reported at the outer loop.
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "resilience/retry_budget.h"

namespace backup {

class Transport {
 public:
  bool Write(const std::string& object, const std::string& bytes);
};

class ChunkUploader {
 public:
  ChunkUploader(Transport* transport, resilience::RetryBudget* budget)
      : transport_(transport), budget_(budget) {}

  bool SendChunk(const std::string& object, const std::string& bytes) {
    constexpr int kMaxAttempts = 4;
    thread_local std::mt19937_64 rng{std::random_device{}()};
    budget_->OnRequest();
    for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
      if (transport_->Write(object, bytes)) return true;
      if (attempt + 1 == kMaxAttempts || !budget_->TryRetry()) break;
      std::uniform_int_distribution<int> jitter_ms(0, std::min(1000, 100 << attempt));
      std::this_thread::sleep_for(std::chrono::milliseconds(jitter_ms(rng)));
    }
    return false;
  }

 private:
  Transport* transport_;
  resilience::RetryBudget* budget_;
};

class SyncAgent {
 public:
  SyncAgent(ChunkUploader* uploader, resilience::RetryBudget* budget)
      : uploader_(uploader), budget_(budget) {}

  bool PushChunk(const std::string& object, const std::string& bytes) {
    constexpr int kMaxAttempts = 3;
    thread_local std::mt19937_64 rng{std::random_device{}()};
    budget_->OnRequest();
    for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {  // expect: retry-nested-fanout fanout=12
      if (uploader_->SendChunk(object, bytes)) return true;
      if (attempt + 1 == kMaxAttempts || !budget_->TryRetry()) break;
      std::uniform_int_distribution<int> jitter_ms(0, std::min(2000, 250 << attempt));
      std::this_thread::sleep_for(std::chrono::milliseconds(jitter_ms(rng)));
    }
    return false;
  }

 private:
  ChunkUploader* uploader_;
  resilience::RetryBudget* budget_;
};

}  // namespace backup
