// Negative: a watch stream that reconnects for as long as the process runs, on purpose. It stops
// on shutdown, and every reconnect waits a capped, fully jittered delay.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <random>
#include <string>
#include <utility>

namespace kv {

class WatchStream {
 public:
  explicit WatchStream(std::string prefix) : prefix_(std::move(prefix)) {}

  void Run() {
    constexpr std::chrono::milliseconds kInitialBackoff(100);
    constexpr std::chrono::milliseconds kMaxBackoff(30000);
    constexpr std::chrono::seconds kHealthySession(60);
    std::mt19937_64 rng{std::random_device{}()};
    std::chrono::milliseconds ceiling = kInitialBackoff;

    while (!stopping_.load()) {
      const auto started = std::chrono::steady_clock::now();
      if (Connect()) {
        ConsumeUntilDisconnected();
        if (std::chrono::steady_clock::now() - started >= kHealthySession) {
          ceiling = kInitialBackoff;  // only a session that lasted resets the backoff
        }
      }
      std::uniform_int_distribution<std::chrono::milliseconds::rep> full_jitter(0, ceiling.count());
      WaitUnlessStopping(std::chrono::milliseconds(full_jitter(rng)));
      ceiling = std::min(ceiling * 2, kMaxBackoff);
    }
  }

  void Stop() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_.store(true);
    }
    cv_.notify_all();
  }

 private:
  bool Connect();
  void ConsumeUntilDisconnected();

  // Sleeps for d, but wakes at once when Stop() is called.
  void WaitUnlessStopping(std::chrono::milliseconds d) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait_for(lock, d, [this] { return stopping_.load(); });
  }

  std::string prefix_;
  std::atomic<bool> stopping_{false};
  std::mutex mu_;
  std::condition_variable cv_;
};

}  // namespace kv
