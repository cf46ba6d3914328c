// core/v1 LimitRange: per-container, per-pod and per-claim minimums, maximums and defaults in a namespace.
#pragma once

#include "api/registry/kind_strategy.hpp"

namespace navarch::api {

kind_strategy limit_range_strategy();

}  // namespace navarch::api
