#include "runtime/container/process.hpp"
#include "runtime/shim/exec_mode.hpp"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "runtime/container/cgroups.hpp"
#include "runtime/container/runtime.hpp"

namespace navarch::runtime {
namespace fs = std::filesystem;

namespace {

constexpr int report_fd = 3;

[[noreturn]] void report_and_exit(const std::string& line, int code) {
  [[maybe_unused]] auto n = ::write(report_fd, line.data(), line.size());
  ::_exit(code);
}

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw runtime_error("read " + p.string() + ": " + std::strerror(errno));
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Moves this process into every cgroup of `pid` that differs from its own (v1: per hierarchy, as listed in
// /proc/<pid>/cgroup; v2: the one unified path). Must run before the mount namespace changes.
void join_cgroups(pid_t pid) {
  auto theirs = read_all("/proc/" + std::to_string(pid) + "/cgroup");
  auto ours = read_all("/proc/self/cgroup");
  std::vector<std::pair<fs::path, std::string>> targets;  // hierarchy mount, path
  if (detect_cgroup_mode() == cgroup_mode::v2) {
    targets.emplace_back("/sys/fs/cgroup", "");
  } else {
    std::istringstream lines(theirs);
    for (std::string line; std::getline(lines, line);) {
      auto a = line.find(':'), b = line.find(':', a + 1);
      if (a == std::string::npos || b == std::string::npos) continue;
      auto controllers = line.substr(a + 1, b - a - 1);
      if (controllers.empty() || controllers.rfind("name=", 0) == 0) continue;
      targets.emplace_back(fs::path("/sys/fs/cgroup") / controllers, controllers.substr(0, controllers.find(',')));
    }
  }
  for (const auto& [mount, controller] : targets) {
    auto path = cgroup_path_of(theirs, controller);
    if (path.empty() || path == cgroup_path_of(ours, controller)) continue;
    auto procs = mount / fs::path(path).relative_path() / "cgroup.procs";
    std::ofstream out(procs);
    out << ::getpid();
    out.flush();
    if (!out) throw runtime_error("join cgroup " + procs.string() + ": " + std::strerror(errno));
  }
}

std::vector<std::string> split_nul(const std::string& text) {
  std::vector<std::string> out;
  for (size_t start = 0; start < text.size();) {
    auto end = text.find('\0', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// execve through PATH from `env` (the usual default when absent); returns only on failure, with the message.
std::string exec_in_path(const std::vector<std::string>& args, const std::vector<std::string>& env) {
  std::string path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  for (const auto& e : env)
    if (e.rfind("PATH=", 0) == 0) path = e.substr(5);
  std::vector<char*> argv, envp;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  for (const auto& e : env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  const auto& cmd = args.front();
  if (cmd.find('/') != std::string::npos) {
    ::execve(cmd.c_str(), argv.data(), envp.data());
    return "exec " + cmd + ": " + std::strerror(errno);
  }
  int err = ENOENT;
  for (size_t start = 0; start <= path.size();) {
    auto colon = path.find(':', start);
    auto dir = path.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
    ::execve(((dir.empty() ? std::string(".") : dir) + "/" + cmd).c_str(), argv.data(), envp.data());
    if (errno != ENOENT) err = errno;
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  return "exec " + cmd + ": " + std::strerror(err) + " (PATH " + path + ")";
}

}  // namespace

int shim_exec_main(int argc, char** argv) {
  ::fcntl(report_fd, F_SETFD, FD_CLOEXEC);  // must not leak into the command
  if (argc < 5 || std::string(argv[3]) != "--")
    report_and_exit("err usage: navarch-shim exec PID -- ARGV...\n", 2);
  pid_t pid = static_cast<pid_t>(std::atoi(argv[2]));
  std::vector<std::string> args(argv + 4, argv + argc);
  // SIGTERM (the caller's timeout) and SIGCHLD are taken through sigwaitinfo; the command gets the old mask back.
  sigset_t wait_set, orig;
  sigemptyset(&wait_set);
  for (int s : {SIGCHLD, SIGTERM, SIGINT}) sigaddset(&wait_set, s);
  ::sigprocmask(SIG_BLOCK, &wait_set, &orig);

  std::vector<std::string> env;
  try {
    auto proc = fs::path("/proc") / std::to_string(pid);
    env = split_nul(read_all(proc / "environ"));
    join_cgroups(pid);
    // Open every namespace first: after the mount namespace changes, /proc is the container's. The user namespace
    // (a container started without root has one) comes first, for the rights to join the others; namespaces the
    // container shares with us (its network, without root) are left alone.
    std::vector<std::pair<int, const char*>> ns;
    for (const char* name : {"user", "ipc", "uts", "net", "pid", "mnt"}) {
      struct stat mine{}, theirs{};
      if (::stat((fs::path("/proc/self/ns") / name).c_str(), &mine) == 0 &&
          ::stat((proc / "ns" / name).c_str(), &theirs) == 0 && mine.st_ino == theirs.st_ino &&
          mine.st_dev == theirs.st_dev)
        continue;
      int fd = ::open((proc / "ns" / name).c_str(), O_RDONLY | O_CLOEXEC);
      if (fd < 0) throw runtime_error(std::string("open ") + (proc / "ns" / name).string() + ": " + std::strerror(errno));
      ns.emplace_back(fd, name);
    }
    for (auto [fd, name] : ns) {
      if (::setns(fd, 0) < 0) throw runtime_error(std::string("setns ") + name + ": " + std::strerror(errno));
      ::close(fd);
    }
    if (::chdir("/") < 0) throw runtime_error(std::string("chdir /: ") + std::strerror(errno));
  } catch (const std::exception& e) {
    report_and_exit(std::string("err ") + e.what() + "\n", 1);
  }

  int errp[2];
  if (::pipe2(errp, O_CLOEXEC) < 0) report_and_exit(std::string("err pipe: ") + std::strerror(errno) + "\n", 1);
  pid_t child = ::fork();
  if (child < 0) report_and_exit(std::string("err fork: ") + std::strerror(errno) + "\n", 1);
  if (child == 0) {
    // Its own process group, so a timeout kills what it started too; it dies with the shim.
    ::setpgid(0, 0);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    ::close(errp[0]);
    ::sigprocmask(SIG_SETMASK, &orig, nullptr);
    auto msg = exec_in_path(args, env);
    [[maybe_unused]] auto n = ::write(errp[1], msg.data(), msg.size());
    ::_exit(127);
  }
  ::setpgid(child, child);  // also here, so the group exists before a SIGTERM can target it
  ::close(errp[1]);
  std::string error = read_until_eof(errp[0]);
  ::close(errp[0]);
  if (!error.empty()) {
    ::waitpid(child, nullptr, 0);
    report_and_exit("err " + error + "\n", 1);
  }
  for (;;) {
    siginfo_t si;
    if (::sigwaitinfo(&wait_set, &si) < 0) continue;
    if (si.si_signo != SIGCHLD) ::kill(-child, SIGKILL);
    int st = 0;
    if (::waitpid(child, &st, WNOHANG) == child) {
      int code = WIFSIGNALED(st) ? 128 + WTERMSIG(st) : WEXITSTATUS(st);
      report_and_exit("exit " + std::to_string(code) + "\n", 0);
    }
  }
}

}  // namespace navarch::runtime
