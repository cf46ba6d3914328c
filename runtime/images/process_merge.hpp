#pragma once
// How Kubernetes combines a container spec with its image config (kubelet + CRI runtime behaviour):
//   command and args empty  -> Entrypoint + Cmd
//   command only            -> command            (the image's Cmd is dropped too)
//   args only               -> Entrypoint + args
//   command and args        -> command + args
// $(VAR) in command and args expands from the container's env ($$ escapes, unknown names stay verbatim);
// the container's env overrides image Env entries of the same name; workingDir overrides WorkingDir;
// securityContext runAsUser/runAsGroup override the image's User.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "runtime/images/oci_types.hpp"

namespace navarch::images {

struct env_var {
  std::string name, value;
  bool operator==(const env_var&) const = default;
};

// What the pod's container says (env already resolved from valueFrom by the kubelet).
struct container_overrides {
  std::vector<std::string> command, args;
  std::vector<env_var> env;
  std::string working_dir;
  std::optional<std::int64_t> run_as_user, run_as_group;
};

struct process_spec {
  std::vector<std::string> argv;
  std::vector<env_var> env;  // image Env first (in order, overridden in place), then the container's new names
  std::string working_dir;   // never empty: "/" by default
  std::string user;          // as in the image config ("", "1000", "1000:1000", "nobody"); "" means root
};

// Throws image_error(bad_layout) when neither the container nor the image gives a command.
process_spec merge_process(const image_config& image, const container_overrides& container);

// Kubernetes' $(VAR) expansion against `env` (later names win).
std::string expand_env_refs(const std::string& in, const std::vector<env_var>& env);

}  // namespace navarch::images
