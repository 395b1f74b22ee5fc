// Suppression: // NOLINT(retry-no-backoff, retry-unbudgeted) lists exactly the two findings on
// the loop line; an optimistic-concurrency loop re-reads and retries a lost race at once.
#include <cstdint>
#include <optional>
#include <string>

namespace config {

struct Versioned {
  std::string value;
  int64_t mod_revision = 0;
};

class EtcdKv {
 public:
  std::optional<Versioned> Get(const std::string& key);
  // false when the key's revision is no longer expected_revision (another writer won)
  bool CompareAndSwap(const std::string& key, int64_t expected_revision, const std::string& value);
};

// Appends a member to a comma-separated list stored under key.
bool AddMember(EtcdKv& kv, const std::string& key, const std::string& member) {
  constexpr int kMaxAttempts = 10;
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {  // NOLINT(retry-no-backoff, retry-unbudgeted)
    std::optional<Versioned> current = kv.Get(key);
    if (!current) {
      return false;
    }
    const std::string updated =
        current->value.empty() ? member : current->value + "," + member;
    if (kv.CompareAndSwap(key, current->mod_revision, updated)) {
      return true;
    }
  }
  return false;
}

}  // namespace config
