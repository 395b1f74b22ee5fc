// Near-miss: an open-addressing hash table probe and a substring search. Both repeat until
// they find a slot or run out of input; both stay inside the process.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace lookup {

struct Slot {
  uint64_t key = 0;
  int value = 0;
  bool used = false;
};

const Slot* Probe(const std::vector<Slot>& slots, uint64_t key) {
  const size_t mask = slots.size() - 1;
  for (size_t i = key & mask;; i = (i + 1) & mask) {
    if (!slots[i].used) {
      return nullptr;
    }
    if (slots[i].key == key) {
      return &slots[i];
    }
  }
}

int CountOccurrences(const std::string& text, const std::string& needle) {
  int count = 0;
  size_t pos = 0;
  while ((pos = text.find(needle, pos)) != std::string::npos) {
    ++count;
    pos += needle.size();
  }
  return count;
}

}  // namespace lookup
