// The project's own header: later includes must still be read when an earlier one is missing.
#pragma once
#include <chrono>

constexpr int kBaseDelayMs = 100;

class Client {
 public:
  int Fetch();
  int Call();
};
