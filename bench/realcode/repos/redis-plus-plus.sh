# shellcheck shell=bash disable=SC2034  # sourced by ../run.sh, which reads these variables
# sewenew/redis-plus-plus: the library (src/sw/redis++), shared target only; tests off.
# The async client (libuv) holds two of the retry sites read (async_shards_pool.cpp).
CMAKE_ARGS=(-DREDIS_PLUS_PLUS_BUILD_TEST=OFF -DREDIS_PLUS_PLUS_BUILD_STATIC=OFF -DREDIS_PLUS_PLUS_BUILD_ASYNC=libuv)
