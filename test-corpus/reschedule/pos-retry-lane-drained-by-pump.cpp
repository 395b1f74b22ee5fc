// An outbox delivers envelopes over a link. A delivery that throws puts the envelope back on the
// retry lane while it has retries left, and pump() drains the lanes, delivering each envelope
// again. No call closes the cycle: the queue does. The next attempt comes at the next pump,
// whose timing is not visible here, and the envelope's own retry count bounds it in a way the
// model cannot count: only the missing budget is claimed, not "no delay" nor "unbounded".
#include <deque>
#include <mutex>
#include <stdexcept>
#include <string>
#include <utility>

namespace outbox {

struct LinkError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Link {
 public:
  // Throws LinkError when the peer cannot be reached.
  void write(const std::string &topic, const std::string &body);
};

struct Envelope {
  std::string topic, body;
  int retries = 3;
  bool has_retries_left() const { return retries > 0; }
  void spend_retry() { --retries; }
};

enum class Lane { Fresh, Retry };

class Outbox {
 public:
  void post(Envelope e) { put(std::move(e), Lane::Fresh); }

  void pump() {
    for (std::deque<Envelope> *lane : {&retry_lane_, &fresh_lane_}) {
      std::deque<Envelope> batch;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        batch.swap(*lane);
      }
      while (!batch.empty()) {
        deliver(batch.front());
        batch.pop_front();
      }
    }
  }

 private:
  void deliver(Envelope &e) {
    try {
      link_.write(e.topic, e.body);
    } catch (const LinkError &) {
      if (e.has_retries_left()) {
        e.spend_retry();
        put(std::move(e), Lane::Retry);  // expect: retry-unbudgeted says="through `outbox::Outbox::put`"
      }
    }
  }

  void put(Envelope e, Lane lane) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (lane == Lane::Retry)
      retry_lane_.push_back(std::move(e));
    else
      fresh_lane_.push_back(std::move(e));
  }

  Link link_;
  std::mutex mutex_;
  std::deque<Envelope> fresh_lane_, retry_lane_;
};

}  // namespace outbox
