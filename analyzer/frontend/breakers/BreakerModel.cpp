// Finds breaker candidates cheaply: a class with a member whose type is an enum (or an int
// holding named constants) with open, half-open and closed values. Only candidates that
// also look like breakers (a clock read for the cooldown, or a breaker name) are walked.
#include "frontend/breakers/BreakerModel.h"

#include "frontend/ast/AstQueries.h"
#include "frontend/ast/IntegerConstants.h"
#include "frontend/ast/Vocabulary.h"
#include "frontend/breakers/BreakerModelNames.h"
#include "frontend/breakers/BreakerModelWalker.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

#include <set>

using namespace clang;

namespace retrylint {
namespace {

using breaker::BreakerClass;
using breaker::StateDomain;
using breaker::fieldsWithBases;

/// Picks the open, half-open and closed values; the plain spelling wins over variants
/// (kOpen over kForcedOpen).
bool assignRoles(StateDomain &d) {
  for (int pass = 0; pass < 2; ++pass)
    for (size_t i = 0; i < d.values.size(); ++i) {
      const std::string &name = d.values[i].name;
      if (pass == 0 && !isPlainStateName(name))
        continue;
      int *role = nullptr;
      switch (classifyStateName(name)) {
      case BreakerStateName::Open: role = &d.open; break;
      case BreakerStateName::HalfOpen: role = &d.halfOpen; break;
      case BreakerStateName::Closed: role = &d.closed; break;
      case BreakerStateName::Other: break;
      }
      if (role && *role < 0)
        *role = static_cast<int>(i);
    }
  return d.open >= 0 && d.halfOpen >= 0 && d.closed >= 0;
}

std::optional<int64_t> constantValue(const VarDecl *v, const ASTContext &ctx) {
  if (!v->getType().isConstQualified() || !v->getType()->isIntegerType())
    return std::nullopt;
  return integerConstantValue(v->getInit(), ctx);
}

bool hasHalfOpen(const std::vector<StateDomain::Value> &values) {
  for (const StateDomain::Value &v : values)
    if (classifyStateName(v.name) == BreakerStateName::HalfOpen)
      return true;
  return false;
}

/// The named constants an int state may hold: the class's own (static members, nested
/// enums), then those at namespace scope in this TU.
std::vector<StateDomain::Value> intStateConstants(const CXXRecordDecl *rd,
                                                  const std::vector<StateDomain::Value> &tu,
                                                  const ASTContext &ctx) {
  std::vector<StateDomain::Value> out;
  for (const Decl *d : rd->decls()) {
    if (const auto *v = dyn_cast<VarDecl>(d)) {
      std::optional<int64_t> value = constantValue(v, ctx);
      if (value && classifyStateName(v->getNameAsString()) != BreakerStateName::Other)
        out.push_back({v->getNameAsString(), *value});
    } else if (const auto *e = dyn_cast<EnumDecl>(d); e && !e->isScoped() && e->isComplete()) {
      for (const EnumConstantDecl *c : e->enumerators())
        if (classifyStateName(c->getNameAsString()) != BreakerStateName::Other)
          out.push_back({c->getNameAsString(), c->getInitVal().getExtValue()});
    }
  }
  if (!hasHalfOpen(out))
    out.insert(out.end(), tu.begin(), tu.end());
  return out;
}

/// The state member: the first enum (or atomic enum) member whose enumerators include open,
/// half-open and closed values, or an int member named like a state (or initialised from
/// such a constant) when the constants exist.
std::optional<StateDomain> findState(const CXXRecordDecl *rd,
                                     const std::vector<StateDomain::Value> &tuConstants,
                                     const ASTContext &ctx) {
  std::optional<std::vector<StateDomain::Value>> intConstants;
  for (const FieldDecl *f : fieldsWithBases(rd)) {
    QualType inner;
    bool atomic = breaker::isAtomicType(f->getType(), &inner);
    if (!atomic)
      inner = f->getType();
    StateDomain d;
    d.field = f;
    d.atomic = atomic;
    d.valueType = inner;
    if (const auto *et = inner->getAs<EnumType>()) {
      const EnumDecl *ed = et->getDecl()->getDefinition();
      if (!ed)
        continue;
      for (const EnumConstantDecl *c : ed->enumerators())
        d.values.push_back({c->getNameAsString(), c->getInitVal().getExtValue()});
    } else if (inner->isIntegerType() && !inner->isBooleanType()) {
      if (!intConstants)
        intConstants = intStateConstants(rd, tuConstants, ctx);
      if (!hasHalfOpen(*intConstants))
        continue;
      std::string name = f->getNameAsString();
      bool named = name.find("state") != std::string::npos || name.find("State") != std::string::npos ||
                   name.find("status") != std::string::npos || name.find("mode") != std::string::npos;
      const auto *init = dyn_cast_or_null<DeclRefExpr>(breaker::strip(f->getInClassInitializer()));
      bool fromConstant = init && classifyStateName(init->getDecl()->getNameAsString()) !=
                                      BreakerStateName::Other;
      if (!named && !fromConstant)
        continue;
      d.values = *intConstants;
    } else {
      continue;
    }
    if (d.values.size() <= 64 && hasHalfOpen(d.values) && assignRoles(d))
      return d;
  }
  return std::nullopt;
}

/// Visits declarations only (function bodies are the path walk's business): classes,
/// namespace-scope state constants, thread_local instances.
class BreakerFinder : public RecursiveASTVisitor<BreakerFinder> {
  using Base = RecursiveASTVisitor<BreakerFinder>;

public:
  explicit BreakerFinder(ASTContext &ctx) : ctx(ctx) {}

