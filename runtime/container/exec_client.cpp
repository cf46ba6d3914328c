#include "runtime/container/exec_client.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "runtime/container/process.hpp"

namespace navarch::runtime {

namespace {

// Reads what is available now; false at EOF or error (the fd is then done).
bool read_some(int fd, std::string& into, size_t cap) {
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) return true;
    if (n <= 0) return false;
    if (into.size() < cap) into.append(buf, std::min(static_cast<size_t>(n), cap - into.size()));
  }
}

}  // namespace

std::string exec_precondition(const std::string& id, const std::optional<container_status>& st,
                              const std::vector<std::string>& argv) {
  if (argv.empty()) return "exec in " + id + ": empty command";
  if (!st) return "container " + id + " does not exist";
  if (st->state != container_state::running || st->pid <= 0) return "container " + id + " is not running";
  return {};
}

exec_result exec_error(std::string why) {
  exec_result r;
  r.error = std::move(why);
  return r;
}

helper_outcome run_exec_helper(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                               const std::function<void(pid_t)>& on_timeout, bool with_report) {
  int out[2], rep[2] = {-1, -1};
  if (::pipe2(out, O_CLOEXEC) < 0) throw runtime_error(std::string("pipe: ") + std::strerror(errno));
  if (with_report && ::pipe2(rep, O_CLOEXEC) < 0) {
    ::close(out[0]);
    ::close(out[1]);
    throw runtime_error(std::string("pipe: ") + std::strerror(errno));
  }
  auto close_all = [&] {
    for (int fd : {out[0], out[1], rep[0], rep[1]})
      if (fd >= 0) ::close(fd);
  };
  pid_t pid;
  try {
    pid = spawn_process(argv, {.in = -1, .out = out[1], .err = out[1], .fd3 = rep[1]});
  } catch (...) {
    close_all();
    throw;
  }
  ::close(out[1]);
  if (rep[1] >= 0) ::close(rep[1]);
  // The helper's exit ends the wait even when a background process it left keeps the output pipe open.
  int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
  if (pidfd < 0) {
    int err = errno;
    ::kill(pid, SIGKILL);
    wait_process(pid);
    ::close(out[0]);
    if (rep[0] >= 0) ::close(rep[0]);
    throw runtime_error(std::string("pidfd_open: ") + std::strerror(err));
  }
  ::fcntl(out[0], F_SETFL, O_NONBLOCK);

  helper_outcome r;
  auto start = std::chrono::steady_clock::now();
  auto kill_at = start + timeout, hard_kill_at = kill_at + std::chrono::seconds(5);
  bool out_open = true;
  for (bool exited = false; !exited;) {
    auto now = std::chrono::steady_clock::now();
    if (!r.timed_out && now >= kill_at) {
      r.timed_out = true;
      on_timeout(pid);
    }
    if (now >= hard_kill_at) {
      ::kill(pid, SIGKILL);
      break;
    }
    auto next = r.timed_out ? hard_kill_at : kill_at;
    auto wait_ms = std::chrono::duration_cast<std::chrono::milliseconds>(next - now).count() + 1;
    pollfd fds[2] = {{pidfd, POLLIN, 0}, {out_open ? out[0] : -1, POLLIN, 0}};
    int n = ::poll(fds, 2, static_cast<int>(wait_ms));
    if (n < 0 && errno != EINTR) break;
    if (out_open && (fds[1].revents & (POLLIN | POLLHUP | POLLERR)))
      out_open = read_some(out[0], r.output, exec_output_cap);
    exited = fds[0].revents & POLLIN;
  }
  if (out_open) read_some(out[0], r.output, exec_output_cap);  // what it wrote before it exited
  r.status = wait_process(pid);
  if (rep[0] >= 0) {
    ::fcntl(rep[0], F_SETFL, O_NONBLOCK);
    read_some(rep[0], r.report, 4096);
  }
  ::close(pidfd);
  ::close(out[0]);
  if (rep[0] >= 0) ::close(rep[0]);
  return r;
}

exec_process start_exec_helper(const std::vector<std::string>& argv, bool with_stdin, bool with_report,
                               std::function<void(pid_t)> kill,
                               std::function<exec_result(int status, std::string report)> interpret) {
  // Pairs of pipes: stdin, stdout, stderr, report. The caller's ends are [1], [0], [0], [0].
  int fds[4][2] = {{-1, -1}, {-1, -1}, {-1, -1}, {-1, -1}};
  auto close_all = [&] {
    for (auto& p : fds)
      for (int& fd : p)
        if (fd >= 0) ::close(fd), fd = -1;
  };
  for (int i = 0; i < 4; ++i) {
    if ((i == 0 && !with_stdin) || (i == 3 && !with_report)) continue;
    if (::pipe2(fds[i], O_CLOEXEC) < 0) {
      int err = errno;
      close_all();
      throw runtime_error(std::string("pipe: ") + std::strerror(err));
    }
  }
  pid_t pid;
  try {
    pid = spawn_process(argv, {.in = fds[0][0], .out = fds[1][1], .err = fds[2][1], .fd3 = fds[3][1]});
  } catch (...) {
    close_all();
    throw;
  }
  for (int* fd : {&fds[0][0], &fds[1][1], &fds[2][1], &fds[3][1]})
    if (*fd >= 0) ::close(*fd), *fd = -1;
  int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
  if (pidfd < 0) {
    int err = errno;
    ::kill(pid, SIGKILL);
    wait_process(pid);
    close_all();
    throw runtime_error(std::string("pidfd_open: ") + std::strerror(err));
  }
  exec_process p;
  p.stdin_fd = fds[0][1];
  p.stdout_fd = fds[1][0];
  p.stderr_fd = fds[2][0];
  p.done_fd = pidfd;
  p.kill = [pid, kill = std::move(kill)] { kill(pid); };
  p.finish = [pid, pidfd, report_fd = fds[3][0], interpret = std::move(interpret)] {
    int status = wait_process(pid);
    std::string report;
    if (report_fd >= 0) {
      report = read_until_eof(report_fd);
      ::close(report_fd);
    }
    ::close(pidfd);
    return interpret(status, std::move(report));
  };
  return p;
}

}  // namespace navarch::runtime
