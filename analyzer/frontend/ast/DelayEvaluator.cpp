#include "frontend/ast/DelayEvaluator.h"
#include "frontend/ast/Vocabulary.h"

#include "frontend/ast/AstQueries.h"
#include "frontend/ast/CallNames.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

using namespace clang;

namespace retrylint {
namespace {

using Kind = Quantity::Kind;

Quantity number(double v) { return {Kind::Number, v}; }
Quantity duration(double ms) { return {Kind::Duration, ms}; }

/// Suffix of a chrono literal (100ms, 2s) in milliseconds.
std::optional<double> literalSuffixMs(llvm::StringRef suffix) {
  if (suffix == "h") return 3600e3;
  if (suffix == "min") return 60e3;
  if (suffix == "s") return 1e3;
  if (suffix == "ms") return 1.0;
  if (suffix == "us") return 1e-3;
  if (suffix == "ns") return 1e-6;
  return std::nullopt;
}

/// absl::Milliseconds(n) and friends, in milliseconds per unit.
std::optional<double> abslFactoryMs(const std::string &name) {
  if (name == "absl::Hours") return 3600e3;
  if (name == "absl::Minutes") return 60e3;
  if (name == "absl::Seconds") return 1e3;
  if (name == "absl::Milliseconds") return 1.0;
  if (name == "absl::Microseconds") return 1e-3;
  if (name == "absl::Nanoseconds") return 1e-6;
  return std::nullopt;
}

/// Binary operator kinds for overloaded operators on durations.
std::optional<BinaryOperatorKind> binaryKind(OverloadedOperatorKind k) {
  switch (k) {
  case OO_Plus: return BO_Add;
  case OO_Minus: return BO_Sub;
  case OO_Star: return BO_Mul;
  case OO_Slash: return BO_Div;
  case OO_Percent: return BO_Rem;
  case OO_LessLess: return BO_Shl;
  case OO_Less: return BO_LT;
  case OO_LessEqual: return BO_LE;
  case OO_Greater: return BO_GT;
  case OO_GreaterEqual: return BO_GE;
  case OO_EqualEqual: return BO_EQ;
  case OO_ExclaimEqual: return BO_NE;
  default: return std::nullopt;
  }
}

} // namespace

std::optional<double> DelayEvaluator::durationPeriodMs(QualType t) {
  t = t.getNonReferenceType().getCanonicalType();
  const auto *spec =
      dyn_cast_or_null<ClassTemplateSpecializationDecl>(t->getAsCXXRecordDecl());
  if (!spec || spec->getName() != "duration" || spec->getTemplateArgs().size() < 2)
    return std::nullopt;
  QualType ratio = spec->getTemplateArgs()[1].getAsType();
  const auto *r = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      ratio.getCanonicalType()->getAsCXXRecordDecl());
  if (!r || r->getTemplateArgs().size() < 2 ||
      r->getTemplateArgs()[0].getKind() != TemplateArgument::Integral)
    return std::nullopt;
  double num = r->getTemplateArgs()[0].getAsIntegral().getSExtValue();
  double den = r->getTemplateArgs()[1].getAsIntegral().getSExtValue();
  return den == 0 ? std::nullopt : std::optional<double>(num / den * 1000.0);
}

std::optional<Quantity> DelayEvaluator::evalBinary(unsigned opcode, Quantity l, Quantity r) {
  auto op = static_cast<BinaryOperatorKind>(opcode);
  bool lNum = l.kind == Kind::Number, rNum = r.kind == Kind::Number;
  switch (op) {
  case BO_Mul:
    if (lNum && rNum) return number(l.value * r.value);
    if (lNum != rNum) return Quantity{lNum ? r.kind : l.kind, l.value * r.value};
    return std::nullopt;
  case BO_Div:
    if (r.value == 0) return std::nullopt;
    if (rNum) return Quantity{l.kind, l.value / r.value};
    if (l.kind == r.kind) return number(l.value / r.value);
    return std::nullopt;
  case BO_Rem:
    if (r.value == 0 || !lNum || !rNum) return std::nullopt;
    return number(std::fmod(l.value, r.value));
  case BO_Add: {
    Kind k = l.kind == Kind::Number ? r.kind : l.kind;
    if (r.kind == Kind::TimePoint)
      k = Kind::TimePoint;
    return Quantity{k, l.value + r.value};
  }
  case BO_Sub:
    if (l.kind == Kind::TimePoint && r.kind == Kind::TimePoint) return duration(l.value - r.value);
    return Quantity{l.kind == Kind::Number ? r.kind : l.kind, l.value - r.value};
  case BO_Shl:
    if (!lNum || !rNum || r.value < 0 || r.value > 62) return std::nullopt;
    return number(l.value * std::ldexp(1.0, static_cast<int>(r.value)));
  case BO_Shr:
    if (!lNum || !rNum || r.value < 0 || r.value > 62) return std::nullopt;
    return number(std::floor(l.value / std::ldexp(1.0, static_cast<int>(r.value))));
  case BO_LT: return number(l.value < r.value);
  case BO_LE: return number(l.value <= r.value);
  case BO_GT: return number(l.value > r.value);
  case BO_GE: return number(l.value >= r.value);
  case BO_EQ: return number(l.value == r.value);
  case BO_NE: return number(l.value != r.value);
  case BO_LAnd: return number(l.value != 0 && r.value != 0);
  case BO_LOr: return number(l.value != 0 || r.value != 0);
  default: return std::nullopt;
  }
}

