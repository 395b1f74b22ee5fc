// Negative: a dispatcher that pops events and handles them until it is told to stop. Each turn
// handles a new event; nothing is re-attempted, so this is an event loop, not a retry.
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>

namespace gateway {

struct Event {
  enum class Kind { kRequest, kTimer, kShutdown } kind;
  std::string payload;
};

class EventQueue {
 public:
  Event Pop() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return !events_.empty(); });
    Event ev = events_.front();
    events_.pop_front();
    return ev;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Event> events_;
};

class Dispatcher {
 public:
  explicit Dispatcher(EventQueue* queue) : queue_(queue) {}

  void Run() {
    while (running_.load()) {
      Event ev = queue_->Pop();
      if (ev.kind == Event::Kind::kShutdown) {
        running_.store(false);
        break;
      }
      Handle(ev);
    }
  }

 private:
  void Handle(const Event& ev);

  EventQueue* queue_;
  std::atomic<bool> running_{true};
};

}  // namespace gateway
