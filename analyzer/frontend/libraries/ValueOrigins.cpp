// Where a library client's configuration comes from: the value tracing the library models
// share (LibraryModels.h).
#include "frontend/libraries/LibraryModels.h"

#include "frontend/ast/AstQueries.h"
#include "frontend/ast/IntegerConstants.h"
#include "frontend/ast/SourceSpans.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace clang;

namespace retrylint {
namespace {

/// How many steps a trace takes: a client is built a few statements from its configuration.
constexpr unsigned MaxTraceSteps = 12;
/// A service config read from a file larger than this is not read.
constexpr uint64_t MaxConfigFileBytes = 1 << 20;

bool isSmartPointer(QualType t) {
  const auto *rd = t.getNonReferenceType()->getAsCXXRecordDecl();
  if (!rd)
    return false;
  llvm::StringRef name = rd->getName();
  return name == "shared_ptr" || name == "unique_ptr";
}

const FunctionDecl *calleeOf(const CallExpr *call) { return call->getDirectCallee(); }

} // namespace

std::string calleeQualifiedName(const CallExpr *call) {
  const FunctionDecl *fd = calleeOf(call);
  return fd ? fd->getQualifiedNameAsString() : std::string();
}

const Expr *stripValue(const Expr *e) {
  for (unsigned i = 0; e && i < MaxTraceSteps; ++i) {
    e = withoutTemporaries(e)->IgnoreParenImpCasts();
    if (const auto *cast = dyn_cast<CXXFunctionalCastExpr>(e)) {
      e = cast->getSubExpr();
      continue;
    }
    if (const auto *construct = dyn_cast<CXXConstructExpr>(e)) {
      const CXXConstructorDecl *ctor = construct->getConstructor();
      // A copy, a move, or a smart pointer converted (shared_ptr<Base> from shared_ptr<T>).
      if (construct->getNumArgs() >= 1 && !isa<CXXTemporaryObjectExpr>(construct) &&
          (ctor->isCopyOrMoveConstructor() ||
           (isSmartPointer(construct->getType()) && isSmartPointer(construct->getArg(0)->getType())))) {
        e = construct->getArg(0);
        continue;
      }
      return e;
    }
    if (const auto *op = dyn_cast<CXXOperatorCallExpr>(e)) {
      if ((op->getOperator() == OO_Arrow || op->getOperator() == OO_Star) && op->getNumArgs() == 1 &&
          isSmartPointer(op->getArg(0)->IgnoreParenImpCasts()->getType())) {
        e = op->getArg(0);
        continue;
      }
      return e;
    }
    if (const auto *member = dyn_cast<CXXMemberCallExpr>(e)) {
      if (const auto *method = member->getMethodDecl();
          method && named(method, "get") && isSmartPointer(member->getImplicitObjectArgument()->getType())) {
        e = member->getImplicitObjectArgument();
        continue;
      }
      return e;
    }
    if (const auto *call = dyn_cast<CallExpr>(e)) {
      std::string name = calleeQualifiedName(call);
      if ((name == "std::move" || name == "std::forward") && call->getNumArgs() == 1) {
        e = call->getArg(0);
        continue;
      }
      return e;
    }
    if (const auto *unary = dyn_cast<UnaryOperator>(e); unary && (unary->getOpcode() == UO_AddrOf || unary->getOpcode() == UO_Deref)) {
      e = unary->getSubExpr();
      continue;
    }
    return e;
  }
  return e;
}

const VarDecl *namedVariable(const Expr *e) {
  e = stripValue(e);
  const auto *ref = dyn_cast_or_null<DeclRefExpr>(e);
  return ref ? dyn_cast<VarDecl>(ref->getDecl()) : nullptr;
}

const Expr *originOf(const Expr *e) {
  for (unsigned i = 0; e && i < MaxTraceSteps; ++i) {
    e = stripValue(e);
    const VarDecl *var = namedVariable(e);
    if (!var || isa<ParmVarDecl>(var) || !var->getInit())
      return e;
    const Expr *init = withoutTemporaries(var->getInit());
    if (const auto *construct = dyn_cast<CXXConstructExpr>(init); construct && construct->getNumArgs() == 0)
      return e; // default-constructed: calls on the variable configure it
    e = init;
  }
  return e;
}

/// The body of the function that declares `var`, where its configuration is written.
static const Stmt *scopeOf(const VarDecl *var) {
  const auto *fn = dyn_cast_or_null<FunctionDecl>(var->getParentFunctionOrMethod());
  return fn ? fn->getBody() : nullptr;
}

void forEachMemberCallOn(const VarDecl *var, llvm::function_ref<void(const CXXMemberCallExpr *)> visit) {
  const Stmt *body = scopeOf(var);
  if (!body)
    return;
  forEachDescendant(body, [&](const Stmt *s) {
    if (const auto *call = dyn_cast<CXXMemberCallExpr>(s))
      if (namedVariable(call->getImplicitObjectArgument()) == var)
        visit(call);
    return true;
  });
}

void forEachMemberAssignment(const VarDecl *var, llvm::StringRef member,
                             llvm::function_ref<void(const Expr *value, const Expr *at)> visit) {
  const Stmt *body = scopeOf(var);
  if (!body)
    return;
  auto assigned = [&](const Expr *lhs) {
    const auto *m = dyn_cast<MemberExpr>(lhs->IgnoreParenImpCasts());
    return m && named(m->getMemberDecl(), member) && namedVariable(m->getBase()) == var;
  };
  forEachDescendant(body, [&](const Stmt *s) {
    if (const auto *op = dyn_cast<CXXOperatorCallExpr>(s); op && op->getOperator() == OO_Equal && op->getNumArgs() == 2) {
      if (assigned(op->getArg(0)))
        visit(op->getArg(1), op);
    } else if (const auto *bin = dyn_cast<BinaryOperator>(s); bin && bin->getOpcode() == BO_Assign) {
      if (assigned(bin->getLHS()))
        visit(bin->getRHS(), bin);
    }
    return true;
  });
}

const CXXRecordDecl *madeOf(const Expr *e, std::vector<const Expr *> &args) {
  args.clear();
  e = stripValue(e);
  if (!e)
    return nullptr;
  if (const auto *n = dyn_cast<CXXNewExpr>(e)) {
    if (const CXXConstructExpr *c = n->getConstructExpr())
      args.assign(c->arg_begin(), c->arg_end());
    return n->getAllocatedType()->getAsCXXRecordDecl();
  }
  if (const auto *c = dyn_cast<CXXConstructExpr>(e)) {
    args.assign(c->arg_begin(), c->arg_end());
    return c->getType()->getAsCXXRecordDecl();
  }
  const auto *call = dyn_cast<CallExpr>(e);
  const FunctionDecl *fd = call ? calleeOf(call) : nullptr;
  if (!fd)
    return nullptr;
  std::string name = fd->getQualifiedNameAsString();
  bool aws = name == "Aws::MakeShared" || name == "Aws::MakeUnique";
  if (!aws && name != "std::make_shared" && name != "std::make_unique")
    return nullptr;
  const TemplateArgumentList *targs = fd->getTemplateSpecializationArgs();
  if (!targs || targs->size() == 0 || targs->get(0).getKind() != TemplateArgument::Type)
    return nullptr;
  for (unsigned i = aws ? 1 : 0; i < call->getNumArgs(); ++i)
    args.push_back(call->getArg(i));
  return targs->get(0).getAsType()->getAsCXXRecordDecl();
}

bool isOrDerivesFrom(const CXXRecordDecl *rd, llvm::StringRef qualifiedName) {
  if (!rd || !rd->hasDefinition())
    return false;
  if (rd->getQualifiedNameAsString() == qualifiedName)
    return true;
  for (const CXXBaseSpecifier &base : rd->getDefinition()->bases())
    if (isOrDerivesFrom(base.getType()->getAsCXXRecordDecl(), qualifiedName))
      return true;
  return false;
}

std::optional<int64_t> integerValue(const Expr *e, ASTContext &ctx) {
  if (isa_and_nonnull<CXXDefaultArgExpr>(e))
    return std::nullopt;
  return integerConstantValue(e, ctx);
}

/// A file named by a literal path, relative to the folder of the file that names it.
static std::optional<std::string> readConfigFile(const std::string &path, SourceLocation at, ASTContext &ctx) {
  llvm::SmallString<256> full(path);
  if (!llvm::sys::path::is_absolute(full)) {
    const SourceManager &sm = ctx.getSourceManager();
    llvm::StringRef file = sm.getFilename(sm.getExpansionLoc(at));
    full = llvm::sys::path::parent_path(file);
    llvm::sys::path::append(full, path);
  }
  auto buffer = llvm::MemoryBuffer::getFile(full, /*IsText=*/true);
  if (!buffer || (*buffer)->getBufferSize() > MaxConfigFileBytes)
    return std::nullopt;
  return (*buffer)->getBuffer().str();
}

std::optional<std::string> stringValue(const Expr *e, ASTContext &ctx, bool fromFile) {
  for (unsigned i = 0; e && i < MaxTraceSteps; ++i) {
    e = originOf(e);
    if (const auto *literal = dyn_cast<StringLiteral>(e))
      return literal->getString().str();
    if (const auto *construct = dyn_cast<CXXConstructExpr>(e); construct && construct->getNumArgs() >= 1) {
      e = construct->getArg(0); // std::string(literal), std::string_view(literal)
      continue;
    }
    const auto *call = dyn_cast<CallExpr>(e);
    if (fromFile && call && call->getNumArgs() == 1 && !isa<CXXMemberCallExpr>(call))
      if (std::optional<std::string> path = stringValue(call->getArg(0), ctx, false))
        return readConfigFile(*path, call->getBeginLoc(), ctx);
    return std::nullopt;
  }
  return std::nullopt;
}

std::optional<LibraryLayer> constantLayer(const char *library, std::string policy, int64_t attempts,
                                          double budgetCeiling, const Expr *configuredAt, ASTContext &ctx) {
  if (attempts <= 1)
    return std::nullopt; // one attempt: the library does not retry
  LibraryLayer layer;
  layer.library = library;
  layer.policy = std::move(policy);
  layer.attempts.kind = AttemptBound::Kind::Constant;
  layer.attempts.count = attempts;
  layer.budgetCeiling = budgetCeiling;
  if (configuredAt)
    layer.configured = makeSpan(configuredAt->getSourceRange(), ctx);
  return layer;
}

} // namespace retrylint
