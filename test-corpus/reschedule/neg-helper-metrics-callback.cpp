// Near-miss: a failed connection hands itself to a monitor, which registers a gauge callback
// that reads how many requests are pending. The callback reports; it runs nothing again: clean.
#include <functional>
#include <string>

namespace mesh {

struct Status {
  bool ok() const;
};

class Registry {
 public:
  void add_gauge(const std::string& name, std::function<long()> read);
};

class Link;

class Monitor {
 public:
  void watch(Link* link, const Status& why);

 private:
  Registry* registry_ = nullptr;
};

class Link {
 public:
  void open() {
    Status s = dial();
    if (!s.ok()) {
      monitor_.watch(this, s);
      return;
    }
    open_ = true;
  }
  long pending() const { return pending_; }

 private:
  Status dial();
  Monitor monitor_;
  long pending_ = 0;
  bool open_ = false;
};

void Monitor::watch(Link* link, const Status&) {
  registry_->add_gauge("link.pending", [link] { return link->pending(); });
}

}  // namespace mesh
