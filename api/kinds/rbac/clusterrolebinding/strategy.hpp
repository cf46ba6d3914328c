// rbac.authorization.k8s.io/v1 ClusterRoleBinding: subjects bound to a ClusterRole cluster-wide; roleRef is immutable.
#pragma once

#include "api/registry/kind_strategy.hpp"

namespace navarch::api {

kind_strategy cluster_role_binding_strategy();

}  // namespace navarch::api
