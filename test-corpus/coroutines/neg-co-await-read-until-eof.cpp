// corpus-std: c++20
// Not retries: a coroutine that reads a stream until it ends, handling each message, and one
// that reads a socket until the peer closes it.
#include <cstddef>
#include <optional>
#include <string>

#include "boost/asio.hpp"
#include "coro/task.h"

namespace feed {

struct Message {
  std::string body;
};

class Stream {
 public:
  // Empty at the end of the stream.
  coro::task<std::optional<Message>> Read();
};

void Handle(const Message& message);

coro::task<int> Consume(Stream& stream) {
  int handled = 0;
  while (auto message = co_await stream.Read()) {
    Handle(*message);
    ++handled;
  }
  co_return handled;
}

void Append(const char* data, std::size_t size);

boost::asio::awaitable<void> Drain(boost::asio::ip::tcp::socket& socket) {
  char buffer[4096];
  for (;;) {
    std::size_t n =
        co_await socket.async_read_some(boost::asio::buffer(buffer, sizeof buffer), boost::asio::use_awaitable);
    if (n == 0) break;
    Append(buffer, n);
  }
}

}  // namespace feed
