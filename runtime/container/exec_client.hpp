// The library side of exec, shared by both runtimes: runs a helper process (navarch-shim exec, runc exec) whose
// stdout and stderr are the command's, collects that output and enforces the timeout.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

#include "runtime/container/runtime.hpp"

namespace navarch::runtime {

// Why exec cannot run argv in the container with status `st` (unknown, not running, empty argv); empty if it can.
std::string exec_precondition(const std::string& id, const std::optional<container_status>& st,
                              const std::vector<std::string>& argv);
exec_result exec_error(std::string why);

struct helper_outcome {
  int status = -1;         // as wait_process: exit code, or 128 + signal
  std::string output;      // capped at exec_output_cap
  std::string report;      // what the helper wrote on fd 3 (when with_report)
  bool timed_out = false;  // on_timeout was called
};

// Spawns argv, then waits until it exits. When `timeout` passes, on_timeout(helper pid) is called once and should
// make the helper end (kill the exec'd command); should the helper still run 5 s later, it is SIGKILLed. With
// `with_report` the helper gets a pipe on fd 3. Throws runtime_error if the helper cannot start.
helper_outcome run_exec_helper(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                               const std::function<void(pid_t)>& on_timeout, bool with_report);

// Spawns argv with its stdio on fresh pipes (stdin on a pipe when `with_stdin`, else /dev/null) and returns at
// once (see exec_process). `kill(helper pid)` ends it early; `interpret(exit status, fd-3 report)` makes the
// result (the report pipe exists when `with_report`). Throws runtime_error if the helper cannot start.
exec_process start_exec_helper(const std::vector<std::string>& argv, bool with_stdin, bool with_report,
                               std::function<void(pid_t)> kill,
                               std::function<exec_result(int status, std::string report)> interpret);

}  // namespace navarch::runtime
