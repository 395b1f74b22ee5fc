// Positive: a std::optional result re-requested until it has a value; when the catalog is down,
// each lookup asks it three times in a row.
#include <cstdint>
#include <optional>
#include <string>

namespace discovery {

struct ServiceInstance {
  std::string address;
  uint16_t port = 0;
  std::string datacenter;
};

class ConsulCatalog {
 public:
  // nullopt when the agent did not answer or had no healthy instance.
  std::optional<ServiceInstance> PickHealthy(const std::string& service, const std::string& tag);
};

class Resolver {
 public:
  explicit Resolver(ConsulCatalog* catalog) : catalog_(catalog) {}

  std::optional<ServiceInstance> Resolve(const std::string& service) {
    constexpr int kMaxAttempts = 3;
    std::optional<ServiceInstance> instance;
    for (int attempt = 0; attempt < kMaxAttempts && !instance; ++attempt) {  // expect: retry-no-backoff, retry-unbudgeted
      instance = catalog_->PickHealthy(service, "primary");
    }
    return instance;
  }

 private:
  ConsulCatalog* catalog_;
};

}  // namespace discovery
