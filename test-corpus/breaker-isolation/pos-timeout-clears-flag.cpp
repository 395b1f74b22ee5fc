// A two-state breaker: `open_` is cleared by the first caller that arrives after the reset
// timeout, and from then on every caller is admitted; nothing limits the trial calls.
#include <atomic>
#include <chrono>

namespace telemetry {

class ExporterBreaker {
 public:
  using Clock = std::chrono::steady_clock;

  bool AllowRequest() {
    if (!open_.load()) return true;
    if (Clock::now() - Clock::time_point(Clock::duration(opened_at_.load())) < kResetTimeout) return false;
    failures_.store(0);
    open_.store(false);  // expect: breaker-half-open-flood
    return true;
  }

  void RecordFailure() {
    opened_at_.store(Clock::now().time_since_epoch().count());
    if (failures_.fetch_add(1) + 1 >= 3) open_.store(true);
  }

  void RecordSuccess() { failures_.store(0); }

 private:
  static constexpr std::chrono::seconds kResetTimeout{30};
  std::atomic<bool> open_{false};
  std::atomic<int> failures_{0};
  std::atomic<Clock::rep> opened_at_{0};
};

}  // namespace telemetry
