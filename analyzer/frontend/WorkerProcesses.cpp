#include "frontend/WorkerProcesses.h"

#include "llvm/Support/raw_ostream.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>
#include <fcntl.h>
#include <iostream>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace retrylint {
namespace {

using Clock = std::chrono::steady_clock;

// The child's message starts with one of these: a result, or an exception's text.
constexpr char ResultTag = 'R', ExceptionTag = 'X';

/// The work's outcome as the child sends it.
std::string runGuarded(llvm::function_ref<std::string(size_t)> work, size_t i) {
  try {
    return ResultTag + work(i);
  } catch (const std::exception &e) {
    return ExceptionTag + std::string("crashed (exception: ") + e.what() + ")";
  } catch (...) {
    return ExceptionTag + std::string("crashed (unknown exception)");
  }
}

WorkerResult fromMessage(std::string message) {
  WorkerResult r;
  if (message.empty()) {
    r.failure = "crashed (its worker sent no result)";
  } else if (message[0] == ResultTag) {
    r.ok = true;
    r.payload = message.substr(1);
  } else {
    r.failure = message.substr(1);
  }
  return r;
}

bool writeAll(int fd, const std::string &data) {
  const char *p = data.data();
  size_t left = data.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return false;
    p += n;
    left -= static_cast<size_t>(n);
  }
  return true;
}

/// How a child ended, in words; empty for a normal exit 0.
std::string describeStatus(int status) {
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    const char *name = strsignal(sig);
    return "crashed (" + std::string(name ? name : "signal") + ", signal " + std::to_string(sig) + ")";
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
    return "crashed (its worker exited with status " + std::to_string(WEXITSTATUS(status)) + ")";
  return {};
}

struct Child {
  size_t index;
  pid_t pid;
  int fd;
  std::string message;
  Clock::time_point deadline;
  bool timedOut = false;
};

} // namespace

std::vector<WorkerResult> runInWorkers(size_t count, const WorkerLimits &limits,
                                       llvm::function_ref<std::string(size_t)> work) {
  std::vector<WorkerResult> results(count);
  std::vector<Child> running;
  size_t next = 0;
  unsigned parallel = std::max(1u, limits.parallel);
  // Buffered output would be written again by every child that exits through stdio.
  std::cout.flush();
  std::fflush(nullptr);
  llvm::outs().flush();

  auto start = [&](size_t i) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
      results[i] = fromMessage(runGuarded(work, i)); // no pipe: run it here
      return;
    }
    pid_t pid = ::fork();
    if (pid == 0) {
      ::close(fds[0]);
      std::string message = runGuarded(work, i);
      // _exit: no destructors, no atexit handlers of the parent's, no AST teardown.
      ::_exit(writeAll(fds[1], message) ? 0 : 1);
    }
    ::close(fds[1]);
    if (pid < 0) {
      ::close(fds[0]);
      results[i] = fromMessage(runGuarded(work, i)); // no process: run it here
      return;
    }
    Clock::time_point deadline = limits.timeoutSeconds
                                     ? Clock::now() + std::chrono::seconds(limits.timeoutSeconds)
                                     : Clock::time_point::max();
    running.push_back({i, pid, fds[0], {}, deadline});
  };

  auto finish = [&](Child &c) {
    ::close(c.fd);
    int status = 0;
    while (::waitpid(c.pid, &status, 0) < 0 && errno == EINTR) {
    }
    WorkerResult r;
    if (c.timedOut) {
      r.failure = "timed out after " + std::to_string(limits.timeoutSeconds) + " s";
    } else if (std::string how = describeStatus(status); !how.empty()) {
      r.failure = how;
    } else {
      r = fromMessage(std::move(c.message));
    }
    results[c.index] = std::move(r);
  };

  while (next < count || !running.empty()) {
    while (running.size() < parallel && next < count)
      start(next++);
    if (running.empty())
      continue;
    std::vector<pollfd> polls;
    Clock::time_point nearest = Clock::time_point::max();
    for (const Child &c : running) {
      polls.push_back({c.fd, POLLIN, 0});
      nearest = std::min(nearest, c.deadline);
    }
    int wait = -1;
    if (nearest != Clock::time_point::max()) {
      auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(nearest - Clock::now()).count();
      wait = static_cast<int>(std::max<long long>(0, std::min<long long>(ms + 1, 60000)));
    }
    int ready = ::poll(polls.data(), polls.size(), wait);
    if (ready < 0 && errno != EINTR)
      ready = 0;
    std::vector<bool> done(running.size(), false);
    for (size_t k = 0; k < running.size(); ++k) {
      Child &c = running[k];
      if (polls[k].revents & (POLLIN | POLLHUP | POLLERR)) {
        char buffer[65536];
        ssize_t n = ::read(c.fd, buffer, sizeof buffer);
        if (n > 0)
          c.message.append(buffer, static_cast<size_t>(n));
        else if (n == 0 || errno != EINTR)
          done[k] = true;
      }
      if (!done[k] && Clock::now() >= c.deadline) {
        ::kill(c.pid, SIGKILL);
        c.timedOut = true;
        done[k] = true;
      }
    }
    std::vector<Child> still;
    for (size_t k = 0; k < running.size(); ++k) {
      if (done[k])
        finish(running[k]);
      else
        still.push_back(std::move(running[k]));
    }
    running = std::move(still);
  }
  return results;
}

} // namespace retrylint
