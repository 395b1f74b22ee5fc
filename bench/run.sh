#!/usr/bin/env bash
# bench/run.sh: retrylint's performance benchmark against the targets of design.md
# ("Performance targets"). Prints, in one run, on the bundled corpus and on a generated large
# program, ratios measured side by side: retrylint vs clang++-19 -fsyntax-only (same TU, same
# flags), instruction counts, -j scaling, peak memory, and the facts/link path.
#
#   bench/run.sh [--quick] [--retrylint PATH] [--clang PATH] [--work DIR] [-k K]
#                [--tus N] [--functions F] [--seed S] [--report FILE] [--no-callgrind]
#
# Noise: every timing is a median over repeated runs, and every ratio compares runs taken
# alternately in the same phase, so a load that comes and goes hits both sides. See README.md.
set -uo pipefail
# The whole script is one { } block, read before it starts: editing run.sh during a run (others
# commit while benchmarks run) cannot change the running one.
{

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"

# ---- options ---------------------------------------------------------------------------------
QUICK=0
RL="${RETRYLINT:-/work/build/bin/retrylint}"
CLANG="${BENCH_CLANG:-clang++-19}"
WORK="${BENCH_WORK:-${TMPDIR:-/tmp}/retrylint-bench}"
K=""; TUS=""; FUNCS=50; SEED=1; REPORT=""; NO_CG=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --retrylint) RL="$2"; shift ;;
    --clang) CLANG="$2"; shift ;;
    --work) WORK="$2"; shift ;;
    -k) K="$2"; shift ;;
    --tus) TUS="$2"; shift ;;
    --functions) FUNCS="$2"; shift ;;
    --seed) SEED="$2"; shift ;;
    --report) REPORT="$2"; shift ;;
    --no-callgrind) NO_CG=1 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

NPROC="$(nproc)"
if [[ $QUICK == 1 ]]; then
  : "${K:=3}" "${TUS:=16}"
  CORPUS_SAMPLE=4; GEN_SAMPLE=3; CORPUS_TOTAL_REPS=1; GEN_TOTAL_REPS=1; CORPUS_TOTAL_FILES=20
  CG_GEN=1; LINK_TARGET=20000; MODE=quick
else
  : "${K:=5}" "${TUS:=150}"
  CORPUS_SAMPLE=10; GEN_SAMPLE=6; CORPUS_TOTAL_REPS=3; GEN_TOTAL_REPS=1; CORPUS_TOTAL_FILES=0
  CG_GEN=2; LINK_TARGET=100000; MODE=full
fi

die() { echo "run.sh: $*" >&2; exit 2; }
command -v "$CLANG" >/dev/null || die "compiler '$CLANG' not found (Debian package clang-19)"
[[ -x "$RL" ]] || die "retrylint binary '$RL' not found or not executable (pass --retrylint PATH)"

# The work directory is wiped: only if it is new, empty or an earlier run's (marker file).
if [[ -d "$WORK" && -n "$(ls -A "$WORK" 2>/dev/null)" && ! -e "$WORK/.retrylint-bench" ]]; then
  die "$WORK exists and is not a benchmark work directory: pass --work with a new directory"
fi
rm -rf "$WORK"
mkdir -p "$WORK"/{bin,logs,cg} || die "cannot create $WORK"
touch "$WORK/.retrylint-bench"
# Snapshot the binary: others may rebuild it while the benchmark runs.
cp "$RL" "$WORK/bin/retrylint"
RLB="$WORK/bin/retrylint"
LOG="$WORK/bench.log"
: >"$LOG"
say() { echo "$*" | tee -a "$LOG"; }

# ---- small statistics helpers (awk: in every Debian base system) ----------------------------
median() { sort -g | awk '{v[NR]=$1} END {if (NR==0) {print "nan"; exit} if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }
p90() { sort -g | awk '{v[NR]=$1} END {if (NR==0) {print "nan"; exit} r=int(0.9*NR+0.999999); if (r<1) r=1; print v[r]}'; }
div() { awk -v a="$1" -v b="$2" 'BEGIN { if (b+0==0 || a=="nan" || b=="nan") print "nan"; else printf "%.3f\n", a/b }'; }
fmt2() { awk -v a="$1" 'BEGIN { if (a=="nan") print "nan"; else printf "%.2f\n", a }'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a!="nan" && a+0 <= b+0) }'; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a!="nan" && a+0 >= b+0) }'; }
verdict_le() { if [[ "$1" == nan ]]; then echo N/A; elif le "$1" "$2"; then echo PASS; else echo FAIL; fi; }
verdict_ge() { if [[ "$1" == nan ]]; then echo N/A; elif ge "$1" "$2"; then echo PASS; else echo FAIL; fi; }
load1() { cut -d' ' -f1 /proc/loadavg; }

# Crash/incomplete bookkeeping for every retrylint run.
RL_RUNS=0; RL_CRASHES=0; RL_INCOMPLETE=0; CRASH_NOTES=""
note_rc() {  # rc, label
  RL_RUNS=$((RL_RUNS + 1))
  if (( $1 >= 128 )); then
    RL_CRASHES=$((RL_CRASHES + 1))
    [[ $RL_CRASHES -le 5 ]] && CRASH_NOTES+="  crash (exit $1, signal $(( $1 - 128 ))): $2"$'\n'
  elif (( $1 == 3 )); then
    RL_INCOMPLETE=$((RL_INCOMPLETE + 1))
    [[ $RL_INCOMPLETE -le 5 ]] && CRASH_NOTES+="  incomplete TU (exit 3): $2"$'\n'
  elif (( $1 == 2 )); then
    CRASH_NOTES+="  usage/config error (exit 2): $2"$'\n'
  fi
}

