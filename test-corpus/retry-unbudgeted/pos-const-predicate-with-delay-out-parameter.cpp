// An HTTP pipeline's retry stage: a const predicate decides whether to go round and writes
// the delay into an out-parameter. Writing a duration it was handed does not make the
// predicate an operation: the bound it reads (MaxRetries) is the loop's bound.
#include <chrono>
#include <memory>
#include <stdexcept>
#include <thread>

namespace pipeline {

struct TransportError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Response {
  int status = 200;
};

struct RetryOptions {
  int MaxRetries = 3;
  std::chrono::milliseconds RetryDelay{800};
};

class NextStage {
 public:
  std::unique_ptr<Response> Send();
};

class RetryStage {
 public:
  std::unique_ptr<Response> Send(NextStage &next) {
    for (int attempt = 1;; ++attempt) {  // expect: retry-unbudgeted says="bounded by `MaxRetries`"
      std::chrono::milliseconds retryAfter{};
      try {
        auto response = next.Send();
        if (!ShouldRetryOnResponse(*response, attempt, retryAfter))
          return response;
      } catch (const TransportError &) {
        if (!ShouldRetryOnTransportFailure(attempt, retryAfter))
          throw;
      }
      if (retryAfter.count() > 0)
        std::this_thread::sleep_for(retryAfter);
    }
  }

 private:
  bool WasLastAttempt(int attempt) const { return attempt > options_.MaxRetries; }
  bool ShouldRetryOnResponse(const Response &r, int attempt, std::chrono::milliseconds &after) const {
    if (WasLastAttempt(attempt) || r.status < 500)
      return false;
    after = Delay(attempt);
    return true;
  }
  bool ShouldRetryOnTransportFailure(int attempt, std::chrono::milliseconds &after) const {
    if (WasLastAttempt(attempt))
      return false;
    after = Delay(attempt);
    return true;
  }
  std::chrono::milliseconds Delay(int attempt) const;

  RetryOptions options_;
};

} // namespace pipeline
