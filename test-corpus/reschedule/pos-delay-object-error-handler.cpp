// Positive: the same cycle of member function templates as pos-member-template-error-handler,
// waiting on a delay object the caller hands in: `delay()` sleeps before it returns, so the
// re-invocation waits, by a delay not visible here (and the object may count the attempts).
// Only the missing budget is claimed; "no delay" would be false.
#include <functional>
#include <string>
#include <utility>

namespace ledger2 {

enum class ErrorClass { ok, transient, ambiguous, hard };

class ExpDelay {
 public:
  void operator()();  // sleeps the next, growing, jittered delay; throws when spent
};

class Store {
 public:
  void put(const std::string& key, std::function<void(ErrorClass)> done);
};

class Attempt {
 public:
  template <typename Handler>
  void write(const std::string& key, ExpDelay& delay, Handler&& cb) {
    store_.put(key, [this, key, &delay, cb = std::forward<Handler>(cb)](ErrorClass ec) mutable {
      if (ec == ErrorClass::ok) {
        return cb(ec);
      }
      on_write_error(key, delay, std::move(cb), ec);
    });
  }

  template <typename Handler>
  void on_write_error(const std::string& key, ExpDelay& delay, Handler&& cb, ErrorClass ec) {
    switch (ec) {
      case ErrorClass::ambiguous:
        delay();
        return write(key, delay, std::forward<Handler>(cb));  // expect: retry-unbudgeted
      default:
        return cb(ec);
    }
  }

 private:
  Store store_;
};

}  // namespace ledger
