// Positive: the round counter reaches the send, but only as the attempt's number and its
// per-try timeout: a member that Send() logs, and fields of the request. The chunk sent is the
// same every time, so this re-sends one request 3 times, 200 ms apart: a retry, not a walk.
#include <chrono>
#include <string>
#include <thread>

namespace upload {

struct Chunk {
  std::string id;
  std::string bytes;
};

struct PutRequest {
  std::string chunk_id;
  std::string body;
  int attempt = 0;
  int timeout_ms = 0;
};

class Transport {
 public:
  bool Post(const PutRequest& request);
};

void LogAttempt(int attempt, const std::string& chunk_id);

class ChunkUploader {
 public:
  bool Upload(const Chunk& chunk) {
    for (int round = 0; round < 3; ++round) {  // expect: retry-no-backoff, retry-unbudgeted
      attempt_ = round + 1;
      PutRequest request;
      request.chunk_id = chunk.id;
      request.body = chunk.bytes;
      request.attempt = round + 1;
      request.timeout_ms = 500 * (round + 1);
      if (Send(request)) {
        return true;
      }
      if (round + 1 < 3) {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
      }
    }
    return false;
  }

 private:
  bool Send(const PutRequest& request) {
    LogAttempt(attempt_, request.chunk_id);
    return transport_->Post(request);
  }

  Transport* transport_ = nullptr;
  int attempt_ = 0;
};

}  // namespace upload
