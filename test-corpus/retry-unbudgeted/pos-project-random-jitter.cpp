// A chunk fetch that backs off quadratically while the server is busy, scaled by a draw from
// the project's own generator class (not a <random> engine), until a 30 s deadline. The
// jitter is real and the deadline bounds it; only a budget is missing.
#include <chrono>
#include <cstdint>
#include <thread>

namespace chunks {

class ThreadSafeRandom {
 public:
  double NextDouble();
};

enum class Code { kOk, kBusy, kGone };

struct Reply {
  Code code = Code::kOk;
};

class Server {
 public:
  Reply Fetch(int chunk);
};

class Fetcher {
 public:
  Reply Get(Server &server, int chunk) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    for (int attempt = 1;; ++attempt) {  // expect: retry-unbudgeted
      Reply reply = server.Fetch(chunk);
      if (reply.code != Code::kBusy)
        return reply;
      auto pause = std::chrono::milliseconds(
          static_cast<int64_t>((0.5 + 0.5 * rng_.NextDouble()) * 10 * attempt * attempt));
      if (std::chrono::steady_clock::now() + pause > deadline)
        return reply;
      std::this_thread::sleep_for(pause);
    }
  }

 private:
  ThreadSafeRandom rng_;
};

}  // namespace chunks
