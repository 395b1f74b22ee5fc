// corpus-std: c++20
// A C++20 coroutine retries an awaited RPC 5 times, awaiting a project timer between attempts
// whose delay doubles from 100 ms with no jitter. The loop asks no budget.
#include <chrono>

#include "coro/task.h"

namespace inventory {

struct Reply {
  bool ok() const { return code == 0; }
  int code = 0;
};

class StockClient {
 public:
  coro::task<Reply> Reserve(int sku, int quantity);
};

coro::task<Reply> ReserveWithRetry(StockClient& client, int sku, int quantity) {
  using namespace std::chrono_literals;
  std::chrono::milliseconds backoff = 100ms;
  Reply reply;
  for (int attempt = 0; attempt < 5; ++attempt) {  // expect: retry-unbudgeted
    reply = co_await client.Reserve(sku, quantity);
    if (reply.ok()) co_return reply;
    if (attempt + 1 == 5) break;
    co_await coro::sleep_for(backoff);  // expect: retry-backoff-no-jitter
    backoff *= 2;
  }
  co_return reply;
}

}  // namespace inventory
