#include "link/UsrIds.h"

#include "llvm/Support/xxhash.h"

namespace retrylint {
namespace {

/// The smallest power of two that keeps `usrs` at most three quarters full (at least 64).
size_t slotsFor(size_t usrs) {
  size_t n = 64;
  while (n / 4 * 3 < usrs)
    n *= 2;
  return n;
}

} // namespace

void UsrIds::reserve(size_t count) {
  usrs.reserve(count);
  if (slotsFor(count) > slots.size())
    rehash(slotsFor(count));
}

size_t UsrIds::slotOf(llvm::StringRef usr, uint64_t hash) const {
  size_t mask = slots.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot &s = slots[i];
    if (s.id == NoUsrId ||
        (s.hash == hash && llvm::StringRef(s.text, s.length) == usr))
      return i;
  }
}

void UsrIds::rehash(size_t slotCount) {
  std::vector<Slot> old = std::move(slots);
  slots.assign(slotCount, Slot{});
  size_t mask = slotCount - 1;
  for (const Slot &s : old) {
    if (s.id == NoUsrId)
      continue;
    size_t i = s.hash & mask;
    while (slots[i].id != NoUsrId)
      i = (i + 1) & mask;
    slots[i] = s;
  }
}

UsrId UsrIds::intern(llvm::StringRef usr) {
  if (usrs.size() + 1 > slots.size() / 4 * 3)
    rehash(slotsFor(usrs.size() + 1));
  uint64_t hash = llvm::xxh3_64bits(usr);
  Slot &s = slots[slotOf(usr, hash)];
  if (s.id == NoUsrId) {
    s = {usr.data(), static_cast<uint32_t>(usr.size()), static_cast<UsrId>(usrs.size()), hash};
    usrs.push_back(usr);
  }
  return s.id;
}

UsrId UsrIds::find(llvm::StringRef usr) const {
  if (slots.empty())
    return NoUsrId;
  return slots[slotOf(usr, llvm::xxh3_64bits(usr))].id;
}

} // namespace retrylint
