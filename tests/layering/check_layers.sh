#!/usr/bin/env bash
# The layering of analyzer/ and checks/ (docs/architecture.md), checked on the includes:
#  - only analyzer/frontend/ sees Clang: no other file includes a clang/ header;
#  - each layer includes only the layers below it (quoted includes, by folder).
# Usage: check_layers.sh <source root>. Prints each violation; exits 1 if there is one.
set -euo pipefail
root="$1"
cd "$root"

# Quoted includes each folder may use, as path prefixes; "." is a header beside the file.
declare -A allowed=(
  [analyzer/facts]="facts/"
  [analyzer/link]="facts/ link/"
  [analyzer/frontend]="facts/ frontend/ Version.h clang/"
  [analyzer/report]="facts/ link/ checks/ report/ Version.h"
  [analyzer/lsp]="facts/ link/ checks/ report/ frontend/ lsp/ Version.h"
  [analyzer/cli]="cli/ facts/ link/ checks/ report/ frontend/ lsp/ Version.h SimulateCommand.h"
  [checks]="facts/ link/ . RuleDocs.inc"
)

violations=0
report() { echo "$1"; violations=$((violations + 1)); }

while IFS= read -r file; do
  dir=$(dirname "$file")
  layer=""
  for l in "${!allowed[@]}"; do
    if [[ $dir == "$l" || $dir == "$l"/* ]] && [[ ${#l} -gt ${#layer} ]]; then layer=$l; fi
  done
  while IFS= read -r line; do
    n=${line%%:*}
    inc=${line#*:}
    if [[ $inc =~ ^#[[:space:]]*include[[:space:]]*[\<\"]clang(-c)?/ ]] && [[ $file != analyzer/frontend/* ]]; then
      report "$file:$n: includes a Clang header outside analyzer/frontend/: $inc"
      continue
    fi
    [[ -z $layer ]] && continue
    [[ $inc =~ ^#[[:space:]]*include[[:space:]]*\"([^\"]+)\" ]] || continue
    target=${BASH_REMATCH[1]}
    ok=0
    for prefix in ${allowed[$layer]}; do
      if [[ $prefix == "." ]]; then
        [[ $target != */* && -f $dir/$target ]] && ok=1
      elif [[ $target == "$prefix"* ]]; then
        ok=1
      fi
    done
    [[ $target == llvm/* ]] && ok=1
    [[ $ok == 1 ]] || report "$file:$n: $layer may not include \"$target\" (allowed: ${allowed[$layer]})"
  done < <(grep -n '^[[:space:]]*#[[:space:]]*include' "$file" | sed 's/^\([0-9]*\):[[:space:]]*/\1:/')
done < <(find analyzer checks simulator -name '*.h' -o -name '*.cpp' -o -name '*.inc' | sort)

if [[ $violations -gt 0 ]]; then
  echo "layering: $violations violation(s)"
  exit 1
fi
echo "layering: ok"
