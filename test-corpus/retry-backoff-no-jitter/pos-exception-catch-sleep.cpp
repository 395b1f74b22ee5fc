// Positive: exception-based retry, try/catch inside the loop and the growing sleep in the catch
// block; the last failure is rethrown before sleeping.
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>

namespace storage {

class TransientError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class BlobClient {
 public:
  std::string GetObject(const std::string& bucket, const std::string& key);  // throws TransientError
};

std::string DownloadObject(BlobClient& client, const std::string& bucket, const std::string& key) {
  constexpr int kMaxAttempts = 4;
  constexpr std::chrono::milliseconds kBase(150);
  for (int attempt = 0;; ++attempt) {  // expect: retry-unbudgeted
    try {
      return client.GetObject(bucket, key);
    } catch (const TransientError&) {
      if (attempt + 1 >= kMaxAttempts) {
        throw;
      }
      std::this_thread::sleep_for(kBase * (1 << attempt));  // expect: retry-backoff-no-jitter
    }
  }
}

}  // namespace storage
