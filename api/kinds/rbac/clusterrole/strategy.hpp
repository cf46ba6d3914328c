// rbac.authorization.k8s.io/v1 ClusterRole: cluster-wide policy rules, non-resource URLs, aggregation selectors.
#pragma once

#include "api/registry/kind_strategy.hpp"

namespace navarch::api {

kind_strategy cluster_role_strategy();

}  // namespace navarch::api
