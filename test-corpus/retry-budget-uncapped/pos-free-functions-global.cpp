// Positive: a budget of free functions around a namespace-scope balance; the credit has no
// maximum.
#include <mutex>

namespace jobs {

std::mutex g_budget_mu;
double g_retry_tokens = 0;

void NoteRequest() {
  std::lock_guard<std::mutex> lock(g_budget_mu);
  g_retry_tokens = g_retry_tokens + 0.1;  // expect: retry-budget-uncapped
}

bool MayRetry() {
  std::lock_guard<std::mutex> lock(g_budget_mu);
  if (g_retry_tokens >= 1) {
    g_retry_tokens -= 1;
    return true;
  }
  return false;
}

}  // namespace jobs
