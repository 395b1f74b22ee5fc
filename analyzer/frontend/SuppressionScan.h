// The per-TU half of NOLINT handling: record the NOLINT comments of the files that hold
// facts, so the link step can apply them (link/Suppressions.h) without the sources.
#pragma once

#include "facts/Facts.h"

namespace retrylint {

/// Adds the NOLINT comments of every file that holds one of `facts`' findings-to-be.
void scanSuppressions(TUFacts &facts);

} // namespace retrylint
