// Near-miss: walks. A TAILQ_FOREACH over connections, a linked list followed by p->next,
// an iterator scan over peers that stops at the first one that answers, and an index over
// distribution points. Each iteration tries something else, so none of them retries.
#include <sys/queue.h>

#include <memory>
#include <string>
#include <vector>

namespace cluster {

struct Conn {
  int fd;
  TAILQ_ENTRY(Conn) link;
};
TAILQ_HEAD(ConnList, Conn);

int SendPing(int fd);

int PingAll(ConnList* conns) {
  int failed = 0;
  Conn* c;
  TAILQ_FOREACH(c, conns, link) {
    if (SendPing(c->fd) != 0) {
      ++failed;
    }
  }
  return failed;
}

struct Route {
  std::string prefix;
  Route* next;
};

bool Matches(const Route* r, const std::string& path);

const Route* FindRoute(const Route* head, const std::string& path) {
  for (const Route* p = head; p != nullptr; p = p->next) {
    if (Matches(p, path)) {
      return p;
    }
  }
  return nullptr;
}

class Peer {
 public:
  bool Handshake();
};

Peer* FirstReachable(std::vector<std::unique_ptr<Peer>>& peers) {
  for (auto it = peers.begin(); it != peers.end(); ++it) {
    if ((*it)->Handshake()) {
      return it->get();
    }
  }
  return nullptr;
}

struct DistPoint;
int DistPointCount(const void* cert);
const DistPoint* DistPointAt(const void* cert, int i);
void* FetchCrl(const DistPoint* dp);

void* LoadAnyCrl(const void* cert) {
  void* crl = nullptr;
  for (int i = 0; i < DistPointCount(cert); i++) {
    crl = FetchCrl(DistPointAt(cert, i));
    if (crl != nullptr) {
      break;
    }
  }
  return crl;
}

}  // namespace cluster
