// corpus-std: c++20
// An Asio C++20 coroutine connects with up to 6 attempts, awaiting a steady_timer armed with a
// delay that doubles from 200 ms (no jitter) between them. A budget is asked before each retry.
#include <chrono>

#include "boost/asio.hpp"
#include "resilience/retry_budget.h"

namespace asio = boost::asio;
using asio::ip::tcp;

asio::awaitable<bool> ConnectToBroker(tcp::socket& socket, tcp::endpoint broker,
                                      resilience::RetryBudget& budget) {
  auto executor = co_await asio::this_coro::executor;
  asio::steady_timer timer(executor);
  std::chrono::milliseconds delay(200);
  for (int attempt = 1; attempt <= 6; ++attempt) {
    try {
      co_await socket.async_connect(broker, asio::use_awaitable);
      co_return true;
    } catch (...) {
      socket.close();
    }
    if (attempt == 6 || !budget.TryRetry()) break;
    timer.expires_after(delay);
    co_await timer.async_wait(asio::use_awaitable);  // expect: retry-backoff-no-jitter
    delay *= 2;
  }
  co_return false;
}
