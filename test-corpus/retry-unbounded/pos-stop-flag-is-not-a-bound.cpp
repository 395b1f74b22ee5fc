// Positive: the startup task of a metadata cache pings the catalog once a second until the
// ping succeeds. `stopping_` lets shutdown interrupt it, but while the catalog is down nothing
// else ends the loop: a stop flag is not an attempt cap (compare neg-stop-requested.cpp, a
// worker that goes round on success too).
#include <atomic>
#include <chrono>
#include <thread>

namespace catalog {

struct Status {
  bool ok() const { return code == 0; }
  int code = 0;
};

class CatalogClient {
 public:
  Status Ping();
};

class MetadataCache {
 public:
  void WarmUp() {
    while (!stopping_.load()) {  // expect: retry-no-backoff, retry-unbounded, retry-unbudgeted
      Status s = client_.Ping();
      if (s.ok()) {
        ready_ = true;
        return;
      }
      std::this_thread::sleep_for(std::chrono::seconds(1));
    }
  }

  void Stop() { stopping_.store(true); }

 private:
  CatalogClient client_;
  std::atomic<bool> stopping_{false};
  bool ready_ = false;
};

}  // namespace catalog
