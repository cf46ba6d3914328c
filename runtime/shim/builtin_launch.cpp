#include "runtime/container/process.hpp"
#include "runtime/shim/builtin_launch.hpp"

#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "runtime/container/overlay_options.hpp"

namespace navarch::runtime {
namespace fs = std::filesystem;

namespace {

// Everything below runs in the forked child of the single-threaded shim, so ordinary library calls are safe.
// Any failure is written to the error pipe (close-on-exec: EOF there means exec succeeded) and ends the child.
class init_child {
 public:
  init_child(const container_spec& s, const fs::path& dir, std::string overlay, bool rootless, int err_fd)
      : s_(s), dir_(dir), overlay_(std::move(overlay)), rootless_(rootless), err_fd_(err_fd) {}

  [[noreturn]] void run(int sync_fd, int out_w, int err_w, const sigset_t& mask) {
    char go = 0;
    if (::read(sync_fd, &go, 1) != 1) ::_exit(127);  // the shim died or gave up before releasing us
    ::close(sync_fd);
    int ns = CLONE_NEWNS | (s_.own_uts_ns ? CLONE_NEWUTS : 0) | (s_.own_ipc_ns ? CLONE_NEWIPC : 0);
    check(::unshare(ns), "unshare");
    if (!s_.netns_path.empty()) {
      int fd = ::open(s_.netns_path.c_str(), O_RDONLY | O_CLOEXEC);
      check(fd, "open netns " + s_.netns_path);
      check(::setns(fd, CLONE_NEWNET), "setns " + s_.netns_path);
      ::close(fd);
    }
    check(::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr), "make / private");
    auto root = dir_ / "merged";
    check(::mount("overlay", root.c_str(), "overlay", 0, overlay_.c_str()), "mount overlay (" + overlay_ + ")");
    setup_dev(root);
    mkdirs(root / "proc");
    check(::mount("proc", (root / "proc").c_str(), "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr), "mount /proc");
    mkdirs(root / "sys");
    if (rootless_) {
      // A new sysfs needs a network namespace of our own; without root the container shares the node's, and
      // sees the node's /sys, read-only.
      check(::mount("/sys", (root / "sys").c_str(), nullptr, MS_BIND | MS_REC, nullptr), "bind /sys");
      check(::mount(nullptr, (root / "sys").c_str(), nullptr, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID |
                    MS_NODEV | MS_NOEXEC, nullptr), "remount /sys read-only");
    } else {
      check(::mount("sysfs", (root / "sys").c_str(), "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_RDONLY, nullptr),
            "mount /sys");
    }
    for (const auto& m : s_.mounts) user_mount(root, m);
    if (s_.own_uts_ns) {
      auto host = s_.hostname.empty() ? s_.id.substr(0, 63) : s_.hostname;
      check(::sethostname(host.data(), host.size()), "sethostname");
    }
    check(::chdir(root.c_str()), "chdir root");
    check(static_cast<int>(::syscall(SYS_pivot_root, ".", ".")), "pivot_root");
    check(::umount2(".", MNT_DETACH), "detach the old root");
    check(::chdir("/"), "chdir /");
    mkdirs(s_.working_dir);
    check(::chdir(s_.working_dir.c_str()), "chdir " + s_.working_dir);
    int devnull = ::open("/dev/null", O_RDONLY);
    check(devnull, "open /dev/null");
    check(::dup2(devnull, 0), "dup2 stdin");
    check(::dup2(out_w, 1), "dup2 stdout");
    check(::dup2(err_w, 2), "dup2 stderr");
    for (int fd : {devnull, out_w, err_w})
      if (fd > 2) ::close(fd);
    ::sigprocmask(SIG_SETMASK, &mask, nullptr);
    exec_command();
  }

 private:
  [[noreturn]] void fail(const std::string& what, int err) {
    auto msg = what + ": " + std::strerror(err);
    [[maybe_unused]] auto n = ::write(err_fd_, msg.data(), msg.size());
    ::_exit(127);
  }
  void check(int rc, const std::string& what) {
    if (rc < 0) fail(what, errno);
  }
  void mkdirs(const fs::path& p) {
    std::error_code ec;
    fs::create_directories(p, ec);
    if (ec) fail("mkdir " + p.string(), ec.value());
  }
  void touch(const fs::path& p) {
    int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    check(fd, "create " + p.string());
    ::close(fd);
  }

  void setup_dev(const fs::path& root) {
    auto dev = root / "dev";
    mkdirs(dev);
    check(::mount("tmpfs", dev.c_str(), "tmpfs", MS_NOSUID | MS_STRICTATIME, "mode=755,size=65536k"), "mount /dev");
    for (const char* name : {"null", "zero", "full", "random", "urandom", "tty"}) {
      auto target = dev / name;
      touch(target);
      check(::mount((fs::path("/dev") / name).c_str(), target.c_str(), nullptr, MS_BIND, nullptr),
            "bind /dev/" + std::string(name));
    }
    for (auto [link, to] : {std::pair{"fd", "/proc/self/fd"}, {"stdin", "/proc/self/fd/0"},
                            {"stdout", "/proc/self/fd/1"}, {"stderr", "/proc/self/fd/2"}, {"ptmx", "pts/ptmx"}})
      check(::symlink(to, (dev / link).c_str()), "symlink /dev/" + std::string(link));
    mkdirs(dev / "pts");
    check(::mount("devpts", (dev / "pts").c_str(), "devpts", MS_NOSUID | MS_NOEXEC,
                  "newinstance,ptmxmode=0666,mode=0620"),
          "mount /dev/pts");
    mkdirs(dev / "shm");
    check(::mount("shm", (dev / "shm").c_str(), "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=1777,size=65536k"),
          "mount /dev/shm");
  }

  void user_mount(const fs::path& root, const mount_spec& m) {
    auto dest = fs::path(m.destination).lexically_normal();
    if (!dest.is_absolute() || m.destination.find("..") != std::string::npos)
      fail("mount destination '" + m.destination + "' must be an absolute path without '..'", EINVAL);
    auto target = root / dest.relative_path();
    if (m.type == mount_spec::kind::tmpfs) {
      mkdirs(target);
      check(::mount("tmpfs", target.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, m.tmpfs_options.c_str()),
            "mount tmpfs on " + m.destination);
      return;
    }
    std::error_code ec;
    if (fs::is_directory(m.source, ec)) mkdirs(target);
    else {
      mkdirs(target.parent_path());
      if (!fs::exists(target, ec)) touch(target);
    }
    check(::mount(m.source.c_str(), target.c_str(), nullptr, MS_BIND | MS_REC, nullptr),
          "bind " + m.source + " on " + m.destination);
    if (m.read_only)
      check(::mount(nullptr, target.c_str(), nullptr, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_REC, nullptr),
            "remount " + m.destination + " read-only");
  }

  [[noreturn]] void exec_command() {
    std::vector<std::string> env = s_.env;
    std::string path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    bool has_path = false, has_hostname = false;
    for (const auto& e : env) {
      if (e.rfind("PATH=", 0) == 0) { path = e.substr(5); has_path = true; }
      if (e.rfind("HOSTNAME=", 0) == 0) has_hostname = true;
    }
    if (!has_path) env.push_back("PATH=" + path);
    if (!has_hostname) {
      char host[65] = {};
      ::gethostname(host, sizeof host - 1);
      env.push_back(std::string("HOSTNAME=") + host);
    }
    std::vector<char*> argv, envp;
    for (const auto& a : s_.command) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    for (const auto& e : env) envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);
    const auto& cmd = s_.command.front();
    if (cmd.find('/') != std::string::npos) {
      ::execve(cmd.c_str(), argv.data(), envp.data());
      fail("exec " + cmd, errno);
    }
    int err = ENOENT;
    for (size_t start = 0; start <= path.size();) {
      auto colon = path.find(':', start);
      auto dir = path.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
      auto full = (dir.empty() ? std::string(".") : dir) + "/" + cmd;
      ::execve(full.c_str(), argv.data(), envp.data());
      if (errno != ENOENT) err = errno;
      if (colon == std::string::npos) break;
      start = colon + 1;
    }
    fail("exec " + cmd + " (not found in PATH " + path + ")", err);
  }

  const container_spec& s_;
  fs::path dir_;
  std::string overlay_;
  bool rootless_;
  int err_fd_;
};

void write_proc_file(const char* path, const std::string& text) {
  int fd = ::open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0 || ::write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size())) {
    int err = errno;
    if (fd >= 0) ::close(fd);
    throw runtime_error(std::string("write ") + path + ": " + std::strerror(err));
  }
  ::close(fd);
}

// Without root, the shim first enters a user namespace of its own where the node's user is root (and nobody
// else exists): that is what lets it make the container's other namespaces and mounts.
void enter_own_user_namespace() {
  const uid_t uid = ::geteuid();
  const gid_t gid = ::getegid();
  if (::unshare(CLONE_NEWUSER) < 0)
    throw runtime_error(std::string("unshare(CLONE_NEWUSER): ") + std::strerror(errno) +
                        " (unprivileged user namespaces are needed to run containers without root)");
  write_proc_file("/proc/self/setgroups", "deny");
  write_proc_file("/proc/self/uid_map", "0 " + std::to_string(uid) + " 1\n");
  write_proc_file("/proc/self/gid_map", "0 " + std::to_string(gid) + " 1\n");
}

}  // namespace

