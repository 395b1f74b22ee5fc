// google-cloud-cpp: a client's operation is retried by the RetryPolicyOption of the Options
// it was built with: LimitedErrorCountRetryPolicy(n) tolerates n transient failures (n + 1
// attempts); LimitedTimeRetryPolicy(d) retries until d has passed (attempts not known).
// Without the option the client's default applies, which is not modelled.
#include "frontend/libraries/LibraryModels.h"

#include "frontend/ast/SourceSpans.h"

#include "clang/AST/DeclTemplate.h"

using namespace clang;

namespace retrylint {
namespace {

constexpr const char *Library = "google-cloud-cpp";

bool inGoogleCloud(const CXXRecordDecl *rd) {
  return rd && llvm::StringRef(rd->getQualifiedNameAsString()).starts_with("google::cloud::");
}

bool recognises(const CallExpr *call) {
  const auto *member = dyn_cast<CXXMemberCallExpr>(call);
  const CXXMethodDecl *method = member ? member->getMethodDecl() : nullptr;
  return method && !method->isStatic() && method->getParent()->getName().ends_with("Client") &&
         inGoogleCloud(method->getParent());
}

/// The layer of a retry policy value (LimitedErrorCountRetryPolicy(3).clone(), make_shared).
std::optional<LibraryLayer> policyLayer(const Expr *value, const Expr *at, ASTContext &ctx) {
  value = stripValue(value);
  if (const auto *clone = dyn_cast_or_null<CXXMemberCallExpr>(value);
      clone && clone->getMethodDecl() && named(clone->getMethodDecl(), "clone"))
    value = clone->getImplicitObjectArgument();
  std::vector<const Expr *> args;
  const CXXRecordDecl *made = madeOf(value, args);
  if (!inGoogleCloud(made) || args.empty())
    return std::nullopt;
  std::string name = made->getNameAsString();
  std::string written = sourceText(args[0]->getSourceRange(), ctx);
  if (name == "LimitedErrorCountRetryPolicy") {
    std::optional<int64_t> n = integerValue(args[0], ctx);
    if (!n)
      return std::nullopt;
    return constantLayer(Library, "google-cloud-cpp's LimitedErrorCountRetryPolicy(" + std::to_string(*n) + ")",
                         *n + 1, -1, at, ctx);
  }
  if (name == "LimitedTimeRetryPolicy") {
    LibraryLayer layer;
    layer.library = Library;
    layer.policy = "google-cloud-cpp's LimitedTimeRetryPolicy(" + written + "), time-bounded: attempts not known";
    layer.attempts.kind = AttemptBound::Kind::Deadline;
    layer.configured = makeSpan(at->getSourceRange(), ctx);
    return layer;
  }
  return std::nullopt;
}

/// The RetryPolicyOption among `options`' .set<...>(...) calls, as written or on its variable.
std::optional<LibraryLayer> optionsLayer(const Expr *options, ASTContext &ctx) {
  std::optional<LibraryLayer> layer;
  auto consider = [&](const CXXMemberCallExpr *set) {
    const CXXMethodDecl *m = set->getMethodDecl();
    if (!m || !named(m, "set") || set->getNumArgs() != 1)
      return false;
    const TemplateArgumentList *targs = m->getTemplateSpecializationArgs();
    if (!targs || targs->size() != 1 || targs->get(0).getKind() != TemplateArgument::Type)
      return false;
    const CXXRecordDecl *option = targs->get(0).getAsType()->getAsCXXRecordDecl();
    if (!option || option->getName() != "RetryPolicyOption")
      return false;
    layer = policyLayer(set->getArg(0), set, ctx);
    return true;
  };
  const Expr *e = stripValue(options);
  for (unsigned i = 0; e && i < 16; ++i) {
    const auto *set = dyn_cast<CXXMemberCallExpr>(e);
    if (!set)
      break;
    if (consider(set))
      return layer; // the outermost set<> is the last one applied
    e = stripValue(set->getImplicitObjectArgument());
  }
  if (const VarDecl *var = namedVariable(options)) {
    forEachMemberCallOn(var, [&](const CXXMemberCallExpr *set) { consider(set); });
    if (!layer && var->getInit())
      return optionsLayer(var->getInit(), ctx);
  }
  return layer;
}

LibraryCall layerAt(const CallExpr *call, ASTContext &ctx) {
  LibraryCall result;
  const Expr *client = originOf(cast<CXXMemberCallExpr>(call)->getImplicitObjectArgument());
  std::vector<const Expr *> args;
  if (!madeOf(client, args))
    return result;
  for (const Expr *arg : args) {
    const auto *rd = arg->getType().getNonReferenceType()->getAsCXXRecordDecl();
    if (rd && rd->getQualifiedNameAsString() == "google::cloud::Options")
      result.layer = optionsLayer(arg, ctx);
  }
  return result;
}

} // namespace

const LibraryModel GoogleCloudModel{Library, recognises, layerAt};

} // namespace retrylint
