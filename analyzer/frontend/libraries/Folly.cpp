// folly: folly::futures::retrying(policy, func) calls func again while the policy says so;
// retryingPolicyBasic(n) and retryingPolicyCappedJitteredExponentialBackoff(n, ...) allow n
// tries in all (folly/futures/Retrying.h). A layer of n attempts around func.
#include "frontend/libraries/LibraryModels.h"

#include "frontend/ast/SourceSpans.h"

using namespace clang;

namespace retrylint {
namespace {

constexpr const char *Library = "folly";

bool recognises(const CallExpr *call) {
  const FunctionDecl *fd = call->getDirectCallee();
  return fd && call->getNumArgs() == 2 && named(fd, "retrying") &&
         fd->getQualifiedNameAsString() == "folly::futures::retrying";
}

LibraryCall layerAt(const CallExpr *call, ASTContext &ctx) {
  LibraryCall result;
  result.callableArg = 1;
  const auto *make = dyn_cast_or_null<CallExpr>(originOf(call->getArg(0)));
  if (!make || make->getNumArgs() < 1)
    return result; // a policy of the project's own: its tries are not known here
  std::string name = calleeQualifiedName(make);
  if (name != "folly::futures::retryingPolicyBasic" &&
      name != "folly::futures::retryingPolicyCappedJitteredExponentialBackoff")
    return result;
  std::string policy = name.substr(name.rfind("::") + 2);
  std::string tries = sourceText(make->getArg(0)->getSourceRange(), ctx);
  if (std::optional<int64_t> n = integerValue(make->getArg(0), ctx)) {
    result.layer = constantLayer(Library, "folly::futures::retrying with " + policy + "(" + std::to_string(*n) + ")",
                                 *n, -1, make, ctx);
  } else if (!tries.empty()) {
    LibraryLayer layer;
    layer.library = Library;
    layer.policy = "folly::futures::retrying with " + policy + "(" + tries + ")";
    layer.attempts.kind = AttemptBound::Kind::Symbolic;
    layer.attempts.symbol = tries;
    layer.configured = makeSpan(make->getSourceRange(), ctx);
    result.layer = layer;
  }
  return result;
}

} // namespace

const LibraryModel FollyModel{Library, recognises, layerAt};

} // namespace retrylint
