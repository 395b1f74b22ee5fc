// Corpus stub of boost/asio/awaitable.hpp (C++20 only): `awaitable<T>`, the coroutine type of
// Asio's C++20 support, eagerly started with no scheduler; `use_awaitable` (use_awaitable.hpp)
// and `this_coro::executor` (this_coro.hpp) are here too.
#ifndef BOOST_ASIO_AWAITABLE_HPP
#define BOOST_ASIO_AWAITABLE_HPP

#include <coroutine>
#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

#include "boost/asio/io_context.hpp"

namespace boost {
namespace asio {

namespace this_coro {
struct executor_t {};
constexpr executor_t executor;
}  // namespace this_coro

struct use_awaitable_t {};
constexpr use_awaitable_t use_awaitable;

namespace detail {
template <class T>
struct awaitable_value {
  std::optional<T> value;
  void return_value(T v) { value = std::move(v); }
};
template <>
struct awaitable_value<void> {
  void return_void() {}
};

// co_await this_coro::executor: the executor the coroutine runs on.
struct executor_awaiter {
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  any_io_executor await_resume() const noexcept { return {}; }
};
}  // namespace detail

template <class T = void>
class awaitable {
 public:
  struct promise_type : detail::awaitable_value<T> {
    awaitable get_return_object() {
      return awaitable(std::coroutine_handle<promise_type>::from_promise(*this));
    }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void unhandled_exception() { std::terminate(); }
    detail::executor_awaiter await_transform(this_coro::executor_t) { return {}; }
    template <class A>
    A&& await_transform(A&& a) { return std::forward<A>(a); }
  };

  explicit awaitable(std::coroutine_handle<promise_type> h) : handle_(h) {}
  awaitable(awaitable&& other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  ~awaitable() {
    if (handle_) handle_.destroy();
  }

  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  T await_resume() {
    if constexpr (!std::is_void_v<T>) return std::move(*handle_.promise().value);
  }

 private:
  std::coroutine_handle<promise_type> handle_;
};

}  // namespace asio
}  // namespace boost

#endif  // BOOST_ASIO_AWAITABLE_HPP
