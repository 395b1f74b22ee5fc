// Positive: a licence check re-sends its request whenever the caller's onRejected callback
// hands back a replacement (a fresh nonce after each rejection). Nothing caps the rounds and
// nothing waits between them: a server that keeps rejecting keeps this thread sending.
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

namespace licensing {

enum class Verdict { Ok, Rejected, Expired };

struct CheckRequest {
  std::string product;
  std::string nonce;
};

class CheckReply {
 public:
  Verdict GetVerdict() const;
  std::string Detail() const;
};

class LicenceServer {
 public:
  std::unique_ptr<CheckReply> Check(const CheckRequest& request);
};

using Replacement = std::function<std::unique_ptr<CheckRequest>(Verdict, const CheckReply&)>;

std::string Activate(LicenceServer& server, std::unique_ptr<CheckRequest> request,
                     const Replacement& shouldRetry) {
  std::unique_ptr<CheckReply> reply;
  for (;;) {  // expect: retry-no-backoff, retry-unbounded, retry-unbudgeted
    reply = server.Check(*request);
    if (!reply) {
      throw std::runtime_error("no reply");
    }
    const auto verdict = reply->GetVerdict();
    if (verdict == Verdict::Ok) {
      break;
    }
    request = shouldRetry(verdict, *reply);
    if (request == nullptr) {
      throw std::runtime_error(reply->Detail());
    }
  }
  return reply->Detail();
}

}  // namespace licensing
