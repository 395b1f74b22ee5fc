#!/usr/bin/env bash
# The composite action (action.yml) and the workflow documented in docs/ci.md validate against
# GitHub's schemas (@action-validator/cli), the workflow asks for what upload-sarif needs, and
# docs/ci.md shows the workflow file as it is.
# usage: workflow_test.sh <source dir>
set -u
src=$1
validator=$src/tests/workflow/node_modules/.bin/action-validator
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
workflow=$src/docs/ci/retrylint.yml
sharded=$src/docs/ci/retrylint-sharded.yml

for file in "$src/action.yml" "$workflow" "$sharded"; do
  "$validator" "$file" >"$work/log" 2>&1 || { cat "$work/log" >&2; fail "$file does not validate"; }
done
# The validator can fail: a permission GitHub does not know is rejected.
sed 's/security-events: write/security-events: writ/' "$workflow" >"$work/bad.yml"
grep -qE 'security-events: writ( |$)' "$work/bad.yml" || fail "no security-events permission in $workflow"
if "$validator" "$work/bad.yml" >"$work/log" 2>&1; then fail "a broken workflow validated"; fi
grep -q '/permissions/security-events' "$work/log" || { cat "$work/log" >&2; fail "the broken permission is not named"; }

# What the workflow and the action must do (docs/ci.md).
grep -q 'fetch-depth: 0' "$workflow" || fail "the checkout has no history for --diff"
for needed in 'actions/cache@' 'github/codeql-action/upload-sarif@' 'GITHUB_STEP_SUMMARY' \
              '--format=markdown' '--format=sarif' '--fail-on=none' '--fail-on="$FAIL_ON"' \
              'libclang-cpp19-dev' '--cache-dir'; do
  grep -qF -- "$needed" "$src/action.yml" || fail "action.yml lacks $needed"
done

grep -q -- '--shard=${{ matrix.shard }}/4 --emit-facts' "$sharded" || fail "the sharded workflow does not shard"
grep -q 'retrylint link --format=sarif' "$sharded" || fail "the sharded workflow does not link"

# docs/ci.md shows both workflow files verbatim: the yaml blocks that start with their path.
for file in "$workflow" "$sharded"; do
  first=$(head -1 "$file")
  awk -v first="$first" '/^```yaml$/ {getline line; if (line == first) {inside = 1; print line}; next}
                         /^```$/ {if (inside) exit} inside' "$src/docs/ci.md" >"$work/shown.yml"
  diff -u "$file" "$work/shown.yml" || fail "docs/ci.md does not show $file as it is"
done
echo "ok: workflow"
