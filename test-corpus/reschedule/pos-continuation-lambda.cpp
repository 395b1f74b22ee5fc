// Positive: a retry written as a continuation. When the upload's future completes with an error
// and attempts remain, the continuation calls `Run` again: a bounded retry with no budget (not
// unbounded: the attempt number is compared with kMaxAttempts). When the next attempt starts
// depends on when `Put` completes, which the model does not see (a client may wait or time out
// inside it), so no "no delay" claim is made.
#include <functional>

namespace blobs {

struct Status {
  bool ok() const;
};

template <typename T>
class Future {
 public:
  Future<T> then(std::function<Future<T>(T)> continuation);
};

Future<Status> ReadyFuture(Status s);

class Store {
 public:
  Future<Status> Put(const char* key);
};

class Uploader {
 public:
  Future<Status> Run(int attempt) {
    return store_->Put(key_).then([this, attempt](Status s) -> Future<Status> {
      if (!s.ok() && attempt + 1 < kMaxAttempts)
        return Run(attempt + 1);  // expect: retry-unbudgeted says="re-schedules `blobs::Uploader::Run` on failure through `blobs::Future<blobs::Status>::then`: under a full outage each request costs 4 calls"
      return ReadyFuture(s);
    });
  }

 private:
  static constexpr int kMaxAttempts = 4;
  Store* store_ = nullptr;
  const char* key_ = "k";
};

}  // namespace blobs
