// navarch-shim's exec mode, started by builtin_runtime::exec for one command (never detached):
//   navarch-shim exec PID -- ARGV...
// Joins the cgroups and the ipc, uts, net, pid and mount namespaces of the container init PID (a fresh
// single-threaded process can setns(CLONE_NEWNS), which the multi-threaded node process cannot), forks into the
// pid namespace and execs ARGV there with the init's environment, cwd /, stdout and stderr inherited. On SIGTERM it
// SIGKILLs the command's process group. Reports on fd 3: "exit <code>\n" (128 + signal when killed) or
// "err <message>\n" when the command never ran.
#pragma once

namespace navarch::runtime {

int shim_exec_main(int argc, char** argv);

}  // namespace navarch::runtime
