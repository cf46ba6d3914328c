#include "runtime/shim/runc_launch.hpp"

#include <sys/mount.h>
#include <sys/prctl.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "runtime/container/overlay_options.hpp"
#include "runtime/container/process.hpp"

namespace navarch::runtime {
namespace fs = std::filesystem;

namespace {

std::string last_line(const fs::path& p) {
  std::ifstream in(p);
  std::string line, last;
  while (std::getline(in, line))
    if (!line.empty()) last = line;
  return last;
}

}  // namespace

pid_t launch_runc(const container_spec& spec, const fs::path& dir, const runc_options& runc, int out_w, int err_w) {
  auto opts = overlay_mount_options(spec.rootfs, dir);
  for (const char* d : {"upper", "work"}) fs::create_directories(dir / d);
  auto rootfs = bundle_rootfs(dir);
  fs::create_directories(rootfs);
  if (::mount("overlay", rootfs.c_str(), "overlay", 0, opts.c_str()) < 0)
    throw runtime_error("mount overlay (" + opts + "): " + std::strerror(errno));
  // runc run -d leaves the container init orphaned; as subreaper the shim becomes its parent and can wait for it.
  if (::prctl(PR_SET_CHILD_SUBREAPER, 1) < 0) throw runtime_error(std::string("subreaper: ") + std::strerror(errno));
  fs::create_directories(runc.runc_root);
  auto pid_file = dir / "container.pid";
  auto log = dir / "runc.log";
  pid_t runc_pid = spawn_process({runc.runc_path, "--root", runc.runc_root, "--log", log.string(), "run", "-d",
                                  "--pid-file", pid_file.string(), "--bundle", bundle_dir(dir).string(), spec.id},
                                 {.in = -1, .out = out_w, .err = err_w});
  int rc = wait_process(runc_pid);
  if (rc != 0) {
    auto why = last_line(log);
    throw runtime_error("runc run failed (status " + std::to_string(rc) + ")" + (why.empty() ? "" : ": " + why));
  }
  std::ifstream in(pid_file);
  pid_t pid = 0;
  if (!(in >> pid) || pid <= 0) throw runtime_error("runc wrote no container pid to " + pid_file.string());
  return pid;
}

void cleanup_runc(const std::string& id, const fs::path& dir, const runc_options& runc) {
  run_command({runc.runc_path, "--root", runc.runc_root, "delete", "--force", id});
  ::umount2(bundle_rootfs(dir).c_str(), MNT_DETACH);
}

}  // namespace navarch::runtime
