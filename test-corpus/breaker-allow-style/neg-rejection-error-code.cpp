// The decision is a std::error_code: Admit() returns an error while open and while a trial is in
// flight (a flag taken with exchange); Run() returns early whenever the code is set.
#include <atomic>
#include <chrono>
#include <system_error>

namespace storage {

class BlobBreaker {
 public:
  enum class State { kClosed, kOpen, kHalfOpen };
  using Clock = std::chrono::steady_clock;

  template <typename Op>
  std::error_code Run(Op&& op) {
    if (std::error_code ec = Admit()) return ec;
    std::error_code result = op();
    Settle(!result);
    return result;
  }

 private:
  std::error_code Admit() {
    State s = state_.load();
    if (s == State::kClosed) return {};
    if (s == State::kOpen) {
      if (Clock::now().time_since_epoch().count() < retry_at_.load())
        return std::make_error_code(std::errc::connection_refused);
      state_.store(State::kHalfOpen);
    }
    if (trial_in_flight_.exchange(true)) return std::make_error_code(std::errc::device_or_resource_busy);
    return {};
  }

  void Settle(bool ok) {
    trial_in_flight_.store(false);
    if (!ok) retry_at_.store(Clock::now().time_since_epoch().count() + 2'000'000'000);
    state_.store(ok ? State::kClosed : State::kOpen);
  }

  std::atomic<State> state_{State::kClosed};
  std::atomic<bool> trial_in_flight_{false};
  std::atomic<Clock::rep> retry_at_{0};
};

}  // namespace storage
