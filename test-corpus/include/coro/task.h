// Corpus stub of a project's C++20 coroutine library (C++20 only): `coro::task<T>`, an eagerly
// started task with no scheduler, and `coro::sleep_for(d)`, an awaitable timer that resumes the
// coroutine after `d` on the project's event loop (declared here, defined elsewhere).
#ifndef CORO_TASK_H_
#define CORO_TASK_H_

#include <chrono>
#include <coroutine>
#include <exception>
#include <optional>
#include <utility>

namespace coro {

namespace detail {
// Defined by the event loop: resumes `h` once `d` has passed.
void resume_after(std::coroutine_handle<> h, std::chrono::nanoseconds d);

template <class T>
struct promise_base {
  std::optional<T> value;
  void return_value(T v) { value = std::move(v); }
};
template <>
struct promise_base<void> {
  void return_void() {}
};
}  // namespace detail

template <class T = void>
class task {
 public:
  struct promise_type : detail::promise_base<T> {
    task get_return_object() { return task(std::coroutine_handle<promise_type>::from_promise(*this)); }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void unhandled_exception() { std::terminate(); }
  };

  explicit task(std::coroutine_handle<promise_type> h) : handle_(h) {}
  task(task&& other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  ~task() {
    if (handle_) handle_.destroy();
  }

  // Awaiting a task resumes the awaiter when it finishes (trivially here: it ran eagerly).
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  T await_resume() {
    if constexpr (!std::is_void_v<T>) return std::move(*handle_.promise().value);
  }

 private:
  std::coroutine_handle<promise_type> handle_;
};

// co_await coro::sleep_for(d): suspends the coroutine for `d`.
struct sleep_awaiter {
  std::chrono::nanoseconds delay;
  bool await_ready() const noexcept { return delay.count() <= 0; }
  void await_suspend(std::coroutine_handle<> h) const { detail::resume_after(h, delay); }
  void await_resume() const noexcept {}
};

template <class Rep, class Period>
sleep_awaiter sleep_for(std::chrono::duration<Rep, Period> d) {
  return sleep_awaiter{std::chrono::duration_cast<std::chrono::nanoseconds>(d)};
}

}  // namespace coro

#endif  // CORO_TASK_H_
