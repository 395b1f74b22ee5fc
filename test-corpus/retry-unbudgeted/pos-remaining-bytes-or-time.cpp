// Positive: two flushes that re-send a failed write a constant 20 ms apart, each leaving early
// when something `remaining` runs short. In FlushWhileQuotaLeft that is the tenant's quota in
// bytes, which a failed write does not spend: it is no deadline, and the retries have no bound
// the tool can name. In FlushWithin it is a duration counted down by each pause: a deadline.
#include <chrono>
#include <string>
#include <thread>

namespace blob {

struct Status {
  bool ok() const;
};

class Store {
 public:
  Status Write(const std::string& key, const std::string& bytes);
  long QuotaLeft(const std::string& tenant) const;
};

Status FlushWhileQuotaLeft(Store& store, const std::string& tenant, const std::string& key,
                           const std::string& bytes) {
  while (true) {  // expect: retry-no-backoff says="the attempts 20 ms apart", retry-unbudgeted says="costs several calls"
    Status s = store.Write(key, bytes);
    if (s.ok()) {
      return s;
    }
    const long remaining = store.QuotaLeft(tenant);
    if (remaining < static_cast<long>(bytes.size())) {
      return s;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

Status FlushWithin(Store& store, const std::string& key, const std::string& bytes,
                   std::chrono::milliseconds budget) {
  std::chrono::milliseconds remaining = budget;
  while (true) {  // expect: retry-no-backoff says="attempts until a deadline 20 ms apart", retry-unbudgeted says="as many calls as fit before the deadline"
    Status s = store.Write(key, bytes);
    if (s.ok() || remaining <= std::chrono::milliseconds::zero()) {
      return s;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    remaining -= std::chrono::milliseconds(20);
  }
}

}  // namespace blob
