// What a pod supervisor needs from a container runtime, in Kubernetes terms. The node's runtime (built-in shim or
// runc) is adapted to this; tests use a scripted fake. Calls block, so only the runtime worker (a detached actor
// with its own thread) makes them.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "actors/kubelet/core/pod_inputs.hpp"

namespace navarch::kubelet {

struct container_exit {
  int exit_code = 0;
  int signal = 0;
  bool oom_killed = false;
  std::chrono::system_clock::time_point started_at;
  std::chrono::system_clock::time_point finished_at;
};

struct exec_outcome {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
  bool timed_out = false;
  std::string error;   // why the command never ran
};

// A command started by exec_stream (kubectl exec), its stdio on pipes the caller owns: it writes stdin_fd (-1
// without stdin) and closes it for EOF, reads stdout_fd and stderr_fd, and calls finish() once done_fd is
// readable (the command ended) or after kill(). finish() reaps it and closes done_fd.
struct exec_pipes {
  int stdin_fd = -1, stdout_fd = -1, stderr_fd = -1, done_fd = -1;
  std::function<void()> kill;
  std::function<exec_outcome()> finish;
};

struct start_result {
  std::string container_id;  // empty on failure
  std::string pod_ip;        // the pod's own address; empty when it uses the node's network
  std::string error_reason;  // "ErrImagePull", "CreateContainerError", ...
  std::string error_message;
};

class container_port {
 public:
  virtual ~container_port() = default;
  // Creates and starts one container of `pod` (its spec names image, command, env, volumes, ...); `attempt`
  // numbers the restarts, so each run has its own log file; `inputs` holds the ConfigMaps and Secrets it uses.
  virtual start_result start(const boost::json::object& pod, const boost::json::object& container, int attempt,
                             const pod_inputs& inputs) = 0;
  // nullopt while the container runs.
  virtual std::optional<container_exit> poll(const std::string& container_id) = 0;
  virtual void signal(const std::string& container_id, int signal) = 0;
  // Runs a command inside a running container (exec probes, preStop hooks), killing it after `timeout`.
  virtual exec_outcome exec(const std::string& container_id, const std::vector<std::string>& argv,
                            std::chrono::milliseconds timeout) = 0;
  // Starts a command inside a running container with its stdio on pipes (kubectl exec) and returns at once.
  // Throws std::runtime_error when it cannot start. Runtimes without streaming exec keep this default.
  virtual exec_pipes exec_stream(const std::string& container_id, const std::vector<std::string>& argv,
                                 bool with_stdin) {
    (void)container_id, (void)argv, (void)with_stdin;
    throw std::runtime_error("this container runtime does not support streaming exec");
  }
  // Forgets a stopped container: its processes, cgroups and mounts are gone afterwards.
  virtual void remove(const std::string& container_id) = 0;
  // Containers of a pod still running in the runtime (after a node restart), to be adopted.
  struct running_container {
    std::string name, id;
    int attempt = 0;
    std::chrono::system_clock::time_point started_at;
  };
  virtual std::vector<running_container> running_containers(const std::string& pod_uid) = 0;
  // The log of a container run: the current one, or the previous with `previous`.
  virtual std::string log_path(const boost::json::object& pod, const std::string& container, bool previous) = 0;
  // The pod is done on this node: what it held beyond its containers (its network namespace, its IP) goes.
  virtual void pod_finished(const std::string& pod_uid) = 0;
};

}  // namespace navarch::kubelet
