// Positive: the textbook shape, base * (1 << attempt) on a std::chrono duration, written inline
// in the sleep call.
#include <chrono>
#include <optional>
#include <string>
#include <thread>

namespace config {

struct Snapshot {
  std::string version;
  std::string body;
};

class ConfigServiceClient {
 public:
  std::optional<Snapshot> FetchLatest(const std::string& app);
};

std::optional<Snapshot> LoadConfig(ConfigServiceClient& client, const std::string& app) {
  constexpr int kMaxAttempts = 4;
  constexpr std::chrono::milliseconds kBase(100);
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {  // expect: retry-unbudgeted
    if (auto snapshot = client.FetchLatest(app)) {
      return snapshot;
    }
    std::this_thread::sleep_for(kBase * (1 << attempt));  // expect: retry-backoff-no-jitter, retry-sleep-after-final-attempt
  }
  return std::nullopt;
}

}  // namespace config
