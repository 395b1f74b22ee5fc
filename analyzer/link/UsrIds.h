// Dense ids for the USRs of a linked program. The link interns each USR once, so that the
// call graph and its walks index vectors by id instead of hashing and comparing strings (a
// million functions: bench/link-scale.sh). The one home for the USR <-> id mapping.
#pragma once

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <vector>

namespace retrylint {

using UsrId = uint32_t;
inline constexpr UsrId NoUsrId = ~UsrId(0);

/// Holds no text: each USR stays where the facts keep it, which must outlive the ids.
class UsrIds {
public:
  void reserve(size_t usrs);
  /// The id of `usr`, a new one (the next dense number) if it was not seen yet.
  UsrId intern(llvm::StringRef usr);
  /// The id of `usr`, or NoUsrId if it was never interned.
  UsrId find(llvm::StringRef usr) const;
  llvm::StringRef usr(UsrId id) const { return usrs[id]; }
  size_t size() const { return usrs.size(); }

private:
  /// Open addressing, linear probing. A slot keeps its USR's hash and where its text is, so
  /// a probe reads the text only when the hashes agree: millions of USRs of one length
  /// (c:@F@f123456#) would otherwise be compared byte by byte on every collision.
  struct Slot {
    const char *text = nullptr;
    uint32_t length = 0;
    UsrId id = NoUsrId; // NoUsrId: empty
    uint64_t hash = 0;
  };
  /// The slot holding `usr`, or the empty slot where it belongs.
  size_t slotOf(llvm::StringRef usr, uint64_t hash) const;
  void rehash(size_t slotCount);

  std::vector<Slot> slots; // a power of two, at most three quarters full
  std::vector<llvm::StringRef> usrs;
};

} // namespace retrylint
