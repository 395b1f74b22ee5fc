// A template-method breaker whose protected operation is the virtual DoCall(). Half-open tests
// the admitted count against kMaxProbes, but only counts the excess: both outcomes of the test
// go on to DoCall().
#include <chrono>
#include <mutex>
#include <string>

#include "absl/status/status.h"

namespace rpc {

class CircuitBreakingClient {
 public:
  enum class State { kClosed, kOpen, kHalfOpen };
  using Clock = std::chrono::steady_clock;

  virtual ~CircuitBreakingClient() = default;

  absl::Status Call(const std::string& request) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (state_ == State::kOpen) {
        if (Clock::now() - opened_at_ < std::chrono::seconds(20)) {
          return absl::UnavailableError("circuit open");
        }
        state_ = State::kHalfOpen;
        admitted_ = 0;
      }
      if (state_ == State::kHalfOpen) {
        if (admitted_ >= kMaxProbes) {
          ++over_budget_;  // counted for the dashboard, not turned away
        }
        ++admitted_;
      }
    }
    absl::Status status = DoCall(request);  // expect: breaker-half-open-flood
    std::lock_guard<std::mutex> lock(mu_);
    if (status.ok()) {
      state_ = State::kClosed;
    } else {
      state_ = State::kOpen;
      opened_at_ = Clock::now();
    }
    return status;
  }

 protected:
  virtual absl::Status DoCall(const std::string& request) = 0;

 private:
  static constexpr int kMaxProbes = 1;
  std::mutex mu_;
  State state_ = State::kClosed;
  int admitted_ = 0;
  int over_budget_ = 0;
  Clock::time_point opened_at_;
};

}  // namespace rpc
