# shellcheck shell=bash disable=SC2034  # sourced by ../run.sh, which reads these variables
# facebook/rocksdb: a storage engine, not a network client: it is here for precision on code
# full of loops that are not retries (walks, parsers, polls, CAS, rate limiting), and for its
# two real retry loops (follower catch-up, recovery from background IO errors). The library
# only, with the configuration of bench/whole-project.sh; the generated build_version.cc lies
# outside the tree and is left out.
CMAKE_ARGS=(-DCMAKE_BUILD_TYPE=Release -DWITH_GFLAGS=OFF -DWITH_TESTS=OFF -DWITH_BENCHMARK_TOOLS=OFF
            -DWITH_TOOLS=OFF -DWITH_CORE_TOOLS=OFF -DFAIL_ON_WARNINGS=OFF)
