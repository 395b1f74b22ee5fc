// Positive: a request router whose failed replies go to `backoff_then_resend`. It asks the
// request's strategy whether to retry (`decision.need_to_retry()`), parks the request on a retry
// queue (whose `push` can refuse it), and re-sends it from a timer armed for the strategy's
// delay. The test of the queue's error code after the decision is the retry's own bookkeeping,
// not the attempt's success. The delay and the bound come from the strategy, which is not
// visible: only the missing budget is claimed ("several calls"), never "no delay" or "unbounded".
#include <chrono>
#include <functional>
#include <memory>
#include <system_error>

namespace relay {

enum class Reason { none, node_down, busy };

class Decision {
 public:
  bool need_to_retry() const;
  std::chrono::milliseconds delay() const;
};

struct Request {
  Decision ask_strategy(Reason why);
  void finish(std::error_code ec);
};

class ParkingQueue {
 public:
  std::error_code push(const std::shared_ptr<Request>& req);
  bool take(const std::shared_ptr<Request>& req);
};

class Timer {
 public:
  void expires_after(std::chrono::milliseconds d);
  void async_wait(std::function<void(std::error_code)> handler);
};

class Link {
 public:
  void write(const std::shared_ptr<Request>& req, std::function<void(std::error_code, Reason)> done);
};

class Router : public std::enable_shared_from_this<Router> {
 public:
  void resend(const std::shared_ptr<Request>& req) {
    link_.write(req, [self = shared_from_this(), req](std::error_code ec, Reason why) {
      if (!ec) {
        return req->finish(ec);
      }
      if (!self->backoff_then_resend(req, why)) {
        req->finish(ec);
      }
    });
  }

  bool backoff_then_resend(const std::shared_ptr<Request>& req, Reason why) {
    Decision decision = req->ask_strategy(why);
    if (!decision.need_to_retry()) {
      return false;
    }
    if (auto err = parked_.push(req); err) {
      req->finish(err);
      return true;
    }
    auto timer = std::make_shared<Timer>();
    timer->expires_after(decision.delay());
    timer->async_wait([self = shared_from_this(), req, timer](std::error_code ec) {
      if (!self->parked_.take(req) || ec) {
        return;
      }
      self->resend(req);  // expect: retry-unbudgeted says="re-schedules `relay::Router::resend` on failure through `relay::Timer::expires_after`: under a full outage each request costs several calls"
    });
    return true;
  }

 private:
  Link link_;
  ParkingQueue parked_;
};

}  // namespace relay
