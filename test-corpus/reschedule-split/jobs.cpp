// The jobs of reschedule-split/. Upload hands itself to the retrier on failure: with retrier.cpp
// in the run, Run -> OnSent -> RetryLater(this) -> Run is one retry, waited by the retrier's
// jittered backoff and ended by its deadline, with no budget. The other two are near-misses: a
// probe that hands itself to the notifier (which re-runs nothing), and a heartbeat that hands
// itself to the retrier after each success (a periodic task, not a retry). Alone, no helper is
// visible and this file is clean.
#include "include/jobs.h"

namespace ingest {

class Upload : public Job {
 public:
  void Run() override {
    transport_->Send("segment", [this](const Status& s) { OnSent(s); });
  }
  void Abort(const Status&) override { done_ = true; }

 private:
  void OnSent(const Status& s) {
    if (!s.ok()) {
      retrier_->RetryLater(this, s);
      return;
    }
    done_ = true;
  }

  Transport* transport_ = nullptr;
  JobRetrier* retrier_ = nullptr;
  bool done_ = false;
};

class Probe : public Job {
 public:
  void Run() override {
    transport_->Send("probe", [this](const Status& s) { OnReply(s); });
  }
  void Abort(const Status&) override {}

 private:
  void OnReply(const Status& s) {
    if (!s.ok()) notifier_->NotifyLater(this, s);
  }

  Transport* transport_ = nullptr;
  Notifier* notifier_ = nullptr;
};

class Heartbeat : public Job {
 public:
  void Run() override {
    transport_->Send("beat", [this](const Status& s) { OnBeat(s); });
  }
  void Abort(const Status&) override { stopped_ = true; }

 private:
  void OnBeat(const Status& s) {
    if (s.ok()) {
      retrier_->RetryLater(this, s);
      return;
    }
    stopped_ = true;
  }

  Transport* transport_ = nullptr;
  JobRetrier* retrier_ = nullptr;
  bool stopped_ = false;
};

}  // namespace ingest
