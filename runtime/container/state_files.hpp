// The files of a container's state directory, shared by the runtime library and navarch-shim:
//   spec.json    the container_spec (written by the library before the shim starts)
//   status.json  the container_status (written by the shim, atomically: tmp file + rename)
//   upper/ work/ merged/   the overlay layers;  bundle/   the runc bundle (OCI runtime)
#pragma once

#include <filesystem>
#include <string>

#include <boost/json/value.hpp>

#include "runtime/container/runtime.hpp"

namespace navarch::runtime {

boost::json::value spec_to_json(const container_spec& spec);
container_spec spec_from_json(const boost::json::value& v);  // throws runtime_error on a malformed document
boost::json::value status_to_json(const container_status& st, int shim_pid);
container_status status_from_json(const boost::json::value& v, int* shim_pid = nullptr);

// Ids become directory and cgroup names: [A-Za-z0-9_.-], 1..128 characters, not "." or "..".
bool valid_container_id(const std::string& id);

void write_file_atomic(const std::filesystem::path& path, const std::string& content);  // throws runtime_error
boost::json::value read_json_file(const std::filesystem::path& path);                  // throws runtime_error

inline std::filesystem::path spec_file(const std::filesystem::path& dir) { return dir / "spec.json"; }
inline std::filesystem::path status_file(const std::filesystem::path& dir) { return dir / "status.json"; }

}  // namespace navarch::runtime
