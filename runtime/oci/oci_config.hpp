// The OCI runtime config (config.json) for runc from a container_spec: the same namespaces, mounts and limits as
// the built-in runtime, Docker's default capability set, and a relative cgroupsPath (runc then nests the
// container's cgroups under its caller's own, like the built-in runtime does).
#pragma once

#include <string>

#include <boost/json/value.hpp>

#include "runtime/container/runtime.hpp"

namespace navarch::runtime {

boost::json::value oci_config(const container_spec& spec, const std::string& rootfs_path,
                              const std::string& cgroups_path);

}  // namespace navarch::runtime
