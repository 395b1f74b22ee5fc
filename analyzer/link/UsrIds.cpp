#include "link/UsrIds.h"

namespace retrylint {

void UsrIds::reserve(size_t count) {
  ids.reserve(count);
  usrs.reserve(count);
}

UsrId UsrIds::intern(llvm::StringRef usr) {
  auto [it, added] = ids.try_emplace(usr, static_cast<UsrId>(usrs.size()));
  if (added)
    usrs.push_back(usr);
  return it->second;
}

UsrId UsrIds::find(llvm::StringRef usr) const {
  auto it = ids.find(usr);
  return it == ids.end() ? NoUsrId : it->second;
}

} // namespace retrylint
