// Negative: the option accessors of a message queue's C API. Their names say retry interval,
// reconnect wait and retry backoff, but each one only hands back a configured number through
// the handle it is given: it takes no attempt and computes nothing, and nothing here sleeps or
// retries. Configuration, not a delay policy.
#include <cstdint>

extern "C" {

struct mq_options_t {
  struct Settings {
    uint64_t producer_retry_interval_us = 500000;
    uint64_t consumer_reconnect_wait_ms = 250;
  } settings;
};

uint64_t mq_options_get_producer_retry_interval(mq_options_t* options) {
  return options->settings.producer_retry_interval_us;
}

void mq_options_set_producer_retry_interval(mq_options_t* options, uint64_t us) {
  options->settings.producer_retry_interval_us = us;
}

uint64_t mq_options_get_consumer_reconnect_wait_ms(const mq_options_t* options) {
  return options->settings.consumer_reconnect_wait_ms;
}

}  // extern "C"

namespace mq {

struct ClientConfig {
  unsigned publish_retry_backoff_ms = 100;
};

// The C++ binding's accessor: the same read, through a reference.
unsigned PublishRetryBackoffMs(const ClientConfig& config) { return config.publish_retry_backoff_ms; }

}  // namespace mq
