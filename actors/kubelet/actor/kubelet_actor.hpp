// The kubelet actor: registers its Node, keeps the node status and its Lease fresh, runs one pod_supervisor per
// pod bound to its node (fed by an informer), and serves those pods' logs and execs to the apiserver.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include <caf/fwd.hpp>

#include "actors/kubelet/core/container_port.hpp"
#include "actors/kubelet/core/node_objects.hpp"
#include "actors/kubelet/core/pod_lifecycle.hpp"
#include "messages/api_actor.hpp"

namespace navarch::kubelet {

struct kubelet_options {
  node_identity node;
  std::chrono::milliseconds status_interval{10000};  // node status heartbeat
  std::chrono::milliseconds lease_interval{10000};   // lease renewal
  int lease_seconds = 40;
  backoff_policy backoff;
  std::chrono::milliseconds container_poll{500};
};

// `runtime` runs the containers; without one the node registers but runs no pods.
caf::actor spawn_kubelet(caf::actor_system& sys, msg::api_actor api, kubelet_options opts,
                         std::shared_ptr<container_port> runtime = nullptr);

}  // namespace navarch::kubelet
