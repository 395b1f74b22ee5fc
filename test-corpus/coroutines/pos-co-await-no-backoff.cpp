// corpus-std: c++20
// A C++20 coroutine re-sends an awaited request at once, 3 times, with no wait and no budget.
#include "coro/task.h"

namespace sessions {

struct Token {
  bool ok() const { return valid; }
  bool valid = false;
};

class AuthClient {
 public:
  coro::task<Token> Refresh(const char* refresh_token);
};

coro::task<Token> RefreshSession(AuthClient& auth, const char* refresh_token) {
  Token token;
  for (int attempt = 0; attempt < 3; ++attempt) {  // expect: retry-no-backoff, retry-unbudgeted
    token = co_await auth.Refresh(refresh_token);
    if (token.ok()) break;
  }
  co_return token;
}

}  // namespace sessions
