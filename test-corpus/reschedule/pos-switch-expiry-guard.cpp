// Positive: as pos-switch-retryable-code, but each upload first stops once the operation has
// expired (`if (auto err = error_if_expired()) return`): deadline-bounded. A constant 250 ms
// timer, no jitter, no budget.
#include <chrono>
#include <functional>
#include <system_error>

namespace blob2 {

enum class Code { ok, busy, timed_out, denied };

struct Status {
  Code code() const;
};

class Timer {
 public:
  void expires_after(std::chrono::milliseconds d);
  void async_wait(std::function<void(std::error_code)> handler);
};

class Client {
 public:
  void put(const char* key, std::function<void(Status)> done);
};

class Uploader {
 public:
  void upload() {
    if (auto err = error_if_expired()) {
      failed_ = true;
      return;
    }
    client_->put(key_, [this](Status s) { on_response(s); });
  }

 private:
  const char* error_if_expired() const;
  void on_response(const Status& status) {
    switch (status.code()) {
      case Code::ok:
        done_ = true;
        break;
      case Code::busy:
      case Code::timed_out:
        timer_.expires_after(std::chrono::milliseconds(250));
        timer_.async_wait([this](std::error_code) { upload(); });  // expect: retry-no-backoff, retry-unbudgeted
        break;
      default:
        failed_ = true;
        break;
    }
  }

  Client* client_ = nullptr;
  Timer timer_;
  const char* key_ = "k";
  bool done_ = false;
  bool failed_ = false;
};

}  // namespace blob2
