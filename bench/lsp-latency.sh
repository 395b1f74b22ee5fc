#!/usr/bin/env bash
# bench/lsp-latency.sh: after a save, how long `retrylint lsp` takes to publish the file's
# diagnostics, against a cold command-line run on the same TU (`retrylint --no-cache -p`),
# with the facts cache warm for every other TU. Target (issue 16): at most 1.2×.
#
#   bench/lsp-latency.sh [--retrylint PATH] [--runs K] [--work DIR] [files relative to test-corpus/...]
#
# The project is a copy of test-corpus/ with a compile_commands.json of its TUs; the default
# files are the four classic incidents. Prints one line per file (medians of K runs, CLI and
# LSP alternately) and exits 1 if a ratio is over 1.2.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
RL="${RETRYLINT:-$repo/build/bin/retrylint}"
RUNS=7
WORK=""
files=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --retrylint) RL="$2"; shift ;;
    --runs) RUNS="$2"; shift ;;
    --work) WORK="$2"; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) files+=("$1") ;;
  esac
  shift
done
[[ ${#files[@]} -gt 0 ]] || files=(classic/01-backoff-no-jitter.cpp classic/02-retry-budget.cpp
                                   classic/03-nested-retries.cpp classic/04-half-open-breaker.cpp)
RL="$(cd "$(dirname "$RL")" && pwd)/$(basename "$RL")"
[[ -x "$RL" ]] || { echo "lsp-latency.sh: no retrylint at $RL (pass --retrylint PATH)" >&2; exit 2; }
command -v node >/dev/null || { echo "lsp-latency.sh: node not found" >&2; exit 2; }
if [[ -z $WORK ]]; then
  WORK="$(mktemp -d)"
  trap 'rm -rf "$WORK"' EXIT
fi

project="$WORK/corpus"
rm -rf "$project"
cp -r "$repo/test-corpus" "$project"
{
  printf '['
  sep=
  while IFS= read -r f; do
    printf '%s\n {"directory": "%s", "file": "%s", "arguments": ["clang++", "-std=c++17", "-I%s/include", "-c", "%s"]}' \
      "$sep" "$project" "$f" "$project" "$f"
    sep=,
  done < <(find "$project" -name '*.cpp' -not -path "$project/include/*" | sort)
  printf ']\n'
} >"$project/compile_commands.json"
tus=$(grep -c '"file"' "$project/compile_commands.json")

echo "retrylint lsp: diagnostics after a save vs a cold run on the TU ($tus TUs, cache warm for the others)"
start=$(date +%s)
"$RL" -p "$project" --fail-on=none -o /dev/null 2>/dev/null || true
echo "warmed the facts cache of $tus TUs in $(( $(date +%s) - start )) s"
targets=()
for f in "${files[@]}"; do targets+=("$project/$f"); done
node "$here/lsp_latency.js" "$RL" "$project" "$RUNS" "${targets[@]}"
