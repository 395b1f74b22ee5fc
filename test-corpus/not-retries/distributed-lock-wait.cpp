// Near-miss: blocking acquires of a lock kept in a remote store. Each turn asks the store to
// take the key and goes round only while another client holds it, a healthy answer; a store
// error throws out of try_lock and leaves at once. A lock wait (std::mutex::lock over the
// network), not a retry of a failure: nothing here keeps callers in the loop while the store is
// down.
#include <chrono>
#include <random>
#include <string>
#include <thread>

namespace locks {

class LeaseStore {
 public:
  // Milliseconds of lease left when taken, <= 0 when another client holds it; throws on errors.
  std::chrono::milliseconds try_lock(const std::string& owner, std::chrono::milliseconds ttl);
};

class RemoteMutex {
 public:
  bool try_lock();  // throws on a store error

  void lock() {
    thread_local std::mt19937 gen(std::random_device{}());
    std::uniform_int_distribution<int> pause_ms(0, 4);
    do {
      std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms(gen)));
    } while (!try_lock());
  }
};

void AcquireLease(LeaseStore& store, const std::string& owner) {
  using namespace std::chrono_literals;
  while (true) {
    std::chrono::milliseconds left = store.try_lock(owner, 30s);
    if (left > 0ms) {
      break;
    }
    std::this_thread::sleep_for(100ms);
  }
}

}  // namespace locks
