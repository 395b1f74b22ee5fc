// Near-miss: the same brace-initialised weak pointer to itself in a class template, and the
// same timer that runs `fetch` again. But the timer is armed only after a success, to pace the
// next poll; an error settles the result and stops. A paced poll after a good answer is not a
// retry, and the liveness check (`alive.lock()`) says nothing about an outcome.
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
      if (p.outcome != Ok) {
        settler_.reject(p);
        return;
      }
      settler_.resolve(v);
      alarm_->expires_after(pause_.next());
      alarm_->async_wait([this, alive, timeLeft](const std::error_code &ec) {
        auto self = alive.lock();
        if (!self) return;
        if (ec) {
          settler_.reject({Expired});
        } else {
          fetch(timeLeft);
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
