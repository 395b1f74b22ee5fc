// Positive: each failed send throws the pooled session away and builds a new one around the
// same request at once. The round counter only picks when to flush the pool (a flag from a
// comparison), so the request does not move on: this is a retry with no delay.
#include <memory>
#include <string>

namespace blobstore {

enum class SendResult { Ok, PeerClosed, WriteFailed, BadProtocol };

struct PutRequest {
  std::string container;
  std::string key;
  std::string body;
};

class Channel {};

class ChannelPool {
 public:
  Channel* Acquire(const PutRequest& request, bool flushFirst);
};

class Session {
 public:
  Session(const PutRequest& request, Channel* channel);
  SendResult Send();
};

constexpr int kRounds = 6;
constexpr int kFlushAfter = 2;

SendResult PutBlob(ChannelPool& pool, const PutRequest& request) {
  auto session = std::make_unique<Session>(request, pool.Acquire(request, false));
  SendResult result = SendResult::PeerClosed;
  for (int round = 0; round < kRounds; ++round) {  // expect: retry-no-backoff, retry-unbudgeted
    result = session->Send();
    if (result != SendResult::PeerClosed && result != SendResult::WriteFailed) {
      break;
    }
    session = std::make_unique<Session>(request, pool.Acquire(request, round + 1 >= kFlushAfter));
  }
  return result;
}

}  // namespace blobstore
