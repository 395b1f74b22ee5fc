#include "frontend/WorkerProcesses.h"

#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <fcntl.h>
#include <iostream>
#include <optional>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace retrylint {
namespace {

using Clock = std::chrono::steady_clock;

// A worker's message starts with one of these: a result, or what went wrong.
constexpr char ResultTag = 'R', FailureTag = 'X';

/// The work's outcome as the worker sends it.
std::string runGuarded(llvm::function_ref<std::string(size_t)> work, size_t i) {
  try {
    return ResultTag + work(i);
  } catch (const std::exception &e) {
    return FailureTag + std::string("crashed (exception: ") + e.what() + ")";
  } catch (...) {
    return FailureTag + std::string("crashed (unknown exception)");
  }
}

WorkerResult fromMessage(const std::string &message) {
  WorkerResult r;
  if (!message.empty() && message[0] == ResultTag) {
    r.ok = true;
    r.payload = message.substr(1);
  } else {
    r.failure = message.empty() ? "crashed (its worker sent no result)" : message.substr(1);
  }
  return r;
}

bool writeAll(int fd, const void *data, size_t size) {
  const char *p = static_cast<const char *>(data);
  while (size > 0) {
    // MSG_NOSIGNAL: a worker that died must not take the parent with it (SIGPIPE).
    ssize_t n = ::send(fd, p, size, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return false;
    p += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

bool readAll(int fd, void *data, size_t size) {
  char *p = static_cast<char *>(data);
  while (size > 0) {
    ssize_t n = ::read(fd, p, size);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return false;
    p += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

/// How a worker ended, in words ("crashed (Segmentation fault, signal 11)").
std::string describeStatus(int status) {
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    const char *name = strsignal(sig);
    return "crashed (" + std::string(name ? name : "signal") + ", signal " + std::to_string(sig) + ")";
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
    return "crashed (its worker exited with status " + std::to_string(WEXITSTATUS(status)) + ")";
  return "crashed (its worker ended without a result)";
}

/// The worker side: takes job indexes until the parent closes, answers each with a
/// length-prefixed message. Never returns.
[[noreturn]] void serve(int fd, pid_t parent, llvm::function_ref<std::string(size_t)> work) {
  // A worker never outlives the run: if the parent dies (killed, crashed), so does it.
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent)
    ::_exit(1);
  // Nothing a TU does may wait on the terminal (a compile command naming "-" reads stdin).
  if (int null = ::open("/dev/null", O_RDONLY | O_CLOEXEC); null >= 0) {
    ::dup2(null, STDIN_FILENO);
    ::close(null);
  }
  uint64_t index = 0;
  while (readAll(fd, &index, sizeof index)) {
    std::string message = runGuarded(work, static_cast<size_t>(index));
    uint64_t size = message.size();
    if (!writeAll(fd, &size, sizeof size) || !writeAll(fd, message.data(), message.size()))
      ::_exit(1);
  }
  // _exit: no destructors, no atexit handlers of the parent's, no AST teardown.
  ::_exit(0);
}

struct Worker {
  pid_t pid = -1;
  int fd = -1;                  // the parent's end of the socket pair
  std::optional<size_t> job;    // the job it is working on
  std::string received;         // bytes of the current answer so far
  Clock::time_point deadline = Clock::time_point::max();
  bool timedOut = false;
};

} // namespace

std::vector<WorkerResult> runInWorkers(size_t count, const WorkerLimits &limits,
                                       llvm::function_ref<std::string(size_t)> work) {
  std::vector<WorkerResult> results(count);
  std::vector<Worker> workers;
  size_t next = 0;
  unsigned parallel = std::max(1u, limits.parallel);
  // Buffered output would be written again by every worker that exits through stdio.
  // stdout and stderr only, not fflush(nullptr): that locks every stream, stdin too, which
  // the language server's reader thread holds while it waits for the next message.
  std::cout.flush();
  std::fflush(stdout);
  std::fflush(stderr);
  llvm::outs().flush();

  // Starts a worker; false when none can be started.
  pid_t self = ::getpid();
  auto spawn = [&]() {
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
      return false;
    pid_t pid = ::fork();
    if (pid == 0) {
      ::close(fds[0]);
      for (const Worker &w : workers) // the other workers' ends: they must see the parent close
        ::close(w.fd);
      serve(fds[1], self, work);
    }
    ::close(fds[1]);
    if (pid < 0) {
      ::close(fds[0]);
      return false;
    }
    Worker w;
    w.pid = pid;
    w.fd = fds[0];
    workers.push_back(std::move(w));
    return true;
  };

  // Gives an idle worker the next job, or tells it to exit when there is none.
  auto assign = [&](Worker &w) {
    if (next >= count) {
      ::shutdown(w.fd, SHUT_WR); // no more jobs: the worker exits
      return;
    }
    uint64_t index = next++;
    w.job = static_cast<size_t>(index);
    w.deadline = limits.timeoutSeconds ? Clock::now() + std::chrono::seconds(limits.timeoutSeconds)
                                       : Clock::time_point::max();
    if (!writeAll(w.fd, &index, sizeof index))
      ::kill(w.pid, SIGKILL); // its end is gone: it is dying; reaped below
  };

  // A worker whose socket closed: reap it, and fail the job it held.
  auto reap = [&](Worker &w) {
    ::close(w.fd);
    int status = 0;
    while (::waitpid(w.pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (w.job)
      results[*w.job].failure = w.timedOut ? "timed out after " + std::to_string(limits.timeoutSeconds) + " s"
                                           : describeStatus(status);
  };

  while (next < count || !workers.empty()) {
    while (workers.size() < parallel && next < count && spawn())
      assign(workers.back());
    if (workers.empty()) {
      // No process could be started: do the rest here, without isolation.
      for (; next < count; ++next)
        results[next] = fromMessage(runGuarded(work, next));
      break;
    }
    std::vector<pollfd> polls;
    Clock::time_point nearest = Clock::time_point::max();
    for (const Worker &w : workers) {
      polls.push_back({w.fd, POLLIN, 0});
      if (w.job)
        nearest = std::min(nearest, w.deadline);
    }
    int wait = -1;
    if (nearest != Clock::time_point::max()) {
      auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(nearest - Clock::now()).count();
      wait = static_cast<int>(std::clamp<long long>(ms + 1, 0, 60000));
    }
    if (::poll(polls.data(), polls.size(), wait) < 0 && errno != EINTR)
      continue;
    std::vector<bool> gone(workers.size(), false);
    for (size_t k = 0; k < workers.size(); ++k) {
      Worker &w = workers[k];
      if (polls[k].revents & (POLLIN | POLLHUP | POLLERR)) {
        char buffer[65536];
        ssize_t n = ::read(w.fd, buffer, sizeof buffer);
        if (n > 0)
          w.received.append(buffer, static_cast<size_t>(n));
        else if (n == 0 || errno != EINTR)
          gone[k] = true;
      }
      // A whole answer: length, then the message.
      uint64_t size = 0;
      if (w.job && w.received.size() >= sizeof size) {
        std::memcpy(&size, w.received.data(), sizeof size);
        if (w.received.size() >= sizeof size + size) {
          results[*w.job] = fromMessage(w.received.substr(sizeof size, size));
          w.received.erase(0, sizeof size + size);
          w.job.reset();
          w.deadline = Clock::time_point::max();
          if (!gone[k])
            assign(w);
        }
      }
      if (!gone[k] && w.job && Clock::now() >= w.deadline) {
        ::kill(w.pid, SIGKILL);
        w.timedOut = true; // its socket closes: reaped on the next round
      }
    }
    std::vector<Worker> alive;
    for (size_t k = 0; k < workers.size(); ++k) {
      if (gone[k])
        reap(workers[k]);
      else
        alive.push_back(std::move(workers[k]));
    }
    workers = std::move(alive);
  }
  return results;
}

} // namespace retrylint
