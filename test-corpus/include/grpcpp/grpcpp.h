// Stub of gRPC C++'s client API (grpcpp/grpcpp.h): channels, channel arguments, contexts and
// statuses with the real names and signatures, trivial bodies. Not a corpus case.
#pragma once

#include <chrono>
#include <memory>
#include <string>

namespace grpc {

enum class StatusCode { OK = 0, CANCELLED = 1, DEADLINE_EXCEEDED = 4, UNAVAILABLE = 14 };

class Status {
 public:
  Status() = default;
  Status(StatusCode code, const std::string& message) : code_(code), message_(message) {}
  bool ok() const { return code_ == StatusCode::OK; }
  StatusCode error_code() const { return code_; }
  const std::string& error_message() const { return message_; }

 private:
  StatusCode code_ = StatusCode::OK;
  std::string message_;
};

class ClientContext {
 public:
  void set_deadline(std::chrono::system_clock::time_point deadline) { deadline_ = deadline; }

 private:
  std::chrono::system_clock::time_point deadline_;
};

class ChannelArguments {
 public:
  void SetServiceConfigJSON(const std::string& service_config_json) { config_ = service_config_json; }
  void SetString(const std::string& key, const std::string& value) { (void)key, (void)value; }
  void SetInt(const std::string& key, int value) { (void)key, (void)value; }

 private:
  std::string config_;
};

class ChannelInterface {
 public:
  virtual ~ChannelInterface() = default;
};

class Channel : public ChannelInterface {};

class ChannelCredentials {};

std::shared_ptr<ChannelCredentials> InsecureChannelCredentials();

std::shared_ptr<Channel> CreateChannel(const std::string& target,
                                       const std::shared_ptr<ChannelCredentials>& creds);

std::shared_ptr<Channel> CreateCustomChannel(const std::string& target,
                                             const std::shared_ptr<ChannelCredentials>& creds,
                                             const ChannelArguments& args);

class StubOptions {};

}  // namespace grpc
