// Not a retry: an Asio stackless coroutine (reenter/yield) that reads messages in a loop, handles
// each one and stops on the first error.
#include <cstddef>

#include "boost/asio.hpp"
#include "boost/asio/yield.hpp"

namespace asio = boost::asio;
using asio::ip::tcp;

class Reader : asio::coroutine {
 public:
  explicit Reader(tcp::socket& socket) : socket_(&socket) {}

  void operator()(boost::system::error_code ec = {}, std::size_t n = 0) {
    reenter(this) {
      for (;;) {
        yield socket_->async_read_some(asio::buffer(buffer_, sizeof buffer_), *this);
        if (ec) break;
        Handle(buffer_, n);
      }
      socket_->close();
    }
  }

 private:
  void Handle(const char* data, std::size_t size);

  tcp::socket* socket_;
  char buffer_[1024];
};

#include "boost/asio/unyield.hpp"
