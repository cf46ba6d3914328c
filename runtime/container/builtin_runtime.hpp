// The built-in runtime: one detached navarch-shim per container does namespaces, cgroups and the overlay root
// itself (runtime/shim/builtin_launch.hpp).
#pragma once

#include <filesystem>
#include <string>

#include "runtime/container/runtime.hpp"

namespace navarch::runtime {

struct runtime_options {
  std::filesystem::path state_root = "/run/navarch/containers";  // one directory per container
  std::string shim_path;                                          // the navarch-shim binary
  std::string cgroup_parent = "navarch";  // relative: container cgroups are <own cgroup>/<parent>/<id>
};

// navarch-shim beside the running executable (both are installed into one directory); empty if unknown.
std::string shim_next_to_executable();

class builtin_runtime final : public container_runtime {
 public:
  explicit builtin_runtime(runtime_options opts);
  container_status start(const container_spec& spec) override;
  std::optional<container_status> status(const std::string& id) override;
  bool signal(const std::string& id, int sig) override;
  void remove(const std::string& id) override;
  std::vector<container_status> list() override;
  exec_result exec(const std::string& id, const std::vector<std::string>& argv,
                   std::chrono::milliseconds timeout) override;  // navarch-shim exec
  exec_process exec_stream(const std::string& id, const std::vector<std::string>& argv, bool with_stdin) override;

 private:
  runtime_options opts_;
};

}  // namespace navarch::runtime
