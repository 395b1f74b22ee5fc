// The decision is a std::optional ticket: TryEnter() returns std::nullopt when the breaker is
// open or when the single half-open ticket is taken (compare-exchange on a flag). Invoke() returns
// early without a ticket.
#include <atomic>
#include <chrono>
#include <functional>
#include <optional>

#include "absl/status/status.h"

namespace ads {

class BidderBreaker {
 public:
  enum class State { kClosed, kOpen, kHalfOpen };
  struct Ticket {
    bool trial = false;
  };

  absl::Status Invoke(const std::function<absl::Status()>& bid) {
    std::optional<Ticket> ticket = TryEnter();
    if (!ticket) return absl::UnavailableError("bidder breaker open");
    absl::Status s = bid();
    Leave(*ticket, s.ok());
    return s;
  }

 private:
  std::optional<Ticket> TryEnter() {
    switch (state_.load()) {
      case State::kClosed:
        return Ticket{};
      case State::kOpen:
        if (std::chrono::steady_clock::now().time_since_epoch().count() < reopen_at_.load()) return std::nullopt;
        state_.store(State::kHalfOpen);
        [[fallthrough]];
      case State::kHalfOpen: {
        bool idle = false;
        if (!trial_taken_.compare_exchange_strong(idle, true)) return std::nullopt;
        return Ticket{true};
      }
    }
    return std::nullopt;
  }

  void Leave(const Ticket& t, bool ok) {
    if (t.trial) trial_taken_.store(false);
    if (!ok) reopen_at_.store(std::chrono::steady_clock::now().time_since_epoch().count() + 4'000'000'000);
    state_.store(ok ? State::kClosed : State::kOpen);
  }

  std::atomic<State> state_{State::kClosed};
  std::atomic<bool> trial_taken_{false};
  std::atomic<long long> reopen_at_{0};
};

}  // namespace ads
