// The container runtime interface the kubelet is built on: plain structs and blocking calls, no CAF. Calls may take
// tens of milliseconds (process spawns), so the kubelet makes them from one dedicated thread.
//
// Both implementations (built-in navarch-shim, runc) keep one state directory per container under the runtime's
// state root; a per-container navarch-shim process supervises the container, copies its output into the log file
// and records the exit in that directory. The shim is detached from the caller, so containers outlive the node
// process and a new runtime object over the same state root re-adopts them through list().
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace navarch::runtime {

struct mount_spec {
  enum class kind { bind, tmpfs };
  kind type = kind::bind;
  std::string source;       // host path (bind); ignored for tmpfs
  std::string destination;  // absolute path inside the container
  bool read_only = false;
  std::string tmpfs_options;  // e.g. "size=64m,mode=1777" (tmpfs only)
};

struct resource_limits {
  int64_t memory_bytes = 0;      // 0: no limit
  int64_t cpu_quota_us = 0;      // 0: no quota (cfs_quota_us per cpu_period_us)
  int64_t cpu_period_us = 100000;
  int64_t cpu_shares = 0;        // 0: kernel default (1024)
  int64_t pids_max = 0;          // 0: no limit
};

struct container_spec {
  std::string id;        // unique on the node: [A-Za-z0-9_.-], 1..128 characters
  std::string pod_uid;   // echoed in status and list, for re-adoption
  std::string name;      // container name within the pod
  int attempt = 0;       // restart count of this container name
  // The image root filesystem, read-only under the container's overlay: one directory, or the image's layer
  // directories joined by ':' with the topmost layer first (overlay lowerdir order). No ',' in paths.
  std::string rootfs;
  std::vector<std::string> command;  // argv; command[0] is resolved through PATH of `env` when it has no '/'
  std::vector<std::string> env;      // "NAME=value"; PATH defaults to the usual value when absent
  std::string working_dir = "/";
  std::string hostname;              // empty: the container id, truncated to 63 characters
  std::vector<mount_spec> mounts;
  resource_limits limits;
  // The container always has its own mount namespace (its root filesystem); false joins the host's namespace.
  bool own_pid_ns = true, own_uts_ns = true, own_ipc_ns = true;
  std::string netns_path;  // network: a netns file to join (/run/netns/X); empty: the host network
  std::string log_path;    // CRI-format log file for stdout and stderr (appended)
  int64_t log_max_bytes = 10 << 20;  // rotation: file.1 .. file.<log_keep> hold older output
  int log_keep = 1;
};

enum class container_state { created, running, exited };

struct container_status {
  std::string id, pod_uid, name;
  int attempt = 0;
  container_state state = container_state::created;
  int pid = 0;           // host pid of the container's init process while running
  int exit_code = 0;     // 128 + signal when killed by a signal
  int signal = 0;        // the signal that ended it, 0 if it exited
  bool oom_killed = false;
  std::string error;     // why the container never started (exec failed, bad rootfs, ...), else empty
  std::chrono::system_clock::time_point created_at, started_at, finished_at;
  std::string log_path;
};

// The outcome of exec(): the command's exit (exit_code, 128 + signal when killed), or `error` when it never ran.
struct exec_result {
  int exit_code = -1;
  std::string output;      // stdout and stderr together, the first exec_output_cap bytes
  bool timed_out = false;  // the timeout passed and the command was killed (exit_code is then 137)
  std::string error;       // why the command could not run (container not running, not found, ...); else empty
};
inline constexpr std::size_t exec_output_cap = 1 << 20;

// A command started by exec_stream (kubectl exec), its stdio on pipes. The caller owns the descriptors: it writes
// stdin_fd (-1 without stdin) and closes it to signal EOF, reads stdout_fd and stderr_fd, and calls finish() once
// done_fd is readable (the command has ended) — or after kill(), to end it early. finish() reaps the helper,
// closes done_fd and returns the exit code, or `error` when the command could not run.
struct exec_process {
  int stdin_fd = -1, stdout_fd = -1, stderr_fd = -1, done_fd = -1;
  std::function<void()> kill;
  std::function<exec_result()> finish;
};

struct runtime_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class container_runtime {
 public:
  virtual ~container_runtime() = default;
  // Creates and starts the container; returns once its command is exec'd (state running) or throws runtime_error
  // with the reason (the state dir is then removed again). Throws if the id is in use.
  virtual container_status start(const container_spec& spec) = 0;
  // Current status from the state dir, without blocking; nullopt for an unknown id.
  virtual std::optional<container_status> status(const std::string& id) = 0;
  // Sends `sig` (SIGTERM, SIGKILL, ...) to the container's init process; false if it is not running.
  virtual bool signal(const std::string& id, int sig) = 0;
  // Kills the container if it still runs, waits for its shim to finish, and deletes its state: afterwards no
  // process, cgroup or mount of it is left. Unknown ids are ignored.
  virtual void remove(const std::string& id) = 0;
  // All containers in the state root, running or exited (for re-adoption after a node restart).
  virtual std::vector<container_status> list() = 0;
  // Runs argv inside the running container (its namespaces, cgroups and root filesystem, the environment of its
  // init, cwd /) and waits for it; the timeout kills it. Blocking, for exec probes and preStop hooks.
  virtual exec_result exec(const std::string& id, const std::vector<std::string>& argv,
                           std::chrono::milliseconds timeout) = 0;
  // Starts argv inside the running container as exec() does, with stdout and stderr on separate pipes and stdin
  // on a pipe when `with_stdin` (else /dev/null); returns at once. Throws runtime_error when it cannot start
  // (container unknown or not running, empty argv).
  virtual exec_process exec_stream(const std::string& id, const std::vector<std::string>& argv, bool with_stdin) = 0;
};

}  // namespace navarch::runtime
