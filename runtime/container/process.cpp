#include "runtime/container/process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "runtime/container/runtime.hpp"

extern char** environ;

namespace navarch::runtime {

pid_t spawn_process(const std::vector<std::string>& argv, const spawn_io& io) {
  if (argv.empty()) throw runtime_error("spawn: empty argv");
  posix_spawn_file_actions_t fa;
  posix_spawnattr_t attr;
  posix_spawn_file_actions_init(&fa);
  posix_spawnattr_init(&attr);
  int std_fds[3] = {io.in, io.out, io.err};
  for (int target = 0; target < 3; ++target) {
    if (std_fds[target] >= 0) posix_spawn_file_actions_adddup2(&fa, std_fds[target], target);
    else posix_spawn_file_actions_addopen(&fa, target, "/dev/null", target == 0 ? O_RDONLY : O_WRONLY, 0);
  }
  if (io.fd3 >= 0) posix_spawn_file_actions_adddup2(&fa, io.fd3, 3);
  // Nothing else of the node process reaches the child: a descriptor some library opened without O_CLOEXEC (the
  // API server's listening socket, say) would otherwise live on in containers that outlive the node, and keep
  // its port taken after a restart.
  posix_spawn_file_actions_addclosefrom_np(&fa, io.fd3 >= 0 ? 4 : 3);
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  int rc = ::posix_spawn(&pid, args[0], &fa, &attr, args.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) throw runtime_error("spawn " + argv[0] + ": " + std::strerror(rc));
  return pid;
}

int wait_process(pid_t pid) {
  int st = 0;
  while (::waitpid(pid, &st, 0) < 0)
    if (errno != EINTR) return -1;
  if (WIFEXITED(st)) return WEXITSTATUS(st);
  if (WIFSIGNALED(st)) return 128 + WTERMSIG(st);
  return -1;
}

command_result run_command(const std::vector<std::string>& argv) {
  int p[2];
  if (::pipe2(p, O_CLOEXEC) < 0) throw runtime_error(std::string("pipe: ") + std::strerror(errno));
  pid_t pid;
  try {
    pid = spawn_process(argv, {.in = -1, .out = p[1], .err = p[1]});
  } catch (...) {
    ::close(p[0]);
    ::close(p[1]);
    throw;
  }
  ::close(p[1]);
  command_result r;
  char buf[4096];
  for (ssize_t n; (n = ::read(p[0], buf, sizeof buf)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    r.output.append(buf, static_cast<size_t>(n));
  }
  ::close(p[0]);
  r.status = wait_process(pid);
  return r;
}

std::string read_until_eof(int fd) {
  std::string out;
  char buf[512];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

}  // namespace navarch::runtime
