#!/usr/bin/env bash
# Set up, then run the whole test suite (unit, corpus, CLI, SARIF validation) with CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cd build
ctest --output-on-failure --parallel "${RETRYLINT_TEST_JOBS:-2}"
