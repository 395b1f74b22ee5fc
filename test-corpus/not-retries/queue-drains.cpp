// Near-miss: draining queues. A BSD tail queue emptied from its head, a server loop that
// serves one request per call until none is left, and an error stack read until empty.
// Every iteration handles a different item.
#include <sys/queue.h>

#include <cstdlib>

namespace io {

struct Buffer {
  char data[512];
  int len;
  TAILQ_ENTRY(Buffer) link;
};
TAILQ_HEAD(BufferQueue, Buffer);

int WriteOut(int fd, const Buffer* b);
unsigned long NextQueuedError();
void Report(unsigned long code);

int Flush(int fd, BufferQueue* pending) {
  Buffer* b;
  while ((b = TAILQ_FIRST(pending)) != nullptr) {
    if (WriteOut(fd, b) < 0) {
      return -1;
    }
    TAILQ_REMOVE(pending, b, link);
    free(b);
  }
  return 0;
}

class Server {
 public:
  bool ServeOne();
  void ServeAll() {
    while (ServeOne()) {
    }
  }
};

void ReportErrors() {
  unsigned long err;
  while ((err = NextQueuedError()) != 0) {
    Report(err);
  }
}

}  // namespace io
