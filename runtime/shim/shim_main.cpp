#include "runtime/shim/shim.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>

#include <boost/json/serialize.hpp>

#include "runtime/container/cgroups.hpp"
#include "runtime/container/state_files.hpp"
#include "runtime/logs/cri_log.hpp"
#include "runtime/logs/rotating_log.hpp"
#include "runtime/shim/builtin_launch.hpp"
#include "runtime/shim/exec_mode.hpp"
#include "runtime/shim/runc_launch.hpp"

namespace navarch::runtime {
namespace fs = std::filesystem;
using clock = std::chrono::system_clock;

namespace {

constexpr int ready_fd = 3;

struct shim_args {
  bool runc = false;
  fs::path dir;
  std::string cgroup_parent;
  runc_options runc_opts;
};

void report(const std::string& line) {
  [[maybe_unused]] auto n = ::write(ready_fd, line.data(), line.size());
  ::close(ready_fd);
}

void write_status(const fs::path& dir, const container_status& st) {
  write_file_atomic(status_file(dir), boost::json::serialize(status_to_json(st, ::getpid())));
}

// One of the container's output streams: a pipe read end, cut into CRI records.
struct stream {
  const char* name;
  int fd;
  cri_line_splitter splitter;
};

// Copies output into the log until the container has exited and its pipes are closed (or, should some process
// outside the container keep a pipe open, one second after the exit). Returns the container's wait status.
int supervise(pid_t pid, int sig_fd, stream (&streams)[2], rotating_log* log) {
  int wstatus = 0;
  bool exited = false;
  auto drain_deadline = std::chrono::steady_clock::time_point::max();
  char buf[65536];
  for (;;) {
    if (exited && streams[0].fd < 0 && streams[1].fd < 0) break;
    pollfd fds[3] = {{sig_fd, POLLIN, 0}, {streams[0].fd, POLLIN, 0}, {streams[1].fd, POLLIN, 0}};
    int timeout = -1;
    if (exited) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(drain_deadline -
                                                                        std::chrono::steady_clock::now());
      if (left.count() <= 0) break;
      timeout = static_cast<int>(left.count());
    }
    int n = ::poll(fds, 3, timeout);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    if (fds[0].revents & POLLIN) {
      signalfd_siginfo si;
      [[maybe_unused]] auto r = ::read(sig_fd, &si, sizeof si);
    }
    // Reap every child (as subreaper the shim may inherit more than the container init).
    for (int st; ;) {
      pid_t p = ::waitpid(-1, &st, WNOHANG);
      if (p <= 0) break;
      if (p == pid) {
        exited = true;
        wstatus = st;
        drain_deadline = std::chrono::steady_clock::now() + std::chrono::seconds(1);
      }
    }
    for (int i = 0; i < 2; ++i) {
      auto& s = streams[i];
      if (s.fd < 0 || !(fds[i + 1].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t got = ::read(s.fd, buf, sizeof buf);
      if (got < 0 && (errno == EINTR || errno == EAGAIN)) continue;
      auto emit = [&](bool partial, std::string_view text) {
        if (log) log->write(format_cri_line(clock::now(), s.name, partial, text));
      };
      if (got <= 0) {
        s.splitter.finish(emit);
        ::close(s.fd);
        s.fd = -1;
      } else {
        s.splitter.feed(std::string_view(buf, static_cast<size_t>(got)), emit);
      }
    }
  }
  for (auto& s : streams)
    if (s.fd >= 0) ::close(s.fd);
  return wstatus;
}

int run(const shim_args& a) {
  container_status st;
  container_spec spec;
  try {
    spec = spec_from_json(read_json_file(spec_file(a.dir)));
  } catch (const std::exception& e) {
    report(std::string("err ") + e.what() + "\n");
    return 1;
  }
  st.id = spec.id;
  st.pod_uid = spec.pod_uid;
  st.name = spec.name;
  st.attempt = spec.attempt;
  st.log_path = spec.log_path;
  st.created_at = clock::now();

  // SIGCHLD arrives through a signalfd; the container gets the original mask back before exec.
  sigset_t chld, orig;
  sigemptyset(&chld);
  sigaddset(&chld, SIGCHLD);
  ::sigprocmask(SIG_BLOCK, &chld, &orig);
  int sig_fd = ::signalfd(-1, &chld, SFD_CLOEXEC);
  ::signal(SIGPIPE, SIG_IGN);

  std::unique_ptr<rotating_log> log;
  stream streams[2] = {{"stdout", -1, cri_line_splitter()}, {"stderr", -1, cri_line_splitter()}};
  int out_w = -1, err_w = -1;
  container_cgroups cg;
  pid_t pid = 0;
  try {
    // Without root there are no cgroups of the container's own: it runs in the node's, unlimited.
    if (::geteuid() == 0) cg = cgroups_for(a.cgroup_parent + "/" + spec.id);
    if (!spec.log_path.empty()) {
      fs::create_directories(fs::path(spec.log_path).parent_path());
      log = std::make_unique<rotating_log>(spec.log_path, spec.log_max_bytes, spec.log_keep);
    }
    int p1[2], p2[2];
    if (::pipe2(p1, O_CLOEXEC) < 0 || ::pipe2(p2, O_CLOEXEC) < 0)
      throw runtime_error(std::string("pipe: ") + std::strerror(errno));
    streams[0].fd = p1[0];
    streams[1].fd = p2[0];
    out_w = p1[1];
    err_w = p2[1];
    pid = a.runc ? launch_runc(spec, a.dir, a.runc_opts, out_w, err_w)
                 : launch_builtin(spec, a.dir, cg, out_w, err_w, orig);
  } catch (const std::exception& e) {
    if (a.runc) cleanup_runc(spec.id, a.dir, a.runc_opts);
    else remove_cgroups(cg);
    st.state = container_state::exited;
    st.exit_code = 128;
    st.error = e.what();
    st.finished_at = clock::now();
    try {
      write_status(a.dir, st);
    } catch (...) {
    }
    report(std::string("err ") + e.what() + "\n");
    return 1;
  }
  ::close(out_w);
  ::close(err_w);
  st.state = container_state::running;
  st.pid = pid;
  st.started_at = clock::now();
  try {
    write_status(a.dir, st);
    report("ok " + std::to_string(pid) + "\n");
  } catch (const std::exception& e) {
    ::kill(pid, SIGKILL);  // unrecorded containers must not run; supervise() reaps it and cleanup follows
    report(std::string("err ") + e.what() + "\n");
  }

  int wstatus = supervise(pid, sig_fd, streams, log.get());
  st.finished_at = clock::now();
  st.state = container_state::exited;
  st.pid = 0;
  if (WIFEXITED(wstatus)) st.exit_code = WEXITSTATUS(wstatus);
  if (WIFSIGNALED(wstatus)) {
    st.signal = WTERMSIG(wstatus);
    st.exit_code = 128 + st.signal;
  }
  st.oom_killed = spec.limits.memory_bytes > 0 && cgroup_oom_killed(cg);
  // Clean up before recording the exit, so whoever sees "exited" also sees no cgroup or mount left.
  if (a.runc) cleanup_runc(spec.id, a.dir, a.runc_opts);
  else if (!remove_cgroups(cg)) st.error = "cgroups of the container could not be removed";
  write_status(a.dir, st);
  return 0;
}

}  // namespace

int shim_main(int argc, char** argv) {
  shim_args a;
  std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "exec") return shim_exec_main(argc, argv);
  if (mode == "builtin" && argc == 4) {
  } else if (mode == "runc" && argc == 6) {
    a.runc = true;
    a.runc_opts.runc_path = argv[4];
    a.runc_opts.runc_root = argv[5];
  } else {
    std::fprintf(stderr,
                 "usage: navarch-shim builtin STATE_DIR CGROUP_PARENT\n"
                 "       navarch-shim runc STATE_DIR CGROUP_PARENT RUNC_PATH RUNC_ROOT\n"
                 "       navarch-shim exec PID -- ARGV...\n"
                 "(started by the navarch runtime library, with a report pipe on fd 3)\n");
    return 2;
  }
  // The report pipe must not leak into the container or runc, or the caller would wait for their exit.
  ::fcntl(ready_fd, F_SETFD, FD_CLOEXEC);
  a.dir = argv[2];
  a.cgroup_parent = argv[3];
  // Detach: the caller reaps the short-lived parent; the shim lives on in its own session, reparented to init.
  pid_t child = ::fork();
  if (child < 0) {
    report(std::string("err fork: ") + std::strerror(errno) + "\n");
    return 1;
  }
  if (child > 0) return 0;
  ::setsid();
  try {
    return run(a);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "navarch-shim: %s\n", e.what());
    return 1;
  }
}

}  // namespace navarch::runtime
