// scheduling.k8s.io/v1 PriorityClass: a named pod priority. `value` and `preemptionPolicy` never change; names
// starting "system-" are the built-in classes only, which bootstrap creates (system_priority_classes()).
#pragma once

#include <vector>

#include <boost/json/fwd.hpp>

#include "api/registry/kind_strategy.hpp"

namespace navarch::api {

kind_strategy priority_class_strategy();

// system-cluster-critical (2000000000) and system-node-critical (2000001000), as the apiserver creates them at
// start (pkg/apis/scheduling SystemPriorityClasses), without server-set metadata.
std::vector<boost::json::object> system_priority_classes();

}  // namespace navarch::api
