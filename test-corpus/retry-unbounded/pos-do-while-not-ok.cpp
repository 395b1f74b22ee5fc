// Positive: do { ... } while (!ok): the loop ends only when the upload succeeds. Capped, jittered
// backoff, but no attempt cap and no deadline, and no budget.
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

namespace crashreport {

class CrashUploader {
 public:
  bool Upload(const std::string& minidump_path, const std::string& product_version);
};

void UploadMinidump(CrashUploader& uploader, const std::string& minidump_path,
                    const std::string& product_version) {
  constexpr std::chrono::seconds kCap(60);
  std::mt19937 rng{std::random_device{}()};
  std::chrono::milliseconds ceiling(500);
  bool ok = false;
  do {  // expect: retry-unbounded, retry-unbudgeted
    ok = uploader.Upload(minidump_path, product_version);
    if (!ok) {
      std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
      std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
      ceiling = std::min<std::chrono::milliseconds>(ceiling * 2, kCap);
    }
  } while (!ok);
}

}  // namespace crashreport
