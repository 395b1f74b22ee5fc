// Library policies as retry layers: a call into a client whose library retries it by its own
// policy (an SDK retry strategy, a gRPC service config) is a layer of fan-out below the call.
// One table entry per library (LibraryPolicies.cpp); docs/library-policies.md says what is read.
#pragma once

#include "facts/Facts.h"

#include <optional>

namespace clang {
class ASTContext;
class CallExpr;
} // namespace clang

namespace retrylint {

/// What the library models say about one call.
struct LibraryCall {
  std::optional<LibraryLayer> layer; // the library's own retries, when its policy is visible
  int callableArg = -1; // the layer wraps this argument (folly::futures::retrying), not the call
};

/// Whether `call` is an operation of a modelled library (an S3Client operation, a gRPC stub
/// method, folly::futures::retrying): an attempt, also when its header is a system header.
/// By names only: cheap.
bool isLibraryOperation(const clang::CallExpr *call);

/// The library's retrying layer at `call`, following the client back to its configuration
/// in this TU; no layer when that configuration is not visible or does not retry.
LibraryCall libraryCallAt(const clang::CallExpr *call, clang::ASTContext &ctx);

} // namespace retrylint
