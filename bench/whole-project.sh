#!/usr/bin/env bash
# bench/whole-project.sh: retrylint on every TU of a large real project (RocksDB by default),
# side by side with `clang++ -fsyntax-only` on the same TUs and flags. Prints total CPU and
# wall, peak memory, the link time, the warm re-run (facts cache), crashes and lost TUs,
# and the JSON report's size per 100 findings. See bench/README.md ("Whole project").
#
#   bench/whole-project.sh --src DIR [--retrylint PATH] [--work DIR] [-j N] [--tus N]
#
# --src: an unpacked RocksDB tree (fetched, never vendored: see bench/README.md); --tus N
# takes every k-th TU so that N remain (a quick check of the script); -j defaults to 2.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
RL=${RETRYLINT:-/work/build/bin/retrylint}
CLANG=clang++-19
src="" work="${TMPDIR:-/tmp}/retrylint-whole-project" jobs=2 limit=0
while [ $# -gt 0 ]; do
  case $1 in
    --src) src=$2; shift 2 ;;
    --retrylint) RL=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    -j) jobs=$2; shift 2 ;;
    --tus) limit=$2; shift 2 ;;
    *) echo "usage: $0 --src DIR [--retrylint PATH] [--work DIR] [-j N] [--tus N]" >&2; exit 2 ;;
  esac
done
[ -f "$src/CMakeLists.txt" ] || { echo "whole-project: --src must be a project tree with CMakeLists.txt" >&2; exit 2; }
src=$(cd "$src" && pwd)
for tool in cmake node "$CLANG" /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "whole-project: $tool is needed" >&2; exit 2; }
done
mkdir -p "$work"
# The binary is copied, so a rebuild during the (long) run does not mix two versions.
cp "$RL" "$work/retrylint"
RL="$work/retrylint"
log() { echo "[$(date -u +%H:%M:%S) load $(cut -d' ' -f1 /proc/loadavg)] $*"; }

# ---- configure: a compile database for clang ---------------------------------------------
build="$work/build"
if [ ! -f "$build/compile_commands.json" ]; then
  log "configuring $src"
  cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER="$CLANG" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
    -DWITH_GFLAGS=OFF -DWITH_TESTS=OFF -DWITH_BENCHMARK_TOOLS=OFF -DWITH_TOOLS=OFF \
    -DWITH_CORE_TOOLS=OFF -DFAIL_ON_WARNINGS=OFF >"$work/configure.log" 2>&1 ||
    { tail -20 "$work/configure.log" >&2; exit 1; }
fi
# Headers that the build generates (build_version.cc) must exist before a parse.
ninja -C "$build" -t targets all 2>/dev/null | grep -o '^[^:]*build_version.cc' | head -1 |
  xargs -r ninja -C "$build" >/dev/null 2>&1 || true

