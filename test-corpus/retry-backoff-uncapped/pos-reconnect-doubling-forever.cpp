// Positive: a follower dials its leader until it succeeds, doubling the jittered ceiling with no
// cap: the 21st wait can last up to 29 hours. The loop is also unbounded and unbudgeted.
#include <chrono>
#include <random>
#include <string>
#include <thread>
#include <utility>

namespace replication {

class LeaderLink {
 public:
  bool Connect(const std::string& leader_address);
  void StreamWal();
};

class Follower {
 public:
  explicit Follower(std::string leader_address) : leader_address_(std::move(leader_address)) {}

  void AttachToLeader() {
    std::mt19937_64 rng{std::random_device{}()};
    std::chrono::milliseconds delay(100);
    while (true) {  // expect: retry-unbounded, retry-unbudgeted
      if (link_.Connect(leader_address_)) {
        break;
      }
      std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, delay.count());
      std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
      delay *= 2;  // expect: retry-backoff-uncapped
    }
    link_.StreamWal();
  }

 private:
  std::string leader_address_;
  LeaderLink link_;
};

}  // namespace replication
