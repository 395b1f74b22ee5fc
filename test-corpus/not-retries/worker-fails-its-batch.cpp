// Near-miss: a routing worker thread. Each round it takes the pending batch of requests, refreshes
// its view of the cluster topology and forwards the batch. When the refresh throws, the whole batch
// is completed with that exception and the worker pauses before it takes the next batch. No request
// is attempted twice: the failure is delivered to the callers, and the next round serves new work.
#include <chrono>
#include <exception>
#include <thread>
#include <vector>

namespace routing {

struct Request {
  int id;
};

class Router {
 public:
  void WorkerLoop() {
    for (;;) {
      std::vector<Request> batch = AwaitBatch();
      try {
        RefreshTopology();
        if (Forward(batch))
          return;  // a stop request was in the batch
      } catch (...) {
        if (CompleteWithError(batch, std::current_exception()))
          return;
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        RequestRefresh();
      }
    }
  }

 private:
  std::vector<Request> AwaitBatch();
  void RefreshTopology();
  bool Forward(const std::vector<Request>& batch);
  bool CompleteWithError(const std::vector<Request>& batch, std::exception_ptr error);
  void RequestRefresh();
};

}  // namespace routing
