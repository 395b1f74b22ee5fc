// Positive: a request that retries until it succeeds. The backoff is capped and jittered, but
// with the payment processor down, every checkout thread waits here forever.
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace checkout {

struct Charge {
  std::string charge_id;
  long long amount_cents = 0;
};

class PaymentProcessor {
 public:
  absl::StatusOr<Charge> Capture(const std::string& authorization_id);
};

absl::StatusOr<Charge> CaptureCharge(PaymentProcessor& processor,
                                     const std::string& authorization_id) {
  constexpr std::chrono::milliseconds kBase(100);
  constexpr std::chrono::milliseconds kCap(10000);
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::chrono::milliseconds ceiling = kBase;
  while (true) {  // expect: retry-unbounded, retry-unbudgeted
    absl::StatusOr<Charge> charge = processor.Capture(authorization_id);
    if (charge.ok() || !absl::IsUnavailable(charge.status())) {
      return charge;
    }
    std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
    ceiling = std::min(ceiling * 2, kCap);
  }
}

}  // namespace checkout
