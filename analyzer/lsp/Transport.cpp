#include "lsp/Transport.h"

#include <algorithm>
#include <cctype>

namespace retrylint::lsp {
namespace {

const std::string LengthHeader = "content-length:";

std::string lowercase(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

/// Shortens a piece of broken input for a log line.
std::string excerpt(const std::string &text) {
  std::string shown = text.size() > 60 ? text.substr(0, 60) + "…" : text;
  for (char &c : shown)
    if (static_cast<unsigned char>(c) < 0x20)
      c = ' ';
  return "'" + shown + "'";
}

} // namespace

bool Transport::readLine(std::string &line) {
  line.clear();
  for (int c; (c = std::fgetc(in)) != EOF;) {
    if (c == '\n') {
      if (!line.empty() && line.back() == '\r')
        line.pop_back();
      return true;
    }
    line += static_cast<char>(c);
    if (line.size() > 4096) // not a header line: give it back in pieces
      return true;
  }
  return !line.empty();
}

Transport::Status Transport::read(nlohmann::json &message, std::string &problem) {
  problem.clear();
  bool inHeader = false;
  long long length = -1;
  std::string line;
  while (true) {
    if (!readLine(line)) {
      if (inHeader)
        problem = "the input ended inside a message header";
      return Status::End;
    }
    if (line.empty()) {
      if (length >= 0)
        break;
      if (inHeader) {
        problem = "a message header without Content-Length";
        return Status::Broken;
      }
      continue; // blank lines between messages
    }
    // The header may follow the rest of a frame whose length was short: find it anywhere.
    size_t at = lowercase(line).find(LengthHeader);
    if (at != std::string::npos) {
      std::string value = line.substr(at + LengthHeader.size());
      value.erase(0, value.find_first_not_of(" \t"));
      char *end = nullptr;
      length = std::strtoll(value.c_str(), &end, 10);
      bool digits = end != value.c_str() &&
                    std::all_of(static_cast<const char *>(end), value.c_str() + value.size(),
                                [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
      if (!digits || length < 0) {
        problem = "a bad Content-Length " + excerpt(value);
        return Status::Broken;
      }
      if (static_cast<unsigned long long>(length) > MaxMessageBytes) {
        problem = "a Content-Length of " + std::to_string(length) + " bytes, over the limit of " +
                  std::to_string(MaxMessageBytes);
        return Status::Broken;
      }
      inHeader = true;
      continue;
    }
    size_t colon = line.find(':');
    if (inHeader || (colon != std::string::npos && colon > 0 && line.find('{') == std::string::npos &&
                     line.find(' ') > colon)) {
      inHeader = true; // Content-Type, or another header the protocol may add
      continue;
    }
    problem = "text outside a message " + excerpt(line);
    return Status::Broken;
  }
  std::string body(static_cast<size_t>(length), '\0');
  size_t got = length > 0 ? std::fread(body.data(), 1, body.size(), in) : 0;
  if (got < body.size()) {
    problem = "the input ended inside a message body";
    return Status::End;
  }
  try {
    message = nlohmann::json::parse(body);
  } catch (const nlohmann::json::exception &e) {
    problem = "a message that is not JSON (" + std::string(e.what()) + ")";
    return Status::Broken;
  }
  return Status::Message;
}

void Transport::write(const nlohmann::json &message) {
  std::string body = message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::lock_guard<std::mutex> lock(writing);
  std::fprintf(out, "Content-Length: %zu\r\n\r\n", body.size());
  std::fwrite(body.data(), 1, body.size(), out);
  std::fflush(out);
}

} // namespace retrylint::lsp
