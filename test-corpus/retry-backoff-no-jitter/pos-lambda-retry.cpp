// Positive: the retry loop lives in a lambda; the caller's range-for over URLs is not a retry.
#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace cdn {

class HttpClient {
 public:
  std::optional<std::string> Get(const std::string& url);
};

class EdgeCache {
 public:
  void Put(const std::string& url, const std::string& body);
};

void WarmCache(HttpClient& http, EdgeCache& cache, const std::vector<std::string>& urls) {
  using namespace std::chrono_literals;
  auto fetch = [&http](const std::string& url) -> std::optional<std::string> {
    auto delay = 200ms;
    for (int attempt = 0; attempt < 4; ++attempt) {  // expect: retry-unbudgeted
      if (auto body = http.Get(url)) {
        return body;
      }
      std::this_thread::sleep_for(delay);  // expect: retry-backoff-no-jitter, retry-sleep-after-final-attempt
      delay *= 2;
    }
    return std::nullopt;
  };

  for (const std::string& url : urls) {
    if (auto body = fetch(url)) {
      cache.Put(url, *body);
    }
  }
}

}  // namespace cdn
