// Dense ids for the USRs of a linked program. The link interns each USR once, so that the
// call graph and its walks index vectors by id instead of hashing and comparing strings (a
// million functions: bench/link-scale.sh). The one home for the USR <-> id mapping.
#pragma once

#include "llvm/ADT/DenseMap.h"
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
  llvm::DenseMap<llvm::StringRef, UsrId> ids;
  std::vector<llvm::StringRef> usrs;
};

} // namespace retrylint