std::optional<Quantity> DelayEvaluator::evalVar(const VarDecl *var) {
  var = var->getCanonicalDecl();
  if (unknowable.count(var))
    return std::nullopt;
  auto it = env.find(var);
  if (it != env.end())
    return std::isnan(it->second.value) ? std::nullopt : std::optional<Quantity>(it->second);
  // Untracked variables are taken at their initial value; the caller tracks the ones the
  // loop changes.
  const VarDecl *def = var->getDefinition() ? var->getDefinition() : var;
  if (const Expr *init = def->getAnyInitializer()) {
    if (initializers > 8)
      return std::nullopt;
    ++initializers;
    auto v = eval(init);
    --initializers;
    return v;
  }
  return std::nullopt;
}

std::optional<Quantity> DelayEvaluator::evalCall(const CallExpr *call) {
  std::string name = calleeName(call);
  std::string base = unqualified(name);
  unsigned n = call->getNumArgs();
  auto arg = [&](unsigned i) { return i < n ? eval(call->getArg(i)) : std::nullopt; };

  // MonoDelta::FromMilliseconds(n), TimeDelta::FromSeconds(n): a duration class's factory.
  std::optional<double> unit = abslFactoryMs(name);
  if (!unit && n == 1 && llvm::StringRef(base).starts_with("From") &&
      Vocabulary::isDurationType(call->getType()))
    unit = abslFactoryMs("absl::" + base.substr(4));
  if (unit) {
    auto v = arg(0);
    return v ? std::optional<Quantity>(duration(v->value * *unit)) : std::nullopt;
  }
  if (Vocabulary::current().is(call, CallRole::ClockRead))
    return Quantity{Kind::TimePoint, 0};
  if ((base == "min" || base == "max" || base == "fmin" || base == "fmax") && n == 2) {
    auto a = arg(0), b = arg(1);
    if (!a || !b)
      return std::nullopt;
    bool takeA = (base == "min" || base == "fmin") ? a->value <= b->value : a->value >= b->value;
    return takeA ? a : b;
  }
  if (base == "clamp" && n >= 3) {
    auto v = arg(0), lo = arg(1), hi = arg(2);
    if (!v || !lo || !hi)
      return std::nullopt;
    return Quantity{v->kind, std::min(std::max(v->value, lo->value), hi->value)};
  }
  if ((base == "pow" || base == "powf" || base == "powl") && n == 2) {
    auto a = arg(0), b = arg(1);
    return a && b ? std::optional<Quantity>(number(std::pow(a->value, b->value))) : std::nullopt;
  }
  if ((base == "exp2" || base == "exp2f") && n == 1) {
    auto a = arg(0);
    return a ? std::optional<Quantity>(number(std::exp2(a->value))) : std::nullopt;
  }
  if (base == "ldexp" && n == 2) {
    auto a = arg(0), b = arg(1);
    return a && b ? std::optional<Quantity>(number(std::ldexp(a->value, static_cast<int>(b->value))))
                  : std::nullopt;
  }
  if ((base == "duration_cast" || base == "round" || base == "floor" || base == "ceil") && n == 1) {
    auto v = arg(0);
    if (v && v->kind == Kind::Number && base != "duration_cast")
      return number(base == "round" ? std::round(v->value)
                                    : base == "floor" ? std::floor(v->value) : std::ceil(v->value));
    return v;
  }
  if (drawAt != DrawAt::Unknown && Vocabulary::current().is(call, CallRole::RandomSource))
    return evalDraw(call);
  if (const auto *member = dyn_cast<CXXMemberCallExpr>(call)) {
    const Expr *object = member->getImplicitObjectArgument();
    if (base == "count" && object) {
      auto v = eval(object);
      auto period = durationPeriodMs(object->getType());
      if (v && period && v->kind == Kind::Duration)
        return number(v->value / *period);
      return std::nullopt;
    }
  }
  if (const auto *op = dyn_cast<CXXOperatorCallExpr>(call)) {
    auto kind = binaryKind(op->getOperator());
    if (kind && n == 2) {
      auto l = arg(0), r = arg(1);
      return l && r ? evalBinary(*kind, *l, *r) : std::nullopt;
    }
    if (op->getOperator() == OO_Minus && n == 1) {
      auto v = arg(0);
      return v ? std::optional<Quantity>(Quantity{v->kind, -v->value}) : std::nullopt;
    }
  }
  return std::nullopt;
}

