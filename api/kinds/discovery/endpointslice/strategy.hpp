// discovery.k8s.io/v1 EndpointSlice: a slice of a service's endpoints; addressType never changes.
#pragma once

#include "api/registry/kind_strategy.hpp"

namespace navarch::api {

kind_strategy endpoint_slice_strategy();

}  // namespace navarch::api
