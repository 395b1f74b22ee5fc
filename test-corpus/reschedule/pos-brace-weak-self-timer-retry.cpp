// A class template re-runs an asynchronous fetch until it succeeds or its time is spent. It
// keeps a weak pointer to itself made with braces from `this->shared_from_this()`: inside a
// template the braces stay an unresolved list, and it is still the same object. On a
// retryable error it waits for the backoff on a timer, then calls `fetch` again with the time
// left (`timeLeft`). Bounded by that deadline, but no retry budget limits the calls.
#include <algorithm>
#include <chrono>
#include <functional>
#include <memory>
#include <system_error>

namespace catalog {

enum Outcome { Ok, TryAgain, Expired };
struct Error {
  Outcome outcome;
};
inline bool transient(Outcome o) { return o == TryAgain; }

using Millis = std::chrono::milliseconds;

template <typename Error, typename Value>
struct Eventual {
  void onSettled(std::function<void(const Error &, const Value &)> listener);
};
template <typename Error, typename Value>
struct Settler {
  void resolve(const Value &v);
  void reject(const Error &p);
  Eventual<Error, Value> eventual();
};
struct Alarm {
  void expires_after(Millis delay);
  void async_wait(std::function<void(const std::error_code &)> handler);
};
struct Pause {
  Millis next();
};

template <typename Value>
class Refetch : public std::enable_shared_from_this<Refetch<Value>> {
 public:
  Eventual<Error, Value> fetch(Millis timeLeft) {
    std::weak_ptr<Refetch<Value>> alive{this->shared_from_this()};
    source_().onSettled([this, alive, timeLeft](const Error &p, const Value &v) {
      auto self = alive.lock();
      if (!self) return;
      if (p.outcome == Ok) {
        settler_.resolve(v);
        return;
      }
      if (!transient(p.outcome)) {
        settler_.reject(p);
        return;
      }
      if (timeLeft.count() <= 0) {
        settler_.reject({Expired});
        return;
      }
      Millis wait = std::min(pause_.next(), timeLeft);
      alarm_->expires_after(wait);
      Millis rest = timeLeft - wait;
      alarm_->async_wait([this, alive, rest](const std::error_code &ec) {
        auto self = alive.lock();
        if (!self) return;
        if (ec) {
          settler_.reject({Expired});
        } else {
          fetch(rest);  // expect: retry-unbudgeted
        }
      });
    });
    return settler_.eventual();
  }

 private:
  std::function<Eventual<Error, Value>()> source_;
  Settler<Error, Value> settler_;
  Pause pause_;
  std::shared_ptr<Alarm> alarm_;
};

}  // namespace catalog
