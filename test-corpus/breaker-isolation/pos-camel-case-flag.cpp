// An outlier detector in camelCase: after five straight server errors a host is ejected
// (hostEjected_) for an ejection time that doubles on every ejection, capped, with no jitter.
// A timer calls Readmit() when the time is up, and every caller is back at once: no trial
// call first. The class name does not say breaker; the flag's own word "Ejected" does.
#include <algorithm>
#include <atomic>

namespace lb {

class UpstreamHost {
 public:
  bool Available() const { return !hostEjected_.load(); }

  void OnResponse(int status) {
    if (status < 500) {
      serverErrors_.store(0);
      return;
    }
    if (serverErrors_.fetch_add(1) + 1 >= kMaxServerErrors && !hostEjected_.exchange(true)) {
      ejectionMs_ = std::min(ejectionMs_ * 2, kMaxEjectionMs);  // expect: retry-backoff-no-jitter
    }
  }

  // Called by the detector's timer once ejectionMs() has passed.
  void Readmit() {
    serverErrors_.store(0);
    hostEjected_.store(false);  // expect: breaker-half-open-flood
  }

  int ejectionMs() const { return ejectionMs_; }

 private:
  static constexpr int kMaxServerErrors = 5;
  static constexpr int kMaxEjectionMs = 300000;
  std::atomic<bool> hostEjected_{false};
  std::atomic<int> serverErrors_{0};
  int ejectionMs_ = 1000;
};

}  // namespace lb
