// Negative: one retrying layer over a stack that propagates. The order API retries 3 times;
// OrderService, OrderRepository and ShardRouter each make one call and return its error, so a
// failed request reaches ShardConnection::Execute 3 times: one layer, no fan-out.
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "resilience/retry_budget.h"

namespace orders {

struct Order {
  std::string id;
  std::string state;
};

class ShardConnection {
 public:
  absl::StatusOr<Order> Execute(const std::string& sql, const std::string& order_id);
};

class ShardRouter {
 public:
  explicit ShardRouter(ShardConnection* shards) : shards_(shards) {}
  absl::StatusOr<Order> Query(const std::string& order_id) {
    ShardConnection& shard = shards_[std::hash<std::string>{}(order_id) % kShards];
    return shard.Execute("SELECT id, state FROM orders WHERE id = ?", order_id);
  }

 private:
  static constexpr size_t kShards = 16;
  ShardConnection* shards_;
};

class OrderRepository {
 public:
  explicit OrderRepository(ShardRouter* router) : router_(router) {}
  absl::StatusOr<Order> Find(const std::string& order_id) { return router_->Query(order_id); }

 private:
  ShardRouter* router_;
};

class OrderService {
 public:
  explicit OrderService(OrderRepository* repo) : repo_(repo) {}
  absl::StatusOr<Order> GetOrder(const std::string& order_id) {
    if (order_id.empty()) return absl::Status(absl::StatusCode::kInvalidArgument, "empty order id");
    return repo_->Find(order_id);
  }

 private:
  OrderRepository* repo_;
};

// The single retrying layer: the API edge, which knows the request's deadline.
class OrderApi {
 public:
  OrderApi(OrderService* service, resilience::RetryBudget* budget) : service_(service), budget_(budget) {}

  absl::StatusOr<Order> HandleGet(const std::string& order_id) {
    constexpr int kMaxAttempts = 3;
    thread_local std::mt19937_64 rng{std::random_device{}()};
    budget_->OnRequest();
    absl::StatusOr<Order> order = service_->GetOrder(order_id);
    for (int attempt = 1; attempt < kMaxAttempts && !order.ok(); ++attempt) {
      if (!absl::IsUnavailable(order.status()) || !budget_->TryRetry()) break;
      std::uniform_int_distribution<int> jitter_ms(0, std::min(800, 100 << attempt));
      std::this_thread::sleep_for(std::chrono::milliseconds(jitter_ms(rng)));
      order = service_->GetOrder(order_id);
    }
    return order;
  }

 private:
  OrderService* service_;
  resilience::RetryBudget* budget_;
};

}  // namespace orders
