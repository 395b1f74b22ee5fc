// Negative: a read loop written as a cycle of two methods. `on_read` stops on an error and, on
// success, hands the bytes on and reads again: the cycle goes round on success, not on failure.
#include <cstddef>
#include <functional>
#include <system_error>

namespace wire {

class Socket {
 public:
  void async_read(char* buffer, std::function<void(std::error_code, std::size_t)> done);
  void close();
};

void deliver(const char* data, std::size_t n);

class Reader {
 public:
  void read() {
    socket_.async_read(buffer_, [this](std::error_code ec, std::size_t n) { on_read(ec, n); });
  }

 private:
  void on_read(std::error_code ec, std::size_t n) {
    if (ec) {
      socket_.close();
      return;
    }
    deliver(buffer_, n);
    read();
  }

  Socket socket_;
  char buffer_[4096];
};

}  // namespace wire
