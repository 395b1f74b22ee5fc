// Positive: the sleep is inside a small helper, Backoff(d), called from the loop with a growing
// delay. The finding is reported at the helper's call in the loop (where the delay grows without
// jitter); the helper's own sleep line takes a parameter and is not reported.
#include <chrono>
#include <string>
#include <thread>

#include "absl/status/status.h"

namespace orders {

void Backoff(std::chrono::milliseconds d) {
  std::this_thread::sleep_for(d);
}

class InventoryClient {
 public:
  absl::Status Reserve(const std::string& order_id);
};

absl::Status ReserveStock(InventoryClient& inventory, const std::string& order_id) {
  constexpr int kMaxAttempts = 4;
  std::chrono::milliseconds delay(100);
  absl::Status status = inventory.Reserve(order_id);
  for (int attempt = 1; attempt < kMaxAttempts && absl::IsUnavailable(status); ++attempt) {  // expect: retry-unbudgeted
    Backoff(delay);  // expect: retry-backoff-no-jitter
    delay *= 2;
    status = inventory.Reserve(order_id);
  }
  return status;
}

}  // namespace orders
