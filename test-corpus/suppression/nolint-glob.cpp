// Suppression with globs: NOLINT(retry-*) silences the loop line; NOLINTNEXTLINE(retry-backoff-*)
// silences only retry-backoff-* on the sleep, so the sleep's other finding is still reported.
#include <chrono>
#include <string>
#include <thread>

namespace printing {

class IppPrinter {
 public:
  // false while the printer reports printer-state "stopped" or does not answer
  bool SubmitJob(const std::string& document_uri, int copies);
};

// A print server submits each job from its own spooler thread, one printer per queue.

bool PrintDocument(IppPrinter& printer, const std::string& document_uri, int copies) {
  constexpr int kMaxAttempts = 5;
  std::chrono::milliseconds delay(200);
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {  // NOLINT(retry-*)
    if (printer.SubmitJob(document_uri, copies)) {
      return true;
    }
    // NOLINTNEXTLINE(retry-backoff-*)
    std::this_thread::sleep_for(delay);  // expect: retry-sleep-after-final-attempt
    delay *= 2;
  }
  return false;
}

}  // namespace printing
