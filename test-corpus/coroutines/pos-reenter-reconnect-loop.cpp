// An Asio stackless coroutine (reenter/yield) that connects until it succeeds: each failed
// connect waits on a timer armed with a constant 1 s, with no attempt cap and no budget.
#include <chrono>

#include "boost/asio.hpp"
#include "boost/asio/yield.hpp"

namespace asio = boost::asio;
using asio::ip::tcp;

class Connector : asio::coroutine {
 public:
  Connector(tcp::socket& socket, asio::steady_timer& timer, tcp::endpoint peer)
      : socket_(&socket), timer_(&timer), peer_(peer) {}

  void operator()(boost::system::error_code ec = {}) {
    reenter(this) {
      for (;;) {  // expect: retry-no-backoff, retry-unbounded, retry-unbudgeted
        yield socket_->async_connect(peer_, *this);
        if (!ec) break;
        socket_->close();
        timer_->expires_after(std::chrono::seconds(1));
        yield timer_->async_wait(*this);
      }
      OnConnected();
    }
  }

 private:
  void OnConnected();

  tcp::socket* socket_;
  asio::steady_timer* timer_;
  tcp::endpoint peer_;
};

#include "boost/asio/unyield.hpp"
