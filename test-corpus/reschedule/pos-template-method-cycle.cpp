// Positive: a cycle of two methods of a class template. On `stale_schema` the reply handler of
// `lookup()` calls `schedule_lookup()`, which arms a constant 500 ms timer whose callback calls
// `lookup()` again. Inside the template both calls go through a dependent `self` and stay
// unresolved; each names the one method of the class with that name. Reported at the timer's
// callback call.
#include <chrono>
#include <functional>
#include <memory>
#include <system_error>

namespace catalog {

enum class LookupError { none, stale_schema, not_found };

class SteadyTimer {
 public:
  void expires_after(std::chrono::milliseconds d);
  void async_wait(std::function<void(std::error_code)> handler);
};

template <typename Connection>
class SchemaLookup : public std::enable_shared_from_this<SchemaLookup<Connection>> {
 public:
  explicit SchemaLookup(Connection& conn) : conn_(conn) {}

  void lookup() {
    conn_.query_schema([self = this->shared_from_this()](LookupError err, int version) {
      if (err == LookupError::stale_schema) {
        return self->schedule_lookup();
      }
      if (err != LookupError::none) {
        return self->finish(err);
      }
      self->version_ = version;
      self->finish(err);
    });
  }

  void schedule_lookup() {
    timer_.expires_after(std::chrono::milliseconds(500));
    timer_.async_wait([self = this->shared_from_this()](std::error_code ec) {
      if (ec) {
        return;
      }
      self->lookup();  // expect: retry-no-backoff, retry-unbounded, retry-unbudgeted
    });
  }

  void finish(LookupError err) { done_ = err == LookupError::none; }

 private:
  Connection& conn_;
  SteadyTimer timer_;
  int version_ = 0;
  bool done_ = false;
};

}  // namespace catalog
