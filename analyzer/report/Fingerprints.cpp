#include "report/Fingerprints.h"

#include "facts/Hashing.h"

#include <cctype>
#include <map>

namespace retrylint {

std::vector<RunEntry> reportOrder(const std::vector<Finding> &reported,
                                  const std::vector<SuppressedFinding> *suppressed) {
  std::vector<RunEntry> entries;
  size_t r = 0, s = 0, sCount = suppressed ? suppressed->size() : 0;
  while (r < reported.size() || s < sCount) {
    bool takeSuppressed =
        s < sCount && (r == reported.size() ||
                       reportedBefore((*suppressed)[s].finding, reported[r]));
    if (takeSuppressed) {
      entries.push_back({&(*suppressed)[s].finding, &(*suppressed)[s]});
      ++s;
    } else {
      entries.push_back({&reported[r++], nullptr});
    }
  }
  return entries;
}

std::vector<std::string> lineHashes(const std::vector<RunEntry> &entries) {
  std::vector<std::string> hashes;
  std::map<std::string, int> seen;
  for (const RunEntry &e : entries) {
    const Finding &f = *e.finding;
    std::string key = f.ruleId + "\n";
    for (char c : f.span.lineText)
      if (!std::isspace(static_cast<unsigned char>(c)))
        key += c;
    std::string hash = hashHex(key);
    int occurrence = ++seen[f.span.file + ":" + hash];
    hashes.push_back(hash + ":" + std::to_string(occurrence));
  }
  return hashes;
}

std::string baselineKey(const std::string &ruleId, const std::string &uri,
                        const std::string &lineHash, const std::string &fanout) {
  return ruleId + "\n" + uri + "\n" + lineHash + "\n" + fanout;
}

std::string fanoutOf(const Finding &f) {
  for (const auto &[key, value] : f.properties)
    if (key == "fanout")
      return value;
  return "";
}

} // namespace retrylint
