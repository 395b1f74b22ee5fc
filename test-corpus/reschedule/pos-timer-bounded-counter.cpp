// Positive: a timer-driven retry bounded by a counter member. Up to kMaxRetries re-opens, 200 ms
// apart (constant, no jitter), no budget: retry-no-backoff and retry-unbudgeted, not unbounded.
#include <chrono>
#include <functional>
#include <system_error>

namespace vault {

class Timer {
 public:
  void expires_after(std::chrono::milliseconds d);
  void async_wait(std::function<void(std::error_code)> handler);
};

class Disk {
 public:
  std::error_code open(const char* path);
};

class Volume {
 public:
  void open() {
    std::error_code ec = disk_->open(path_);
    if (ec && retries_ < kMaxRetries) {
      ++retries_;
      timer_.expires_after(std::chrono::milliseconds(200));
      timer_.async_wait([this](std::error_code) { open(); });  // expect: retry-no-backoff, retry-unbudgeted
      return;
    }
    retries_ = 0;
  }

 private:
  static constexpr int kMaxRetries = 3;
  Disk* disk_ = nullptr;
  const char* path_ = "/data";
  Timer timer_;
  int retries_ = 0;
};

}  // namespace vault
