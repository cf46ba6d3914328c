#include "runtime/oci/runc_runtime.hpp"

#include <boost/json/serialize.hpp>

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <fstream>

#include "runtime/container/exec_client.hpp"
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
  auto kill = [&](const container_status& st) {
    if (st.pid > 0) run_command({runc_.runc_path, "--root", runc_.runc_root, "kill", id, "KILL"});
  };
  if (!kill_until_exited(dir, kill, std::chrono::seconds(10)))
    throw runtime_error("container " + id + " did not exit after SIGKILL");
  cleanup_runc(id, dir, runc_);  // the shim did this already unless it was killed
  delete_state_dir(dir);
}

std::vector<container_status> runc_runtime::list() { return list_containers(opts_.state_root); }

namespace {

// The msg="..." of runc's logrus line (unescaped), or the whole text without its trailing newlines.
std::string runc_error_message(std::string text) {
  auto start = text.find("msg=\"");
  if (start != std::string::npos) {
    std::string msg;
    for (size_t i = start + 5; i < text.size() && text[i] != '"'; ++i) {
      if (text[i] == '\\' && i + 1 < text.size()) ++i;
      msg += text[i];
    }
    return msg;
  }
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

std::filesystem::path exec_pid_file(const std::filesystem::path& state_dir) {
  static std::atomic<unsigned> serial{0};
  return state_dir / ("exec-" + std::to_string(++serial) + ".pid");
}

// runc cannot forward SIGKILL: the command (host pid from the pid file; runc makes it a session and process
// group leader) is killed directly with what it started, and runc follows. The group is killed even when its
// leader is gone already: what it left in the background would otherwise keep runc waiting on the output pipes
// (a pid that still names a process group cannot have been reused).
void kill_runc_exec(pid_t runc_pid, const std::filesystem::path& pid_file) {
  int pid = 0;
  std::ifstream(pid_file) >> pid;
  if (pid <= 0) {
    ::kill(runc_pid, SIGKILL);
    return;
  }
  ::kill(-pid, SIGKILL);
  ::kill(pid, SIGKILL);
}

}  // namespace

std::vector<std::string> runc_runtime::runc_exec_args(const std::string& id, const std::filesystem::path& pid_file,
                                                      const std::vector<std::string>& argv) const {
  std::vector<std::string> args{runc_.runc_path, "--root", runc_.runc_root, "exec", "--cwd", "/",
                                "--pid-file", pid_file.string(), id};
  args.insert(args.end(), argv.begin(), argv.end());
  return args;
}

exec_result runc_runtime::exec(const std::string& id, const std::vector<std::string>& argv,
                               std::chrono::milliseconds timeout) {
  auto st = status(id);
  if (auto why = exec_precondition(id, st, argv); !why.empty()) return exec_error(why);
  auto pid_file = exec_pid_file(opts_.state_root / id);
  auto args = runc_exec_args(id, pid_file, argv);
  auto on_timeout = [&](pid_t runc_pid) { kill_runc_exec(runc_pid, pid_file); };
  helper_outcome h;
  try {
    h = run_exec_helper(args, timeout, on_timeout, false);
  } catch (const runtime_error& e) {
    return exec_error("exec in " + id + ": " + e.what());
  }
  std::error_code ec;
  fs::remove(pid_file, ec);
  exec_result r;
  r.timed_out = h.timed_out;
  // runc's own failures (no such executable, ...) end it with 255 and an "exec failed:" message.
  if (h.status == 255 && h.output.find("exec failed:") != std::string::npos) {
    r.error = "exec in " + id + ": " + runc_error_message(h.output);
    return r;
  }
  r.exit_code = h.status;
  r.output = std::move(h.output);
  return r;
}

exec_process runc_runtime::exec_stream(const std::string& id, const std::vector<std::string>& argv, bool with_stdin) {
  auto st = status(id);
  if (auto why = exec_precondition(id, st, argv); !why.empty()) throw runtime_error(why);
  auto pid_file = exec_pid_file(opts_.state_root / id);
  // runc's exit status is the command's; its own failures (255, "exec failed: ...") have gone to stderr already.
  return start_exec_helper(
      runc_exec_args(id, pid_file, argv), with_stdin, false,
      [pid_file](pid_t runc_pid) {
        kill_runc_exec(runc_pid, pid_file);
        ::kill(runc_pid, SIGKILL);  // the session ends now, whatever runc still copies
      },
      [pid_file](int status, std::string) {
        std::error_code ec;
        fs::remove(pid_file, ec);
        exec_result r;
        r.exit_code = status;
        return r;
      });
}

}  // namespace navarch::runtime
