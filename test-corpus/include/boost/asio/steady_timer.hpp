// Corpus stub of boost/asio/steady_timer.hpp: a timer armed with expires_after and waited on
// with a completion handler, or (C++20) awaited with `use_awaitable`.
#ifndef BOOST_ASIO_STEADY_TIMER_HPP
#define BOOST_ASIO_STEADY_TIMER_HPP

#include <chrono>
#include <cstddef>

#include "boost/asio/io_context.hpp"
#include "boost/system/error_code.hpp"
#if defined(__cpp_impl_coroutine)
#include "boost/asio/awaitable.hpp"
#endif

namespace boost {
namespace asio {

class steady_timer {
 public:
  explicit steady_timer(io_context&) {}
  explicit steady_timer(any_io_executor) {}

  template <class Rep, class Period>
  std::size_t expires_after(std::chrono::duration<Rep, Period>) { return 0; }

  // Calls `handler(error_code)` when the timer expires or is cancelled.
  template <class Handler>
  void async_wait(Handler&& handler);

#if defined(__cpp_impl_coroutine)
  awaitable<void> async_wait(use_awaitable_t);
#endif
};

}  // namespace asio
}  // namespace boost

#endif  // BOOST_ASIO_STEADY_TIMER_HPP
