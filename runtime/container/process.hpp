// Starting helper processes (navarch-shim, runc) with posix_spawn: safe from the multi-threaded node process,
// and the child starts with an empty signal mask and default signal dispositions.
#pragma once

#include <string>
#include <sys/types.h>
#include <vector>

namespace navarch::runtime {

struct spawn_io {
  int in = -1, out = -1, err = -1;  // -1: /dev/null
  int fd3 = -1;                     // passed as fd 3 when set
};

pid_t spawn_process(const std::vector<std::string>& argv, const spawn_io& io);  // throws runtime_error
int wait_process(pid_t pid);  // exit code, or 128 + signal
// Reads a pipe until its writers are gone (a child's error report): what it said, empty for success.
std::string read_until_eof(int fd);

struct command_result {
  int status = 0;      // as wait_process
  std::string output;  // stdout and stderr together
};
command_result run_command(const std::vector<std::string>& argv);  // throws runtime_error if it cannot start

}  // namespace navarch::runtime
