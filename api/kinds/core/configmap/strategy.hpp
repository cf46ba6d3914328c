#pragma once

#include "api/registry/kind_strategy.hpp"

namespace navarch::api {

kind_strategy config_map_strategy();

}  // namespace navarch::api
