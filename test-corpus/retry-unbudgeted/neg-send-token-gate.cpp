// Near-miss: each retry is gated by a send token that the producer's quota hands out. That
// is a budget by another name, so the loop is not "unbudgeted". Capped, jittered, bounded.
#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

namespace stream {

class Producer {
 public:
  bool Send(int record);
  bool TryAcquireSendToken();  // a quota shared by every sender of this process
};

bool SendRecord(Producer& producer, int record, std::mt19937& rng) {
  for (int attempt = 0; attempt < 5; ++attempt) {
    if (producer.Send(record)) {
      return true;
    }
    if (attempt + 1 == 5 || !producer.TryAcquireSendToken()) {
      return false;
    }
    int ceiling = std::min(1000, 50 << attempt);
    std::uniform_int_distribution<int> jitter(0, ceiling);
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
  }
  return false;
}

}  // namespace stream
