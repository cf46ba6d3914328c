// The runtime worker: the one thread of a node that calls the container runtime (its calls block, and namespace
// work must never run on the actor pool). Supervisors send it jobs; a job reports back by message.
#pragma once

#include <functional>
#include <memory>

#include <caf/fwd.hpp>

#include "actors/kubelet/core/container_port.hpp"

namespace navarch::kubelet {

struct runtime_job {
  std::function<void(container_port&)> run;
};

caf::actor spawn_runtime_worker(caf::actor_system& sys, std::shared_ptr<container_port> port);

}  // namespace navarch::kubelet
