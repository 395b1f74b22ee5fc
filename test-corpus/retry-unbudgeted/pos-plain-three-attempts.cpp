// Positive: a sound-looking 3-attempt loop (capped full jitter, no sleep after the last attempt)
// that never asks a budget: in an outage every request becomes three, tripling the load.
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace recs {

struct Recommendations {
  std::string user_id;
  std::string item_ids_csv;
};

class RankingServiceClient {
 public:
  absl::StatusOr<Recommendations> Rank(const std::string& user_id, int limit);
};

absl::StatusOr<Recommendations> TopItems(RankingServiceClient& ranking,
                                         const std::string& user_id) {
  constexpr int kMaxAttempts = 3;
  constexpr std::chrono::milliseconds kBase(50);
  constexpr std::chrono::milliseconds kCap(400);
  thread_local std::mt19937_64 rng{std::random_device{}()};

  absl::StatusOr<Recommendations> result = ranking.Rank(user_id, 20);
  for (int attempt = 1; attempt < kMaxAttempts && !result.ok(); ++attempt) {  // expect: retry-unbudgeted
    if (!absl::IsUnavailable(result.status())) {
      break;
    }
    const std::chrono::milliseconds ceiling = std::min(kCap, kBase * (1 << attempt));
    std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
    result = ranking.Rank(user_id, 20);
  }
  return result;
}

}  // namespace recs
