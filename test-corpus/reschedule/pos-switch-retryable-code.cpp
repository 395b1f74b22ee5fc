// Positive: the failure is read from a switch on the reply's code. Busy and timed-out replies
// re-upload after a constant 250 ms timer; success and other codes stop. No attempt cap, no
// budget: one cycle upload -> on_response -> timer -> upload.
#include <chrono>
#include <functional>
#include <system_error>

namespace blob {

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
    client_->put(key_, [this](Status s) { on_response(s); });
  }

 private:
  void on_response(const Status& status) {
    switch (status.code()) {
      case Code::ok:
        done_ = true;
        break;
      case Code::busy:
      case Code::timed_out:
        timer_.expires_after(std::chrono::milliseconds(250));
        timer_.async_wait([this](std::error_code) { upload(); });  // expect: retry-no-backoff, retry-unbounded, retry-unbudgeted
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

}  // namespace blob
