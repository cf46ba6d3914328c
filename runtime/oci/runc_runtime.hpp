// The OCI runtime: runc runs a generated bundle (runtime/oci/oci_config.hpp); a detached navarch-shim per
// container owns the overlay root, the log and the exit record, as in the built-in runtime.
#pragma once

#include "runtime/container/builtin_runtime.hpp"
#include "runtime/shim/runc_launch.hpp"

namespace navarch::runtime {

class runc_runtime final : public container_runtime {
 public:
  runc_runtime(runtime_options opts, runc_options runc);
  container_status start(const container_spec& spec) override;
  std::optional<container_status> status(const std::string& id) override;
  bool signal(const std::string& id, int sig) override;  // runc kill
  void remove(const std::string& id) override;           // runc kill KILL, runc delete --force
  std::vector<container_status> list() override;
  exec_result exec(const std::string& id, const std::vector<std::string>& argv,
                   std::chrono::milliseconds timeout) override;  // runc exec
  exec_process exec_stream(const std::string& id, const std::vector<std::string>& argv, bool with_stdin) override;

 private:
  // `runc exec` of argv in container id, recording the command's host pid in pid_file.
  std::vector<std::string> runc_exec_args(const std::string& id, const std::filesystem::path& pid_file,
                                          const std::vector<std::string>& argv) const;

  runtime_options opts_;
  runc_options runc_;
};

}  // namespace navarch::runtime
