#include "frontend/reschedule/ReinvocationHelpers.h"

#include "frontend/reschedule/ReinvocationWaits.h"

#include "frontend/ast/AstQueries.h"
#include "frontend/ast/CallNames.h"

#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

#include <algorithm>
#include <cstdint>

using namespace clang;

namespace retrylint::reschedule {
namespace {

constexpr unsigned MaxHelperDepth = 2; // the helper, and one method it passes the object on to

void follow(const FunctionDecl *fn, const ParmVarDecl *param, std::vector<Step> prefix, unsigned depth,
            std::vector<ScheduledCall> &out) {
  const FunctionDecl *def = fn->getDefinition();
  if (!def || !def->getBody() || depth > MaxHelperDepth)
    return;
  PathWalker walker(def, param);
  walker.walk(def->getBody());
  for (const Reinvocation &r : walker.found) {
    if (r.bound)
      continue;
    std::vector<Step> path = prefix;
    path.insert(path.end(), r.path.begin(), r.path.end());
    const Expr *object = objectOf(r.call);
    if (object && refersTo(object, param)) {
      if (const auto *m = dyn_cast_or_null<CXXMethodDecl>(r.call->getDirectCallee()))
        out.push_back({m, std::move(path)});
      continue;
    }
    // retry_cb(job, status): the object passed on to another method of the helper's class.
    const FunctionDecl *next = r.call->getDirectCallee();
    unsigned first = isa<CXXOperatorCallExpr>(r.call) ? 1 : 0;
    for (unsigned i = first; next && i < r.call->getNumArgs() && i - first < next->getNumParams(); ++i)
      if (refersTo(r.call->getArg(i), param)) {
        follow(next, next->getDefinition() ? next->getDefinition()->getParamDecl(i - first) : nullptr, path,
               depth + 1, out);
        break;
      }
  }
}

} // namespace

bool refersTo(const Expr *e, const ParmVarDecl *p) {
  for (unsigned depth = 0; e && p && depth < 6; ++depth) {
    e = withoutTemporaries(e)->IgnoreParenImpCasts();
    if (const auto *ref = dyn_cast<DeclRefExpr>(e))
      return ref->getDecl() == p;
    if (const auto *u = dyn_cast<UnaryOperator>(e); u && u->getOpcode() == UO_Deref)
      e = u->getSubExpr();
    else if (const auto *op = dyn_cast<CXXOperatorCallExpr>(e);
             op && op->getNumArgs() == 1 && (op->getOperator() == OO_Arrow || op->getOperator() == OO_Star))
      e = op->getArg(0);
    else if (const auto *c = dyn_cast<CXXConstructExpr>(e); c && c->getNumArgs() == 1)
      e = c->getArg(0);
    else if (const auto *call = dyn_cast<CallExpr>(e);
             call && (lowerName(calleeName(call)) == "get" || lowerName(calleeName(call)) == "lock" ||
                      lowerName(calleeName(call)) == "move"))
      e = call->getNumArgs() == 1 ? call->getArg(0) : objectOf(call);
    else
      return false;
  }
  return false;
}

const FunctionDecl *handedTo(const CallExpr *call) {
  if (const FunctionDecl *callee = call->getDirectCallee())
    return callee;
  // A template's call with an argument of a dependent type (DelayedRetry(this, s)): the one
  // candidate of that arity.
  if (const auto *overloads = dyn_cast<UnresolvedMemberExpr>(call->getCallee()->IgnoreParenImpCasts())) {
    const FunctionDecl *found = nullptr;
    for (const NamedDecl *d : overloads->decls())
      if (const auto *m = dyn_cast<CXXMethodDecl>(d->getUnderlyingDecl()); m && m->getNumParams() == call->getNumArgs()) {
        if (found)
          return nullptr;
        found = m;
      }
    return found;
  }
  const auto *member = dyn_cast<CXXDependentScopeMemberExpr>(call->getCallee()->IgnoreParenImpCasts());
  if (!member || member->isImplicitAccess())
    return nullptr;
  // The object as written: a getter's call the recovery wrapped, or a variable.
  const Expr *object = member->getBase()->IgnoreParenImpCasts();
  if (const auto *recovered = dyn_cast<RecoveryExpr>(object); recovered && recovered->subExpressions().size() == 1)
    object = recovered->subExpressions()[0]->IgnoreParenImpCasts();
  // A getter's call a template left dependent (it is called on `this`): the getter.
  if (const auto *getterCall = dyn_cast<CallExpr>(object); getterCall && object->isTypeDependent())
    object = getterCall->getCallee()->IgnoreParenImpCasts();
  QualType type;
  if (const auto *getter = dyn_cast<MemberExpr>(object)) {
    if (const auto *m = dyn_cast<CXXMethodDecl>(getter->getMemberDecl()))
      type = m->getReturnType();
  } else if (!object->isTypeDependent()) {
    type = object->getType();
  }
  const CXXRecordDecl *record = type.isNull() ? nullptr : handedClass(type);
  if (!record)
    return nullptr;
  const FunctionDecl *found = nullptr;
  for (const NamedDecl *d : record->lookup(member->getMember()))
    if (const auto *m = dyn_cast<CXXMethodDecl>(d); m && m->getNumParams() == call->getNumArgs()) {
      if (found)
        return nullptr; // overloads: which one is not known
      found = m;
    }
  return found;
}

const CXXRecordDecl *handedClass(QualType type) {
  type = type.getNonReferenceType();
  if (type->isPointerType())
    type = type->getPointeeType();
  else if (const auto *spec = type->getAs<TemplateSpecializationType>();
           spec && spec->template_arguments().size() == 1 &&
           spec->template_arguments()[0].getKind() == TemplateArgument::Type &&
           llvm::StringRef(lowerName(spec->getTemplateName().getAsTemplateDecl()->getNameAsString())).ends_with("ptr"))
    type = spec->template_arguments()[0].getAsType();
  const CXXRecordDecl *record = type->getAsCXXRecordDecl();
  return record && record->hasDefinition() ? record->getDefinition() : nullptr;
}

std::vector<const CXXMethodDecl *> methodsOfParam(const FunctionDecl *helper, unsigned param) {
  std::vector<const CXXMethodDecl *> out;
  if (param >= helper->getNumParams() ||
      helper->getASTContext().getSourceManager().isInSystemHeader(helper->getLocation()))
    return out;
  const CXXRecordDecl *record = handedClass(helper->getParamDecl(param)->getType());
  if (!record)
    return out;
  auto add = [&](const CXXRecordDecl *r) {
    for (const CXXMethodDecl *m : r->methods())
      if (!m->isStatic() && !isa<CXXConstructorDecl, CXXDestructorDecl>(m) && !m->isImplicit())
        out.push_back(m);
    return true;
  };
  add(record);
  record->forallBases(add);
  return out;
}

std::vector<ScheduledCall> scheduledOn(const FunctionDecl *helper, unsigned param) {
  std::vector<ScheduledCall> out;
  const FunctionDecl *def = helper ? helper->getDefinition() : nullptr;
  if (!def || param >= def->getNumParams() ||
      def->getASTContext().getSourceManager().isInSystemHeader(def->getLocation()))
    return out;
  follow(def, def->getParamDecl(param), {}, 0, out);
  // Only what a timer or a scheduler runs later: a callback registered for logging or handed to
  // a call that runs it at once re-invokes nothing.
  std::vector<ScheduledCall> scheduled;
  for (ScheduledCall &c : out)
    if (std::any_of(c.path.begin(), c.path.end(), [](const Step &s) { return s.kind == Step::Kind::Lambda; }))
      if (std::optional<Wait> w = waitOn(c.path, SIZE_MAX, def->getASTContext()); w && !w->unknownCarrier)
        scheduled.push_back(std::move(c));
  return scheduled;
}

} // namespace retrylint::reschedule