pid_t launch_builtin(const container_spec& spec, const fs::path& dir, const container_cgroups& cg, int out_w,
                     int err_w, const sigset_t& child_mask) {
  const bool rootless = ::geteuid() != 0;
  auto overlay = overlay_mount_options(spec.rootfs, dir);
  if (rootless) overlay += ",userxattr";  // overlay's own metadata in user.* xattrs, the ones we may write
  for (const char* d : {"upper", "work", "merged"}) fs::create_directories(dir / d);
  create_cgroups(cg, spec.limits);
  if (rootless) enter_own_user_namespace();
  // The next child becomes PID 1 of a new pid namespace while the shim stays in the host's.
  if (spec.own_pid_ns && ::unshare(CLONE_NEWPID) < 0)
    throw runtime_error(std::string("unshare(CLONE_NEWPID): ") + std::strerror(errno));
  int sync[2], errp[2];
  if (::pipe2(sync, O_CLOEXEC) < 0 || ::pipe2(errp, O_CLOEXEC) < 0)
    throw runtime_error(std::string("pipe: ") + std::strerror(errno));
  pid_t pid = ::fork();
  if (pid < 0) throw runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    ::close(sync[1]);
    ::close(errp[0]);
    init_child(spec, dir, overlay, rootless, errp[1]).run(sync[0], out_w, err_w, child_mask);
  }
  ::close(sync[0]);
  ::close(errp[1]);
  auto abandon = [&](const std::string& why) {
    ::close(sync[1]);
    ::close(errp[0]);
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    throw runtime_error(why);
  };
  try {
    add_to_cgroups(cg, pid);
  } catch (const std::exception& e) {
    abandon(e.what());
  }
  if (::write(sync[1], "g", 1) != 1) abandon("cannot release the container init");
  ::close(sync[1]);
  std::string error = read_until_eof(errp[0]);
  ::close(errp[0]);
  if (!error.empty()) {
    ::waitpid(pid, nullptr, 0);
    throw runtime_error(error);
  }
  return pid;
}

}  // namespace navarch::runtime
