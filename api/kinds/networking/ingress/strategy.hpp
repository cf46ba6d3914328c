// networking.k8s.io/v1 Ingress: HTTP routing rules from hosts and paths to service backends.
#pragma once

#include "api/registry/kind_strategy.hpp"

namespace navarch::api {

kind_strategy ingress_strategy();

}  // namespace navarch::api
