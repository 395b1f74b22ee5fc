#!/bin/sh
# Install the SARIF validation tooling (ajv, ajv-formats, SARIF multitool) into
# tests/sarif/node_modules from package-lock.json, with `npm ci` (tests/npm-ci-locked.sh:
# a no-op, well under a second, when installed from the current lock). Needs `node`
# (>= 18) and `npm` (>= 9) on PATH: Debian 12: apt-get install -y nodejs npm
#
#   tests/sarif/install.sh [--force]
set -eu

here=$(cd "$(dirname "$0")" && pwd)
bin=node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
sh "$here/../npm-ci-locked.sh" ${1:+"$1"} "$here" "$bin" \
  node_modules/ajv/package.json node_modules/ajv-formats/package.json
# The multitool package marks its binary executable in a postinstall script, which npm skips
# with --ignore-scripts (or may block); set the mode here as well.
[ -x "$here/$bin" ] || chmod u+x,go+rx "$here/$bin"
