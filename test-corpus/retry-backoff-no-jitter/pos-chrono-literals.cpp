// Positive: a delay written with chrono literals (100ms) and doubled by adding it to itself.
#include <chrono>
#include <string>
#include <thread>

namespace notifications {

class PushGateway {
 public:
  bool Deliver(const std::string& device_token, const std::string& payload);
};

bool DeliverWithRetry(PushGateway& gateway, const std::string& device_token,
                      const std::string& payload) {
  using namespace std::chrono_literals;
  auto backoff = 100ms;
  for (int attempt = 0; attempt < 4; ++attempt) {  // expect: retry-unbudgeted
    if (gateway.Deliver(device_token, payload)) {
      return true;
    }
    if (attempt == 3) {
      break;
    }
    std::this_thread::sleep_for(backoff);  // expect: retry-backoff-no-jitter
    backoff += backoff;
  }
  return false;
}

}  // namespace notifications
