// A node that joins its cluster at start-up: it asks its peers whether it is a member, and
// the probe answers through two flags. When the peers could not be reached it waits a fixed
// 5 s and asks again, for as long as the join option is on: no growth, no attempt cap. It is
// unbounded too, and the model misses that (the exit when no join is needed is not an outcome
// it can read): retry-unbounded is left out of the expectations until it is found.
#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace cluster {

struct Status {
  bool ok() const { return code == 0; }
  static Status OK() { return Status{}; }
  int code = 0;
};

Status ProbePeers(const std::vector<std::string> &peers, bool *try_again, bool *needs_join);
Status AddSelf(const std::vector<std::string> &peers);

bool g_auto_join = true;

Status JoinOnStart(const std::vector<std::string> &peers) {
  while (g_auto_join) {  // expect: retry-no-backoff, retry-unbudgeted
    bool try_again = false;
    bool needs_join = false;
    Status s = ProbePeers(peers, &try_again, &needs_join);
    if (!s.ok())
      return s;
    if (try_again) {
      std::this_thread::sleep_for(std::chrono::seconds(5));
      continue;
    }
    if (!needs_join)
      break;
    return AddSelf(peers);
  }
  return Status::OK();
}

}  // namespace cluster
