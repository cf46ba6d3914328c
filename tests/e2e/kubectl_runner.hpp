// Runs one kubectl binary against one kubeconfig, with a private discovery cache, and captures what it prints.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "tests/e2e/child_process.hpp"

namespace navarch::e2e {

// Which kubectl: `name` is used in test names, `minor` is the version it is expected to run as.
struct kubectl_client {
  std::string name;
  std::string path;
  int minor = 0;
};

struct run_result {
  std::string command;  // for failure messages
  int exit_code = -1;   // 128 + signal when killed
  bool timed_out = false;
  std::string out, err;
};

// Prints the command, its exit code and both outputs: the context a failed assertion needs.
std::ostream& operator<<(std::ostream& os, const run_result& r);

class kubectl_runner {
public:
  // command_prefix goes before kubectl's path on every command line, e.g. {"nsenter", "--net=...", "--"} to
  // reach a server that listens inside a network namespace.
  kubectl_runner(kubectl_client client, std::filesystem::path kubeconfig, std::filesystem::path work_dir,
                 std::vector<std::string> env, std::vector<std::string> command_prefix = {});

  // Runs kubectl with `args` to completion; after `timeout` it is killed and timed_out is set.
  run_result run(const std::vector<std::string>& args,
                 std::chrono::milliseconds timeout = std::chrono::seconds(45)) const;
  // Starts kubectl with `args` in the background (watches, waits).
  std::unique_ptr<child_process> start(const std::vector<std::string>& args) const;

  const kubectl_client& client() const { return client_; }

private:
  std::vector<std::string> command_line(const std::vector<std::string>& args) const;
  std::filesystem::path next_log_stem() const;

  kubectl_client client_;
  std::filesystem::path kubeconfig_, work_dir_;
  std::vector<std::string> env_, command_prefix_;
};

}  // namespace navarch::e2e
