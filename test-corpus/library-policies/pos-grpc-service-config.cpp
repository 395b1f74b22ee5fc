// Positive: the channel's service config gives every Greeter call a retryPolicy of
// maxAttempts 4, so gRPC itself sends each SayHello up to 4 times; the user loop around it
// retries 3 times: 3 x 4 = 12 calls reach the server per failed greeting.
#include <algorithm>
#include <chrono>
#include <memory>
#include <random>
#include <string>
#include <thread>

#include <grpcpp/grpcpp.h>

#include "resilience/retry_budget.h"

// What protoc's gRPC plugin generates for `service Greeter` (helloworld.grpc.pb.h).
namespace helloworld {

struct HelloRequest {
  std::string name;
};
struct HelloReply {
  std::string message;
};

class Greeter {
 public:
  class Stub {
   public:
    explicit Stub(const std::shared_ptr<grpc::ChannelInterface>& channel) : channel_(channel) {}
    grpc::Status SayHello(grpc::ClientContext* context, const HelloRequest& request, HelloReply* response);

   private:
    std::shared_ptr<grpc::ChannelInterface> channel_;
  };
  static std::unique_ptr<Stub> NewStub(const std::shared_ptr<grpc::ChannelInterface>& channel,
                                       const grpc::StubOptions& options = grpc::StubOptions());
};

}  // namespace helloworld

namespace greeter_app {

constexpr char kServiceConfig[] = R"json({
  "methodConfig": [{
    "name": [{"service": "helloworld.Greeter"}],
    "timeout": "2s",
    "retryPolicy": {
      "maxAttempts": 4,
      "initialBackoff": "0.1s",
      "maxBackoff": "1s",
      "backoffMultiplier": 2,
      "retryableStatusCodes": ["UNAVAILABLE"]
    }
  }]
})json";

std::string Greet(const std::string& target, const std::string& name, resilience::RetryBudget& budget) {
  grpc::ChannelArguments args;
  args.SetServiceConfigJSON(kServiceConfig);
  auto channel = grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args);
  std::unique_ptr<helloworld::Greeter::Stub> stub = helloworld::Greeter::NewStub(channel);

  constexpr int kMaxAttempts = 3;
  thread_local std::mt19937_64 rng{std::random_device{}()};
  helloworld::HelloRequest request{name};
  budget.OnRequest();
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {  // expect: retry-nested-fanout fanout=12
    grpc::ClientContext context;
    helloworld::HelloReply reply;
    grpc::Status status = stub->SayHello(&context, request, &reply);
    if (status.ok()) return reply.message;
    if (status.error_code() != grpc::StatusCode::UNAVAILABLE) break;
    if (attempt + 1 == kMaxAttempts || !budget.TryRetry()) break;
    std::uniform_int_distribution<int> jitter_ms(0, std::min(2000, 200 << attempt));
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter_ms(rng)));
  }
  return {};
}

}  // namespace greeter_app
