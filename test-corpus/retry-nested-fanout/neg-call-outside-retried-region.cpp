// Negative: two retrying functions, but neither runs inside the other's retried region.
// ProfileHandler::Get first asks the profile cache (whose client retries 2 times), then retries
// only the database read 3 times; the audit write after the loop runs once. Nothing multiplies:
// a failed request costs at most 2 cache calls and 3 database calls.
#include <algorithm>
#include <chrono>
#include <optional>
#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "resilience/retry_budget.h"

namespace profiles {

class MemcacheConn {
 public:
  absl::StatusOr<std::string> Get(const std::string& key);
};

class ProfileCache {
 public:
  ProfileCache(MemcacheConn* conn, resilience::RetryBudget* budget) : conn_(conn), budget_(budget) {}

  std::optional<std::string> Lookup(const std::string& user_id) {
    constexpr int kMaxAttempts = 2;
    thread_local std::mt19937_64 rng{std::random_device{}()};
    budget_->OnRequest();
    absl::StatusOr<std::string> hit = conn_->Get("profile:" + user_id);
    for (int attempt = 1; attempt < kMaxAttempts && !hit.ok(); ++attempt) {
      if (!budget_->TryRetry()) break;
      std::uniform_int_distribution<int> jitter_ms(0, std::min(100, 20 << attempt));
      std::this_thread::sleep_for(std::chrono::milliseconds(jitter_ms(rng)));
      hit = conn_->Get("profile:" + user_id);
    }
    if (!hit.ok()) return std::nullopt;
    return *hit;
  }

 private:
  MemcacheConn* conn_;
  resilience::RetryBudget* budget_;
};

class ProfileDb {
 public:
  absl::StatusOr<std::string> ReadRow(const std::string& user_id);
};

class AuditLog {
 public:
  void Record(const std::string& event, const std::string& user_id);
};

class ProfileHandler {
 public:
  ProfileHandler(ProfileCache* cache, ProfileDb* db, AuditLog* audit, resilience::RetryBudget* budget)
      : cache_(cache), db_(db), audit_(audit), budget_(budget) {}

  absl::StatusOr<std::string> Get(const std::string& user_id) {
    if (std::optional<std::string> cached = cache_->Lookup(user_id)) return *cached;

    constexpr int kMaxAttempts = 3;
    thread_local std::mt19937_64 rng{std::random_device{}()};
    budget_->OnRequest();
    absl::StatusOr<std::string> row = db_->ReadRow(user_id);
    for (int attempt = 1; attempt < kMaxAttempts && !row.ok(); ++attempt) {
      if (!budget_->TryRetry()) break;
      std::uniform_int_distribution<int> jitter_ms(0, std::min(400, 50 << attempt));
      std::this_thread::sleep_for(std::chrono::milliseconds(jitter_ms(rng)));
      row = db_->ReadRow(user_id);
    }
    audit_->Record(row.ok() ? "profile.read" : "profile.read_failed", user_id);
    return row;
  }

 private:
  ProfileCache* cache_;
  ProfileDb* db_;
  AuditLog* audit_;
  resilience::RetryBudget* budget_;
};

}  // namespace profiles