# ---- the TUs: C++ sources of the compile database (every k-th one with --tus) ------------
db="$work/db"; mkdir -p "$db"
node -e '
  const fs = require("fs");
  const all = JSON.parse(fs.readFileSync(process.argv[1], "utf8"))
    .filter(e => /\.(cc|cpp|cxx)$/.test(e.file))
    // A source built twice (static and shared library) is one TU.
    .filter((e, i, a) => a.findIndex(o => o.file === e.file) === i)
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const limit = Number(process.argv[3]);
  const step = limit > 0 && limit < all.length ? all.length / limit : 1;
  const picked = [];
  for (let i = 0; picked.length < (limit > 0 ? Math.min(limit, all.length) : all.length); i += step)
    picked.push(all[Math.floor(i)]);
  fs.writeFileSync(process.argv[2] + "/compile_commands.json", JSON.stringify(picked, null, 1));
  // One clang -fsyntax-only command per TU, NUL-separated: cd DIR && clang++ ARGS.
  const q = s => "\x27" + s.replace(/\x27/g, "\x27\\\x27\x27") + "\x27";
  const lines = picked.map(e => {
    const args = e.arguments || e.command.match(/(?:[^\s"]+|"[^"]*")+/g).map(a => a.replace(/"/g, ""));
    const out = [];
    for (let i = 1; i < args.length; i++) {
      if (args[i] === "-o" || args[i] === "-MF" || args[i] === "-MT" || args[i] === "-MQ") { i++; continue; }
      if (["-c", "-MD", "-MMD"].includes(args[i])) continue;
      out.push(args[i]);
    }
    return "cd " + q(e.directory) + " && '"$CLANG"' -fsyntax-only " + out.map(q).join(" ");
  });
  fs.writeFileSync(process.argv[2] + "/clang-commands", lines.join("\0") + "\0");
' "$build/compile_commands.json" "$db" "$limit"
tus=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).length)' "$db/compile_commands.json")
log "$tus TUs, -j$jobs, retrylint $("$RL" --version | tail -1)"

timed() { # timed NAME CMD...: /usr/bin/time into $work/NAME.time, output in $work/NAME.{out,err}
  local name=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/$name.time" "$@" >"$work/$name.out" 2>"$work/$name.err" || true
}
field() { awk -v k="$2" '{ print (k == "wall" ? $1 : k == "cpu" ? $2 + $3 : k == "rss" ? int($4 / 1024) : "") }' "$work/$1.time" | tail -1; }

# ---- retrylint cold (fresh cache), warm (same cache), link of the emitted facts ------------
rm -rf "$work/cache" "$work/facts"
log "retrylint cold"
timed cold "$RL" -p "$db" -j "$jobs" --cache-dir "$work/cache" --emit-facts "$work/facts" \
  --format=json --fail-on=none -o "$work/report.json"
log "retrylint warm"
timed warm "$RL" -p "$db" -j "$jobs" --cache-dir "$work/cache" --format=json --fail-on=none \
  -o "$work/report-warm.json"
log "retrylint link"
timed link "$RL" link -j "$jobs" --format=json --fail-on=none -o "$work/report-link.json" "$work/facts"

# ---- clang -fsyntax-only, every TU, -jN ----------------------------------------------------
log "clang++ -fsyntax-only"
timed clang xargs -0 -P "$jobs" -n 1 bash -c < "$db/clang-commands"
clang_failed=$(grep -c "error:" "$work/clang.err" || true)

# ---- what was lost -------------------------------------------------------------------------
crashed=$(grep -c "crashed\|timed out\|killed" "$work/cold.err" || true)
incomplete=$(grep -c "is incomplete" "$work/cold.err" || true)
facts=$(ls "$work/facts" | grep -c '\.facts\.json$' || true)
findings=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).findings.length)' "$work/report.json")
bytes=$(stat -c %s "$work/report.json")
same_warm=$(cmp -s "$work/report.json" "$work/report-warm.json" && echo yes || echo no)
same_link=$(cmp -s "$work/report.json" "$work/report-link.json" && echo yes || echo no)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf (b > 0 ? "%.3f" : "n/a"), a / b }'; }
{
  echo
  echo "whole project: $src ($tus TUs, -j$jobs), $(date -u +%F) on $(nproc) cores"
  printf '%-34s %12s %12s %10s\n' "" "retrylint" "clang" "ratio"
  printf '%-34s %12.1f %12.1f %10s\n' "total CPU s (user+sys)" "$(field cold cpu)" "$(field clang cpu)" \
    "$(ratio "$(field cold cpu)" "$(field clang cpu)")"
  printf '%-34s %12.1f %12.1f %10s\n' "wall s" "$(field cold wall)" "$(field clang wall)" \
    "$(ratio "$(field cold wall)" "$(field clang wall)")"
  printf '%-34s %12d %12d %10s\n' "peak RSS MB (largest process)" "$(field cold rss)" "$(field clang rss)" \
    "$(ratio "$(field cold rss)" "$(field clang rss)")"
  printf '%-34s %12.2f %12s %10s\n' "warm re-run wall s / cold" "$(field warm wall)" "" \
    "$(ratio "$(field warm wall)" "$(field cold wall)")"
  printf '%-34s %12.2f %12s %10s\n' "link of the facts: wall s (CPU)" "$(field link wall)" "($(field link cpu))" ""
  printf '%-34s %12s %12s\n' "TUs with clang errors / incomplete" "$incomplete" "$clang_failed lines"
  printf '%-34s %12s\n' "crashed or timed-out TUs" "$crashed"
  printf '%-34s %12s\n' "facts files / TUs (lost: diff)" "$facts / $tus"
  printf '%-34s %12s\n' "findings" "$findings"
  printf '%-34s %12s %12s\n' "JSON report bytes, per 100 findings" "$bytes" \
    "$(awk -v b="$bytes" -v n="$findings" 'BEGIN { printf (n > 0 ? "%.0f" : "n/a"), b * 100 / n }')"
  echo "warm report == cold: $same_warm; link report == cold: $same_link"
  echo "logs: $work/{clang,cold,warm,link}.{time,err}"
} | tee "$work/table.txt"
