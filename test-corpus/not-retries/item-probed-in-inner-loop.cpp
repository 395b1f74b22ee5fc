// Near-miss: an open-addressing table builder places every key once. The outer turn takes key
// `n`; an inner loop hashes that key with one seed after another until a free slot turns up,
// and a key equal to the one already in the slot ends the build. The hashing is in the inner
// loop, but what it hashes moved with the outer turn: each turn places another key. A walk,
// not a retry.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace table {

struct Status {
  static Status OK();
  static Status NotSupported(const char* why);
  bool ok() const;
};

struct Bytes {
  const char* data = nullptr;
  size_t size = 0;
};

class KeyOrder {
 public:
  virtual ~KeyOrder();
  virtual int Compare(const Bytes& a, const Bytes& b) const = 0;
};

uint64_t SeededHash(const Bytes& key, uint32_t seed, uint64_t buckets);

constexpr uint32_t kFree = 0xffffffff;

// A bucket holds the index of the key placed in it, kFree while empty.
struct Slot {
  uint32_t key;
};

class SlotTableBuilder {
 public:
  Status Build(std::vector<Slot>* slots) {
    for (uint32_t n = 0; n < count_; n++) {
      Bytes key = KeyAt(n);
      uint64_t where = 0;
      bool placed = false;
      for (uint32_t seed = 0; seed < kSeeds && !placed; ++seed) {
        uint64_t slot = SeededHash(key, seed, buckets_);
        if ((*slots)[slot].key == kFree) {
          where = slot;
          placed = true;
        } else if (order_->Compare(key, KeyAt((*slots)[slot].key)) == 0) {
          return Status::NotSupported("the same key twice");
        }
      }
      if (!placed) {
        return Status::NotSupported("every seed collided");
      }
      (*slots)[where].key = n;
    }
    return Status::OK();
  }

 private:
  Bytes KeyAt(uint32_t n) const;

  static constexpr uint32_t kSeeds = 4;
  uint32_t count_ = 0;
  uint64_t buckets_ = 64;
  const KeyOrder* order_ = nullptr;
};

}  // namespace table
