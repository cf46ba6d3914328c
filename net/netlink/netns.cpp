#include "net/netlink/netns.hpp"

#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <thread>

#include "net/netlink/unique_fd.hpp"

namespace navarch::netlink {
namespace {

constexpr const char* run_dir = "/run/netns";
constexpr long nsfs_magic = 0x6e736673;  // NSFS_MAGIC: the file system of namespace files
constexpr const char* ip_forward_file = "/proc/sys/net/ipv4/ip_forward";

[[noreturn]] void fail(const std::string& doing) {
  throw netns_error(doing + ": " + std::strerror(errno));
}

void check_name(const std::string& name) {
  if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos)
    throw std::invalid_argument("network namespace name \"" + name + "\" is empty, \".\", \"..\" or holds '/'");
}

// Like `ip netns`: /run/netns is a shared mount point, so unmounting a namespace there also unmounts the copies
// that mount namespaces created later (containers) got.
void prepare_run_dir() {
  if (::mkdir(run_dir, 0755) != 0 && errno != EEXIST) fail(std::string("creating ") + run_dir);
  if (::mount("", run_dir, "none", MS_SHARED | MS_REC, nullptr) == 0) return;
  if (errno != EINVAL) fail(std::string("making ") + run_dir + " a shared mount");
  // Not a mount point yet: bind it onto itself first.
  if (::mount(run_dir, run_dir, "none", MS_BIND | MS_REC, nullptr) != 0) fail(std::string("bind-mounting ") + run_dir);
  if (::mount("", run_dir, "none", MS_SHARED | MS_REC, nullptr) != 0)
    fail(std::string("making ") + run_dir + " a shared mount");
}

unique_fd open_ip_forward(int mode) {
  unique_fd fd(::open(ip_forward_file, mode | O_CLOEXEC));
  if (!fd) fail(std::string("opening ") + ip_forward_file);
  return fd;
}

}  // namespace

std::string netns_path(const std::string& netns) {
  if (netns.empty() || netns.find('/') != std::string::npos) return netns;
  return std::string(run_dir) + "/" + netns;
}

void run_in_netns(const std::string& netns, const std::function<void()>& fn) {
  std::exception_ptr error;
  std::thread worker([&] {
    try {
      if (!netns.empty()) {
        const auto path = netns_path(netns);
        const unique_fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
        if (!fd || ::setns(fd.get(), CLONE_NEWNET) != 0) fail("entering network namespace " + path);
      }
      fn();
    } catch (...) {
      error = std::current_exception();
    }
  });
  worker.join();
  if (error) std::rethrow_exception(error);
}

bool netns_exists(const std::string& netns) {
  struct statfs fs {};
  return !netns.empty() && ::statfs(netns_path(netns).c_str(), &fs) == 0 && fs.f_type == nsfs_magic;
}

void create_netns(const std::string& name) {
  check_name(name);
  const auto path = netns_path(name);
  if (netns_exists(path)) return;
  prepare_run_dir();
  // The mount point; a file left by an interrupted create is reused.
  if (!unique_fd(::open(path.c_str(), O_RDONLY | O_CREAT | O_CLOEXEC, 0444))) fail("creating " + path);
  try {
    // unshare() moves only the new thread into the new namespace, which ends with it; /proc/thread-self (not
    // /proc/self, the main thread) names that thread's namespace.
    run_in_netns("", [&] {
      const auto doing = "creating network namespace " + name;
      if (::unshare(CLONE_NEWNET) != 0) fail(doing + ": unshare");
      if (::mount("/proc/thread-self/ns/net", path.c_str(), "none", MS_BIND, nullptr) != 0)
        fail(doing + ": bind-mounting it on " + path);
    });
  } catch (...) {
    ::unlink(path.c_str());
    throw;
  }
}

void delete_netns(const std::string& name) {
  check_name(name);
  const auto path = netns_path(name);
  // EINVAL: not a mount point (an interrupted create); ENOENT: already gone.
  if (::umount2(path.c_str(), MNT_DETACH) != 0 && errno != EINVAL && errno != ENOENT)
    fail("deleting network namespace " + name + ": unmounting " + path);
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) fail("deleting network namespace " + name + ": removing " + path);
}

void set_ip_forwarding(const std::string& netns, bool enabled) {
  // /proc/sys/net shows the namespace of the thread that opens it.
  run_in_netns(netns, [&] {
    if (::write(open_ip_forward(O_WRONLY).get(), enabled ? "1\n" : "0\n", 2) != 2)
      fail(std::string("writing ") + ip_forward_file);
  });
}

bool ip_forwarding(const std::string& netns) {
  char c = 0;
  run_in_netns(netns, [&] {
    if (::read(open_ip_forward(O_RDONLY).get(), &c, 1) != 1) fail(std::string("reading ") + ip_forward_file);
  });
  return c == '1';
}

}  // namespace navarch::netlink
