// Negative: a metrics agent keeps its uplink for the life of the process, on purpose; the loop
// says so with NOLINT(retry-unbounded). Reconnects are throttled, capped and jittered.
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>
#include <utility>

#include "resilience/rate_limiter.h"

namespace statsd {

class UplinkConnection {
 public:
  bool Connect(const std::string& collector);
  void PumpUntilDisconnected();  // returns when the collector drops the connection
};

class Uplink {
 public:
  Uplink(std::string collector, resilience::RateLimiter* reconnects)
      : collector_(std::move(collector)), reconnects_(reconnects) {}

  // Runs on a dedicated thread until the process exits.
  void Run() {
    constexpr std::chrono::milliseconds kInitial(100);
    constexpr std::chrono::milliseconds kCap(30000);
    std::mt19937_64 rng{std::random_device{}()};
    std::chrono::milliseconds ceiling = kInitial;
    while (true) {  // NOLINT(retry-unbounded): the uplink lives as long as the agent
      reconnects_->Acquire();
      if (conn_.Connect(collector_)) {
        ceiling = kInitial;
        conn_.PumpUntilDisconnected();
        continue;
      }
      std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
      std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
      ceiling = std::min(ceiling * 2, kCap);
    }
  }

 private:
  std::string collector_;
  resilience::RateLimiter* reconnects_;
  UplinkConnection conn_;
};

}  // namespace statsd
