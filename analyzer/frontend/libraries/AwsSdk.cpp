// aws-sdk-cpp: a service client's operation (S3Client::GetObject, which returns an Outcome)
// is retried by the client's RetryStrategy, read from the ClientConfiguration the client
// was built from. Defaults are the SDK's (aws-cpp-sdk-core, RetryStrategy.h and
// ClientConfiguration.cpp): see docs/library-policies.md.
#include "frontend/libraries/LibraryModels.h"

#include "frontend/ast/AstQueries.h"
#include "frontend/ast/SourceSpans.h"

using namespace clang;

namespace retrylint {
namespace {

constexpr const char *Library = "aws-sdk-cpp";
constexpr int64_t DefaultMaxRetries = 10;  // DefaultRetryStrategy(long maxRetries = 10, ...)
constexpr int64_t StandardMaxAttempts = 3; // StandardRetryStrategy(long maxAttempts = 3)
/// The retry quota of Standard and Adaptive: a retry costs 5 tokens and a success gives 1
/// back, so once the 500 initial tokens are spent about 1 request in 5 may retry.
constexpr double RetryQuotaCeiling = 0.2;

bool recognises(const CallExpr *call) {
  const auto *member = dyn_cast<CXXMemberCallExpr>(call);
  const CXXMethodDecl *method = member ? member->getMethodDecl() : nullptr;
  if (!method || method->isStatic())
    return false;
  const CXXRecordDecl *client = method->getParent();
  if (!client->getName().ends_with("Client"))
    return false;
  // Every operation returns Model::<Operation>Outcome (or its Callable / future).
  const auto *result = method->getReturnType()->getAsCXXRecordDecl();
  std::string type = method->getReturnType().getAsString();
  if (type.find("Outcome") == std::string::npos && !(result && result->getName().contains("Outcome")))
    return false;
  std::string name = client->getQualifiedNameAsString();
  return llvm::StringRef(name).starts_with("Aws::");
}

/// The layer of a strategy object as made at `value` (Aws::MakeShared<StandardRetryStrategy>(...)).
std::optional<LibraryLayer> strategyLayer(const Expr *value, const Expr *at, ASTContext &ctx) {
  std::vector<const Expr *> args;
  const CXXRecordDecl *made = madeOf(value, args);
  if (!made)
    return std::nullopt;
  std::string name = made->getQualifiedNameAsString();
  // The attempts argument: the first integer one (a quota container may come first).
  const Expr *countArg = nullptr;
  for (const Expr *arg : args)
    if (!isa<CXXDefaultArgExpr>(arg) && arg->getType()->isIntegerType()) {
      countArg = arg;
      break;
    }
  std::optional<int64_t> given = integerValue(countArg, ctx);
  auto symbolic = [&](const std::string &policy) {
    LibraryLayer layer;
    layer.library = Library;
    layer.policy = policy;
    layer.attempts.kind = AttemptBound::Kind::Symbolic;
    layer.attempts.symbol = sourceText(countArg->getSourceRange(), ctx);
    return layer;
  };
  if (name == "Aws::Client::DefaultRetryStrategy") {
    if (countArg && !given)
      return symbolic("the client's DefaultRetryStrategy (1 + " + sourceText(countArg->getSourceRange(), ctx) + " retries)");
    int64_t retries = given.value_or(DefaultMaxRetries);
    return constantLayer(Library, "the client's DefaultRetryStrategy (1 + " + std::to_string(retries) + " retries)",
                         retries + 1, -1, at, ctx);
  }
  bool adaptive = name == "Aws::Client::AdaptiveRetryStrategy";
  if (adaptive || name == "Aws::Client::StandardRetryStrategy") {
    std::string strategy = adaptive ? "AdaptiveRetryStrategy" : "StandardRetryStrategy";
    if (countArg && !given) {
      LibraryLayer layer = symbolic("the client's " + strategy + " (" + sourceText(countArg->getSourceRange(), ctx) +
                                    " attempts, retry quota)");
      layer.budgetCeiling = RetryQuotaCeiling;
      return layer;
    }
    int64_t attempts = given.value_or(StandardMaxAttempts);
    return constantLayer(Library, "the client's " + strategy + " (" + std::to_string(attempts) + " attempts, retry quota)",
                         attempts, RetryQuotaCeiling, at, ctx);
  }
  return std::nullopt; // NoRetryStrategy, or a strategy of the project's own: not a layer here
}

/// The layer of a client built with `config` (null: the constructor's default configuration).
std::optional<LibraryLayer> configurationLayer(const Expr *config, ASTContext &ctx) {
  auto sdkDefault = [&] {
    return constantLayer(Library,
                         "the SDK's default strategy (DefaultRetryStrategy: 1 + " + std::to_string(DefaultMaxRetries) +
                             " retries)",
                         DefaultMaxRetries + 1, -1, nullptr, ctx);
  };
  if (!config || isa<CXXDefaultArgExpr>(config->IgnoreParenImpCasts()))
    return sdkDefault();
  if (const VarDecl *var = namedVariable(config)) {
    const Expr *strategy = nullptr, *at = nullptr;
    forEachMemberAssignment(var, "retryStrategy", [&](const Expr *value, const Expr *assignment) {
      strategy = value, at = assignment;
    });
    if (strategy)
      return strategyLayer(strategy, at, ctx);
  }
  const Expr *origin = originOf(config);
  const auto *construct = dyn_cast_or_null<CXXConstructExpr>(origin);
  if ((construct && construct->getNumArgs() == 0) || (namedVariable(origin) && !isa<ParmVarDecl>(namedVariable(origin))))
    return sdkDefault(); // default-constructed, retryStrategy never set
  return std::nullopt;   // a parameter or a helper's result: not visible here
}

LibraryCall layerAt(const CallExpr *call, ASTContext &ctx) {
  LibraryCall result;
  const Expr *client = originOf(cast<CXXMemberCallExpr>(call)->getImplicitObjectArgument());
  std::vector<const Expr *> args;
  const CXXRecordDecl *made = madeOf(client, args);
  if (!made || !made->getName().ends_with("Client"))
    return result; // a client passed in or kept in a member: its configuration is not visible
  const Expr *config = nullptr;
  for (const Expr *arg : args)
    if (isOrDerivesFrom(arg->getType().getNonReferenceType()->getAsCXXRecordDecl(),
                        "Aws::Client::ClientConfiguration")) {
      config = arg;
      break;
    }
  result.layer = configurationLayer(config, ctx);
  return result;
}

} // namespace

const LibraryModel AwsSdkModel{Library, recognises, layerAt};

} // namespace retrylint
