// A follower that tails a replicated log: a failed fetch is fetched again after a second,
// but every entry it applies steps the offset on inside the inner loop, so the next round
// asks for the entries after them. The offset is declared outside the loop: it moves on.
#include <chrono>
#include <cstdint>
#include <thread>
#include <vector>

namespace tail {

struct Status {
  bool ok() const { return code == 0; }
  int code = 0;
};

struct Entry {
  uint64_t index = 0;
};

Status FetchFrom(uint64_t offset, std::vector<Entry> *batch);
void Apply(const Entry &e);

Status Follow() {
  uint64_t offset = 0;
  while (true) {
    std::vector<Entry> batch;
    Status s = FetchFrom(offset, &batch);
    if (!s.ok()) {
      std::this_thread::sleep_for(std::chrono::seconds(1));
      continue;
    }
    if (batch.empty())
      return s;
    for (const Entry &e : batch) {
      Apply(e);
      ++offset;
    }
  }
}

}  // namespace tail
