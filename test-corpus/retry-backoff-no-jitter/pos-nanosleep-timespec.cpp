// Positive: a doubling nanosecond delay turned into a timespec and slept with nanosleep, resuming
// on EINTR (that inner loop is not a retry of the operation and must not be reported).
#include <cerrno>
#include <ctime>

namespace replication {

struct PgConn;
PgConn* OpenPrimaryConnection(const char* conninfo);  // nullptr while the primary is down

PgConn* ConnectToPrimary(const char* conninfo) {
  long delay_ns = 50L * 1000 * 1000;  // 50 ms
  for (int attempt = 0; attempt < 5; ++attempt) {  // expect: retry-unbudgeted
    if (PgConn* conn = OpenPrimaryConnection(conninfo)) {
      return conn;
    }
    timespec ts;
    ts.tv_sec = delay_ns / 1000000000L;
    ts.tv_nsec = delay_ns % 1000000000L;
    while (nanosleep(&ts, &ts) == -1 && errno == EINTR) {  // expect: retry-backoff-no-jitter, retry-sleep-after-final-attempt
    }
    delay_ns *= 2;
  }
  return nullptr;
}

}  // namespace replication