  bool TraverseDecl(Decl *d) {
    if (!d)
      return true;
    if (!isa<TranslationUnitDecl>(d) && ctx.getSourceManager().isInSystemHeader(d->getLocation()))
      return true;
    return Base::TraverseDecl(d);
  }
  bool TraverseStmt(Stmt *, DataRecursionQueue * = nullptr) { return true; }

  bool VisitCXXRecordDecl(CXXRecordDecl *rd) {
    if (rd->isThisDeclarationADefinition() && !rd->isLambda() && !rd->isUnion() &&
        !isa<ClassTemplatePartialSpecializationDecl>(rd))
      records.push_back(rd);
    return true;
  }

  bool VisitVarDecl(VarDecl *v) {
    if (v->getTLSKind() != VarDecl::TLS_None)
      if (const CXXRecordDecl *r = v->getType()->getAsCXXRecordDecl())
        threadLocal.insert(r->getCanonicalDecl());
    if (v->isFileVarDecl() && classifyStateName(v->getNameAsString()) != BreakerStateName::Other)
      if (std::optional<int64_t> value = constantValue(v, ctx))
        constants.push_back({v->getNameAsString(), *value});
    return true;
  }

  bool VisitEnumConstantDecl(EnumConstantDecl *c) {
    const auto *e = dyn_cast<EnumDecl>(c->getDeclContext());
    if (e && !e->isScoped() && e->getDeclContext()->isFileContext() &&
        classifyStateName(c->getNameAsString()) != BreakerStateName::Other)
      constants.push_back({c->getNameAsString(), c->getInitVal().getExtValue()});
    return true;
  }

