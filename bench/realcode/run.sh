#!/usr/bin/env bash
# Runs retrylint on the pinned public repositories of repos.tsv, writes their findings to the
# work dir and compares them with triage.tsv: precision per rule, untriaged findings, triage
# lines whose finding is gone, crashed and incomplete TUs, wall time per repository.
# Run by hand, not in CI. See README.md beside this file.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
RETRYLINT=/work/main/build/bin/retrylint
WORK=/work/realcode/work
SRC_ROOT=/work/realcode/src
MIRROR_ROOT=${MIRROR_ROOT:-/work/.mirror}
JOBS=2
TIMEOUT=3600       # seconds for one whole-repository run
TU_TIMEOUT=600     # seconds for one TU when a whole run failed and TUs are run one by one
CACHE=0
COMPARE_ONLY=0
RECONFIGURE=0
EXTRA=()
SELECTED=()

usage() {
  cat <<EOF
usage: $0 [options] [repo names...]     (names from repos.tsv; all when none)
  --retrylint PATH   binary to run (default $RETRYLINT)
  --work DIR         work dir: databases, reports, findings (default $WORK)
  --src DIR          where the checkouts are, <owner>+<name>/ (default $SRC_ROOT)
  -j N               TUs in parallel (default $JOBS)
  --timeout S        limit for one whole-repository run (default $TIMEOUT)
  --cache            let retrylint use its facts cache (default: --no-cache, for honest timings)
  --reconfigure      run the CMake configure step again
  --compare-only     do not run retrylint; compare the findings already in the work dir
  --list             print the manifest and exit
  -- ARGS            pass ARGS to retrylint as well
Environment: MIRROR_ROOT (default /work/.mirror) holds the fetched git dirs, <owner>+<name>/repo.
EOF
}

while [[ $# -gt 0 ]]; do
  case $1 in
    --retrylint) RETRYLINT=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    --src) SRC_ROOT=$2; shift 2 ;;
    -j) JOBS=$2; shift 2 ;;
    -j*) JOBS=${1#-j}; shift ;;
    --timeout) TIMEOUT=$2; shift 2 ;;
    --cache) CACHE=1; shift ;;
    --reconfigure) RECONFIGURE=1; shift ;;
    --compare-only) COMPARE_ONLY=1; shift ;;
    --list) grep -v '^#' "$HERE/repos.tsv" | column -t -s $'\t'; exit 0 ;;
    -h|--help) usage; exit 0 ;;
    --) shift; EXTRA=("$@"); break ;;
    -*) echo "unknown option $1" >&2; usage >&2; exit 2 ;;
    *) SELECTED+=("$1"); shift ;;
  esac
done

JS="$HERE/lib/realcode.js"
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
log() { printf '%s\n' "$*" >&2; }

# repos.tsv: name  owner/repo  commit  mode  recipe  debian-packages
declare -A R_REPO R_COMMIT R_MODE R_RECIPE R_DEBS
ORDER=()
while IFS=$'\t' read -r name repo commit mode recipe debs _; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  R_REPO[$name]=$repo R_COMMIT[$name]=$commit R_MODE[$name]=$mode R_RECIPE[$name]=$recipe
  R_DEBS[$name]=${debs:--}
  ORDER+=("$name")
