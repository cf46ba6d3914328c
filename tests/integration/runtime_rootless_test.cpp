// The built-in runtime without root: a container runs in a user namespace of its own (the node's user is its
// root), with its own pid, mount, uts and ipc namespaces, on the node's network and without cgroups. The test
// needs root only to become an unprivileged user (uid 65534) in a child process, which does all the work.
#include <fcntl.h>
#include <grp.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "runtime/busybox/busybox_rootfs.hpp"
#include "runtime/container/builtin_runtime.hpp"
#include "runtime/container/process.hpp"
#include "runtime/logs/cri_log.hpp"

namespace {
namespace fs = std::filesystem;
using namespace navarch::runtime;
using namespace std::chrono_literals;

constexpr uid_t nobody = 65534;

std::string read_text(const fs::path& p) {
  std::ifstream in(p);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool user_namespaces_allowed() {
  auto max = read_text("/proc/sys/user/max_user_namespaces");
  return !max.empty() && std::stol(max) > 0;
}

// What the unprivileged child checks; returns "" on success, else what went wrong.
std::string run_as_nobody(const fs::path& root, const fs::path& shim) {
  if (::setgroups(0, nullptr) != 0 || ::setresgid(nobody, nobody, nobody) != 0 ||
      ::setresuid(nobody, nobody, nobody) != 0)
    return "cannot become uid 65534";
  try {
    build_busybox_rootfs(root / "busybox");
    builtin_runtime rt({.state_root = root / "state", .shim_path = shim.string(), .cgroup_parent = "navarch"});
    container_spec spec;
    spec.id = "rootless-" + std::to_string(::getpid());
    spec.rootfs = (root / "busybox").string();
    spec.hostname = "rootless-box";
    spec.command = {"sh", "-c",
                    "echo pid=$$ uid=$(id -u) host=$(hostname); echo scratch > /tmp/x; echo ok > /dev/null && "
                    "echo devnull=ok; exec sleep 30"};
    spec.log_path = (root / "logs" / "c.log").string();
    spec.limits.memory_bytes = 64 << 20;  // asked for, but not enforced without root
    auto st = rt.start(spec);
    if (st.state != container_state::running) return "not running: " + st.error;
    std::string log;
    for (int i = 0; i < 100 && log.find("pid=1") == std::string::npos; ++i) {
      std::this_thread::sleep_for(20ms);
      log = read_text(spec.log_path);
    }
    if (log.find("pid=1 uid=0 host=rootless-box") == std::string::npos)
      return "the container is not pid 1, root and named rootless-box inside: " + log;
    for (int i = 0; i < 50 && log.find("devnull=ok") == std::string::npos; ++i) {
      std::this_thread::sleep_for(20ms);
      log = read_text(spec.log_path);
    }
    if (log.find("devnull=ok") == std::string::npos) return "/dev/null is not usable inside: " + log;
    auto ex = rt.exec(spec.id, {"cat", "/tmp/x"}, 5s);
    if (!ex.error.empty() || ex.exit_code != 0 || ex.output != "scratch\n")
      return "exec: " + ex.error + " exit " + std::to_string(ex.exit_code) + " output '" + ex.output + "'";
    const pid_t pid = rt.status(spec.id)->pid;
    rt.remove(spec.id);
    if (::kill(pid, 0) == 0) return "the container's process outlived remove()";
    if (!rt.list().empty()) return "remove() left the container's state";
    // The container's mounts lived in its own mount namespace: none is left where the node can see it.
    if (read_text("/proc/self/mountinfo").find(root.string()) != std::string::npos)
      return "a mount under " + root.string() + " is left";
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

TEST(RuntimeRootless, AContainerRunsAsAnUnprivilegedUser) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to switch to an unprivileged user for the test";
  if (!user_namespaces_allowed()) GTEST_SKIP() << "unprivileged user namespaces are disabled on this kernel";
  // Everything the unprivileged user touches lives in a directory it owns, the shim included (the build tree
  // may not be readable to it).
  char tmpl[] = "/tmp/navarch-rootless-XXXXXX";
  ASSERT_NE(::mkdtemp(tmpl), nullptr);
  const fs::path root = tmpl;
  fs::copy_file(NAVARCH_SHIM_PATH, root / "navarch-shim");
  ASSERT_EQ(::chmod(root.c_str(), 0755), 0);
  ASSERT_EQ(::chown(root.c_str(), nobody, nobody), 0);

  int report[2];
  ASSERT_EQ(::pipe(report), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::close(report[0]);
    auto err = run_as_nobody(root, root / "navarch-shim");
    [[maybe_unused]] auto n = ::write(report[1], err.data(), err.size());
    ::_exit(err.empty() ? 0 : 1);
  }
  ::close(report[1]);
  std::string err = read_until_eof(report[0]);
  ::close(report[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << err;
  EXPECT_EQ(err, "");
  fs::remove_all(root);
}

}  // namespace
