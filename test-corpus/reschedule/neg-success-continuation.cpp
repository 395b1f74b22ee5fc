// Negative: the next unit of work scheduled on success. A failed read stops the reader; a
// successful one hands the chunk on and schedules the next read (at once on the executor, or
// after a pacing timer). Nothing failed is attempted again.
#include <chrono>
#include <functional>
#include <system_error>

namespace stream {

struct Status {
  bool ok() const;
};

class Source {
 public:
  Status read(char* buffer);
};

class Executor {
 public:
  void post(std::function<void()> task);
};

class Timer {
 public:
  void expires_after(std::chrono::milliseconds d);
  void async_wait(std::function<void(std::error_code)> handler);
};

void report(Status s);
void consume(const char* buffer);

class Reader {
 public:
  void read_next() {
    Status s = source_->read(buffer_);
    if (!s.ok()) {
      report(s);
      return;
    }
    consume(buffer_);
    executor_->post([this] { read_next(); });
  }

  void read_paced() {
    Status s = source_->read(buffer_);
    if (s.ok()) {
      consume(buffer_);
      timer_.expires_after(std::chrono::milliseconds(10));
      timer_.async_wait([this](std::error_code) { read_paced(); });
    } else {
      report(s);
    }
  }

 private:
  Source* source_ = nullptr;
  Executor* executor_ = nullptr;
  Timer timer_;
  char buffer_[512];
};

}  // namespace stream
