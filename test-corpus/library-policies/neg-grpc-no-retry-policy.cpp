// Negative: gRPC sends each call once. The service config has a methodConfig for Greeter with
// a timeout but no retryPolicy; the second channel's config is not valid JSON (gRPC rejects
// it: no layer, and no crash); the third channel has no service config at all.
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

constexpr char kTimeoutOnly[] = R"json({
  "methodConfig": [{"name": [{"service": "helloworld.Greeter"}], "timeout": "2s"}],
  "retryThrottling": {"maxTokens": 10, "tokenRatio": 0.1}
})json";

constexpr char kBroken[] = R"json({"methodConfig": [{"name": [{}], "retryPolicy": {"maxAttempts": 4,)json";

std::string GreetWith(helloworld::Greeter::Stub& stub, const std::string& name, resilience::RetryBudget& budget) {
  constexpr int kMaxAttempts = 3;
  thread_local std::mt19937_64 rng{std::random_device{}()};
  helloworld::HelloRequest request{name};
  budget.OnRequest();
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    grpc::ClientContext context;
    helloworld::HelloReply reply;
    grpc::Status status = stub.SayHello(&context, request, &reply);
    if (status.ok()) return reply.message;
    if (attempt + 1 == kMaxAttempts || !budget.TryRetry()) break;
    std::uniform_int_distribution<int> jitter_ms(0, std::min(2000, 200 << attempt));
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter_ms(rng)));
  }
  return {};
}

std::string GreetTimeoutOnly(const std::string& target, const std::string& name, resilience::RetryBudget& budget) {
  grpc::ChannelArguments args;
  args.SetServiceConfigJSON(kTimeoutOnly);
  auto channel = grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args);
  auto stub = helloworld::Greeter::NewStub(channel);
  constexpr int kMaxAttempts = 3;
  thread_local std::mt19937_64 rng{std::random_device{}()};
  helloworld::HelloRequest request{name};
  budget.OnRequest();
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    grpc::ClientContext context;
    helloworld::HelloReply reply;
    grpc::Status status = stub->SayHello(&context, request, &reply);
    if (status.ok()) return reply.message;
    if (attempt + 1 == kMaxAttempts || !budget.TryRetry()) break;
    std::uniform_int_distribution<int> jitter_ms(0, std::min(2000, 200 << attempt));
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter_ms(rng)));
  }
  return {};
}

std::string GreetBrokenConfig(const std::string& target, const std::string& name, resilience::RetryBudget& budget) {
  grpc::ChannelArguments args;
  args.SetServiceConfigJSON(kBroken);
  auto channel = grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args);
  auto stub = helloworld::Greeter::NewStub(channel);
  constexpr int kMaxAttempts = 3;
  thread_local std::mt19937_64 rng{std::random_device{}()};
  helloworld::HelloRequest request{name};
  budget.OnRequest();
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    grpc::ClientContext context;
    helloworld::HelloReply reply;
    grpc::Status status = stub->SayHello(&context, request, &reply);
    if (status.ok()) return reply.message;
    if (attempt + 1 == kMaxAttempts || !budget.TryRetry()) break;
    std::uniform_int_distribution<int> jitter_ms(0, std::min(2000, 200 << attempt));
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter_ms(rng)));
  }
  return {};
}

std::string GreetPlainChannel(const std::string& target, const std::string& name) {
  auto stub = helloworld::Greeter::NewStub(grpc::CreateChannel(target, grpc::InsecureChannelCredentials()));
  resilience::RetryBudget budget;
  return GreetWith(*stub, name, budget);
}

}  // namespace greeter_app
