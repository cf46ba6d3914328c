// networking.k8s.io/v1 NetworkPolicy: allowed ingress and egress traffic of the pods a selector picks.
#pragma once

#include "api/registry/kind_strategy.hpp"

namespace navarch::api {

kind_strategy network_policy_strategy();

}  // namespace navarch::api
