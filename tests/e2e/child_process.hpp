// A child process for the end-to-end tests: stdout and stderr go to files (so a chatty child never blocks on a
// full pipe, and its output can be read at any time), stdin is /dev/null, and it runs in its own process group
// so that it and anything it starts (the kubectl dispatcher starts the real kubectl) can be killed together.
// The child also dies with the test process (PR_SET_PDEATHSIG), so a crashed test leaks nothing.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace navarch::e2e {

class child_process {
public:
  // Starts argv[0] (a path, or a name looked up in PATH) with `env`, writing to <log_stem>.out / .err.
  // Throws std::system_error when the process cannot be started.
  child_process(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                const std::filesystem::path& log_stem);
  // Kills the whole process group (SIGKILL) if still running, and reaps the child.
  ~child_process();
  child_process(const child_process&) = delete;
  child_process& operator=(const child_process&) = delete;

  pid_t pid() const { return pid_; }
  std::string out() const;
  std::string err() const;

  // Sends `sig` to the child only (not its group).
  void signal(int sig) const;
  // Waits up to `timeout` for the child to end; returns its exit code (128 + signal number when killed by a
  // signal), or nothing if it is still running.
  std::optional<int> wait_for(std::chrono::milliseconds timeout);
  // Waits up to `timeout` until stdout (or stderr) contains `needle`; false on timeout or if the child ended
  // without writing it.
  bool await_out(std::string_view needle, std::chrono::milliseconds timeout);
  bool await_err(std::string_view needle, std::chrono::milliseconds timeout);
  // SIGKILL to the process group, then reap. Returns the exit code as wait_for does.
  int kill_group();

private:
  bool await(const std::filesystem::path& file, std::string_view needle, std::chrono::milliseconds timeout);

  pid_t pid_ = -1;
  std::optional<int> exit_code_;
  std::filesystem::path out_path_, err_path_;
};

// Reads a whole file; empty if it does not exist.
std::string read_file(const std::filesystem::path& file);

// The current environment with HOME replaced and KUBECONFIG removed, so no test reads the user's kube config.
std::vector<std::string> isolated_environment(const std::filesystem::path& home);

}  // namespace navarch::e2e
