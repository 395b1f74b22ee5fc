#!/usr/bin/env bash
# End-to-end checks of the retrylint command line: one case per CTest test.
# usage: cli_test.sh <case> <retrylint> <corpus dir>
set -u
case_name=$1 tool=$2 corpus=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
flags=(-- -std=c++17 "-I$corpus/include")
classic=("$corpus"/classic/*.cpp)
incident1=$corpus/classic/01-backoff-no-jitter.cpp

source "$(dirname "${BASH_SOURCE[0]}")/../lib/expect.sh"

case $case_name in
classic-text)
  expect_exit 1 "$tool" "${classic[@]}" "${flags[@]}"
  expect_in "$work/out" "01-backoff-no-jitter.cpp:22:5: warning: 5 attempts sleep 100, 200, 400, 800, 1600 ms with no jitter"
  expect_in "$work/out" "[retry-backoff-no-jitter]"
  expect_in "$work/out" "note: use full jitter"
  # All four incidents in one run: the fixed twins must not hide the nested retries.
  expect_in "$work/out" "03-nested-retries.cpp:65:12: warning: 3 × 3 × 3 = 27 calls reach"
  expect_in "$work/out" "1.6 s after the 5th and final attempt" ;;
usage-unknown-check)
  expect_exit 2 "$tool" --checks=retry-no-such-rule "${classic[0]}" "${flags[@]}"
  expect_in "$work/err" "unknown check 'retry-no-such-rule'" ;;
usage-missing-file)
  expect_exit 2 "$tool" "$work/absent.cpp" "${flags[@]}"
  expect_in "$work/err" "no such file" ;;
usage-unknown-option)
  expect_exit 2 "$tool" --no-such-option "${classic[0]}" "${flags[@]}"
  expect_in "$work/err" "no-such-option" ;;
usage-bad-database)
  echo '[{"directory": "/tmp", "file": ' >"$work/compile_commands.json"
  expect_exit 2 "$tool" -p "$work"
  expect_in "$work/err" "compilation database" ;;
compile-error-partial)
  # A TU that does not compile still reports what its recovered AST supports.
  sed 's/return err;/return undeclared_name;/' "$corpus/classic/01-backoff-no-jitter.cpp" >"$work/broken.cpp"
  expect_exit 1 "$tool" "$work/broken.cpp" "${flags[@]}"
  expect_in "$work/out" "[retry-backoff-no-jitter]"
  expect_in "$work/err" "incomplete"
  # Without findings the exit code says "incomplete".
  printf 'int f() { return missing; }\n' >"$work/only-error.cpp"
  expect_exit 3 "$tool" "$work/only-error.cpp" "${flags[@]}"
  expect_in "$work/err" "incomplete"
  expect_exit 3 "$tool" --format=sarif "$work/only-error.cpp" "${flags[@]}"
  expect_in "$work/out" '"executionSuccessful": false' ;;
json-report)
  # Findings, fan-out and notices; the facts of every TU only with --json-facts.
  sed 's/return err;/return undeclared_name;/' "$corpus/classic/01-backoff-no-jitter.cpp" >"$work/broken.cpp"
  expect_exit 1 "$tool" --format=json "$work/broken.cpp" "${flags[@]}"
  expect_in "$work/out" '"ruleId": "retry-backoff-no-jitter"'
  expect_in "$work/out" '"fanout": ['
  expect_in "$work/out" '"level": "warning"'
  expect_in "$work/out" 'broken.cpp is incomplete: it has compile errors'
  expect_not_in "$work/out" '"translationUnits"'
  expect_not_in "$work/out" '"mainFile"'
  expect_exit 1 "$tool" --format=json --json-facts "$work/broken.cpp" "${flags[@]}"
  expect_in "$work/out" '"translationUnits": ['
  expect_in "$work/out" '"mainFile"' ;;
facts-round-trip)
  expect_exit 1 "$tool" --format=sarif --emit-facts "$work/facts" "${classic[@]}" "${flags[@]}"
  mv "$work/out" "$work/direct.sarif"
  [ "$(ls "$work/facts" | wc -l)" -eq "${#classic[@]}" ] || fail "expected one facts file per TU"
  expect_exit 1 "$tool" link --format=sarif "$work/facts"
  cmp "$work/direct.sarif" "$work/out" || fail "link output differs from the direct run" ;;
jobs-deterministic)
  expect_exit 1 "$tool" -j1 --format=sarif "${classic[@]}" "$corpus"/retry-backoff-no-jitter/*.cpp "${flags[@]}"
  mv "$work/out" "$work/j1"
  expect_exit 1 "$tool" -j2 --format=sarif "${classic[@]}" "$corpus"/retry-backoff-no-jitter/*.cpp "${flags[@]}"
  cmp "$work/j1" "$work/out" || fail "-j1 and -j2 differ" ;;
link-corrupt-facts)
  expect_exit 1 "$tool" --emit-facts "$work/facts" "${classic[@]}" "${flags[@]}"
  echo '{"formatVersion": 1, "mainFile": ' >"$work/facts/zz-corrupt.facts.json"
  expect_exit 1 "$tool" link "$work/facts"
  expect_in "$work/out" "[retry-backoff-no-jitter]"
  expect_in "$work/err" "zz-corrupt.facts.json failed: the facts file is unusable" ;;
output-not-regular)
  # -o into a FIFO writes through it (renaming a file over it, as over /dev/null, would
  # replace the pipe); -o through a symlink replaces the file it names and keeps the link.
  mkfifo "$work/pipe"
  timeout 60 cat "$work/pipe" >"$work/from-pipe" &
  expect_exit 1 "$tool" -o "$work/pipe" "$incident1" "${flags[@]}"
  wait
  [ -p "$work/pipe" ] || fail "-o replaced the FIFO with a file"
  expect_in "$work/from-pipe" "[retry-backoff-no-jitter]"
  echo old >"$work/real.txt"
  ln -s real.txt "$work/link.txt"
  expect_exit 1 "$tool" -o "$work/link.txt" "$incident1" "${flags[@]}"
  [ -L "$work/link.txt" ] || fail "-o replaced the symlink with a file"
  expect_in "$work/real.txt" "[retry-backoff-no-jitter]" ;;
compile-database-all-tus)
  # -p with no files analyses every TU of compile_commands.json.
  cp "$corpus/classic/01-backoff-no-jitter.cpp" "$corpus/classic/01-backoff-no-jitter-fixed.cpp" "$work/"
  printf '[{"directory": "%s", "file": "01-backoff-no-jitter.cpp", "arguments": ["clang++", "-std=c++17", "-c", "01-backoff-no-jitter.cpp"]},\n {"directory": "%s", "file": "01-backoff-no-jitter-fixed.cpp", "arguments": ["clang++", "-std=c++17", "-c", "01-backoff-no-jitter-fixed.cpp"]}]\n' "$work" "$work" >"$work/compile_commands.json"
  expect_exit 1 "$tool" -p "$work" --format=json
  expect_in "$work/out" '"translationUnitCount": 2'
  expect_in "$work/out" '"ruleId": "retry-backoff-no-jitter"' ;;
checks-glob-disables)
  # -* disables every check, a later glob enables some again (-* alone is a usage error).
  expect_exit 1 "$tool" '--checks=-*,retry-unbudgeted' "$incident1" "${flags[@]}"
  expect_in "$work/out" "[retry-unbudgeted]"
  ! grep -q "retry-backoff-no-jitter" "$work/out" || fail "disabled checks still reported"
  expect_exit 0 "$tool" --fail-on=none "$incident1" "${flags[@]}"
  expect_in "$work/out" "[retry-backoff-no-jitter]" ;;
explain-budgets-classic)
  # Classic incident 2: a 10% ceiling, load at most 1.1x, and no maximum; the twin has one.
  expect_exit 0 "$tool" --explain-budgets "$corpus/classic/02-retry-budget.cpp" "${flags[@]}"
  expect_in "$work/out" "retry budget payments::RetryBudget, balance tokens_ (double)"
  expect_in "$work/out" "credit:    +0.1 per request in payments::RetryBudget::OnRequest"
  expect_in "$work/out" "retries capped at 10% of requests (+0.1 per request, 1 per retry)"
  expect_in "$work/out" "under a full outage load stays at or below 1.1× the request rate"
  expect_in "$work/out" "maximum:   none"
  expect_exit 0 "$tool" --explain-budgets "$corpus/classic/02-retry-budget-fixed.cpp" "${flags[@]}"
  expect_in "$work/out" "maximum:   10 (kMaxTokens)"
  expect_in "$work/out" "retries capped at 10% of requests" ;;
explain-budgets-shapes)
  # Each recognition shape of test-corpus/budgets/ with the ceiling its numbers give.
  expect_exit 0 "$tool" --explain-budgets "$corpus"/budgets/*.cpp "${flags[@]}"
  expect_in "$work/out" "RetryQuotaContainer, balance retry_quota_ (int)"
  expect_in "$work/out" "retries capped at 20% of successes (+1 per success, 5 per retry)"
  expect_in "$work/out" "at most 100 retries from a full bucket of 500"
  expect_in "$work/out" "AtomicRetryBudget, balance tokens_ (std::atomic<double>)"
  expect_in "$work/out" "balance milli_tokens_ (std::atomic<int64_t>)"
  expect_in "$work/out" "retries capped at 10% of requests (+100 per request, 1000 per retry)"
  expect_in "$work/out" "threshold: a retry needs tokens_ > 5 (max_tokens_ / 2)"
  expect_in "$work/out" "retries capped at 10% of successes (+0.1 per success, 1 per failure)"
  expect_in "$work/out" "retries capped at 20% of requests (+1000 per request, 5000 per retry)"
  expect_in "$work/out" "retries capped at 5% of requests (+0.05 per request, 1 per retry)"
  expect_in "$work/out" "balance g_retry_tokens (double)"
  expect_in "$work/out" "maximum:   20 (kMaxTokens)"
  ! grep -q "ConnectionSlots" "$work/out" || fail "a permit counter is not a retry budget" ;;
explain-budgets-link)
  # The budgets travel in the facts: link explains them exactly as the direct run does.
  expect_exit 0 "$tool" --explain-budgets --emit-facts "$work/facts" "${classic[@]}" "$corpus"/budgets/*.cpp "${flags[@]}"
  mv "$work/out" "$work/direct.txt"
  expect_exit 0 "$tool" link --explain-budgets "$work/facts"
  cmp "$work/direct.txt" "$work/out" || fail "link explains budgets differently" ;;
budget-helper-other-tu)
  # The helper that asks the budget lives in another TU: only the linked facts see it.
  mkdir -p "$work/src"
  cat >"$work/src/policy.h" <<'EOF_H'
#include <algorithm>
#include <mutex>
class RetryCredits {
 public:
  void Credit() { std::lock_guard<std::mutex> l(mu_); tokens_ = std::min(tokens_ + 0.1, 10.0); }
  bool Withdraw() {
    std::lock_guard<std::mutex> l(mu_);
    if (tokens_ < 1.0) return false;
    tokens_ -= 1.0;
    return true;
  }
 private:
  std::mutex mu_;
  double tokens_ = 10.0;
};
class RetryPolicy {
 public:
  bool ShouldRetry(int code);
  RetryCredits* credits;
};
EOF_H
  cat >"$work/src/policy.cpp" <<'EOF_P'
#include "policy.h"
bool RetryPolicy::ShouldRetry(int code) { return code == 14 && credits->Withdraw(); }
EOF_P
  cat >"$work/src/client.cpp" <<'EOF_C'
#include <chrono>
#include <random>
#include <thread>
#include "policy.h"
int Send();
int Call(RetryPolicy& policy) {
  thread_local std::mt19937 rng{std::random_device{}()};
  int code = Send();
  for (int attempt = 1; attempt < 3 && code != 0 && policy.ShouldRetry(code); ++attempt) {
    std::uniform_int_distribution<int> jitter(0, 100 << attempt);
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
    code = Send();
  }
  return code;
}
EOF_C
  expect_exit 1 "$tool" --emit-facts "$work/shard-1" "$work/src/client.cpp" -- -std=c++17
  expect_in "$work/out" "[retry-unbudgeted]"
  expect_exit 0 "$tool" --emit-facts "$work/shard-2" "$work/src/policy.cpp" -- -std=c++17
  expect_exit 0 "$tool" link "$work/shard-1" "$work/shard-2"
  [ ! -s "$work/out" ] || { cat "$work/out" >&2; fail "the helper in policy.cpp budgets the loop"; }
  expect_exit 0 "$tool" link --explain-budgets "$work/shard-1" "$work/shard-2"
  expect_in "$work/out" "helper:    RetryPolicy::ShouldRetry" ;;
facts-cache)
  # A warm run reuses facts and reports the same; a corrupt entry is re-analysed with a
  # note; an edited input is re-analysed.
  cp "$incident1" "$work/client.cpp"
  run() { expect_exit "$1" "$tool" --cache-dir "$work/cache" --format=sarif "$work/client.cpp" "${flags[@]}"; }
  run 1; mv "$work/out" "$work/cold.sarif"
  [ "$(ls "$work/cache" | wc -l)" -eq 1 ] || fail "expected one cache entry"
  run 1; cmp "$work/cold.sarif" "$work/out" || fail "warm run differs from the cold one"
  echo '{"inputs": [' >"$work/cache/$(ls "$work/cache")"
  run 1; cmp "$work/cold.sarif" "$work/out" || fail "run after a corrupt entry differs"
  expect_in "$work/err" "ignoring unreadable cache entry"
  sed -i 's/const auto sleep = base \* (1 << attempt);/const auto sleep = base;/' "$work/client.cpp"
  run 1; expect_in "$work/out" "retry-no-backoff"
  grep -q '"ruleId": "retry-backoff-no-jitter"' "$work/out" && fail "stale facts reused after an edit"
  # An edit that keeps the size, saved within the same second (an editor's second save), too.
  seconds=$(stat -c %Y "$work/client.cpp")
  sed -i 's/base(100)/base(300)/' "$work/client.cpp"
  touch -d "@$seconds" "$work/client.cpp"
  run 1; expect_in "$work/out" "5 attempts 300 ms apart"
  grep -q "5 attempts 100 ms apart" "$work/out" && fail "stale facts reused after a same-size edit in the same second"
  # Options that change facts are part of the key: no stale entry is reused under them.
  expect_exit 1 "$tool" --cache-dir "$work/cache" --budget-functions=Permit "$work/client.cpp" "${flags[@]}"
  [ "$(ls "$work/cache" | wc -l)" -eq 2 ] || fail "--budget-functions reused an entry made without it"
  expect_exit 1 "$tool" --no-cache --cache-dir "$work/nocache" "$work/client.cpp" "${flags[@]}"
  [ ! -e "$work/nocache" ] || fail "--no-cache wrote a cache"
  # A rebuilt analyzer with the same version string does not reuse the old build's facts.
  cp "$tool" "$work/rebuilt" && printf 'x' >>"$work/rebuilt"
  before=$(ls "$work/cache" | wc -l)
  expect_exit 1 "$work/rebuilt" --cache-dir "$work/cache" "$work/client.cpp" "${flags[@]}"
  [ "$(ls "$work/cache" | wc -l)" -eq $((before + 1)) ] || fail "a rebuilt analyzer reused the old build's entry" ;;
export-policy-simulate)
  # Predict, then re-test: the policy the analyzer extracts drives the simulator.
  expect_exit 0 "$tool" --export-policy=CallWithRetry -o "$work/policy.json" "$incident1" "${flags[@]}"
  expect_in "$work/policy.json" '"attempts": 5'
  expect_in "$work/policy.json" '"base": 100.0'
  expect_in "$work/policy.json" '"jitter": "none"'
  expect_exit 0 "$tool" simulate --policy "$work/policy.json" --compare --clients 2000 --outage 5s
  expect_in "$work/out" "spikes at +100ms"
  expect_in "$work/out" "calls/failed"
  expect_exit 2 "$tool" --export-policy=NoSuchFunction "$incident1" "${flags[@]}"
  expect_in "$work/err" "no retry loop or circuit breaker found in a function or class named 'NoSuchFunction'" ;;
export-policy-jittered)
  # A jittered policy exports from its delay's bounds, so a fixed policy re-tests from its source.
  dir=$corpus/retry-backoff-no-jitter
  for spec in 'full-jitter|LookupProduct|"base": 100.0|"jitter": "full"' \
              'equal-jitter|FinalizeInvoice|"base": 200.0|"jitter": "equal"' \
              'decorrelated-jitter|UpsertRecord|"cap": 4000.0|"jitter": "decorrelated"' \
              'proportional-jitter|RefreshToken|"base": 500.0|"jitter": "proportional:0.2"' \
              'arc4random-uniform|EstablishTunnel|"base": 100.0|"jitter": "full"' \
              'rand-modulo|InvokeWithRetry|"base": 50.0|"jitter": "full"'; do
    IFS='|' read -r file function base jitter <<<"$spec"
    expect_exit 0 "$tool" --export-policy="$function" -o "$work/$file.json" "$dir/neg-$file.cpp" "${flags[@]}"
    expect_in "$work/$file.json" "$base"
    expect_in "$work/$file.json" "$jitter"
    expect_exit 0 "$tool" simulate --policy "$work/$file.json" --clients 200 --outage 3s --after 2s
  done
  expect_in "$work/full-jitter.json" '"max_tokens": 10.0' ;;
export-policy-breaker)
  # A breaker exports its half-open admission; the unknown cooldown is a note, not a guess.
  incident4=$corpus/classic/04-half-open-breaker.cpp
  expect_exit 0 "$tool" --export-policy=search::CircuitBreaker -o "$work/flood.json" "$incident4" "${flags[@]}"
  expect_in "$work/flood.json" '"half_open_limit": null'
  expect_in "$work/flood.json" 'the cooldown (cooldown_) is not a constant'
  expect_exit 0 "$tool" --export-policy=CircuitBreaker::Call -o "$work/probe.json" \
    "$corpus/classic/04-half-open-breaker-fixed.cpp" "${flags[@]}"
  expect_in "$work/probe.json" '"half_open_limit": 1'
  expect_exit 0 "$tool" --export-policy=resilience4j::CircuitBreaker -o "$work/r4j.json" \
    "$corpus/breaker-half-open-flood/neg-resilience4j-permits.cpp" "${flags[@]}"
  expect_in "$work/r4j.json" '"cooldown": 60000.0'
  expect_exit 0 "$tool" simulate --policy "$work/flood.json" --fixed-policy "$work/probe.json" \
    --clients 200 --outage 6s --ramp 6s --after 12s
  expect_in "$work/out" "retrylint simulate: breaker"
  expect_in "$work/out" "fixed in code  half-open calls 600 -> 3" ;;
classic-retest)
  # Done when: each classic incident goes from code to a re-test with --compare showing each
  # fix separately, and the fixed twin's own export lands where "all fixes" does.
  retest() { # retest <incident file stem> <function>
    expect_exit 0 "$tool" --export-policy="$2" -o "$work/$1.json" "$corpus/classic/$1.cpp" "${flags[@]}"
    expect_exit 0 "$tool" --export-policy="$2" -o "$work/$1-fixed.json" "$corpus/classic/$1-fixed.cpp" "${flags[@]}"
    expect_exit 0 "$tool" simulate --policy "$work/$1.json" --fixed-policy "$work/$1-fixed.json" --compare \
      --clients 1000 --outage 10s --after 4s
    cp "$work/out" "$work/$1.txt"
  }
  retest 01-backoff-no-jitter CallWithRetry
  expect_in "$work/01-backoff-no-jitter.txt" "jitter only    peak 105.0x -> 17."
  expect_in "$work/01-backoff-no-jitter.txt" "steady 5.0x -> 1.1x"
  expect_in "$work/01-backoff-no-jitter.txt" "fixed in code  5 attempts, 100ms x2, cap 800ms, full jitter, budget 10% max 10"
  retest 02-retry-budget FetchBalance
  expect_in "$work/02-retry-budget.txt" "budget 10% no max"
  expect_in "$work/02-retry-budget.txt" "budget only    peak"
  expect_in "$work/02-retry-budget.txt" "steady 3.0x -> 1.1x (2.7x lower)"
  retest 03-nested-retries Gateway::Handle
  expect_in "$work/03-nested-retries.txt" "one layer only  peak"
  expect_in "$work/03-nested-retries.txt" "steady 27.0x -> 3.0x (9.0x lower)"
  expect_in "$work/03-nested-retries.txt" "fixed in code   peak"
  expect_exit 0 "$tool" --export-policy=search::CircuitBreaker -o "$work/04.json" \
    "$corpus/classic/04-half-open-breaker.cpp" "${flags[@]}"
  expect_exit 0 "$tool" --export-policy=search::CircuitBreaker -o "$work/04-fixed.json" \
    "$corpus/classic/04-half-open-breaker-fixed.cpp" "${flags[@]}"
  expect_exit 0 "$tool" simulate --policy "$work/04.json" --fixed-policy "$work/04-fixed.json" --compare \
    --clients 200 --outage 6s --ramp 6s --after 12s
  expect_in "$work/out" "single probe   half-open calls 600 -> 3"
  expect_in "$work/out" "fixed in code  half-open calls 600 -> 3" ;;
jitter-kinds)
  # The model records which jitter a randomised delay uses; the simulator replays it.
  for pair in full-jitter:full equal-jitter:equal decorrelated-jitter:decorrelated \
              proportional-jitter:proportional arc4random-uniform:full rand-modulo:full; do
    expect_exit 0 "$tool" --format=json --json-facts "$corpus/retry-backoff-no-jitter/neg-${pair%%:*}.cpp" "${flags[@]}"
    expect_in "$work/out" "\"jitter\": \"${pair##*:}\""
  done ;;
fanout-budgeted)
  # A budgeted layer shows both numbers: the burst product and the sustained bound.
  expect_exit 1 "$tool" "$corpus/retry-nested-fanout/pos-template-lambdas-3x5.cpp" "${flags[@]}"
  expect_in "$work/out" "3 × 5 = 15 calls reach"
  expect_in "$work/out" "sustained load is 1.1 × 1.1 = 1.21× once their tokens are spent"
  expect_in "$work/out" "its retry budget allows retries of 10% of requests" ;;
policy-min-confidence)
  # A delay policy no visible loop sleeps on is reported with medium confidence: shown by
  # default, left out at --min-confidence=high.
  policy="$corpus/delay-policies/pos-free-function-alone.cpp"
  expect_exit 1 "$tool" --format=json "$policy" "${flags[@]}"
  expect_in "$work/out" '"confidence": "medium"'
  expect_in "$work/out" 'telemetry::ComputeBackoffMs'
  expect_exit 0 "$tool" --min-confidence=high "$policy" "${flags[@]}" ;;
waits-other-tu)
  # A helper that backs off is defined in another TU: linked, the loop waits through it
  # and "no delay" is never said; alone, the helper is unknown and the loop has no delay.
  cat >"$work/retry.cpp" <<'CPP'
struct Status { bool ok() const; };
Status Put(int key);
void HandleFailure(const Status &s, int attempt);
Status Store(int key) {
  Status s;
  for (int attempt = 0; attempt < 5; ++attempt) {
    s = Put(key);
    if (s.ok()) return s;
    HandleFailure(s, attempt);
  }
  return s;
}
CPP
  cat >"$work/failure.cpp" <<'CPP'
#include <chrono>
#include <thread>
struct Status { bool ok() const; };
void Log(const Status &s);
void HandleFailure(const Status &s, int attempt) {
  Log(s);
  std::this_thread::sleep_for(std::chrono::milliseconds(100 << attempt));
}
CPP
  expect_exit 1 "$tool" "$work/retry.cpp" "$work/failure.cpp" -- -std=c++17
  expect_in "$work/out" "retry.cpp:6:3: warning: under a full outage each request costs 5 calls"
  if grep -q "retry-no-backoff" "$work/out"; then cat "$work/out" >&2; fail "claimed no delay"; fi
  expect_exit 1 "$tool" "$work/retry.cpp" -- -std=c++17
  expect_in "$work/out" "5 attempts with no delay" ;;
project-scope)
  # Findings go to the project's own files: a header reached with -I from outside the git
  # work tree is not reported unless --header-filter asks; --exclude drops project files.
  mkdir -p "$work/project/src" "$work/vendor/lib"
  git -C "$work/project" init -q
  cat >"$work/vendor/lib/client.h" <<'CPP'
struct Status { bool ok() const; };
Status Send(int);
inline Status SendWithRetry(int v) {
  Status s;
  for (int attempt = 0; attempt < 3; ++attempt) { s = Send(v); if (s.ok()) break; }
  return s;
}
CPP
  cat >"$work/project/src/app.cpp" <<'CPP'
#include "lib/client.h"
Status Run(int v) {
  Status s;
  for (int attempt = 0; attempt < 4; ++attempt) { s = Send(v); if (s.ok()) break; }
  return s;
}
CPP
  expect_exit 1 "$tool" "$work/project/src/app.cpp" -- -std=c++17 "-I$work/vendor"
  expect_in "$work/out" "src/app.cpp:4:3: warning: 4 attempts with no delay"
  if grep -q "client.h" "$work/out"; then cat "$work/out" >&2; fail "reported in a vendored header"; fi
  expect_exit 1 "$tool" --header-filter='.*/lib/.*' "$work/project/src/app.cpp" -- -std=c++17 "-I$work/vendor"
  expect_in "$work/out" "client.h:5:3: warning: 3 attempts with no delay"
  expect_exit 0 "$tool" --exclude='src/**' "$work/project/src/app.cpp" -- -std=c++17 "-I$work/vendor"
  expect_exit 2 "$tool" --header-filter='(' "$work/project/src/app.cpp" -- -std=c++17
  expect_in "$work/err" "--header-filter" ;;
*)
  fail "unknown case $case_name" ;;
esac
echo "ok: $case_name"
