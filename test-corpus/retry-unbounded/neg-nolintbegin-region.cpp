// Negative: a NOLINTBEGIN(retry-*) / NOLINTEND(retry-*) region around a license checkout that
// must not give up; the region waives every retry rule (here unbounded, unbudgeted).
#include <algorithm>
#include <chrono>
#include <optional>
#include <random>
#include <string>
#include <thread>

namespace licensing {

struct Seat {
  std::string seat_id;
  std::string signed_token;
};

class LicenseServer {
 public:
  std::optional<Seat> Checkout(const std::string& product, const std::string& host_id);
};

// NOLINTBEGIN(retry-*)
// A workstation without a seat cannot start the product, so startup waits for one as long as it
// takes; the license server queues checkouts and sheds load by answering slowly.
Seat WaitForSeat(LicenseServer& server, const std::string& product, const std::string& host_id) {
  constexpr std::chrono::milliseconds kCap(30000);
  std::mt19937 rng{std::random_device{}()};
  std::chrono::milliseconds ceiling(500);
  while (true) {
    if (std::optional<Seat> seat = server.Checkout(product, host_id)) {
      return *seat;
    }
    std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
    ceiling = std::min(ceiling * 2, kCap);
  }
}
// NOLINTEND(retry-*)

}  // namespace licensing
