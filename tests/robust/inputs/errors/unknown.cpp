// Expressions with errors (their declarations are in a header that is missing): a fact
// built on them is unknown, never a claim.
#include <chrono>
#include <thread>

int Call();

// The growth factor is unknown: no claim that the delay grows exponentially.
void GrowsByUnknownFactor() {
  auto delay = std::chrono::milliseconds(100);
  for (int attempt = 0; attempt < 5; ++attempt) {
    if (Call() == 0) return;
    std::this_thread::sleep_for(delay);
    delay *= kBackoffFactor;
  }
}

// The attempt cap is unknown: no claim that the loop is unbounded.
void CappedByUnknownLimit() {
  auto delay = std::chrono::milliseconds(100);
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    if (Call() == 0) return;
    std::this_thread::sleep_for(delay);
    delay *= 2;
  }
}

// The delay is computed by an unknown function: no claim that it is constant.
void DelayFromUnknownFunction() {
  auto delay = std::chrono::milliseconds(100);
  for (int attempt = 0; attempt < 5; ++attempt) {
    if (Call() == 0) return;
    std::this_thread::sleep_for(delay);
    delay = NextDelay(delay);
  }
}
