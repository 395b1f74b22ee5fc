// Positive: retry on exception forever. Each failure is logged and backed off (capped, jittered),
// but the loop has no attempt cap and no deadline, so a lasting outage pins the caller.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>

namespace featureflags {

class UnavailableException : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct FlagSet {
  std::string environment;
  std::string json;
};

class FlagServiceClient {
 public:
  FlagSet FetchAll(const std::string& environment);  // throws UnavailableException
};

FlagSet LoadFlags(FlagServiceClient& flags, const std::string& environment) {
  constexpr std::chrono::milliseconds kCap(8000);
  std::mt19937_64 rng{std::random_device{}()};
  std::chrono::milliseconds ceiling(250);
  while (true) {  // expect: retry-unbounded, retry-unbudgeted
    try {
      return flags.FetchAll(environment);
    } catch (const UnavailableException& e) {
      std::fprintf(stderr, "flag service unavailable (%s); retrying\n", e.what());
      std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
      std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
      ceiling = std::min(ceiling * 2, std::chrono::milliseconds(kCap));
    }
  }
}

}  // namespace featureflags