std::optional<Quantity> DelayEvaluator::evalDraw(const CallExpr *call) {
  const bool lowest = drawAt == DrawAt::Lowest;
  const unsigned n = call->getNumArgs();
  // dist(rng), on a distribution constructed with (lo, hi) here or where it was declared.
  if (const auto *op = dyn_cast<CXXOperatorCallExpr>(call); op && op->getOperator() == OO_Call) {
    const Expr *object = op->getArg(0)->IgnoreImplicit()->IgnoreParenImpCasts();
    const auto *ctor = dyn_cast<CXXConstructExpr>(object);
    if (const auto *ref = dyn_cast<DeclRefExpr>(object))
      if (const auto *var = dyn_cast<VarDecl>(ref->getDecl()); var && var->getInit())
        ctor = dyn_cast<CXXConstructExpr>(var->getInit()->IgnoreImplicit());
    if (ctor && ctor->getNumArgs() >= 2)
      return eval(ctor->getArg(lowest ? 0 : 1));
    return std::nullopt;
  }
  const std::string base = unqualified(calleeName(call));
  if (base == "arc4random_uniform" && n == 1) { // [0, upper)
    auto upper = eval(call->getArg(0));
    return !upper ? std::nullopt : lowest ? std::optional<Quantity>(number(0)) : number(upper->value - 1);
  }
  if (base.rfind("Uniform", 0) == 0 && n >= 3) // absl::Uniform(gen, lo, hi)
    return eval(call->getArg(lowest ? n - 2 : n - 1));
  return std::nullopt;
}

/// rand() % n and the like: a draw in [0, n).
static bool isRandomModulo(const BinaryOperator *bo) {
  if (bo->getOpcode() != BO_Rem)
    return false;
  bool random = false;
  forEachDescendant(bo->getLHS(), [&](const Stmt *s) {
    if (const auto *call = dyn_cast<CallExpr>(s))
      random |= Vocabulary::current().is(call, CallRole::RandomSource);
    return !random;
  });
  return random;
}

std::optional<Quantity> DelayEvaluator::eval(const Expr *e) {
  if (!e || depth > MaxDepth)
    return std::nullopt;
  ++depth;
  std::optional<Quantity> v = evalNode(e);
  --depth;
  return v;
}

