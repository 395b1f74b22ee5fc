// Negative: +/-20% proportional jitter on a capped exponential delay, as many client libraries do
// (delay * uniform_real(0.8, 1.2)).
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "resilience/retry_budget.h"

namespace identity {

struct Token {
  std::string access_token;
  long expires_in_s = 0;
};

class TokenServiceClient {
 public:
  absl::StatusOr<Token> Exchange(const std::string& refresh_token);
};

absl::StatusOr<Token> RefreshToken(TokenServiceClient& sts, resilience::RetryBudget& budget,
                                   const std::string& refresh_token) {
  constexpr int kMaxAttempts = 4;
  constexpr std::chrono::duration<double, std::milli> kBase(250.0);
  constexpr std::chrono::duration<double, std::milli> kCap(8000.0);
  thread_local std::mt19937 rng{std::random_device{}()};
  std::uniform_real_distribution<double> spread(0.8, 1.2);

  budget.OnRequest();
  absl::StatusOr<Token> token = sts.Exchange(refresh_token);
  for (int attempt = 1; attempt < kMaxAttempts && !token.ok(); ++attempt) {
    if (!budget.TryRetry()) {
      break;
    }
    const auto delay = std::min(kCap, kBase * (1 << attempt));
    std::this_thread::sleep_for(delay * spread(rng));
    token = sts.Exchange(refresh_token);
  }
  return token;
}

}  // namespace identity
