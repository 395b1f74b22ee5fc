#!/usr/bin/env bash
# The whole test suite under AddressSanitizer and UndefinedBehaviorSanitizer, then a short
# run of each libFuzzer harness (fuzz/README.md). Builds build-san/ with clang-19; CI runs
# it after scripts/test.sh.
#   FUZZ_SECONDS   seconds per harness (default 60; 0 skips the fuzzing)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >/dev/null # the packages (libclang-rt-19-dev among them) and build/

export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true
if [ ! -f build-san/build.ninja ]; then
  cmake -S . -B build-san -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    -DCMAKE_CXX_FLAGS=-gline-tables-only \
    -DRETRYLINT_SANITIZE=address,undefined -DRETRYLINT_FUZZ=ON >/dev/null
fi
cmake --build build-san --parallel "${RETRYLINT_BUILD_JOBS:-2}"

# Sanitizer reports go to files, so a report from a worker process (whose crash the run
# survives by design) still fails the suite. ASan leaves signals alone: the tests that crash
# a TU on purpose (#pragma clang __debug crash, a stack overflow inside Clang) are not
# memory errors.
logs="$PWD/build-san/sanitizer-logs"
rm -rf "$logs" && mkdir -p "$logs"
export ASAN_OPTIONS="log_path=$logs/asan:handle_segv=0:handle_sigbus=0:handle_abort=0:handle_sigill=0:handle_sigfpe=0:detect_stack_use_after_return=0:strict_string_checks=1"
export UBSAN_OPTIONS="log_path=$logs/ubsan:print_stacktrace=1:halt_on_error=1"
status=0
(cd build-san && ctest --output-on-failure --parallel "${RETRYLINT_TEST_JOBS:-2}") || status=$?
if compgen -G "$logs/*" >/dev/null; then
  echo "sanitize.sh: sanitizer reports:" >&2
  cat "$logs"/* >&2
  status=1
fi
[ "$status" -eq 0 ] || { echo "sanitize.sh: the sanitized suite failed" >&2; exit "$status"; }

# Fuzz smoke: each harness for a fixed time on a copy of its seed corpus.
seconds=${FUZZ_SECONDS:-60}
if [ "$seconds" -gt 0 ]; then
  unset ASAN_OPTIONS UBSAN_OPTIONS # the fuzzers report on stderr and keep the input
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  for pair in FactsFuzzer:facts PolicyFuzzer:policy CompileDatabaseFuzzer:compile-db; do
    fuzzer=${pair%%:*} seeds=${pair##*:}
    mkdir -p "$work/$seeds" "$work/artifacts"
    cp fuzz/corpus/"$seeds"/* "$work/$seeds/"
    echo "sanitize.sh: $fuzzer for ${seconds}s"
    if ! build-san/fuzz/"$fuzzer" -dict=fuzz/json.dict -max_total_time="$seconds" \
         -timeout=30 -rss_limit_mb=2048 -print_final_stats=1 \
         -artifact_prefix="$work/artifacts/" "$work/$seeds" 2>"$work/$fuzzer.log"; then
      tail -50 "$work/$fuzzer.log" >&2
      mkdir -p build-san/fuzz-artifacts && cp "$work"/artifacts/* build-san/fuzz-artifacts/ 2>/dev/null || true
      echo "sanitize.sh: $fuzzer failed; its input is in build-san/fuzz-artifacts/" >&2
      exit 1
    fi
    grep -aE "stat::number_of_executed_units|stat::peak_rss_mb" "$work/$fuzzer.log" | tr '\n' ' '
    echo
  done
fi
echo "sanitize.sh: the sanitized suite and the fuzz smoke runs passed"
