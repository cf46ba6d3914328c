// The kubelet actor: registers its Node, keeps the node status and its Lease fresh. (Pods come with the runtime.)
#pragma once

#include <chrono>
#include <string>

#include <caf/fwd.hpp>

#include "actors/kubelet/core/node_objects.hpp"
#include "messages/api_actor.hpp"

namespace navarch::kubelet {

struct kubelet_options {
  node_identity node;
  std::chrono::milliseconds status_interval{10000};  // node status heartbeat
  std::chrono::milliseconds lease_interval{10000};   // lease renewal
  int lease_seconds = 40;
};

caf::actor spawn_kubelet(caf::actor_system& sys, msg::api_actor api, kubelet_options opts);

}  // namespace navarch::kubelet
