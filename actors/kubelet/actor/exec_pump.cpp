#include "actors/kubelet/actor/exec_pump.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace navarch::kubelet {

namespace {

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

// Reads what is there now into `out`; false at EOF or error (the pipe is then done).
bool forward(int fd, int stream, const exec_pump::output_fn& out) {
  char buf[32768];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) return true;
    if (n <= 0) return false;
    out(stream, std::string(buf, static_cast<size_t>(n)));
  }
}

}  // namespace

exec_pump::exec_pump() : wake_fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
  if (wake_fd_ < 0) throw std::runtime_error(std::string("eventfd: ") + std::strerror(errno));
}

exec_pump::~exec_pump() { close_fd(wake_fd_); }

void exec_pump::feed(std::string data, bool close) {
  {
    std::lock_guard lock(mutex_);
    if (!data.empty()) input_.push_back(std::move(data));
    close_input_ = close_input_ || close;
  }
  uint64_t one = 1;
  [[maybe_unused]] auto n = ::write(wake_fd_, &one, sizeof one);
}

void exec_pump::cancel() {
  {
    std::lock_guard lock(mutex_);
    cancelled_ = true;
  }
  uint64_t one = 1;
  [[maybe_unused]] auto n = ::write(wake_fd_, &one, sizeof one);
}

// Moves queued input (appended to `into`) and the flags out from under the lock.
bool exec_pump::take_input(std::string& into, bool& close, bool& cancelled) {
  std::lock_guard lock(mutex_);
  for (auto& chunk : input_) into += chunk;
  input_.clear();
  close = close_input_;
  cancelled = cancelled_;
  return !into.empty();
}

exec_outcome exec_pump::run(exec_pipes p, const output_fn& out) {
  // A command that closed its stdin must give EPIPE here, not kill the process with SIGPIPE (thread-directed).
  sigset_t pipe_set;
  sigemptyset(&pipe_set);
  sigaddset(&pipe_set, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_set, nullptr);
  for (int fd : {p.stdin_fd, p.stdout_fd, p.stderr_fd})
    if (fd >= 0) ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);

  std::string pending;  // input taken but not yet written
  bool close_input = false, cancelled = false, killed = false;
  for (bool ended = false; !ended;) {
    take_input(pending, close_input, cancelled);
    if (cancelled && !killed) {
      killed = true;
      if (p.kill) p.kill();
    }
    if (p.stdin_fd >= 0 && !pending.empty()) {
      ssize_t n = ::write(p.stdin_fd, pending.data(), pending.size());
      if (n > 0) pending.erase(0, static_cast<size_t>(n));
      else if (n < 0 && errno != EAGAIN && errno != EINTR) pending.clear(), close_fd(p.stdin_fd);  // reader gone
    }
    if (p.stdin_fd >= 0 && pending.empty() && close_input) close_fd(p.stdin_fd);
    if (p.stdin_fd < 0) pending.clear();

    pollfd fds[5] = {{wake_fd_, POLLIN, 0},
                     {p.stdout_fd, POLLIN, 0},
                     {p.stderr_fd, POLLIN, 0},
                     {pending.empty() ? -1 : p.stdin_fd, POLLOUT, 0},
                     {p.done_fd, POLLIN, 0}};
    if (::poll(fds, 5, -1) < 0 && errno != EINTR) break;
    if (fds[0].revents & POLLIN) {
      uint64_t count;
      [[maybe_unused]] auto n = ::read(wake_fd_, &count, sizeof count);
    }
    if (fds[1].revents && !forward(p.stdout_fd, 1, out)) close_fd(p.stdout_fd);
    if (fds[2].revents && !forward(p.stderr_fd, 2, out)) close_fd(p.stderr_fd);
    if (fds[3].revents & (POLLERR | POLLHUP)) pending.clear(), close_fd(p.stdin_fd);
    ended = fds[4].revents & POLLIN;
  }
  // What the command wrote before it ended; a background process it left may hold the pipes open, so no waiting.
  if (p.stdout_fd >= 0) forward(p.stdout_fd, 1, out);
  if (p.stderr_fd >= 0) forward(p.stderr_fd, 2, out);
  for (int* fd : {&p.stdin_fd, &p.stdout_fd, &p.stderr_fd}) close_fd(*fd);
  return p.finish ? p.finish() : exec_outcome{};
}

}  // namespace navarch::kubelet
