// Positive: the delay comes from a member through `std::exchange`: `TakePause()` hands out the
// current pause and doubles the member for next time, with no cap. The reconnect loop runs until
// it connects and asks no budget. Reported at the sleep (no jitter), at the growth (no cap) and
// at the loop (no attempt cap, no budget).
#include <chrono>
#include <thread>
#include <utility>

namespace telemetry {

class Socket {
 public:
  bool Connect(const char* endpoint);
};

class Exporter {
 public:
  void Reconnect() {
    while (!socket_.Connect(endpoint_)) {  // expect: retry-unbounded, retry-unbudgeted
      std::this_thread::sleep_for(TakePause());  // expect: retry-backoff-no-jitter says="sleeps on `telemetry::Exporter::pause_`, which gives 100, 200, 400"
    }
    pause_ = std::chrono::milliseconds(100);
  }

 private:
  std::chrono::milliseconds TakePause() {
    return std::exchange(pause_, pause_ * 2);  // expect: retry-backoff-uncapped
  }

  Socket socket_;
  const char* endpoint_ = "collector:4317";
  std::chrono::milliseconds pause_{100};
};

}  // namespace telemetry
