// Near-miss: a timing macro that wraps a block in a for loop that runs once. The loop is the
// macro's, and its body makes one call whose failure is handled by returning.
#include <string>

namespace timing {

class ScopedTimer {
 public:
  explicit ScopedTimer(const char* what);
  bool HasRun() const { return ran_; }
  void MarkHasRun() { ran_ = true; }

 private:
  bool ran_ = false;
};

#define TIME_BLOCK(what) for (::timing::ScopedTimer _t(what); !_t.HasRun(); _t.MarkHasRun())

struct Status {
  bool ok() const;
};

Status LoadCatalog(const std::string& path);

void Startup(const std::string& path) {
  TIME_BLOCK("load catalog") {
    if (!LoadCatalog(path).ok()) {
      return;
    }
  }
}

}  // namespace timing
