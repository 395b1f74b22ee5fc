// JSON-RPC messages over a byte stream with the LSP's framing: "Content-Length: N", a blank
// line, N bytes of JSON. A broken frame is reported and skipped; the stream goes on.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdio>
#include <mutex>
#include <string>

namespace retrylint::lsp {

class Transport {
public:
  Transport(std::FILE *in, std::FILE *out) : in(in), out(out) {}

  enum class Status { Message, Broken, End };

  /// The next message. Broken: the frame or its JSON was bad, `problem` says how, and the
  /// next call reads on from the next header. End: the stream is closed.
  Status read(nlohmann::json &message, std::string &problem);

  /// Frames and sends one message; safe to call from any thread.
  void write(const nlohmann::json &message);

  /// Larger frames are refused unread: their length is more likely garbage than a message.
  static constexpr size_t MaxMessageBytes = 64u << 20;

private:
  bool readLine(std::string &line);
  std::FILE *in, *out;
  std::mutex writing;
};

} // namespace retrylint::lsp
