# shellcheck shell=bash disable=SC2034  # sourced by ../run.sh, which reads these variables
# mfontanini/cppkafka: the library (src/); tests and examples off.
CMAKE_ARGS=(-DCPPKAFKA_DISABLE_TESTS=ON -DCPPKAFKA_DISABLE_EXAMPLES=ON)
