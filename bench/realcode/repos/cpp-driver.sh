# shellcheck shell=bash disable=SC2034  # sourced by ../run.sh, which reads these variables
# datastax/cpp-driver: the driver library (src/); tests and examples are off by default.
# Vendored third-party code (src/third_party: curl, hdr_histogram, http-parser, minizip, ...) is
# not analysed.
CMAKE_ARGS=(-DCASS_BUILD_TESTS=OFF -DCASS_BUILD_UNIT_TESTS=OFF -DCASS_BUILD_INTEGRATION_TESTS=OFF
  -DCASS_BUILD_EXAMPLES=OFF)
EXCLUDE='^src/third_party/'
VENDORED='^src/third_party/'  # its headers are included by the driver's own TUs
