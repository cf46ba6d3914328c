#pragma once

#include "api/registry/kind_strategy.hpp"

namespace navarch::api {

kind_strategy deployment_strategy();

}  // namespace navarch::api
