// networking.k8s.io/v1 IngressClass: which controller implements a class of Ingresses; the controller never changes.
#pragma once

#include "api/registry/kind_strategy.hpp"

namespace navarch::api {

kind_strategy ingress_class_strategy();

}  // namespace navarch::api
