#!/usr/bin/env bash
# bench/link-scale.sh: how `retrylint link` grows with program size. Writes synthetic facts
# (bench/link_scale.cpp) for each size and prints wall time, CPU time and peak RSS, with the
# cost per function and its ratio to the smallest size (linear growth keeps it near 1).
#   bench/link-scale.sh [--retrylint PATH] [SIZES...]      default sizes: 100000 200000 400000
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
RL=/work/build/bin/retrylint
[[ "${1:-}" == --retrylint ]] && { RL="$2"; shift 2; }
[[ $# -gt 0 ]] || set -- 100000 200000 400000
sizes=("$@")
work="${TMPDIR:-/tmp}/retrylint-link-scale"; mkdir -p "$work"
cxx=$(command -v clang++-19 || command -v g++)
"$cxx" -std=c++17 -O2 -o "$work/link_scale" "$here/link_scale.cpp"
printf '%-10s %8s %8s %10s %14s %6s\n' functions wall_s cpu_s rss_MB us/function ratio
base=""
for n in "${sizes[@]}"; do
  rm -rf "$work/f$n"; mkdir -p "$work/f$n"
  "$work/link_scale" "$n" 100 "$work/f$n"
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$RL" link --fail-on=none --format=text -o /dev/null "$work/f$n"
  read -r wall user sys rss < <(tail -1 "$work/time")
  per=$(awk -v w="$wall" -v n="$n" 'BEGIN { printf "%.2f", w * 1e6 / n }')
  [[ -z "$base" ]] && base=$per
  printf '%-10s %8s %8.2f %10d %14s %6.2f\n' "$n" "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN{print u+s}')" \
    "$((rss / 1024))" "$per" "$(awk -v p="$per" -v b="$base" 'BEGIN { print p / b }')"
done
