#include "frontend/loops/OutcomeTests.h"

#include "frontend/ast/AstQueries.h"
#include "frontend/ast/CallNames.h"

#include "clang/AST/ExprCXX.h"
#include "clang/Basic/Builtins.h"

#include <algorithm>
#include <cctype>

using namespace clang;

namespace retrylint {
namespace {

std::string lower(llvm::StringRef s) { return s.lower(); }

bool containsAny(const std::string &text, std::initializer_list<const char *> parts) {
  return std::any_of(parts.begin(), parts.end(),
                     [&](const char *p) { return text.find(p) != std::string::npos; });
}

/// A name that asserts success (ok, IsOk, succeeded) or failure (IsUnavailable, failed).
Outcome nameMeans(const std::string &name) {
  std::string n = lower(name);
  if (n == "ok" || n == "isok" || n == "is_ok" || n == "has_value" || n == "good" || containsAny(n, {"succe"}))
    return Outcome::Success;
  if (containsAny(n, {"fail", "error", "retry", "retriable", "transient", "unavailable",
                      "timeout", "timedout", "again", "abort", "exhausted", "busy"}))
    return Outcome::Failure;
  return Outcome::Unrelated;
}

/// Values whose truth means failure: error codes, Status-like errors, int return codes.
bool errorValued(const Expr *e) {
  e = e->IgnoreParenImpCasts();
  std::string type = lower(e->getType().getAsString());
  std::string name;
  if (const auto *ref = dyn_cast<DeclRefExpr>(e))
    name = lower(ref->getDecl()->getNameAsString());
  if (containsAny(type, {"error", "errc"}))
    return true;
  // std::optional<Result> retval: present means a result, whatever the variable is called.
  if (const auto *record = e->getType()->getAsCXXRecordDecl();
      record && record->isInStdNamespace() &&
      (record->getName() == "optional" || record->getName() == "unique_ptr" ||
       record->getName() == "shared_ptr"))
    return false;
  if (containsAny(name, {"err", "rc", "ret", "code", "status"}))
    return true;
  return e->getType()->isIntegerType() && !e->getType()->isBooleanType();
}

class Classifier {
public:
  explicit Classifier(const LoopAnatomy &a) : a(a) {}

  Outcome classify(const Expr *e) {
    if (!e)
      return Outcome::Unrelated;
    e = e->IgnoreParenImpCasts();
    if (const auto *c = dyn_cast<ExprWithCleanups>(e))
      return classify(c->getSubExpr());
    if (const auto *u = dyn_cast<UnaryOperator>(e); u && u->getOpcode() == UO_LNot)
      return flip(classify(u->getSubExpr()));
    if (const auto *b = dyn_cast<BinaryOperator>(e)) {
      if (b->getOpcode() == BO_LAnd && (reportsError(b->getLHS()) || reportsError(b->getRHS())) &&
          combine(classify(b->getLHS()), classify(b->getRHS()), false) == Outcome::Success)
        return Outcome::Failure; // s.ok() && resp->has_error(): the call went through, the reply is an error
      if (b->getOpcode() == BO_LAnd || b->getOpcode() == BO_LOr)
        return combine(classify(b->getLHS()), classify(b->getRHS()), b->getOpcode() == BO_LOr);
      if (b->isComparisonOp())
        return comparison(b->getOpcode(), b->getLHS(), b->getRHS());
      return Outcome::Unrelated;
    }
    if (const auto *op = dyn_cast<CXXOperatorCallExpr>(e)) {
      if (op->getOperator() == OO_Exclaim && op->getNumArgs() == 1)
        return flip(classify(op->getArg(0)));
      if (op->getNumArgs() == 2 && (op->getOperator() == OO_EqualEqual || op->getOperator() == OO_ExclaimEqual))
        return comparison(op->getOperator() == OO_EqualEqual ? BO_EQ : BO_NE, op->getArg(0), op->getArg(1));
      if (op->getOperator() != OO_Call)
        return Outcome::Unrelated;
    }
    if (const auto *call = dyn_cast<CallExpr>(e)) {
      // PREDICT_TRUE(s.ok()), likely(...): __builtin_expect returns its first argument.
      unsigned builtin = call->getBuiltinCallee();
      if ((builtin == Builtin::BI__builtin_expect ||
           builtin == Builtin::BI__builtin_expect_with_probability) && call->getNumArgs() >= 1)
        return classify(call->getArg(0));
      return callTest(call);
    }
    if (const auto *member = dyn_cast<MemberExpr>(e))
      return isOutcome(member->getBase()) ? nameMeans(member->getMemberDecl()->getNameAsString())
                                          : Outcome::Unrelated;
    if (isOutcome(e))
      return truthy(e);
    return Outcome::Unrelated;
  }

private:
  /// Reads an outcome variable, or is itself an attempt.
  bool isOutcome(const Expr *e) {
    e = e->IgnoreImplicit()->IgnoreParenImpCasts()->IgnoreImplicit();
    if (const auto *call = dyn_cast<CallExpr>(e))
      return isAttemptCall(call);
    bool found = false;
    forEachDescendant(e, [&](const Stmt *s) {
      if (const auto *ref = dyn_cast<DeclRefExpr>(s))
        if (const auto *var = dyn_cast<VarDecl>(ref->getDecl()))
          found |= a.outcomeVars.count(var->getCanonicalDecl()) > 0;
      return !found;
    });
    return found;
  }

