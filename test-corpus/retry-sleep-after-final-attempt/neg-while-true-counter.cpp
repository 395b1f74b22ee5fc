// Negative: while (true) { if (op()) return; if (++attempts >= kMax) return err; sleep(d); }:
// the attempt check comes first, so the sleep always precedes another attempt.
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "resilience/retry_budget.h"

namespace mail {

class ImapSession {
 public:
  bool Append(const std::string& mailbox, const std::string& rfc822_message);
};

absl::Status SaveToSent(ImapSession& imap, resilience::RetryBudget& budget,
                        const std::string& rfc822_message) {
  constexpr int kMaxAttempts = 4;
  constexpr std::chrono::milliseconds kCap(2000);
  thread_local std::mt19937 rng{std::random_device{}()};
  std::chrono::milliseconds ceiling(250);
  int attempts = 0;

  budget.OnRequest();
  while (true) {
    if (imap.Append("Sent", rfc822_message)) {
      return absl::OkStatus();
    }
    if (++attempts >= kMaxAttempts) {
      return absl::UnavailableError("IMAP APPEND failed after 4 attempts");
    }
    if (!budget.TryRetry()) {
      return absl::UnavailableError("IMAP APPEND failed; retry budget exhausted");
    }
    std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0, ceiling.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
    ceiling = std::min(ceiling * 2, kCap);
  }
}

}  // namespace mail
