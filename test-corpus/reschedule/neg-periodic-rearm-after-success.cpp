// Negative: a periodic catalog refresh. `arm_refresh` starts a one-minute timer whose callback
// lists the catalog (or, while the view is not ready, just arms the next round). A failed listing
// arms the next refresh at once; a successful one arms it too, from the callback that runs once
// the new entries are loaded. The timer runs again whatever the outcome: a period, not a retry
// of the failed listing.
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

namespace catalog {

enum Result { ResultOk, ResultTimeout, ResultUnavailable };
using Names = std::vector<std::string>;
using NamesPtr = std::shared_ptr<Names>;

class Timer {
 public:
  void expires_after(std::chrono::seconds d);
  void async_wait(std::function<void(const std::error_code&)> handler);
};

template <typename T>
class Future {
 public:
  Future& addListener(std::function<void(Result, const T&)> listener);
};

class Registry {
 public:
  Future<NamesPtr> list_async(const std::string& prefix);
};

using Done = std::function<void(Result)>;

class CatalogView : public std::enable_shared_from_this<CatalogView> {
 public:
  void arm_refresh() {
    running_ = false;
    timer_->expires_after(std::chrono::seconds(60));
    auto weak = weak_from_this();
    timer_->async_wait([weak](const std::error_code& ec) {
      if (auto self = weak.lock())
        self->on_timer(ec);
    });
  }

 private:
  void on_timer(const std::error_code& ec) {
    if (ec == std::errc::operation_canceled) {
      return;
    } else if (ec) {
      return;
    }
    const auto state = state_.load();
    if (state != kReady) {
      arm_refresh();
      return;
    }
    if (running_)
      return;
    running_ = true;
    auto registry = registry_.lock();
    if (!registry)
      return;
    registry->list_async(prefix_).addListener(
        std::bind(&CatalogView::on_listed, this, std::placeholders::_1, std::placeholders::_2));
  }

  void on_listed(Result result, const NamesPtr& names) {
    if (result != ResultOk) {
      arm_refresh();
      return;
    }
    Done after_load = [this](Result loaded) {
      if (loaded != ResultOk)
        note_stale();
      arm_refresh();
    };
    load(names, after_load);
  }

  void load(const NamesPtr& names, const Done& done);
  void note_stale();

  enum State { kReady, kClosing };
  std::atomic<State> state_{kReady};
  std::shared_ptr<Timer> timer_;
  std::weak_ptr<Registry> registry_;
  std::string prefix_;
  bool running_ = false;
};

}  // namespace catalog