  /// The result of read, recv, write, send and friends, or a variable holding one.
  bool countsBytes(const Expr *e) {
    static const char *const Io[] = {"read", "pread", "readv", "recv", "recvfrom", "recvmsg",
                                     "fread", "write", "pwrite", "writev", "send", "sendto",
                                     "sendmsg", "fwrite"};
    auto isIo = [](const std::string &name) {
      return std::find_if(std::begin(Io), std::end(Io),
                          [&](const char *n) { return name == n; }) != std::end(Io);
    };
    e = e->IgnoreParenImpCasts();
    if (const auto *call = dyn_cast<CallExpr>(e))
      return isIo(calleeName(call));
    llvm::SmallPtrSet<const VarDecl *, 4> reads;
    collectReadVars(e, reads);
    for (const LoopEvent &ev : a.events)
      if (ev.kind == LoopEvent::Kind::Call && ev.resultVar && reads.count(ev.resultVar) &&
          isIo(calleeName(cast<CallExpr>(ev.stmt))))
        return true;
    for (const LoopEvent &ev : a.condEvents)
      if (ev.kind == LoopEvent::Kind::Call && ev.resultVar && reads.count(ev.resultVar) &&
          isIo(calleeName(cast<CallExpr>(ev.stmt))))
        return true;
    return false;
  }

  Outcome truthy(const Expr *e) {
    // if (try_again), if (!retry), if (failed): a flag says by its name which way it points.
    if (const auto *ref = dyn_cast<DeclRefExpr>(e->IgnoreParenImpCasts());
        ref && ref->getType()->isBooleanType())
      if (Outcome named = nameMeans(ref->getDecl()->getNameAsString()); named != Outcome::Unrelated)
        return named;
    if (derivedOnly(e))
      return Outcome::Unrelated; // if (state): what a value read off an outcome means is unknown
    return errorValued(e) ? Outcome::Failure : Outcome::Success;
  }

  /// Reads outcome variables, all of them read off another outcome.
  bool derivedOnly(const Expr *e) {
    bool any = false, all = true;
    forEachDescendant(e, [&](const Stmt *s) {
      if (const auto *ref = dyn_cast<DeclRefExpr>(s))
        if (const auto *var = dyn_cast<VarDecl>(ref->getDecl()))
          if (a.outcomeVars.count(var->getCanonicalDecl())) {
            any = true;
            all &= a.derivedOutcomeVars.count(var->getCanonicalDecl()) > 0;
          }
      return true;
    });
    return any && all;
  }

  /// A reply's own error flag, asked of an object that holds no outcome of ours (resp->has_error()).
  static bool reportsError(const Expr *e) {
    const auto *call = dyn_cast<CallExpr>(e->IgnoreParenImpCasts());
    if (!call || call->getNumArgs() != 0)
      return false;
    std::string n = lower(unqualified(calleeName(call)));
    return n == "has_error" || n == "haserror" || n == "is_error" || n == "iserror";
  }

  Outcome combine(Outcome l, Outcome r, bool isOr) {
    bool success = l == Outcome::Success || r == Outcome::Success;
    bool failure = l == Outcome::Failure || r == Outcome::Failure;
    if (success && failure)
      return isOr ? Outcome::Success : Outcome::Unrelated;
    return success ? Outcome::Success : failure ? Outcome::Failure : Outcome::Unrelated;
  }


