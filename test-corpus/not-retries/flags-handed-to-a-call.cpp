// Calls that report through a flag they are handed, where the flag says nothing about
// failure: a pager that reads until the server has no more rows, and a poll of a job's
// completion. Neither goes round because something failed.
#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace flags {

struct Status {
  bool ok() const { return code == 0; }
  int code = 0;
};

struct Row {
  std::string key;
};

Status FetchPage(int page, std::vector<Row> *rows, bool *has_more);
Status CheckJob(const std::string &id, bool *done);

Status ReadAll(std::vector<Row> *rows) {
  for (int page = 0;; ++page) {
    bool has_more = false;
    Status s = FetchPage(page, rows, &has_more);
    if (!s.ok())
      return s;
    if (!has_more)
      return s;
  }
}

Status WaitForJob(const std::string &id) {
  while (true) {
    bool done = false;
    Status s = CheckJob(id, &done);
    if (!s.ok() || done)
      return s;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

}  // namespace flags
