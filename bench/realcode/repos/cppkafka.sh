# shellcheck shell=bash disable=SC2034  # sourced by ../run.sh, which reads these variables
# mfontanini/cppkafka: the library (src/) and one example. The library build never compiles the
# header-only BufferedProducer (include/cppkafka/utils/buffered_producer.h, a template with its
# own retries); examples/buffered_producer_example.cpp is the one TU of the repository that
# instantiates it, so it is kept and the other examples and the tests are left out.
CMAKE_ARGS=(-DCPPKAFKA_DISABLE_TESTS=ON -DCPPKAFKA_DISABLE_EXAMPLES=OFF)
EXCLUDE='^examples/(?!buffered_producer_example\.cpp$)'
