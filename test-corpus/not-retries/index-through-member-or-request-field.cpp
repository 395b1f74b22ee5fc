// Near-miss: the loop index reaches the attempted call only indirectly. The merge planner
// stores the tier ranked `rank` in a member that its no-argument Plan() reads; the codec
// search copies entry `k` into the fields of a query it builds each turn. Every turn works on
// another tier or entry and tries it once: walks, not retries.
#include <memory>
#include <string>
#include <vector>

namespace tiers {

struct ManifestEntry {
  std::string path;
  std::string codec;
};

struct CodecQuery {
  std::string path;
  std::string codec;
};

class Codec {
 public:
  virtual ~Codec();
  virtual const char* Name() const = 0;
};

class CodecRegistry {
 public:
  std::unique_ptr<Codec> Find(const CodecQuery& query);
};

class MergePlanner {
 public:
  // Tiers come ranked by pressure; the first one with runs to merge wins.
  bool PlanFirstEligible(int tiers) {
    for (int rank = 0; rank < tiers; rank++) {
      tier_ = TierByPressure(rank);
      if (tier_ < 0) {
        continue;
      }
      if (Plan()) {
        return true;
      }
      runs_.clear();
    }
    return false;
  }

 private:
  int TierByPressure(int rank) const;
  bool Plan() { return CollectRuns(tier_, &runs_); }
  bool CollectRuns(int tier, std::vector<int>* runs);

  int tier_ = -1;
  std::vector<int> runs_;
};

// The first entry whose codec the registry knows, -1 when none: a search.
int FirstKnownCodec(CodecRegistry& registry, const std::vector<ManifestEntry>& entries) {
  for (size_t k = 0; k < entries.size(); k++) {
    CodecQuery query;
    query.path = entries[k].path;
    query.codec = entries[k].codec;
    std::unique_ptr<Codec> codec = registry.Find(query);
    if (codec != nullptr) {
      return static_cast<int>(k);
    }
  }
  return -1;
}

}  // namespace tiers
