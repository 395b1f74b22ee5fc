// Positive (unbudgeted only): the loop sleeps through a context object's Sleep member and
// an HTTP client's sleep-before-retry member, both defined elsewhere. How long they wait is
// not visible, so nothing is said about the delay; the missing budget is certain.
#include <chrono>
#include <string>

namespace blob {

class Context {
 public:
  void Sleep(std::chrono::milliseconds d);  // cancellable; defined in context.cc
};

struct Result {
  int status = 0;
  bool ok() const { return status == 200; }
};

class HttpPipeline {
 public:
  Result Send(const std::string& request);
  void SleepBeforeRetry(int attempt);  // the pipeline's own backoff, defined in pipeline.cc
};

Result Download(HttpPipeline& pipeline, Context& ctx, const std::string& request) {
  Result r;
  for (int attempt = 0; attempt < 4; ++attempt) {  // expect: retry-unbudgeted says="4 calls"
    r = pipeline.Send(request);
    if (r.ok()) {
      return r;
    }
    ctx.Sleep(std::chrono::milliseconds(200));
  }
  return r;
}

Result Upload(HttpPipeline& pipeline, const std::string& request) {
  Result r;
  for (int attempt = 0; attempt < 3; ++attempt) {  // expect: retry-unbudgeted says="3 calls"
    r = pipeline.Send(request);
    if (r.ok()) {
      return r;
    }
    pipeline.SleepBeforeRetry(attempt);
  }
  return r;
}

}  // namespace blob
