// Near-miss: a crawler's work queue. A page that has more is followed by queueing its next page
// (after a success), a failed fetch goes to a dead-letter list that is only reported, and the
// retry lane is filled by the caller's resubmit(), on no failure path. Nothing puts a failed
// request back on a queue that is drained into a fetch: no retry.
#include <deque>
#include <string>
#include <utility>
#include <vector>

namespace crawl {

struct Request {
  std::string url;
  std::string cursor;
  Request next_page(const std::string &next) const { return Request{url, next}; }
};

struct Page {
  int status = 0;
  std::string next_cursor;
  bool ok() const { return status == 200; }
  bool has_more() const { return !next_cursor.empty(); }
};

class Client {
 public:
  Page get(const Request &req);
};

enum class Lane { Fresh, Retry };

class Crawler {
 public:
  void submit(Request r) { enqueue(std::move(r), Lane::Fresh); }
  void resubmit(Request r) { enqueue(std::move(r), Lane::Retry); }

  void pump() {
    while (!retry_lane_.empty() || !fresh_lane_.empty()) {
      std::deque<Request> &lane = retry_lane_.empty() ? fresh_lane_ : retry_lane_;
      Request next = lane.front();
      lane.pop_front();
      fetch(next);
    }
  }

  void report() const {
    for (const Request &r : dead_letters_)
      log_failure(r);
  }

 private:
  void fetch(const Request &req) {
    Page page = client_.get(req);
    if (!page.ok()) {
      dead_letters_.push_back(req);
      return;
    }
    if (page.has_more())
      enqueue(req.next_page(page.next_cursor), Lane::Fresh);
  }

  void enqueue(Request r, Lane lane) {
    if (lane == Lane::Retry)
      retry_lane_.push_back(std::move(r));
    else
      fresh_lane_.push_back(std::move(r));
  }

  void log_failure(const Request &r) const;

  Client client_;
  std::deque<Request> fresh_lane_, retry_lane_;
  std::vector<Request> dead_letters_;
};

}  // namespace crawl
