// Positive: `repeat_until(pred, max, delay)` runs a predicate that makes a call until it says
// done, pausing a constant delay between tries; the helper's loop is the retry (no backoff,
// no budget), and its caller passes a lambda that sends a heartbeat.
#include <chrono>
#include <thread>

namespace fleet {

template <class Pred>
bool repeat_until(Pred pred, int max_tries, std::chrono::milliseconds delay) {
  for (int tries = 0; tries < max_tries; ++tries) {  // expect: retry-no-backoff, retry-unbudgeted
    if (pred()) return true;
    std::this_thread::sleep_for(delay);
  }
  return false;
}

bool SendRegistration(const char* node_id);  // an RPC to the fleet manager

bool Register(const char* node_id) {
  return repeat_until([&] { return SendRegistration(node_id); }, 4, std::chrono::milliseconds(500));
}

}  // namespace fleet
