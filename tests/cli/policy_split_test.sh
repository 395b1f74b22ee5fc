#!/usr/bin/env bash
# A strategy class in one TU and the retry loop that sleeps on it in another, joined through a
# virtual call (test-corpus/policies-split/). Checks that (a) strategy.cpp alone reports the
# strategy at its return and uploader.cpp alone is clean, (b) the two together report once, at
# the loop's sleep, with the strategy's delays, and (c) separate --emit-facts runs and
# `retrylint link` give the same JSON as the direct run.
# usage: policy_split_test.sh <retrylint> <corpus dir>
set -u
source "$(dirname "${BASH_SOURCE[0]}")/split_lib.sh"
split_setup "$1" "$2" policies-split

cd "$split" || fail "cd $split"
return_line=$(grep -n 'return std::chrono::milliseconds' strategy.cpp | head -1 | cut -d: -f1)
sleep_line=$(grep -n 'sleep_for(strategy.DelayBeforeNextRetry' uploader.cpp | head -1 | cut -d: -f1)
[ -n "$return_line" ] && [ -n "$sleep_line" ] || fail "policies-split sources changed"

# (a) Each file alone.
expect_exit 1 "$work/strategy.json" "$tool" --format=json strategy.cpp -- "${flags[@]}"
check_only "$work/strategy.json" strategy.cpp "$return_line" retry-backoff-no-jitter \
  '`snapshot::ExponentialStrategy::DelayBeforeNextRetry` gives 250, 500, 1000, 2000, 4000, …, 8000 ms'
expect_exit 0 "$work/uploader.json" "$tool" --format=json uploader.cpp -- "${flags[@]}"

# (b) Together: the loop in uploader.cpp carries the strategy's delays; the strategy is not
# reported again on its own.
expect_exit 1 "$work/direct.json" "$tool" --format=json strategy.cpp uploader.cpp -- "${flags[@]}"
check_only "$work/direct.json" uploader.cpp "$sleep_line" retry-backoff-no-jitter \
  '4 attempts sleep on `snapshot::ExponentialStrategy::DelayBeforeNextRetry`, which gives 250, 500, 1000'

# (c) Per-TU facts (each run also reports its TU alone), then link.
expect_exit 1 "$work/emit-strategy.txt" "$tool" --emit-facts "$work/facts" strategy.cpp -- "${flags[@]}"
expect_exit 0 "$work/emit-uploader.txt" "$tool" --emit-facts "$work/facts" uploader.cpp -- "${flags[@]}"
expect_exit 1 "$work/link.json" "$tool" link --format=json "$work/facts"
check_only "$work/link.json" uploader.cpp "$sleep_line" retry-backoff-no-jitter \
  'which gives 250, 500, 1000'

echo "ok: policy-split-tus"
