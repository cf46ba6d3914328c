#pragma once

#include "api/registry/kind_strategy.hpp"

namespace navarch::api {

kind_strategy event_strategy();

}  // namespace navarch::api
