// Positive: a multi-get fetches each key through the transaction's attempt object; a transient
// failure hands the key to `refetch_after_backoff`, which runs a shared delay object
// (`(*backoff)(cb)`) whose callback is told whether the backoff is used up (`err`, an
// exception). Like a timer's status, that `err` says nothing of the fetch: the callback's
// re-fetch is the retry, after the delay object's wait. Its delays and its limit are the delay
// object's, not visible here: only the missing budget is claimed ("several calls").
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace snapshot {

enum class ErrorKind { transient, missing, hard };

struct Document {};

class ExpBackoffDelay {
 public:
  void operator()(std::function<void(std::exception_ptr)> then);
};

class TxnAttempt {
 public:
  void get(const std::string& key,
           std::function<void(std::optional<ErrorKind>, std::optional<Document>)> done);
};

class MultiGet : public std::enable_shared_from_this<MultiGet> {
 public:
  void fetch(const std::string& key, std::shared_ptr<ExpBackoffDelay> backoff) {
    attempt_->get(key, [self = shared_from_this(), key, backoff](std::optional<ErrorKind> ec,
                                                                  std::optional<Document> doc) {
      if (doc) {
        return self->store(key, *doc);
      }
      if (ec == ErrorKind::transient) {
        return self->refetch_after_backoff(key, backoff);
      }
      self->fail(key);
    });
  }

  void refetch_after_backoff(const std::string& key, std::shared_ptr<ExpBackoffDelay> backoff) {
    if (!backoff) {
      backoff = std::make_shared<ExpBackoffDelay>();
    }
    (*backoff)([self = shared_from_this(), key, backoff](std::exception_ptr err) {
      if (err) {
        return self->fail(key);
      }
      self->fetch(key, backoff);  // expect: retry-unbudgeted says="re-schedules `snapshot::MultiGet::refetch_after_backoff` on failure through `snapshot::ExpBackoffDelay::operator()`: under a full outage each request costs several calls"
    });
  }

  void store(const std::string& key, const Document& doc);
  void fail(const std::string& key);

 private:
  std::shared_ptr<TxnAttempt> attempt_;
};

}  // namespace snapshot
