// Near-miss: a status poll re-armed after every reply. The only test on the way to the re-arm
// is `if (state == JobState::cancelled) return;`: it rules out one value, and with no failure
// seen before it the path is the normal one, so the timer is periodic, not a retry.
#include <chrono>
#include <functional>
#include <memory>
#include <system_error>

namespace batch {

enum class JobState { queued, running, cancelled, done };

class SteadyTimer {
 public:
  void expires_after(std::chrono::milliseconds d);
  void async_wait(std::function<void(std::error_code)> handler);
};

class JobWatcher : public std::enable_shared_from_this<JobWatcher> {
 public:
  void refresh() {
    fetch_state([self = shared_from_this()](JobState state) {
      self->last_ = state;
      if (state == JobState::cancelled) {
        return;
      }
      self->timer_.expires_after(std::chrono::seconds(5));
      self->timer_.async_wait([self](std::error_code ec) {
        if (ec) {
          return;
        }
        self->refresh();
      });
    });
  }

 private:
  void fetch_state(std::function<void(JobState)> done);

  SteadyTimer timer_;
  JobState last_ = JobState::queued;
};

}  // namespace batch
