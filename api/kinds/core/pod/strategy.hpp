#pragma once

#include "api/registry/kind_strategy.hpp"

namespace navarch::api {

kind_strategy pod_strategy();

}  // namespace navarch::api
