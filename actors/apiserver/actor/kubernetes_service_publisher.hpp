// Publishes the `kubernetes` Service, its Endpoints and EndpointSlice (core/kubernetes_service.hpp) through the
// apiserver's own API, once its HTTPS front listens and so its port is known.
#pragma once

#include <cstdint>
#include <string>

#include <caf/fwd.hpp>

#include "messages/api_actor.hpp"

namespace navarch::apiserver {

// Creates the objects that are missing and brings the others up to date; failures are reported on stderr
// (the cluster still serves), not thrown.
void publish_kubernetes_service(caf::actor_system& sys, const msg::api_actor& api, const std::string& ip,
                                uint16_t port);

}  // namespace navarch::apiserver
