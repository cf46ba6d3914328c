#include "runtime/oci/runc_runtime.hpp"

#include <boost/json/serialize.hpp>

#include "runtime/container/process.hpp"
#include "runtime/container/shim_client.hpp"
#include "runtime/container/state_files.hpp"
#include "runtime/oci/oci_config.hpp"

namespace navarch::runtime {
namespace fs = std::filesystem;

runc_runtime::runc_runtime(runtime_options opts, runc_options runc) : opts_(std::move(opts)), runc_(std::move(runc)) {
  if (opts_.shim_path.empty()) throw runtime_error("runc runtime: no navarch-shim path");
}

container_status runc_runtime::start(const container_spec& spec) {
  auto dir = prepare_state_dir(opts_.state_root, spec);
  try {
    fs::create_directories(bundle_dir(dir));
    auto config = oci_config(spec, bundle_rootfs(dir).string(), opts_.cgroup_parent + "/" + spec.id);
    write_file_atomic(bundle_dir(dir) / "config.json", boost::json::serialize(config));
    return launch_shim(
        {opts_.shim_path, "runc", dir.string(), opts_.cgroup_parent, runc_.runc_path, runc_.runc_root}, dir);
  } catch (const runtime_error&) {
    remove(spec.id);
    throw;
  }
}

std::optional<container_status> runc_runtime::status(const std::string& id) {
  return read_container_status(opts_.state_root / id);
}

bool runc_runtime::signal(const std::string& id, int sig) {
  auto st = status(id);
  if (!st || st->state != container_state::running) return false;
  return run_command({runc_.runc_path, "--root", runc_.runc_root, "kill", id, std::to_string(sig)}).status == 0;
}

void runc_runtime::remove(const std::string& id) {
  auto dir = opts_.state_root / id;
  if (!fs::exists(dir)) return;
  auto st = status(id);
  if (st && st->state != container_state::exited) {
    run_command({runc_.runc_path, "--root", runc_.runc_root, "kill", id, "KILL"});
    if (!wait_until_exited(dir, std::chrono::seconds(10)))
      throw runtime_error("container " + id + " did not exit after SIGKILL");
  }
  cleanup_runc(id, dir, runc_);  // the shim did this already unless it was killed
  delete_state_dir(dir);
}

std::vector<container_status> runc_runtime::list() { return list_containers(opts_.state_root); }

}  // namespace navarch::runtime
