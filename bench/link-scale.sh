#!/usr/bin/env bash
# bench/link-scale.sh: how `retrylint link` grows with program size. Writes synthetic facts
# (bench/link_scale.cpp) for each size and prints wall time, CPU time and peak RSS (medians
# of --runs runs), with the cost per function and its ratio to the smallest size (linear
# growth keeps it near 1), and last the ratio from the smallest size to the largest. On a shared
# machine read the CPU columns: wall includes waiting. -j N is passed to `retrylint link` (its
# reading threads; default: all cores).
#   bench/link-scale.sh [--retrylint PATH] [--runs K] [-j N] [SIZES...]   default sizes: 100000 200000 400000
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
RL=/work/build/bin/retrylint
runs=1
jobs=()
while [[ "${1:-}" == -* ]]; do
  case $1 in
    --retrylint) RL="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    -j) jobs=("-j$2"); shift 2 ;;
    -j*) jobs=("$1"); shift ;;
    *) echo "usage: $0 [--retrylint PATH] [--runs K] [-j N] [SIZES...]" >&2; exit 2 ;;
  esac
done
[[ $# -gt 0 ]] || set -- 100000 200000 400000
sizes=("$@")
work="${TMPDIR:-/tmp}/retrylint-link-scale"; mkdir -p "$work"
cxx=$(command -v clang++-19 || command -v g++)
"$cxx" -std=c++17 -O2 -I"$here/../analyzer" -o "$work/link_scale" "$here/link_scale.cpp"
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
printf '%-10s %8s %8s %10s %10s %14s %6s\n' functions wall_s cpu_s rss_MB facts_MB cpu_us/function ratio
base=""
for n in "${sizes[@]}"; do
  rm -rf "$work/f$n"; mkdir -p "$work/f$n"
  "$work/link_scale" "$n" 100 "$work/f$n"
  : >"$work/times"
  for ((r = 0; r < runs; r++)); do
    # A facts file that does not load would make the link fast and the figure wrong.
    if ! /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$RL" link "${jobs[@]}" --fail-on=none \
         --format=text -o /dev/null "$work/f$n" 2>"$work/err"; then
      head -3 "$work/err" >&2; echo "link-scale: retrylint link failed at $n functions" >&2; exit 1
    fi
    tail -1 "$work/time" >>"$work/times"
  done
  wall=$(awk '{ print $1 }' "$work/times" | median)
  cpu=$(awk '{ print $2 + $3 }' "$work/times" | median)
  rss=$(awk '{ print $4 }' "$work/times" | median)
  per=$(awk -v c="$cpu" -v n="$n" 'BEGIN { printf "%.2f", c * 1e6 / n }')
  [[ -z "$base" ]] && base=$per first=$n
  last=$per
  printf '%-10s %8s %8.2f %10d %10d %14s %6.2f   (runs, wall/cpu/rss_MB: %s)\n' "$n" "$wall" "$cpu" "$((rss / 1024))" \
    "$(du -sm "$work/f$n" | cut -f1)" "$per" "$(awk -v p="$per" -v b="$base" 'BEGIN { print p / b }')" \
    "$(awk '{ printf "%s%.2f/%.2f/%d", (NR > 1 ? ", " : ""), $1, $2 + $3, $4 / 1024 }' "$work/times")"
  rm -rf "$work/f$n"
done
if [[ ${#sizes[@]} -gt 1 ]]; then
  echo "cost per function $first -> ${sizes[-1]}: ratio $(awk -v p="$last" -v b="$base" 'BEGIN { printf "%.2f", p / b }') (CPU, linear growth: 1.00)"
fi
