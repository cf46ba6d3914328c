// The pure heart of a pod supervisor: which containers to start and when (init containers in order, restart
// policy, crash-loop back-off), and the pod status that follows from what the runtime reported. The actor feeds it
// runtime events and probe results and carries out its plans; no clock or I/O in here.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

namespace navarch::kubelet {

using wall_clock = std::chrono::system_clock;

struct backoff_policy {
  std::chrono::milliseconds initial{10000};      // the second restart waits this long, then it doubles
  std::chrono::milliseconds max{300000};         // up to five minutes
  std::chrono::milliseconds reset_after{600000}; // a container that ran this long starts again from no back-off
};

struct termination {
  int exit_code = 0;
  int signal = 0;
  std::string reason;  // "Completed", "Error", "OOMKilled", ...
  std::string message;
  std::string container_id;
  wall_clock::time_point started_at;
  wall_clock::time_point finished_at;
};

class pod_lifecycle {
 public:
  // `pod` is the Pod object (its spec decides containers, images and the restart policy).
  pod_lifecycle(const boost::json::object& pod, backoff_policy backoff);

  // What the runtime and the probes report.
  void started(const std::string& container, const std::string& container_id, wall_clock::time_point at);
  void exited(const std::string& container, termination t);
  // The container could not be created (image missing, bad spec): it waits with this reason and is retried
  // with back-off like a crash.
  void failed_to_start(const std::string& container, const std::string& reason, const std::string& message,
                       wall_clock::time_point at);
  void set_ready(const std::string& container, bool ready);
  // A container found running after a node restart: it continues as it was (restart count from the Pod's status).
  void adopt(const std::string& container, const std::string& container_id, wall_clock::time_point started_at,
             int restarts);

  struct plan {
    std::vector<std::string> start;                 // containers to start now, in this order
    std::optional<wall_clock::time_point> wake_at;  // when a back-off ends and next() has more to do
  };
  plan next(wall_clock::time_point now);

  // status.phase, conditions (Initialized, ContainersReady, Ready), containerStatuses, initContainerStatuses.
  boost::json::object status() const;
  std::string phase() const;
  // Nothing will run again: every container is done and the restart policy starts none.
  bool finished() const;
  bool running(const std::string& container) const;
  std::vector<std::string> running_containers() const;

 private:
  enum class state { not_started, starting, running, waiting_restart, done };
  struct track {
    std::string name;
    std::string image;
    bool init = false;
    state st = state::not_started;
    int restarts = 0;
    bool ready = false;
    std::string container_id;
    wall_clock::time_point started_at;
    std::optional<termination> last;     // the most recent termination
    std::optional<termination> before;   // the one before (lastState while the latest is current)
    std::string waiting_reason = "ContainerCreating";
    std::string waiting_message;
    std::chrono::milliseconds backoff{0};
    wall_clock::time_point restart_at;
  };

  track* find(const std::string& name);
  const track* find(const std::string& name) const;
  bool should_restart(const track& t) const;
  void schedule_restart(track& t, wall_clock::time_point now);
  bool initialized() const;
  boost::json::object container_status(const track& t) const;

  std::string restart_policy_;
  backoff_policy backoff_;
  std::vector<track> tracks_;  // init containers first, in spec order, then the containers
};

}  // namespace navarch::kubelet
