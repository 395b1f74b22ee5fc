#!/bin/sh
# Installs the workflow validator (@action-validator/cli) into tests/workflow/node_modules from
# package-lock.json with `npm ci`; a no-op when node_modules matches the lock.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
die() { echo "tests/workflow/install.sh: $*" >&2; exit 2; }
command -v npm >/dev/null 2>&1 || die "npm not found (Debian 12: apt-get install -y nodejs npm)"
stamp=node_modules/.retrylint-install-stamp
want=$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x node_modules/.bin/action-validator ]; then
  exit 0
fi
rm -f "$stamp"
npm ci --no-audit --no-fund --loglevel=error </dev/null || die "npm ci failed"
printf '%s' "$want" >"$stamp"
