#include "runtime/container/builtin_runtime.hpp"

#include <signal.h>

#include <cstdlib>

#include "runtime/container/cgroups.hpp"
#include "runtime/container/exec_client.hpp"
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

exec_result builtin_runtime::exec(const std::string& id, const std::vector<std::string>& argv,
                                  std::chrono::milliseconds timeout) {
  auto st = status(id);
  if (auto why = exec_precondition(id, st, argv); !why.empty()) return exec_error(why);
  std::vector<std::string> args{opts_.shim_path, "exec", std::to_string(st->pid), "--"};
  args.insert(args.end(), argv.begin(), argv.end());
  // SIGTERM makes the shim kill the command's process group and report its exit.
  helper_outcome h;
  try {
    h = run_exec_helper(args, timeout, [](pid_t shim) { ::kill(shim, SIGTERM); }, true);
  } catch (const runtime_error& e) {
    return exec_error("exec in " + id + ": " + e.what());
  }
  exec_result r;
  r.output = std::move(h.output);
  r.timed_out = h.timed_out;
  if (auto nl = h.report.find('\n'); nl != std::string::npos) h.report.resize(nl);
  if (h.report.rfind("exit ", 0) == 0) r.exit_code = std::atoi(h.report.c_str() + 5);
  else if (h.report.rfind("err ", 0) == 0) r.error = "exec in " + id + ": " + h.report.substr(4);
  else r.error = "exec in " + id + ": navarch-shim ended (status " + std::to_string(h.status) + ") without a report";
  return r;
}

}  // namespace navarch::runtime
