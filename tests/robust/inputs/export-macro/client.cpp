#include "client.h"

int Client::Fetch() {
  auto delay = std::chrono::milliseconds(100);
  for (int attempt = 0; attempt < 5; ++attempt) {
    if (Call() == 0) return 0;
    std::this_thread::sleep_for(delay);
    delay *= 2;
  }
  return -1;
}

int Options::Retry() {
  for (int attempt = 0; attempt < 3; ++attempt) {
    if (Call() == 0) return 0;
  }
  return -1;
}
