#!/usr/bin/env bash
# The quick start: set up, then analyse the four classic incidents in test-corpus/classic/.
# Prints the findings as text and writes build/classic.sarif.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
flags=(-- -std=c++17 -Itest-corpus/include)
build/bin/retrylint --format=sarif -o build/classic.sarif --fail-on=none test-corpus/classic/*.cpp "${flags[@]}"
build/bin/retrylint --fail-on=none test-corpus/classic/*.cpp "${flags[@]}"
echo "retrylint: SARIF written to build/classic.sarif"
