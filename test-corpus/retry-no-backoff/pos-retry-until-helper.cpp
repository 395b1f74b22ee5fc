// Positive: a project helper runs a callable until it succeeds, at most `max_attempts` times,
// with no wait between attempts and no budget. Two call sites pass a lambda and a bound; the
// retry is the helper's loop, reported once there, not at each call.
#include <optional>
#include <string>

namespace catalog {

template <class Fn>
auto retry_until(Fn fn, int max_attempts) -> decltype(fn()) {
  decltype(fn()) result{};
  for (int attempt = 0; attempt < max_attempts; ++attempt) {  // expect: retry-no-backoff, retry-unbudgeted
    result = fn();
    if (result) break;
  }
  return result;
}

struct Product {
  std::string name;
};

std::optional<Product> FetchProduct(long id);    // an RPC to the catalog service
std::optional<std::string> FetchPrice(long id);  // an RPC to the pricing service

std::optional<Product> LoadProduct(long id) {
  return retry_until([&] { return FetchProduct(id); }, 5);
}

std::optional<std::string> LoadPrice(long id) {
  return retry_until([&] { return FetchPrice(id); }, 3);
}

}  // namespace catalog
