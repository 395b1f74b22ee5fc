// Near-miss: names that say "retry" on a loop that is not one. A parser's attempt counter
// walks the input, and a "retry" queue is drained. Names never make a retry on their own.
#include <string>
#include <vector>

namespace parse {

class Tokenizer {
 public:
  bool NextToken(std::string* token);
};

std::vector<std::string> TokenizeWithRetryMarkers(Tokenizer& tokenizer) {
  std::vector<std::string> tokens;
  std::string token;
  while (true) {
    if (!tokenizer.NextToken(&token)) {
      break;
    }
    tokens.push_back(token);
  }
  return tokens;
}

struct Job {};

class RetryQueue {
 public:
  Job* PopReady();
};

void Dispatch(Job* job);

void DrainRetryQueue(RetryQueue& retries) {
  while (Job* job = retries.PopReady()) {
    Dispatch(job);
  }
}

}  // namespace parse
