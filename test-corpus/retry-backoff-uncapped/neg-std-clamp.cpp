// Negative: the next ceiling is std::clamp(delay * 2, kMinDelay, kMaxDelay); the caller picks
// the attempt count, and the clamp keeps every wait between 50 ms and 3 s.
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "resilience/retry_budget.h"

namespace geo {

struct Coordinates {
  double lat = 0;
  double lng = 0;
};

class GeocoderClient {
 public:
  absl::StatusOr<Coordinates> Geocode(const std::string& address);
};

absl::StatusOr<Coordinates> GeocodeWithRetry(GeocoderClient& geocoder,
                                             resilience::RetryBudget& budget,
                                             const std::string& address, int max_attempts,
                                             std::chrono::milliseconds initial_delay) {
  constexpr std::chrono::milliseconds kMinDelay(50);
  constexpr std::chrono::milliseconds kMaxDelay(3000);
  thread_local std::mt19937 rng{std::random_device{}()};
  std::chrono::milliseconds delay = std::clamp(initial_delay, kMinDelay, kMaxDelay);

  budget.OnRequest();
  absl::StatusOr<Coordinates> result = geocoder.Geocode(address);
  for (int attempt = 1; attempt < max_attempts && !result.ok(); ++attempt) {
    if (!absl::IsUnavailable(result.status()) || !budget.TryRetry()) {
      break;
    }
    std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(delay.count() / 2,
                                                                         delay.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
    delay = std::clamp(delay * 2, kMinDelay, kMaxDelay);
    result = geocoder.Geocode(address);
  }
  return result;
}

}  // namespace geo
