// Suppression: NOLINTBEGIN(retry-*) ... NOLINTEND(retry-*) silences every retry finding in the
// vendored client between them; the same mistakes after the region ends are reported.
#include <chrono>
#include <string>
#include <thread>

namespace vendor {

class SoapEndpoint {
 public:
  bool Call(const std::string& action, const std::string& envelope, std::string* reply);
};

// NOLINTBEGIN(retry-*)
// Vendored from the carrier's SDK; kept byte-identical so upstream patches apply cleanly.
bool CarrierCall(SoapEndpoint& endpoint, const std::string& action, const std::string& envelope,
                 std::string* reply) {
  long delay_ms = 100;
  while (true) {
    if (endpoint.Call(action, envelope, reply)) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    delay_ms *= 2;
  }
}
// NOLINTEND(retry-*)

}  // namespace vendor

namespace shipping {

// Our own wrapper: outside the region, so its findings are reported.
bool TrackParcel(vendor::SoapEndpoint& endpoint, const std::string& tracking_number,
                 std::string* status_xml) {
  const std::string envelope = "<TrackRequest><Id>" + tracking_number + "</Id></TrackRequest>";
  long delay_ms = 100;
  while (true) {  // expect: retry-unbounded, retry-unbudgeted
    if (endpoint.Call("Track", envelope, status_xml)) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));  // expect: retry-backoff-no-jitter
    delay_ms *= 2;  // expect: retry-backoff-uncapped
  }
}

}  // namespace shipping
