// One actor per pod on a node: starts its containers through the runtime worker (init containers first), restarts
// them by the pod's restartPolicy with crash-loop back-off, reports the pod's status, and carries out graceful
// deletion (TERM, the grace period, KILL, then the final delete of the Pod).
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include <boost/json/object.hpp>
#include <caf/fwd.hpp>

#include "actors/kubelet/core/pod_lifecycle.hpp"
#include "messages/api_actor.hpp"

namespace navarch::kubelet {

struct supervisor_options {
  std::string node;
  std::string host_ip = "127.0.0.1";
  backoff_policy backoff;
  std::chrono::milliseconds poll_interval{500};
};

// Spawned by the kubelet (linked: a kubelet that stops takes its supervisors along).
caf::actor spawn_pod_supervisor(caf::local_actor* kubelet, msg::api_actor api, caf::actor runtime_worker,
                                supervisor_options opts, std::shared_ptr<const boost::json::object> pod);

}  // namespace navarch::kubelet
