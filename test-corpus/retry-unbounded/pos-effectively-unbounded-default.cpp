// Positive: the attempt cap is a member that defaults to SIZE_MAX, so unless every user
// remembers to set it the loop never gives up. The finding names the default it saw.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <thread>

namespace kafka_util {

class Broker {
 public:
  bool Commit(int64_t offset);
};

class CommitRetrier {
 public:
  void set_maximum_retries(size_t n) { maximum_retries_ = n; }

  bool Commit(Broker& broker, int64_t offset) {
    for (size_t attempt = 0; attempt < maximum_retries_; ++attempt) {  // expect: retry-unbounded says="effectively unbounded: `maximum_retries_` defaults to SIZE_MAX", retry-no-backoff, retry-unbudgeted
      if (broker.Commit(offset)) {
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

 private:
  size_t maximum_retries_ = SIZE_MAX;
};

}  // namespace kafka_util