std::optional<Quantity> DelayEvaluator::evalNode(const Expr *e) {
  if (e->containsErrors())
    return std::nullopt; // built from names the parse could not resolve: unknown
  e = e->IgnoreParens();
  if (const auto *c = dyn_cast<ConstantExpr>(e))
    return eval(c->getSubExpr());
  if (const auto *c = dyn_cast<ExprWithCleanups>(e))
    return eval(c->getSubExpr());
  if (const auto *m = dyn_cast<MaterializeTemporaryExpr>(e))
    return eval(m->getSubExpr());
  if (const auto *b = dyn_cast<CXXBindTemporaryExpr>(e))
    return eval(b->getSubExpr());
  if (const auto *i = dyn_cast<IntegerLiteral>(e)) // SIZE_MAX is unsigned, not -1
    return number(i->getType()->isUnsignedIntegerType()
                      ? static_cast<double>(i->getValue().getZExtValue())
                      : static_cast<double>(i->getValue().getSExtValue()));
  if (const auto *f = dyn_cast<FloatingLiteral>(e))
    return number(f->getValueAsApproximateDouble());
  if (const auto *b = dyn_cast<CXXBoolLiteralExpr>(e))
    return number(b->getValue());
  if (const auto *udl = dyn_cast<UserDefinedLiteral>(e)) {
    auto unit = literalSuffixMs(udl->getUDSuffix()->getName());
    // libstdc++'s chrono literals are literal operator templates: no cooked literal, so
    // read the digits from the token.
    llvm::SmallString<32> buffer;
    std::string spelling =
        Lexer::getSpelling(ctx.getSourceManager().getSpellingLoc(udl->getBeginLoc()), buffer,
                           ctx.getSourceManager(), ctx.getLangOpts())
            .str();
    spelling.erase(std::remove(spelling.begin(), spelling.end(), '\''), spelling.end());
    char *end = nullptr;
    double v = std::strtod(spelling.c_str(), &end);
    if (!unit || end == spelling.c_str())
      return std::nullopt;
    return duration(v * *unit);
  }
  if (const auto *ref = dyn_cast<DeclRefExpr>(e)) {
    if (const auto *var = dyn_cast<VarDecl>(ref->getDecl()))
      return evalVar(var);
    if (const auto *ec = dyn_cast<EnumConstantDecl>(ref->getDecl()))
      return number(ec->getInitVal().isUnsigned()
                        ? static_cast<double>(ec->getInitVal().getZExtValue())
                        : static_cast<double>(ec->getInitVal().getSExtValue()));
    return std::nullopt;
  }
  if (const auto *member = dyn_cast<MemberExpr>(e)) {
    if (const auto *var = dyn_cast<VarDecl>(member->getMemberDecl()))
      return evalVar(var); // static data member
    // A member of this object keeps its configured default (base_delay_{100ms}); a member
    // of a result (reply.ok) is whatever the attempt returned.
    if (const auto *field = dyn_cast<FieldDecl>(member->getMemberDecl()))
      if (isa<CXXThisExpr>(member->getBase()->IgnoreParenImpCasts())) {
        if (auto it = fields.find(field); it != fields.end())
          return std::isnan(it->second.value) ? std::nullopt : std::optional<Quantity>(it->second);
        if (const Expr *init = field->getInClassInitializer())
          return eval(init);
      }
    return std::nullopt;
  }
  if (const auto *cast = dyn_cast<CastExpr>(e)) {
    auto v = eval(cast->getSubExpr());
    if (!v)
      return std::nullopt;
    if (auto period = durationPeriodMs(cast->getType()))
      if (v->kind == Kind::Number)
        return duration(v->value * *period);
    if (cast->getType()->isIntegerType() && v->kind == Kind::Number &&
        !cast->getSubExpr()->getType()->isIntegerType())
      return number(std::trunc(v->value));
    return v;
  }
  if (const auto *ctor = dyn_cast<CXXConstructExpr>(e)) {
    if (ctor->getNumArgs() == 0)
      return durationPeriodMs(ctor->getType()) ? std::optional<Quantity>(duration(0)) : std::nullopt;
    auto v = eval(ctor->getArg(0));
    if (!v)
      return std::nullopt;
    auto period = durationPeriodMs(ctor->getType());
    if (period && v->kind == Kind::Number)
      return duration(v->value * *period);
    return v; // copies and conversions between durations keep the value in ms
  }
  if (const auto *uo = dyn_cast<UnaryOperator>(e)) {
    auto v = eval(uo->getSubExpr());
    if (!v)
      return std::nullopt;
    switch (uo->getOpcode()) {
    case UO_Minus: return Quantity{v->kind, -v->value};
    case UO_Plus: return v;
    case UO_LNot: return number(v->value == 0);
    // The simulation applies ++/-- before it evaluates the expression that contains them
    // (they are events of their own), so ++x reads x and x++ reads x - 1.
    case UO_PreInc:
    case UO_PreDec: return v;
    case UO_PostInc: return Quantity{v->kind, v->value - 1};
    case UO_PostDec: return Quantity{v->kind, v->value + 1};
    default: return std::nullopt;
    }
  }
  if (const auto *bo = dyn_cast<BinaryOperator>(e)) {
    if (bo->isAssignmentOp() || bo->getOpcode() == BO_Comma)
      return std::nullopt;
    if (drawAt != DrawAt::Unknown && isRandomModulo(bo)) {
      auto upper = eval(bo->getRHS());
      if (!upper)
        return std::nullopt;
      return drawAt == DrawAt::Lowest ? number(0) : number(upper->value - 1);
    }
    auto l = eval(bo->getLHS()), r = eval(bo->getRHS());
    // attempt < kMax && Failed(status): the known side can decide alone.
    if (bo->getOpcode() == BO_LAnd && ((l && l->value == 0) || (r && r->value == 0)))
      return number(0);
    if (bo->getOpcode() == BO_LOr && ((l && l->value != 0) || (r && r->value != 0)))
      return number(1);
    return l && r ? evalBinary(bo->getOpcode(), *l, *r) : std::nullopt;
  }
  if (const auto *cond = dyn_cast<ConditionalOperator>(e)) {
    auto c = evalCondition(cond->getCond());
    return c ? eval(*c ? cond->getTrueExpr() : cond->getFalseExpr()) : std::nullopt;
  }
  if (const auto *call = dyn_cast<CallExpr>(e))
    return evalCall(call);
  return std::nullopt;
}

std::optional<bool> DelayEvaluator::evalCondition(const Expr *e) {
  auto v = eval(e);
  if (!v)
    return std::nullopt;
  return v->value != 0;
}

} // namespace retrylint
