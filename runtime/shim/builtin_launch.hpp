// navarch-shim's built-in runtime: the container init is a child of the shim in new pid, mount, uts and ipc
// namespaces (and a joined netns), on an overlay root filesystem, inside the container's cgroups.
#pragma once

#include <filesystem>
#include <signal.h>
#include <sys/types.h>

#include "runtime/container/cgroups.hpp"
#include "runtime/container/runtime.hpp"

namespace navarch::runtime {

// Returns the host pid of the container init once its command is exec'd; throws runtime_error with the reason
// otherwise. out_w/err_w become the container's stdout/stderr; `child_mask` is the signal mask it execs with.
// The shim may call this once (it enters a new pid namespace for its next child).
pid_t launch_builtin(const container_spec& spec, const std::filesystem::path& state_dir,
                     const container_cgroups& cgroups, int out_w, int err_w, const sigset_t& child_mask);

}  // namespace navarch::runtime
