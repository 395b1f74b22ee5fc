// Positive: the service config is read from greeter_service_config.json (beside this file):
// SayHello's retryPolicy has maxAttempts 5, and retryThrottling (tokenRatio 0.1) is the
// channel's retry budget. A retry helper calls it up to 2 times: 2 x 5 = 10 calls per failed
// greeting, 1.1 x 1.1 = 1.21 once both budgets' tokens are spent.
#include <algorithm>
#include <chrono>
#include <fstream>
#include <functional>
#include <memory>
#include <random>
#include <sstream>
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

std::string ReadTextFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

grpc::Status RetryRpc(resilience::RetryBudget& budget, int max_attempts, const std::function<grpc::Status()>& rpc) {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  budget.OnRequest();
  grpc::Status status = rpc();
  for (int attempt = 1; attempt < max_attempts && !status.ok(); ++attempt) {
    if (!budget.TryRetry()) break;
    std::uniform_int_distribution<int> jitter_ms(0, std::min(2000, 100 << attempt));
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter_ms(rng)));
    status = rpc();
  }
  return status;
}

std::string Greet(const std::string& target, const std::string& name, resilience::RetryBudget& budget) {
  grpc::ChannelArguments args;
  args.SetServiceConfigJSON(ReadTextFile("greeter_service_config.json"));
  std::shared_ptr<grpc::Channel> channel =
      grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args);
  auto stub = helloworld::Greeter::NewStub(channel);
  helloworld::HelloRequest request{name};
  helloworld::HelloReply reply;
  grpc::Status status = RetryRpc(budget, 2, [&] {  // expect: retry-nested-fanout fanout=10
    grpc::ClientContext context;
    return stub->SayHello(&context, request, &reply);
  });
  return status.ok() ? reply.message : std::string();
}

}  // namespace greeter_app
