// Negative: numbers a retry policy class holds that are not delays it computes: a timeout, an
// attempt limit, getters of configured delays, and an animation's frame delay. None is a
// delay policy; nothing here retries.
#include <chrono>

namespace ui {

class RetryPolicy {
 public:
  std::chrono::seconds Timeout() const { return std::chrono::seconds(30); }
  int MaxAttempts() const { return 5; }
  std::chrono::milliseconds initial_delay() const { return initial_delay_; }
  void set_initial_delay(std::chrono::milliseconds d) { initial_delay_ = d; }

 private:
  std::chrono::milliseconds initial_delay_{100};
};

class Spinner {
 public:
  int FrameDelayMs() const { return 16; }
  int NextFrame() { return frame_ = (frame_ + 1) % 8; }

 private:
  int frame_ = 0;
};

}  // namespace ui
