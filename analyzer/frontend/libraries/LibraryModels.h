// The library models behind LibraryPolicies.h, one per library, and the value tracing they
// share: from a client object back to the configuration it was built from.
#pragma once

#include "frontend/libraries/LibraryPolicies.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <optional>
#include <string>
#include <vector>

namespace retrylint {

/// One library: how its operations are recognised and how a call's layer is found.
struct LibraryModel {
  const char *library;
  bool (*recognises)(const clang::CallExpr *call);
  LibraryCall (*layerAt)(const clang::CallExpr *call, clang::ASTContext &ctx);
};

extern const LibraryModel AwsSdkModel, GoogleCloudModel, FollyModel, GrpcModel;

/// Whether `d` is named `name` (false for operators and constructors, which have no identifier).
inline bool named(const clang::NamedDecl *d, llvm::StringRef name) {
  return d && d->getIdentifier() && d->getIdentifier()->getName() == name;
}
/// `e` through parentheses, casts, temporaries, copies and moves, std::move, smart-pointer
/// conversions, `->`, `*` and `.get()`: the expression that makes the value.
const clang::Expr *stripValue(const clang::Expr *e);
/// The variable `e` names (after stripValue), or null.
const clang::VarDecl *namedVariable(const clang::Expr *e);
/// stripValue, then through the initialisers of the variables it names (not parameters):
/// where a value comes from. A default-constructed variable is its own origin (its
/// DeclRefExpr): what configures it are calls on it (forEachUse).
const clang::Expr *originOf(const clang::Expr *e);
/// Visits, in source order, the member calls `var.f(...)` and assignments `var.m = value` in
/// the function that declares `var`: the calls as CXXMemberCallExpr, the assignments as the
/// operator= call (or BinaryOperator) with the member's name.
void forEachMemberCallOn(const clang::VarDecl *var,
                         llvm::function_ref<void(const clang::CXXMemberCallExpr *)> visit);
void forEachMemberAssignment(const clang::VarDecl *var, llvm::StringRef member,
                             llvm::function_ref<void(const clang::Expr *value, const clang::Expr *at)> visit);
/// The class a value is made of and the arguments it is made with: T(args), new T(args),
/// std::make_shared<T>(args), Aws::MakeShared<T>(tag, args) (the tag left out). Null if none.
const clang::CXXRecordDecl *madeOf(const clang::Expr *e, std::vector<const clang::Expr *> &args);
/// Whether `rd` is, or derives from, a class of this qualified name.
bool isOrDerivesFrom(const clang::CXXRecordDecl *rd, llvm::StringRef qualifiedName);
/// The value of an integer constant expression.
std::optional<int64_t> integerValue(const clang::Expr *e, clang::ASTContext &ctx);
/// The text of a string constant: a literal, a constant initialised with one, a std::string
/// made from one. With `fromFile`, a call whose one argument is a literal path reads that file
/// (relative to the calling file's folder).
std::optional<std::string> stringValue(const clang::Expr *e, clang::ASTContext &ctx, bool fromFile);
/// The qualified name of the function a call reaches ("" for none).
std::string calleeQualifiedName(const clang::CallExpr *call);
/// A layer with a constant number of attempts (none for 1 or fewer: no retries).
std::optional<LibraryLayer> constantLayer(const char *library, std::string policy, int64_t attempts,
                                          double budgetCeiling, const clang::Expr *configuredAt,
                                          clang::ASTContext &ctx);

} // namespace retrylint
