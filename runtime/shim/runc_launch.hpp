// navarch-shim's OCI runtime: runc runs the bundle the library generated (state_dir/bundle/config.json); the shim
// provides the overlay root filesystem and, as child subreaper, adopts the container init when `runc run -d` exits.
#pragma once

#include <filesystem>
#include <string>
#include <sys/types.h>

#include "runtime/container/runtime.hpp"

namespace navarch::runtime {

struct runc_options {
  std::string runc_path = "/usr/sbin/runc";
  std::string runc_root = "/run/navarch/runc";  // runc's own state (--root)
};

inline std::filesystem::path bundle_dir(const std::filesystem::path& state_dir) { return state_dir / "bundle"; }
inline std::filesystem::path bundle_rootfs(const std::filesystem::path& state_dir) {
  return state_dir / "bundle" / "rootfs";
}

// Returns the host pid of the container init (a child of the caller afterwards); throws runtime_error.
pid_t launch_runc(const container_spec& spec, const std::filesystem::path& state_dir, const runc_options& runc,
                  int out_w, int err_w);
// `runc delete --force` (which removes the container's cgroups) and unmount of the overlay root; idempotent.
void cleanup_runc(const std::string& id, const std::filesystem::path& state_dir, const runc_options& runc);

}  // namespace navarch::runtime
