// Positive: each attempt hands the work to an executor and blocks on the future; an empty
// optional means "run it again". The wait on the future is the attempt itself, and nothing
// pauses between attempts.
#include <cstddef>
#include <future>
#include <optional>
#include <string>

namespace settlement {

struct Receipt {
  std::string id;
};

class Executor {
 public:
  std::future<std::optional<Receipt>> Submit(const std::string& batch);
};

std::optional<Receipt> Settle(Executor& executor, const std::string& batch,
                              std::size_t max_attempts) {
  std::size_t attempts = 0;
  while (attempts++ < max_attempts) {  // expect: retry-no-backoff, retry-unbudgeted
    auto pending = executor.Submit(batch);
    if (auto retval = pending.get(); retval) {
      return retval;
    }
  }
  return std::nullopt;
}

}  // namespace settlement