done <"$HERE/repos.tsv"
if [[ ${#SELECTED[@]} -eq 0 ]]; then SELECTED=("${ORDER[@]}"); fi
for n in "${SELECTED[@]}"; do
  [[ -n "${R_REPO[$n]:-}" ]] || { log "unknown repository '$n'; known: ${ORDER[*]}"; exit 2; }
done

# Lays the pinned commit out under $SRC_ROOT/<owner>+<name>/ from the mirror, read-only.
# A human's `git clone` there (at the pinned commit) is used as it is.
checkout() {
  local n=$1 repo=${R_REPO[$1]} commit=${R_COMMIT[$1]}
  local src="$SRC_ROOT/${repo/\//+}"
  if [[ -f "$src/.retrylint-commit" && "$(cat "$src/.retrylint-commit")" == "$commit" ]]; then return 0; fi
  if [[ -d "$src/.git" ]]; then
    local head; head=$(git -C "$src" rev-parse HEAD)
    [[ "$head" == "$commit" ]] && return 0
    log "$n: $src is a clone at $head, not the pinned $commit: run git -C $src checkout $commit"
    return 1
  fi
  local git="$MIRROR_ROOT/${repo/\//+}/repo"
  [[ -d "$git/.git" ]] && git="$git/.git"
  if [[ ! -d "$git" ]]; then
    log "$n: no mirror of $repo at $git."
    log "  Agent: bring it with the search tool's fetch (source github:$repo), then run this again."
    log "  Human: git clone https://github.com/$repo $src && git -C $src checkout $commit"
    return 1
  fi
  if ! git --git-dir="$git" cat-file -e "$commit^{commit}" 2>/dev/null; then
    log "$n: the mirror $git has no commit $commit (its HEAD is $(git --git-dir="$git" rev-parse HEAD))."
    log "  Fetch it again, or re-pin repos.tsv to the new HEAD (and re-triage its findings)."
    return 1
  fi
  log "$n: checking out $repo@$commit into $src"
  [[ -d "$src" ]] && chmod -R u+w "$src" && rm -rf "$src"
  mkdir -p "$src"
  # Snapshots lack files of 4 MiB and more: leave out the blobs the mirror does not have.
  local idx; idx=$(mktemp)
  rm -f "$idx"
  GIT_INDEX_FILE=$idx git --git-dir="$git" read-tree "$commit"
  GIT_INDEX_FILE=$idx git --git-dir="$git" ls-files -s | awk '$1 != "160000" { print $2 "\t" $4 }' |
    while IFS=$'\t' read -r h p; do
      git --git-dir="$git" cat-file -e "$h" 2>/dev/null || printf '%s\0' "$p"
    done | GIT_INDEX_FILE=$idx xargs -0 -r git --git-dir="$git" rm -q --cached --
  GIT_INDEX_FILE=$idx git --git-dir="$git" checkout-index -a --prefix="$src/"
  rm -f "$idx"
  echo "$commit" >"$src/.retrylint-commit"
  chmod -R a-w "$src"
}

missing_debs() {
  local p miss=()
  [[ "$1" == "-" ]] && return 0
  for p in ${1//,/ }; do dpkg -s "$p" >/dev/null 2>&1 || miss+=("$p"); done
  [[ ${#miss[@]} -eq 0 ]] || log "  missing Debian packages (headers will be missing): apt-get install ${miss[*]}"
}

# Writes $WORK/<name>/cdb/compile_commands.json; prints the TU count.
prepare_cdb() {
  local n=$1 src=$2 dir=$3
  local recipe="$HERE/${R_RECIPE[$n]}"
  # Recipe variables (see README.md).
  local CMAKE_ARGS=() CMAKE_ENV=() EXCLUDE="" VENDORED="" FLAGS=() PER_FILE=()
  prepare() { :; }
  sources() { :; }
  # shellcheck source=/dev/null
  SRC=$src WORKDIR=$dir source "$recipe"
  missing_debs "${R_DEBS[$n]}"
  case ${R_MODE[$n]} in
    cdb)
      if [[ $RECONFIGURE == 1 || ! -f "$dir/build/compile_commands.json" ]]; then
        rm -rf "$dir/build"
        (cd "$dir" && SRC=$src WORKDIR=$dir prepare) >&2
        local t0=$SECONDS
        if ! env "${CMAKE_ENV[@]}" cmake -S "$src" -B "$dir/build" -G Ninja \
          -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
          "${CMAKE_ARGS[@]}" >"$dir/configure.log" 2>&1; then
          log "$n: cmake configure failed; see $dir/configure.log"
          tail -20 "$dir/configure.log" >&2
          return 1
        fi
        echo $((SECONDS - t0)) >"$dir/configure.seconds"
      fi
      node "$JS" cdb-filter "$dir/build/compile_commands.json" "$dir/cdb" "$src" "$EXCLUDE"
      ;;
    files)
      (cd "$dir" && SRC=$src WORKDIR=$dir prepare) >&2
      (cd "$src" && SRC=$src sources) | LC_ALL=C sort -u >"$dir/files.txt"
      if [[ -n "$EXCLUDE" ]]; then grep -Ev -- "$EXCLUDE" "$dir/files.txt" >"$dir/files.tmp" || true; mv "$dir/files.tmp" "$dir/files.txt"; fi
      node -e '
        const [out, nflags, ...rest] = process.argv.slice(1);
        const flags = rest.slice(0, +nflags);
        const perFile = rest.slice(+nflags).map((s) => { const i = s.indexOf(" "); return [s.slice(0, i), s.slice(i + 1).split(" ").filter(Boolean)]; });
        require("fs").writeFileSync(out, JSON.stringify({ compiler: "clang++-19", flags, perFile }, null, 1));
      ' "$dir/flags.json" "${#FLAGS[@]}" "${FLAGS[@]}" "${PER_FILE[@]}"
      node "$JS" cdb-files "$dir/files.txt" "$dir/cdb" "$src" "$dir/flags.json"
      ;;
    *) log "$n: unknown mode ${R_MODE[$n]}"; return 1 ;;
  esac
}

signame() {
  if [[ "$1" =~ ^[0-9]+$ && $1 -gt 128 ]]; then echo " (SIG$(kill -l $(($1 - 128)) 2>/dev/null))"; fi
}

# One retrylint process per TU, after a whole run crashed or timed out: which TUs fail, and the
# findings of the others (cross-TU links such as retry-nested-fanout are lost in this mode).
run_per_tu() {
  local n=$1 src=$2 dir=$3
  rm -rf "$dir/tu" && mkdir -p "$dir/tu"
  node -e 'for (const e of require(process.argv[1])) console.log(e.file)' "$dir/cdb/compile_commands.json" |
    awk '{ printf "%d\t%s\n", NR, $0 }' >"$dir/tu/list.tsv"
  export RETRYLINT TU_TIMEOUT src dir
  CACHEFLAG=--no-cache
  [[ $CACHE == 1 ]] && CACHEFLAG=""
  export CACHEFLAG
  # shellcheck disable=SC2016  # expanded by the inner bash
  tr '\t' ' ' <"$dir/tu/list.tsv" | xargs -P "$JOBS" -L 1 bash -c '
    i=$0 f=$1
    cd "$src"
    rc=0
    timeout -k 10 "$TU_TIMEOUT" "$RETRYLINT" -p "$dir/cdb" --format=json -j 1 $CACHEFLAG \
      --source-root="$src" -o "$dir/tu/$i.json" "$f" 2>"$dir/tu/$i.err" || rc=$?
    echo "$rc" >"$dir/tu/$i.rc"'
  # crashed.tsv: file, symptom
  : >"$dir/tu/crashed.tsv"
  while IFS=$'\t' read -r i f; do
    local rc; rc=$(cat "$dir/tu/$i.rc" 2>/dev/null || echo "?")
    if [[ "$rc" == 124 || "$rc" == 137 ]] && [[ ! -s "$dir/tu/$i.json" ]]; then
      printf '%s\ttimeout after %ss\n' "${f#"$src"/}" "$TU_TIMEOUT" >>"$dir/tu/crashed.tsv"
    elif [[ "$rc" -ge 4 || ! -s "$dir/tu/$i.json" ]]; then
      local sym
      sym=$(grep -m1 -E 'Assertion|Segmentation|Aborted|terminate|error:|fatal|Stack dump|signal|what\(\)' "$dir/tu/$i.err" |
        tr -s ' \t' ' ' | cut -c1-240 || true)
      [[ -n "$sym" ]] || sym=$(tail -1 "$dir/tu/$i.err" | cut -c1-240)
      printf '%s\texit %s%s: %s\n' "${f#"$src"/}" "$rc" "$(signame "$rc")" "$sym" >>"$dir/tu/crashed.tsv"
    fi
  done <"$dir/tu/list.tsv"
}

# findings.txt (and the TU part of summary.json) from the JSON reports of the last run.
collect() {
  local n=$1 repo=${R_REPO[$1]} commit=${R_COMMIT[$1]}
  local src="$SRC_ROOT/${repo/\//+}" dir="$WORK/$1" jsons=()
  if [[ -d "$dir/tu" ]]; then jsons=("$dir"/tu/*.json); else jsons=("$dir/report.json"); fi
  local VENDORED=""
  # shellcheck disable=SC1090,SC2034  # the recipe reads SRC and WORKDIR
  VENDORED=$(SRC=$src WORKDIR=$dir; source "$HERE/${R_RECIPE[$n]}" >/dev/null; echo "$VENDORED")
  node "$JS" findings "$dir" "$repo@${commit:0:12}" "$src" "$VENDORED" "${jsons[@]}"
}

run_repo() {
  local n=$1 repo=${R_REPO[$1]} commit=${R_COMMIT[$1]}
  local src="$SRC_ROOT/${repo/\//+}" dir="$WORK/$n"
  local key="$repo@${commit:0:12}"
  mkdir -p "$dir"
  rm -f "$dir/summary.json" "$dir/findings.txt"
  checkout "$n" || return 1
  local tus
  tus=$(prepare_cdb "$n" "$src" "$dir") || return 1
  local conf="-"
  [[ -f "$dir/configure.seconds" && ${R_MODE[$n]} == cdb ]] && conf=$(cat "$dir/configure.seconds")
  log "$n: $tus TUs (${R_MODE[$n]}); running $RETRYLINT_SHOWN -j $JOBS"
  rm -f "$dir/report.json" "$dir/findings.txt"
  rm -rf "$dir/tu"
  local cacheflag=(--no-cache)
  [[ $CACHE == 1 ]] && cacheflag=()
  local t0 t1 rc=0
  t0=$(date +%s.%N)
  (cd "$src" && timeout -k 10 "$TIMEOUT" "$RETRYLINT" -p "$dir/cdb" --format=json -j "$JOBS" "${cacheflag[@]}" \
    --source-root="$src" -o "$dir/report.json" "${EXTRA[@]}" 2>"$dir/retrylint.stderr") || rc=$?
  t1=$(date +%s.%N)
  local wall; wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
  local kind=whole note="" jsons=("$dir/report.json")
  if [[ $rc -ge 4 || ! -s "$dir/report.json" ]]; then
    if [[ $rc == 124 || $rc == 137 ]]; then note="timed out after ${TIMEOUT}s"
    else note="exit $rc$(signame "$rc"): $(grep -m1 -E 'Assertion|Segmentation|Aborted|terminate|Stack dump|signal|what\(\)' "$dir/retrylint.stderr" | tr -s ' \t' ' ' | cut -c1-240 || true)"; fi
    log "$n: the whole run failed ($note); running the TUs one by one to find the failing ones"
    local p0=$SECONDS
    run_per_tu "$n" "$src" "$dir"
    kind="per-TU fallback, $((SECONDS - p0))s"
    jsons=("$dir"/tu/*.json)
  fi
  node -e '
    const [f, key, name, mode, tus, wall, conf, kind, note, rc, crashed, bin] = process.argv.slice(1);
    const fs = require("fs");
    const c = fs.existsSync(crashed) ? fs.readFileSync(crashed, "utf8").split("\n").filter(Boolean)
      .map((l) => { const [file, symptom] = l.split("\t"); return { file, symptom }; }) : [];
    fs.writeFileSync(f, JSON.stringify({ key, name, mode, tus: +tus, wallSeconds: +wall,
      configureSeconds: conf === "-" ? null : +conf, runKind: kind, runNote: note || undefined,
      exitCode: +rc, retrylint: bin, crashedTus: c }, null, 1));
  ' "$dir/summary.json" "$key" "$n" "${R_MODE[$n]}" "$tus" "$wall" "$conf" "$kind" "$note" "$rc" "$dir/tu/crashed.tsv" \
    "$RETRYLINT_SHOWN $("$RETRYLINT" --version 2>&1 | head -1)"
  collect "$n"
  log "$n: exit $rc, ${wall}s, $(wc -l <"$dir/findings.txt") findings -> $dir/findings.txt"
}

FAILED=()
if [[ $COMPARE_ONLY == 0 ]]; then
  [[ -x "$RETRYLINT" ]] || { log "no retrylint binary at $RETRYLINT (use --retrylint PATH)"; exit 2; }
  # A copy, so that a rebuild during a long run does not mix two versions.
  cp "$RETRYLINT" "$WORK/retrylint.bin"
  log "retrylint: $RETRYLINT ($("$WORK/retrylint.bin" --version 2>&1 | head -1), sha256 $(sha256sum "$WORK/retrylint.bin" | cut -c1-12))"
  RETRYLINT_SHOWN=$RETRYLINT
  RETRYLINT="$WORK/retrylint.bin"
  for n in "${SELECTED[@]}"; do
    run_repo "$n" || FAILED+=("$n")
  done
else
  for n in "${SELECTED[@]}"; do
    [[ -f "$WORK/$n/summary.json" ]] && collect "$n"
  done
fi
node "$JS" compare "$HERE/triage.tsv" "$WORK" "${SELECTED[@]}" | tee "$WORK/report.txt"
echo
echo "report: $WORK/report.txt; untriaged findings in triage format: $WORK/untriaged.tsv"
if [[ ${#FAILED[@]} -gt 0 ]]; then
  echo "not analysed: ${FAILED[*]}"
  exit 1
fi
