#!/usr/bin/env bash
# Predict, fix, re-test: each classic incident goes from code to `simulate --compare`. The
# analyzer exports the policy as written and the fixed twin's policy; the simulator runs the
# one, a variant per fix, and the other under the same seeded load (docs/simulate.md).
# Writes build/retest/<incident>.{json,txt,svg,html}; with --docs, also the PNGs in
# docs/images/ (rsvg-convert).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >/dev/null
tool=build/bin/retrylint
out=build/retest
flags=(-- -std=c++17 -Itest-corpus/include)
mkdir -p "$out"

incidents=(
  "01-backoff-no-jitter|CallWithRetry"
  "02-retry-budget|FetchBalance"
  "03-nested-retries|Gateway::Handle"
  "04-half-open-breaker|search::CircuitBreaker")
for incident in "${incidents[@]}"; do
  IFS='|' read -r stem function <<<"$incident"
  "$tool" --export-policy="$function" -o "$out/$stem.json" "test-corpus/classic/$stem.cpp" "${flags[@]}"
  "$tool" --export-policy="$function" -o "$out/$stem-fixed.json" "test-corpus/classic/$stem-fixed.cpp" "${flags[@]}"
  "$tool" simulate --policy "$out/$stem.json" --fixed-policy "$out/$stem-fixed.json" --compare \
    --svg "$out/$stem.svg" --html "$out/$stem.html" | tee "$out/$stem.txt"
  echo
  if [ "${1:-}" = --docs ]; then
    rsvg-convert -o "docs/images/simulate-$stem.png" "$out/$stem.svg"
  fi
done
if [ "${1:-}" = --docs ]; then
  "$tool" simulate --scenario=contention --svg "$out/contention.svg" >/dev/null
  rsvg-convert -o docs/images/simulate-contention.png "$out/contention.svg"
fi
echo "retrylint: the re-tests are in $out"
