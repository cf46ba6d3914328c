// navarch-shim, one process per container (cli/shim/main.cpp calls shim_main):
//   navarch-shim builtin STATE_DIR CGROUP_PARENT
//   navarch-shim runc    STATE_DIR CGROUP_PARENT RUNC_PATH RUNC_ROOT
//   navarch-shim exec    PID -- ARGV...   (one command in a running container: runtime/shim/exec_mode.hpp)
// It reads STATE_DIR/spec.json, detaches from its caller (fork, setsid), starts the container, reports
// "ok <pid>\n" or "err <message>\n" on fd 3, copies the container's stdout and stderr into the CRI log file, waits
// for the container's exit, records it in STATE_DIR/status.json and removes the container's cgroups and mounts.
#pragma once

namespace navarch::runtime {

int shim_main(int argc, char** argv);

}  // namespace navarch::runtime
