// Negative: after a successful submit, polling the job's state every 500 ms until it is done. No
// call is repeated because it failed: a failed refresh is returned, so this is a poll, not a retry.
#include <chrono>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace analytics {

enum class JobState { kPending, kRunning, kDone };

struct QueryJob {
  std::string job_id;
  JobState state = JobState::kPending;
  absl::Status error;  // set by the server when the job itself failed

  bool Done() const { return state == JobState::kDone; }
};

class BigQueryClient {
 public:
  absl::StatusOr<QueryJob> InsertQueryJob(const std::string& sql);
  absl::Status Reload(QueryJob& job);  // refreshes job.state and job.error
};

absl::Status RunQuery(BigQueryClient& bigquery, const std::string& sql) {
  using namespace std::chrono_literals;
  absl::StatusOr<QueryJob> job = bigquery.InsertQueryJob(sql);
  if (!job.ok()) {
    return job.status();
  }
  while (!job->Done()) {
    std::this_thread::sleep_for(500ms);
    absl::Status reloaded = bigquery.Reload(*job);
    if (!reloaded.ok()) {
      return reloaded;
    }
  }
  return job->error;
}

}  // namespace analytics