# timed OUT_PREFIX cmd...: runs cmd, stdout/stderr to OUT_PREFIX.{out,err}; sets T (wall
# seconds), CPU (user+sys seconds of cmd and the children it waited for, from bash's `time`,
# to the millisecond) and RC.
timed() {
  local pfx="$1"; shift
  local TIMEFORMAT='%3R %3U %3S' r u sy
  { time "$@" >"$pfx.out" 2>"$pfx.err"; } 2>"$pfx.time"
  RC=$?
  read -r r u sy <"$pfx.time"
  T=$r; CPU=$(awk -v u="$u" -v s="$sy" 'BEGIN { printf "%.3f\n", u+s }')
}
HAVE_TIME=0; [[ -x /usr/bin/time ]] && HAVE_TIME=1
# max_rss cmd...: sets RSS (KiB, "Maximum resident set size" of /usr/bin/time -v) and RC.
max_rss() {
  /usr/bin/time -f '%M' -o "$WORK/logs/rss.time" "$@" >/dev/null 2>"$WORK/logs/rss.err"; RC=$?
  RSS=$(tail -n1 "$WORK/logs/rss.time")
}

# ---- inputs ---------------------------------------------------------------------------------
say "== retrylint benchmark ($MODE) $(date -u '+%Y-%m-%d %H:%M UTC') on $(hostname), $NPROC cores"
say "uptime before: $(uptime)"
say "retrylint: $RL ($("$RLB" --version 2>&1 | head -1), built $(date -u -r "$RL" '+%Y-%m-%d %H:%M UTC'), snapshot $RLB)"
say "compiler:  $(command -v "$CLANG") ($("$CLANG" --version | head -1))"
if command -v hyperfine >/dev/null && [[ "${BENCH_TIMER:-}" != loop ]]; then
  TIMER=hyperfine; say "per-TU timer: hyperfine $(hyperfine --version | cut -d' ' -f2) (-N, 1 warm-up, $K runs, median wall, mean CPU)"
else
  TIMER=loop; say "per-TU timer: loop with bash time ($([[ "${BENCH_TIMER:-}" == loop ]] && echo 'BENCH_TIMER=loop' || echo 'hyperfine not installed'); 1 warm-up per set, $K alternating runs, median)"
fi
say "whole-program timer: bash time (wall and CPU = user+sys incl. children, ms); max RSS: $([[ $HAVE_TIME == 1 ]] && echo '/usr/bin/time' || echo 'n/a (install Debian package time)')"

# Snapshot the corpus too (others edit it; editors leave hidden temporary files): every .cpp
# outside include/ whose name does not start with a dot, and the include/ tree.
CORPUS_DIR="$WORK/test-corpus"
cp -r "$repo/test-corpus" "$WORK/" 2>/dev/null  # a file deleted mid-copy is not an error
find "$CORPUS_DIR" -name '.*' -type f -delete
CFLAGS=(-std=c++17 -I "$CORPUS_DIR/include")
# Files that name another standard (`// corpus-std: c++20`) are left out: one flag set runs all.
mapfile -t CORPUS < <(cd "$WORK" && find test-corpus -name '*.cpp' -not -name '.*' -not -path 'test-corpus/include/*' \
                        -exec grep -L '^// corpus-std:' {} + | sort | sed "s|^|$WORK/|")
