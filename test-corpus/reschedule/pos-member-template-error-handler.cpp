// Positive: a member function template retried through its error handler. `write()` hands its
// failure to `on_write_error()`, whose `case ErrorClass::ambiguous:` sleeps a constant 5 ms and
// calls `write()` again with the same handler. Both are templates on the handler type, so the
// calls stay unresolved; each names the one member (template) of the class with that name.
// Reported at the re-invoking call.
#include <chrono>
#include <functional>
#include <string>
#include <thread>
#include <utility>

namespace ledger {

enum class ErrorClass { ok, transient, ambiguous, hard };

class Store {
 public:
  void put(const std::string& key, std::function<void(ErrorClass)> done);
};

class Attempt {
 public:
  template <typename Handler>
  void write(const std::string& key, Handler&& cb) {
    store_.put(key, [this, key, cb = std::forward<Handler>(cb)](ErrorClass ec) mutable {
      if (ec == ErrorClass::ok) {
        return cb(ec);
      }
      on_write_error(key, std::move(cb), ec);
    });
  }

  template <typename Handler>
  void on_write_error(const std::string& key, Handler&& cb, ErrorClass ec) {
    switch (ec) {
      case ErrorClass::ambiguous:
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        return write(key, std::forward<Handler>(cb));  // expect: retry-no-backoff, retry-unbounded, retry-unbudgeted
      default:
        return cb(ec);
    }
  }

 private:
  Store store_;
};

}  // namespace ledger
