// gRPC C++: a generated stub's method (it takes a grpc::ClientContext*) is retried by the
// channel's service config, when the channel was made by grpc::CreateCustomChannel with
// ChannelArguments whose SetServiceConfigJSON got a constant JSON text (or a file read from a
// literal path). The methodConfig that applies gives retryPolicy.maxAttempts (gRPC caps it at
// 5); retryThrottling is the channel's retry budget (gRFC A6). docs/library-policies.md.
#include "frontend/libraries/LibraryModels.h"

#include "frontend/ast/AstQueries.h"

#include <nlohmann/json.hpp>

using namespace clang;

namespace retrylint {
namespace {

constexpr const char *Library = "gRPC";
constexpr int64_t MaxAttemptsCap = 5; // larger maxAttempts values are treated as 5

bool takesClientContext(const FunctionDecl *fd) {
  for (const ParmVarDecl *p : fd->parameters())
    if (const auto *rd = p->getType()->getPointeeCXXRecordDecl(); rd && rd->getName() == "ClientContext")
      if (rd->getQualifiedNameAsString() == "grpc::ClientContext")
        return true;
  return false;
}

bool recognises(const CallExpr *call) {
  const auto *member = dyn_cast<CXXMemberCallExpr>(call);
  const CXXMethodDecl *method = member ? member->getMethodDecl() : nullptr;
  return method && !method->isStatic() && takesClientContext(method);
}

/// How specifically a methodConfig's names match the method: 2 the method, 1 its service,
/// 0 every method (an empty name), -1 not at all.
int matchOf(const nlohmann::json &names, const std::string &service, const std::string &method) {
  int best = -1;
  if (!names.is_array())
    return best;
  for (const nlohmann::json &name : names) {
    if (!name.is_object())
      continue;
    std::string s = name.contains("service") && name["service"].is_string() ? name["service"].get<std::string>() : "";
    std::string m = name.contains("method") && name["method"].is_string() ? name["method"].get<std::string>() : "";
    if (s.empty())
      best = std::max(best, 0);
    else if (s == service && (m.empty() || m == method))
      best = std::max(best, m.empty() ? 1 : 2);
  }
  return best;
}

/// The layer a service config gives `method` of `service`; none for invalid JSON, no
/// methodConfig that applies, or one without a retryPolicy.
std::optional<LibraryLayer> serviceConfigLayer(const std::string &text, const std::string &service,
                                               const std::string &method, const Expr *at, ASTContext &ctx) {
  nlohmann::json config = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (config.is_discarded() || !config.is_object() || !config.contains("methodConfig") ||
      !config["methodConfig"].is_array())
    return std::nullopt;
  const nlohmann::json *chosen = nullptr;
  int chosenMatch = -1;
  for (const nlohmann::json &mc : config["methodConfig"])
    if (mc.is_object() && mc.contains("name"))
      if (int match = matchOf(mc["name"], service, method); match > chosenMatch)
        chosen = &mc, chosenMatch = match;
  if (!chosen || !chosen->contains("retryPolicy") || !(*chosen)["retryPolicy"].is_object())
    return std::nullopt;
  const nlohmann::json &policy = (*chosen)["retryPolicy"];
  if (!policy.contains("maxAttempts") || !policy["maxAttempts"].is_number_integer())
    return std::nullopt;
  int64_t written = policy["maxAttempts"].get<int64_t>();
  int64_t attempts = std::min(written, MaxAttemptsCap);
  std::string words = "the gRPC service config's retryPolicy (maxAttempts " + std::to_string(written) +
                      (written > MaxAttemptsCap ? ", which gRPC caps at 5)" : ")");
  double ceiling = -1;
  if (config.contains("retryThrottling") && config["retryThrottling"].is_object()) {
    const nlohmann::json &throttling = config["retryThrottling"];
    if (throttling.contains("tokenRatio") && throttling["tokenRatio"].is_number())
      ceiling = std::clamp(throttling["tokenRatio"].get<double>(), 0.0, 1.0);
  }
  return constantLayer(Library, words, attempts, ceiling, at, ctx);
}

LibraryCall layerAt(const CallExpr *call, ASTContext &ctx) {
  LibraryCall result;
  const auto *member = cast<CXXMemberCallExpr>(call);
  // The stub: made by Service::NewStub(channel) or Service::Stub(channel).
  const Expr *stub = originOf(member->getImplicitObjectArgument());
  const Expr *channel = nullptr;
  if (const auto *make = dyn_cast_or_null<CallExpr>(stub); make && !isa<CXXMemberCallExpr>(make) && make->getNumArgs() >= 1 &&
                                                          llvm::StringRef(calleeQualifiedName(make)).ends_with("::NewStub"))
    channel = make->getArg(0);
  else if (const auto *construct = dyn_cast_or_null<CXXConstructExpr>(stub); construct && construct->getNumArgs() >= 1)
    channel = construct->getArg(0);
  const auto *create = dyn_cast_or_null<CallExpr>(channel ? originOf(channel) : nullptr);
  if (!create || calleeQualifiedName(create) != "grpc::CreateCustomChannel" || create->getNumArgs() < 3)
    return result; // grpc::CreateChannel has no service config of its own (a resolver's is not seen)
  const VarDecl *args = namedVariable(create->getArg(2));
  if (!args)
    return result;
  const Expr *json = nullptr, *at = nullptr;
  forEachMemberCallOn(args, [&](const CXXMemberCallExpr *set) {
    const CXXMethodDecl *m = set->getMethodDecl();
    if (m && named(m, "SetServiceConfigJSON") && set->getNumArgs() == 1)
      json = set->getArg(0), at = set;
  });
  std::optional<std::string> text = json ? stringValue(json, ctx, /*fromFile=*/true) : std::nullopt;
  if (!text)
    return result;
  // The proto service's full name: the generated Stub's enclosing class, namespaces as the
  // package ("helloworld::Greeter" -> "helloworld.Greeter").
  const CXXMethodDecl *method = member->getMethodDecl();
  const auto *service = dyn_cast<CXXRecordDecl>(method->getParent()->getDeclContext());
  std::string serviceName = service ? service->getQualifiedNameAsString() : "";
  for (size_t i; (i = serviceName.find("::")) != std::string::npos;)
    serviceName.replace(i, 2, ".");
  std::string methodName = method->getNameAsString();
  for (llvm::StringRef prefix : {"PrepareAsync", "Async"})
    if (llvm::StringRef(methodName).starts_with(prefix)) {
      methodName = methodName.substr(prefix.size());
      break;
    }
  result.layer = serviceConfigLayer(*text, serviceName, methodName, at, ctx);
  return result;
}

} // namespace

const LibraryModel GrpcModel{Library, recognises, layerAt};

} // namespace retrylint