  std::vector<const CXXRecordDecl *> records;
  std::vector<StateDomain::Value> constants;
  std::set<const CXXRecordDecl *> threadLocal;

private:
  ASTContext &ctx;
};

bool readsClock(const CXXRecordDecl *rd) {
  for (const FunctionDecl *m : breaker::methodsOf(rd))
    if (callsWithRole(m->getBody(), CallRole::ClockRead, 1))
      return true;
  return false;
}

} // namespace

namespace breaker {

/// The class's fields, then those of its bases (a breaker that keeps its state in a base
/// class it shares with its siblings).
std::vector<const FieldDecl *> fieldsWithBases(const CXXRecordDecl *rd) {
  std::vector<const FieldDecl *> out(rd->field_begin(), rd->field_end());
  std::vector<const CXXRecordDecl *> todo{rd};
  std::set<const CXXRecordDecl *> seen{rd};
  while (!todo.empty()) {
    const CXXRecordDecl *r = todo.back();
    todo.pop_back();
    for (const CXXBaseSpecifier &base : r->bases()) {
      const CXXRecordDecl *b = base.getType()->getAsCXXRecordDecl();
      b = b ? b->getDefinition() : nullptr;
      if (!b || !seen.insert(b).second)
        continue;
      out.insert(out.end(), b->field_begin(), b->field_end());
      todo.push_back(b);
    }
  }
  return out;
}

std::set<const ValueDecl *> writtenMembers(const CXXRecordDecl *record) {
  std::set<const ValueDecl *> out;
  std::vector<const CXXRecordDecl *> records{record};
  for (const CXXBaseSpecifier &base : record->bases())
    if (const CXXRecordDecl *b = base.getType()->getAsCXXRecordDecl())
      records.push_back(b);
  for (const FieldDecl *f : fieldsWithBases(record))
    if (const CXXRecordDecl *r = f->getType()->getAsCXXRecordDecl(); r && !isAtomicType(f->getType()))
      records.push_back(r);
  for (const CXXRecordDecl *r : records) {
    if (!(r = r->getDefinition()) || r->getASTContext().getSourceManager().isInSystemHeader(r->getLocation()))
      continue;
    for (const FunctionDecl *m : methodsOf(r))
      forEachDescendant(m->getBody(), [&](const Stmt *s) {
        const Expr *target = nullptr;
        if (const auto *bo = dyn_cast<BinaryOperator>(s); bo && bo->isAssignmentOp())
          target = bo->getLHS();
        else if (const auto *uo = dyn_cast<UnaryOperator>(s); uo && uo->isIncrementDecrementOp())
          target = uo->getSubExpr();
        else if (const auto *op = dyn_cast<CXXOperatorCallExpr>(s); op && op->getNumArgs() > 0 &&
                 (op->isAssignmentOp() || op->getOperator() == OO_PlusPlus || op->getOperator() == OO_MinusMinus))
          target = op->getArg(0);
        else if (const auto *mc = dyn_cast<CXXMemberCallExpr>(s)) {
          const CXXMethodDecl *md = mc->getMethodDecl();
          if (md && !md->isConst())
            target = mc->getImplicitObjectArgument();
        }
        if (const ValueDecl *m = Walker::memberOf(target))
          out.insert(m);
        return true;
      });
  }
  return out;
}

std::vector<const FunctionDecl *> methodsOf(const CXXRecordDecl *record) {
  std::vector<const FunctionDecl *> out;
  for (const Decl *d : record->decls()) {
    if (const auto *ft = dyn_cast<FunctionTemplateDecl>(d))
      d = ft->getTemplatedDecl();
    const auto *md = dyn_cast<CXXMethodDecl>(d);
    if (!md || md->isStatic() || isa<CXXConstructorDecl>(md) || isa<CXXDestructorDecl>(md) ||
        md->isCopyAssignmentOperator() || md->isMoveAssignmentOperator() || md->isDeleted())
      continue;
    const FunctionDecl *def = nullptr;
    if (md->hasBody(def) && def && !def->isDefaulted())
      out.push_back(def);
  }
  return out;
}

} // namespace breaker

void extractBreakers(ASTContext &ctx, std::vector<Breaker> &out) {
  BreakerFinder finder(ctx);
  finder.TraverseDecl(ctx.getTranslationUnitDecl());
  for (const CXXRecordDecl *rd : finder.records) {
    std::optional<StateDomain> state = findState(rd, finder.constants, ctx);
    if (!state) {
      if (std::optional<Breaker> b = breaker::describeIsolationBreaker(ctx, rd))
        out.push_back(std::move(*b));
      continue;
    }
    BreakerClass candidate;
    candidate.record = rd;
    candidate.state = *state;
    candidate.threadConfined = finder.threadLocal.count(rd->getCanonicalDecl()) > 0;
    candidate.written = breaker::writtenMembers(rd);
    for (const FieldDecl *f : rd->fields())
      candidate.threadConfined |= isThreadConfinementTypeName(f->getType().getAsString());
    std::string enumName = state->field->getType().getAsString();
    bool named = namesBreaker(rd->getNameAsString()) || namesBreaker(enumName) ||
                 namesBreaker(state->field->getNameAsString());
    if (!named && !readsClock(rd))
      continue;
    if (std::optional<Breaker> b = breaker::describeBreaker(ctx, candidate))
      out.push_back(std::move(*b));
  }
}

} // namespace retrylint
