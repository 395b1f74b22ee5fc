#!/usr/bin/env bash
# check_layers.sh must fail on a tree that breaks the layering: a Clang header outside the
# frontend, and a check that includes the frontend. A clean tree must pass.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/analyzer/facts" "$tmp/analyzer/frontend" "$tmp/checks" "$tmp/simulator"
printf '#include "facts/Facts.h"\n#include "clang/AST/Decl.h"\n' >"$tmp/analyzer/frontend/Ok.cpp"
printf '#include "facts/Facts.h"\n' >"$tmp/analyzer/facts/Facts.h"
printf '#include "Check.h"\n#include "facts/Facts.h"\n' >"$tmp/checks/Check.cpp"
touch "$tmp/checks/Check.h"
"$here/check_layers.sh" "$tmp" >/dev/null || { echo "a clean tree was rejected"; exit 1; }

printf '#include <clang/AST/Decl.h>\n' >"$tmp/analyzer/facts/Bad.h"
printf '#include "frontend/Frontend.h"\n' >"$tmp/checks/Bad.cpp"
if out=$("$here/check_layers.sh" "$tmp"); then
  echo "violations were not detected:"; echo "$out"; exit 1
fi
grep -q 'analyzer/facts/Bad.h:1: includes a Clang header' <<<"$out" || { echo "missed the Clang include: $out"; exit 1; }
grep -q 'checks/Bad.cpp:1: checks may not include "frontend/Frontend.h"' <<<"$out" || { echo "missed the check's include: $out"; exit 1; }
echo "layering violations detected"
