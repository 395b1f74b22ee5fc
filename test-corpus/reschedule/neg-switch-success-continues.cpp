// Near-miss: a switch on the read's code paces the next read after a successful one and stops
// on end of stream; a failed read reports and stops. Continuing after success: clean.
#include <chrono>
#include <functional>
#include <system_error>

namespace tail {

enum class Code { ok, end_of_stream, failed };

struct Status {
  Code code() const;
};

class Timer {
 public:
  void expires_after(std::chrono::milliseconds d);
  void async_wait(std::function<void(std::error_code)> handler);
};

class Log {
 public:
  void read(long offset, std::function<void(Status)> done);
};

class Follower {
 public:
  void read() {
    log_->read(offset_, [this](Status s) { on_read(s); });
  }

 private:
  void on_read(const Status& status) {
    switch (status.code()) {
      case Code::ok:
        timer_.expires_after(std::chrono::milliseconds(100));
        timer_.async_wait([this](std::error_code) { read(); });
        break;
      case Code::end_of_stream:
        finished_ = true;
        break;
      default:
        ++errors_;
        break;
    }
  }

  Log* log_ = nullptr;
  Timer timer_;
  long offset_ = 0;
  bool finished_ = false;
  int errors_ = 0;
};

}  // namespace tail
