// Near-miss: each iteration sends to a new target. An HTTP client follows redirects (the
// next URL comes from the last response), and a file creator draws a fresh id whenever the
// name it tried already exists. Neither repeats the same request.
#include <string>

namespace net {

struct Response {
  int status = 0;
  std::string location;
  bool IsRedirect() const { return status >= 300 && status < 400; }
};

class HttpClient {
 public:
  Response Get(const std::string& url);
};

Response Fetch(HttpClient& client, std::string url) {
  Response response;
  for (int hops = 0; hops < 5; ++hops) {
    response = client.Get(url);
    if (!response.IsRedirect()) {
      return response;
    }
    url = response.location;
  }
  return response;
}

struct Status {
  bool ok() const;
  bool IsAlreadyPresent() const;
};

class IdGenerator {
 public:
  std::string Next();
};

class Env {
 public:
  Status CreateExclusive(const std::string& path);
};

std::string JoinPath(const std::string& dir, const std::string& name);

Status CreateUniqueBlock(Env& env, IdGenerator& ids, const std::string& dir, std::string* created) {
  Status s;
  std::string path;
  do {
    path = JoinPath(dir, ids.Next());
    s = env.CreateExclusive(path);
  } while (s.IsAlreadyPresent());
  if (s.ok()) {
    *created = path;
  }
  return s;
}

}  // namespace net
