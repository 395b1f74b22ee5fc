// Positive: each attempt starts an asynchronous lookup and blocks on its completion; the wait
// for the reply is part of the attempt, not a pause between attempts. When no replica is
// ready the loop sleeps 150, 300, 450, ... ms (a duration class's factory) with no jitter.
#include <string>

namespace ledger {

class Duration {
 public:
  static Duration FromMilliseconds(long ms);
};

class TimePoint {
 public:
  static TimePoint Now();
  bool operator<(const TimePoint& other) const;
};

void SleepFor(const Duration& d);

class Status {
 public:
  bool ok() const;
  bool IsNotFound() const;
  bool IsUnavailable() const;
};

class Completion {
 public:
  Status Wait();
};

class Directory {
 public:
  void LookupAsync(const std::string& shard, const TimePoint& deadline, Completion* done);
};

class Replica {
 public:
  Status Append(const std::string& entry, const TimePoint& deadline);
};

Replica* PickReplica(const std::string& shard);

Status AppendEntry(Directory& dir, const std::string& shard, const std::string& entry,
                   const TimePoint& deadline) {
  for (int attempt = 1;; attempt++) {  // expect: retry-unbudgeted
    Completion done;
    dir.LookupAsync(shard, deadline, &done);
    Status located = done.Wait();
    if (located.IsNotFound()) {
      return located;
    }
    Status s = PickReplica(shard)->Append(entry, deadline);
    if (s.ok()) {
      return s;
    }
    if (s.IsUnavailable() && TimePoint::Now() < deadline) {
      SleepFor(Duration::FromMilliseconds(attempt * 150));  // expect: retry-backoff-no-jitter
      continue;
    }
    return s;
  }
}

}  // namespace ledger
