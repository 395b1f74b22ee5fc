// Near-miss: failover across replicas with a cursor kept in a member. Each round opens the replica
// under the cursor and moves the cursor on, so the next round talks to the next replica; the one
// that last failed is tried last on the next call. One pass over the list, not a re-attempt of the
// same replica. The cursor's name speaks of redialling; its use as an index is what counts.
#include <memory>
#include <string>
#include <vector>

namespace catalog {

struct Status {
  bool ok() const;
  static Status OK();
};

template <typename Endpoint>
class ReplicaSet {
 public:
  Status Connect() {
    Status s;
    for (size_t n = 0; n < replicas_.size(); n++) {
      const std::string& replica = replicas_[redial_index_];
      redial_index_ = (redial_index_ + 1) % replicas_.size();
      std::unique_ptr<Endpoint> endpoint;
      s = Endpoint::Create(replica, &endpoint);
      if (!s.ok())
        continue;
      s = endpoint->Open();
      if (s.ok()) {
        current_ = std::move(endpoint);
        return Status::OK();
      }
    }
    return s;
  }

 private:
  std::vector<std::string> replicas_;
  size_t redial_index_ = 0;
  std::unique_ptr<Endpoint> current_;
};

}  // namespace catalog
