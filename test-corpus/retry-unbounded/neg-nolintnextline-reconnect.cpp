// Negative: a sidecar's config watch that must never give up; NOLINTNEXTLINE on the line before
// the loop names both rules it waives. The reconnect wait is capped and jittered.
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

namespace mesh {

class XdsStream {
 public:
  bool Open(const std::string& control_plane, const std::string& node_id);
  void ApplyUpdatesUntilClosed();
};

void WatchClusterConfig(XdsStream& stream, const std::string& control_plane,
                        const std::string& node_id) {
  constexpr std::chrono::milliseconds kInitial(250);
  constexpr std::chrono::milliseconds kCap(20000);
  std::mt19937 rng{std::random_device{}()};
  std::chrono::milliseconds ceiling = kInitial;
  // The proxy serves stale config rather than none, so it watches for the life of the process;
  // one stream per process, so there is nothing to budget.
  // NOLINTNEXTLINE(retry-unbounded, retry-unbudgeted)
  for (;;) {
    if (stream.Open(control_plane, node_id)) {
      ceiling = kInitial;
      stream.ApplyUpdatesUntilClosed();
      continue;
    }
    std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
    ceiling = std::min(ceiling * 2, kCap);
  }
}

}  // namespace mesh
