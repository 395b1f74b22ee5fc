# shellcheck shell=bash disable=SC2034  # sourced by ../run.sh, which reads these variables
# apache/pulsar-client-cpp: the client library, lib/**/*.cc (C++ API, C API in lib/c, auth,
# checksum, stats; lib/st, the scalable-topics API, as C++20). Not tests/, perf/, examples/.
# File by file because the library includes PulsarApi.pb.h, which protoc writes at build time:
# that header and the configured pulsar/Version.h are missing.
sources() { find lib -name '*.cc'; }
EXCLUDE="^lib/lz4/"   # a vendored copy of LZ4
VENDORED="^lib/lz4/"
FLAGS=(-std=c++17 -I"$SRC" -I"$SRC/include" -I"$SRC/lib" -DBUILDING_PULSAR -DBOOST_ALL_NO_LIB
  -DBOOST_ALLOW_DEPRECATED_HEADERS -msse4.2 -mpclmul)
PER_FILE=("^lib/st/ -std=c++20")
