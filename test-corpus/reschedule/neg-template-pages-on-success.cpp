// Near-miss: a class template that reads a listing page by page. The reply handler of
// `fetch_page()` calls `next_page()` (through a dependent `self`) only when the page came back
// without error and has more; an error ends the walk. Resolved by name, the cycle is still the
// success path of a pagination, not a retry.
#include <functional>
#include <memory>
#include <string>
#include <system_error>

namespace catalog {

template <typename Client>
class Lister : public std::enable_shared_from_this<Lister<Client>> {
 public:
  explicit Lister(Client& client) : client_(client) {}

  void fetch_page() {
    client_.list(cursor_, [self = this->shared_from_this()](std::error_code ec, std::string next) {
      if (ec) {
        return self->fail(ec);
      }
      if (!next.empty()) {
        self->cursor_ = next;
        return self->next_page();
      }
      self->complete();
    });
  }

  void next_page() { fetch_page(); }

  void fail(std::error_code ec) { error_ = ec; }
  void complete() { done_ = true; }

 private:
  Client& client_;
  std::string cursor_;
  std::error_code error_;
  bool done_ = false;
};

}  // namespace catalog
