// Messages that stay inside one kubelet (supervisors, the runtime worker): plain C++ types, never serialized.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/json/object.hpp>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/actor.hpp>
#include <caf/atom.hpp>
#include <caf/typed_response_promise.hpp>

#include "messages/api.hpp"

#include "actors/kubelet/actor/runtime_worker.hpp"
#include "actors/kubelet/core/container_port.hpp"
#include "actors/kubelet/core/log_view.hpp"

namespace navarch::kubelet {

// The Pod is gone from the API: its supervisor stops every container at once and ends.
using pod_gone_atom = caf::atom_constant<caf::atom("podgone")>;

// A new version of the supervisor's pod, as the kubelet's informer saw it.
struct pod_changed {
  std::shared_ptr<const boost::json::object> pod;
};

// The runtime worker's answers to a supervisor.
struct container_started {
  std::string container;
  start_result result;
};
struct containers_polled {
  std::vector<std::pair<std::string, container_exit>> exited;  // container name, how it ended
};

// Containers of a pod that were already running when its supervisor started (a node restart).
struct containers_found {
  struct found {
    std::string name, id;
    int attempt = 0;
    std::chrono::system_clock::time_point started_at;
  };
  std::vector<found> running;
};

// The outcome of one probe run (0 startup, 1 liveness, 2 readiness), back to the container's supervisor.
struct probe_result {
  std::string container;
  int which = 0;
  bool success = false;
  bool supported = true;
  std::string message;
};

// A `kubectl logs -f` in progress: the file is read on from `offset` until the container stops running.
struct log_follower {
  caf::actor client;
  std::string path;
  std::string ns, pod, container;
  log_view_options view;
  size_t offset = 0;
};
struct follow_started {
  int64_t stream = 0;
  log_follower follower;
};
// A log read by the runtime worker, for the kubelet to answer with.
struct log_ready {
  caf::typed_response_promise<msg::api_response> rp;
  std::string text;
  std::optional<follow_started> follow;
};

}  // namespace navarch::kubelet

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(navarch::kubelet::log_ready)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(navarch::kubelet::probe_result)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(navarch::kubelet::containers_found)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(navarch::kubelet::runtime_job)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(navarch::kubelet::pod_changed)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(navarch::kubelet::container_started)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(navarch::kubelet::containers_polled)
