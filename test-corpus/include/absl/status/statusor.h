// Corpus stub of absl::StatusOr<T>: the real namespace and signatures, trivial bodies.
#ifndef ABSL_STATUS_STATUSOR_H_
#define ABSL_STATUS_STATUSOR_H_

#include <optional>
#include <utility>

#include "absl/status/status.h"

namespace absl {

template <typename T>
class StatusOr {
 public:
  StatusOr(const Status& status) : status_(status) {}  // NOLINT: implicit, as in absl
  StatusOr(const T& value) : value_(value) {}          // NOLINT: implicit, as in absl
  StatusOr(T&& value) : value_(std::move(value)) {}    // NOLINT: implicit, as in absl

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }

  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace absl

#endif  // ABSL_STATUS_STATUSOR_H_
