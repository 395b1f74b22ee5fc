// Classic incident 1: exponential backoff without jitter. Clients that fail together sleep
// 100, 200, 400, 800, 1600 ms together, so the dependency sees synchronised waves of retries.
#include <chrono>
#include <functional>
#include <string>
#include <system_error>
#include <thread>

namespace inventory {

// Runs fn up to 5 times; returns the last error, or an empty error_code on success.
std::error_code CallWithRetry(const std::function<std::error_code()>& fn) {
  const std::chrono::milliseconds base(100);
  std::error_code err;
  for (int attempt = 0; attempt < 5; ++attempt) {  // expect: retry-unbudgeted
    err = fn();
    if (!err) {
      return {};
    }
    // exponential, but no jitter
    const auto sleep = base * (1 << attempt);  // 100, 200, 400, 800, 1600 ms
    std::this_thread::sleep_for(sleep);  // expect: retry-backoff-no-jitter, retry-sleep-after-final-attempt
  }
  return err;
}

class StockClient {
 public:
  std::error_code Reserve(const std::string& sku, int quantity);
};

std::error_code ReserveItem(StockClient& stock, const std::string& sku, int quantity) {
  return CallWithRetry([&] { return stock.Reserve(sku, quantity); });
}

}  // namespace inventory
