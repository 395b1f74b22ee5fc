#!/usr/bin/env bash
# bench/link-identical.sh: whether two retrylint binaries link alike. Writes the corpus' facts
# (each folder, and all folders as one program) and a synthetic program (link_scale.cpp, with
# its cycles) with OLD, links every set with both binaries in eight output modes and compares
# stdout, stderr and exit codes byte for byte. For performance work on `link`: copy the
# binary before the change, then run this after it.
#   bench/link-identical.sh OLD NEW [WORKDIR]
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[[ $# -ge 2 ]] || { echo "usage: $0 OLD NEW [WORKDIR]" >&2; exit 2; }
old=$1 new=$2 root=${3:-${TMPDIR:-/tmp}/retrylint-link-identical}
corpus="$here/../test-corpus"
if [[ ! -d $root/facts ]]; then
  mkdir -p "$root/facts/all"
  for d in "$corpus"/*/; do
    name=$(basename "$d"); [[ $name == include ]] && continue
    mapfile -t files < <(find "$d" -maxdepth 1 -name '*.cpp' | sort)
    [[ ${#files[@]} -gt 0 ]] || continue
    inc=(-I"$corpus/include"); [[ -d $d/include ]] && inc+=(-I"$d/include")
    mkdir -p "$root/facts/$name"
    "$old" --fail-on=none --format=text -o /dev/null --emit-facts "$root/facts/$name" "${files[@]}" \
      -- -std=c++17 "${inc[@]}" 2>/dev/null
    for f in "$root/facts/$name"/*.facts.json; do cp "$f" "$root/facts/all/$name-$(basename "$f")"; done
  done
  cxx=$(command -v clang++-19 || command -v g++)
  "$cxx" -std=c++17 -O2 -I"$here/../analyzer" -o "$root/link_scale" "$here/link_scale.cpp"
  mkdir -p "$root/facts/synthetic" && "$root/link_scale" 20000 20 "$root/facts/synthetic"
fi
# Facts that every binary refuses would link "alike" and test nothing.
if ! "$old" link --fail-on=none --format=text -o /dev/null "$root/facts/synthetic" 2>/dev/null; then
  echo "link-identical: $old does not load $root/facts/synthetic (facts format?)" >&2; exit 2
fi
modes=("--format=text" "--format=json" "--format=sarif" "--format=json --json-facts" "--fanout"
       "--explain-budgets" "--min-confidence=high --format=json" "--format=markdown")
fail=0 sets=0
for dir in "$root"/facts/*/; do
  sets=$((sets + 1))
  for args in "${modes[@]}"; do
    # shellcheck disable=SC2086 # a mode is several options
    "$old" link --fail-on=none $args -o "$root/old.out" "$dir" 2>"$root/old.err"; ro=$?
    # shellcheck disable=SC2086
    "$new" link --fail-on=none $args -o "$root/new.out" "$dir" 2>"$root/new.err"; rn=$?
    if [[ $ro != "$rn" ]] || ! cmp -s "$root/old.out" "$root/new.out" || ! cmp -s "$root/old.err" "$root/new.err"; then
      echo "DIFFERENT: $dir $args (exit $ro vs $rn)"; fail=1
    fi
  done
done
echo "$sets facts sets x ${#modes[@]} output modes: $([[ $fail == 0 ]] && echo identical || echo DIFFERENT)"
exit $fail
