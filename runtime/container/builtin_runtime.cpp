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
    try {
      remove(spec.id);
    } catch (const runtime_error&) {
      // The start's own error says more than a failed cleanup of what it left.
    }
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
  auto kill = [](const container_status& st) {
    if (st.pid > 0) ::kill(st.pid, SIGKILL);
  };
  if (!kill_until_exited(dir, kill, std::chrono::seconds(10)))
    throw runtime_error("container " + id + " did not exit after SIGKILL");
  // The shim removes the cgroups itself; this covers a shim that was killed.
  remove_cgroups(cgroups_for(opts_.cgroup_parent + "/" + id));
  delete_state_dir(dir);
}

std::vector<container_status> builtin_runtime::list() { return list_containers(opts_.state_root); }

namespace {

// navarch-shim exec reports on fd 3: "exit N" once the command ended, or "err WHY" when it could not run.
exec_result from_shim_report(const std::string& id, int status, std::string report) {
  exec_result r;
  if (auto nl = report.find('\n'); nl != std::string::npos) report.resize(nl);
  if (report.rfind("exit ", 0) == 0) r.exit_code = std::atoi(report.c_str() + 5);
  else if (report.rfind("err ", 0) == 0) r.error = "exec in " + id + ": " + report.substr(4);
  else r.error = "exec in " + id + ": navarch-shim ended (status " + std::to_string(status) + ") without a report";
  return r;
}

}  // namespace

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
  exec_result r = from_shim_report(id, h.status, std::move(h.report));
  r.output = std::move(h.output);
  r.timed_out = h.timed_out;
  return r;
}

exec_process builtin_runtime::exec_stream(const std::string& id, const std::vector<std::string>& argv,
                                          bool with_stdin) {
  auto st = status(id);
  if (auto why = exec_precondition(id, st, argv); !why.empty()) throw runtime_error(why);
  std::vector<std::string> args{opts_.shim_path, "exec", std::to_string(st->pid), "--"};
  args.insert(args.end(), argv.begin(), argv.end());
  return start_exec_helper(
      args, with_stdin, true, [](pid_t shim) { ::kill(shim, SIGTERM); },
      [id](int status, std::string report) { return from_shim_report(id, status, std::move(report)); });
}

}  // namespace navarch::runtime
