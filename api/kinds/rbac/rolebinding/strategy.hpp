// rbac.authorization.k8s.io/v1 RoleBinding: subjects bound to a Role or ClusterRole in one namespace; roleRef is immutable.
#pragma once

#include "api/registry/kind_strategy.hpp"

namespace navarch::api {

kind_strategy role_binding_strategy();

}  // namespace navarch::api