  Outcome callTest(const CallExpr *call) {
    std::string name = unqualified(calleeName(call));
    if (const Expr *object = objectOf(call); object && isOutcome(object)) {
      if (const auto *conv = dyn_cast_or_null<CXXConversionDecl>(call->getCalleeDecl());
          conv && conv->getConversionType()->isBooleanType())
        return truthy(object); // explicit operator bool of a result
      return nameMeans(name);
    }
    // IsUnavailable(status), IsRetryable(err): a classifier of the outcome.
    for (const Expr *arg : call->arguments())
      if (isOutcome(arg) && !isAttemptCallOnly(call))
        return nameMeans(name);
    if (isAttemptCall(call)) {
      QualType result = call->getType();
      std::string type = lower(result.getAsString());
      bool errorish = containsAny(type, {"error", "errc"}) ||
                      (result->isIntegerType() && !result->isBooleanType());
      return errorish ? Outcome::Failure : Outcome::Success; // if (Connect()) ...
    }
    return Outcome::Unrelated;
  }

  /// A call that attempts and also takes an outcome (rare): treat it as the attempt.
  static bool isAttemptCallOnly(const CallExpr *call) {
    Outcome n = nameMeans(unqualified(calleeName(call)));
    return n == Outcome::Unrelated && isAttemptCall(call);
  }

public:
  /// rc == 0, err == nullptr, rc == OK, fd < 0, connect(...) == 0, rc != EAI_AGAIN.
  Outcome comparison(BinaryOperatorKind op, const Expr *l, const Expr *r) {
    if (!isOutcome(l)) {
      if (!isOutcome(r))
        return Outcome::Unrelated;
      std::swap(l, r);
      op = BinaryOperator::reverseComparisonOp(op);
    }
    // actual_crc != expected_crc: a result checked against another result (a checksum, a
    // length read back) says whether two values agree, not how an attempt went.
    if (isOutcome(r))
      return Outcome::Unrelated;
    const Expr *outcome = l;
    const Expr *value = r->IgnoreParenImpCasts();
    // ec == errc::timed_out: the enumerator converted to the outcome's type is still the constant.
    if (const auto *c = dyn_cast<CXXConstructExpr>(withoutTemporaries(value)); c && c->getNumArgs() == 1)
      if (const auto *ref = dyn_cast<DeclRefExpr>(c->getArg(0)->IgnoreParenImpCasts());
          ref && isa<EnumConstantDecl>(ref->getDecl()))
        value = ref;
    // read()/recv() return byte counts: 0 is end of stream and > 0 progress, not success.
    if (countsBytes(outcome) && !(op == BO_LT || op == BO_GE || op == BO_EQ || op == BO_NE))
      return Outcome::Unrelated;
    std::optional<long long> number;
    if (const auto *i = dyn_cast<IntegerLiteral>(value))
      number = i->getValue().getSExtValue();
    if (const auto *u = dyn_cast<UnaryOperator>(value); u && u->getOpcode() == UO_Minus)
      if (const auto *i = dyn_cast<IntegerLiteral>(u->getSubExpr()->IgnoreParenImpCasts()))
        number = -i->getValue().getSExtValue();
    if (countsBytes(outcome) && number && *number == 0 && (op == BO_EQ || op == BO_NE))
      return Outcome::Unrelated;
    bool isNull = isa<CXXNullPtrLiteralExpr, GNUNullExpr>(value) || (number && *number == 0 && value->getType()->isPointerType());
    std::string constantName;
    if (const auto *ref = dyn_cast<DeclRefExpr>(value))
      constantName = ref->getDecl()->getNameAsString();
    if (const auto *lit = dyn_cast<CXXBoolLiteralExpr>(value)) {
      Outcome t = truthy(outcome);
      bool eq = op == BO_EQ;
      return (lit->getValue() == eq) ? t : flip(t);
    }
    // The comparison "outcome == good value" as success, then adjusted for the operator.
    Outcome equalMeans;
    if (isNull)
      equalMeans = errorValued(outcome) ? Outcome::Success : Outcome::Failure;
    else if (number && *number == 0)
      equalMeans = Outcome::Success;
    else if (number && *number < 0)
      equalMeans = Outcome::Failure;
    else if (!constantName.empty() || number) {
      std::string n = lower(constantName);
      // OK, kOk, CURLE_OK, ResultOk, S_OK, ERROR_SUCCESS: a good value by its name.
      bool good = containsAny(n, {"success", "noerror", "no_error"}) ||
                  (n.size() >= 2 && n.substr(n.size() - 2) == "ok");
      equalMeans = good ? Outcome::Success : number ? Outcome::Unrelated : Outcome::Failure;
      // state == JobState::Running: of a value read off an outcome, only a good value speaks.
      if (!good && derivedOnly(outcome))
        return Outcome::Unrelated;
    } else {
      return Outcome::Unrelated;
    }
    switch (op) {
    case BO_EQ: return equalMeans;
    case BO_NE: return flip(equalMeans);
    case BO_LT: return number && *number <= 0 ? Outcome::Failure : Outcome::Unrelated; // rc < 0
    case BO_GE: return number && *number == 0 ? Outcome::Success : Outcome::Unrelated; // rc >= 0
    case BO_GT: return number && *number == 0 && !errorValued(outcome) ? Outcome::Success : Outcome::Unrelated;
    default: return Outcome::Unrelated;
    }
  }

private:
  const LoopAnatomy &a;
};

} // namespace

Outcome flip(Outcome o) {
  return o == Outcome::Success ? Outcome::Failure
         : o == Outcome::Failure ? Outcome::Success
                                 : Outcome::Unrelated;
}

void findOperations(LoopAnatomy &a) {
  llvm::SmallPtrSet<const VarDecl *, 8> tested;
  collectReadVars(a.cond, tested);
  for (const LoopEvent &e : a.events)
    if (e.kind == LoopEvent::Kind::Exit || e.kind == LoopEvent::Kind::Continue)
      for (const Guard &g : e.guards)
        collectReadVars(g.cond, tested);
  // Status s = fn(deadline, &retry); if (!retry) return s;: an attempt that reports through a
  // flag it is handed. Only the flag's name says which way it points, as for a value read off
  // an outcome (needs_add means neither success nor failure).
  for (const auto *list : {&a.events, &a.condEvents})
    for (const LoopEvent &e : *list)
      if (e.kind == LoopEvent::Kind::Call && e.isAttempt)
        for (const VarDecl *flag : pointerOutputs(cast<CallExpr>(e.stmt)))
          if (flag->getType()->isBooleanType() && tested.count(flag)) {
            a.outcomeVars.insert(flag);
            a.derivedOutcomeVars.insert(flag);
          }
  llvm::SmallPtrSet<const VarDecl *, 8> outcomes;
  for (const VarDecl *v : a.outcomeVars)
    if (tested.count(v))
      outcomes.insert(v);
  a.outcomeVars = outcomes;

  auto readsOutcome = [&](const Expr *e) {
    llvm::SmallPtrSet<const VarDecl *, 4> reads;
    collectReadVars(e, reads);
    return std::any_of(reads.begin(), reads.end(),
                       [&](const VarDecl *v) { return a.outcomeVars.count(v) > 0; });
  };
  for (auto *list : {&a.events, &a.condEvents})
    for (LoopEvent &e : *list) {
      if (e.kind != LoopEvent::Kind::Call || !e.isAttempt)
        continue;
      const auto *call = cast<CallExpr>(e.stmt);
      if (const auto *member = dyn_cast<CXXMemberCallExpr>(call)) {
        if (member->getMethodDecl() && member->getMethodDecl()->isConst() &&
            readsOutcome(member->getImplicitObjectArgument()))
          e.isAttempt = false;
      } else if (nameMeans(unqualified(calleeName(call))) != Outcome::Unrelated) {
        for (const Expr *arg : call->arguments())
          if (readsOutcome(arg))
            e.isAttempt = false;
      }
      bool condition = list == &a.condEvents || e.inTest;
      auto reportsTo = [&](const VarDecl *v) { return v && a.outcomeVars.count(v) > 0; };
      llvm::SmallVector<const VarDecl *, 2> flags = pointerOutputs(call);
      e.isOperation = e.isAttempt && !e.inCatch &&
                      (condition || e.inTry || reportsTo(e.resultVar) ||
                       std::any_of(flags.begin(), flags.end(), reportsTo));
    }
}

Outcome classifyOutcomeTest(const Expr *cond, const LoopAnatomy &anatomy) {
  return Classifier(anatomy).classify(cond);
}

Outcome classifyOutcomeCase(const Expr *subject, const Expr *value, const LoopAnatomy &anatomy) {
  // switch (status.code()), switch (ec.value()): an accessor of the outcome is the outcome.
  for (unsigned depth = 0; depth < 3; ++depth) {
    subject = subject->IgnoreParenImpCasts();
    if (const auto *cast = dyn_cast<ExplicitCastExpr>(subject))
      subject = cast->getSubExpr();
    else if (const auto *call = dyn_cast<CXXMemberCallExpr>(subject); call && call->getNumArgs() == 0)
      subject = call->getImplicitObjectArgument();
    else
      break;
  }
  return Classifier(anatomy).comparison(BO_EQ, subject, value);
}

} // namespace retrylint