[[ ${#CORPUS[@]} -gt 0 ]] || die "no corpus files under $repo/test-corpus"

GEN="$WORK/gen"
"$here/generate.sh" --tus "$TUS" --functions "$FUNCS" --seed "$SEED" --out "$GEN" | tee -a "$LOG" || die "generator failed"
mapfile -t GFLAGS <"$GEN/flags.txt"
mapfile -t GENTU < <(ls "$GEN"/src/*.cpp | sort)
GEN_FUNCS=$(awk '$1=="functions" {print $2}' "$GEN/manifest.txt")
say "corpus: ${#CORPUS[@]} TUs; generated: ${#GENTU[@]} TUs, $GEN_FUNCS functions (seed $SEED)"

# sample N items of an array evenly: sample N item...
sample() { local n=$1; shift; local a=("$@") i; local m=${#a[@]}; (( n > m )) && n=$m
  for ((i = 0; i < n; i++)); do echo "${a[$(( i * m / n ))]}"; done; }

# Preprocessed size picks the "largest" corpus TU; generated TUs share headers: largest source.
largest_corpus() {
  local f best="" bestn=0 n
  for f in "${CORPUS[@]}"; do
    n=$("$CLANG" -E "${CFLAGS[@]}" "$f" 2>/dev/null | wc -c)
    (( n > bestn )) && { bestn=$n; best=$f; }
  done
  echo "$best"
}
BIG_CORPUS="$(largest_corpus)"
BIG_GEN="$(ls -S "$GEN"/src/*.cpp | head -1)"

# ---- 1. per-TU time ratio -------------------------------------------------------------------
# per_tu SET flags... -- tus...: prints "ratio" lines into $WORK/ratio.SET, details into log.
per_tu() {
  local set="$1"; shift
  local flags=() tus=() tu i
  while [[ "$1" != -- ]]; do flags+=("$1"); shift; done; shift
  tus=("$@")
  : >"$WORK/ratio.$set"; : >"$WORK/cratio.$set"; : >"$WORK/size.$set"
  for tu in "${tus[@]}"; do
    local tag; tag="$WORK/logs/$set.$(basename "$(dirname "$tu")").$(basename "$tu" .cpp)"
    local rlcmd=("$RLB" -j1 --fail-on=none "$tu" -- "${flags[@]}")
    local clcmd=("$CLANG" -fsyntax-only "$tu" "${flags[@]}")
    local mr mc cr=nan cc=nan
    local first=0; [[ "$tu" == "${tus[0]}" ]] && first=1
    if [[ $TIMER == hyperfine ]]; then
      hyperfine -N -i --warmup 1 --runs "$K" --style none \
        --export-csv "$tag.csv" --export-json "$tag.json" \
        -n retrylint "${rlcmd[*]}" -n clang "${clcmd[*]}" >"$tag.hf" 2>&1
      mr=$(awk -F, '$1=="retrylint" {print $4}' "$tag.csv")
      mc=$(awk -F, '$1=="clang" {print $4}' "$tag.csv")
      # hyperfine gives the mean user and system time of the runs
      cr=$(awk -F, '$1=="retrylint" {print $5+$6}' "$tag.csv")
      cc=$(awk -F, '$1=="clang" {print $5+$6}' "$tag.csv")
      local codes; codes=$(tr -d ' \n' <"$tag.json" | grep -o '"exit_codes":\[[^]]*\]' | head -1 | tr -dc '0-9,' | tr ',' ' ')
      for c in $codes; do note_rc "$c" "${rlcmd[*]}"; done
    else
      if [[ $first == 1 ]]; then  # one warm-up per set: binaries, headers into the page cache
        timed "$tag.warm" "${rlcmd[@]}"; note_rc "$RC" "${rlcmd[*]}"
        timed "$tag.warm" "${clcmd[@]}"
      fi
      : >"$tag.rl"; : >"$tag.cl"; : >"$tag.rlc"; : >"$tag.clc"
      for ((i = 0; i < K; i++)); do   # alternate which side goes first
        if (( i % 2 == 0 )); then
          timed "$tag.r" "${rlcmd[@]}"; note_rc "$RC" "${rlcmd[*]}"; echo "$T" >>"$tag.rl"; echo "$CPU" >>"$tag.rlc"
          timed "$tag.c" "${clcmd[@]}"; echo "$T" >>"$tag.cl"; echo "$CPU" >>"$tag.clc"
        else
          timed "$tag.c" "${clcmd[@]}"; echo "$T" >>"$tag.cl"; echo "$CPU" >>"$tag.clc"
          timed "$tag.r" "${rlcmd[@]}"; note_rc "$RC" "${rlcmd[*]}"; echo "$T" >>"$tag.rl"; echo "$CPU" >>"$tag.rlc"
        fi
      done
      mr=$(median <"$tag.rl"); mc=$(median <"$tag.cl")
      cr=$(median <"$tag.rlc"); cc=$(median <"$tag.clc")
    fi
    local r rc; r=$(div "$mr" "$mc"); rc=$(div "$cr" "$cc")
    echo "$r" >>"$WORK/ratio.$set"; echo "$rc" >>"$WORK/cratio.$set"
    echo "$cc $tu" >>"$WORK/size.$set"
    printf '  %-62s wall %6.3fs vs %6.3fs = %s   CPU %6.3fs vs %6.3fs = %s\n' "${tu#"$WORK/"}" "$mr" "$mc" "$r" "$cr" "$cc" "$rc" | tee -a "$LOG"
  done
}

say ""
say "== 1. per-TU cost: retrylint -j1 <tu> -- flags  vs  $CLANG -fsyntax-only <tu> flags (median of $K)   [load $(load1)]"
say "-- corpus (sample of $CORPUS_SAMPLE of ${#CORPUS[@]})"
mapfile -t CS < <(sample "$CORPUS_SAMPLE" "${CORPUS[@]}")
per_tu corpus "${CFLAGS[@]}" -- "${CS[@]}"
say "-- generated (sample of $GEN_SAMPLE of ${#GENTU[@]})"
mapfile -t GS < <(sample "$GEN_SAMPLE" "${GENTU[@]}")
per_tu gen "${GFLAGS[@]}" -- "${GS[@]}"
CORPUS_MED=$(median <"$WORK/ratio.corpus"); CORPUS_P90=$(p90 <"$WORK/ratio.corpus")
GEN_MED=$(median <"$WORK/ratio.gen"); GEN_P90=$(p90 <"$WORK/ratio.gen")
CORPUS_CMED=$(grep -v nan "$WORK/cratio.corpus" | median); CORPUS_CP90=$(grep -v nan "$WORK/cratio.corpus" | p90)
GEN_CMED=$(grep -v nan "$WORK/cratio.gen" | median); GEN_CP90=$(grep -v nan "$WORK/cratio.gen" | p90)
say "per-TU ratio, wall: corpus median $CORPUS_MED p90 $CORPUS_P90; generated median $GEN_MED p90 $GEN_P90"
say "per-TU ratio, CPU:  corpus median $CORPUS_CMED p90 $CORPUS_CP90; generated median $GEN_CMED p90 $GEN_CP90"

# ---- 2. whole program, -j1 vs a serial clang loop -------------------------------------------
# The serial clang loop is xargs (findutils): one clang++ per TU, in order, no shell in between.
clang_loop_cmd() {  # listfile flags...  -> CMD array
  local list="$1"; shift
  CMD=(xargs -a "$list" -d '\n' -n 1 "$CLANG" -fsyntax-only "$@")
}
# totals SET REPS flags... -- files...: sets TOT_RL TOT_CL TOT_RATIO (medians) and TOT_RL_CPU
totals() {
  local set="$1" reps="$2"; shift 2
  local flags=() i
  while [[ "$1" != -- ]]; do flags+=("$1"); shift; done; shift
  : >"$WORK/tot.$set.rl"; : >"$WORK/tot.$set.cl"; : >"$WORK/tot.$set.rlcpu"; : >"$WORK/tot.$set.clcpu"
  printf '%s\n' "$@" >"$WORK/tot.$set.list"
  clang_loop_cmd "$WORK/tot.$set.list" "${flags[@]}"
  TOT_BAD=0
  for ((i = 0; i < reps; i++)); do
    local a=(timed "$WORK/logs/tot.$set.rl" "$RLB" -j1 --fail-on=none "$@" -- "${flags[@]}")
    local b=(timed "$WORK/logs/tot.$set.cl" "${CMD[@]}")
    if (( i % 2 == 0 )); then
      "${a[@]}"; note_rc "$RC" "retrylint -j1 <all $set TUs>"; (( RC == 2 || RC >= 128 )) && TOT_BAD=1; echo "$T" >>"$WORK/tot.$set.rl"; echo "$CPU" >>"$WORK/tot.$set.rlcpu"
      "${b[@]}"; [[ $RC == 0 ]] || say "  note: clang++ reported errors on some $set TU (see $WORK/logs/tot.$set.cl.err)"; echo "$T" >>"$WORK/tot.$set.cl"; echo "$CPU" >>"$WORK/tot.$set.clcpu"
    else
      "${b[@]}"; echo "$T" >>"$WORK/tot.$set.cl"; echo "$CPU" >>"$WORK/tot.$set.clcpu"
      "${a[@]}"; note_rc "$RC" "retrylint -j1 <all $set TUs>"; (( RC == 2 || RC >= 128 )) && TOT_BAD=1; echo "$T" >>"$WORK/tot.$set.rl"; echo "$CPU" >>"$WORK/tot.$set.rlcpu"
    fi
    say "  run $((i + 1)): retrylint -j1 $(tail -n1 "$WORK/tot.$set.rl")s (CPU $(tail -n1 "$WORK/tot.$set.rlcpu")s), clang loop $(tail -n1 "$WORK/tot.$set.cl")s (CPU $(tail -n1 "$WORK/tot.$set.clcpu")s)   [load $(load1)]"
  done
  TOT_RL=$(median <"$WORK/tot.$set.rl"); TOT_CL=$(median <"$WORK/tot.$set.cl")
  TOT_RL_CPU=$(median <"$WORK/tot.$set.rlcpu")
  TOT_CL_CPU=$(median <"$WORK/tot.$set.clcpu")
  if [[ $TOT_BAD == 1 ]]; then
    say "  retrylint did not analyse the whole set (exit 2 or a crash): no ratio"
    TOT_RL=nan; TOT_RL_CPU=nan
  fi
  TOT_RATIO=$(div "$TOT_RL" "$TOT_CL"); TOT_CRATIO=$(div "$TOT_RL_CPU" "$TOT_CL_CPU")
}

say ""
say "== 2. whole program: retrylint -j1 <all TUs>  vs  a serial loop of $CLANG -fsyntax-only"
if (( CORPUS_TOTAL_FILES > 0 )); then mapfile -t CT < <(sample "$CORPUS_TOTAL_FILES" "${CORPUS[@]}"); else CT=("${CORPUS[@]}"); fi
say "-- corpus (${#CT[@]} TUs, $CORPUS_TOTAL_REPS run(s))"
totals corpus "$CORPUS_TOTAL_REPS" "${CFLAGS[@]}" -- "${CT[@]}"
C_TOT_RL=$TOT_RL; C_TOT_CL=$TOT_CL; C_TOT_RATIO=$TOT_RATIO; C_TOT_CRATIO=$TOT_CRATIO
say "-- generated (${#GENTU[@]} TUs, $GEN_TOTAL_REPS run(s))"
totals gen "$GEN_TOTAL_REPS" "${GFLAGS[@]}" -- "${GENTU[@]}"
G_TOT_RL=$TOT_RL; G_TOT_CL=$TOT_CL; G_TOT_RATIO=$TOT_RATIO; G_TOT_CRATIO=$TOT_CRATIO; G_TOT_RL_CPU=$TOT_RL_CPU
say "total ratio, wall: corpus $C_TOT_RATIO (${C_TOT_RL}s vs ${C_TOT_CL}s); generated $G_TOT_RATIO (${G_TOT_RL}s vs ${G_TOT_CL}s)"
say "total ratio, CPU:  corpus $C_TOT_CRATIO; generated $G_TOT_CRATIO"

# ---- 3. -j scaling on the generated program ------------------------------------------------
say ""
say "== 3. -j scaling: retrylint -jN <all generated TUs> -- flags (the last -jN run also --emit-facts)"
JLIST=(2); (( NPROC > 2 )) && JLIST+=("$NPROC")
FACTS="$WORK/facts"
# -j1 is the run of section 2 (same command line), taken just before.
J1_T=$G_TOT_RL; J1_CPU=$G_TOT_RL_CPU
cp "$WORK/logs/tot.gen.rl.out" "$WORK/logs/j1.out"
say "  -j1: ${J1_T}s wall, ${J1_CPU}s CPU (section 2)"
declare -A JT JCPU
JLOAD_B=$(load1)
for j in "${JLIST[@]}"; do
  extra=(); [[ $j == "${JLIST[-1]}" ]] && extra=(--emit-facts "$FACTS")
  timed "$WORK/logs/j$j" "$RLB" -j"$j" --fail-on=none "${extra[@]}" "${GENTU[@]}" -- "${GFLAGS[@]}"
  note_rc "$RC" "retrylint -j$j <all gen TUs> ${extra[*]}"
  JT[$j]=$T; JCPU[$j]=$CPU
  say "  -j$j: ${T}s wall, ${CPU}s CPU, speedup $(div "$J1_T" "$T"), CPU/wall $(div "$CPU" "$T")   [load $(load1)]"
done
JMAX=${JLIST[-1]}
JLOAD_BEFORE=$JLOAD_B
# Control: the same TUs dealt round-robin to JMAX independent retrylint -j1 processes run at
# once: as much parallelism as this machine gives right now, whatever retrylint does inside.
split_run() {
  local n="$1" g i pids=()
  for ((g = 0; g < n; g++)); do
    local part=()
    for ((i = g; i < ${#GENTU[@]}; i += n)); do part+=("${GENTU[$i]}"); done
    "$RLB" -j1 --fail-on=none "${part[@]}" -- "${GFLAGS[@]}" >"$WORK/logs/split.$g.out" 2>&1 &
    pids+=($!)
  done
  local rc=0; for i in "${pids[@]}"; do wait "$i" || rc=$?; done
  return $rc
}
timed "$WORK/logs/split" split_run "$JMAX"; note_rc "$RC" "control: $JMAX concurrent retrylint -j1 processes"
SPLIT_T=$T
CTRL=$(div "${JT[$JMAX]}" "$SPLIT_T")
SPLIT_SPEEDUP=$(div "$J1_T" "$SPLIT_T")
say "  control, $JMAX concurrent -j1 processes: ${T}s wall, ${CPU}s CPU, speedup $SPLIT_SPEEDUP; -j$JMAX / control = $CTRL   [load $(load1)]"
SPEEDUP=$(div "$J1_T" "${JT[$JMAX]}")
EFF=$(div "$SPEEDUP" "$JMAX")
JLOAD=$(load1)
if cmp -s "$WORK/logs/j1.out" "$WORK/logs/j$JMAX.out"; then JSAME=yes; else JSAME=NO; fi
say "  report identical at -j1 and -j$JMAX: $JSAME"

# ---- 4. peak memory ---------------------------------------------------------------------------
say ""
say "== 4. peak memory (max RSS, /usr/bin/time), median of 3, on the largest TU   [load $(load1)]"
rss_pair() {  # label tu flags...
  local label="$1" tu="$2"; shift 2
  local i; : >"$WORK/rss.rl"; : >"$WORK/rss.cl"
  for ((i = 0; i < 3; i++)); do
    max_rss "$RLB" -j1 --fail-on=none "$tu" -- "$@"; note_rc "$RC" "retrylint -j1 $tu"; echo "$RSS" >>"$WORK/rss.rl"
    max_rss "$CLANG" -fsyntax-only "$tu" "$@"; echo "$RSS" >>"$WORK/rss.cl"
  done
  RSS_RL=$(median <"$WORK/rss.rl"); RSS_CL=$(median <"$WORK/rss.cl"); RSS_RATIO=$(div "$RSS_RL" "$RSS_CL")
  say "  $label ${tu#"$WORK/"}: retrylint $((RSS_RL / 1024)) MiB, clang $((RSS_CL / 1024)) MiB, ratio $RSS_RATIO"
}
if [[ $HAVE_TIME == 1 ]]; then
  rss_pair corpus "$BIG_CORPUS" "${CFLAGS[@]}"; C_RSS=$RSS_RATIO
  rss_pair generated "$BIG_GEN" "${GFLAGS[@]}"; G_RSS=$RSS_RATIO
else
  say "  /usr/bin/time not installed (Debian package time): skipped"; C_RSS=nan; G_RSS=nan
fi

# ---- 5. facts and link ---------------------------------------------------------------------
say ""
say "== 5. facts path: --emit-facts (the -j$JMAX run above) then retrylint link (median of $K)"
NFACTS=$(ls "$FACTS" 2>/dev/null | wc -l)
say "  facts: $NFACTS files, $(du -sk "$FACTS" 2>/dev/null | cut -f1) KiB for ${#GENTU[@]} TUs"
# link is single-threaded: its CPU time (user+sys) is what it costs on a quiet machine, and a
# load from other processes barely moves it; the wall time is printed beside it.
link_time() {  # label dirs... -> sets LT (median of K CPU) and LW (median wall)
  local label="$1" i; shift; : >"$WORK/link.t"; : >"$WORK/link.w"
  for ((i = 0; i < K; i++)); do
    timed "$WORK/logs/link.$label" "$RLB" link --fail-on=none "$@"; note_rc "$RC" "retrylint link ($label)"
    echo "$T" >>"$WORK/link.w"; echo "$CPU" >>"$WORK/link.t"
  done
  LT=$(median <"$WORK/link.t"); LW=$(median <"$WORK/link.w")
}
LINK_CLOCK="CPU s"
LINK_FULL=nan; LINK_1M=nan; LINK_SLOPE_RATIO=nan; LINK_SAME=n/a; LINK_VS_ANALYSIS=nan
if (( NFACTS > 0 )); then
  NREC=$(cat "$FACTS"/*.json | grep -c '"functionUsr"')
  link_time x1 "$FACTS"; LINK_FULL=$LT; LINK_FULL_W=$LW
  if cmp -s "$WORK/logs/link.x1.out" "$WORK/logs/j$JMAX.out"; then LINK_SAME=yes; else LINK_SAME=NO; fi
  LINK_VS_ANALYSIS=$(div "$LINK_FULL_W" "$J1_T")
  say "  retry loops in the facts: $NREC ($(awk -v a="$NREC" -v b="$GEN_FUNCS" 'BEGIN{printf "%.1f", 100*a/b}')% of the functions)"
  say "  link, x1 (${#GENTU[@]} TUs, $GEN_FUNCS functions): ${LINK_FULL} $LINK_CLOCK (wall ${LW}s = $LINK_VS_ANALYSIS of the -j1 analysis, ${J1_T}s)"
  say "  link report identical to the direct run's: $LINK_SAME"
  # Growth: R renamed replicas of the facts (synthetic: each copy's USRs, names and paths get a
  # suffix rN, so they are distinct functions), up to ~$LINK_TARGET functions; link x1, xB, xR.
  R=$(( (LINK_TARGET + GEN_FUNCS - 1) / GEN_FUNCS )); (( R < 4 )) && R=4
  B=$(( (R + 2) / 3 ))
  for ((r = 1; r <= R; r++)); do
    mkdir -p "$WORK/link/r$r"
    awk -v r="$r" -v out="$WORK/link/r$r" '
      FNR == 1 { if (o) close(o); n = FILENAME; sub(/.*\//, "", n); sub(/^tu_[0-9]+/, "&r" r, n); o = out "/" n }
      { gsub(/tu_[0-9][0-9][0-9][0-9]/, "&r" r); gsub(/svc_[0-9][0-9][0-9][0-9]/, "&r" r); print > o }' "$FACTS"/*.json
  done
  dirs() { local n=$1 r; for ((r = 1; r <= n; r++)); do echo "$WORK/link/r$r"; done; }
  mapfile -t DB < <(dirs "$B"); mapfile -t DR < <(dirs "$R")
  FB=$((B * GEN_FUNCS)); FR=$((R * GEN_FUNCS))
  link_time "x$B" "${DB[@]}"; LB=$LT
  say "  link, x$B ($FB functions): ${LB} $LINK_CLOCK (wall ${LW}s)"
  link_time "x$R" "${DR[@]}"; LR=$LT
  say "  link, x$R ($FR functions): ${LR} $LINK_CLOCK (wall ${LW}s; facts $(du -sk "$WORK/link" | cut -f1) KiB)"
  S1=$(awk -v a="$LINK_FULL" -v b="$LB" -v f="$GEN_FUNCS" -v fb="$FB" 'BEGIN { printf "%.10f\n", (b-a)/(fb-f) }')
  S2=$(awk -v a="$LB" -v b="$LR" -v fa="$FB" -v fb="$FR" 'BEGIN { printf "%.10f\n", (b-a)/(fb-fa) }')
  # Linear growth keeps the marginal cost per function the same over both ranges.
  LINK_SLOPE_RATIO=$(awk -v a="$S1" -v b="$S2" 'BEGIN { if (a <= 0) print "nan"; else printf "%.3f\n", b/a }')
  # Extrapolate along the upper range; a slope below the noise counts as the average cost.
  LINK_1M=$(awk -v t="$LR" -v s="$S2" -v f="$FR" 'BEGIN { if (s <= 0) s = t/f; printf "%.3f\n", t + s*(1000000-f) }')
  say "  marginal cost per 1k functions: $(awk -v s="$S1" 'BEGIN{printf "%.4f", s*1000}')s (x1..x$B), $(awk -v s="$S2" 'BEGIN{printf "%.4f", s*1000}')s (x$B..x$R): ratio $LINK_SLOPE_RATIO"
  say "  = $(awk -v s="$S2" -v f="$GEN_FUNCS" -v n="$NREC" 'BEGIN{printf "%.1f", s*f/n*1e6}') us per retry loop; extrapolated to 1,000,000 functions at this density: ${LINK_1M} $LINK_CLOCK"
else
  say "  no facts written: skipped"
fi

# ---- 5b. warm re-run with the facts cache -------------------------------------------------------
say ""
say "== 5b. warm re-run: retrylint --cache-dir DIR <all generated TUs>, cold (empty cache) then warm"
CACHE="$WORK/cache"; rm -rf "$CACHE"
timed "$WORK/logs/cold" "$RLB" --cache-dir "$CACHE" --fail-on=none "${GENTU[@]}" -- "${GFLAGS[@]}"
note_rc "$RC" "retrylint --cache-dir (cold)"; COLD_T=$T
timed "$WORK/logs/warm" "$RLB" --cache-dir "$CACHE" --fail-on=none "${GENTU[@]}" -- "${GFLAGS[@]}"
note_rc "$RC" "retrylint --cache-dir (warm)"; WARM_T=$T
WARM_RATIO=$(div "$WARM_T" "$COLD_T")
WARM_SAME=$(cmp -s "$WORK/logs/cold.out" "$WORK/logs/warm.out" && echo yes || echo no)
say "  cold ${COLD_T}s, warm ${WARM_T}s: ratio $WARM_RATIO; same report: $WARM_SAME"

# ---- 6. instruction counts (callgrind) --------------------------------------------------------
say ""
CG_RATIOS=(); CGC=(); CGG=()
if [[ $NO_CG == 1 ]]; then
  say "== 6. instructions: skipped (--no-callgrind)"
elif command -v valgrind >/dev/null; then
  say "== 6. instructions (valgrind --tool=callgrind --trace-children=yes, summed over processes)"
  # A forked worker's profile starts with its parent's counts up to the fork (the dynamic
  # loading of libclang-cpp, about 31M instructions): --dump-before=fork writes those to the
  # parent's first part and zeroes them, so the sum counts them once. Each file's `totals:`
  # line is its count (its `summary:` line repeats it).
  cg_run() {  # name cmd...  -> writes $WORK/cg/name.ir
    local name="$1"; shift
    mkdir -p "$WORK/cg/$name"
    valgrind --tool=callgrind --trace-children=yes --dump-before=fork --callgrind-out-file="$WORK/cg/$name/cg.%p" \
      "$@" >"$WORK/cg/$name.out" 2>"$WORK/cg/$name.err"
    echo $? >"$WORK/cg/$name.rc"
    awk '/^totals:/ { s += $2 } END { print s+0 }' "$WORK/cg/$name"/cg.* >"$WORK/cg/$name.ir"
  }
  # The corpus TU of median clang cost in the sample of section 1 (the largest costs ~45 s).
  mapfile -t CGC < <(sort -g "$WORK/size.corpus" | awk '{ l[NR] = $2 } END { print l[int((NR + 1) / 2)] }')
  mapfile -t CGG < <(sample "$CG_GEN" "${GS[@]}")
  CGJOBS=()
  idx=0
  for tu in "${CGC[@]}"; do CGJOBS+=("c$idx|$tu|corpus"); idx=$((idx + 1)); done
  for tu in "${CGG[@]}"; do CGJOBS+=("g$idx|$tu|gen"); idx=$((idx + 1)); done
  # Instruction counts do not depend on load, so these run $NPROC at a time.
  running=0
  for job in "${CGJOBS[@]}"; do
    IFS='|' read -r id tu set <<<"$job"
    if [[ $set == corpus ]]; then fl=("${CFLAGS[@]}"); else fl=("${GFLAGS[@]}"); fi
    cg_run "$id.rl" "$RLB" -j1 --fail-on=none "$tu" -- "${fl[@]}" &
    running=$((running + 1)); (( running >= NPROC )) && { wait -n; running=$((running - 1)); }
    cg_run "$id.cl" "$CLANG" -fsyntax-only "$tu" "${fl[@]}" &
    running=$((running + 1)); (( running >= NPROC )) && { wait -n; running=$((running - 1)); }
  done
  wait
  for job in "${CGJOBS[@]}"; do
    IFS='|' read -r id tu set <<<"$job"
    note_rc "$(cat "$WORK/cg/$id.rl.rc")" "valgrind retrylint $tu"
    a=$(cat "$WORK/cg/$id.rl.ir"); b=$(cat "$WORK/cg/$id.cl.ir")
    r=$(div "$a" "$b"); CG_RATIOS+=("$set:$r")
    say "  $(printf '%-58s' "${tu#"$WORK/"}") retrylint $(awk -v a="$a" 'BEGIN{printf "%.3f", a/1e9}')G  clang $(awk -v b="$b" 'BEGIN{printf "%.3f", b/1e9}')G  ratio $r"
  done
else
  say "== 6. instructions: valgrind not installed (Debian package valgrind): skipped"
fi
CG_MAX=$(for x in "${CG_RATIOS[@]}"; do echo "${x#*:}"; done | sort -g | tail -1); CG_MAX=${CG_MAX:-nan}
CG_C=$(for x in "${CG_RATIOS[@]}"; do [[ $x == corpus:* ]] && echo "${x#*:}"; done | sort -g | tail -1); CG_C=${CG_C:-nan}
CG_G=$(for x in "${CG_RATIOS[@]}"; do [[ $x == gen:* ]] && echo "${x#*:}"; done | sort -g | tail -1); CG_G=${CG_G:-nan}

# ---- summary table ----------------------------------------------------------------------------
say ""
say "uptime after: $(uptime)"
TABLE="$WORK/table.txt"
{
  echo ""
  echo "== summary ($MODE, $(date -u '+%Y-%m-%d %H:%M UTC'), $NPROC cores, load before/after in $LOG)"
  printf '%-46s %-24s %-24s %s\n' "metric" "target (design.md)" "measured" "verdict"
  printf '%-46s %-24s %-24s %s\n' "----------------------------------------------" "------------------------" "------------------------" "-------"
  row() { printf '%-46s %-24s %-24s %s\n' "$1" "$2" "$3" "$4"; }
  row "per-TU cost, corpus, median TU: CPU (wall)" "<= 1.05" "$(fmt2 "$CORPUS_CMED") ($(fmt2 "$CORPUS_MED")), ${#CS[@]} TUs" "$(verdict_le "$CORPUS_CMED" 1.05)"
  row "per-TU cost, corpus, p90 TU: CPU (wall)" "<= 1.05" "$(fmt2 "$CORPUS_CP90") ($(fmt2 "$CORPUS_P90"))" "$(verdict_le "$CORPUS_CP90" 1.05)"
  row "per-TU cost, generated, median TU: CPU (wall)" "<= 1.05" "$(fmt2 "$GEN_CMED") ($(fmt2 "$GEN_MED")), ${#GS[@]} TUs" "$(verdict_le "$GEN_CMED" 1.05)"
  row "per-TU cost, generated, p90 TU: CPU (wall)" "<= 1.05" "$(fmt2 "$GEN_CP90") ($(fmt2 "$GEN_P90"))" "$(verdict_le "$GEN_CP90" 1.05)"
  row "total -j1 vs clang loop, corpus: CPU (wall)" "<= 1.05" "$(fmt2 "$C_TOT_CRATIO") ($(fmt2 "$C_TOT_RATIO"))" "$(verdict_le "$C_TOT_CRATIO" 1.05)"
  row "total -j1 vs clang loop, gen: CPU (wall)" "<= 1.05" "$(fmt2 "$G_TOT_CRATIO") ($(fmt2 "$G_TOT_RATIO"))" "$(verdict_le "$G_TOT_CRATIO" 1.05)"
  row "instructions ratio, corpus (max of ${#CGC[@]})" "<= 1.05" "$(fmt2 "$CG_C")" "$(verdict_le "$CG_C" 1.05)"
  row "instructions ratio, generated (max of ${#CGG[@]})" "<= 1.05" "$(fmt2 "$CG_G")" "$(verdict_le "$CG_G" 1.05)"
  row "-j$JMAX speedup over -j1, generated" ">= $(awk -v j="$JMAX" 'BEGIN{printf "%.1f", 0.8*j}') (scales w/ cores)" "$(fmt2 "$SPEEDUP") (load $JLOAD_BEFORE)" "$(verdict_ge "$SPEEDUP" "$(awk -v j="$JMAX" 'BEGIN{print 0.8*j}')")"
  row "-j$JMAX wall / $JMAX concurrent -j1 processes" "<= 1.10 (machine's best)" "$(fmt2 "$CTRL") (ctrl speedup $(fmt2 "$SPLIT_SPEEDUP"))" "$(verdict_le "$CTRL" 1.10)"
  row "report identical at -j1 and -j$JMAX" "same output for any N" "$JSAME" "$([[ $JSAME == yes ]] && echo PASS || echo FAIL)"
  row "peak RSS ratio, largest TU: corpus / gen" "(no target)" "$(fmt2 "$C_RSS") / $(fmt2 "$G_RSS")" "N/A"
  row "link time, generated ($GEN_FUNCS functions)" "(no target)" "$(fmt2 "$LINK_FULL") $LINK_CLOCK" "N/A"
  row "link / analysis time at -j1, generated" "(no target)" "$(fmt2 "$LINK_VS_ANALYSIS")" "N/A"
  row "link cost/function, upper/lower range" "linear (ratio <= 1.5)" "$(fmt2 "$LINK_SLOPE_RATIO")" "$(verdict_le "$LINK_SLOPE_RATIO" 1.5)"
  row "link, 1M functions (extrapolated)" "< 3 s" "$(fmt2 "$LINK_1M") $LINK_CLOCK" "$(verdict_le "$LINK_1M" 2.999)"
  row "link report == direct run report" "byte for byte" "$LINK_SAME" "$([[ $LINK_SAME == yes ]] && echo PASS || { [[ $LINK_SAME == n/a ]] && echo N/A || echo FAIL; })"
  row "warm re-run / cold run (same report: $WARM_SAME)" "<= 0.05" "$(fmt2 "$WARM_RATIO")" "$(verdict_le "$WARM_RATIO" 0.05)"
  row "retrylint crashes / runs" "0" "$RL_CRASHES / $RL_RUNS" "$([[ $RL_CRASHES == 0 ]] && echo PASS || echo FAIL)"
  echo ""
  if [[ "$(verdict_ge "$SPEEDUP" "$(awk -v j="$JMAX" 'BEGIN{print 0.8*j}')")" != PASS ]] &&
     awk -v l="$JLOAD_BEFORE" -v n="$NPROC" 'BEGIN { exit !(l+0 > n/2 + 1) }'; then
    echo "-j scaling: the 1-min load was $JLOAD_BEFORE before it on $NPROC cores: other processes held cores,"
    echo "  so the wall-clock speedup says little; the control row and a quiet re-run tell more (README)."
  fi
  [[ -n "$CRASH_NOTES" ]] && { echo "retrylint exits worth a look:"; printf '%s' "$CRASH_NOTES"; }
  echo "details: $LOG"
} >"$TABLE"
cat "$TABLE" | tee -a "$LOG"
[[ -n "$REPORT" ]] && cp "$LOG" "$REPORT"
exit 0
}
