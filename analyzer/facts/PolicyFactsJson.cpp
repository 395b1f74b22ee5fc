// JSON form of the delay-policy facts, part of the per-TU facts document (FactsJson.cpp).
#include "facts/PolicyFacts.h"
#include "facts/JsonMapping.h"

namespace retrylint {

const char *toString(DelayPolicy::Kind k) {
  switch (k) {
  case DelayPolicy::Kind::Function: return "function";
  case DelayPolicy::Kind::Member: return "member";
  }
  return "function";
}

// The mappings live in namespace retrylint itself: nlohmann finds them by ADL.

RETRYLINT_JSON_ENUM(DelayPolicy::Kind, DelayPolicy::Kind::Function, DelayPolicy::Kind::Member)

// DelayShape and SourceSpan are mapped in FactsJson.cpp.
void to_json(nlohmann::ordered_json &, const DelayShape &);
void readFacts(const FactsValue &, DelayShape &);

RETRYLINT_JSON_FIELDS(DelayPolicy, kind, usr, name, decl, site, shape, scheduleMs, lowestMs,
                      highestMs, perAttempt, stateful, firstAttempt, overrides, retryEvidence)

} // namespace retrylint
