// Negative: one-shot fallbacks. A failure switches a mode and tries once more in it: a flag the
// guard tests is set before the second try, or the retry passes the very credentials its guard
// rules out. Neither can go round again, so neither is a retry cycle.
#include <functional>

namespace admin {

struct Status {
  bool ok() const;
  bool IsNotAuthorized() const;
};

enum class Credentials { kToken, kPrimary };

class Master {
 public:
  Status Register(bool legacy);
  void Connect(Credentials creds, std::function<void(Status)> done);
};

void Fail(Status s);

class Client {
 public:
  void Register() {
    Status s = master_->Register(legacy_);
    if (!s.ok() && !legacy_) {
      legacy_ = true;  // an old master: ask it the old way, once
      Register();
      return;
    }
    if (!s.ok())
      Fail(s);
  }

  void Reconnect(Credentials creds) {
    master_->Connect(creds, [this, creds](Status s) { OnConnected(creds, s); });
  }

 private:
  void OnConnected(Credentials creds, Status s) {
    if (s.IsNotAuthorized() && creds != Credentials::kPrimary) {
      Reconnect(Credentials::kPrimary);
      return;
    }
    if (!s.ok())
      Fail(s);
  }

  Master* master_ = nullptr;
  bool legacy_ = false;
};

}  // namespace admin
