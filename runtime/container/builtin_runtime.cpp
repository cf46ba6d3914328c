#include "runtime/container/builtin_runtime.hpp"

#include <signal.h>

#include "runtime/container/cgroups.hpp"
#include "runtime/container/shim_client.hpp"

namespace navarch::runtime {
namespace fs = std::filesystem;

std::string shim_next_to_executable() {
  std::error_code ec;
  auto exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  auto shim = exe.parent_path() / "navarch-shim";
  return fs::exists(shim, ec) ? shim.string() : std::string();
}

builtin_runtime::builtin_runtime(runtime_options opts) : opts_(std::move(opts)) {
  if (opts_.shim_path.empty()) throw runtime_error("builtin runtime: no navarch-shim path");
}

container_status builtin_runtime::start(const container_spec& spec) {
  auto dir = prepare_state_dir(opts_.state_root, spec);
  try {
    return launch_shim({opts_.shim_path, "builtin", dir.string(), opts_.cgroup_parent}, dir);
  } catch (const runtime_error&) {
    remove(spec.id);
    throw;
  }
}

std::optional<container_status> builtin_runtime::status(const std::string& id) {
  return read_container_status(opts_.state_root / id);
}

bool builtin_runtime::signal(const std::string& id, int sig) {
  auto st = status(id);
  if (!st || st->state != container_state::running || st->pid <= 0) return false;
  return ::kill(st->pid, sig) == 0;
}

void builtin_runtime::remove(const std::string& id) {
  auto dir = opts_.state_root / id;
  if (!fs::exists(dir)) return;
  auto st = status(id);
  if (st && st->state != container_state::exited) {
    if (st->pid > 0) ::kill(st->pid, SIGKILL);
    if (!wait_until_exited(dir, std::chrono::seconds(10)))
      throw runtime_error("container " + id + " did not exit after SIGKILL");
  }
  // The shim removes the cgroups itself; this covers a shim that was killed.
  remove_cgroups(cgroups_for(opts_.cgroup_parent + "/" + id));
  delete_state_dir(dir);
}

std::vector<container_status> builtin_runtime::list() { return list_containers(opts_.state_root); }

}  // namespace navarch::runtime
