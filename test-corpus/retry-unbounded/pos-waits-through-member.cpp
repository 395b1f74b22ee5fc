// Positive: a reconnect loop with no cap and no deadline that waits between attempts
// through a condition-variable wrapper whose code lives elsewhere. The wait is real but
// its length is not visible here: the finding says what it waits through, never "no delay".
#include <chrono>

namespace feeds {

class Waiter {
 public:
  // Returns early when Notify() is called; defined in waiter.cc.
  bool WaitFor(std::chrono::milliseconds timeout);
};

class FeedSocket {
 public:
  bool Connect(const char* endpoint);
};

void ConnectForever(FeedSocket& socket, Waiter& waiter, const char* endpoint) {
  while (!socket.Connect(endpoint)) {  // expect: retry-unbounded says="waiting through `feeds::Waiter::WaitFor` between attempts", retry-unbudgeted
    waiter.WaitFor(std::chrono::milliseconds(500));
  }
}

}  // namespace feeds
