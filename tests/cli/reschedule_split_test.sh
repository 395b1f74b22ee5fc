#!/usr/bin/env bash
# A job that hands itself on failure to a retrier defined in another TU (test-corpus/
# reschedule-split/). Checks that (a) jobs.cpp alone is clean (no helper visible: no cycle is
# claimed), and so are retrier.cpp and notifier.cpp, (b) together there is one finding, at the
# Upload's RetryLater call, bounded by the retrier's deadline, and nothing for the probe handed
# to the notifier (it re-runs another object's method) or for the heartbeat handed over on
# success, and (c) separate --emit-facts runs and `retrylint link` give the same finding.
# usage: reschedule_split_test.sh <retrylint> <corpus dir>
set -u
source "$(dirname "${BASH_SOURCE[0]}")/split_lib.sh"
split_setup "$1" "$2" reschedule-split

cd "$split" || fail "cd $split"
retry_line=$(grep -n 'retrier_->RetryLater(this, s);' jobs.cpp | head -1 | cut -d: -f1)
[ -n "$retry_line" ] || fail "reschedule-split sources changed"

# (a) Each file alone.
for f in jobs.cpp retrier.cpp notifier.cpp; do
  expect_exit 0 "$work/$f.json" "$tool" --format=json "$f" -- "${flags[@]}"
done

# (b) Together.
expect_exit 1 "$work/direct.json" "$tool" --format=json jobs.cpp retrier.cpp notifier.cpp -- "${flags[@]}"
check_only "$work/direct.json" jobs.cpp "$retry_line" retry-unbudgeted 'deadline'

# (c) Per-TU facts, then link.
for f in jobs.cpp retrier.cpp notifier.cpp; do
  expect_exit 0 "$work/emit-$f.txt" "$tool" --emit-facts "$work/facts" "$f" -- "${flags[@]}"
done
expect_exit 1 "$work/link.json" "$tool" link --format=json "$work/facts"
check_only "$work/link.json" jobs.cpp "$retry_line" retry-unbudgeted 'deadline'

echo "ok: reschedule-split-tus"
