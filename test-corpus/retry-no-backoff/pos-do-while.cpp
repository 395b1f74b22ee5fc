// Positive: a do/while that re-runs a failed transaction at once; with the primary down, every
// order issues all four attempts back to back.
#include <string>
#include <vector>

namespace orders {

enum class TxnResult { kCommitted, kSerializationFailure, kConnectionLost, kConstraintViolation };

class PgSession {
 public:
  TxnResult RunInTransaction(const std::string& sql, const std::vector<std::string>& params);
};

bool IsRetryable(TxnResult result) {
  return result == TxnResult::kSerializationFailure || result == TxnResult::kConnectionLost;
}

TxnResult ReserveStock(PgSession& db, const std::string& sku, int quantity) {
  constexpr int kMaxAttempts = 4;
  const std::string sql =
      "UPDATE inventory SET reserved = reserved + $2 WHERE sku = $1 AND available - reserved >= $2";
  const std::vector<std::string> params = {sku, std::to_string(quantity)};
  int attempt = 0;
  TxnResult result;
  do {  // expect: retry-no-backoff, retry-unbudgeted
    result = db.RunInTransaction(sql, params);
  } while (IsRetryable(result) && ++attempt < kMaxAttempts);
  return result;
}

}  // namespace orders
