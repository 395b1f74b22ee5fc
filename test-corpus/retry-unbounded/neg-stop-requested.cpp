// Negative: a replication worker that reconnects until stop_requested(); it runs until shutdown,
// so it is a worker loop, not the retry of one request. Capped, jittered, stop-aware waits.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <random>
#include <string>
#include <utility>

namespace cdc {

class BinlogReader {
 public:
  bool Connect(const std::string& primary);
  void StreamEventsUntilError();
};

class ReplicationWorker {
 public:
  explicit ReplicationWorker(std::string primary) : primary_(std::move(primary)) {}

  void Run() {
    constexpr std::chrono::milliseconds kInitial(200);
    constexpr std::chrono::milliseconds kCap(60000);
    std::mt19937_64 rng{std::random_device{}()};
    std::chrono::milliseconds ceiling = kInitial;
    while (!stop_requested()) {
      if (reader_.Connect(primary_)) {
        ceiling = kInitial;
        reader_.StreamEventsUntilError();
        continue;
      }
      std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
      WaitFor(std::chrono::milliseconds(jitter(rng)));
      ceiling = std::min(ceiling * 2, kCap);
    }
  }

  void RequestStop() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_.store(true);
    }
    cv_.notify_all();
  }

  bool stop_requested() const { return stop_.load(); }

 private:
  // Sleeps for d, or less if a stop is requested meanwhile.
  void WaitFor(std::chrono::milliseconds d) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait_for(lock, d, [this] { return stop_.load(); });
  }

  std::string primary_;
  BinlogReader reader_;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::condition_variable cv_;
};

}  // namespace cdc
